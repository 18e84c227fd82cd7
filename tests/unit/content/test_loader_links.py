"""load_library: links, raw HTML, pictures and placeholders in page text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.content.model import Severity
from kiosk.content.render import EMERGENCY_NUMBER_PLACEHOLDER, PageRenderer, render_page
from tests.paths import BUNDLED_CONTENT
from tests.unit.content.content_helpers import (
    TODAY,
    assert_problem,
    make_root,
    page_text,
    problems_for,
    slugs,
    svg,
    valid_png,
    write,
)

E, W = Severity.ERROR, Severity.WARNING
BODY_LINE = 8  # page_text(): "---", five fields, "---", then the body starts on line 8


def _single(tmp_path: Path, body: str) -> tuple[Path, Path]:
    root = make_root(tmp_path)
    write(root, "en/01-target.md", page_text())
    return root, write(root, "en/02-page.md", page_text(body))


def test_good_links_are_fine(tmp_path: Path) -> None:
    body = (
        "See [the target](page:target) and [me](page:page 'a title').\n"
        "[Ask for a visit](action:request-visit) or [ref][r].\n\n"
        "[r]: page:target\n"
    )
    root, path = _single(tmp_path, body)
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["target", "page"]
    assert problems_for(library, path) == []


@pytest.mark.parametrize(
    "target",
    [
        "http://example.com",
        "https://example.com/x?y=1",
        "mailto:someone@example.com",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "tel:+123",
        "data:text/html;base64,xx",
        "//evil.example",
        "www.example.com",
    ],
)
def test_links_to_outside_are_errors(tmp_path: Path, target: str) -> None:
    root, path = _single(tmp_path, f"Intro.\n\nClick [here]({target}) now.\n")
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["target"]
    assert_problem(library, path, BODY_LINE + 2, E, "links to outside the kiosk are not allowed")


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("Go [there](page:Target).\n", BODY_LINE, "is not a page name"),
        ("Go [there](page:).\n", BODY_LINE, "is not a page name"),
        ("Go [there](01-target.md).\n", BODY_LINE, 'link target "01-target.md" is not allowed'),
        ("Go [there](#top).\n", BODY_LINE, "is not allowed"),
        ("Go [there]().\n", BODY_LINE, "a link has no target"),
        ("Go [there](action:call-nurse).\n", BODY_LINE, 'unknown action "action:call-nurse"'),
        ("a\n\nb\n\n[r]: http://evil.example\n", BODY_LINE + 4, "outside the kiosk"),
        ("Visit <https://example.com> today.\n", BODY_LINE, "outside the kiosk"),
        ("Write to <nurse@example.com>.\n", BODY_LINE, "outside the kiosk"),
    ],
)
def test_bad_links_are_errors_at_their_line(
    tmp_path: Path, body: str, line: int, fragment: str
) -> None:
    root, path = _single(tmp_path, body)
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["target"]
    assert_problem(library, path, line, E, fragment)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Go [there](page:nowhere).\n", BODY_LINE),
        ("a\n\n[r]:\n   page:nowhere\n", BODY_LINE + 2),
        ("A [link that\nspans lines](page:nowhere).\n", BODY_LINE),
    ],
)
def test_link_to_a_missing_page_is_a_warning_and_the_page_is_shown(
    tmp_path: Path, body: str, line: int
) -> None:
    root, path = _single(tmp_path, body)
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["target", "page"]
    problem = assert_problem(library, path, line, W, 'page "nowhere", which does not exist in en')
    assert "shown as plain text" in problem.message
    assert library.errors == ()


def test_links_inside_code_are_not_links(tmp_path: Path) -> None:
    root, path = _single(tmp_path, "Type `[x](http://e)` or ``<b>`` here.\n")
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["target", "page"]
    assert problems_for(library, path) == []


def test_link_to_page_with_errors_is_dropped_and_does_not_cascade(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text("Next: [b](page:b)\n"))
    write(root, "en/02-b.md", page_text("Next: [c](page:c)\n"))
    write(root, "en/03-c.md", page_text(title=None))
    write(root, "en/04-d.md", page_text("Back to [c](page:c)\n"))
    library = load_library(root, today=TODAY)
    # c has an error; b and d link to it and stay, their link to c shown as plain text.
    assert slugs(library) == ["a", "b", "d"]
    assert_problem(
        library, root / "en/02-b.md", BODY_LINE, W, "which has errors and is not shown (fix 03-c.md"
    )
    assert_problem(library, root / "en/04-d.md", BODY_LINE, W, "shown as plain text")
    assert problems_for(library, root / "en/01-a.md") == []


def test_links_of_a_broken_page_are_reported_too(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text("[x](page:nope)\n", alt=None))
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "en/01-a.md", 1, E, 'missing "alt"')
    assert_problem(library, root / "en/01-a.md", 7, W, 'page "nope"')


def test_links_only_count_pages_of_the_same_language(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    write(root, "en/01-a.md", page_text())
    write(root, "es/01-b.md", page_text("[a](page:a)\n"))
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "es/01-b.md", BODY_LINE, W, "does not exist in es")


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="http://evil">x</a>',
        "<style>p { color: red }</style>",
        "<!-- a comment -->",
        "<div>",
        "</b>",
    ],
)
def test_raw_html_is_a_warning_and_the_page_is_shown(tmp_path: Path, html: str) -> None:
    root, path = _single(tmp_path, f"Intro.\n\nSome {html} text.\n")
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["target", "page"]
    assert_problem(library, path, BODY_LINE + 2, W, "shown as plain text")
    assert library.errors == ()


def test_html_warning_once_per_line(tmp_path: Path) -> None:
    root, path = _single(tmp_path, "<b>bold</b> and <i>it</i>\n")
    library = load_library(root, today=TODAY)
    assert len(problems_for(library, path)) == 1


def test_unusable_pictures_in_text_are_errors_and_the_page_is_shown(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/local.png", valid_png(4, 3))
    body = (
        "![fine](hip.svg) ![local](local.png)\n"
        "![gone](missing.svg)\n"
        "![out](../../secret.svg)\n"
        "![web](https://example.com/a.png)\n"
        "![photo](hip.jpg)\n"
    )
    path = write(root, "en/01-a.md", page_text(body))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a"]
    assert_problem(library, path, BODY_LINE + 1, E, '"missing.svg" was not found')
    assert_problem(library, path, BODY_LINE + 2, E, "outside the content folder")
    assert_problem(library, path, BODY_LINE + 3, W, "pictures from outside the kiosk")
    assert_problem(library, path, BODY_LINE + 4, E, '"hip.jpg" was not found')
    assert len(problems_for(library, path)) == 4


def test_picture_inside_a_link(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "images/b.svg", svg())
    path = write(root, "en/01-a.md", page_text("[![pic](b.svg)](page:a)\n"))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a"]
    assert problems_for(library, path) == []


def test_placeholders_load_as_typed_and_the_number_is_filled_in_at_render(
    tmp_path: Path,
) -> None:
    body = "In an emergency, call {emergency_number}. Keep {this} and {emergency_number as typed.\n"
    root, path = _single(tmp_path, body)
    library = load_library(root, today=TODAY)
    assert problems_for(library, path) == []
    deck = library.deck("en")
    assert deck is not None
    page = deck.page("page")
    assert page is not None and page.body_markdown.startswith(body)  # the loader keeps the text
    shown = render_page(page, root=root, deck=deck, emergency_number="112")
    assert "call 112." in shown
    assert "{this}" in shown and "{emergency_number as typed." in shown


def test_the_bundled_sources_page_says_the_configured_number(tmp_path: Path) -> None:
    library = load_library(BUNDLED_CONTENT)
    for language in ("en", "es"):
        deck = library.deck(language)
        assert deck is not None
        page = deck.page("sources")
        assert page is not None and EMERGENCY_NUMBER_PLACEHOLDER in page.body_markdown
        shown = PageRenderer(library, emergency_number="112")(page, 800)
        assert " 112 " in shown and "911" not in shown and "{" not in shown
        assert " 911 " in PageRenderer(library)(page, 800)  # the default: a US clinic
