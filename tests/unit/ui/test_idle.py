"""The idle watcher's timing rules, with short injected times."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import THANKS_MS, Timings
from kiosk.config import Config
from kiosk.selftest.touch import tap
from kiosk.ui.idle import MAX_TIMEOUT_FACTOR, IdleWatcher

LONG_MS = 2000
"""An idle time the tests do not wait out: they read how much of it is left. (Qt's coarse
timers may move the end by up to 5 %, so the margins below are wider than that.)"""


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def watcher() -> Iterator[IdleWatcher]:
    """An armed watcher on the whole application, with a long idle time."""
    watcher = IdleWatcher(idle_ms=LONG_MS, warning_ms=20_000)
    _app().installEventFilter(watcher)
    watcher.arm()
    try:
        yield watcher
    finally:
        _app().removeEventFilter(watcher)
        watcher.disarm()


@pytest.fixture
def panel(qtbot: QtBot) -> QWidget:
    """A shown window with a button and a text field, for real input events."""
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = QVBoxLayout(panel)
    layout.addWidget(QPushButton("Press me", panel))
    layout.addWidget(QLineEdit(panel))
    panel.resize(400, 300)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _time_passes(qtbot: QtBot, watcher: IdleWatcher) -> None:
    """Wait until the idle timer has visibly run down (so a restart can be seen)."""
    qtbot.waitUntil(lambda: 0 <= watcher.remaining_ms < LONG_MS - 500, timeout=3000)


def _restarted(watcher: IdleWatcher) -> bool:
    return watcher.remaining_ms > LONG_MS - 200


def test_defaults_give_at_least_20_seconds_to_answer() -> None:
    timings = Timings.from_config(Config())
    assert timings.warning_ms >= 20_000
    assert timings.idle_ms == 90_000
    assert timings.thanks_ms == THANKS_MS == 20_000


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
    app = _app()
    app.installEventFilter(watcher)
    try:
        watcher.arm()
        with qtbot.waitSignal(watcher.warning_started, timeout=2000):
            pass
        with qtbot.waitSignals([watcher.warning_dismissed, watcher.activity], timeout=2000):
            QApplication.sendEvent(QObject(), QEvent(QEvent.Type.KeyPress))
        assert not watcher.warning
        assert watcher.armed
    finally:
        app.removeEventFilter(watcher)


def test_pointer_events_during_warning_are_left_to_the_card(qtbot: QtBot) -> None:
    """The card covers the window: its buttons say what a touch means, not the watcher."""
    watcher = IdleWatcher(idle_ms=30, warning_ms=5000)
    watcher.arm()
    with qtbot.waitSignal(watcher.warning_started, timeout=2000):
        pass
    with (
        qtbot.assertNotEmitted(watcher.warning_dismissed),
        qtbot.assertNotEmitted(watcher.activity),
    ):
        for kind in (QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            watcher.eventFilter(QObject(), QEvent(kind))
    assert watcher.warning
    with qtbot.waitSignal(watcher.warning_dismissed):
        watcher.still_here()  # what the card reports for a touch beside its buttons
    assert not watcher.warning and watcher.armed


def test_activity_before_timeout_postpones_warning(qtbot: QtBot, watcher: IdleWatcher) -> None:
    for _ in range(3):
        _time_passes(qtbot, watcher)
        watcher.eventFilter(QObject(), QEvent(QEvent.Type.TouchBegin))
        assert _restarted(watcher)
    assert not watcher.warning


@pytest.mark.parametrize("key", [Qt.Key.Key_A, Qt.Key.Key_Space, Qt.Key.Key_Tab])
def test_a_key_restarts_the_timer(
    qtbot: QtBot, watcher: IdleWatcher, panel: QWidget, key: Qt.Key
) -> None:
    field = panel.findChild(QLineEdit)
    assert field is not None
    _time_passes(qtbot, watcher)
    with qtbot.waitSignal(watcher.activity, timeout=1000):
        QTest.keyClick(field, key)
    assert _restarted(watcher)


def test_a_key_release_alone_counts(qtbot: QtBot, watcher: IdleWatcher, panel: QWidget) -> None:
    """A key held down since before the last restart still counts when it is let go."""
    _time_passes(qtbot, watcher)
    QTest.keyRelease(panel, Qt.Key.Key_Shift)
    assert _restarted(watcher)


def test_a_touch_restarts_the_timer(qtbot: QtBot, watcher: IdleWatcher, panel: QWidget) -> None:
    field = panel.findChild(QLineEdit)
    assert field is not None
    _time_passes(qtbot, watcher)
    tap(field)  # a text field: no button click, only the touch itself
    assert _restarted(watcher)


def test_input_method_text_restarts_the_timer(
    qtbot: QtBot, watcher: IdleWatcher, panel: QWidget
) -> None:
    """Text from a system on-screen keyboard or dictation arrives without any key event."""
    field = panel.findChild(QLineEdit)
    assert field is not None
    _time_passes(qtbot, watcher)
    event = QInputMethodEvent()
    event.setCommitString("hola")
    QApplication.sendEvent(field, event)
    assert field.text() == "hola"
    assert _restarted(watcher)


def test_a_screen_reader_press_on_a_button_restarts_the_timer(
    qtbot: QtBot, watcher: IdleWatcher, panel: QWidget
) -> None:
    """An accessibility "press" sends no input event, only the button's click: that counts."""
    button = panel.findChild(QPushButton)
    assert button is not None
    interface = QAccessible.queryAccessibleInterface(button)
    assert interface is not None
    actions = interface.actionInterface()
    assert actions is not None
    _time_passes(qtbot, watcher)
    with qtbot.waitSignals([button.clicked, watcher.activity], timeout=2000):
        actions.doAction(QAccessibleActionInterface.pressAction())
    assert _restarted(watcher)


