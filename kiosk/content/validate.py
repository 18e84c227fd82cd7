"""The content check for staff: load a content folder and list every problem.

Output: one line per problem, ``path:line: error|warning: message`` (path relative to the
current folder when possible, else to the content folder), then one summary line such as
``content: 2 languages, 16 pages shown, 0 errors, 1 warning``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TextIO

from kiosk.content.loader import load_library
from kiosk.content.model import Library, Problem


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


def summary_line(library: Library) -> str:
    """``content: 2 languages, 16 pages shown, 0 errors, 1 warning``."""
    languages = len(library.languages)
    pages = sum(len(deck.pages) for deck in library.decks)
    return (
        f"content: {_plural(languages, 'language')}, {_plural(pages, 'page')} shown, "
        f"{_plural(len(library.errors), 'error')}, {_plural(len(library.warnings), 'warning')}"
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
    for problem in library.problems:
        path = _shown_path(problem, library.root, cwd)
        out.write(f"{path}:{problem.line}: {problem.severity.value}: {problem.message}\n")
    out.write(summary_line(library) + "\n")
    return 1 if library.errors else 0
