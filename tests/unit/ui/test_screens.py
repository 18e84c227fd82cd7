"""Every screen renders, at both orientations, with big named touch targets.

Set ``KIOSK_SCREENSHOT_DIR`` to keep the PNGs (``KIOSK_SCREENSHOT_DIR=screenshots pytest
tests/unit/ui/test_screens.py``) and look at them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.menu import Tile
from kiosk.ui.palette import TEXT_MIN, TEXT_PAIRS, contrast_ratio
from kiosk.ui.theme import Theme
from tests.kiosk_fixtures import LANDSCAPE, PORTRAIT, running_kiosk, settle, tile_for
from tests.paths import BUNDLED_CONTENT

SIZES = {"landscape": LANDSCAPE, "portrait": PORTRAIT}


def _go_attract(kiosk: KioskApp) -> None:
    kiosk.reset()


def _go_menu(kiosk: KioskApp) -> None:
    tap(kiosk.window.attract.start_button)


def _go_page(kiosk: KioskApp) -> None:
    tap(kiosk.window.attract.start_button)
    tap(tile_for(kiosk, "hip-joint"))
    assert wait_until(lambda: kiosk.session.view.screen is Screen.PAGE)
    settle(kiosk)


def _go_visit_page(kiosk: KioskApp) -> None:
    """The path's end: Next is the call to action, the bar holds "Sources"."""
    tap(kiosk.window.attract.start_button)
    tap(kiosk.window.menu.visit_button)  # without the form it leads to the visit page
    assert wait_until(lambda: kiosk.session.view.on_visit_page)
    settle(kiosk)


def _go_idle(kiosk: KioskApp) -> None:
    _go_page(kiosk)
    kiosk.window.show_idle_warning(12)


SCREENS: dict[str, Callable[[KioskApp], None]] = {
    "attract": _go_attract,
    "menu": _go_menu,
    "page": _go_page,
    "visit-page": _go_visit_page,
    "idle": _go_idle,
}


def _distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 64)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def _touch_targets(window: QWidget) -> list[QWidget]:
    widgets: list[QWidget] = [*window.findChildren(QPushButton), *window.findChildren(Tile)]
    return [w for w in widgets if w.isVisibleTo(window) and w.window() is window]


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize("orientation", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_renders_with_big_named_targets(qtbot: QtBot, screen: str, orientation: str) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=SIZES[orientation]) as kiosk:
        SCREENS[screen](kiosk)
        image = kiosk.window.grab().toImage()
        assert (image.width(), image.height()) == SIZES[orientation]
        assert _distinct_colours(image) > 20, "the screen looks blank"
        if folder := os.environ.get("KIOSK_SCREENSHOT_DIR"):
            Path(folder).mkdir(parents=True, exist_ok=True)
            image.save(str(Path(folder) / f"{screen}-{orientation}.png"))
        current = kiosk.window.idle_overlay if screen == "idle" else kiosk.window.current_screen
        targets = [w for w in _touch_targets(kiosk.window) if current.isAncestorOf(w)]
        assert targets
        for widget in targets:
            assert widget.height() >= Theme.MIN_TOUCH_TARGET, widget.accessibleName()
            assert widget.width() >= Theme.MIN_TOUCH_TARGET, widget.accessibleName()
            assert widget.accessibleName().strip(), f"{type(widget).__name__} has no name"
            if widget.visibleRegion().isEmpty() and _in_scroll_area(widget):
                continue  # scrolled below the fold with the page text (its link buttons)
            visible = widget.mapTo(kiosk.window, widget.rect().topLeft())
            assert kiosk.window.rect().contains(visible), "target off screen"


@pytest.mark.parametrize("orientation", SIZES)
def test_every_bundled_page_renders(qtbot: QtBot, orientation: str) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=SIZES[orientation], animations=False) as kiosk:
        folder = os.environ.get("KIOSK_SCREENSHOT_DIR")
        for deck in kiosk.session.languages:
            kiosk.reset()
            kiosk.show_view(kiosk.session.set_language(deck.language))
            kiosk.show_view(kiosk.session.start())
            for page in deck.pages:
                kiosk.show_view(kiosk.session.open_page(page.slug))
                view = kiosk.window.reader.slider.current
                assert view.page == page
                assert view.browser.toPlainText().strip()
                image = kiosk.window.grab().toImage()
                assert _distinct_colours(image) > 20
                if folder:
                    image.save(
                        str(Path(folder) / f"page-{deck.language}-{page.slug}-{orientation}.png")
                    )


