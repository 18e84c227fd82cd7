"""validate_command: the staff report and its exit code."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from kiosk.content.validate import validate_command
from tests.unit.content.content_helpers import TODAY, make_root, page_text, write


def _run(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = validate_command(root, out, today=TODAY)
    return code, out.getvalue().splitlines()


def test_clean_content(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    for language in ("en", "es"):
        write(root, f"{language}/01-a.md", page_text())
        write(root, f"{language}/02-b.md", page_text())
    assert _run(root) == (0, ["content: 2 languages, 4 pages shown, 0 errors, 0 warnings"])


def test_errors_give_exit_code_1_and_lines_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(alt=None))
    write(root, "en/02-b.md", page_text(review="2020-01-01"))
    monkeypatch.chdir(tmp_path)
    code, lines = _run(Path("content"))
    assert code == 1
    assert lines == [
        'content/en/01-a.md:1: error: missing "alt": add a short description of the picture, '
        'e.g. "alt: A drawing of the hip joint"',
        "content/en/02-b.md:6: warning: review date 2020-01-01 has passed: "
        "please re-read this page and set a new date",
        "content: 1 language, 1 page shown, 1 error, 1 warning",
    ]


def test_paths_relative_to_root_when_outside_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(tmp_path / "data")
    write(root, "en/01-a.md", page_text(title=None))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, lines = _run(root)
    assert code == 1
    assert lines[0].startswith(f"{root}:1: error: no page can be shown in any language")
    assert lines[1].startswith("en:1: warning: no page can be shown")
    assert lines[2].startswith('en/01-a.md:1: error: missing "title"')


def test_warnings_only_exit_code_0(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(colour="red"))
    code, lines = _run(root)
    assert code == 0
    assert lines[-1] == "content: 1 language, 1 page shown, 0 errors, 1 warning"
    assert ": warning: " in lines[0]


def test_missing_root(tmp_path: Path) -> None:
    code, lines = _run(tmp_path / "nope")
    assert code == 1
    assert lines[-1] == "content: 0 languages, 0 pages shown, 1 error, 0 warnings"
    assert ":1: error: the content folder does not exist" in lines[0]


def test_every_problem_line_has_the_format(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es"))
    write(root, "en/01-a.md", "---\ntitle: [\n---\nx")
    write(root, "en/02-b.md", page_text("[x](http://e)\n<b>\n"))
    write(root, "es/01-c.md", page_text())
    write(root, "es/deck.yml", "visit_page: nope\n")
    code, lines = _run(root)
    assert code == 1
    for line in lines[:-1]:
        assert re.fullmatch(r"[^:]+:\d+: (error|warning): .+", line), line
