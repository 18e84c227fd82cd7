"""load_library: deck.yml settings; a broken deck.yml never hides pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.limits import MAX_FILE_BYTES
from kiosk.content.loader import load_library
from kiosk.content.model import Chapter, Severity
from tests.unit.content.content_helpers import (
    TODAY,
    assert_problem,
    make_root,
    page_text,
    problems_for,
    slugs,
    svg,
    write,
)

E, W = Severity.ERROR, Severity.WARNING

GOOD_DECK = """\
language_name: Español
welcome_title: Bienvenido
welcome_text: Toque la pantalla
attract_illustration: welcome.svg
visit_page: visit
chapters:
  - id: understand
    title: Entender
  - id: treat
    title: Tratar
"""


def _root(tmp_path: Path, deck: str, *pages: str) -> Path:
    root = make_root(tmp_path, ("es",))
    write(root, "images/welcome.svg", svg())
    write(root, "es/deck.yml", deck)
    for number, slug in enumerate(pages or ("intro", "visit"), 1):
        write(root, f"es/{number:02d}-{slug}.md", page_text())
    return root


def test_full_deck_file(tmp_path: Path) -> None:
    root = _root(tmp_path, GOOD_DECK)
    library = load_library(root, today=TODAY)
    assert library.problems == ()
    deck = library.decks[0]
    assert deck.language_name == "Español"
    assert deck.welcome_title == "Bienvenido"
    assert deck.welcome_text == "Toque la pantalla"
    assert deck.attract_illustration == (root / "images" / "welcome.svg").resolve()
    assert deck.visit_page == "visit"
    assert deck.chapters == (Chapter("understand", "Entender"), Chapter("treat", "Tratar"))


def test_defaults_without_deck_file(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    deck = load_library(root, today=TODAY).decks[0]
    assert deck.language_name == "en"
    assert (deck.welcome_title, deck.welcome_text) == ("", "")
    assert deck.attract_illustration is None and deck.visit_page is None
    assert deck.chapters == ()


@pytest.mark.parametrize(
    ("deck", "line", "fragment"),
    [
        ("language_name: [a\n", 2, "deck.yml cannot be read"),
        ("- just\n- a list\n", 1, "deck.yml must be lines of the form name: value"),
        ("language_name: 5\n", 1, '"language_name" must be text'),
        ("language_name: ''\n", 1, '"language_name" is empty'),
        ("welcome_title: [x]\n", 1, '"welcome_title" must be text'),
        ("welcome_text: !!python/name:os.system\n", 1, "special YAML tag"),
        ("attract_illustration: nope.svg\n", 1, '"attract_illustration": "nope.svg" was not'),
        ("attract_illustration: ../../x.svg\n", 1, "outside the content folder"),
        ("visit_page: nowhere\n", 1, 'there is no page "nowhere"'),
        ("visit_page: 3\n", 1, '"visit_page" must be text'),
        ("chapters: understand\n", 1, '"chapters" must be a list'),
        ("chapters:\n  - understand\n", 2, 'chapter 1 must have an "id" and a "title"'),
        ("chapters:\n  - id: Under Stand\n    title: U\n", 2, 'chapter 1 needs an "id"'),
        ("chapters:\n  - title: U\n", 2, 'chapter 1 needs an "id"'),
        ("chapters:\n  - id: u\n", 2, 'chapter "u" needs a "title"'),
        ("chapters:\n  - id: u\n    title: ''\n", 3, 'chapter "u" needs a "title"'),
        (
            "chapters:\n  - id: u\n    title: A\n  - id: u\n    title: B\n",
            4,
            'chapter id "u" is used twice (also on line 2)',
        ),
        ("callback_text: [a]\n", 1, '"callback_text" must be text'),
        ("callback_text: " + "x" * 201 + "\n", 1, '"callback_text" is 201 characters long'),
        ("locations: Main clinic\n", 1, '"locations" must be lines of the form'),
        ("locations:\n  - Main clinic\n", 1, '"locations" must be lines of the form'),
        ("locations:\n  Main clinic: [x]\n", 2, 'location "Main clinic" needs its shown name'),
        ("locations:\n  North: ''\n", 2, 'location "North" needs its shown name'),
        ("locations:\n  5: Cinco\n", 2, "must be a name in words"),
        ("locations:\n  North: " + "n" * 61 + "\n", 2, "longer than 60 characters"),
    ],
)
def test_deck_errors_are_reported_and_pages_still_shown(
    tmp_path: Path, deck: str, line: int, fragment: str
) -> None:
    root = _root(tmp_path, deck)
    library = load_library(root, today=TODAY)
    assert slugs(library, "es") == ["intro", "visit"]
    assert_problem(library, root / "es/deck.yml", line, E, fragment)


def test_the_visit_form_words_for_a_language(tmp_path: Path) -> None:
    """Staff name the clinic's locations and word the callback sentence per language."""
    deck_text = (
        GOOD_DECK
        + "locations:\n  Main clinic: Clínica principal\n  North: Clínica   del norte\n"
        + "callback_text: >\n  La clínica le llamará\n  en dos días hábiles.\n"
    )
    library = load_library(_root(tmp_path, deck_text), today=TODAY)
    assert library.problems == ()
    deck = library.decks[0]
    assert deck.location_name("Main clinic") == "Clínica principal"
    assert deck.location_name("North") == "Clínica del norte"
    assert deck.location_name("Elsewhere") == "Elsewhere"  # unnamed: as configured
    assert deck.callback_text == "La clínica le llamará en dos días hábiles."


