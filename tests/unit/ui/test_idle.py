"""The idle watcher's timing rules, with short injected times."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.idle import IdleWatcher


def test_disarmed_watcher_never_warns(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=30, warning_ms=60)
    with qtbot.assertNotEmitted(watcher.warning_started, wait=150):
        pass


def test_warning_counts_down_then_expires(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=30, warning_ms=2000)
    seen: list[int] = []
    watcher.warning_started.connect(seen.append)
    watcher.countdown.connect(seen.append)
    watcher.arm()
    with qtbot.waitSignal(watcher.expired, timeout=5000):
        pass
    assert seen[0] == 2 and seen[-1] == 1
    assert not watcher.armed  # the reset takes over; nothing fires twice


def test_activity_during_warning_dismisses_it(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=30, warning_ms=5000)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        watcher.arm()
        with qtbot.waitSignal(watcher.warning_started, timeout=2000):
            pass
        with qtbot.waitSignal(watcher.warning_dismissed, timeout=2000):
            QApplication.sendEvent(QObject(), QEvent(QEvent.Type.KeyPress))
        assert not watcher.warning
        assert watcher.armed
    finally:
        app.removeEventFilter(watcher)


def test_activity_before_timeout_postpones_warning(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=200, warning_ms=1000)
    watcher.arm()
    for _ in range(5):
        qtbot.wait(80)
        watcher.eventFilter(QObject(), QEvent(QEvent.Type.TouchBegin))
    assert not watcher.warning
