"""The content check for staff: load a content folder and list every problem.

Output: one line per problem, ``path:line: error|warning: message`` (path relative to the
current folder when possible, else to the content folder); then the reading level of every
page shown; then one summary line such as
``content: 2 languages, 16 pages shown, 0 errors, 1 warning``.

A page above its language's reading-level target is a warning (it still shows), placed at the
first line of its text. Pages with ``reading_check: false`` are measured but not flagged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from kiosk.content.loader import load_library
from kiosk.content.model import Library, Page, Problem, Severity
from kiosk.content.readability import ReadingLevel, reading_level
from kiosk.exit_codes import ExitCode


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _shown_path(problem: Problem, root: Path, cwd: Path | None) -> str:
    for base in (cwd, root):
        if base is None:
            continue
        try:
            relative = problem.path.relative_to(base)
        except ValueError:
            continue
        if relative.parts:
            return str(relative)
        if base == cwd:
            return "."
    return str(problem.path)


def summary_line(library: Library, extra_warnings: int = 0) -> str:
    """``content: 2 languages, 16 pages shown, 0 errors, 1 warning``."""
    languages = len(library.languages)
    pages = sum(len(deck.pages) for deck in library.decks)
    warnings = len(library.warnings) + extra_warnings
    return (
        f"content: {_plural(languages, 'language')}, {_plural(pages, 'page')} shown, "
        f"{_plural(len(library.errors), 'error')}, {_plural(warnings, 'warning')}"
    )


def reading_levels(library: Library) -> list[tuple[Page, ReadingLevel | None]]:
    """Every shown page with its reading level (None: no scale for its language)."""
    return [
        (page, reading_level(page.body_markdown, deck.language))
        for deck in library.decks
        for page in deck.pages
    ]


def _reading_problem(page: Page, level: ReadingLevel) -> Problem:
    return Problem(
        page.source,
        page.body_line,
        Severity.WARNING,
        f"reading level is {level.describe()}: use shorter sentences and everyday words, "
        "and explain medical words (or set reading_check: false for a list of sources)",
    )


def validate_command(root: Path, out: TextIO, *, today: dt.date | None = None) -> int:
    """Check the content folder ``root`` and write the report to ``out``.

    Returns 0 when there is no error (warnings allowed), 1 otherwise.
    """
    library = load_library(root, today=today)
    try:
        cwd: Path | None = Path.cwd()
    except OSError:  # the current folder was deleted
        cwd = None
    levels = reading_levels(library)
    hard_to_read = [
        _reading_problem(page, level)
        for page, level in levels
        if level is not None and page.reading_check and not level.ok
    ]
    problems = sorted([*library.problems, *hard_to_read], key=lambda p: (str(p.path), p.line))
    for problem in problems:
        path = _shown_path(problem, library.root, cwd)
        out.write(f"{path}:{problem.line}: {problem.severity.value}: {problem.message}\n")
    if levels:
        out.write("reading level of each page:\n")
    for page, level in levels:
        path = _shown_path(Problem(page.source, 1, Severity.WARNING, ""), library.root, cwd)
        if level is None:
            verdict = "not measured (no reading-level scale for this language)"
        elif not page.reading_check:
            verdict = f"{level.describe()}, not checked (reading_check: false)"
        else:
            verdict = f"{level.describe()}, {'ok' if level.ok else 'ABOVE TARGET'}"
        out.write(f"  {path}: {verdict}\n")
    out.write(summary_line(library, len(hard_to_read)) + "\n")
    return ExitCode.FAILED if library.errors else ExitCode.OK
