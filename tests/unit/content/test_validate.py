"""validate_command: the staff report and its exit code."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from kiosk.content.validate import (
    SettingsTrouble,
    choose_folder,
    validate_command,
    write_line,
)
from kiosk.text import printable
from tests.paths import BUNDLED_CONTENT
from tests.unit.content.content_helpers import TODAY, make_root, page_text, write

LEVELS_HEADING = "reading level of each page:"


def _run(root: Path, *, with_levels: bool = False) -> tuple[int, list[str]]:
    """Exit code and report; the reading-level section is left out unless asked for."""
    out = io.StringIO()
    code = validate_command(root, out, today=TODAY)
    lines = out.getvalue().splitlines()
    if not with_levels and LEVELS_HEADING in lines:
        lines = lines[: lines.index(LEVELS_HEADING)] + lines[-1:]
    return code, lines


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


HARD_ENGLISH = (
    "Osteoarthritic degeneration of the acetabular articular cartilage, characterised by "
    "progressive chondral attenuation and subchondral sclerosis, constitutes a predominant "
    "aetiological determinant of persistent coxalgia in individuals of advancing chronological "
    "age, necessitating comprehensive multidisciplinary musculoskeletal evaluation.\n"
)
EASY_ENGLISH = "Your hip is a ball in a cup. It helps you walk. It helps you sit.\n"


def test_each_page_reading_level_is_listed(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("en", "es", "fr"))
    write(root, "en/01-a.md", page_text(EASY_ENGLISH))
    write(root, "es/01-a.md", page_text("La cadera es una bola en una taza. Le ayuda a caminar.\n"))
    write(root, "fr/01-a.md", page_text("La hanche est une balle dans une tasse.\n"))
    code, lines = _run(root, with_levels=True)
    assert code == 0
    section = lines[lines.index(LEVELS_HEADING) + 1 : -1]
    assert any(
        "en/01-a.md: Flesch-Kincaid grade" in line and line.endswith("ok") for line in section
    )
    assert any(
        "es/01-a.md: Fernández-Huerta ease" in line and line.endswith("ok") for line in section
    )
    assert any("fr/01-a.md: not measured" in line for line in section)


def test_hard_page_is_flagged_at_its_first_text_line_and_still_shown(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    page = write(root, "en/01-a.md", page_text(HARD_ENGLISH))
    first_text_line = page.read_text(encoding="utf-8").splitlines().index("---", 1) + 2
    code, lines = _run(root)
    assert code == 0  # a warning: the page still shows
    flagged = [line for line in lines if "reading level is Flesch-Kincaid grade" in line]
    assert len(flagged) == 1
    assert flagged[0].startswith(f"en/01-a.md:{first_text_line}: warning: ")
    assert "(target 6 or below)" in flagged[0]
    assert lines[-1].endswith("1 warning")


def test_hard_spanish_page_is_flagged(tmp_path: Path) -> None:
    root = make_root(tmp_path, ("es",))
    write(
        root,
        "es/01-a.md",
        page_text(
            "La degeneración osteoartrítica del cartílago articular acetabular, caracterizada por "
            "atenuación condral progresiva y esclerosis subcondral, constituye un determinante "
            "etiológico predominante de la coxalgia persistente.\n"
        ),
    )
    _, lines = _run(root)
    assert any("reading level is Fernández-Huerta ease" in line for line in lines)


def test_reading_check_false_measures_but_does_not_flag(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(HARD_ENGLISH, reading_check="false"))
    _, lines = _run(root, with_levels=True)
    assert lines[-1].endswith("0 warnings")
    assert any("not checked (reading_check: false)" in line for line in lines)


def test_reading_check_must_be_true_or_false(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-a.md", page_text(HARD_ENGLISH, reading_check="maybe"))
    _, lines = _run(root)
    assert any('"reading_check" must be true or false' in line for line in lines)
    assert any("reading level is" in line for line in lines)  # and it is still checked


# --- Which folder: the one named, else the one the kiosk shows ---------------------------------

MACHINE_CONFIG = Path("/etc/hip-kiosk/kiosk.toml")


def test_a_named_folder_is_checked_and_said_so(tmp_path: Path) -> None:
    target = choose_folder(tmp_path / "content", None, {})
    assert target.root == tmp_path / "content"
    assert target.heading == f"Checking {tmp_path / 'content'} (named on the command line)"


def test_the_configured_folder_is_checked_and_named(tmp_path: Path) -> None:
    root = make_root(tmp_path / "clinic")
    write(root, "en/01-a.md", page_text())
    settings = write(tmp_path, "etc/kiosk.toml", 'content_dir = "../clinic/content"\n')
    for target in (
        choose_folder(None, settings, {}),  # --config FILE
        choose_folder(None, None, {"KIOSK_CONFIG": str(settings)}),  # as the kiosk finds it
    ):
        assert target.root.resolve() == root.resolve()
        assert target.heading == f"Checking {target.root} (content_dir in {settings})"
        assert target.notes == ()
    out = io.StringIO()
    assert validate_command(target.root, out, today=TODAY, heading=target.heading) == 0
    assert out.getvalue().splitlines()[0] == target.heading


def test_the_bundled_pages_are_named_when_no_content_dir_is_set(tmp_path: Path) -> None:
    settings = write(tmp_path, "kiosk.toml", "[idle]\ntimeout_seconds = 120\n")
    target = choose_folder(None, settings, {})
    assert target.root == BUNDLED_CONTENT
    assert target.why == f"the bundled pages: no content_dir is set in {settings}"


@pytest.mark.skipif(MACHINE_CONFIG.exists(), reason="this machine has a kiosk settings file")
def test_the_bundled_pages_are_named_without_a_settings_file() -> None:
    target = choose_folder(None, None, {})
    assert target.root == BUNDLED_CONTENT
    assert target.heading == (
        f"Checking {BUNDLED_CONTENT} (the bundled pages: no content_dir is set and no settings "
        "file was found)"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (None, "was not found"),
        ("content_dir = [\n", "is not valid TOML"),
        ("content_dir = 5\n", "content_dir = 5: must be a file or folder path"),
    ],
)
def test_a_settings_file_that_cannot_say_which_folder_is_refused(
    tmp_path: Path, text: str | None, said: str
) -> None:
    settings = tmp_path / "kiosk.toml"
    if text is not None:
        settings.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsTrouble) as trouble:
        choose_folder(None, settings, {})
    message = str(trouble.value)
    assert said in message
    assert "cannot tell which content folder the kiosk shows" in message
    assert f"kiosk config check {settings}" in message
    assert "kiosk validate DIR" in message


def test_other_settings_problems_are_noted_not_fatal(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    settings = write(
        tmp_path, "kiosk.toml", f'content_dir = "{root}"\n[idle]\ntimeout_seconds = "x"\n'
    )
    target = choose_folder(None, settings, {})
    assert target.root == root
    assert target.notes == (
        f"note: {settings} has 1 other problem (kiosk config check {settings}); they do not "
        "change which folder is checked",
    )


# --- Names that are not valid UTF-8 ---------------------------------------------------------


def test_printable_escapes_the_bytes_of_a_name_that_is_not_utf8() -> None:
    name = os.fsdecode(b"04-caf\xe9.md")
    assert printable(f"en/{name}:1: warning: ignored") == "en/04-caf\\xe9.md:1: warning: ignored"
    assert printable("Café → ok") == "Café → ok"  # valid text is left alone
    assert printable("lone \ud800") == "lone \\ud800"


def test_write_line_escapes_what_the_output_cannot_hold() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    write_line(out, "Café " + os.fsdecode(b"\xff"))
    out.flush()
    assert raw.getvalue() == b"Caf\\xe9 \\xff\n"
