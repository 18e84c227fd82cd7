"""Building blocks of the visit form: big one-of-many choices, titled sections, and where its
title, display controls and bottom-bar parts go for the screen's shape."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import accessibility
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue
from kiosk.ui.widgets import big_button, make_big, set_label

if TYPE_CHECKING:  # display_controls builds on two_state_icon from here
    from kiosk.ui.display_controls import DisplayControls


ARROW_STEPS: dict[int, int] = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Left: -1,
}
"""Where an arrow moves within a one-of-many group: the next choice or the previous one, in
reading order (past the last, round to the first)."""


def two_state_icon(theme: Theme, off: str, on: str, off_colour: str, on_colour: str) -> QIcon:
    size = theme.px(40)
    icon = QIcon()
    icon.addPixmap(icon_pixmap(off, size, off_colour), QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(icon_pixmap(on, size, on_colour), QIcon.Mode.Normal, QIcon.State.On)
    return icon


def plain_label(role: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ChoiceGroup(QWidget):
    """Big one-of-many buttons in a grid; none chosen until the patient taps one.

    By keys it is one radio group: Tab reaches only its chosen button (the first while none
    is), the arrows move to the next or previous one and choose it, Enter or Space chooses the
    focused one, and Tab leaves the group. The caller names the group by its question.
    """

    changed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        accessibility.install()  # a radio group to a screen reader (named by the caller)
        self.setProperty("role", "choice-group")
        self._theme = theme
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.spacing // 2)
        self.buttons: dict[str, WrappingButton] = {}
        self._columns = 2
        self._shown_columns = 0
        self._rescue = TapRescue(self)
        p = theme.palette
        self._icon = two_state_icon(
            theme, "mdi6.radiobox-blank", "mdi6.radiobox-marked", p.primary, p.on_primary
        )

    def set_choices(self, keys: tuple[str, ...], columns: int = 2) -> None:
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        self._columns, self._shown_columns = columns, 0
        for key in keys:
            # Words wrap: a clinic's location name may be long, and the largest text on a
            # portrait screen leaves one column of about 30 characters.
            button = WrappingButton(self._theme, self._icon, "choice")
            button.setParent(self)
            button.installEventFilter(self._rescue)
            button.installEventFilter(self)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.clicked.connect(lambda _=False, chosen=key: self.choose(chosen))
            button.set_words(key)
            self.buttons[key] = button
        self._regrid()
        self._rove()

    def _regrid(self) -> None:
        """As many columns as asked for where the longest label fits, else one."""
        buttons = list(self.buttons.values())
        columns = self._columns
        if columns > 1 and self.width() > 0 and buttons:
            widest = max(button.one_line_width() for button in buttons)
            if widest * columns + self._grid.spacing() * (columns - 1) > self.width():
                columns = 1
        if columns == self._shown_columns:
            return
        self._shown_columns = columns
        for button in buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(buttons):
            self._grid.addWidget(button, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._regrid()

    def set_labels(self, labels: Mapping[str, str]) -> None:
        for key, button in self.buttons.items():
            button.set_words(labels.get(key, key))
        self._shown_columns = 0  # the words changed: measure again
        self._regrid()

    def choose(self, key: str) -> None:
        for other, button in self.buttons.items():
            button.setChecked(other == key)
        self._rove()
        self.changed.emit()

    def value(self) -> str:
        return next((key for key, b in self.buttons.items() if b.isChecked()), "")

    def clear(self) -> None:
        for button in self.buttons.values():
            button.setChecked(False)
        self._rove()

    def tab_stop(self) -> QPushButton | None:
        """The one button Tab reaches: the chosen one, else the first."""
        chosen = self.value()
        if chosen:
            return self.buttons[chosen]
        return next(iter(self.buttons.values()), None)

    def _rove(self) -> None:
        stop = self.tab_stop()
        for button in self.buttons.values():
            focus = Qt.FocusPolicy.TabFocus if button is stop else Qt.FocusPolicy.NoFocus
            button.setFocusPolicy(focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = ARROW_STEPS.get(event.key())
            keys = list(self.buttons)
            if step is not None and watched in self.buttons.values() and keys:
                here = keys.index(next(k for k, b in self.buttons.items() if b is watched))
                chosen = keys[(here + step) % len(keys)]
                self.choose(chosen)
                self.buttons[chosen].setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)


class WrappingButton(QPushButton):
    """A big checkable button whose words wrap onto more lines when the row is too narrow
    for them (the consent sentence at large text on a portrait screen); its box icon shows
    the check state. The words are a label inside it; a tap on them is the button's."""

    def __init__(self, theme: Theme, icon: QIcon, role: str) -> None:
        super().__init__()
        make_big(self, theme, role=role)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # keys only: a tap leaves no ring
        self.setAutoDefault(True)  # Enter chooses, as Space does
        self._icon = icon
        self._size = theme.px(48)
        self._box = plain_label("", self)
        self.words = plain_label(f"{role}-words", self)
        self._box.setWordWrap(False)
        for label in (self._box, self.words):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._row = row = QHBoxLayout(self)
        row.setContentsMargins(theme.px(24), theme.spacing // 2, theme.px(24), theme.spacing // 2)
        row.setSpacing(theme.spacing // 2)
        row.addWidget(self._box, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.words, 1)
        self.toggled.connect(self._show_state)
        self._show_state(False)

    def set_words(self, words: str) -> None:
        self.words.setText(words)
        self.setAccessibleName(words)
        self.updateGeometry()

    def one_line_width(self) -> int:
        """The width the button needs to show its words on one line."""
        margins = self._row.contentsMargins()
        words = self.words.fontMetrics().horizontalAdvance(self.words.text()) + 1
        return margins.left() + self._size + self._row.spacing() + words + margins.right()

    def _show_state(self, on: bool) -> None:
        state = QIcon.State.On if on else QIcon.State.Off
        self._box.setPixmap(
            self._icon.pixmap(QSize(self._size, self._size), QIcon.Mode.Normal, state)
        )
        self.words.setProperty("on", on)  # QLabel[on="true"] in the form's style sheet
        self.words.style().unpolish(self.words)
        self.words.style().polish(self.words)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()


class FormSection(QWidget):
    """A heading, an optional hint, the field itself and, when needed, the words of an error."""

    def __init__(self, theme: Theme, body: QWidget, centred: bool = False) -> None:
        super().__init__()
        self.body = body
        self.required = False
        """A screen reader says the field is required (see :meth:`set_required`)."""
        self._error: str | None = None
        self.heading = plain_label("field", self)
        self.hint = plain_label("small", self)
        self.error_row = QWidget(self)
        icon = plain_label("", self.error_row)
        icon.setPixmap(icon_pixmap("mdi6.alert-circle", theme.px(36), theme.palette.accent))
        self.error_text = plain_label("error", self.error_row)
        row = QHBoxLayout(self.error_row)
        row.setContentsMargins(0, theme.spacing // 3, 0, 0)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.error_text, 1)
        self.error_row.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing // 3)
        for widget in (self.heading, self.hint, body, self.error_row):
            column.addWidget(widget)
        if centred:
            column.setAlignment(body, Qt.AlignmentFlag.AlignHCenter)

    def set_texts(self, heading: str, hint: str = "") -> None:
        self.heading.setText(heading)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def set_required(self, required: bool) -> None:
        """Whether the request cannot go without this field (said to a screen reader; see
        :func:`kiosk.ui.accessibility.mark_required`)."""
        self.required = required
        self._tell_state()

    def set_error(self, words: str | None) -> None:
        self._error = words
        self.error_text.setText(words or "")
        self.error_row.setVisible(words is not None)
        self._tell_state()

    def _tell_state(self) -> None:
        """The field, to a screen reader: invalid while its error shows, the error (else
        "Required") as its description."""
        accessibility.set_field_state(self.body, required=self.required, error=self._error)


class ControlsPlacement:
    """Where the form's title and its display controls (language, text size, contrast) go.

    Landscape: in the top bar, the controls beside the title when both fit on one line, else on
    a row of their own under it, as many to a row as fit. Portrait, where the top of the screen
    is out of a seated patient's reach: the top bar holds only the title and reaches down to the
    reach band, so the form below it starts inside the band, and the controls move to a bar of
    their own (``bottom``) above Send and Cancel.
    """

    def __init__(
        self,
        theme: Theme,
        title: QLabel,
        intro: QLabel,
        controls: DisplayControls,
        top: QWidget,
        bottom: QWidget,
    ) -> None:
        self._theme, self._title, self._controls = theme, title, controls
        self._top, self._bottom = top, bottom
        self.portrait = False
        self._state: tuple[bool, bool, int] | None = None
        # The holder's own minimum is the narrowest arrangement (one button to a row), never
        # the current one: a minimum taken from a wide arrangement would keep the window (and
        # so the form) that wide, and the form would never reflow for the real screen.
        self._holder = QWidget(top)
        self._holder.setMinimumWidth(controls.width_for(1))
        holding = QHBoxLayout(self._holder)
        holding.setContentsMargins(0, 0, 0, 0)
        holding.addWidget(controls, 0, Qt.AlignmentFlag.AlignLeft)
        column = QVBoxLayout()
        column.setSpacing(theme.spacing // 4)
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(intro)
        column.addStretch(1)
        self._grid = QGridLayout(top)
        self._grid.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        self._grid.setSpacing(theme.spacing)
        self._grid.addLayout(column, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self._row = QHBoxLayout(bottom)
        self._row.setContentsMargins(theme.margin, theme.spacing, theme.margin, 0)

    def arrange(self, width: int, reach_top: int) -> None:
        """Place the parts for a form ``width`` pixels wide whose top ``reach_top`` rows are
        out of reach (0: all of it is in reach)."""
        portrait = reach_top > 0
        inner = width - 2 * self._theme.margin
        self._title.ensurePolished()
        title_width = self._title.fontMetrics().horizontalAdvance(self._title.text())
        count = len(self._controls.buttons)
        beside = not portrait and (
            title_width + self._theme.spacing + self._controls.width_for(count) <= inner
        )
        columns = count if beside else self._controls.flow(inner)
        self._controls.set_columns(columns)
        self._holder.setMinimumWidth(self._controls.width_for(1))  # the words may change
        self._top.setMinimumHeight(reach_top)
        state = (portrait, beside, columns)
        if state == self._state:
            return
        self._state = state
        self.portrait = portrait
        self._grid.removeWidget(self._holder)
        self._row.removeWidget(self._holder)
        if portrait:
            self._row.addWidget(self._holder)
        elif beside:
            self._grid.addWidget(self._holder, 0, 1, Qt.AlignmentFlag.AlignTop)
        else:
            self._grid.addWidget(self._holder, 1, 0, 1, 2)
        self._bottom.setVisible(portrait)


class NavRow:
    """The form's bottom bar: Cancel, Send and the line that says some answers need another
    look, between the buttons where it has room, else on a line of its own above them. Where
    even the two buttons do not fit side by side (long words at the largest text on a portrait
    screen), each takes a row of its own, Send first."""

    def __init__(
        self, theme: Theme, bar: QWidget, cancel: QPushButton, summary: QLabel, send: QPushButton
    ) -> None:
        self._theme, self._cancel, self._summary, self._send = theme, cancel, summary, send
        self._state: tuple[bool, bool] | None = None
        self._grid = QGridLayout(bar)
        self._grid.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        self._grid.setSpacing(theme.spacing)
        self._grid.setColumnStretch(1, 1)
        # Until the form knows its width: the lowest arrangement. A taller guess would raise
        # the window's minimum height before the form is shown, and a top-level window that
        # grew past the screen never shrinks back.
        self._place(inline=True, side_by_side=True)

    def arrange(self, width: int) -> None:
        buttons = self._cancel.sizeHint().width() + self._send.sizeHint().width()
        room = width - 2 * self._theme.margin - buttons - 2 * self._theme.spacing
        self._place(inline=room >= self._theme.px(400), side_by_side=room >= 0)

    def _place(self, *, inline: bool, side_by_side: bool) -> None:
        if (inline, side_by_side) == self._state:
            return
        self._state = (inline, side_by_side)
        for widget in (self._summary, self._cancel, self._send):
            self._grid.removeWidget(widget)
        if side_by_side:
            self._grid.addWidget(self._cancel, 1, 0)
            self._grid.addWidget(self._send, 1, 2)
        else:
            self._grid.addWidget(self._send, 1, 0, 1, 3)
            self._grid.addWidget(self._cancel, 2, 0, 1, 3)
        if inline:
            self._grid.addWidget(self._summary, 1, 1)
        else:
            self._grid.addWidget(self._summary, 0, 0, 1, 3)


class DiscardQuestion(QWidget):
    """ "Discard what you typed?" with two big answers, in place of the form's bottom bar.

    Touch either answer, or use the keys: the safe answer ("No, keep editing") has the focus,
    Tab moves between the two, Enter or Space answers, Esc keeps editing. Signals: ``discard``
    and ``keep``.
    """

    discard = Signal()
    keep = Signal()

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = plain_label("field", self)
        self.discard_button = big_button(theme, icon="mdi6.delete-outline", parent=self)
        self.keep_button = big_button(
            theme, role="primary", icon="mdi6.pencil", icon_colour=theme.palette.on_primary
        )
        self.keep_button.setParent(self)
        self._theme = theme
        self._buttons = QGridLayout()
        self._buttons.setSpacing(theme.spacing)
        self._stacked: bool | None = None
        for button in (self.discard_button, self.keep_button):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoDefault(True)  # Enter answers, as Space does
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        column.setSpacing(theme.spacing // 2)
        column.addStretch(1)  # centred in the room the form's answers leave while it asks
        column.addWidget(self.question)
        column.addLayout(self._buttons)
        column.addStretch(1)
        self._arrange(0)
        self.discard_button.clicked.connect(self.discard)
        self.keep_button.clicked.connect(self.keep)
        rescue = TapRescue(self)
        for button in (self.discard_button, self.keep_button):
            button.installEventFilter(rescue)
        self.hide()

    def set_words(self, question: str, discard: str, keep: str) -> None:
        self.question.setText(question)
        set_label(self.discard_button, discard)
        set_label(self.keep_button, keep)
        self.setAccessibleName(question)
        self._arrange(self.width())

    def _arrange(self, width: int) -> None:
        """The two answers side by side where both fit, else one above the other (the safe
        one first)."""
        needed = (
            self.discard_button.sizeHint().width()
            + self.keep_button.sizeHint().width()
            + self._buttons.spacing()
            + 2 * self._theme.margin
        )
        stacked = width > 0 and needed > width
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for button in (self.discard_button, self.keep_button):
            self._buttons.removeWidget(button)
        if stacked:
            self._buttons.addWidget(self.keep_button, 0, 0)
            self._buttons.addWidget(self.discard_button, 1, 0)
        else:
            self._buttons.addWidget(self.discard_button, 0, 0)
            self._buttons.addWidget(self.keep_button, 0, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def ask(self) -> None:
        parent = self.parentWidget()
        if parent is not None:  # arranged for the width it will have before it shows
            self._arrange(parent.width())
        self.show()
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.keep.emit()
            return
        super().keyPressEvent(event)
