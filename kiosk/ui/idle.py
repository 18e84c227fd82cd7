"""Noticing that the patient has walked away, warning, and then resetting the kiosk.

``IdleWatcher`` is an application-wide event filter: any touch, click or key restarts the idle
timer. When it runs out, ``warning_started`` fires and a countdown begins; a touch during the
countdown emits ``warning_dismissed``; reaching zero emits ``expired`` so the composition root
can wipe the session. While disarmed (on the attract screen) nothing happens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
    }
)


class IdleWatcher(QObject):
    warning_started = Signal(int)
    """Seconds left before the reset."""
    countdown = Signal(int)
    """Seconds left, once a second during the warning."""
    warning_dismissed = Signal()
    expired = Signal()

    def __init__(self, idle_ms: int, warning_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
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

    def arm(self) -> None:
        """Start watching (a visit is in progress)."""
        self._armed = True
        self._stop_warning()
        self._idle.start()

    def disarm(self) -> None:
        """Stop watching (the attract screen is showing; there is nothing to reset)."""
        self._armed = False
        self._stop_warning()
        self._idle.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in ACTIVITY_EVENTS:
            self._activity()
        return False

    def _activity(self) -> None:
        if self._warning:
            self._stop_warning()
            self.warning_dismissed.emit()
        self._idle.start()

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
        self.expired.emit()

    def _stop_warning(self) -> None:
        self._warning = False
        self._tick.stop()
