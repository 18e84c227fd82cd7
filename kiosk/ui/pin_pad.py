"""The staff PIN pad: a card over the whole window, asking for the staff PIN.

The card holds a title, "Enter the staff PIN", the digits entered as dots, a line for what
went wrong (a wrong PIN, a lock-out, no PIN set up), a 3x4 keypad (1-9, Erase, 0, OK) and
Cancel. The pad only shows and forwards: OK emits ``entered`` with the digits, and the window
checks them (:mod:`kiosk.staff`) and answers with :meth:`PinPad.show_wrong`,
:meth:`PinPad.show_locked`, :meth:`PinPad.show_not_set_up` or :meth:`PinPad.close_pad`.

Decisions:

* The digits are never shown, spoken or kept: the dots' accessible name says how many digits
  there are, never which; OK hands the digits over and forgets them at once, and every way out
  (:meth:`PinPad.clear`, Cancel, closing) forgets them too.
* Nobody is stuck: after :data:`PAD_IDLE_MS` without a touch or key the pad closes itself (a
  patient who opened it by accident walks away from the kiosk as it was).
* Keys, for a staff keyboard: digits type, Backspace erases, Enter is OK, Esc is Cancel, Tab
  and the arrows move between the pad's buttons (never out of the card), Space presses the one
  with the focus ring. The window's key navigator must leave the pad its keys while it shows.
* It fits every screen at every text step: beside each other (words left, keypad right) on a
  landscape screen, one above the other on a portrait one, with half the gaps when even that
  is too tall. Keys keep a small side padding (the big text steps would otherwise make the
  keypad wider than a landscape screen leaves it), and words only (an icon beside "Erase" made
  the keypad too wide for 1366x768 at the largest text).
"""

from __future__ import annotations

import enum
import math

from PySide6.QtCore import QDeadlineTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.pin import PIN_MAX_DIGITS
from kiosk.ui.keys import POINTER_PRESSES, Action, action_for, focus_on, nearest
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import big_button, set_label

PAD_IDLE_MS = 20_000
"""Untouched this long, the pad closes itself."""
MAX_LOCK_SECONDS = 24 * 60 * 60
"""The longest lock-out the pad counts down; a longer one (or one that is not a number) is
shown as this long: the real lock is the staff core's, the pad only says it."""
DOT = "\u25cf"
"""What each digit entered shows as (at body size: twelve at the largest text step still fit
beside the keypad on a 1366 px wide screen)."""
DOT_GAP = "\u2009"
"""A thin space between the dots, so they read as a count."""
KEY_COLUMNS = 3

_ARROWS = frozenset({Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT})
_ACTIVITY = POINTER_PRESSES | {QEvent.Type.KeyPress, QEvent.Type.Wheel}


class _Note(enum.Enum):
    """What the line under the dots says."""

    NONE = enum.auto()
    WRONG = enum.auto()
    LOCKED = enum.auto()
    NOT_SET_UP = enum.auto()


def lock_seconds(seconds: float) -> int:
    """A lock-out's length as whole seconds to count down, within 0..MAX_LOCK_SECONDS."""
    if math.isnan(seconds) or seconds >= MAX_LOCK_SECONDS:
        return MAX_LOCK_SECONDS
    return math.ceil(seconds) if seconds > 0 else 0


