"""Our own on-screen keyboard: big keys that type into a QLineEdit, never into the OS.

:class:`KeyboardDock` raises it for the focused field and keeps that field in view above it.

Qt Virtual Keyboard is GPL, so the kiosk draws its own. Keys never take focus: the text field
keeps it, and a key calls ``insert()`` / ``backspace()`` on the field it is given. Without a
touch, the arrows move a highlight over the keys and Enter types the highlighted one (the dock
forwards those keys from the field; see :class:`kiosk.ui.keyboard_dock.KeyboardDock`). Three pages:
letters (with a one-shot shift, digits and ``@ . - _``), the accented letters Spanish needs, and
a telephone keypad for the phone field.

Read aloud (what :mod:`kiosk.ui.form_speech` says for the keyboard). The keyboard tells which key
is under the patient's finger in two ways, and never what was typed:

- ``key_reached(words)``: the highlight moved onto a key by the arrows. Every key says its
  spoken label ("B", "capital B", "at sign", "Space", "Delete", "Capital letter", "Hide the
  keyboard" ...), so a keypad user can find the key before pressing it. Pressing it (Enter)
  says nothing more for a character: the label was all, and nothing typed is ever echoed.
- ``control_pressed(words)``: a control key was pressed, by a touch or by keys (Space,
  Delete, Capital letter on or off, the accents page, Hide). A touch on a character key says
  nothing at all: echoing touched characters on the speaker would spell out a patient's name,
  phone number or email to the waiting room. Control keys give nothing of that away.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.icons import make_icon
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import big_button

LETTERS = "letters"
ACCENTS = "accents"
PHONE = "phone"

CHAR, SHIFT, BACK, SPACE, HIDE, PAGE = "char", "shift", "back", "space", "hide", "page"

_DIGITS = tuple((CHAR, d, 1.0) for d in "1234567890")
_BOTTOM_ROW = (
    (CHAR, "@", 1.0),
    (CHAR, ".", 1.0),
    (CHAR, "-", 1.0),
    (CHAR, "_", 1.0),
    (SPACE, " ", 3.0),
    (HIDE, "", 1.5),
)


@dataclass(frozen=True, slots=True)
class Key:
    kind: str
    value: str
    button: QPushButton


def _letter_rows(
    row_a: str, row_b: str, row_c: str
) -> tuple[tuple[tuple[str, str, float], ...], ...]:
    return (
        _DIGITS,
        tuple((CHAR, c, 1.0) for c in row_a),
        tuple((CHAR, c, 1.0) for c in row_b),
        ((SHIFT, "", 1.5), *((CHAR, c, 1.0) for c in row_c), (BACK, "", 1.5)),
    )


PAGES: dict[str, tuple[tuple[tuple[str, str, float], ...], ...]] = {
    LETTERS: (
        *_letter_rows("qwertyuiop", "asdfghjklñ", "zxcvbnm"),
        ((PAGE, ACCENTS, 1.5), *_BOTTOM_ROW),
    ),
    ACCENTS: (
        _DIGITS,
        tuple((CHAR, c, 2.0) for c in "áéíóú"),
        tuple((CHAR, c, 2.0) for c in "üñ'"),
        (
            (SHIFT, "", 1.5),
            (CHAR, ",", 7.0 / 3),
            (CHAR, "&", 7.0 / 3),
            (CHAR, "·", 7.0 / 3),
            (BACK, "", 1.5),
        ),
        ((PAGE, LETTERS, 1.5), *_BOTTOM_ROW),
    ),
    PHONE: (
        ((CHAR, "1", 1.0), (CHAR, "2", 1.0), (CHAR, "3", 1.0), (BACK, "", 1.0)),
        ((CHAR, "4", 1.0), (CHAR, "5", 1.0), (CHAR, "6", 1.0), (CHAR, "(", 1.0)),
        ((CHAR, "7", 1.0), (CHAR, "8", 1.0), (CHAR, "9", 1.0), (CHAR, ")", 1.0)),
        ((CHAR, "+", 1.0), (CHAR, "0", 1.0), (CHAR, "-", 1.0), (SPACE, " ", 1.0)),
        ((HIDE, "", 4.0),),
    ),
}
_PAGE_WIDTH = {LETTERS: 1500, ACCENTS: 1500, PHONE: 900}
"""Widest a page grows (logical px at scale 1): keys stay within reach of one hand."""


def key_px(theme: Theme, size: int) -> int:
    """A key label's font size: it grows half as fast as the theme's text, so that at the
    largest text step a row of ten keys still fits a portrait screen and a 72 px key still
    holds its letter (the letters are large already, and the field shows what was typed)."""
    return max(1, round(size * (1 + (theme.scale - 1) / 2)))


def _invalidate_tree(layout: QLayout | None) -> None:
    """Forget the cached sizes of ``layout`` and every layout nested in it (Qt's own
    invalidate() leaves nested row layouts stale until the widget is next activated)."""
    if layout is None:
        return
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None:
            _invalidate_tree(item.layout())
    layout.invalidate()


class OnScreenKeyboard(QWidget):
    """Types into the field given to :meth:`show_for`; ``hide_requested`` from its hide key."""

    hide_requested = Signal()
    shown = Signal(bool)
    """True when the keyboard comes up, False when it goes down."""
    rising = Signal()
    """The keyboard is about to come up: the last moment to make room before the layout
    (and with it a fullscreen window) grows to take it."""
    key_reached = Signal(str)
    """The spoken label of the key the highlight moved onto (by the arrows)."""
    control_pressed = Signal(str)
    """What a control key did, in words (never a character: see the module's docstring)."""
    left_keys = Signal()
    """The highlight went off the keys (Back, Up from the top row, Hide by keys)."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._target: QLineEdit | None = None
        self._shift = False
        self._keys: dict[str, list[Key]] = {}
        self._grid: dict[str, list[list[Key]]] = {}
        self._highlight: tuple[int, int] | None = None
        self._rows: list[QBoxLayout] = []
        self.setObjectName("Keyboard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(self._style())

        self._pages = QStackedWidget(self)
        for name, rows in PAGES.items():
            self._pages.addWidget(self._build_page(name, rows))
        self._column = QVBoxLayout(self)
        self._column.addWidget(self._pages)
        self._set_gaps(theme.px(10))
        self.show_page(LETTERS)
        self.retranslate()

    # --- public API ---------------------------------------------------------------------

    @property
    def target(self) -> QLineEdit | None:
        return self._target

    @property
    def page(self) -> str:
        return tuple(PAGES)[self._pages.currentIndex()]

    @property
    def shift_on(self) -> bool:
        return self._shift

    def show_for(self, field: QLineEdit | None, *, phone: bool = False) -> None:
        """Type into ``field`` from now on; the telephone keypad when ``phone``."""
        self._target = field
        if phone:
            self.show_page(PHONE)
        elif self.page == PHONE:
            self.show_page(LETTERS)

    def show_page(self, name: str) -> None:
        self._pages.setCurrentIndex(tuple(PAGES).index(name))
        if self._highlight is not None:  # the same place on the new page, or the nearest
            self._set_highlight(*self._highlight, spoken=False)

    # --- by keys: a highlight moves over the keys, the field keeps the focus -------------

    @property
    def highlighted(self) -> QPushButton | None:
        """The key the arrows have reached (None: the keyboard is not being used by keys)."""
        if self._highlight is None:
            return None
        row, column = self._highlight
        return self._grid[self.page][row][column].button

    def start_highlight(self) -> None:
        """Keys come into the keyboard: the highlight on its first key (top left)."""
        self._set_highlight(0, 0)

    def stop_highlight(self) -> None:
        if self._highlight is not None:
            self._set_highlight(None)
            self.left_keys.emit()

    def move_highlight(self, rows: int, columns: int) -> bool:
        """Move the highlight by whole rows (to the key nearest below or above, by its middle)
        or keys along the row; False when there is no row that way (the keys leave upwards)."""
        if self._highlight is None:
            return False
        grid = self._grid[self.page]
        row, column = self._highlight
        if columns:
            self._set_highlight(row, max(0, min(len(grid[row]) - 1, column + columns)))
            return True
        to = row + rows
        if not 0 <= to < len(grid):
            return to >= 0  # at the bottom the highlight stays; at the top it leaves
        middle = grid[row][column].button.geometry().center().x()
        nearest = min(
            range(len(grid[to])),
            key=lambda i: abs(grid[to][i].button.geometry().center().x() - middle),
        )
        self._set_highlight(to, nearest)
        return True

    def position_of(self, button: QPushButton) -> tuple[int, int]:
        """Where ``button`` is on the current page: its row and its place in the row."""
        for row, keys in enumerate(self._grid[self.page]):
            for column, key in enumerate(keys):
                if key.button is button:
                    return row, column
        raise KeyError(button)

    def press_highlighted(self) -> None:
        """Enter on the highlighted key: as a tap on it."""
        key = self.highlighted
        if key is not None:
            key.click()

    def _set_highlight(self, row: int | None, column: int = 0, *, spoken: bool = True) -> None:
        old = self.highlighted
        if row is None:
            self._highlight = None
        else:
            grid = self._grid[self.page]
            row = min(row, len(grid) - 1)
            self._highlight = (row, min(column, len(grid[row]) - 1))
        new = self.highlighted
        for button in {old, new} - {None}:
            assert button is not None
            button.setProperty("highlight", button is new)  # [highlight="true"] below
            button.style().unpolish(button)
            button.style().polish(button)
        if spoken and new is not None and new is not old:
            self.key_reached.emit(self.spoken_label(new))

    def spoken_label(self, button: QPushButton) -> str:
        """The words read aloud for ``button`` (a key of any page) in the patient's language:
        a letter as the capital it reads as ("B"; "capital B" while Shift is on), a mark by
        its name ("at sign"), a control key by what it does ("Delete")."""
        key = next(k for keys in self._keys.values() for k in keys if k.button is button)
        if key.kind == SHIFT:
            return self.tr("Capital letter")
        if key.kind == BACK:
            return self.tr("Delete")
        if key.kind == SPACE:
            return self.tr("Space")
        if key.kind == HIDE:
            return self.tr("Hide the keyboard")
        if key.kind == PAGE:
            return self._page_words(key.value)
        return self._character_words(key.value)

    def _page_words(self, page: str) -> str:
        return self.tr("Letters with accents") if page == ACCENTS else self.tr("Plain letters")

    def _character_words(self, char: str) -> str:
        marks = {
            "@": self.tr("at sign"),
            ".": self.tr("dot"),
            "-": self.tr("dash"),
            "_": self.tr("underscore"),
            "'": self.tr("apostrophe"),
            ",": self.tr("comma"),
            "&": self.tr("and sign"),
            "·": self.tr("middle dot"),
            "(": self.tr("open bracket"),
            ")": self.tr("close bracket"),
            "+": self.tr("plus"),
        }
        if char in marks:
            return marks[char]
        if not char.isalpha():
            return char  # a digit says itself
        base = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u"}.get(char, char)
        if char == "ñ":
            words = self.tr("n with a tilde")
        elif char == "ü":
            words = self.tr("{0} with two dots").format(base.upper())
        elif char != base:
            words = self.tr("{0} with an accent").format(base.upper())
        else:
            words = char.upper()
        return self.tr("capital {0}").format(words) if self._shift else words

    def set_shift(self, on: bool) -> None:
        self._shift = on
        self._refresh_labels()

    def reset(self) -> None:
        """Forget the field, shift off, back to the letters page."""
        self.stop_highlight()
        self._target = None
        self.show_page(LETTERS)
        self.set_shift(False)

    def key_buttons(self, page: str | None = None) -> list[QPushButton]:
        """Every key of ``page`` (the current page unless named)."""
        return [key.button for key in self._keys[page or self.page]]

    def key_for(self, text: str) -> QPushButton:
        """The key on the current page that types ``text`` (a lower-case letter for letters)."""
        for key in self._keys[self.page]:
            if key.kind == CHAR and key.value == text:
                return key.button
            if key.kind == SPACE and text == " ":
                return key.button
        raise KeyError(text)

    def special_key(self, kind: str, page: str | None = None) -> QPushButton:
        """The shift, backspace, hide or page key (``SHIFT``, ``BACK``, ``HIDE``, ``PAGE``)."""
        for key in self._keys[page or self.page]:
            if key.kind == kind:
                return key.button
        raise KeyError(kind)

    # --- building -----------------------------------------------------------------------

    def _build_page(
        self, name: str, rows: tuple[tuple[tuple[str, str, float], ...], ...]
    ) -> QWidget:
        page = QWidget()
        page.setObjectName(name)
        page.setMaximumWidth(self._theme.px(_PAGE_WIDTH[name]))
        outer = QHBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QVBoxLayout()
        outer.addLayout(inner)
        self._rows.append(inner)
        keys: list[Key] = []
        self._grid[name] = []
        for row in rows:
            line = QHBoxLayout()
            self._rows.append(line)
            total = sum(width for _, _, width in row)
            self._grid[name].append([])
            for kind, value, width in row:
                button = self._make_key(kind, value)
                line.addWidget(button, round(width * 12))
                keys.append(Key(kind, value, button))
                self._grid[name][-1].append(keys[-1])
            if total < 10 and name != PHONE:
                line.insertStretch(0, round((10 - total) * 6))
                line.addStretch(round((10 - total) * 6))
            inner.addLayout(line)
        self._keys[name] = keys
        holder = QWidget()
        holder.setObjectName(name)
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(page)
        return holder

    def _make_key(self, kind: str, value: str) -> QPushButton:
        theme = self._theme
        button = big_button(theme, role="key" if kind == CHAR else "key-special")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFixedHeight(theme.target)
        button.setMinimumWidth(Theme.MIN_TOUCH_TARGET)
        icons = {
            SHIFT: "mdi6.arrow-up-bold-outline",
            BACK: "mdi6.backspace-outline",
            HIDE: "mdi6.keyboard-close",
        }
        if kind in icons:
            # Never taller than the smallest key (less its border): compact keys are 72 px.
            size = min(key_px(theme, 44), Theme.MIN_TOUCH_TARGET - 20)
            button.setIcon(make_icon(icons[kind], size, theme.palette.primary))
            button.setIconSize(QSize(size, size))
        if kind == SHIFT:
            button.setCheckable(True)
            button.clicked.connect(self._toggle_shift)
        elif kind == BACK:
            button.setAutoRepeat(True)
            button.setAutoRepeatDelay(600)
            button.setAutoRepeatInterval(120)
            button.clicked.connect(self._backspace)
        elif kind == HIDE:
            button.clicked.connect(lambda: self.control_pressed.emit(self.tr("Keyboard hidden")))
            button.clicked.connect(self.hide_requested)
        elif kind == PAGE:
            button.clicked.connect(lambda: self._turn_page(value))
        elif kind == SPACE:
            button.clicked.connect(lambda: self._type(value))
            button.clicked.connect(lambda: self.control_pressed.emit(self.tr("Space")))
        else:
            button.clicked.connect(lambda: self._type(value))
        return button

    def _style(self) -> str:
        t, p = self._theme, self._theme.palette
        return f"""
        #Keyboard {{ background: {p.sand}; border-top: 3px solid {p.outline}; }}
        #Keyboard QPushButton {{
            min-width: {Theme.MIN_TOUCH_TARGET}px; min-height: {t.target - 4}px; padding: 0;
            font-size: {key_px(t, 36)}px; font-weight: bold; border-radius: {t.px(14)}px;
            background: {p.surface}; color: {p.ink}; border: 2px solid {p.outline};
        }}
        #Keyboard[compact="true"] QPushButton {{ min-height: {Theme.MIN_TOUCH_TARGET - 4}px; }}
        #Keyboard QPushButton[role="key-special"] {{ background: {p.background};
            color: {p.primary}; border: 3px solid {p.primary};
            font-size: {key_px(t, t.button_px)}px; }}
        #Keyboard QPushButton:pressed, #Keyboard QPushButton:checked {{
            background: {p.primary}; color: {p.on_primary}; border-color: {p.primary}; }}
        #Keyboard QPushButton[highlight="true"] {{
            border: {Theme.FOCUS_RING}px double {p.focus_ring}; background-clip: padding; }}
        """

    # --- typing -------------------------------------------------------------------------

    def _type(self, value: str) -> None:
        if self._target is None:
            return
        self._target.insert(value.upper() if self._shift else value)
        if self._shift and value.isalpha():
            self.set_shift(False)

    def _backspace(self) -> None:
        if self._target is not None:
            self._target.backspace()
        self.control_pressed.emit(self.tr("Delete"))

    def _toggle_shift(self) -> None:
        self.set_shift(not self._shift)
        self.control_pressed.emit(
            self.tr("Capital letter on") if self._shift else self.tr("Capital letter off")
        )

    def _turn_page(self, page: str) -> None:
        self.show_page(page)
        self.control_pressed.emit(self._page_words(page))

    def _refresh_labels(self) -> None:
        for keys in self._keys.values():
            for key in keys:
                if key.kind == CHAR:
                    text = key.value.upper() if self._shift else key.value
                    key.button.setText(text)
                    key.button.setAccessibleName(text)
                elif key.kind == SHIFT:
                    key.button.setChecked(self._shift)

    def set_compact(self, compact: bool) -> None:
        """Keys at the smallest touch size (72 px) instead of the theme's target, for screens
        too short to show the form, its buttons and a full-size keyboard at once."""
        if bool(self.property("compact")) == compact:
            return
        self.setProperty("compact", compact)  # #Keyboard[compact="true"] in the style below
        height = Theme.MIN_TOUCH_TARGET if compact else self._theme.target
        self._set_gaps(Theme.MIN_TOUCH_TARGET // 9 if compact else self._theme.px(10))
        for keys in self._keys.values():
            for key in keys:
                key.button.style().unpolish(key.button)
                key.button.style().polish(key.button)
                key.button.setFixedHeight(height)
        self._hold_word_widths()
        # The pages' cached size hints do not follow their keys by themselves while the
        # keyboard is hidden (it shrinks before it rises): refresh them from the keys up.
        for widget in [*self._pages.findChildren(QWidget), self._pages, self]:
            _invalidate_tree(widget.layout())
            widget.updateGeometry()

    def _set_gaps(self, gap: int) -> None:
        """The space between keys and rows, and (twice that) round the keyboard."""
        self._column.setContentsMargins(gap * 2, gap * 2, gap * 2, gap * 2)
        for row in self._rows:
            row.setSpacing(gap)

    def retranslate(self) -> None:
        names = {
            SHIFT: self.tr("Capital letter"),
            BACK: self.tr("Delete the last letter"),
            SPACE: self.tr("Space"),
            HIDE: self.tr("Hide the keyboard"),
        }
        for keys in self._keys.values():
            for key in keys:
                if key.kind in names:
                    key.button.setAccessibleName(names[key.kind])
                    if key.kind == SPACE:
                        key.button.setText(self.tr("space"))
                    elif key.kind == HIDE:
                        key.button.setText(self.tr("Hide"))
                elif key.kind == PAGE:
                    accents = key.value == ACCENTS
                    key.button.setText("áé ñ" if accents else "abc")
                    key.button.setAccessibleName(self._page_words(key.value))
        self._refresh_labels()
        self._hold_word_widths()

    def _hold_word_widths(self) -> None:
        """A worded key (space, Hide) is never narrower than its word. Again after every
        re-polish: the style sheet's min-width replaces a minimum set before it."""
        for keys in self._keys.values():
            for key in keys:
                if key.kind in (SPACE, HIDE):
                    key.button.ensurePolished()
                    key.button.setMinimumWidth(
                        max(Theme.MIN_TOUCH_TARGET, key.button.sizeHint().width())
                    )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def setVisible(self, visible: bool) -> None:
        if visible and self.isHidden():
            self.rising.emit()
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.shown.emit(False)
