"""Figure 13: content that cannot break the kiosk (issue 12).

* 13a: validating the bundled content folder (``load_library``, median of warm runs), < 1 s.
* 13b-13h: hostile folders built in a temporary directory (a YAML merge-key bomb page, a
  ``deck.yml`` bomb, the Markdown that froze the screen, a 250 MB folder of 916 pages, 60
  languages, 20,000 files in one folder, names that are not UTF-8): each is loaded in its own
  child process, timed, and its memory measured both as the tracemalloc peak of the load and
  the child's peak RSS (``ru_maxrss``, which includes Python and the imports). Each < 5 s and
  < 200 MB.
* 13i: opening the slowest page the loader accepts: pages built right at each Markdown limit
  of :mod:`kiosk.content.limits` are loaded, then each is shown in the kiosk's real page view
  (1920x840, the reader's page area at 1920x1080, text step 3), timing render + layout +
  paint; the figure is the slowest, < 100 ms.

Run alone: ``python -m tests.benchmarks.content [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.common import Figure, emit_result, fmt_ms, median, ms, run_child

BUNDLED_RUNS = 5
QUICK_BUNDLED_RUNS = 3
BUNDLED_TARGET_MS = 1000.0
HOSTILE_TARGET_S = 5.0
HOSTILE_MEMORY_MIB = 200.0
OPEN_TARGET_MS = 100.0
OPEN_RUNS = 3
TODAY_FIELDS = (
    "title: A page\nicon: mdi6.bone\nillustration: hip.svg\nalt: A drawing\nreview: 2030-01-01\n"
)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="1"/></svg>'


def _page(body: str, front: str = TODAY_FIELDS) -> str:
    return f"---\n{front}---\n{body}"


def _base(tmp: Path, languages: tuple[str, ...] = ("en",)) -> Path:
    root = tmp / "content"
    (root / "images").mkdir(parents=True)
    (root / "images" / "hip.svg").write_text(SVG, encoding="utf-8")
    for language in languages:
        (root / language).mkdir()
        (root / language / "01-fine.md").write_text(_page("A fine page.\n"), encoding="utf-8")
    return root


def _merge_key_bomb() -> str:
    lines = ["l0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}"]
    for level in range(1, 9):
        merges = ", ".join(f"{{<<: *l{level - 1}, k{index}: {index}}}" for index in range(9))
        lines.append(f"l{level}: &l{level} [{merges}]")
    return "\n".join(lines) + "\n"


def _yaml_page(tmp: Path) -> Path:
    root = _base(tmp)
    (root / "en" / "02-bomb.md").write_text(f"---\n{_merge_key_bomb()}---\nBody.\n", "utf-8")
    return root


def _yaml_deck(tmp: Path) -> Path:
    root = _base(tmp)
    (root / "en" / "deck.yml").write_text(_merge_key_bomb(), encoding="utf-8")
    return root


def _markdown(tmp: Path) -> Path:
    root = _base(tmp)
    bodies = {
        "quotes-16k": ">" * 16 * 1024,
        "quotes-64k": ">" * 64 * 1024,
        "backticks": "".join("`" * n + " ab" * 300 for n in range(1, 60)),
        "list-30000": "- a\n" * 30_000,
        "word-255k": "x" * 255 * 1024,
        "brackets": "[a " * 490 + "ab " * 20_000,
    }
    for number, (name, body) in enumerate(bodies.items(), 2):
        (root / "en" / f"{number:02d}-{name}.md").write_text(_page(body), encoding="utf-8")
    return root


def _huge(tmp: Path) -> Path:
    """About 250 MB: 916 pages of about 280 KB over four languages."""
    return _many_pages(tmp, paragraphs=155)


def _huge_readable(tmp: Path) -> Path:
    """About 110 MB of pages each under the file limit (so each is read until the budget)."""
    return _many_pages(tmp, paragraphs=65)


def _many_pages(tmp: Path, *, paragraphs: int) -> Path:
    """916 pages over four languages, each ``paragraphs`` paragraphs of about 1.8 KB."""
    languages = ("en", "es", "fr", "pt")
    root = _base(tmp, languages)
    body = ("Words about the hip joint and how it moves. " * 40 + "\n\n") * paragraphs
    text = _page(body).encode("utf-8")
    for index in range(916):
        language = languages[index % len(languages)]
        (root / language / f"{index // 4 + 2:03d}-p{index}.md").write_bytes(text)
    return root


def _languages(tmp: Path) -> Path:
    codes = tuple(f"{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(60))
    root = _base(tmp, codes)
    for code in codes:
        for number in range(2, 41):
            (root / code / f"{number:02d}-p{number}.md").write_text(_page("Text.\n"), "utf-8")
    return root


def _many_files(tmp: Path) -> Path:
    root = _base(tmp)
    text = _page("Text.\n")
    for number in range(20_000):
        (root / "en" / f"{number:05d}-p{number}.md").write_text(text, encoding="utf-8")
    return root


def _names(tmp: Path) -> Path:
    root = _base(tmp)
    raw = os.fsencode(root)
    for number in range(200):
        with open(raw + b"/en/%02d-caf\xe9-%d.md" % (number % 99, number), "wb") as file:
            file.write(_page("Text.\n").encode("utf-8"))
        os.mkdir(raw + b"/d\xe9%d" % number)
    outside = tmp / "outside"
    outside.mkdir()
    (root / "fr").symlink_to(outside, target_is_directory=True)
    (tmp / "secret.yml").write_text("language_name: Secret\n", encoding="utf-8")
    (root / "en" / "deck.yml").symlink_to(tmp / "secret.yml")
    return root


HOSTILE: dict[str, tuple[str, str, Callable[[Path], Path]]] = {
    "yaml-page": (
        "13b",
        "a 1 KB page with a YAML merge-key bomb (9 per level, 8 levels)",
        _yaml_page,
    ),
    "yaml-deck": ("13c", "deck.yml with the same bomb", _yaml_deck),
    "markdown": ("13d", "the six Markdown pages that froze the screen", _markdown),
    "huge": ("13e", "a 250 MB folder of 916 pages in 4 languages", _huge),
    "huge-readable": ("13e2", "916 pages of 117 KB (each under the file limit)", _huge_readable),
    "languages": ("13f", "60 languages of 40 pages", _languages),
    "many-files": ("13g", "20,000 page files in one language", _many_files),
    "names": ("13h", "200 names that are not UTF-8, links out of the folder", _names),
}


def _hostile_child(case: str) -> dict[str, Any]:
    from kiosk.content.icons import default_catalog
    from kiosk.content.loader import load_library

    icons = default_catalog()
    icons.exists("mdi6.bone")  # read the icon catalogs before measuring
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-hostile-") as tmp:
        root = HOSTILE[case][2](Path(tmp))
        size = sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
        before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        library = load_library(root, icons=icons)
        took = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        after_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        shown = sum(len(deck.pages) for deck in library.decks)
        messages = sorted({problem.message[:100] for problem in library.problems})
    return {
        "seconds": took,
        "tracemalloc_mib": peak / 2**20,
        "maxrss_mib": after_kib / 1024,
        "maxrss_before_mib": before_kib / 1024,
        "folder_mib": size / 2**20,
        "pages_shown": shown,
        "problems": len(library.problems),
        "messages": messages[:4],
    }


def _filled(unit: str) -> str:
    """``unit`` repeated up to just under the page-text size and line limits."""
    from kiosk.content import limits

    lines = max(1, unit.count("\n"))
    times = min((limits.MAX_BODY_CHARS - 200) // len(unit), (limits.MAX_BODY_LINES - 10) // lines)
    return unit * max(1, times)


def accepted_bodies() -> dict[str, str]:
    """Page texts right at (just under) each Markdown limit: the slowest the loader accepts."""
    from kiosk.content import limits

    paragraph = "A line of words about the hip joint and how it moves. " * 30 + "\n\n"
    return {
        "prose-max": _filled(paragraph),
        "short-lines": _filled("Words about the hip joint.\n"),
        "line-breaks": _filled("Words about the hip joint.  \n"),
        "paragraphs": _filled("Words.\n\n"),
        "list-items": "".join(f"- item {n} of the list\n" for n in range(limits.MAX_LIST_ITEMS)),
        "quote-depth": _filled("> " * limits.MAX_QUOTE_DEPTH + "quoted words\n"),
        "list-depth": "".join(
            "    " * (n % limits.MAX_LIST_DEPTH) + "- x\n" for n in range(limits.MAX_LIST_ITEMS)
        ),
        "marks": "*a* " * (limits.MAX_INLINE_MARKS // 2 - 10) + paragraph * 8,
        "long-words": _filled("x" * limits.MAX_WORD_CHARS + " "),
        "links": "[a link](page:fine) and words. " * (limits.MAX_BRACKETS - 10),
        "headings": _filled("# A heading\n\nA paragraph.\n\n"),
        "code-spans": _filled("`code` " * 10 + paragraph),
        "brackets-near-limit": "[a] " * (limits.MAX_BRACKETS - 10) + paragraph * 8,
    }


def _open_child(runs: int) -> dict[str, Any]:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from kiosk.content.loader import load_library
    from kiosk.content.render import PageRenderer
    from kiosk.ui.page_view import PageView
    from kiosk.ui.theme import Theme

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-open-") as tmp:
        root = _base(Path(tmp))
        bodies = accepted_bodies()
        for number, (name, body) in enumerate(bodies.items(), 2):
            (root / "en" / f"{number:02d}-{name}.md").write_text(_page(body), encoding="utf-8")
        library = load_library(root)
        deck = library.deck("en")
        assert deck is not None
        refused = sorted(
            problem.format(root) for problem in library.errors if "fine" not in str(problem.path)
        )
        theme = Theme().at_text_step(3)
        renderer = PageRenderer(library)
        pane = PageView(theme, renderer)
        pane.setStyleSheet(theme.stylesheet())
        pane.resize(QSize(1920, 840))
        pane.show()
        pane.show_page(deck.pages[0])  # the first picture draw is the picture's cost, not text's
        pane.repaint()
        app.processEvents()
        browser = pane.browser
        width = browser.viewport().width()
        timings: dict[str, list[float]] = {}
        parts: dict[str, list[tuple[float, float]]] = {}
        for _ in range(runs):
            for page in deck.pages:
                renderer.use_library(library)  # empties the cache: every open renders
                started = time.perf_counter()
                html = renderer(page, width)
                rendered = time.perf_counter()
                browser.show_html(html)
                browser.document().size()
                parts.setdefault(page.slug, []).append(
                    (ms(rendered - started), ms(time.perf_counter() - rendered))
                )
                pane.show_page(deck.pages[0])
                app.processEvents()
                renderer.use_library(library)
                started = time.perf_counter()
                pane.show_page(page)
                browser.document().size()
                pane.repaint()
                app.processEvents()
                timings.setdefault(page.slug, []).append(ms(time.perf_counter() - started))
                pane.show_page(deck.pages[0])
                app.processEvents()
        pane.close()
    return {
        "medians_ms": {slug: median(values) for slug, values in timings.items()},
        "markdown_ms": {slug: median([a for a, _ in values]) for slug, values in parts.items()},
        "layout_ms": {slug: median([b for _, b in values]) for slug, values in parts.items()},
        "refused": refused,
        "shown": len(deck.pages),
    }


def _bundled(quick: bool) -> Figure:
    from kiosk.content.loader import load_library
    from kiosk.resources import bundled_content_dir

    root = bundled_content_dir()
    timings = []
    library = None
    for _ in range(QUICK_BUNDLED_RUNS if quick else BUNDLED_RUNS):
        started = time.perf_counter()
        library = load_library(root)
        timings.append(ms(time.perf_counter() - started))
    assert library is not None
    warm = median(timings[1:]) if len(timings) > 1 else timings[0]
    pages = sum(len(deck.pages) for deck in library.decks)
    return Figure(
        "13a",
        "Validate the bundled content folder",
        warm,
        "ms",
        shown=fmt_ms(warm),
        limit=BUNDLED_TARGET_MS,
        target="< 1 s",
        notes=[
            f"load_library() median of the warm runs ({', '.join(fmt_ms(t) for t in timings)};"
            f" the first reads the icon catalogs); {pages} pages, "
            f"{len(library.errors)} errors, {len(library.warnings)} warnings",
        ],
        details={"runs_ms": timings},
    )


def measure(quick: bool) -> list[Figure]:
    figures = [_bundled(quick)]
    worst_memory = 0.0
    memory_notes: list[str] = []
    for case, (number, title, _build) in HOSTILE.items():
        result = run_child("content", ["hostile", case], timeout_s=300)
        seconds = float(result["seconds"])
        memory = max(float(result["tracemalloc_mib"]), float(result["maxrss_mib"]))
        worst_memory = max(worst_memory, memory)
        memory_notes.append(
            f"{case}: tracemalloc peak {result['tracemalloc_mib']:.1f} MiB, peak RSS "
            f"{result['maxrss_mib']:.0f} MiB (before loading {result['maxrss_before_mib']:.0f})"
        )
        figures.append(
            Figure(
                number,
                f"Load {title}",
                ms(seconds),
                "ms",
                shown=fmt_ms(ms(seconds)),
                limit=HOSTILE_TARGET_S * 1000,
                target=f"< {HOSTILE_TARGET_S:.0f} s",
                notes=[
                    f"folder {result['folder_mib']:.1f} MiB; {result['pages_shown']} pages "
                    f"shown, {result['problems']} problems; tracemalloc peak "
                    f"{result['tracemalloc_mib']:.1f} MiB, peak RSS {result['maxrss_mib']:.0f} MiB",
                    *(f"  {message}" for message in result["messages"][:2]),
                ],
                details=result,
            )
        )
    figures.append(
        Figure(
            "13m",
            "Peak memory of the worst hostile folder (RSS of the whole child, or tracemalloc)",
            worst_memory,
            "MiB",
            limit=HOSTILE_MEMORY_MIB,
            target=f"< {HOSTILE_MEMORY_MIB:.0f} MB",
            notes=memory_notes,
        )
    )
    opened = run_child("content", ["open", str(1 if quick else OPEN_RUNS)], timeout_s=300)
    medians: dict[str, float] = opened["medians_ms"]
    slowest = max(medians, key=lambda slug: medians[slug])
    figures.append(
        Figure(
            "13i",
            "Open the slowest accepted page (render + layout + paint, 1920x840, text step 3)",
            medians[slowest],
            "ms",
            shown=fmt_ms(medians[slowest]),
            limit=OPEN_TARGET_MS,
            target=f"< {OPEN_TARGET_MS:.0f} ms",
            notes=[
                f"slowest: {slowest} (Markdown {fmt_ms(opened['markdown_ms'][slowest])}, "
                f"setHtml + layout {fmt_ms(opened['layout_ms'][slowest])})",
                "all: "
                + ", ".join(f"{slug} {fmt_ms(value)}" for slug, value in sorted(medians.items())),
                *(f"refused by the loader: {line}" for line in opened["refused"][:3]),
            ],
            details=opened,
        )
    )
    return figures


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ARG"))
    args = parser.parse_args(argv)
    if args.child:
        kind, arg = args.child
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        emit_result(_hostile_child(arg) if kind == "hostile" else _open_child(int(arg)))
        return
    for figure in measure(args.quick):
        print("\n".join(figure.lines()))


if __name__ == "__main__":
    main(sys.argv[1:])
