"""The window guard: a destroyed window ends the kiosk with its own exit code; a covered one
is taken back."""

from __future__ import annotations

import ctypes
import struct

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.exit_codes import ExitCode
from kiosk.ui.window_guard import (
    XCB_DESTROY_NOTIFY,
    XCB_UNMAP_NOTIFY,
    WindowGuard,
    xcb_window_event,
)


class FakeExit:
    def __init__(self) -> None:
        self.codes: list[int] = []

    def exit(self, code: int) -> None:
        self.codes.append(code)


def _guarded(qtbot: QtBot, *, kiosk_mode: bool) -> tuple[QWidget, WindowGuard, FakeExit]:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    exits = FakeExit()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = WindowGuard(app, window, kiosk_mode=kiosk_mode, exitable=exits)
    return window, guard, exits


def _xcb_event(kind: int, window: int, send_event: bool = False) -> ctypes.Array[ctypes.c_char]:
    raw = struct.pack("=BBHII", kind | (0x80 if send_event else 0), 0, 7, window, window)
    return ctypes.create_string_buffer(raw + bytes(32 - len(raw)))


def test_destroy_and_unmap_events_are_read_from_the_xcb_structure() -> None:
    destroy = _xcb_event(XCB_DESTROY_NOTIFY, 0x200007)
    assert xcb_window_event(ctypes.addressof(destroy)) == (XCB_DESTROY_NOTIFY, 0x200007)
    sent = _xcb_event(XCB_UNMAP_NOTIFY, 0x1234, send_event=True)
    assert xcb_window_event(ctypes.addressof(sent)) == (XCB_UNMAP_NOTIFY, 0x1234)
    motion = _xcb_event(6, 0x200007)  # a pointer motion: not watched
    assert xcb_window_event(ctypes.addressof(motion)) is None


def test_a_destroyed_kiosk_window_exits_with_window_lost_once(qtbot: QtBot) -> None:
    window, guard, exits = _guarded(qtbot, kiosk_mode=True)
    with qtbot.waitSignal(guard.window_lost, timeout=1000):
        guard.native_window_event(XCB_DESTROY_NOTIFY, int(window.winId()))
    guard.native_window_event(XCB_DESTROY_NOTIFY, int(window.winId()))
    qtbot.waitUntil(lambda: exits.codes == [ExitCode.WINDOW_LOST], timeout=1000)
    qtbot.wait(50)
    assert exits.codes == [ExitCode.WINDOW_LOST]
    guard.stop()


def test_another_programs_window_going_away_is_ignored(qtbot: QtBot) -> None:
    window, guard, exits = _guarded(qtbot, kiosk_mode=True)
    guard.native_window_event(XCB_DESTROY_NOTIFY, int(window.winId()) + 1)
    qtbot.wait(50)
    assert exits.codes == []
    guard.stop()


def test_a_covered_kiosk_takes_the_screen_back(qtbot: QtBot) -> None:
    window, guard, _ = _guarded(qtbot, kiosk_mode=True)
    window.showMinimized()
    guard.native_window_event(XCB_UNMAP_NOTIFY, int(window.winId()))
    assert guard._reclaim.isActive()
    guard.reclaim()
    assert guard.reclaims == 1
    assert window.isFullScreen() and not window.isMinimized()
    guard.stop()


def test_losing_focus_starts_the_reclaim_only_in_kiosk_mode(qtbot: QtBot) -> None:
    _window, guard, _ = _guarded(qtbot, kiosk_mode=True)
    guard._state_changed(Qt.ApplicationState.ApplicationInactive)
    assert guard._reclaim.isActive()
    guard._state_changed(Qt.ApplicationState.ApplicationActive)
    assert not guard._reclaim.isActive()
    guard.stop()
    laptop_window, laptop, _ = _guarded(qtbot, kiosk_mode=False)
    laptop._state_changed(Qt.ApplicationState.ApplicationInactive)
    laptop.native_window_event(XCB_UNMAP_NOTIFY, int(laptop_window.winId()))
    assert not laptop._reclaim.isActive()
    laptop.reclaim()
    assert laptop.reclaims == 0 and not laptop_window.isFullScreen()
    laptop.stop()
