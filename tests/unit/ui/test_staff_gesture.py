"""The hidden staff gesture, driven by real touch and mouse events through the window's QWindow:
a still hold in the corner opens the staff panel once, and the button under the finger does not
click; a tap, a drag, a second finger or a hold elsewhere leaves everything as it was."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import touch_device
from kiosk.ui.staff_gesture import (
    CORNER_PX,
    HOLD_MS,
    MOVE_TOLERANCE_PX,
    TOUCH_EVENTS,
    StaffGesture,
)

SHORT_HOLD_MS = 120
"""The hold the tests wait out instead of :data:`HOLD_MS`."""
CORNER = QPoint(30, 30)
"""A point in the corner square, on the corner button."""


class Kiosk:
    """A shown window with a button in the corner, one elsewhere and a text field, watched by a
    gesture with a short hold."""

    def __init__(self, qtbot: QtBot) -> None:
        self.widget = QWidget()
        qtbot.addWidget(self.widget)
        self.widget.resize(800, 600)
        self.corner_button = QPushButton("Back", self.widget)
        self.corner_button.setGeometry(0, 0, CORNER_PX + 50, CORNER_PX + 50)
        self.other_button = QPushButton("Next", self.widget)
        self.other_button.setGeometry(400, 300, 200, 100)
        self.field = QLineEdit(self.widget)
        self.field.setGeometry(400, 450, 300, 80)
        self.widget.show()
        qtbot.waitExposed(self.widget)
        handle = self.widget.windowHandle()
        assert handle is not None
        self.handle: QWindow = handle
        self.gesture = StaffGesture(self.widget, hold_ms=SHORT_HOLD_MS)
        handle.installEventFilter(self.gesture)
        self.requests = 0
        self.gesture.requested.connect(self._requested)
        self.clicks: list[str] = []
        for button in (self.corner_button, self.other_button):
            button.clicked.connect(lambda _=False, b=button: self.clicks.append(b.text()))

    def _requested(self) -> None:
        self.requests += 1

    # --- A finger ---------------------------------------------------------------------------

    def press(self, at: QPoint, finger: int = 0) -> None:
        QTest.touchEvent(self.widget, touch_device()).press(finger, at, self.widget).commit()
        QApplication.processEvents()

    def move(self, at: QPoint, finger: int = 0) -> None:
        QTest.touchEvent(self.widget, touch_device()).move(finger, at, self.widget).commit()
        QApplication.processEvents()

    def release(self, at: QPoint, finger: int = 0) -> None:
        QTest.touchEvent(self.widget, touch_device()).release(finger, at, self.widget).commit()
        QApplication.processEvents()

    # --- The mouse --------------------------------------------------------------------------

    def mouse_press(self, at: QPoint) -> None:
        QTest.mousePress(self.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), at)
        QApplication.processEvents()

    def mouse_release(self, at: QPoint) -> None:
        QTest.mouseRelease(self.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), at)
        QApplication.processEvents()


@pytest.fixture
def kiosk(qtbot: QtBot) -> Iterator[Kiosk]:
    kiosk = Kiosk(qtbot)
    yield kiosk
    kiosk.handle.removeEventFilter(kiosk.gesture)


def _wait_past_hold() -> None:
    QTest.qWait(SHORT_HOLD_MS * 3)


def test_the_real_hold_is_three_seconds_in_a_100_px_corner() -> None:
    assert HOLD_MS == 3000
    assert CORNER_PX == 100


def test_a_finger_held_in_the_corner_asks_once_and_the_button_under_it_does_not_click(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    kiosk.press(CORNER)
    assert kiosk.corner_button.isDown()  # the press itself reached the button untouched
    qtbot.waitUntil(lambda: kiosk.requests == 1, timeout=2000)
    assert not kiosk.corner_button.isDown()  # un-pressed at once, not left hanging
    _wait_past_hold()
    kiosk.release(CORNER)
    _wait_past_hold()
    assert kiosk.requests == 1
    assert kiosk.clicks == []
    assert not kiosk.corner_button.isDown()


def test_a_mouse_held_in_the_corner_asks_once_and_the_button_under_it_does_not_click(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    kiosk.mouse_press(CORNER)
    qtbot.waitUntil(lambda: kiosk.requests == 1, timeout=2000)
    kiosk.mouse_release(CORNER)
    _wait_past_hold()
    assert kiosk.requests == 1
    assert kiosk.clicks == []
    assert not kiosk.corner_button.isDown()


def test_an_ordinary_tap_in_the_corner_clicks_the_button_as_before(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    kiosk.press(CORNER)
    kiosk.release(CORNER)
    QTest.mouseClick(kiosk.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), CORNER)
    _wait_past_hold()
    assert kiosk.clicks == ["Back", "Back"]
    assert kiosk.requests == 0


def test_after_the_gesture_the_next_tap_clicks_again(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.press(CORNER)
    qtbot.waitUntil(lambda: kiosk.requests == 1, timeout=2000)
    kiosk.release(CORNER)
    kiosk.press(CORNER)
    kiosk.release(CORNER)
    kiosk.mouse_press(CORNER)
    qtbot.waitUntil(lambda: kiosk.requests == 2, timeout=2000)
    kiosk.mouse_release(CORNER)
    QTest.mouseClick(kiosk.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), CORNER)
    assert kiosk.clicks == ["Back", "Back"]


def test_lifting_early_cancels(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.press(CORNER)
    QTest.qWait(SHORT_HOLD_MS // 3)
    kiosk.release(CORNER)
    kiosk.mouse_press(CORNER)
    QTest.qWait(SHORT_HOLD_MS // 3)
    kiosk.mouse_release(CORNER)
    _wait_past_hold()
    assert kiosk.requests == 0
    assert kiosk.clicks == ["Back", "Back"]


@pytest.mark.parametrize(
    "away",
    [
        QPoint(CORNER.x() + round(MOVE_TOLERANCE_PX) + 5, CORNER.y()),  # drifted too far
        QPoint(CORNER_PX + 5, CORNER.y()),  # left the square
    ],
)
def test_moving_away_cancels(qtbot: QtBot, kiosk: Kiosk, away: QPoint) -> None:
    kiosk.press(CORNER)
    kiosk.move(away)
    _wait_past_hold()
    kiosk.release(away)
    kiosk.mouse_press(CORNER)
    QTest.mouseMove(kiosk.handle, away)
    _wait_past_hold()
    kiosk.mouse_release(away)
    assert kiosk.requests == 0


def test_a_small_drift_still_counts_as_holding(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.press(CORNER)
    kiosk.move(CORNER + QPoint(round(MOVE_TOLERANCE_PX) - 4, 0))
    qtbot.waitUntil(lambda: kiosk.requests == 1, timeout=2000)
    kiosk.release(CORNER)


def test_a_second_finger_cancels(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.press(CORNER)
    kiosk.press(QPoint(500, 350), finger=1)
    _wait_past_hold()
    kiosk.release(QPoint(500, 350), finger=1)
    _wait_past_hold()
    kiosk.release(CORNER)
    assert kiosk.requests == 0


def test_a_hold_outside_the_corner_does_nothing(qtbot: QtBot, kiosk: Kiosk) -> None:
    outside = [QPoint(CORNER_PX + 1, 10), QPoint(10, CORNER_PX + 1), QPoint(500, 350)]
    for at in outside:
        kiosk.press(at)
        _wait_past_hold()
        kiosk.release(at)
        kiosk.mouse_press(at)
        _wait_past_hold()
        kiosk.mouse_release(at)
    assert kiosk.requests == 0
    assert kiosk.clicks.count("Next") == 2  # the long presses still clicked where they were
    assert kiosk.clicks.count("Back") == 4


class TouchTaker(QWidget):
    """A widget that takes touches itself (as a kinetic scroll area does): what it saw."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.seen: list[str] = []

    def event(self, event: QEvent) -> bool:
        if event.type() in TOUCH_EVENTS:
            self.seen.append(event.type().name)
            event.accept()
            return True
        return super().event(event)


