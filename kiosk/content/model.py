"""The content model: immutable pages, decks and the problems found while loading them.

Everything here is plain Python so the loader, the validator CLI and the tests run without Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(Enum):
    """How bad a content problem is: errors must be fixed (most leave the page out; a picture
    that cannot be used leaves only the picture out), warnings only inform."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, located for staff as ``path:line``."""

    path: Path
    line: int
    severity: Severity
    message: str

    def format(self, relative_to: Path | None = None) -> str:
        """Render as ``path:line: error|warning: message`` (the validator's output format)."""
        shown = self.path
        if relative_to is not None:
            try:
                shown = self.path.relative_to(relative_to)
            except ValueError:
                shown = self.path
        return f"{shown}:{self.line}: {self.severity.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class Page:
    """One validated page of the deck."""

    slug: str
    """Stable identifier from the file name (``03-hip-joint.md`` -> ``hip-joint``)."""
    order: int
    """The ``NN`` prefix of the file name; pages are shown in this order."""
    title: str
    icon: str
    """A qtawesome icon name such as ``mdi6.bone``."""
    illustration: Path | None
    """Absolute path of a usable picture inside the content folder; None when the picture
    could not be used (reported as an error), so the page is shown without it."""
    alt: str
    """Alternative text describing the illustration (read out by screen readers)."""
    review: dt.date
    """The date by which staff should re-read the page."""
    body_markdown: str
    source: Path
    """The Markdown file this page came from."""
    chapter: str | None = None
    """Optional chapter id declared in the language's ``deck.yml``."""
    summary: str = ""
    """Optional one-line teaser shown on the topic-menu tile."""
    body_line: int = 1
    """File line where the Markdown body starts (for problems about the text as a whole)."""
    reading_check: bool = True
    """False exempts the page from the reading-level target (e.g. a list of references)."""
    home_url: str | None = None
    """The clinic's public web page on the same topic (``https://``, checked by
    :func:`kiosk.content.pagefile.home_url_problem`), shown as a QR code to read at home; None:
    no code."""


@dataclass(frozen=True, slots=True)
class Chapter:
    """A group of pages on the topic menu, declared in ``deck.yml``."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Deck:
    """All usable pages of one language, in display order."""

    language: str
    """Language code, the folder name (``en``, ``es``)."""
    language_name: str
    """The language's own name for its button (``English``, ``Español``)."""
    pages: tuple[Page, ...]
    chapters: tuple[Chapter, ...] = ()
    welcome_title: str = ""
    """Large headline on the attract screen."""
    welcome_text: str = ""
    """One short sentence under the headline on the attract screen."""
    attract_illustration: Path | None = None
    visit_page: str | None = None
    """Slug of the page the "Request a visit" button leads to."""
    location_names: tuple[tuple[str, str], ...] = ()
    """(clinic location as configured, its name in this language) for the visit form."""
    callback_text: str = ""
    """The thank-you screen's sentence about the clinic's call; empty: the built-in one."""

    def location_name(self, location: str) -> str:
        """How the visit form shows ``location`` in this language (as configured if unnamed)."""
        return dict(self.location_names).get(location, location)

    @property
    def request_visit_slug(self) -> str | None:
        """Where "Request a visit" leads: ``visit_page``, else the last page."""
        if self.visit_page:
            return self.visit_page
        return self.pages[-1].slug if self.pages else None

    def page(self, slug: str) -> Page | None:
        """The page with this slug, or None."""
        for page in self.pages:
            if page.slug == slug:
                return page
        return None

    def index_of(self, slug: str) -> int:
        """Position of the page with this slug; raises KeyError if absent."""
        for index, page in enumerate(self.pages):
            if page.slug == slug:
                return index
        raise KeyError(slug)


@dataclass(frozen=True, slots=True)
class Library:
    """The whole content folder: one deck per usable language plus every problem found."""

    root: Path
    decks: tuple[Deck, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def usable(self) -> bool:
        """True when at least one language has at least one page to show."""
        return any(deck.pages for deck in self.decks)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def deck(self, language: str) -> Deck | None:
        for deck in self.decks:
            if deck.language == language:
                return deck
        return None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(deck.language for deck in self.decks if deck.pages)
