"""The reader and the menu rearrange for the screen they are on: in portrait the top of the
screen (out of a seated patient's reach) holds the page's title and picture, or the menu's title,
and everything a patient touches starts below it; a window first laid out wide can still narrow.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.reach import reach_band
from kiosk.selftest.touch import wait_until
from tests.kiosk_fixtures import PORTRAIT, running_kiosk, settle
from tests.paths import BUNDLED_CONTENT


def _top(widget: QWidget, kiosk: KioskApp) -> int:
    return widget.mapTo(kiosk.window, QPoint(0, 0)).y()


def _open_page(kiosk: KioskApp, slug: str) -> None:
    kiosk.show_view(kiosk.session.start())
    kiosk.show_view(kiosk.session.open_page(slug))
    QApplication.processEvents()
    settle(kiosk)


@pytest.mark.parametrize("step", [1, 2, 3])
def test_in_portrait_the_page_text_starts_where_reach_begins(qtbot: QtBot, step: int) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, text_step=step) as kiosk:
        _open_page(kiosk, "compensation")
        band = reach_band(*PORTRAIT, mount_height_mm=750, screen_height_mm=0)
        reader = kiosk.window.reader
        pane = reader.slider.current
        assert _top(pane.browser, kiosk) >= band.top
        assert _top(pane.browser, kiosk) < band.top + PORTRAIT[1] // 4  # no empty gap above
        for button in (reader.visit_button, *reader.display_controls.buttons):
            if button.isVisibleTo(kiosk.window):
                assert _top(button, kiosk) >= band.top, button.text()
        assert _top(reader.visit_button, kiosk) > _top(pane.browser, kiosk)  # below the page


def test_more_below_still_shows_and_turns_the_text_in_portrait_at_the_largest_step(
    qtbot: QtBot,
) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, text_step=3, animations=False) as kiosk:
        _open_page(kiosk, "compensation")
        pane = kiosk.window.reader.slider.current
        assert pane.more_button.isVisible()
        assert (
            kiosk.window.childAt(
                pane.more_button.mapTo(kiosk.window, pane.more_button.rect().center())
            )
            is pane.more_button
        )
        bar = pane.browser.verticalScrollBar()
        pane.more_button.click()
        assert wait_until(lambda: bar.value() > 0)


def test_in_portrait_the_menu_tiles_start_where_reach_begins(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, text_step=3) as kiosk:
        kiosk.show_view(kiosk.session.start())
        QApplication.processEvents()
        band = reach_band(*PORTRAIT, mount_height_mm=750, screen_height_mm=0)
        menu = kiosk.window.menu
        assert band.top <= _top(menu.scroll_area, kiosk) < band.top + 40
        assert _top(menu.display_controls, kiosk) > _top(menu.scroll_area, kiosk)
        assert menu._columns == 1  # one tile to a row at the largest text


def test_on_a_short_screen_at_large_text_the_reader_bar_goes_beside_the_page(
    qtbot: QtBot,
) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=(1366, 768), text_step=3) as kiosk:
        _open_page(kiosk, "welcome")
        reader = kiosk.window.reader
        pane = reader.slider.current
        assert reader.display_controls.columns == 1
        controls_left = reader.display_controls.mapTo(kiosk.window, QPoint(0, 0)).x()
        assert controls_left >= pane.mapTo(kiosk.window, QPoint(pane.width(), 0)).x()
        assert pane.browser.viewport().height() >= 300  # the text keeps some height


@pytest.mark.parametrize("screen", ["menu", "page"])
def test_a_window_first_laid_out_wide_narrows_to_portrait(qtbot: QtBot, screen: str) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=(2400, 1920), text_step=2) as kiosk:
        if screen == "menu":
            kiosk.show_view(kiosk.session.start())
        else:
            _open_page(kiosk, "welcome")
        QApplication.processEvents()
        current = kiosk.window.current_screen
        assert current.minimumSizeHint().width() <= PORTRAIT[0]
        current.resize(*PORTRAIT)  # as the stack would lay it out on a portrait window
        QApplication.processEvents()
        assert current.minimumSizeHint().width() <= PORTRAIT[0]


@pytest.mark.parametrize("step", [1, 3])
def test_in_portrait_the_visit_pages_sources_button_is_within_reach(
    qtbot: QtBot, step: int
) -> None:
    """The path's end: "Sources" takes the place of "Request a visit" in the bar, which lies
    below the page where a seated patient reaches it."""
    with running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, text_step=step) as kiosk:
        _open_page(kiosk, "ready")
        band = reach_band(*PORTRAIT, mount_height_mm=750, screen_height_mm=0)
        reader = kiosk.window.reader
        assert reader.sources_button.isVisible() and not reader.visit_button.isVisible()
        assert _top(reader.sources_button, kiosk) >= band.top
        assert _top(reader.sources_button, kiosk) > _top(reader.slider.current.browser, kiosk)
        bottom = _top(reader.sources_button, kiosk) + reader.sources_button.height()
        assert bottom <= PORTRAIT[1]