def test_a_widget_that_takes_touches_sees_the_held_press_cancelled(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    taker = TouchTaker(kiosk.widget)
    taker.setGeometry(0, 0, CORNER_PX, CORNER_PX)
    taker.show()
    kiosk.press(CORNER)
    qtbot.waitUntil(lambda: kiosk.requests == 1, timeout=2000)
    kiosk.move(CORNER + QPoint(200, 0))
    kiosk.release(CORNER + QPoint(200, 0))
    assert taker.seen == ["TouchBegin", "TouchCancel"]  # no move, no lift: the press was over
    assert kiosk.clicks == []


def test_ctrl_alt_s_asks_and_is_not_typed(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.field.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(kiosk.handle, Qt.Key.Key_S, modifiers)
    QTest.keyClick(kiosk.handle, Qt.Key.Key_S)
    assert kiosk.requests == 1
    assert kiosk.field.text() == "s"  # only the plain S was typed


def test_a_long_jittery_hold_still_asks_once_without_freezing(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Hostile: thousands of tiny moves inside the tolerance, then thousands more after the
    hold fired; it asks once, and quickly."""
    started = time.monotonic()
    kiosk.press(CORNER)
    for step in range(3000):
        kiosk.move(CORNER + QPoint(step % 5, (step // 5) % 5))
    qtbot.waitUntil(lambda: kiosk.requests == 1, timeout=2000)
    for step in range(3000):
        kiosk.move(CORNER + QPoint(step % 5, 0))
    kiosk.release(CORNER)
    assert kiosk.requests == 1
    assert kiosk.clicks == []
    assert time.monotonic() - started < 30


def test_a_storm_of_taps_in_the_corner_never_asks(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Hostile: 2,000 quick taps (a child drumming on the corner) are taps, never a hold."""
    started = time.monotonic()
    for _ in range(2000):
        kiosk.press(CORNER)
        kiosk.release(CORNER)
    _wait_past_hold()
    assert kiosk.requests == 0
    assert time.monotonic() - started < 30
