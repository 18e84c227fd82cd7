"""Keeps the kiosk window on screen: exits when another program destroys it, and takes the
screen and focus back when another window covers it.

* **Destroyed.** ``xdotool windowclose``, a crashed compositor's clean-up or a stray script can
  destroy the kiosk's X11 window while the process runs on: Qt is not told, and the screen
  stays black while the supervisor sees a healthy process. The guard watches the X server's
  ``DestroyNotify`` for the kiosk window (an xcb native event filter) and ends the event loop
  with :attr:`~kiosk.exit_codes.ExitCode.WINDOW_LOST`, so the supervisor starts a fresh kiosk.
* **Covered.** In kiosk mode, when the application stops being the active one (a desktop's
  notification, a window another program opened) or its window is unmapped (minimised), the
  guard waits :data:`RECLAIM_AFTER_MS` and then shows the window fullscreen again, raises it and
  asks for focus. A kiosk under a kiosk compositor (cage) never loses focus, so this only acts
  on a machine with a desktop window manager.
"""

from __future__ import annotations

import ctypes
import logging

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.exit_codes import Exitable, ExitCode

log = logging.getLogger(__name__)
RECLAIM_AFTER_MS = 3000
XCB_EVENT = b"xcb_generic_event_t"
XCB_DESTROY_NOTIFY = 17
XCB_UNMAP_NOTIFY = 18
_WINDOW_OFFSET = 8
"""In xcb_destroy_notify_event_t and xcb_unmap_notify_event_t: response_type, pad, sequence
(2 bytes), event (4 bytes), then window."""


def xcb_window_event(message: int) -> tuple[int, int] | None:
    """(event type, window id) of a destroy or unmap event at address ``message``, else None."""
    kind = ctypes.c_uint8.from_address(message).value & 0x7F  # the high bit marks SendEvent
    if kind not in (XCB_DESTROY_NOTIFY, XCB_UNMAP_NOTIFY):
        return None
    return kind, ctypes.c_uint32.from_address(message + _WINDOW_OFFSET).value


class _XcbWatch(QAbstractNativeEventFilter):
    def __init__(self, guard: WindowGuard) -> None:
        super().__init__()
        self._guard = guard

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int, /
    ) -> object:
        kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
        if kind == XCB_EVENT:
            seen = xcb_window_event(int(message))
            if seen is not None:
                self._guard.native_window_event(*seen)
        return False, 0


class WindowGuard(QObject):
    """Watches ``window``; in ``kiosk_mode`` it also takes the screen back when covered."""

    window_lost = Signal()

    def __init__(
        self,
        qapp: QApplication,
        window: QWidget,
        *,
        kiosk_mode: bool,
        fullscreen: bool = True,
        exitable: Exitable | None = None,
    ) -> None:
        super().__init__(window)
        self._qapp = qapp
        self._window = window
        self._kiosk_mode = kiosk_mode
        self._fullscreen = fullscreen
        self._exitable: Exitable = exitable or qapp
        self._lost = False
        self._reclaim = QTimer(self, singleShot=True, interval=RECLAIM_AFTER_MS)
        self._reclaim.timeout.connect(self.reclaim)
        self._watch = _XcbWatch(self)
        if qapp.platformName() == "xcb":
            qapp.installNativeEventFilter(self._watch)
        qapp.applicationStateChanged.connect(self._state_changed)
        self.reclaims = 0

    def stop(self) -> None:
        self._reclaim.stop()
        self._qapp.removeNativeEventFilter(self._watch)
        self._kiosk_mode = False  # the state connection dies with this object (window's child)

    # --- What the window system says ---------------------------------------------------------

    def native_window_event(self, kind: int, window_id: int) -> None:
        if window_id != int(self._window.winId()):
            return
        if kind == XCB_DESTROY_NOTIFY:
            self.lose_window()
        elif kind == XCB_UNMAP_NOTIFY and self._kiosk_mode and not self._lost:
            self._reclaim.start()

    def lose_window(self) -> None:
        """The window is gone: end the event loop with WINDOW_LOST (once)."""
        if self._lost:
            return
        self._lost = True
        self._reclaim.stop()
        log.error(
            "the kiosk window was destroyed by another program; exiting with code %d so the "
            "supervisor starts the kiosk again",
            ExitCode.WINDOW_LOST,
        )
        self.window_lost.emit()
        QTimer.singleShot(0, lambda: self._exitable.exit(ExitCode.WINDOW_LOST))

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if not self._kiosk_mode or self._lost:
            return
        if state == Qt.ApplicationState.ApplicationActive:
            self._reclaim.stop()
        elif not self._reclaim.isActive():
            self._reclaim.start()

    def reclaim(self) -> None:
        """Show the window fullscreen on top again and ask for the focus."""
        if self._lost or not self._kiosk_mode:
            return
        if self._qapp.applicationState() == Qt.ApplicationState.ApplicationActive and (
            self._window.isVisible() and not self._window.isMinimized()
        ):
            return
        self.reclaims += 1
        log.warning("another window covered the kiosk; taking the screen back")
        if self._fullscreen:
            self._window.showFullScreen()
        else:
            self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
