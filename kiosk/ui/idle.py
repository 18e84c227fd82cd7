"""Noticing that the patient has walked away, warning, and then resetting the kiosk.

``IdleWatcher`` is an application-wide event filter. While armed (a visit is in progress), any
touch, click, key, stylus or input-method event, and any button pressed by any means, restarts
the idle timer and emits ``activity``. When the timer runs out, ``warning_started`` fires and a
countdown begins; reaching zero emits ``expired`` so the composition root can wipe the session.
While disarmed (on the attract screen) nothing happens.

During the warning the "Are you still there?" card covers the whole window, so a touch or click
is the card's to interpret ("I'm still here", "I need more time", or a touch beside them, which
means "still here"); the card's answer reaches :meth:`IdleWatcher.still_here` or
:meth:`IdleWatcher.more_time`. A key, a button pressed behind the card (by a screen reader) or
any other activity dismisses the warning at once and emits ``warning_dismissed``.

More time: :meth:`IdleWatcher.more_time` doubles the idle timeout for the rest of this visit, at
most to :data:`MAX_TIMEOUT_FACTOR` times the configured one (90 s -> 180 s -> 360 s, then it
stays at 360 s). The visit ends when the watcher is disarmed or expires; the next
:meth:`IdleWatcher.arm` (a new visit) starts again from the configured timeout. "I'm still here"
keeps the current, possibly doubled, timeout; it can be answered any number of times.

Accessibility actions: a screen reader's "press" (``QAccessibleActionInterface.pressAction``,
which Qt's AT-SPI and UI Automation bridges call for "do action" / "invoke"; the bridges
themselves not checked here) reaches a ``QAbstractButton`` as ``animateClick()``: no input event
passes any event filter, only the button's ``clicked`` signal about 100 ms later (checked
offscreen on PySide6 6.11). So the watcher also connects to ``clicked`` of every button it sees
shown.
Text set or inserted through the accessible text interfaces, and values set through the value
interface, send no event and no click: they do not count. Accessibility *queries* (a screen
reader reading the screen) are not activity either: they happen with nobody there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

POINTER_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.NativeGesture,
    }
)
"""A finger, mouse, stylus or touchpad: during the warning these land on the card."""
OTHER_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.InputMethod,
    }
)
"""Keys (also those a shortcut takes) and text from an input method (an on-screen keyboard of
the system, dictation), which arrives without key events."""
ACTIVITY_EVENTS = POINTER_EVENTS | OTHER_ACTIVITY_EVENTS
KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})
CARD_KEYS = frozenset(
    {
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Space,
        Qt.Key.Key_Select,
    }
)
"""Keys that move between or press the card's answers: during the warning, while an answer has
the focus, they are the card's to answer, as a touch is, so "I need more time" can be reached by
keys (any other key still answers "I'm still here")."""

MAX_TIMEOUT_FACTOR = 4
""""I need more time" doubles the idle timeout, up to this many times the configured one."""


class IdleWatcher(QObject):
    warning_started = Signal(int)
    """Seconds left before the reset."""
    countdown = Signal(int)
    """Seconds left, once a second during the warning."""
    warning_dismissed = Signal()
    expired = Signal()
    activity = Signal()
    """The patient did something (the idle timer started again); only while armed."""

    def __init__(self, idle_ms: int, warning_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base_ms = idle_ms
        self._timeout_ms = idle_ms
        self._warning_ms = warning_ms
        self._armed = False
        self._warning = False
        self._left_ms = 0
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._idle.timeout.connect(self._start_warning)
        self._tick = QTimer(self, interval=min(1000, max(1, warning_ms)))
        self._tick.timeout.connect(self._count_down)

    @property
    def armed(self) -> bool:
        return self._armed

    @property
    def warning(self) -> bool:
        return self._warning

    @property
    def timeout_ms(self) -> int:
        """This visit's idle timeout: the configured one, or longer after "more time"."""
        return self._timeout_ms

    @property
    def remaining_ms(self) -> int:
        """Time until the warning; -1 while it shows or while disarmed."""
        return self._idle.remainingTime()

    def arm(self) -> None:
        """Start watching a new visit, with the configured timeout."""
        self._armed = True
        self._stop_warning()
        self._set_timeout(self._base_ms)
        self._idle.start()

    def disarm(self) -> None:
        """Stop watching (the attract screen is showing; there is nothing to reset). The visit
        is over: its extra time is forgotten."""
        self._armed = False
        self._stop_warning()
        self._idle.stop()
        self._set_timeout(self._base_ms)

    def still_here(self) -> None:
        """The patient answered the warning: it goes, and this visit's timeout starts again."""
        if self._armed:
            self._activity()

    def more_time(self) -> None:
        """The patient asked for more time: as :meth:`still_here`, and this visit's timeout
        doubles (at most :data:`MAX_TIMEOUT_FACTOR` times the configured one)."""
        if self._armed:
            self._set_timeout(min(self._timeout_ms * 2, self._base_ms * MAX_TIMEOUT_FACTOR))
            self._activity()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QAbstractButton):
            # Unique: a button shown again is not counted twice.
            watched.clicked.connect(self._button_clicked, Qt.ConnectionType.UniqueConnection)
        elif (
            self._armed
            and kind in ACTIVITY_EVENTS
            and not (self._warning and kind in POINTER_EVENTS)  # the card's to answer
            and not (self._warning and kind in KEY_EVENTS and _card_key(event))
        ):
            self._activity()
        return False

    @Slot()
    def _button_clicked(self) -> None:
        if self._armed:
            self._activity()

    def _activity(self) -> None:
        if self._warning:
            self._stop_warning()
            self.warning_dismissed.emit()
        self._idle.start()
        self.activity.emit()

    def _set_timeout(self, ms: int) -> None:
        self._timeout_ms = ms
        self._idle.setInterval(ms)

    def _seconds_left(self) -> int:
        return max(0, -(-self._left_ms // 1000))

    def _start_warning(self) -> None:
        self._warning = True
        self._left_ms = self._warning_ms
        self._tick.start()
        self.warning_started.emit(self._seconds_left())

    def _count_down(self) -> None:
        self._left_ms -= self._tick.interval()
        if self._left_ms > 0:
            self.countdown.emit(self._seconds_left())
            return
        self._stop_warning()
        self._armed = False
        self._set_timeout(self._base_ms)
        self.expired.emit()

    def _stop_warning(self) -> None:
        self._warning = False
        self._tick.stop()


def _card_key(event: QEvent) -> bool:
    """A key that moves between or presses the card's answers, while one of them has the focus
    (a key user's card takes the focus; for a touch user's card, any key means "still here")."""
    focus = QApplication.focusWidget()
    return (
        isinstance(event, QKeyEvent)
        and event.key() in CARD_KEYS
        and isinstance(focus, QAbstractButton)
        and focus.isVisible()
    )
