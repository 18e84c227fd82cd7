"""The guards around the event loop: unhandled errors and stop signals end it with a code."""

from __future__ import annotations

import logging
import os
import signal
import sys

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.boot.crashsignal import CrashHandler, ErrorTally, SignalHandler
from kiosk.exit_codes import ExitCode
from kiosk.ui import fatal_error
from kiosk.ui.fatal_error import FatalErrorScreen


class FakeApp:
    def __init__(self) -> None:
        self.codes: list[int] = []

    def exit(self, code: int) -> None:
        self.codes.append(code)


def _restart_screens() -> list[FatalErrorScreen]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FatalErrorScreen)]


def test_the_restart_screen_shows_then_the_kiosk_exits(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    fake = FakeApp()
    CrashHandler(fake, screen_ms=200).activate()
    sys.excepthook(ZeroDivisionError, ZeroDivisionError("boom"), None)
    visible = [w for w in _restart_screens() if w.isVisible()]
    assert len(visible) == 1 and fake.codes == []
    screen = visible[0]
    assert screen.isFullScreen()
    assert screen.accessibleName() == "This screen is restarting, please wait"
    assert "front desk" in screen.message.text()
    sys.excepthook(ValueError, ValueError("again"), None)
    assert len([w for w in _restart_screens() if w.isVisible()]) == 1
    qtbot.waitUntil(lambda: fake.codes == [ExitCode.INTERNAL_ERROR], timeout=3000)
    screen.close()
    screen.deleteLater()


def test_without_a_restart_screen_the_kiosk_exits_at_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> FatalErrorScreen:
        raise RuntimeError("no screen")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(fatal_error, "FatalErrorScreen", broken)
    fake = FakeApp()
    CrashHandler(fake).activate()
    with caplog.at_level(logging.INFO, logger="kiosk"):
        sys.excepthook(ZeroDivisionError, ZeroDivisionError("boom"), None)
    assert fake.codes == [ExitCode.INTERNAL_ERROR]
    assert "could not be shown; exiting at once" in caplog.text


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_the_loop_with_ok_and_deactivate_restores(
    qtbot: QtBot, number: signal.Signals
) -> None:
    """systemd's stop (SIGTERM) and Ctrl+C (SIGINT) end the loop cleanly."""
    fake = FakeApp()
    before = signal.getsignal(number)
    handler = SignalHandler(fake)
    handler.activate()
    try:
        os.kill(os.getpid(), number)
        qtbot.waitUntil(lambda: fake.codes == [ExitCode.OK], timeout=3000)
    finally:
        handler.deactivate()
    assert signal.getsignal(number) is before
    assert signal.set_wakeup_fd(-1) == -1  # no wake-up pipe left behind


def test_error_tally_counts_and_restores_the_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    before = sys.excepthook
    tally = ErrorTally()
    tally.activate()
    sys.excepthook(KeyError, KeyError("x"), None)
    tally.deactivate()
    assert tally.names == ["KeyError"]
    assert sys.excepthook is before
