"""A patient's visit, driven with touch events on the real window (no method-call shortcuts)."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, Timings
from kiosk.selftest.touch import swipe, tap, wait_until
from kiosk.session import Screen
from tests.helpers import write_content
from tests.kiosk_fixtures import PORTRAIT, open_tile, running_kiosk, settle, tile_for
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e


def _on_page(kiosk: KioskApp, index: int) -> bool:
    return kiosk.session.view.page_index == index


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


def test_touch_start_tile_next_back_home(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content) as kiosk:
        view = kiosk.session
        assert view.view.screen is Screen.ATTRACT
        tap(kiosk.window.attract)  # a touch anywhere starts
        assert wait_until(lambda: view.view.screen is Screen.MENU)
        tap(tile_for(kiosk, "second"))
        assert wait_until(lambda: view.view.page_index == 1)
        settle(kiosk)
        assert kiosk.window.reader.slider.current.page == view.view.page
        tap(kiosk.window.reader.next_button)
        assert wait_until(lambda: view.view.page_index == 2)
        settle(kiosk)
        tap(kiosk.window.reader.back_button)
        assert wait_until(lambda: view.view.page_index == 1)
        settle(kiosk)
        tap(kiosk.window.reader.home_button)
        assert wait_until(lambda: view.view.screen is Screen.MENU)


def test_one_finger_swipe_turns_pages_both_ways(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content) as kiosk:
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.start_button)
        assert wait_until(lambda: kiosk.session.view.page_index == 0)
        settle(kiosk)
        page_area = kiosk.window.reader.slider
        swipe(page_area, dx=-500)
        assert wait_until(lambda: kiosk.session.view.page_index == 1)
        settle(kiosk)
        swipe(page_area, dx=+500)
        assert wait_until(lambda: kiosk.session.view.page_index == 0)
        settle(kiosk)
        swipe(page_area, dx=-40)  # too short: a tap or jitter, not a page turn
        swipe(page_area, dx=-200, dy=400)  # mostly vertical: scrolling, not a page turn
        QApplication.processEvents()
        assert kiosk.session.view.page_index == 0


def test_touch_drag_scrolls_long_page_text(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content, size=PORTRAIT) as kiosk:
        browser = open_tile(kiosk, "third")  # the long page
        bar = browser.verticalScrollBar()
        assert bar.maximum() > 0, "the long test page must overflow"
        swipe(browser.viewport(), dx=0, dy=-400, steps=12, step_ms=16)
        assert wait_until(lambda: bar.value() > 0, 3000)
        assert not browser.textCursor().hasSelection()  # a drag never selects text
        assert kiosk.session.view.page_index == 2  # and never turns the page


def test_link_inside_page_opens_the_other_page(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content) as kiosk:
        browser = open_tile(kiosk, "first")
        block = browser.document().find("the second")
        assert not block.isNull()
        rect = browser.cursorRect(block)
        tap(browser.viewport(), QPoint(rect.left() - 20, rect.center().y()))
        assert wait_until(lambda: kiosk.session.view.page_index == 1)


def test_language_button_switches_pages_and_buttons(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content) as kiosk:
        tap(kiosk.window.attract.language_buttons["es"])
        assert wait_until(
            lambda: kiosk.session.view.deck is not None and kiosk.session.view.deck.language == "es"
        )
        assert wait_until(lambda: kiosk.window.attract.start_button.text() == "Toque para empezar")
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.start_button)
        settle(kiosk)
        assert wait_until(lambda: kiosk.window.reader.next_button.text() == "Siguiente")
        assert kiosk.window.reader.slider.current.page is not None
        assert kiosk.window.reader.slider.current.page.title.endswith(" es")


def test_idle_warning_then_reset_to_attract(qtbot: QtBot, content: Path) -> None:
    timings = Timings(idle_ms=300, warning_ms=1200)
    with running_kiosk(content, timings=timings) as kiosk:
        tap(kiosk.window.attract.language_buttons["es"])
        tap(kiosk.window.attract.start_button)
        tap(tile_for(kiosk, "third"))
        overlay = kiosk.window.idle_overlay
        assert wait_until(overlay.isVisible, 2000)
        assert wait_until(
            lambda: "Sigue" in overlay.accessibleName()
        )  # the warning speaks the patient's language
        assert wait_until(lambda: kiosk.session.view.screen is Screen.ATTRACT, 3000)
        assert not overlay.isVisible()
        deck = kiosk.session.view.deck
        assert deck is not None and deck.language == "en"  # language forgotten too
        assert wait_until(lambda: kiosk.window.attract.start_button.text() == "Touch to start")


@pytest.mark.parametrize("where", ["still here", "beside the card"])
def test_touch_during_warning_keeps_the_visit(qtbot: QtBot, content: Path, where: str) -> None:
    timings = Timings(idle_ms=300, warning_ms=1500)
    with running_kiosk(content, timings=timings) as kiosk:
        tap(kiosk.window.attract.start_button)
        tap(tile_for(kiosk, "second"))
        overlay = kiosk.window.idle_overlay
        assert wait_until(overlay.isVisible, 2000)
        if where == "still here":
            tap(overlay.still_here_button)
        else:
            tap(overlay, QPoint(20, 20))  # the dimmed screen around the card
        assert wait_until(lambda: not overlay.isVisible())
        assert kiosk.session.view.page_index == 1
        assert kiosk.idle.armed  # and the idle timer starts over
        assert kiosk.idle.timeout_ms == 300  # with the usual time ("more time" doubles it)


def test_attract_screen_never_times_out(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content, timings=Timings(idle_ms=100, warning_ms=100)) as kiosk:
        qtbot.wait(400)
        assert not kiosk.window.idle_overlay.isVisible()
        assert kiosk.session.view.screen is Screen.ATTRACT


def test_escape_and_window_close_do_not_end_kiosk_mode(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content, kiosk_mode=True) as kiosk:
        QApplication.sendEvent(
            kiosk.window,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        )
        close = QCloseEvent()
        QApplication.sendEvent(kiosk.window, close)
        assert not close.isAccepted()
        assert kiosk.window.isVisible()


def test_bundled_content_every_page_reachable_by_touch(qtbot: QtBot) -> None:
    """Next reads the path to the visit page (issue 14: it ends there, on the call to action);
    the sources after it open from its "Sources" button, and Next there leads to the topics."""
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        assert not kiosk.library.errors, [p.format() for p in kiosk.library.errors]
        reader = kiosk.window.reader
        for deck in kiosk.session.languages:
            kiosk.reset()
            tap(kiosk.window.attract.language_buttons[deck.language])
            tap(kiosk.window.attract.start_button)
            tap(kiosk.window.menu.start_button)
            path = deck.index_of("ready") + 1
            for index in range(path):
                assert wait_until(partial(_on_page, kiosk, index))
                settle(kiosk)
                numbers = re.findall(r"\d+", reader.progress.accessibleName())
                assert numbers == [str(index + 1), str(path)]  # counts the path only
                if index < path - 1:
                    tap(reader.next_button)
            assert kiosk.session.view.on_visit_page
            for index in range(path, len(deck.pages)):
                tap(reader.sources_button if index == path else reader.next_button)
                assert wait_until(partial(_on_page, kiosk, index))
                settle(kiosk)
                assert not reader.progress.isVisible()  # after the path: no number
            tap(reader.next_button)
            assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)


def test_the_visit_page_ends_the_path_on_the_form(qtbot: QtBot, content: Path) -> None:
    """With the form offered, Next on the visit page is "Request a visit" and opens it; Cancel
    comes back to the visit page; the count is of the path ("3 of 3")."""
    with running_kiosk(content, data_dir=content.parent / "data") as kiosk:
        reader = kiosk.window.reader
        open_tile(kiosk, "third")
        settle(kiosk)
        assert (reader.progress.text(), reader.progress.accessibleName()) == (
            "3 of 3",
            "Page 3 of 3",
        )
        assert reader.next_button.text() == "Request a visit"
        assert not reader.visit_button.isVisible()  # Next is the call to action here
        tap(reader.next_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        tap(kiosk.window.request_form.cancel_button)
        assert wait_until(lambda: kiosk.session.view.on_visit_page)


def test_tap_just_beside_a_link_still_follows_it(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content) as kiosk:
        browser = open_tile(kiosk, "first")
        found = browser.document().find("the second")
        rect = browser.cursorRect(found)
        below = QPoint(rect.left() - 20, rect.bottom() + 14)
        assert not browser.anchorAt(below), "the test must tap beside the link, not on it"
        tap(browser.viewport(), below)
        assert wait_until(lambda: kiosk.session.view.page_index == 1)


def test_tap_far_from_links_does_nothing(qtbot: QtBot, content: Path) -> None:
    with running_kiosk(content) as kiosk:
        browser = open_tile(kiosk, "second")
        tap(browser.viewport(), QPoint(10, browser.viewport().height() - 10))
        QApplication.processEvents()
        assert kiosk.session.view.page_index == 1


def _glided_past(kiosk: KioskApp, before: int) -> bool:
    from kiosk.ui.touch import is_flicking

    browser = kiosk.window.reader.slider.current.browser
    return browser.verticalScrollBar().value() > before and not is_flicking(browser.viewport())


def _tap_more_below_until_the_end(kiosk: KioskApp) -> int:
    """Tap "More below" by touch, each time waiting for the glide; returns the taps needed."""
    pane = kiosk.window.reader.slider.current
    bar = pane.browser.verticalScrollBar()
    taps = 0
    while pane.more_button.isVisible():
        before = bar.value()
        tap(pane.more_button)
        taps += 1
        assert wait_until(partial(_glided_past, kiosk, before))
        assert taps < 40, "More below never reached the end"
    assert bar.value() == bar.maximum()
    return taps


def _window_size(orientation: str) -> tuple[int, int]:
    from tests.kiosk_fixtures import LANDSCAPE

    return {"landscape": LANDSCAPE, "portrait": PORTRAIT}[orientation]


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_more_below_shows_on_long_pages_and_scrolls_by_touch(
    qtbot: QtBot, content: Path, orientation: str
) -> None:
    with running_kiosk(content, size=_window_size(orientation)) as kiosk:
        open_tile(kiosk, "second")  # short: all of it fits
        assert not kiosk.window.reader.slider.current.more_button.isVisible()
        tap(kiosk.window.reader.next_button)
        assert wait_until(lambda: _on_page(kiosk, 2))  # "third", the long page
        settle(kiosk)
        pane = kiosk.window.reader.slider.current
        assert pane.more_button.isVisible()
        assert _tap_more_below_until_the_end(kiosk) > 1
        assert not pane.more_button.isVisible()
        assert not pane.browser.fade.isVisible()
        swipe(pane.browser.viewport(), dx=0, dy=+400, steps=12, step_ms=16)  # back up a bit
        assert wait_until(pane.more_button.isVisible)
        assert kiosk.session.view.page_index == 2


@pytest.mark.parametrize(
    ("orientation", "slug", "words"),
    [
        ("landscape", "welcome", "where hip pain can show up"),  # the page's only link
        ("portrait", "sources", "not medical advice"),
    ],
)
def test_bundled_words_below_the_fold_are_a_tap_away(
    qtbot: QtBot, orientation: str, slug: str, words: str
) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=_window_size(orientation)) as kiosk:
        tap(kiosk.window.attract.start_button)
        tile = tile_for(kiosk, slug)
        # Under its chapter's heading the tile can start below the fold: scroll to it first.
        kiosk.window.menu.scroll_area.ensureWidgetVisible(tile)
        tap(tile)
        assert wait_until(
            lambda: (page := kiosk.session.view.page) is not None and page.slug == slug
        )
        settle(kiosk)
        pane = kiosk.window.reader.slider.current
        browser = pane.browser
        found = browser.document().find(words)
        assert not found.isNull()
        clear = browser.viewport().height() - browser.fade.height()
        assert browser.cursorRect(found).bottom() > clear, "hidden at first, or nothing to test"
        assert pane.more_button.isVisible()
        assert pane.more_button.text() == "More below"
        _tap_more_below_until_the_end(kiosk)
        assert not pane.more_button.isVisible()
        assert browser.viewport().rect().contains(browser.cursorRect(found))