class PinPad(QWidget):
    """Covers its parent window; ``entered(str)`` on OK with at least one digit,
    ``cancelled()`` on Cancel, Esc or after :data:`PAD_IDLE_MS` untouched."""

    entered = Signal(str)
    cancelled = Signal()

    def __init__(self, theme: Theme, parent: QWidget, *, idle_ms: int = PAD_IDLE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self._theme = theme
        self._digits = ""
        self._note = _Note.NONE
        self._tries_left = 0
        self._lock = QDeadlineTimer()
        self._before: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._idle = QTimer(self, singleShot=True, interval=max(1, idle_ms))
        self._idle.timeout.connect(self._cancel)
        self._tick = QTimer(self, singleShot=True)
        self._tick.timeout.connect(self._count_down)
        self._init_card()
        self._init_layout()
        self._connect_buttons()
        for widget in [self, *self.findChildren(QWidget)]:
            widget.installEventFilter(self)
        parent.installEventFilter(self)  # follows the window's size
        self.hide()
        self.retranslate()

    def _init_card(self) -> None:
        theme = self._theme
        p = theme.palette
        card = self.card = QFrame(self)
        card.setObjectName("PinPadCard")
        ring = theme.FOCUS_RING - 3
        card.setStyleSheet(
            f"#PinPadCard {{ background: {p.surface}; border: 3px solid {p.outline};"
            f" border-radius: {theme.radius}px; }}"
            f" #PinPadCard QPushButton {{ padding: 0 {ring}px; }}"
            f" #PinPadCard QPushButton:focus {{ padding: 0 0px; }}"
            f" #PinPadCard QPushButton:disabled {{ background: {p.surface}; color: {p.outline};"
            f" border-color: {p.outline}; }}"
        )
        self._title = self._label("title")
        self._instruction = self._label("body")
        self._note_label = self._label("body")
        dots_px = theme.px(theme.body_px)
        self._dots = QLabel(card)
        self._dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._dots.setStyleSheet(f"font-size: {dots_px}px; color: {p.primary};")
        self._dots.setMinimumHeight(QFontMetrics(theme.font(theme.body_px)).height())
        self.digit_buttons = [self._key(str(digit)) for digit in range(10)]
        self.erase_button = self._key()
        self.ok_button = self._key(role="primary")
        self.cancel_button = self._key()

    def _label(self, role: str) -> QLabel:
        label = QLabel(self.card)
        label.setProperty("role", role)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _key(self, text: str = "", *, role: str = "") -> QPushButton:
        button = big_button(self._theme, role=role, parent=self.card)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAutoDefault(False)
        if text:
            set_label(button, text)
        return button

    def _init_layout(self) -> None:
        words = self._words = QVBoxLayout()
        words.addStretch(1)
        for widget in (self._title, self._instruction, self._dots, self._note_label):
            words.addWidget(widget)
        words.addStretch(1)
        keypad = self._keypad = QGridLayout()
        *keys, cancel = self.buttons()
        for index, button in enumerate(keys):
            keypad.addWidget(button, index // KEY_COLUMNS, index % KEY_COLUMNS)
        keypad.addWidget(cancel, len(keys) // KEY_COLUMNS, 0, 1, KEY_COLUMNS)
        inner = self._inner = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.card)
        inner.addLayout(words, 3)
        inner.addLayout(keypad, 2)
        # Centred by stretches, not an alignment flag (as the idle card): an aligned card gets
        # its minimum height, not the height its wrapped lines need at its width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 100)
        row.addStretch(1)
        outer = self._outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._roomy(True)

    def _connect_buttons(self) -> None:
        for digit, button in enumerate(self.digit_buttons):
            button.clicked.connect(lambda _=False, d=str(digit): self.type_digit(d))
        self.erase_button.clicked.connect(self.erase)
        self.ok_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self._cancel)
        for button in self.buttons():
            button.clicked.connect(self._idle_again)  # a screen reader's press counts too

    # --- What the window tells it --------------------------------------------------------------

    def open(self) -> None:
        """Show the pad empty over the whole window, on top, with the keyboard focus."""
        focused = self.window().focusWidget()
        if focused is not None and focused is not self and not self.isAncestorOf(focused):
            self._before = focused
        self.clear()
        self._set_note(_Note.NONE)
        self._follow_parent()
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._idle.start()

    def close_pad(self) -> None:
        """Hide the pad, forgetting the digits; the focus goes back where it was."""
        self.clear()
        self._set_note(_Note.NONE)
        self._idle.stop()
        focused = self.window().focusWidget()
        had_focus = focused is not None and (focused is self or self.isAncestorOf(focused))
        self.hide()
        before, self._before = self._before, None
        if had_focus and before is not None and before.isVisible():
            before.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Forget the digits entered."""
        self._digits = ""
        self._show_dots()

    def show_wrong(self, tries_left: int) -> None:
        """The PIN was not right: the digits go, and the line says how many tries are left."""
        self.clear()
        self._tries_left = max(0, tries_left)
        self._set_note(_Note.WRONG)

    def show_locked(self, seconds: float) -> None:
        """Too many wrong PINs: the keys are off and the line counts down ``seconds``; at 0
        they come back."""
        self.clear()
        self._lock = QDeadlineTimer(lock_seconds(seconds) * 1000)
        self._set_note(_Note.LOCKED)

    def show_not_set_up(self) -> None:
        """No staff PIN is set up: the keys are off and the line says how IT sets one."""
        self.clear()
        self._set_note(_Note.NOT_SET_UP)

    # --- Typing --------------------------------------------------------------------------------

    @property
    def digit_count(self) -> int:
        return len(self._digits)

    @property
    def accepts_digits(self) -> bool:
        return self._note not in (_Note.LOCKED, _Note.NOT_SET_UP)

    def type_digit(self, digit: str) -> None:
        if self.accepts_digits and digit.isdigit() and len(self._digits) < PIN_MAX_DIGITS:
            self._digits += digit
            self._show_dots()

    def erase(self) -> None:
        self._digits = self._digits[:-1]
        self._show_dots()

    def confirm(self) -> None:
        """OK: hand the digits to the window (and forget them here)."""
        if not self.accepts_digits or not self._digits:
            return
        pin, self._digits = self._digits, ""
        self._show_dots()
        self.entered.emit(pin)

    def _cancel(self) -> None:
        self.close_pad()
        self.cancelled.emit()

    def _show_dots(self) -> None:
        count = len(self._digits)
        self._dots.setText(DOT_GAP.join(DOT * count))
        if count == 0:
            name = self.tr("No digits entered")
        elif count == 1:
            name = self.tr("1 digit entered")
        else:
            name = self.tr("{0} digits entered").format(count)
        self._dots.setAccessibleName(name)

    # --- The line under the dots ---------------------------------------------------------------

    def _set_note(self, note: _Note) -> None:
        self._note = note
        self._tick.stop()
        enabled = self.accepts_digits
        for button in [*self.digit_buttons, self.erase_button, self.ok_button]:
            button.setEnabled(enabled)
        if note is _Note.LOCKED:
            self._count_down()
        else:
            self._show_note()

    def _count_down(self) -> None:
        if self._note is not _Note.LOCKED:
            return
        if self._lock.hasExpired():
            self._set_note(_Note.NONE)
            return
        self._show_note()
        self._tick.start(self._lock.remainingTime() % 1000 or 1000)

    def _show_note(self) -> None:
        note = self._note
        if note is _Note.WRONG:
            text = (
                self.tr("That PIN is not right. 1 try left.")
                if self._tries_left == 1
                else self.tr("That PIN is not right. {0} tries left.").format(self._tries_left)
            )
        elif note is _Note.LOCKED:
            text = self._locked_text(-(-self._lock.remainingTime() // 1000))
        elif note is _Note.NOT_SET_UP:
            text = self.tr("The staff panel is not set up. IT sets a PIN with: kiosk staff pin")
        else:
            text = ""
        self._note_label.setText(text)
        self._note_label.setVisible(bool(text))

    def _locked_text(self, seconds: int) -> str:
        minutes, seconds = divmod(max(0, seconds), 60)
        if minutes and seconds:
            return self.tr("Locked. Try again in {0} min {1} s.").format(minutes, seconds)
        if minutes:
            return self.tr("Locked. Try again in {0} min.").format(minutes)
        return self.tr("Locked. Try again in {0} s.").format(seconds)

    def retranslate(self) -> None:
        self._title.setText(self.tr("Staff panel"))
        self._instruction.setText(self.tr("Enter the staff PIN"))
        set_label(self.erase_button, self.tr("Erase"))
        set_label(self.ok_button, self.tr("OK"))
        set_label(self.cancel_button, self.tr("Cancel"))
        self.setAccessibleName(self._title.text())
        self._show_dots()
        self._show_note()

    # --- Keys ----------------------------------------------------------------------------------

    def buttons(self) -> list[QPushButton]:
        """The pad's buttons in reading order (the keypad's rows, then Cancel)."""
        return [
            *self.digit_buttons[1:],
            self.erase_button,
            self.digit_buttons[0],
            self.ok_button,
            self.cancel_button,
        ]

    def focus_order(self) -> list[QWidget]:
        return [button for button in self.buttons() if button.isEnabled()]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text.isdigit() and text.isascii():
            self.type_digit(text)
        elif key == Qt.Key.Key_Backspace:
            self.erase()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        elif key == Qt.Key.Key_Escape:
            self._cancel()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _arrow(self, action: Action) -> None:
        order = self.focus_order()
        focused = self.window().focusWidget()
        if focused not in order:
            if order:
                focus_on(order[0])
            return
        assert focused is not None
        target = nearest(focused, order, action)
        if target is not None:
            focus_on(target, forward=action in (Action.DOWN, Action.RIGHT))

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round the pad's buttons, never to the screen under it."""
        order = self.focus_order()
        if not order:
            return True
        focused = self.window().focusWidget()
        if focused in order:
            index = (order.index(focused) + (1 if next else -1)) % len(order)
        else:
            index = 0 if next else len(order) - 1
        focus_on(order[index], forward=next)
        return True

    # --- Activity, size, paint -----------------------------------------------------------------

    def _idle_again(self) -> None:
        if self.isVisible():
            self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.parentWidget():
            if kind == QEvent.Type.Resize and self.isVisible():
                self._follow_parent()
        elif kind in _ACTIVITY:
            self._idle_again()
            action = action_for(event.key()) if isinstance(event, QKeyEvent) else None
            if action is not None and action in _ARROWS:
                # Before the button: a QPushButton takes an arrow as Tab (the next in line).
                self._arrow(action)
                return True
        return False

    def _follow_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            self._arrange(parent.width(), parent.height())

    def _arrange(self, width: int, height: int) -> None:
        """Words beside the keypad on a landscape screen, above it on a portrait one; half the
        gaps when the card would not fit the height."""
        side_by_side = width > height
        self._inner.setDirection(
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        self._roomy(True)
        needed = self._outer.totalMinimumSize()
        if needed.width() > width or self._outer.totalHeightForWidth(width) > height:
            self._roomy(False)

    def _roomy(self, roomy: bool) -> None:
        theme = self._theme
        margin = theme.margin if roomy else theme.spacing // 2
        spacing = theme.spacing if roomy else theme.spacing // 2
        self._outer.setContentsMargins(margin, margin, margin, margin)
        self._inner.setContentsMargins(margin, margin, margin, margin)
        for layout in (self._inner, self._words, self._keypad):
            layout.setSpacing(spacing)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a touch beside the card reaches nothing under the pad

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.palette.scrim))
        painter.end()
