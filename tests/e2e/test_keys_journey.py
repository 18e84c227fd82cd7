"""A whole visit by keys alone, as a patient with a keypad (arrows, Enter, Back, Page Down) or
a plain keyboard makes it: attract -> menu -> every page -> Request a visit -> the form, filled
by keys and sent -> thank-you -> attract, in English and in Spanish.

Keys go to the window (``QTest.keyClick`` on its QWindow), as a real keyboard's do: the window
hands them to the focused widget after the key map (kiosk.ui.keys) has had its say.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.menu import TileKey
from tests.kiosk_fixtures import press_key as key
from tests.kiosk_fixtures import running_kiosk, settle
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e
K = Qt.Key


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def _on_page(kiosk: KioskApp, index: int) -> bool:
    return kiosk.session.view.page_index == index


def _screen(kiosk: KioskApp) -> Screen:
    return kiosk.session.view.screen


def _language(kiosk: KioskApp) -> str:
    deck = kiosk.session.view.deck
    return deck.language if deck is not None else ""


def _focus_to(kiosk: KioskApp, widget: QWidget | None, pressed: Qt.Key = K.Key_Tab) -> None:
    assert widget is not None
    for _ in range(40):
        if widget.hasFocus():
            return
        key(kiosk, pressed)
    assert widget.hasFocus(), f"{pressed!r} never reached {widget.accessibleName()!r}"


def _read_every_page(kiosk: KioskApp) -> None:
    """From the menu: Enter on the first tile, then Page Down and Enter on Next in turn."""
    window = kiosk.window
    menu = window.menu
    assert isinstance(focused(), TileKey) and focused() is menu.tiles[0].key
    key(kiosk, K.Key_Return)
    assert wait_until(lambda: kiosk.session.view.page_index == 0 and _screen(kiosk) is Screen.PAGE)
    settle(kiosk)
    reader = window.reader
    assert reader.next_button.hasFocus(), "a key user lands on Next"
    count = kiosk.session.view.path_length  # reading in order ends on the visit page
    seen = [kiosk.session.view.page_index]
    for index in range(1, count):
        key(kiosk, K.Key_PageDown if index % 2 else K.Key_Return)  # Next has the focus
        assert wait_until(partial(_on_page, kiosk, index))
        settle(kiosk)
        assert reader.next_button.hasFocus()
        seen.append(kiosk.session.view.page_index)
    assert seen == list(range(count))
    key(kiosk, K.Key_PageUp)  # and back one page, then on to the last again
    assert wait_until(lambda: kiosk.session.view.page_index == count - 2)
    settle(kiosk)
    key(kiosk, K.Key_PageDown)
    assert wait_until(lambda: kiosk.session.view.page_index == count - 1)
    settle(kiosk)
    _focus_to(kiosk, reader.sources_button, K.Key_Backtab)  # the sources, off the path
    key(kiosk, K.Key_Space)
    assert wait_until(lambda: kiosk.session.view.page_index == count)
    settle(kiosk)
    key(kiosk, K.Key_PageUp)  # back to the visit page
    assert wait_until(lambda: kiosk.session.view.page_index == count - 1)
    settle(kiosk)


def _fill_form_by_keys(kiosk: KioskApp) -> None:
    """The form by keys: Tab through it in the order it reads; typing on the keyboard."""
    form = kiosk.window.request_form
    _focus_to(kiosk, form.name_field)
    QTest.keyClicks(form.name_field, "Ana Ruiz")
    key(kiosk, K.Key_Return)  # Enter goes on to the phone field
    assert form.phone_field.hasFocus()
    QTest.keyClicks(form.phone_field, "3125550123")
    _focus_to(kiosk, form.best_time.tab_stop())
    key(kiosk, K.Key_Space)
    assert form.best_time.value()
    if form.sections["location"].isVisibleTo(form):
        _focus_to(kiosk, form.location.tab_stop())
        key(kiosk, K.Key_Space)
    spot = next(iter(form.body_map.buttons.values()))
    _focus_to(kiosk, spot)
    key(kiosk, K.Key_Space)
    assert form.body_map.selected()
    _focus_to(kiosk, form.duration.tab_stop())
    key(kiosk, K.Key_Space)
    _focus_to(kiosk, form.consent_button)
    key(kiosk, K.Key_Space)
    assert form.consent_button.isChecked()
    _focus_to(kiosk, form.send_button)
    key(kiosk, K.Key_Return)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_whole_visit_by_keys(qtbot: QtBot, tmp_path: Path, language: str) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data") as kiosk:
        window = kiosk.window
        attract = window.attract
        assert focused() in (None, window), "no control has the focus before a key"
        if language == "es":
            _focus_to(kiosk, attract.language_buttons["es"])
            key(kiosk, K.Key_Return)
            assert wait_until(lambda: _language(kiosk) == "es")
        key(kiosk, K.Key_Escape)  # Back on the start screen: nothing, and the kiosk stays
        assert window.isVisible() and _screen(kiosk) is Screen.ATTRACT
        _focus_to(kiosk, window.attract.start_button)
        key(kiosk, K.Key_Return)
        assert wait_until(lambda: _screen(kiosk) is Screen.MENU)
        _read_every_page(kiosk)

        reader = window.reader
        _focus_to(kiosk, reader.next_button, K.Key_Tab)  # on the visit page Next is the request
        key(kiosk, K.Key_Space)
        assert wait_until(lambda: _screen(kiosk) is Screen.REQUEST_FORM)
        _fill_form_by_keys(kiosk)
        assert wait_until(lambda: _screen(kiosk) is Screen.THANK_YOU)
        thanks = window.thank_you
        assert thanks.done_button.hasFocus(), "a key user lands on Done"
        expected = "Listo" if language == "es" else "Done"
        assert thanks.done_button.text() == expected
        key(kiosk, K.Key_Back)  # Back on "Thank you" is Done
        assert wait_until(lambda: _screen(kiosk) is Screen.ATTRACT)
        assert window.attract.start_button.hasFocus()


def test_a_tap_leaves_no_focus_ring(qtbot: QtBot) -> None:
    """A key user's ring goes when the next patient touches the screen; touch screens then
    never show one (buttons take focus from keys only)."""
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        window = kiosk.window
        key(kiosk, K.Key_Tab)
        assert isinstance(focused(), QPushButton)
        tap(window.attract.start_button)
        assert wait_until(lambda: _screen(kiosk) is Screen.MENU)
        assert focused() in (None, window)
        tap(window.menu.start_button)
        assert wait_until(lambda: _screen(kiosk) is Screen.PAGE)
        assert focused() in (None, window)


def test_back_home_and_the_menu_grid(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        window = kiosk.window
        key(kiosk, K.Key_Return)  # nothing focused: Enter shows the ring on Touch to start
        assert window.attract.start_button.hasFocus()
        key(kiosk, K.Key_Return)
        assert wait_until(lambda: _screen(kiosk) is Screen.MENU)
        menu = window.menu
        tiles = [tile.key for tile in menu.tiles]
        assert tiles[0].hasFocus()
        key(kiosk, K.Key_Right)
        assert tiles[1].hasFocus()
        key(kiosk, K.Key_Down)  # a grid: straight down to the tile below
        below = [t for t in tiles if t.hasFocus()]
        assert below and menu.tiles[tiles.index(below[0])].y() > menu.tiles[1].y()
        assert menu.tiles[tiles.index(below[0])].x() == menu.tiles[1].x()
        key(kiosk, K.Key_Escape)  # Back on the menu: nothing (it is home)
        assert _screen(kiosk) is Screen.MENU
        key(kiosk, K.Key_Space)
        assert wait_until(lambda: _screen(kiosk) is Screen.PAGE)
        settle(kiosk)
        first = kiosk.session.view.page_index
        assert first > 0
        key(kiosk, K.Key_Backspace)  # Back: the previous page
        assert wait_until(lambda: kiosk.session.view.page_index == first - 1)
        settle(kiosk)
        key(kiosk, K.Key_Home)
        assert wait_until(lambda: _screen(kiosk) is Screen.MENU)
        for reserved in (K.Key_Help, K.Key_F1, K.Key_VolumeUp, K.Key_VolumeDown):
            key(kiosk, reserved)
            assert _screen(kiosk) is Screen.MENU


@pytest.mark.parametrize("button", ["text_size_button", "contrast_button"])
def test_a_new_look_by_keys_keeps_the_focus_on_its_button(qtbot: QtBot, button: str) -> None:
    """Enter on "Larger text" (or "High contrast") rebuilds the screens in the new look: the
    focus is on the same button of the new screen, so Enter again steps again."""
    from kiosk.ui.display_controls import DisplayControls

    def the_button() -> QPushButton:
        controls = kiosk.window.current_screen.findChild(DisplayControls)
        assert controls is not None
        widget = getattr(controls, button)
        assert isinstance(widget, QPushButton)
        return widget

    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        _focus_to(kiosk, kiosk.window.attract.start_button)
        key(kiosk, K.Key_Return)
        assert wait_until(lambda: _screen(kiosk) is Screen.MENU)
        first = the_button()
        _focus_to(kiosk, first)
        before = kiosk.window.look
        key(kiosk, K.Key_Return)
        assert wait_until(lambda: kiosk.window.look != before)
        assert _screen(kiosk) is Screen.MENU
        pressed = the_button()
        assert pressed is not first, "the screens were rebuilt for the new look"
        assert pressed.hasFocus(), f"the focus went to {focused()!r}"
        again = kiosk.window.look
        key(kiosk, K.Key_Return)
        assert wait_until(lambda: kiosk.window.look != again)
        assert the_button().hasFocus()
