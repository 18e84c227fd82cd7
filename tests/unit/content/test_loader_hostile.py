"""load_library never raises: hostile YAML, binary junk and arbitrary generated input."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.loader import load_library
from kiosk.content.model import Library, Severity
from tests.unit.content.content_helpers import TODAY, make_root, page_text, slugs, write

E = Severity.ERROR

LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "title: *i",
        "alt: *i",
    ]
)

HOSTILE_FRONT_MATTER = {
    "python-object": "title: !!python/object/apply:os.system ['echo pwned']",
    "python-name": "title: !!python/name:os.system",
    "billion-laughs": LAUGHS,
    "deep-flow": "title: " + "[" * 100_000,
    "deep-flow-closed": "title: " + "[" * 400 + "]" * 400,
    "deep-mapping": "title: " + "{a: " * 2000 + "1" + "}" * 2000,
    "deep-block": "title:\n" + "".join(" " * i + "- \n" for i in range(1, 400)),
    "compact-sequences": "title: " + "- " * 5000,
    "huge-int": "review: " + "9" * 50_000,
    "huge-float": "review: 1.0e999999",
    "recursive-alias": "title: &a [*a]",
    "undefined-alias": "title: *nothing",
    "control-chars": 'title: "\x07\x1b"',
    "tabs": "\ttitle: x",
    "multi-document": "title: x\n...\n--- \nalt: y",
    "complex-keys": "? [a, b]\n: 1\n? {x: y}\n: 2",
    "merge-keys": "base: &b {title: x}\n<<: *b",
    "unhashable-key": "[a]: 1",
    "binary-tags": "title: !!binary aGVsbG8=",
    "set-tag": "title: !!set {a, b}",
    "timestamp-junk": "review: 2030-99-99",
    "long-line": "title: " + "x" * 200_000,
}


def _assert_survives(root: Path) -> Library:
    library = load_library(root, today=TODAY)
    assert isinstance(library, Library)
    for problem in library.problems:
        assert problem.line >= 1
        assert problem.message
    return library


@pytest.mark.parametrize("name", sorted(HOSTILE_FRONT_MATTER))
def test_hostile_front_matter_is_a_problem_not_a_crash(tmp_path: Path, name: str) -> None:
    root = make_root(tmp_path)
    path = write(root, "en/01-bad.md", f"---\n{HOSTILE_FRONT_MATTER[name]}\n---\nBody.\n")
    write(root, "en/02-good.md", page_text())
    library = _assert_survives(root)
    assert slugs(library) == ["good"]
    assert any(p.path == path and p.severity is E for p in library.problems)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\xff" * 100,
        b"---\n\x00title: x\n---\nbody",
        b"---\ntitle: \xc3\x28\n---\n",
        b"\xef\xbb\xbf---\n---\n",
        b"---\r\n---\r\n",
        b"\r\r\r---",
        b"",
        b"-",
        b"---",
        b"---\n---",
    ],
)
def test_binary_junk_is_a_problem_not_a_crash(tmp_path: Path, data: bytes) -> None:
    root = make_root(tmp_path)
    write(root, "en/01-bad.md", data)
    library = _assert_survives(root)
    assert library.decks == ()
    assert any(p.path == root / "en/01-bad.md" and p.severity is E for p in library.problems)


def test_hostile_deck_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    for number, text in enumerate(HOSTILE_FRONT_MATTER.values()):
        root = make_root(tmp_path / str(number))
        write(root, "en/deck.yml", text.replace("title", "chapters"))
        write(root, "en/01-a.md", page_text())
        library = _assert_survives(root)
        assert slugs(library) == ["a"]


def test_hostile_body_is_refused_and_other_pages_stay(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    bodies = [
        "[" * 50_000,
        "`" * 10_000 + "x",
        "![" * 10_000,
        ">" * 5_000 + " deep",
        "<" * 10_000,
        "](" * 10_000,
        "[a](" + "(" * 5000,
    ]
    for number, body in enumerate(bodies, 1):
        write(root, f"en/{number:02d}-p{number}.md", page_text(body))
    write(root, "en/99-fine.md", page_text())
    library = _assert_survives(root)
    # Each is one huge "word" or quote run, refused by the Markdown limits (kiosk.content.limits).
    assert slugs(library) == ["fine"]
    for number in range(1, len(bodies) + 1):
        assert any(
            problem.severity is E and "the kiosk" in problem.message
            for problem in library.problems
            if problem.path == root / "en" / f"{number:02d}-p{number}.md"
        )


_yaml_tokens = st.sampled_from(
    [
        "title", "icon", "alt", "review", "illustration", "chapter", "summary", ":", ": ",
        "\n", "  ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:x ", "!!str ",
        "'", '"', "#", "|", ">", "---", "...", "2030-01-01", "mdi6.bone", "hip.svg", "?", "%",
        "\t", "\\", "\x00", "é", "0x1F", "~", "null", "<<",
    ]
)  # fmt: skip
_md_tokens = st.sampled_from(
    [
        "[", "](", ")", "![", "<", ">", "#", "*", "`", "page:", "action:request-visit",
        "javascript:", "http://", " ", "\n", "\n\n", "    ", "- ", "1. ", "<script>", "&amp;",
        "[x]: ", "\\", "a", "hip.svg",
    ]
)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    front=st.one_of(st.text(max_size=200), st.lists(_yaml_tokens, max_size=40).map("".join)),
    body=st.one_of(st.text(max_size=200), st.lists(_md_tokens, max_size=40).map("".join)),
    deck=st.one_of(st.none(), st.lists(_yaml_tokens, max_size=30).map("".join)),
)
def test_arbitrary_front_matter_and_markdown_never_crash_the_loader(
    front: str, body: str, deck: str | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = make_root(Path(folder))
        write(root, "en/01-random.md", f"---\n{front}\n---\n{body}")
        write(root, "en/02-random.md", (front + body).encode("utf-8", "surrogatepass"))
        if deck is not None:
            write(root, "en/deck.yml", deck)
        _assert_survives(root)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_loader(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = make_root(Path(folder))
        write(root, "en/01-random.md", b"---\n" + data)
        write(root, "en/deck.yml", data)
        _assert_survives(root)


def test_control_character_in_settings_is_reported_at_its_line(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    path = write(root, "en/01-a.md", "---\ntitle: Hip\nalt: a\x07b\n---\nx\n")
    library = _assert_survives(root)
    problems = [p for p in library.problems if p.path == path]
    assert [(p.line, p.severity) for p in problems] == [(3, E)]
    assert "control character" in problems[0].message


def test_too_many_brackets_in_settings_are_refused_unread(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    path = write(root, "en/01-a.md", page_text(summary='"' + "[" * 501 + '"'))
    write(root, "en/02-b.md", page_text(summary='"' + "[" * 400 + '"'))
    library = _assert_survives(root)
    assert slugs(library) == ["b"]
    problems = [p for p in library.problems if p.path == path]
    assert [(p.line, p.severity) for p in problems] == [(2, E)]
    assert "more than 500 brackets" in problems[0].message


def test_too_many_brackets_in_text_is_a_warning(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    path = write(root, "en/01-a.md", page_text("Intro\n" + "[x] " * 501))
    library = _assert_survives(root)
    assert slugs(library) == ["a"]
    problems = [p for p in library.problems if p.path == path]
    assert [(p.line, p.severity) for p in problems] == [(8, Severity.WARNING)]
    assert "plain text" in problems[0].message
