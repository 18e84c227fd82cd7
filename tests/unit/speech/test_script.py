"""What read-aloud says for a page and a reference code (kiosk.speech.script, no Qt)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.content.model import Page
from kiosk.content.source import load_content
from kiosk.speech.script import PICTURE_INTRO, Utterance, page_script, plain_paragraphs, spell
from tests.paths import BUNDLED_CONTENT


def _page(body: str, *, title: str = "Your hip joint", alt: str = "A drawing of a hip") -> Page:
    return Page(
        slug="hip-joint",
        order=3,
        title=title,
        icon="mdi6.bone",
        illustration=Path("/nowhere/hip.svg"),
        alt=alt,
        review=dt.date(2030, 1, 1),
        body_markdown=body,
        source=Path("/nowhere/03-hip-joint.md"),
    )


def test_a_page_is_title_then_picture_then_body_in_its_language() -> None:
    page = _page("You have two hips.\n\nEach is a ball and socket.")
    script = page_script(page, "es", picture_intro="Imagen: {0}")
    assert script == (
        Utterance("Your hip joint", "es", "title"),
        Utterance("Imagen: A drawing of a hip", "es", "picture"),
        Utterance("You have two hips.", "es", "body"),
        Utterance("Each is a ball and socket.", "es", "body"),
    )


def test_the_default_picture_introduction() -> None:
    script = page_script(_page("Text."), "en")
    assert script[1].text == PICTURE_INTRO.format("A drawing of a hip")
    assert script[1].text.startswith("Picture:")


def test_markup_goes_link_text_stays_and_list_items_are_sentences() -> None:
    body = (
        "Your hip has **two** big *jobs*:\n\n"
        "- when you sit\n"
        "- **Move well.** It turns\n\n"
        "1. first step!\n\n"
        "Next, meet [the smooth layer](page:cartilage) or [the web](https://example.org).\n\n"
        "## A heading\n\n"
        "> A quote with `code`\n"
    )
    paragraphs = plain_paragraphs(body)
    assert paragraphs == (
        "Your hip has two big jobs:",
        "when you sit.",
        "Move well. It turns.",
        "first step!",
        "Next, meet the smooth layer or the web.",
        "A heading",
        "A quote with code",
    )
    assert not any(mark in " ".join(paragraphs) for mark in ("*", "[", "](", "<", "#", "`"))


def test_raw_html_and_entities_are_read_as_words_not_markup() -> None:
    paragraphs = plain_paragraphs('Hips &amp; knees <script>alert("x")</script> "quoted" it\'s')
    assert len(paragraphs) == 1
    text = paragraphs[0]
    assert "&amp;" not in text and "&#" not in text
    assert text.startswith("Hips & knees")
    assert '"quoted"' in text and "it's" in text


def test_empty_parts_are_left_out() -> None:
    script = page_script(_page("", title="  ", alt=""), "en")
    assert script == ()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_bundled_page_reads_in_its_language(language: str) -> None:
    deck = load_content(BUNDLED_CONTENT).deck(language)
    assert deck is not None and deck.pages
    for page in deck.pages:
        script = page_script(page, language)
        assert [u.part for u in script[:2]] == ["title", "picture"]
        assert script[0].text == page.title
        assert all(u.language == language and u.text.strip() for u in script)
        body = [u for u in script if u.part == "body"]
        assert body, page.slug
        assert not any("**" in u.text or "](" in u.text for u in body), page.slug


@pytest.mark.parametrize(
    ("code", "spelt"),
    [
        ("HK7Q", "H, K, 7, Q"),
        ("abc-1234", "A, B, C, 1, 2, 3, 4"),
        ("A1F 3C9", "A, 1, F, 3, C, 9"),
        ("70", "7, 0"),
        ("", ""),
    ],
)
def test_spell_says_each_character_on_its_own(code: str, spelt: str) -> None:
    assert spell(code) == spelt
