"""The hidden way into the staff panel: a long, still hold in the window's top-left corner.

:class:`StaffGesture` is an event filter for the kiosk window's QWindow (like
:class:`kiosk.ui.swipe.SwipeDetector`): it sees every touch and mouse event before any widget
does. One finger (or the mouse's left button) pressed inside the corner square
(:data:`CORNER_PX` from the top and left edges) and held there for :data:`HOLD_MS` emits
``requested``. Moving more than :data:`MOVE_TOLERANCE_PX`, a second finger, another button or
lifting the finger early cancels the hold. Ctrl+Alt+S emits ``requested`` too, for a staff
keyboard.

Decisions:

* The press itself always passes on untouched: a patient's ordinary tap on the button in the
  corner (Back, the language switch) works as before; only a hold as long as the gesture's is
  ever taken.
* When the hold fires, the widget under the finger must not act on it. The gesture ends that
  press for the widgets at once, as if the finger had slid off the window: a mouse release off
  the window (a button then un-presses without clicking) and a touch cancel (for the widgets
  that take touches). Everything else of that press (moves, the lift) is swallowed.
* One physical press is counted once: a finger arrives as touch events and then, if no widget
  took the touch, as mouse events Qt synthesises from it (carrying the touchscreen as their
  device). Only touch events follow a finger; only mouse events from a mouse follow the mouse.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QPointingDevice,
    QTouchEvent,
    QWindow,
)
from PySide6.QtWidgets import QApplication

CORNER_PX = 100
"""Side of the corner square (logical px from the window's top and left edges)."""
HOLD_MS = 3000
"""How long the finger must stay: longer than any patient rests a finger on a button."""
MOVE_TOLERANCE_PX = 24.0
"""How far the finger may drift while held (a resting finger rolls a little)."""
STAFF_KEY = Qt.Key.Key_S
STAFF_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
"""Ctrl+Alt+S opens the staff panel from a keyboard."""

TOUCH_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)
MOUSE_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
    }
)
_OFF_WINDOW = QPointF(-1.0, -1.0)
"""Where the ending release is sent: outside every widget, so none takes it as a click."""


def in_corner(position: QPointF) -> bool:
    """``position`` (window coordinates) lies in the top-left corner square."""
    return 0 <= position.x() < CORNER_PX and 0 <= position.y() < CORNER_PX