def test_out_of_service_when_nothing_usable(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "01-broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with running_kiosk(tmp_path) as kiosk:
        assert kiosk.session.view.screen is Screen.OUT_OF_SERVICE
        assert kiosk.window.current_screen is kiosk.window.out_of_service
        image = kiosk.window.grab().toImage()
        assert _distinct_colours(image) > 5
        if folder := os.environ.get("KIOSK_SCREENSHOT_DIR"):
            image.save(str(Path(folder) / "out-of-service-landscape.png"))
        tap(kiosk.window.out_of_service)  # touching it does nothing, and nothing breaks
        assert kiosk.session.view.screen is Screen.OUT_OF_SERVICE


@pytest.mark.parametrize("orientation", SIZES)
def test_layout_follows_the_screen_shape(qtbot: QtBot, orientation: str) -> None:
    """Picture beside the words in landscape, above them in portrait, from the first frame."""
    with running_kiosk(BUNDLED_CONTENT, size=SIZES[orientation]) as kiosk:
        attract = kiosk.window.attract
        picture, headline = attract._picture.geometry(), attract._headline.geometry()
        _go_page(kiosk)
        page = kiosk.window.reader.slider.current
        illustration, text = page._picture.geometry(), page.browser.geometry()
    if orientation == "portrait":
        assert picture.bottom() < headline.top()
        assert illustration.bottom() < text.top()
    else:
        assert picture.right() < headline.left()
        assert illustration.right() < text.left()


@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080), (1080, 1920)])
def test_the_visit_page_keeps_its_buttons_on_screen(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], step: int
) -> None:
    """Issue 14: on the visit page Next reads "Request a visit" (the form is offered) and
    "Sources" is a full-size button; every button of the reader's bars lies wholly on the
    screen, at every text step; the count shows the path ("7 of 7", read as "Page 7 of 7")."""
    data = tmp_path / "data"
    with running_kiosk(BUNDLED_CONTENT, size=size, text_step=step, data_dir=data) as kiosk:
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page("ready"))
        settle(kiosk)
        view = kiosk.session.view
        reader = kiosk.window.reader
        assert view.on_visit_page and view.form_available
        assert reader.next_button.text() == "Request a visit"
        assert reader.sources_button.isVisible() and not reader.visit_button.isVisible()
        count = f"{view.path_length} of {view.path_length}"
        assert (reader.progress.text(), reader.progress.accessibleName()) == (
            count,
            f"Page {count}",
        )
        screen = kiosk.window.rect()
        bars = (reader.sources_button, reader.back_button, reader.home_button, reader.next_button)
        shown = [b for b in reader.display_controls.buttons if b.isVisibleTo(kiosk.window)]
        assert all(button.isVisibleTo(kiosk.window) for button in bars)
        for button in (*bars, *shown):
            box = button.rect().translated(button.mapTo(kiosk.window, button.rect().topLeft()))
            assert screen.contains(box), button.accessibleName()
            assert min(button.width(), button.height()) >= Theme.MIN_TOUCH_TARGET


@pytest.mark.parametrize("high_contrast", [False, True])
def test_the_page_count_is_words_in_a_declared_pair(qtbot: QtBot, high_contrast: bool) -> None:
    """Issue 14: the count replaces dots that were 1.08:1 on their bar; it is drawn in
    muted ink on the bar's sand (a declared text pair, 7:1 and more), in both palettes."""
    with running_kiosk(BUNDLED_CONTENT, high_contrast=high_contrast) as kiosk:
        _go_page(kiosk)
        p = Theme().with_contrast(high_contrast).palette
        progress = kiosk.window.reader.progress
        ink = progress.palette().color(progress.foregroundRole()).name().lower()
        assert ink == p.muted_ink.lower()
        assert ("muted_ink", "sand") in {(pair.foreground, pair.background) for pair in TEXT_PAIRS}
        assert contrast_ratio(p.muted_ink, p.sand) >= TEXT_MIN
        assert progress.text() == "3 of 7" and progress.accessibleName() == "Page 3 of 7"
