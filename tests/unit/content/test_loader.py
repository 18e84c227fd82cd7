"""load_library: folder structure, page fields and their problems (path, line, severity)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kiosk.content.limits import MAX_FILE_BYTES
from kiosk.content.loader import load_library
from kiosk.content.model import Severity
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
FIELD_LINES = {
    "title": 2,
    "icon": 3,
    "illustration": 4,
    "alt": 5,
    "review": 6,
    "summary": 7,  # optional fields are written after the five required ones
    "chapter": 7,
}


def test_good_folder_loads_every_page_without_problems(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    write(root, "en/hip-local.svg", svg())
    write(
        root,
        "en/01-hip-joint.md",
        page_text("# Hello\n", illustration="hip-local.svg", summary="What it is"),
    )
    write(root, "en/02-pain.md", page_text())
    write(root, "es/01-hip-joint.md", page_text(title="Su cadera"))
    write(root, "es/02-pain.md", page_text(title="Dolor"))

    library = load_library(root, today=TODAY)

    assert library.problems == ()
    assert library.languages == ("en", "es")
    assert library.usable
    page = library.decks[0].pages[0]
    assert page.slug == "hip-joint"
    assert page.order == 1
    assert page.title == "Your hip joint"
    assert page.icon == "mdi6.bone"
    assert page.illustration == (root / "en" / "hip-local.svg").resolve()
    assert page.alt == "A drawing of the hip joint"
    assert page.review == dt.date(2030, 1, 1)
    assert page.summary == "What it is"
    assert page.body_markdown == "# Hello\n"
    assert page.source == root / "en" / "01-hip-joint.md"
    assert page.chapter is None
    assert library.decks[0].pages[1].illustration == (root / "images" / "hip.svg").resolve()
    assert library.decks[0].language_name == "en"
    assert library.root == root


def test_relative_root_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    monkeypatch.chdir(tmp_path)
    library = load_library(Path("content"), today=TODAY)
    assert library.root == root
    assert library.decks[0].pages[0].source == root / "en" / "01-a.md"


def test_pages_are_ordered_by_number_then_slug(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    for name in ("10-ten.md", "2-two.md", "003-three.md", "1-one.md"):
        write(root, f"en/{name}", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["one", "two", "three", "ten"]
    assert [page.order for page in library.decks[0].pages] == [1, 2, 3, 10]


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_missing_root_or_file_root_is_one_error(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "content"
    if kind == "file":
        root.write_text("x")
    library = load_library(root, today=TODAY)
    assert library.decks == ()
    assert len(library.problems) == 1
    problem = library.problems[0]
    assert (problem.path, problem.line, problem.severity) == (root, 1, E)
    assert "content folder" in problem.message


def test_empty_root_is_an_error_not_an_exception(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    library = load_library(root, today=TODAY)
    assert library.decks == () and not library.usable
    assert_problem(library, root, 1, E, "no language folder")


def test_no_usable_page_returns_empty_library(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", "no front matter")
    library = load_library(root, today=TODAY)
    assert library.decks == ()
    assert_problem(library, root, 1, E, "no page can be shown")
    assert_problem(library, root / "en", 1, W, 'no page can be shown in "en"')


def test_folders_other_than_languages_are_ignored(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    write(root, "English/01-a.md", page_text())
    write(root, ".git/01-a.md", page_text())
    write(root, "images/01-a.md", page_text())
    write(root, "pt-BR/01-a.md", page_text())
    write(root, "README.md", "hello")
    library = load_library(root, today=TODAY)
    assert library.languages == ("en", "pt-BR")
    assert_problem(library, root / "English", 1, W, "language code")
    assert problems_for(library, root / ".git") == []
    assert problems_for(library, root / "images") == []


@pytest.mark.parametrize("name", ["hip.md", "03-Hip.md", "1234-hip.md", "03_hip.md", "03-hip-.md"])
def test_badly_named_page_file_is_ignored_with_warning(tmp_path: Path, name: str) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    write(root, f"en/{name}", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a"]
    assert_problem(
        library, root / "en" / name, 1, W, "ignored: page file names look like 03-hip-joint.md"
    )


def test_hidden_files_and_other_files_are_ignored_silently(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    write(root, "en/.02-b.md", "junk")
    write(root, "en/notes.txt", "junk")
    write(root, "en/.hidden/03-c.md", "junk")
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a"]
    assert library.problems == ()


def test_front_matter_must_open_and_close(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-none.md", "# Just text\n")
    write(root, "en/02-open.md", "---\ntitle: x\nbody\n")
    write(root, "en/03-good.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["good"]
    assert_problem(library, root / "en/01-none.md", 1, E, 'must start with a line "---"')
    assert_problem(library, root / "en/02-open.md", 1, E, "never closed")


def test_yaml_syntax_error_is_reported_at_its_file_line(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    text = "---\ntitle: Hip\nicon: mdi6.bone\nalt: [unclosed\nreview: 2030-01-01\n---\nx\n"
    write(root, "en/01-a.md", text)
    library = load_library(root, today=TODAY)
    assert len(problems_for(library, root / "en/01-a.md")) == 1
    # libyaml notices the missing "]" on the next line; the message points at both
    assert_problem(library, root / "en/01-a.md", 5, E, "cannot be read")
    assert_problem(library, root / "en/01-a.md", 5, E, "on lines 4 to 5")


def test_yaml_bad_indentation_line(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", "---\ntitle: Hip\n  icon: mdi6.bone: x\n---\nx\n")
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "en/01-a.md", 3, E, "cannot be read")


@pytest.mark.parametrize("front", ["- a\n- b", "just a sentence", "42"])
def test_front_matter_must_be_a_mapping(tmp_path: Path, front: str) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", f"---\n{front}\n---\nx\n")
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "en/01-a.md", 2, E, "name: value")
    assert library.decks == ()


@pytest.mark.parametrize(
    ("field", "fragment"),
    [
        ("title", 'missing "title"'),
        ("icon", 'missing "icon"'),
        ("illustration", 'missing "illustration"'),
        ("alt", 'missing "alt": add a short description of the picture'),
        ("review", 'missing "review"'),
    ],
)
def test_missing_required_field_is_an_error_on_line_1(
    tmp_path: Path, field: str, fragment: str
) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(**{field: None}))
    write(root, "en/02-b.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["b"]
    assert_problem(library, root / "en/01-a.md", 1, E, fragment)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("title", '""', '"title" is empty'),
        ("title", "   ", '"title" is empty'),
        ("title", "2024", '"title" must be text'),
        ("title", "yes", '"title" must be text'),
        ("title", "[a, b]", '"title" must be text'),
        ("alt", "''", '"alt" is empty'),
        ("alt", "{a: 1}", '"alt" must be text'),
        ("icon", "3", '"icon" must be text'),
        ("illustration", "12", '"illustration" must be text'),
        ("illustration", "''", '"illustration" is empty'),
        ("summary", "[1, 2]", '"summary" must be text'),
        ("chapter", "7", '"chapter" must be text'),
    ],
)
def test_empty_or_wrong_type_field_is_an_error_at_its_line(
    tmp_path: Path, field: str, value: str, fragment: str
) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(**{field: value}))
    library = load_library(root, today=TODAY)
    assert library.decks == ()
    assert_problem(library, root / "en/01-a.md", FIELD_LINES[field], E, fragment)


def test_title_length_limit(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-ok.md", page_text(title="x" * 80))
    write(root, "en/02-long.md", page_text(title="x" * 81))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["ok"]
    assert_problem(library, root / "en/02-long.md", 2, E, "81 characters")


def test_unknown_icon_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(icon="mdi6.bones"))
    write(root, "en/02-b.md", page_text(icon="fa.bone"))
    write(root, "en/03-c.md", page_text(icon="ph.heart"))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["c"]
    problem = assert_problem(library, root / "en/01-a.md", 3, E, 'unknown icon "mdi6.bones"')
    assert 'did you mean "mdi6.bone"' in problem.message
    assert_problem(library, root / "en/02-b.md", 3, E, 'unknown icon "fa.bone"')


def test_review_dates(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-yaml.md", page_text(review="2030-01-01"))
    write(root, "en/02-quoted.md", page_text(review='"2030-01-01"'))
    write(root, "en/03-datetime.md", page_text(review="2030-01-01 10:30:00"))
    write(root, "en/04-today.md", page_text(review=TODAY.isoformat()))
    write(root, "en/05-past.md", page_text(review="2026-01-01"))
    write(root, "en/06-nonsense.md", page_text(review="next year"))
    write(root, "en/07-no-day.md", page_text(review="2030-02-30"))
    write(root, "en/08-number.md", page_text(review="20300101"))
    write(root, "en/09-quoted-bad.md", page_text(review='"2030-13-01"'))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["yaml", "quoted", "datetime", "today", "past"]
    assert library.decks[0].pages[2].review == dt.date(2030, 1, 1)
    assert_problem(
        library,
        root / "en/05-past.md",
        6,
        W,
        "review date 2026-01-01 has passed: please re-read this page and set a new date",
    )
    for name in ("06-nonsense", "07-no-day", "08-number", "09-quoted-bad"):
        assert_problem(library, root / f"en/{name}.md", 6, E, '"review" must be a real date')
    assert len(library.warnings) == 1


def test_review_defaults_to_the_real_today(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(review="2000-01-01"))
    library = load_library(root)
    assert_problem(library, root / "en/01-a.md", 6, W, "has passed")


def test_empty_body_is_an_error_at_the_closing_line(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text("\n   \n"))
    write(root, "en/02-b.md", page_text(""))
    library = load_library(root, today=TODAY)
    assert library.decks == ()
    assert_problem(library, root / "en/01-a.md", 7, E, "no text")
    assert_problem(library, root / "en/02-b.md", 7, E, "no text")


def test_file_not_utf8_reports_line_of_first_bad_byte(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    data = page_text("line one\nCaf\xe9 line two\n").encode("latin-1")
    write(root, "en/01-a.md", data)
    write(root, "en/02-b.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["b"]
    assert_problem(library, root / "en/01-a.md", 9, E, "UTF-8")


def test_utf8_bom_and_windows_line_endings_are_fine(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    text = "\ufeff" + page_text("one\ntwo [x](page:nope)\n").replace("\n", "\r\n")
    write(root, "en/01-a.md", text.encode("utf-8"))
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "en/01-a.md", 9, W, 'page "nope"')


def test_file_larger_than_the_limit_is_an_error(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-big.md", page_text("word " * (MAX_FILE_BYTES // 5 + 1)))
    write(root, "en/02-fits.md", page_text("y" * 100))
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["fits"]
    assert_problem(
        library, root / "en/01-big.md", 1, E, f"larger than {MAX_FILE_BYTES // 1024} KiB"
    )


def test_unknown_and_repeated_keys_are_warnings(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(colour="red") + "")
    text = page_text().replace("---\ntitle", "---\ntitle: First\ntitle", 1)
    write(root, "en/02-b.md", text)
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a", "b"]
    assert_problem(library, root / "en/01-a.md", 7, W, 'unknown setting "colour"')
    assert_problem(library, root / "en/02-b.md", 3, W, '"title" is set twice')
    assert library.decks[0].pages[1].title == "Your hip joint"


def test_duplicate_slug_is_an_error_duplicate_number_a_warning(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-hip.md", page_text())
    write(root, "en/05-hip.md", page_text())
    write(root, "en/03-a.md", page_text())
    write(root, "en/3-b.md", page_text())
    write(root, "en/07-c.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["hip", "a", "b", "c"]
    assert_problem(library, root / "en/05-hip.md", 1, E, 'also named "hip" (01-hip.md)')
    assert_problem(library, root / "en/3-b.md", 1, W, "03-a.md and 3-b.md share number 03")
    assert len(library.errors) == 1


def test_chapters(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/deck.yml", "chapters:\n  - id: understand\n    title: Understand\n")
    write(root, "en/01-a.md", page_text(chapter="understand"))
    write(root, "en/02-b.md", page_text(chapter="treat"))
    write(root, "en/03-c.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a", "c"]
    assert library.decks[0].pages[0].chapter == "understand"
    assert_problem(library, root / "en/02-b.md", 7, E, 'unknown chapter "treat"')


def test_chapter_without_deck_file_is_unknown(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(chapter="understand"))
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "en/01-a.md", 7, E, 'unknown chapter "understand"')


def test_languages_with_different_pages_warn_on_the_missing_side(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es", "fr"))
    for name in ("01-hip.md", "02-cartilage.md", "03-exercise.md"):
        write(root, f"en/{name}", page_text())
    write(root, "es/01-hip.md", page_text())
    write(root, "fr/01-hip.md", page_text())
    write(root, "fr/02-cartilage.md", page_text())
    write(root, "fr/09-only-fr.md", page_text())
    library = load_library(root, today=TODAY)
    assert_problem(library, root / "es", 1, W, 'es: page "cartilage" exists in en, fr but not here')
    assert_problem(library, root / "es", 1, W, 'es: page "exercise" exists in en but not here')
    assert_problem(library, root / "en", 1, W, 'en: page "only-fr" exists in fr but not here')
    assert_problem(library, root / "fr", 1, W, 'fr: page "exercise" exists in en but not here')
    assert len(library.warnings) == 5
    assert library.errors == ()


def test_page_left_out_for_errors_counts_as_missing_in_its_language(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    write(root, "en/01-hip.md", page_text())
    write(root, "es/01-hip.md", page_text(title=None))
    write(root, "es/02-other.md", page_text())
    library = load_library(root, today=TODAY)
    assert_problem(
        library, root / "es/01-hip.md", 1, W, 'page "hip" is shown in en but not in es, because'
    )
    assert not any(
        "translate" in problem.message for problem in library.problems if "hip" in problem.message
    )


def test_problems_are_sorted_by_path_and_line(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    write(root, "es/02-b.md", page_text(review="2000-01-01", colour="x"))
    write(root, "en/01-a.md", page_text(colour="x", review="2000-01-01"))
    library = load_library(root, today=TODAY)
    keys = [(problem.path.parts, problem.line) for problem in library.problems]
    assert keys == sorted(keys)


def test_200_pages_in_two_languages_load_without_problems(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    body = "# Heading\n\n" + "Words about the hip joint and how it moves. " * 30
    body += (
        "\n\n- one\n- two\n\nSee [the next page](page:p{next}) or [ask](action:request-visit).\n"
    )
    for language in ("en", "es"):
        write(root, f"{language}/deck.yml", "chapters:\n  - id: a\n    title: A\n")
        for number in range(100):
            write(root, f"images/p{number}.svg", svg())
            text = page_text(
                body.format(next=(number + 1) % 100),
                illustration=f"p{number}.svg",
                chapter="a",
                summary="A short teaser",
            )
            write(root, f"{language}/{number:02d}-p{number}.md", text)
    library = load_library(root, today=TODAY)  # speed is measured in tests/benchmarks
    assert library.problems == ()
    assert sum(len(deck.pages) for deck in library.decks) == 200


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_unreadable_page_is_an_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read every file")
    root = make_root(tmp_path)
    path = write(root, "en/01-a.md", page_text())
    path.chmod(0)
    library = load_library(root, today=TODAY)
    assert_problem(library, path, 1, E, "cannot be read")
