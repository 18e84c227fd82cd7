"""A patient switches language anywhere: on a page they stay on that page, in the form they
keep what they typed, and Cancel takes them back to where they came from, in their language."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from tests.form_driving import send_a_request, touch_in_form, type_on_keyboard
from tests.kiosk_fixtures import PORTRAIT, open_tile, running_kiosk
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e


def _language(kiosk: KioskApp) -> str:
    deck = kiosk.session.view.deck
    return deck.language if deck is not None else ""


@pytest.mark.parametrize("size", [(1920, 1080), PORTRAIT])
def test_the_page_switch_keeps_the_page(qtbot: QtBot, size: tuple[int, int]) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        open_tile(kiosk, "hip-joint")
        switch = kiosk.window.reader.language_button
        assert switch.isVisible() and switch.text() == "Español"
        assert switch.height() >= 72
        tap(switch)
        assert wait_until(lambda: _language(kiosk) == "es")
        view = kiosk.session.view
        assert view.screen is Screen.PAGE and view.page is not None
        assert view.page.slug == "hip-joint"
        assert kiosk.window.reader.language_button.text() == "English"
        assert kiosk.window.reader.next_button.text() == "Siguiente"


def test_the_form_switch_keeps_what_was_typed(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, data_dir=tmp_path / "data") as kiosk:
        open_tile(kiosk, "cartilage")
        tap(kiosk.window.reader.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        form = kiosk.window.request_form
        touch_in_form(form, form.name_field)
        type_on_keyboard(form, "Ana")
        form.scroll_area.ensureVisible(0, 0)
        tap(form.language_button)
        assert wait_until(lambda: _language(kiosk) == "es")
        assert kiosk.session.view.screen is Screen.REQUEST_FORM
        assert form.name_field.text() == "Ana"
        assert form.cancel_button.text() != "Cancel"  # the labels followed the language
        touch_in_form(form, form.cancel_button)
        question = form.discard_question
        assert wait_until(question.isVisible)
        assert question.question.text() != "Discard what you have entered?"  # in Spanish
        touch_in_form(form, question.discard_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.PAGE)
        page = kiosk.session.view.page
        assert page is not None and page.slug == "cartilage" and _language(kiosk) == "es"
        assert form.name_field.text() == ""  # cancel forgot it


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), PORTRAIT])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_topic_tile_is_on_screen(qtbot: QtBot, size: tuple[int, int], language: str) -> None:
    """Longer Spanish chapter names once pushed the fourth column past the right edge."""
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        tap(kiosk.window.attract.language_buttons[language])
        tap(kiosk.window.attract.start_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        menu = kiosk.window.menu
        viewport = menu.scroll_area.viewport()
        for tile in menu.tiles:
            left = tile.mapTo(viewport, tile.rect().topLeft()).x()
            right = tile.mapTo(viewport, tile.rect().topRight()).x()
            assert left >= 0 and right < viewport.width(), (tile.slug, left, right)
            assert tile.width() >= tile.minimumSizeHint().width()


def test_thank_you_switches_language_and_keeps_the_code(qtbot: QtBot, tmp_path: Path) -> None:
    locations = ("Main clinic", "Northside")
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=locations) as kiosk:
        send_a_request(kiosk)
        thanks = kiosk.window.thank_you
        code = thanks.code
        tap(thanks.language_button)
        assert wait_until(lambda: _language(kiosk) == "es")
        assert kiosk.session.view.screen is Screen.THANK_YOU
        assert thanks.code == code and thanks.done_button.text() != "Done"
