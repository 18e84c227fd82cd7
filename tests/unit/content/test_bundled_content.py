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


DRAWN_TEXT_TAGS = frozenset(("text", "tspan", "textPath", "flowRoot", "flowPara", "flowSpan"))
"""SVG elements that draw words: none may appear, as words in a picture are not translated."""
UNDRAWN_TEXT_TAGS = frozenset(("title", "desc"))
"""The only SVG elements that may hold text: a note for whoever edits the drawing, never drawn
(the screen reader reads the page's translated ``alt:`` instead)."""
LEGEND_OPENING = {"en": "In the picture:", "es": "En el dibujo:"}
"""The line that opens a picture's legend list on the page, by language."""
MARK_RED = "#E4704A"
"""The solid red of a picture's marks (glows are the same red, see-through)."""
LEGENDS: dict[str, dict[str, tuple[str, ...]]] = {
    "where-it-hurts": {
        "en": ("Red circle: the groin", "Red square: the side of the hip", "Red triangle"),
        "es": ("Círculo rojo: la ingle", "Cuadrado rojo: el lado", "Triángulo rojo: la nalga"),
    },
    "compensation": {
        "en": ("Short gray line at the hip", "Big red arrow", "Big red arrow", "Red line"),
        "es": ("Línea gris corta en la cadera", "Flecha roja", "Flecha roja", "Línea roja"),
    },
}
"""Pages whose picture marks places, and how each legend item starts, in the picture's order:
every mark in the picture has its words on the page, in both languages."""
WHERE_IT_HURTS_MARKS = ("circle", "rect", "path")
"""The marks on the body map, told apart by shape: circle (groin), square (outer hip),
triangle (buttock), in the order the legend gives them."""


def _legend(body: str, language: str) -> list[str]:
    """The items of the page's legend list (the list after the legend's opening line)."""
    lines = body.splitlines()
    opening = LEGEND_OPENING[language]
    assert lines.count(opening) == 1, f"one legend opened by {opening!r}"
    items: list[str] = []
    for line in lines[lines.index(opening) + 1 :]:
        if line.startswith("- "):
            items.append(line.removeprefix("- "))
        elif items or line.strip():
            break
    return items


def test_no_picture_has_words_in_it() -> None:
    for picture in sorted((BUNDLED_CONTENT / "images").glob("*.svg")):
        for element in ET.parse(picture).getroot().iter():
            tag = element.tag.removeprefix(SVG_NS)
            assert tag not in DRAWN_TEXT_TAGS, f"{picture.name}: <{tag}> draws words"
            if (element.text or "").strip():
                assert tag in UNDRAWN_TEXT_TAGS, f"{picture.name}: <{tag}> holds text"


def test_every_page_with_marked_places_has_a_legend_in_both_languages() -> None:
    library = load_library(BUNDLED_CONTENT)
    for language in ("en", "es"):
        deck = library.deck(language)
        assert deck is not None
        pages = {page.slug: page for page in deck.pages}
        for slug, legends in LEGENDS.items():
            items = _legend(pages[slug].body_markdown, language)
            expected = legends[language]
            assert len(items) == len(expected), f"{language}/{slug}: {items}"
            for item, start in zip(items, expected, strict=True):
                assert item.startswith(start), f"{language}/{slug}: {item!r}"
        for slug, page in pages.items():
            if slug not in LEGENDS:
                assert LEGEND_OPENING[language] not in page.body_markdown, slug


def test_the_body_map_marks_three_places_by_shape() -> None:
    root = ET.parse(BUNDLED_CONTENT / "images" / "where-it-hurts.svg").getroot()
    marks = [
        element.tag.removeprefix(SVG_NS)
        for element in root.iter()
        if element.get("fill") == MARK_RED and element.get("fill-opacity") is None
    ]
    assert tuple(marks) == WHERE_IT_HURTS_MARKS


def test_every_picture_has_alt_text_in_both_languages_naming_its_marks() -> None:
    library = load_library(BUNDLED_CONTENT)
    for language in ("en", "es"):
        deck = library.deck(language)
        assert deck is not None
        for page in deck.pages:
            if page.illustration is None:
                continue
            assert len(page.alt.split()) >= 5, f"{language}/{page.slug}: alt text too thin"
            assert page.alt.endswith("."), f"{language}/{page.slug}"
    where = {deck.language: deck for deck in library.decks}
    alts = {lang: {p.slug: p.alt.lower() for p in where[lang].pages} for lang in ("en", "es")}
    for word in ("circle", "square", "triangle", "groin", "buttock"):
        assert word in alts["en"]["where-it-hurts"], word
    for word in ("círculo", "cuadrado", "triángulo", "ingle", "nalga"):
        assert word in alts["es"]["where-it-hurts"], word
    assert "gray" in alts["en"]["compensation"] and "gris" in alts["es"]["compensation"]
