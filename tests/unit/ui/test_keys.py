"""The key map (kiosk.ui.keys) and the focus order of each screen, by real key events sent to
the window (as a keyboard's reach it), on the real kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QPushButton, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, Timings
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.keys import KEY_MAP, Action, action_for, box, key_map_markdown, reading_order
from kiosk.ui.theme import Theme
from tests.kiosk_fixtures import PORTRAIT, running_kiosk, settle, tile_for
from tests.kiosk_fixtures import press_key as key
from tests.paths import BUNDLED_CONTENT

K = Qt.Key
README = Path(__file__).parents[3] / "README.md"


def _tab_cycle(kiosk: KioskApp, pressed: Qt.Key = K.Key_Tab) -> list[QWidget]:
    """Every control Tab (or ``pressed``) reaches, once round."""
    seen: list[QWidget] = []
    for _ in range(60):
        key(kiosk, pressed)
        widget = QApplication.focusWidget()
        assert widget is not None and widget is not kiosk.window
        if seen and widget is seen[0]:
            return seen
        seen.append(widget)
    raise AssertionError("Tab went on without coming round")


def _tab_to(kiosk: KioskApp, widget: QWidget) -> None:
    for _ in range(40):
        if widget.hasFocus():
            return
        key(kiosk, K.Key_Tab)
    assert widget.hasFocus(), f"Tab never reached {widget.accessibleName()!r}"


# --- the table ------------------------------------------------------------------------------


def test_every_key_has_one_meaning() -> None:
    keys = [k for binding in KEY_MAP for k in binding.keys]
    assert len(keys) == len(set(keys)), "a key in two rows"
    for binding in KEY_MAP:
        assert len(binding.actions) in (1, len(binding.keys)), binding.names
        assert binding.names and binding.meaning
    assert action_for(K.Key_Tab) is Action.NEXT_CONTROL
    assert action_for(K.Key_Backtab) is Action.PREVIOUS_CONTROL
    assert [action_for(k) for k in (K.Key_Up, K.Key_Down, K.Key_Left, K.Key_Right)] == [
        Action.UP,
        Action.DOWN,
        Action.LEFT,
        Action.RIGHT,
    ]
    for k in (K.Key_Return, K.Key_Enter, K.Key_Space, K.Key_Select):
        assert action_for(k) is Action.PRESS
    for k in (K.Key_Back, K.Key_Escape, K.Key_Backspace):
        assert action_for(k) is Action.BACK
    assert action_for(K.Key_PageDown) is Action.NEXT_PAGE
    assert action_for(K.Key_Help) is action_for(K.Key_F1) is Action.HELP
    assert action_for(K.Key_A) is None and action_for(0x7FFFFFFF) is None


def test_the_readme_table_is_made_from_the_key_map() -> None:
    table = key_map_markdown()
    rows = table.strip().splitlines()
    assert rows[:2] == ["| Keys | What they do |", "| --- | --- |"]
    assert len(rows) == 2 + len(KEY_MAP)
    for binding, row in zip(KEY_MAP, rows[2:], strict=True):
        assert row.startswith(f"| {binding.names} |") and binding.meaning in row


def test_the_readme_carries_the_key_map() -> None:
    assert key_map_markdown() in README.read_text(encoding="utf-8")


# --- each screen ---------------------------------------------------------------------------


def test_attract_order_and_first_focus(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        attract = kiosk.window.attract
        assert QApplication.focusWidget() in (None, kiosk.window)
        order = _tab_cycle(kiosk)
        assert order[0] is attract.start_button  # the words' column, then the controls row
        assert order == reading_order(order)
        assert attract.motion_button in order and attract.display_controls.contrast_button in order
        assert all(b in order for b in attract.language_buttons.values())
        assert _tab_cycle(kiosk, K.Key_Backtab) == [order[-1], *order[-2::-1]][: len(order)]


def test_menu_tiles_are_named_buttons_in_grid_order(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        key(kiosk, K.Key_Return, 2)  # Enter shows the ring on Touch to start, Enter presses it
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        menu = kiosk.window.menu
        keys = [tile.key for tile in menu.tiles]
        assert QApplication.focusWidget() is keys[0]
        for tile in menu.tiles:
            face = QAccessible.queryAccessibleInterface(tile.key)
            assert face is not None
            assert face.role() == QAccessible.Role.Button
            assert face.text(QAccessible.Text.Name) == tile.accessibleName()
            assert tile.key.geometry() == tile.rect()
        order = _tab_cycle(kiosk)
        assert len(order) == len(set(order))
        at = order.index(keys[0])
        order = order[at:] + order[:at]
        assert order[: len(keys)] == keys, "the tiles in a row, in grid order"
        assert menu.start_button in order and menu.visit_button in order
        assert order.index(menu.visit_button) > order.index(keys[-1])


def test_the_ring_shows_on_a_tile_only_with_the_focus(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        tap(kiosk.window.attract.start_button)
        tile = kiosk.window.menu.tiles[1]
        plain = tile.grab().toImage()
        _tab_to(kiosk, tile.key)
        ringed = tile.grab().toImage()
        ring = Theme().palette.focus_ring.lower()
        edge = [ringed.pixelColor(x, tile.height() // 2).name() for x in range(0, 12)]
        assert ring in edge
        assert ring not in [plain.pixelColor(x, tile.height() // 2).name() for x in range(0, 12)]


@pytest.mark.parametrize("size", [(1920, 1080), PORTRAIT], ids=["landscape", "portrait"])
def test_reader_order_links_and_page_keys(qtbot: QtBot, size: tuple[int, int]) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        tap(kiosk.window.attract.start_button)
        key(kiosk, K.Key_Tab)  # a key: from now on the focus follows the screens
        tap_free = tile_for(kiosk, "hip-joint").key
        tap_free.setFocus(Qt.FocusReason.TabFocusReason)
        key(kiosk, K.Key_Enter)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.PAGE)
        settle(kiosk)
        reader = kiosk.window.reader
        assert reader.next_button.hasFocus()
        order = _tab_cycle(kiosk)
        nav = [reader.back_button, reader.home_button, reader.next_button]
        assert all(b in order for b in [*nav, reader.visit_button])
        browser = reader.slider.current.browser
        assert browser in order, "a page with links is a focus stop"
        # Tab into the text: straight onto its first link; Enter follows it.
        browser.clearFocus()
        reader.visit_button.setFocus(Qt.FocusReason.TabFocusReason)
        _tab_to(kiosk, browser)
        assert isinstance(browser, QTextBrowser) and browser.textCursor().hasSelection()
        link = browser.textCursor().selectedText()
        assert link
        before = kiosk.session.view
        key(kiosk, K.Key_Return)
        assert wait_until(lambda: kiosk.session.view != before), f"Enter on {link!r}"
        settle(kiosk)


def test_reader_back_home_and_page_keys(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.start_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.PAGE)
        settle(kiosk)
        key(kiosk, K.Key_PageUp)  # not past the first page
        assert kiosk.session.view.screen is Screen.PAGE and kiosk.session.view.page_index == 0
        key(kiosk, K.Key_PageDown)
        assert wait_until(lambda: kiosk.session.view.page_index == 1)
        settle(kiosk)
        assert kiosk.window.reader.next_button.hasFocus()
        key(kiosk, K.Key_Back)
        assert wait_until(lambda: kiosk.session.view.page_index == 0)
        settle(kiosk)
        key(kiosk, K.Key_Escape)  # from the first page: the topics
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert kiosk.window.isVisible()
        assert QApplication.focusWidget() is kiosk.window.menu.tiles[0].key


def test_idle_card_takes_the_focus_and_gives_it_back(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT, timings=Timings(idle_ms=400, warning_ms=60_000)) as kiosk:
        window = kiosk.window
        card = window.idle_overlay
        key(kiosk, K.Key_Return, 2)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        key(kiosk, K.Key_Right)
        before = QApplication.focusWidget()
        assert before is window.menu.tiles[1].key
        assert wait_until(card.isVisible, 3000)
        assert card.still_here_button.hasFocus()
        key(kiosk, K.Key_Tab)  # the card's keys are the card's: Tab reaches "more time"
        assert card.isVisible() and card.more_time_button.hasFocus()
        timeout = kiosk.idle.timeout_ms
        key(kiosk, K.Key_Return)
        assert not card.isVisible()
        assert kiosk.idle.timeout_ms == 2 * timeout, '"I need more time" by keys'
        assert before.hasFocus(), "the focus is back where it was"
        kiosk.idle._idle.setInterval(400)  # the doubled wait, shortened for the test
        kiosk.idle._idle.start()
        assert wait_until(card.isVisible, 3000)
        key(kiosk, K.Key_A)  # any other key answers "I'm still here"
        assert not card.isVisible() and before.hasFocus()
        assert kiosk.session.view.screen is Screen.MENU


def test_thank_you_and_out_of_service(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "01-broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with running_kiosk(tmp_path) as kiosk:
        assert kiosk.session.view.screen is Screen.OUT_OF_SERVICE
        for pressed in (K.Key_Tab, K.Key_Return, K.Key_Escape, K.Key_Home, K.Key_PageDown):
            key(kiosk, pressed)  # nothing to reach, nothing breaks, the kiosk stays
        assert kiosk.session.view.screen is Screen.OUT_OF_SERVICE and kiosk.window.isVisible()


def test_display_controls_by_keys(qtbot: QtBot) -> None:
    """Larger text by keys: the screens are rebuilt and the focus is on the new screen's
    "Larger text" (tests/e2e/test_keys_journey.py presses it again, and High contrast)."""
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        key(kiosk, K.Key_Return, 2)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        menu = kiosk.window.menu
        button = menu.display_controls.text_size_button
        _tab_to(kiosk, button)
        key(kiosk, K.Key_Space)
        assert wait_until(lambda: kiosk.window.look.text_step == 2)
        new = kiosk.window.menu
        assert new is not menu
        assert wait_until(
            lambda: QApplication.focusWidget() is new.display_controls.text_size_button
        )


def test_reading_order_is_rows_then_columns(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    buttons = [QPushButton(str(i), host) for i in range(4)]
    for button, (x, y) in zip(buttons, [(200, 10), (0, 14), (0, 200), (300, 190)], strict=True):
        button.setGeometry(x, y, 100, 60)
    assert reading_order(buttons[::-1]) == [buttons[1], buttons[0], buttons[2], buttons[3]]
    assert box(buttons[3]).topLeft().x() == 300