def test_reading_the_screen_is_not_activity(
    qtbot: QtBot, watcher: IdleWatcher, panel: QWidget
) -> None:
    """A screen reader walking the accessibility tree happens with nobody there."""
    with qtbot.assertNotEmitted(watcher.activity):
        root = QAccessible.queryAccessibleInterface(panel)
        assert root is not None
        names = [root.child(i).text(QAccessible.Text.Name) for i in range(root.childCount())]
        QApplication.processEvents()
    assert "Press me" in names


def test_a_button_shown_twice_counts_once(
    qtbot: QtBot, watcher: IdleWatcher, panel: QWidget
) -> None:
    button = panel.findChild(QPushButton)
    assert button is not None
    for _ in range(2):
        button.hide()
        button.show()
    seen: list[None] = []
    watcher.activity.connect(lambda: seen.append(None))
    button.click()
    assert len(seen) == 1


def test_more_time_doubles_the_timeout_up_to_the_cap(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=200, warning_ms=20_000)
    watcher.arm()
    assert watcher.timeout_ms == 200
    seen = []
    for _ in range(4):
        with qtbot.waitSignal(watcher.activity):
            watcher.more_time()
        seen.append(watcher.timeout_ms)
    assert seen == [400, 800, 800, 800]
    assert max(seen) == 200 * MAX_TIMEOUT_FACTOR
    watcher.still_here()  # the answer that keeps going keeps the extra time
    assert watcher.timeout_ms == 800
    watcher.disarm()  # the visit is over: the next one starts from the configured time
    assert watcher.timeout_ms == 200
    watcher.more_time()  # nothing to extend while disarmed
    assert watcher.timeout_ms == 200 and not watcher.armed
    watcher.arm()
    assert watcher.timeout_ms == 200


def test_more_time_really_waits_longer(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=200, warning_ms=20_000)
    watcher.arm()
    with qtbot.waitSignal(watcher.warning_started, timeout=3000):
        pass
    clock = QElapsedTimer()
    with qtbot.waitSignal(watcher.warning_dismissed):
        watcher.more_time()
    clock.start()
    with qtbot.waitSignal(watcher.warning_started, timeout=5000):
        pass
    assert clock.elapsed() >= 0.9 * 400  # Qt's coarse timers may fire up to 5 % early
    assert watcher.warning and watcher.armed


def test_an_expired_visit_forgets_its_extra_time(qtbot: QtBot) -> None:
    watcher = IdleWatcher(idle_ms=30, warning_ms=60)
    watcher.arm()
    watcher.more_time()
    assert watcher.timeout_ms == 60
    with qtbot.waitSignal(watcher.expired, timeout=3000):
        pass
    assert watcher.timeout_ms == 30
