"""Time for patients (WCAG 2.2.1): "I need more time" on the idle card, keys and screen-reader
presses as activity, and a thank-you screen that stays while it is touched. By touch on the
real window, with short injected timings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, Timings
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.idle import MAX_TIMEOUT_FACTOR
from tests.form_driving import send_a_request
from tests.helpers import write_content
from tests.kiosk_fixtures import PORTRAIT, running_kiosk, tile_for
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e

IDLE_MS = 300
EARLY = 0.9
"""Qt's coarse timers may fire up to 5 % early."""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


def _start_visit(kiosk: KioskApp) -> None:
    tap(kiosk.window.attract.start_button)
    tap(tile_for(kiosk, "second"))
    assert wait_until(lambda: kiosk.session.view.page_index == 1)


def _card_shows(kiosk: KioskApp, timeout_ms: int = 3000) -> bool:
    return wait_until(kiosk.window.idle_overlay.isVisible, timeout_ms)


def test_more_time_doubles_the_wait_for_this_visit_only(qtbot: QtBot, content: Path) -> None:
    timings = Timings(idle_ms=IDLE_MS, warning_ms=2500)
    with running_kiosk(content, timings=timings) as kiosk:
        overlay = kiosk.window.idle_overlay
        _start_visit(kiosk)
        waits: list[int] = []
        for _ in range(3):
            assert _card_shows(kiosk)
            tap(overlay.more_time_button)
            clock = QElapsedTimer()
            clock.start()
            assert wait_until(lambda: not overlay.isVisible())
            assert kiosk.session.view.page_index == 1  # the visit goes on
            waits.append(kiosk.idle.timeout_ms)
            assert _card_shows(kiosk, 5000)
            assert clock.elapsed() >= EARLY * kiosk.idle.timeout_ms  # and really waited longer
        assert waits == [2 * IDLE_MS, 4 * IDLE_MS, 4 * IDLE_MS]  # doubled, then capped
        assert MAX_TIMEOUT_FACTOR == 4
        tap(overlay.still_here_button)  # keeps going with the time asked for
        assert wait_until(lambda: not overlay.isVisible())
        assert kiosk.idle.timeout_ms == 4 * IDLE_MS
        assert _card_shows(kiosk, 5000)
        # Nobody answers: the kiosk starts over, and the next patient has the usual time.
        assert wait_until(lambda: kiosk.session.view.screen is Screen.ATTRACT, 5000)
        _start_visit(kiosk)
        assert kiosk.idle.armed and kiosk.idle.timeout_ms == IDLE_MS


def test_the_card_offers_both_answers_in_the_patients_language(qtbot: QtBot, content: Path) -> None:
    timings = Timings(idle_ms=IDLE_MS, warning_ms=20_000)
    with running_kiosk(content, timings=timings) as kiosk:
        overlay = kiosk.window.idle_overlay
        tap(kiosk.window.attract.language_buttons["es"])
        _start_visit(kiosk)
        assert _card_shows(kiosk)
        assert wait_until(lambda: overlay.more_time_button.text() == "Necesito más tiempo")
        assert overlay.more_time_button.accessibleName() == "Necesito más tiempo"
        assert overlay.still_here_button.accessibleName() == "Sigo aquí"
        words = " ".join(label.text() for label in overlay.findChildren(QLabel))
        assert "20 segundos" in words  # how long is left, said plainly
        tap(overlay.more_time_button)
        assert wait_until(lambda: not overlay.isVisible())
        deck = kiosk.session.view.deck
        assert deck is not None and deck.language == "es"  # nothing of the visit was lost


def test_a_screen_reader_can_ask_for_more_time(qtbot: QtBot, content: Path) -> None:
    timings = Timings(idle_ms=IDLE_MS, warning_ms=20_000)
    with running_kiosk(content, timings=timings) as kiosk:
        overlay = kiosk.window.idle_overlay
        _start_visit(kiosk)
        assert _card_shows(kiosk)
        interface = QAccessible.queryAccessibleInterface(overlay.more_time_button)
        assert interface is not None and interface.text(QAccessible.Text.Name) == (
            "I need more time"
        )
        actions = interface.actionInterface()
        assert actions is not None
        actions.doAction(QAccessibleActionInterface.pressAction())
        assert wait_until(lambda: not overlay.isVisible())
        assert kiosk.idle.timeout_ms == 2 * IDLE_MS


def test_a_key_answers_the_card(qtbot: QtBot, content: Path) -> None:
    timings = Timings(idle_ms=IDLE_MS, warning_ms=20_000)
    with running_kiosk(content, timings=timings) as kiosk:
        overlay = kiosk.window.idle_overlay
        _start_visit(kiosk)
        assert _card_shows(kiosk)
        handle = kiosk.window.windowHandle()  # where a real keyboard's keys arrive
        assert handle is not None
        QTest.keyClick(handle, Qt.Key.Key_Space)  # a touch user's card: any key is "still here"
        assert wait_until(lambda: not overlay.isVisible())
        assert kiosk.session.view.page_index == 1 and kiosk.idle.armed
        assert kiosk.idle.timeout_ms == IDLE_MS  # "still here", not "more time"
        kiosk.idle._idle.setInterval(IDLE_MS)
        kiosk.idle._idle.start()
        assert _card_shows(kiosk)
        QTest.keyClick(handle, Qt.Key.Key_A)  # any key that is not the card's own
        assert wait_until(lambda: not overlay.isVisible())
        assert kiosk.idle.timeout_ms == IDLE_MS


def test_thank_you_stays_while_touched_and_leaves_after_the_last_touch(
    qtbot: QtBot, tmp_path: Path
) -> None:
    thanks_ms = 1500
    timings = Timings(idle_ms=60_000, warning_ms=20_000, thanks_ms=thanks_ms)
    with running_kiosk(
        BUNDLED_CONTENT,
        size=PORTRAIT,
        data_dir=tmp_path / "data",
        timings=timings,
        locations=("Main clinic", "Northside"),
    ) as kiosk:
        send_a_request(kiosk)
        thanks = kiosk.window.thank_you
        code = thanks.code
        assert code
        shown = QElapsedTimer()
        shown.start()
        last_touch = QElapsedTimer()
        last_touch.start()
        while shown.elapsed() < 2 * thanks_ms:  # longer than the screen would stay untouched
            assert wait_until(lambda: last_touch.elapsed() >= thanks_ms // 3)
            assert kiosk.session.view.screen is Screen.THANK_YOU
            tap(thanks)  # the middle of the screen: the code, not "Done"
            last_touch.restart()
        assert kiosk.session.view.screen is Screen.THANK_YOU and thanks.code == code
        assert wait_until(lambda: kiosk.session.view.screen is Screen.ATTRACT, 4 * thanks_ms)
        assert last_touch.elapsed() >= EARLY * thanks_ms
        assert thanks.code == ""
