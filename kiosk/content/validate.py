"""The content check for staff: load a content folder and list every problem.

Output: one line per problem, ``path:line: error|warning: message`` (path relative to the
current folder when possible, else to the content folder); then the reading level of every
page shown; then one summary line such as
``content: 2 languages, 16 pages shown, 0 errors, 1 warning``.

A page above its language's reading-level target is a warning (it still shows), placed at the
first line of its text. Pages with ``reading_check: false`` are measured but not flagged.

Once any page of the folder has a ``home_url`` (the clinic has web pages to hand out), each
shown page without one is a warning (:func:`missing_home_urls`): it shows no QR code. A folder
where no page has one gets no such warnings (a clinic without web pages is not told so on every
page, every time); the report then says once, before the summary, that no page shows a code.

Which folder: the one named on the command line, else the one the kiosk itself would show
(:func:`choose_folder`: ``content_dir`` in the settings file the kiosk would read, else the
bundled pages); the report's first line names it and why. A settings file that cannot say which
folder that is (missing, not TOML, a bad ``content_dir``) is :class:`SettingsTrouble`.

Every line is written so that no name can stop the report: a file name that is not valid UTF-8
(Linux keeps such bytes as they are) is shown with backslash escapes (``caf\\xe9.md``), and a
character the terminal cannot show is escaped too (:func:`printable`, :func:`write_line`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kiosk.config import load_config, resolve_config_path
from kiosk.content.loader import load_library
from kiosk.content.model import Library, Page, Problem, Severity
from kiosk.content.readability import ReadingLevel, reading_level
from kiosk.exit_codes import ExitCode
from kiosk.text import printable

SETTINGS_UNUSABLE = ExitCode.SETTINGS_UNUSABLE
"""Exit code of ``validate`` when the settings file cannot say which folder the kiosk shows."""


@dataclass(frozen=True, slots=True)
class Target:
    """The folder to check and, in words for staff, why that one."""

    root: Path
    why: str
    notes: tuple[str, ...] = ()
    """Problems elsewhere in the settings file: they do not change which folder is checked."""

    @property
    def heading(self) -> str:
        """The report's first line: ``Checking /srv/kiosk/content (content_dir in ...)``."""
        return f"Checking {self.root} ({self.why})"


class SettingsTrouble(Exception):
    """The settings file cannot say which content folder the kiosk shows."""


def choose_folder(
    directory: Path | None, config_option: Path | None, environ: Mapping[str, str] | None = None
) -> Target:
    """The folder ``kiosk validate`` checks: ``directory`` if named, else the one the kiosk
    shows, found as ``kiosk run`` finds it (``--config``, ``$KIOSK_CONFIG``, next to a packaged
    kiosk, machine-wide). Raises :class:`SettingsTrouble` for a file that cannot be used."""
    if directory is not None:
        return Target(directory, "named on the command line")
    from kiosk.resources import bundled_content_dir  # not needed when a folder is named

    source = resolve_config_path(config_option, os.environ if environ is None else environ)
    result = load_config(source)
    blocking = [p for p in result.problems if p.key in ("", "content_dir")]
    if blocking:
        check = f"kiosk config check {source}" if source is not None else "kiosk config check FILE"
        raise SettingsTrouble(
            "\n".join(
                [
                    *(f"settings: {problem}" for problem in blocking),
                    "kiosk validate cannot tell which content folder the kiosk shows (until "
                    "this is fixed, the kiosk shows the bundled pages).",
                    f"Fix the settings file (check it with: {check}), or name the folder: "
                    "kiosk validate DIR",
                ]
            )
        )
    others = len(result.problems)
    notes: tuple[str, ...] = ()
    if others:
        notes = (
            f"note: {source} has {_plural(others, 'other problem')} (kiosk config check "
            f"{source}); they do not change which folder is checked",
        )
    if result.config.content_dir is not None:
        return Target(result.config.content_dir, f"content_dir in {source}", notes)
    where = f"in {source}" if source is not None else "and no settings file was found"
    return Target(bundled_content_dir(), f"the bundled pages: no content_dir is set {where}", notes)


def write_line(out: TextIO, line: str) -> None:
    """Write ``line`` and a newline; what ``out``'s encoding cannot hold is backslash-escaped
    (a Windows console redirected to a file, ``PYTHONIOENCODING=ascii``), never an error."""
    line = printable(line) + "\n"
    try:
        out.write(line)
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        out.write(line.encode(encoding, "backslashreplace").decode(encoding))


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


NO_HOME_URL = "no home_url: the page shows no QR code to read it at home"
NO_HOME_URL_ANYWHERE = "note: no page has a home_url, so no page shows a QR code to read at home"


def missing_home_urls(library: Library) -> list[Problem]:
    """A warning for each shown page without a ``home_url``, once any page has one; a page whose
    ``home_url`` was refused already has its warning, naming the rule."""
    pages = [page for deck in library.decks for page in deck.pages]
    if not any(page.home_url for page in pages):
        return []
    refused = {p.path for p in library.problems if p.message.startswith('"home_url"')}
    return [
        Problem(page.source, 1, Severity.WARNING, NO_HOME_URL)
        for page in pages
        if page.home_url is None and page.source not in refused
    ]


def validate_command(
    root: Path, out: TextIO, *, today: dt.date | None = None, heading: str = ""
) -> int:
    """Check the content folder ``root`` and write the report to ``out`` (``heading`` first:
    which folder and why, see :attr:`Target.heading`).

    Returns 0 when there is no error (warnings allowed), 1 otherwise.
    """
    if heading:
        write_line(out, heading)
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
    no_code = missing_home_urls(library)
    problems = sorted(
        [*library.problems, *hard_to_read, *no_code], key=lambda p: (str(p.path), p.line)
    )
    for problem in problems:
        path = _shown_path(problem, library.root, cwd)
        write_line(out, f"{path}:{problem.line}: {problem.severity.value}: {problem.message}")
    if levels:
        write_line(out, "reading level of each page:")
    for page, level in levels:
        path = _shown_path(Problem(page.source, 1, Severity.WARNING, ""), library.root, cwd)
        if level is None:
            verdict = "not measured (no reading-level scale for this language)"
        elif not page.reading_check:
            verdict = f"{level.describe()}, not checked (reading_check: false)"
        else:
            verdict = f"{level.describe()}, {'ok' if level.ok else 'ABOVE TARGET'}"
        write_line(out, f"  {path}: {verdict}")
    if levels and not any(page.home_url for page, _ in levels):
        write_line(out, NO_HOME_URL_ANYWHERE)
    write_line(out, summary_line(library, len(hard_to_read) + len(no_code)))
    return ExitCode.FAILED if library.errors else ExitCode.OK
