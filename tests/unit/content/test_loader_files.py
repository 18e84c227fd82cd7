"""load_library: illustration lookup and file-system tricks (paths, links, folders)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.content.loader import load_library
from kiosk.content.model import Severity
from tests.unit.content.content_helpers import (
    TODAY,
    assert_problem,
    make_root,
    page_text,
    slugs,
    svg,
    valid_png,
    write,
)

E, W = Severity.ERROR, Severity.WARNING
ILLUSTRATION_LINE = 4

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


def test_language_folder_wins_over_images_folder(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/hip.svg", svg())
    write(root, "en/sub/deep.PNG", valid_png(4, 3))
    write(root, "en/01-a.md", page_text())
    write(root, "en/02-b.md", page_text(illustration="sub/deep.PNG"))
    write(root, "en/03-c.md", page_text(illustration="../images/hip.svg"))
    library = load_library(root, today=TODAY)
    assert library.problems == ()
    pages = library.decks[0].pages
    assert pages[0].illustration == (root / "en" / "hip.svg").resolve()
    assert pages[1].illustration == (root / "en" / "sub" / "deep.PNG").resolve()
    assert pages[2].illustration == (root / "images" / "hip.svg").resolve()


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("missing.svg", '"missing.svg" was not found: put it in en/ or images/'),
        ("../../outside.svg", "points outside the content folder"),
        ("../../../../../../etc/passwd.svg", "points outside the content folder"),
        ("/etc/hip.svg", "is a full path"),
        ("'C:\\pictures\\hip.svg'", "is a full path"),
        ("~/hip.svg", "is a full path"),
        ("hip.jpg", '"hip.jpg" is not a picture the kiosk can show'),
        ("hip", "is not an .svg, .png or .jpg picture"),
        ("folder.svg", "is a folder"),
        ('"a\\0b.svg"', "not a valid file name"),
    ],
)
def test_unusable_illustration_is_an_error_but_the_page_is_shown_without_it(
    tmp_path: Path, value: str, fragment: str
) -> None:
    root = make_root(tmp_path)
    write(root, "en/hip.jpg", b"jpeg")
    write(root, "en/hip", b"x")
    (root / "en" / "folder.svg").mkdir()
    path = write(root, "en/01-a.md", page_text(illustration=value))
    write(root, "en/02-ok.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a", "ok"]
    problem = assert_problem(library, path, ILLUSTRATION_LINE, E, fragment)
    assert "shown without its picture" in problem.message
    assert library.decks[0].pages[0].illustration is None
    assert library.decks[0].pages[1].illustration == (root / "images" / "hip.svg").resolve()


@needs_symlinks
def test_symlink_escape_is_an_error(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    secret = write(tmp_path, "secret.svg", svg())
    (root / "en" / "link.svg").symlink_to(secret)
    (root / "images" / "outdir").symlink_to(tmp_path, target_is_directory=True)
    write(root, "en/01-a.md", page_text(illustration="link.svg"))
    write(root, "en/02-b.md", page_text(illustration="outdir/secret.svg"))
    write(root, "en/03-ok.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a", "b", "ok"]
    assert [page.illustration for page in library.decks[0].pages[:2]] == [None, None]
    assert_problem(library, root / "en/01-a.md", 4, E, "link to a file outside")
    assert_problem(library, root / "en/02-b.md", 4, E, "link to a file outside")


@needs_symlinks
def test_symlink_inside_root_is_fine_and_resolved(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "en" / "alias.svg").symlink_to(root / "images" / "hip.svg")
    write(root, "en/01-a.md", page_text(illustration="alias.svg"))
    library = load_library(root, today=TODAY)
    assert library.problems == ()
    assert library.decks[0].pages[0].illustration == (root / "images" / "hip.svg").resolve()


@needs_symlinks
def test_broken_and_looping_symlinks(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "en" / "broken.svg").symlink_to(root / "nothing.svg")
    (root / "en" / "loop.svg").symlink_to(root / "en" / "loop.svg")
    write(root, "en/01-a.md", page_text(illustration="broken.svg"))
    write(root, "en/02-b.md", page_text(illustration="loop.svg"))
    write(root, "en/03-ok.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["a", "b", "ok"]
    assert len(library.errors) == 2


@needs_symlinks
def test_page_file_linking_outside_is_an_error(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    outside = write(tmp_path, "elsewhere.md", page_text())
    (root / "en" / "01-a.md").symlink_to(outside)
    (root / "en" / "02-b.md").symlink_to(root / "nothing.md")
    write(root, "en/03-ok.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["ok"]
    assert_problem(library, root / "en/01-a.md", 1, E, "outside the content folder")
    assert_problem(library, root / "en/02-b.md", 1, W, "not a regular file")


@needs_symlinks
def test_root_given_through_a_symlink(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text())
    alias = tmp_path / "alias"
    alias.symlink_to(root, target_is_directory=True)
    library = load_library(alias, today=TODAY)
    assert library.problems == ()
    assert library.root == alias


def test_folder_named_like_a_page_is_ignored(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    (root / "en" / "01-dir.md").mkdir()
    write(root, "en/02-ok.md", page_text())
    library = load_library(root, today=TODAY)
    assert slugs(library) == ["ok"]
    assert library.problems == ()


def test_each_distinct_illustration_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kiosk.content.images as images

    calls: list[str] = []
    original = images.resolve_image

    def counting(value: object, *, root: Path, language_dir: Path) -> Path:
        calls.append(str(value))
        return original(value, root=root, language_dir=language_dir)

    monkeypatch.setattr(images, "resolve_image", counting)
    root = make_root(tmp_path)
    for number in range(10):
        write(root, f"en/{number:02d}-p{number}.md", page_text())
    library = load_library(root, today=TODAY)
    assert len(library.decks[0].pages) == 10
    assert calls == ["hip.svg"]