def test_a_bad_location_name_keeps_the_others(tmp_path: Path) -> None:
    deck_text = "locations:\n  Main clinic: [x]\n  North: Norte\ncallback_text: ''\n"
    root = _root(tmp_path, deck_text)
    library = load_library(root, today=TODAY)
    deck = library.decks[0]
    assert deck.location_names == (("North", "Norte"),)
    assert deck.location_name("Main clinic") == "Main clinic"
    assert deck.callback_text == ""  # empty: the built-in sentence
    assert len(library.problems) == 1


def test_the_bundled_decks_are_clean() -> None:
    from tests.paths import BUNDLED_CONTENT

    library = load_library(BUNDLED_CONTENT)
    assert [p for p in library.problems if p.path.name == "deck.yml"] == []


def test_broken_deck_falls_back_to_defaults(tmp_path: Path) -> None:
    root = _root(tmp_path, "language_name: [oops\nwelcome_title: Hi\n")
    deck = load_library(root, today=TODAY).decks[0]
    assert deck.language_name == "es"
    assert deck.welcome_title == ""


def test_bad_fields_fall_back_one_by_one(tmp_path: Path) -> None:
    deck_text = "language_name: Español\nattract_illustration: nope.svg\nvisit_page: nowhere\n"
    root = _root(tmp_path, deck_text)
    deck = load_library(root, today=TODAY).decks[0]
    assert deck.language_name == "Español"
    assert deck.attract_illustration is None
    assert deck.visit_page is None


def test_visit_page_must_be_shown(tmp_path: Path) -> None:
    root = _root(tmp_path, "visit_page: visit\n")
    write(root, "es/02-visit.md", page_text(title=None))
    library = load_library(root, today=TODAY)
    assert library.decks[0].visit_page is None
    assert_problem(library, root / "es/deck.yml", 1, E, 'there is no page "visit"')


def test_unknown_deck_keys_are_warnings(tmp_path: Path) -> None:
    deck_text = "language_name: Español\ncolour: red\nchapters:\n  - id: u\n    title: U\n"
    root = _root(tmp_path, deck_text + "    icon: x\n")
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "es/deck.yml", 2, W, 'unknown setting "colour"')
    assert_problem(library, root / "es/deck.yml", 6, W, 'unknown chapter setting "icon"')
    assert library.decks[0].chapters == (Chapter("u", "U"),)


@pytest.mark.parametrize(
    "deck", ["chapters: [oops\n", "chapters: 5\n", "chapters:\n  - id: x\n", b"\xff\xfe"]
)
def test_unusable_chapter_list_only_warns_about_page_chapters(
    tmp_path: Path, deck: str | bytes
) -> None:
    root = make_root(tmp_path, ("es",))
    write(root, "es/deck.yml", deck)
    write(root, "es/01-a.md", page_text(chapter="x"))
    library = load_library(root, today=TODAY)
    assert slugs(library, "es") == ["a"]
    assert library.decks[0].pages[0].chapter is None
    assert_problem(library, root / "es/01-a.md", 7, W, 'chapter "x" cannot be used')


def test_deck_file_that_is_a_folder_or_too_big(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    (root / "en" / "deck.yml").mkdir()
    write(root, "es/deck.yml", "welcome_text: " + "x" * (300 * 1024) + "\n")
    write(root, "en/01-a.md", page_text())
    write(root, "es/01-a.md", page_text())
    library = load_library(root, today=TODAY)
    assert library.languages == ("en", "es")
    assert_problem(library, root / "en/deck.yml", 1, E, "must be a file")
    assert_problem(library, root / "es/deck.yml", 1, E, f"larger than {MAX_FILE_BYTES // 1024} KiB")


def test_misnamed_deck_file_is_a_warning(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/deck.yaml", "language_name: English\n")
    write(root, "en/01-a.md", page_text())
    library = load_library(root, today=TODAY)
    assert library.decks[0].language_name == "en"
    assert_problem(library, root / "en/deck.yaml", 1, W, 'name this file "deck.yml"')


def test_empty_deck_file_is_fine(tmp_path: Path) -> None:
    root = _root(tmp_path, "")
    library = load_library(root, today=TODAY)
    assert problems_for(library, root / "es/deck.yml") == []
    assert library.decks[0].language_name == "es"
