"""Cleaning mode, with real touches, clicks and keys: nothing reaches any widget (nor the
filters installed before it) while the countdown runs, the countdown counts, and afterwards
the same button clicks again with the focus where it was."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap
from kiosk.ui.cleaning import (
    BLOCKED_EVENTS,
    CLEANING_SECONDS,
    MAX_CLEANING_SECONDS,
    CleaningOverlay,
)
from kiosk.ui.palette import TEXT_MIN, contrast_ratio
from kiosk.ui.theme import Theme, load_bundled_fonts

TICK_MS = 60
"""The tests' second."""
DISPLAYS = [(1366, 768), (1920, 1080), (1080, 1920)]
SHORT = (1366, 640)
"""Shorter than any display the kiosk is for: the countdown must shrink to fit it."""


class Counter(QObject):
    """An application filter installed before cleaning starts (as the idle watcher is)."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in BLOCKED_EVENTS:
            self.inputs += 1
        return False


class Kiosk:
    def __init__(self, qtbot: QtBot, second_ms: int = TICK_MS) -> None:
        theme = Theme(family=load_bundled_fonts())
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.window.setStyleSheet(theme.stylesheet())
        self.window.resize(1366, 768)
        self.button = QPushButton("Next", self.window)
        self.button.setGeometry(100, 100, 300, 120)
        self.field = QLineEdit(self.window)
        self.field.setGeometry(100, 300, 300, 80)
        self.clicks = 0
        self.button.clicked.connect(self._clicked)
        self.overlay = CleaningOverlay(theme, self.window, second_ms=second_ms)
        self.window.show()
        qtbot.waitExposed(self.window)
        handle = self.window.windowHandle()
        assert handle is not None
        self.handle: QWindow = handle
        self.window.activateWindow()
        self.field.setFocus()

    def _clicked(self) -> None:
        self.clicks += 1

    def everything_at_the_button(self) -> QWidget | None:
        """The keyboard types in the field, then a finger and the mouse try the button (which
        takes the focus on a click), then Space tries it with the focus on it. Returns where
        the focus was after the finger and the mouse."""
        QTest.keyClick(self.handle, Qt.Key.Key_A)
        tap(self.button)
        centre = self.button.geometry().center()
        QTest.mouseClick(self.handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), centre)
        after_pointer = QApplication.focusWidget()
        self.button.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(self.handle, Qt.Key.Key_Space)
        self.field.setFocus()
        QApplication.processEvents()
        return after_pointer


@pytest.fixture
def counter() -> Iterator[Counter]:
    counter = Counter()
    app = QCoreApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    yield counter
    app.removeEventFilter(counter)


def _texts(overlay: CleaningOverlay) -> list[str]:
    return [label.text() for label in overlay.findChildren(QLabel)]


def test_nothing_reaches_any_widget_while_cleaning_and_all_works_after(
    qtbot: QtBot, counter: Counter
) -> None:
    kiosk = Kiosk(qtbot, second_ms=400)
    assert kiosk.everything_at_the_button() is kiosk.button
    assert kiosk.clicks == 3  # the touch, the click and Space
    assert kiosk.field.text() == "a"
    kiosk.field.clear()
    focus_before = QApplication.focusWidget()
    kiosk.overlay.start(2)
    counter.inputs = 0
    assert kiosk.everything_at_the_button() is kiosk.field  # the tap and click did not take it
    assert kiosk.overlay.running
    assert kiosk.clicks == 3
    assert kiosk.field.text() == ""
    assert counter.inputs == 0  # the earlier application filter saw none of it
    with qtbot.waitSignal(kiosk.overlay.finished, timeout=3000):
        pass
    assert not kiosk.overlay.isVisible()
    assert QApplication.focusWidget() is focus_before is kiosk.field
    tap(kiosk.button)
    assert kiosk.clicks == 4
    assert counter.inputs > 0


def test_the_countdown_counts_each_second(qtbot: QtBot) -> None:
    kiosk = Kiosk(qtbot)
    kiosk.overlay.start(3)
    assert "Cleaning mode" in _texts(kiosk.overlay)
    assert "Touches are off so the screen can be wiped." in _texts(kiosk.overlay)
    assert "3" in _texts(kiosk.overlay)
    assert "seconds left" in _texts(kiosk.overlay)
    qtbot.waitUntil(lambda: "2" in _texts(kiosk.overlay), timeout=2000)
    qtbot.waitUntil(lambda: "second left" in _texts(kiosk.overlay), timeout=2000)
    assert "1" in _texts(kiosk.overlay)
    with qtbot.waitSignal(kiosk.overlay.finished, timeout=2000):
        pass
    assert kiosk.overlay.seconds_left == 0


def test_it_covers_the_whole_window_on_top(qtbot: QtBot) -> None:
    kiosk = Kiosk(qtbot)
    kiosk.overlay.start()
    assert kiosk.overlay.seconds_left == CLEANING_SECONDS == 60
    assert kiosk.overlay.geometry() == kiosk.window.rect()
    assert kiosk.window.childAt(kiosk.button.geometry().center()) is not kiosk.button
    kiosk.window.resize(1080, 1920)
    assert kiosk.overlay.geometry() == kiosk.window.rect()
    kiosk.overlay.stop()


def test_stop_ends_it_without_finished(qtbot: QtBot) -> None:
    kiosk = Kiosk(qtbot)
    kiosk.overlay.start(5)
    with qtbot.assertNotEmitted(kiosk.overlay.finished, wait=TICK_MS * 8):
        kiosk.overlay.stop()
    assert not kiosk.overlay.running
    tap(kiosk.button)
    assert kiosk.clicks == 1


@pytest.mark.parametrize(
    ("asked", "runs"),
    [(10**12, MAX_CLEANING_SECONDS), (0, 1), (-5, 1), (MAX_CLEANING_SECONDS, 600)],
)
def test_the_length_is_held_to_its_limits(qtbot: QtBot, asked: int, runs: int) -> None:
    """Hostile lengths: a trillion seconds, none, negative."""
    kiosk = Kiosk(qtbot)
    kiosk.overlay.start(asked)
    assert kiosk.overlay.seconds_left == runs
    assert str(runs) in _texts(kiosk.overlay)
    kiosk.overlay.stop()


def test_a_storm_of_input_is_swallowed_without_freezing(qtbot: QtBot, counter: Counter) -> None:
    """Hostile: a cloth dragged over the glass: thousands of touch moves, taps and keys."""
    kiosk = Kiosk(qtbot, second_ms=5000)
    kiosk.overlay.start(1)
    counter.inputs = 0
    started = time.monotonic()
    centre = kiosk.button.geometry().center()
    for step in range(1500):
        QTest.mouseMove(kiosk.handle, centre + QPoint(step % 200, 0))
        QTest.keyClick(kiosk.handle, Qt.Key.Key_Space)
    for _ in range(300):
        tap(kiosk.button)
    assert time.monotonic() - started < 60
    assert kiosk.clicks == 0
    assert counter.inputs == 0
    kiosk.overlay.stop()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_a_dark_screen_with_words_at_7_to_1(qtbot: QtBot, high_contrast: bool) -> None:
    theme = Theme().with_contrast(high_contrast)
    host = QWidget()
    qtbot.addWidget(host)
    overlay = CleaningOverlay(theme, host)
    assert contrast_ratio(overlay.ink, overlay.fill) >= TEXT_MIN
    assert contrast_ratio(overlay.fill, "#000000") < contrast_ratio(overlay.fill, "#FFFFFF")


@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("size", [*DISPLAYS, SHORT], ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_words_fit_every_screen(qtbot: QtBot, size: tuple[int, int], step: int) -> None:
    theme = Theme(family=load_bundled_fonts()).at_text_step(step)
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(theme.stylesheet())
    host.resize(*size)
    overlay = CleaningOverlay(theme, host)
    host.show()
    qtbot.waitExposed(host)
    overlay.start(45)
    QApplication.processEvents()
    for label in overlay.findChildren(QLabel):
        assert host.rect().contains(label.geometry()), label.text()
        assert label.heightForWidth(label.width()) <= label.height() + 1, label.text()
    overlay.stop()