class StaffGesture(QObject):
    """Install on the kiosk window's QWindow; emits ``requested`` for the hold or the keys."""

    requested = Signal()

    def __init__(self, parent: QObject | None = None, *, hold_ms: int = HOLD_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=max(1, hold_ms))
        self._timer.timeout.connect(self._fire)
        self._window: QWindow | None = None
        self._by_touch = False
        """The press followed is a finger (else the mouse)."""
        self._start = QPointF()
        self._device: QPointingDevice | None = None
        self._mouse_down = False
        """A mouse press (the mouse's, or one Qt made from the finger) went to the widgets."""
        self._swallowing = False
        """The hold fired: the rest of this press is the gesture's."""
        self._swallow_made_mouse = False
        """After the finger lifted: the mouse release Qt makes from it is the gesture's too."""
        self._ending = False

    @property
    def holding(self) -> bool:
        """A hold in the corner is under way (not yet fired)."""
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._ending or not isinstance(watched, QWindow):
            return False
        kind = event.type()
        if kind in TOUCH_EVENTS and isinstance(event, QTouchEvent):
            return self._touch(watched, event)
        if kind in MOUSE_EVENTS and isinstance(event, QMouseEvent):
            return self._mouse(watched, event)
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    # --- Touch ---------------------------------------------------------------------------------

    def _touch(self, window: QWindow, event: QTouchEvent) -> bool:
        kind = event.type()
        self._swallow_made_mouse = False
        if kind == QEvent.Type.TouchBegin:
            self._swallowing = False  # a new finger: whatever came before has ended
        if self._swallowing:
            if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
                self._swallowing = False
                self._swallow_made_mouse = self._mouse_down
                self._mouse_down = False
            event.ignore()  # Qt still makes (and ends) the mouse events of this finger: ours
            return True
        points = event.points()
        if kind == QEvent.Type.TouchBegin:
            self._cancel()
            if len(points) == 1 and in_corner(points[0].position()):
                self._begin(window, points[0].position(), event.pointingDevice(), by_touch=True)
        elif not self._by_touch or not self.holding:
            pass
        elif kind == QEvent.Type.TouchUpdate and len(points) == 1:
            self._moved(points[0].position())
        else:  # lifted early, cancelled, or a second finger
            self._cancel()
        return False

    # --- Mouse ---------------------------------------------------------------------------------

    def _mouse(self, window: QWindow, event: QMouseEvent) -> bool:
        kind = event.type()
        from_finger = event.pointingDevice().type() != QInputDevice.DeviceType.Mouse
        if from_finger:
            return self._mouse_from_finger(kind)
        self._swallow_made_mouse = False
        if kind == QEvent.Type.MouseButtonPress and not event.buttons() & ~event.button():
            self._swallowing = False  # a new press: whatever came before has ended
        if self._swallowing and not self._by_touch:
            if kind == QEvent.Type.MouseButtonRelease and not event.buttons():
                self._swallowing = False
                self._mouse_down = False
            return True
        if kind == QEvent.Type.MouseButtonPress:
            self._cancel()
            only_left = event.buttons() == Qt.MouseButton.LeftButton
            if only_left and in_corner(event.position()):
                self._begin(window, event.position(), event.pointingDevice(), by_touch=False)
                self._mouse_down = True
        elif self.holding and not self._by_touch:
            if kind == QEvent.Type.MouseMove:
                self._moved(event.position())
            elif kind == QEvent.Type.MouseButtonRelease:
                self._cancel()
        return False

    def _mouse_from_finger(self, kind: QEvent.Type) -> bool:
        """A mouse event Qt made from a finger: the touch events already told of it."""
        if self._swallow_made_mouse:
            if kind == QEvent.Type.MouseButtonRelease:
                self._swallow_made_mouse = False
            return True
        if self._swallowing and self._by_touch:
            return True
        if kind == QEvent.Type.MouseButtonPress and self._by_touch and self.holding:
            self._mouse_down = True
        return False

    # --- Keys ----------------------------------------------------------------------------------

    def _key(self, event: QKeyEvent) -> bool:
        plain = Qt.KeyboardModifier.KeypadModifier
        if event.key() != STAFF_KEY or event.modifiers() & ~plain != STAFF_MODIFIERS:
            return False
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.requested.emit()
        return True

    # --- The hold ------------------------------------------------------------------------------

    def _begin(
        self, window: QWindow, at: QPointF, device: QPointingDevice, *, by_touch: bool
    ) -> None:
        self._window = window
        self._by_touch = by_touch
        self._start = QPointF(at)
        self._device = device
        self._mouse_down = False
        self._timer.start()

    def _moved(self, at: QPointF) -> None:
        drift = math.hypot(at.x() - self._start.x(), at.y() - self._start.y())
        if drift > MOVE_TOLERANCE_PX or not in_corner(at):
            self._cancel()

    def _cancel(self) -> None:
        self._timer.stop()
        self._mouse_down = False

    def _fire(self) -> None:
        self._swallowing = True
        self._end_press_for_widgets()
        self.requested.emit()

    def _end_press_for_widgets(self) -> None:
        """End the held press for the widgets as if the finger had left the window: none of
        them clicks, and none is left pressed."""
        window, device = self._window, self._device
        if window is None or device is None:
            return
        self._ending = True
        try:
            if self._mouse_down:
                release = QMouseEvent(
                    QEvent.Type.MouseButtonRelease,
                    _OFF_WINDOW,
                    _OFF_WINDOW,
                    window.mapToGlobal(_OFF_WINDOW),
                    Qt.MouseButton.LeftButton,
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                    device,
                )
                QApplication.sendEvent(window, release)
            if self._by_touch:
                cancel = QTouchEvent(
                    QEvent.Type.TouchCancel, device, Qt.KeyboardModifier.NoModifier, []
                )
                QApplication.sendEvent(window, cancel)
        finally:
            self._ending = False
