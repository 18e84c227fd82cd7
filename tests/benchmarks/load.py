"""Figure 5: loading and validating a generated 200-page content folder.

The folder is generated in a temporary directory from the bundled English pages: copy ``k`` of
page ``NN-slug.md`` becomes ``NNN-slug-k.md`` with its title, summary and illustration varied
(each page gets its own copy of its picture in ``images/``) and its ``page:`` links pointing
at the pages of the same copy, so the folder should load without a single problem. The figure
is the median of 5 calls of :func:`kiosk.content.loader.load_library` in this (warm) process;
the first call also reads qtawesome's icon catalogs, so it is shown apart.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kiosk.content.loader import load_library
from kiosk.resources import bundled_content_dir
from tests.benchmarks.common import Figure, fmt_ms, median, ms

PAGES = 200
RUNS = 5
QUICK_RUNS = 3
LANGUAGE = "en"
TARGET_MS = 1000.0
_LINK_RE = re.compile(r"\(page:([a-z0-9-]+)\)")
_FIELD_RE = re.compile(r"^(title|summary|illustration): *(.*)$", re.MULTILINE)
_PAGE_RE = re.compile(r"(?P<order>[0-9]{1,3})-(?P<slug>[a-z0-9-]+)\.md")


def _vary(text: str, copy: int, images: Path, source_images: Path) -> str:
    """The page text for copy number ``copy``: new title, summary, picture and links."""
    front_end = text.index("\n---", 3)
    front, body = text[:front_end], text[front_end:]

    def field(match: re.Match[str]) -> str:
        name, value = match[1], match[2].strip()
        if name == "illustration":
            stem, dot, suffix = value.rpartition(".")
            new_name = f"{stem}-{copy}{dot}{suffix}"
            shutil.copyfile(source_images / value, images / new_name)
            return f"illustration: {new_name}"
        return f"{name}: {value} ({copy})"

    front = _FIELD_RE.sub(field, front)
    body = _LINK_RE.sub(lambda match: f"(page:{match[1]}-{copy})", body)
    return front + body


def generate(root: Path, pages: int = PAGES) -> Path:
    """Write a ``pages``-page, one-language content folder under ``root``; return it."""
    bundled = bundled_content_dir()
    source = bundled / LANGUAGE
    originals = sorted(path for path in source.glob("*.md") if _PAGE_RE.fullmatch(path.name))
    content = root / "content"
    shutil.copytree(bundled / "images", content / "images")
    language = content / LANGUAGE
    language.mkdir()
    deck = (source / "deck.yml").read_text(encoding="utf-8")
    deck = re.sub(r"^visit_page: *(\S+)", r"visit_page: \1-1", deck, flags=re.MULTILINE)
    (language / "deck.yml").write_text(deck, encoding="utf-8")
    for index in range(pages):
        original = originals[index % len(originals)]
        copy = index // len(originals) + 1
        match = _PAGE_RE.fullmatch(original.name)
        assert match is not None
        text = _vary(
            original.read_text(encoding="utf-8"), copy, content / "images", bundled / "images"
        )
        name = f"{index + 1:03d}-{match['slug']}-{copy}.md"
        (language / name).write_text(text, encoding="utf-8")
    return content


def measure(quick: bool) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-content-") as tmp:
        root = generate(Path(tmp))
        timings, library = [], None
        for _ in range(QUICK_RUNS if quick else RUNS):
            started = time.perf_counter()
            library = load_library(root)
            timings.append(ms(time.perf_counter() - started))
        assert library is not None
        shown = sum(len(deck.pages) for deck in library.decks)
        problems = [problem.format(root) for problem in library.problems]
    took = median(timings)
    return [
        Figure(
            "5",
            f"Load + validate a generated {PAGES}-page folder",
            took,
            "ms",
            shown=fmt_ms(took),
            limit=TARGET_MS,
            target=f"< {TARGET_MS / 1000:.0f} s",
            notes=[
                f"load_library() median of {len(timings)} runs in one process "
                f"({', '.join(fmt_ms(value) for value in timings)}; the first also reads the "
                f"icon catalogs); {shown} of {PAGES} pages shown, {LANGUAGE} only, "
                f"{PAGES} pictures",
            ],
            details={"runs_ms": timings, "pages_shown": shown},
        ),
        Figure(
            "5b",
            "Problems found in the generated folder",
            float(len(problems)),
            "",
            shown=str(len(problems)),
            limit=0.0,
            inclusive=True,
            target="0",
            notes=problems[:5],
            details={"problems": problems},
        ),
    ]


if __name__ == "__main__":
    for figure in measure(quick="--quick" in sys.argv[1:]):
        print("\n".join(figure.lines()))
