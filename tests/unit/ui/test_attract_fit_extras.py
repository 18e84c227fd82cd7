"""More fit checks for the attract, thank-you, idle and out-of-service screens, beside
test_fit.py's (whose helpers they use):

- the out-of-service screen (not in test_fit.py: it shows only when no page is usable) fits
  every display, text step and language, and keeps its controls within reach;
- the attract and thank-you screens lay themselves out for the window's size even before the
  stack shows them, so building one never makes the window grow past the display;
- on a portrait screen the attract picture goes on top and every control of the attract and
  thank-you screens lies below the rows out of a seated patient's reach.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.reach import reach_band
from kiosk.session import Screen
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT
from tests.unit.ui.test_fit import DISPLAYS, _clipped_texts, _out_of_reach

STEPS = (1, 2, 3)


def _broken_content(folder: Path) -> Path:
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "01-broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    return folder


def _fits(kiosk: KioskApp, width: int, height: int) -> None:
    window = kiosk.window
    window.resize(width, height)
    QApplication.processEvents()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= width and minimum.height() <= height, minimum
    assert window.size().toTuple() == (width, height)
    assert _clipped_texts(window) == []
    band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
    assert _out_of_reach(window, band) == []


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("display", DISPLAYS)
def test_out_of_service_fits(
    qtbot: QtBot, tmp_path: Path, display: str, step: int, language: str
) -> None:
    width, height = DISPLAYS[display]
    content = _broken_content(tmp_path / "content")
    with running_kiosk(content, size=(width, height), text_step=step) as kiosk:
        assert kiosk.session.view.screen is Screen.OUT_OF_SERVICE
        kiosk.window.set_content_problems(3)
        kiosk.ui_language.set_language(language)
        QApplication.processEvents()
        assert kiosk.window.current_screen is kiosk.window.out_of_service
        _fits(kiosk, width, height)
        controls = kiosk.window.out_of_service.display_controls
        assert controls.text_size_button.isVisibleTo(kiosk.window)
        assert controls.contrast_button.isVisibleTo(kiosk.window)


@pytest.mark.parametrize("display", DISPLAYS)
def test_a_screen_built_hidden_never_grows_the_window(qtbot: QtBot, display: str) -> None:
    """The stack takes its minimum from every screen it holds before it places any: a screen
    laid out at its first, tiny size (every button on a row of its own) made it grow."""
    width, height = DISPLAYS[display]
    with running_kiosk(BUNDLED_CONTENT, size=(width, height), text_step=3) as kiosk:
        kiosk.show_view(kiosk.session.set_language("es"))
        window = kiosk.window
        for screen in (window.attract, window.thank_you):
            minimum = screen.minimumSizeHint()
            assert minimum.width() <= width and minimum.height() <= height, type(screen)
        QApplication.processEvents()
        assert window.size().toTuple() == (width, height)


def _top(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_in_portrait_the_attract_picture_is_on_top_and_the_buttons_in_reach(
    qtbot: QtBot, step: int, language: str
) -> None:
    width, height = DISPLAYS["portrait"]
    with running_kiosk(BUNDLED_CONTENT, size=(width, height), text_step=step) as kiosk:
        kiosk.show_view(kiosk.session.set_language(language))
        QApplication.processEvents()
        window, attract = kiosk.window, kiosk.window.attract
        band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
        assert band.top > 0
        picture = attract._picture
        assert picture.isVisibleTo(window)
        assert _top(picture, window) + picture.height() <= _top(attract._headline, window)
        buttons = [
            attract.start_button,
            *attract.language_buttons.values(),
            attract.motion_button,
            attract.display_controls.text_size_button,
            attract.display_controls.contrast_button,
        ]
        for button in buttons:
            assert button.isVisibleTo(window), button.text()
            top = _top(button, window)
            assert band.contains(top, top + button.height()), button.text()


@pytest.mark.parametrize("step", STEPS)
def test_in_portrait_the_thank_you_controls_are_below_the_card(
    qtbot: QtBot, tmp_path: Path, step: int
) -> None:
    width, height = DISPLAYS["portrait"]
    with running_kiosk(
        BUNDLED_CONTENT, size=(width, height), data_dir=tmp_path / "data", text_step=step
    ) as kiosk:
        kiosk.show_view(kiosk.session.set_language("es"))
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.request_visit())
        kiosk.window.show_thanks("ABC-1234")
        kiosk.show_view(kiosk.session.request_sent())
        window, thanks = kiosk.window, kiosk.window.thank_you
        assert window.current_screen is thanks
        QApplication.processEvents()
        band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
        done_top = _top(thanks.done_button, window)
        shown = [
            button
            for button in thanks.display_controls.findChildren(QAbstractButton)
            if button.isVisibleTo(window)
        ]
        # The language switch, text size and contrast, and Listen where there is speech.
        assert len(shown) == 3 + kiosk.read_aloud.available()
        for button in shown:
            top = _top(button, window)
            assert band.contains(top, top + button.height()), button.text()
            assert top < done_top, "the display controls sit above Done"
        assert band.contains(done_top, done_top + thanks.done_button.height())
