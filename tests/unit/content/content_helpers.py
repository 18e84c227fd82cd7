"""Helpers to build small content folders for the content-pipeline tests."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

from kiosk.content.model import Library, Problem, Severity

TODAY = dt.date(2026, 6, 1)
"""The fixed "today" of the tests (review dates before it have passed)."""

FIELDS: dict[str, str] = {
    "title": "Your hip joint",
    "icon": "mdi6.bone",
    "illustration": "hip.svg",
    "alt": "A drawing of the hip joint",
    "review": "2030-01-01",
}


def svg(width: str | None = "400", height: str | None = "300", view_box: str | None = None) -> str:
    """A tiny SVG document with the given size attributes."""
    attributes = ""
    if width is not None:
        attributes += f' width="{width}"'
    if height is not None:
        attributes += f' height="{height}"'
    if view_box is not None:
        attributes += f' viewBox="{view_box}"'
    return f'<svg xmlns="http://www.w3.org/2000/svg"{attributes}><rect width="1" height="1"/></svg>'


def png_bytes(width: int, height: int) -> bytes:
    """A minimal PNG: signature, IHDR, empty IDAT and IEND (enough for size reading)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def valid_png(width: int, height: int) -> bytes:
    """A complete, decodable 8-bit RGB PNG (black pixels) that passes the picture checks."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = (b"\x00" + b"\x00" * 3 * width) * height
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def page_text(body: str = "Some text about the hip.\n", /, **fields: str | None) -> str:
    """A page file: the default fields overridden by ``fields`` (None removes a field)."""
    values: dict[str, str | None] = {**FIELDS, **fields}
    lines = [f"{key}: {value}" for key, value in values.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def make_root(tmp: Path, languages: tuple[str, ...] = ("en",)) -> Path:
    """A content folder with the given language folders and ``images/hip.svg``."""
    root = tmp / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "hip.svg").write_text(svg(), encoding="utf-8")
    for language in languages:
        (root / language).mkdir()
    return root


def write(root: Path, relative: str, text: str | bytes) -> Path:
    """Write a file below ``root`` (creating folders) and return its path."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def slugs(library: Library, language: str = "en") -> list[str]:
    """Slugs of the pages shown in a language, in order (empty if the language is not shown)."""
    deck = library.deck(language)
    return [page.slug for page in deck.pages] if deck is not None else []


def problems_for(library: Library, path: Path) -> list[Problem]:
    """The problems reported for one file or folder."""
    return [problem for problem in library.problems if problem.path == path]


def assert_problem(
    library: Library, path: Path, line: int, severity: Severity, fragment: str
) -> Problem:
    """Assert that exactly this problem (path, line, severity, message part) was reported."""
    for problem in library.problems:
        if (
            problem.path == path
            and problem.line == line
            and problem.severity is severity
            and fragment in problem.message
        ):
            return problem
    listed = "\n".join(problem.format() for problem in library.problems)
    raise AssertionError(
        f"no {severity.value} at {path}:{line} containing {fragment!r}; got:\n{listed}"
    )
