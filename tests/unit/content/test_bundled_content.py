"""The pages that ship with the kiosk: complete in both languages, readable, and clean."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

from kiosk.content.loader import load_library
from kiosk.content.readability import reading_level
from kiosk.content.validate import validate_command
from tests.paths import BUNDLED_CONTENT

SVG_NS = "{http://www.w3.org/2000/svg}"
WRITTEN = dt.date(2026, 11, 26)
"""When these pages were last reviewed. Tests judge review dates from here, not from the
clock, so CI does not turn red on the day a review falls due: that day, `kiosk validate`
warns the staff, which is its job."""
TOPICS = (
    "welcome",
    "where-it-hurts",
    "hip-joint",
    "cartilage",
    "compensation",
    "physical-therapy",
    "ready",
    "sources",
)


def test_validates_without_errors_or_warnings() -> None:
    out = io.StringIO()
    assert validate_command(BUNDLED_CONTENT, out, today=WRITTEN) == 0
    assert out.getvalue().splitlines()[-1] == (
        "content: 2 languages, 16 pages shown, 0 errors, 0 warnings"
    )


def test_both_languages_have_the_same_pages_and_pictures() -> None:
    library = load_library(BUNDLED_CONTENT)
    english, spanish = library.deck("en"), library.deck("es")
    assert english is not None and spanish is not None
    assert tuple(page.slug for page in english.pages) == TOPICS
    assert tuple(page.slug for page in spanish.pages) == TOPICS
    for en_page, es_page in zip(english.pages, spanish.pages, strict=True):
        assert en_page.illustration == es_page.illustration
        assert en_page.icon == es_page.icon
        assert en_page.alt != es_page.alt, f"{es_page.slug}: alt text not translated"
        assert en_page.title != es_page.title, f"{es_page.slug}: title not translated"
    assert english.visit_page == spanish.visit_page == "ready"


def test_every_page_meets_its_reading_target() -> None:
    library = load_library(BUNDLED_CONTENT)
    for deck in library.decks:
        for page in deck.pages:
            level = reading_level(page.body_markdown, deck.language)
            assert level is not None
            assert level.ok or not page.reading_check, f"{page.source}: {level.describe()}"


def test_review_dates_fall_within_two_years_of_the_last_review() -> None:
    for deck in load_library(BUNDLED_CONTENT, today=WRITTEN).decks:
        for page in deck.pages:
            assert WRITTEN < page.review <= WRITTEN + dt.timedelta(days=2 * 366), page.source


def test_illustrations_have_no_text_and_are_self_contained() -> None:
    pictures = sorted((BUNDLED_CONTENT / "images").glob("*.svg"))
    assert len(pictures) >= 9
    for picture in pictures:
        root = ET.parse(picture).getroot()
        assert root.get("viewBox"), picture.name
        assert root.find(f"{SVG_NS}title") is not None, picture.name
        tags = {element.tag.removeprefix(SVG_NS) for element in root.iter()}
        assert not tags & {"text", "tspan", "image", "foreignObject", "style", "script"}, (
            picture.name
        )
        source = picture.read_text(encoding="utf-8")
        assert "href" not in source, f"{picture.name} refers to another file"
