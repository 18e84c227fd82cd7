"""The topic menu by touch on every display: a tile opens its page at the first tap, even
right after "Touch to start", when the list is long enough to scroll; the tiles are grouped
under their chapters' headings."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.content.limits import MAX_PAGES_PER_LANGUAGE, MAX_WORD_CHARS
from kiosk.content.model import Chapter
from kiosk.selftest.touch import tap, wait_until
from kiosk.ui.menu import MenuScreen
from tests.helpers import write_content
from tests.kiosk_fixtures import running_kiosk, settle, tile_for
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)])
def test_a_tile_opens_at_the_first_tap_after_start(qtbot: QtBot, size: tuple[int, int]) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        tap(kiosk.window.attract.start_button)
        tile = tile_for(kiosk, "hip-joint")
        # Under its chapter's heading the tile may start below the fold (1280x800): bring it
        # into view as a patient's scroll would, or the tap lands on the bottom bar.
        kiosk.window.menu.scroll_area.ensureWidgetVisible(tile)
        tap(tile)  # within the double-click time of the first tap
        assert wait_until(lambda: kiosk.session.view.page is not None, 1000)
        page = kiosk.session.view.page
        assert page is not None and page.slug == "hip-joint"


SIZES = [(1366, 768), (1920, 1080), (1080, 1920)]


def _menu_at(kiosk: KioskApp, step: int) -> MenuScreen:
    for _ in range(step - 1):
        kiosk.show_view(kiosk.session.larger_text())
    kiosk.show_view(kiosk.session.start())
    QApplication.processEvents()
    settle(kiosk)
    return kiosk.window.menu


@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("size", SIZES)
def test_tiles_sit_under_their_chapter_headings_at_every_size(
    qtbot: QtBot, size: tuple[int, int], step: int
) -> None:
    """Issue 14: each chapter's title once, above its tiles (no chapter name on a tile), and
    neither headings nor tiles past the window's right edge, in either language."""
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        for deck in kiosk.session.languages:
            kiosk.show_view(kiosk.session.set_language(deck.language))
            menu = _menu_at(kiosk, step if deck is kiosk.session.languages[0] else 1)
            titles = [chapter.title for chapter in deck.chapters]
            assert [heading.text() for heading in menu.headings] == titles
            right = menu.scroll_area.viewport().mapTo(kiosk.window, QPoint(0, 0)).x()
            right += menu.scroll_area.viewport().width()
            for heading in menu.headings:
                chapter = next(c for c in deck.chapters if c.title == heading.text())
                slugs = {page.slug for page in deck.pages if page.chapter == chapter.id}
                tiles = [t for t in menu.tiles if t.slug in slugs]
                assert tiles
                assert all(heading.geometry().bottom() < t.geometry().top() for t in tiles)
                assert heading.heightForWidth(heading.width()) <= heading.height()
                left = heading.mapTo(kiosk.window, QPoint(0, 0)).x()
                assert left + heading.width() <= right
            for tile in menu.tiles:
                words = " ".join(label.text() for label in tile.findChildren(QLabel))
                assert not any(title in words for title in titles), words
                edge = tile.mapTo(kiosk.window, QPoint(tile.width(), 0)).x()
                assert edge <= right, tile.accessibleName()
                assert tile.width() >= tile.minimumSizeHint().width()


def test_tiles_without_a_chapter_come_first_with_no_heading(qtbot: QtBot, tmp_path: Path) -> None:
    """Chapters in the order deck.yml declares them, whatever the pages' order."""
    root = write_content(tmp_path / "content", languages=("en",))
    deck_yml = root / "en" / "deck.yml"
    deck_yml.write_text(
        deck_yml.read_text(encoding="utf-8")
        + "chapters:\n  - id: late\n    title: Later on\n  - id: early\n    title: First steps\n",
        encoding="utf-8",
    )
    pages = sorted((root / "en").glob("*.md"))
    for page, chapter in zip(pages, ("", "early", "late"), strict=True):
        if chapter:
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("---\n", f"---\nchapter: {chapter}\n", 1), "utf-8")
    with running_kiosk(root) as kiosk:
        assert not kiosk.library.errors, [p.format() for p in kiosk.library.errors]
        menu = _menu_at(kiosk, 1)
        slugs = [tile.slug for tile in menu.tiles]
        assert slugs == ["first", "third", "second"]  # no chapter, then "late", then "early"
        assert [h.text() for h in menu.headings] == ["Later on", "First steps"]
        top = menu.tiles[0].geometry().top()
        assert all(top < h.geometry().top() for h in menu.headings)  # no heading above it
        said = [u.text for u in menu.speech_script()]
        assert said.index("Later on.") < said.index("First steps.")


def test_a_deck_full_of_long_chapters_stays_inside_the_window_and_builds_quickly(
    qtbot: QtBot,
) -> None:
    """Hostile: the most pages a language may have (MAX_PAGES_PER_LANGUAGE), each in a chapter
    of its own whose title is long words and one unbroken word of MAX_WORD_CHARS: at the
    largest text in portrait every heading wraps inside the list (clipped, never widening it)
    and the menu is built in good time."""
    with running_kiosk(BUNDLED_CONTENT, size=(1080, 1920), text_step=3) as kiosk:
        shipped = kiosk.session.view.deck
        assert shipped is not None
        title = "Understanding " * 12 + "x" * MAX_WORD_CHARS
        pages = tuple(
            dataclasses.replace(shipped.pages[0], slug=f"p{i}", order=i, chapter=f"c{i}")
            for i in range(MAX_PAGES_PER_LANGUAGE)
        )
        chapters = tuple(Chapter(f"c{i}", f"{title} {i}") for i in range(len(pages)))
        deck = dataclasses.replace(shipped, pages=pages, chapters=chapters)
        kiosk.show_view(kiosk.session.start())
        menu = kiosk.window.menu
        started = time.monotonic()
        menu.show_deck(deck, (deck,))
        QApplication.processEvents()
        assert time.monotonic() - started < 20  # loose: a real freeze fails, a busy CI does not
        assert len(menu.headings) == MAX_PAGES_PER_LANGUAGE
        viewport = menu.scroll_area.viewport()
        right = viewport.mapTo(kiosk.window, QPoint(viewport.width(), 0)).x()
        assert menu.scroll_area.horizontalScrollBar().maximum() == 0
        for heading in (menu.headings[0], menu.headings[-1]):
            assert heading.mapTo(kiosk.window, QPoint(heading.width(), 0)).x() <= right
        assert menu.tiles[-1].mapTo(kiosk.window, QPoint(menu.tiles[-1].width(), 0)).x() <= right
