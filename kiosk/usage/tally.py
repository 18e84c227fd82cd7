"""One visit's usage, counted in memory while it lasts and handed over as totals when it ends.

A visit starts when the kiosk leaves a quiet screen (:attr:`kiosk.session.Screen.quiet`: the
attract or out-of-service screen) and ends when it returns to one. While it lasts,
:class:`VisitTally` keeps only what the daily totals need (which pages were shown and for how
long in a coarse bucket, the languages, the largest text size, whether high contrast, read
aloud or the form were used, and the last form question touched); at the end it returns the
visit's counts as one :class:`~collections.Counter` and forgets the visit, so nothing about it
outlives the moment its counts are added to the day's totals. Nothing a patient types is ever
seen here: a form question is named by its field key, and a key that does not look like one
counts as ``other``.

The metric and key names below are the stored vocabulary; :mod:`kiosk.usage.table` gives each
metric its English label.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.session import TEXT_STEPS, Screen, View

Counts = Counter[tuple[str, str]]
"""(metric, key) -> how many."""

VISITS = "visits"
PAGE_VIEWS = "page_views"
TIME_ON_PAGE = "time_on_page"
LANGUAGE = "language"
TEXT_SIZE = "text_size"
CONTRAST = "contrast"
READ_ALOUD = "read_aloud"
FORM = "form"
FORM_ABANDONED_AT = "form_abandoned_at"
METRICS = (
    VISITS,
    PAGE_VIEWS,
    TIME_ON_PAGE,
    LANGUAGE,
    TEXT_SIZE,
    CONTRAST,
    READ_ALOUD,
    FORM,
    FORM_ABANDONED_AT,
)
"""Every metric, in the order the staff panel lists them; the store keeps no other."""

ALL = "all"
OTHER = "other"
"""The key for anything that cannot be told apart (a strange form key, keys past a limit)."""
NONE = "none"
"""``form_abandoned_at`` when the form was left before any question was touched."""
USED = "used"
HIGH = "high"
STANDARD = "standard"
OPENED = "opened"
SENT = "sent"
ABANDONED = "abandoned"

TIME_BUCKETS: tuple[tuple[float, str], ...] = (
    (10.0, "under 10 s"),
    (30.0, "10-30 s"),
    (60.0, "30-60 s"),
    (180.0, "1-3 min"),
)
"""(upper limit in seconds, bucket) for the time on a page, shortest first; longer than the
last limit is :data:`LONGEST_BUCKET`. Coarse on purpose: a time never narrows down a visit."""
LONGEST_BUCKET = "over 3 min"
BUCKETS = (*(name for _, name in TIME_BUCKETS), LONGEST_BUCKET)
"""Every ``time_on_page`` key, shortest first."""

TEXT_SIZES = tuple(str(step) for step in range(1, TEXT_STEPS + 1))
FIXED_KEYS: dict[str, tuple[str, ...]] = {
    VISITS: (ALL,),
    TIME_ON_PAGE: BUCKETS,
    TEXT_SIZE: TEXT_SIZES,
    CONTRAST: (STANDARD, HIGH),
    READ_ALOUD: (USED,),
    FORM: (OPENED, SENT, ABANDONED),
}
"""The keys of each metric with a fixed vocabulary, in their natural order; the other metrics
(page slugs, language codes, form questions) take their keys from the content and the form."""

FORM_KEY = re.compile(r"[a-z_]{1,32}")
"""What a form question key looks like (``best_time``); anything else counts as ``other``."""


def time_bucket(seconds: float) -> str:
    """The bucket for a time on a page; a negative time (a clock fault) is "under 10 s"."""
    for limit, name in TIME_BUCKETS:
        if seconds < limit:
            return name
    return LONGEST_BUCKET


@dataclass
class _Visit:
    """What one visit has done so far; dropped when the visit ends."""

    counts: Counts = field(default_factory=Counter)
    languages: set[str] = field(default_factory=set)
    largest_text_step: int = 1
    high_contrast: bool = False
    read_aloud: bool = False
    form_opened: bool = False
    form_sent: bool = False
    last_question: str = NONE
    page: str | None = None
    """The slug of the page on screen, while a page is shown."""
    page_since: float = 0.0


class VisitTally:
    """Follows the screens of one visit at a time and returns its counts when it ends."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._visit: _Visit | None = None

    def follow_view(self, view: View) -> Counts | None:
        """Take the view now on screen; at the end of a visit, that visit's counts."""
        if view.screen.quiet:
            ended, self._visit = self._visit, None  # forgotten here, whatever happens next
            return None if ended is None else self._totals(ended)
        if self._visit is None:
            self._visit = _Visit()
        self._follow(self._visit, view)
        return None

    def read_aloud_used(self) -> None:
        """The patient had a page or the form read aloud."""
        if self._visit is not None:
            self._visit.read_aloud = True

    def form_question(self, key: str) -> None:
        """The patient touched this form question (a field key such as ``phone``)."""
        if self._visit is not None:
            self._visit.last_question = key if FORM_KEY.fullmatch(key) else OTHER

    def _follow(self, visit: _Visit, view: View) -> None:
        if view.deck is not None:
            visit.languages.add(view.deck.language)
        visit.largest_text_step = max(visit.largest_text_step, view.look.text_step)
        visit.high_contrast |= view.look.high_contrast
        if view.screen is Screen.REQUEST_FORM:
            visit.form_opened = True
        elif view.screen is Screen.THANK_YOU:
            visit.form_sent = True
        page = view.page
        slug = page.slug if view.screen is Screen.PAGE and page is not None else None
        if slug != visit.page:  # the same page in another look or language is one page view
            self._leave_page(visit)
            if slug is not None:
                visit.counts[PAGE_VIEWS, slug] += 1
                visit.page, visit.page_since = slug, self._clock()

    def _leave_page(self, visit: _Visit) -> None:
        if visit.page is not None:
            visit.counts[TIME_ON_PAGE, time_bucket(self._clock() - visit.page_since)] += 1
            visit.page = None

    def _totals(self, visit: _Visit) -> Counts:
        self._leave_page(visit)
        counts = visit.counts
        counts[VISITS, ALL] = 1
        for language in visit.languages:
            counts[LANGUAGE, language] += 1
        counts[TEXT_SIZE, str(visit.largest_text_step)] = 1
        counts[CONTRAST, HIGH if visit.high_contrast else STANDARD] = 1
        if visit.read_aloud:
            counts[READ_ALOUD, USED] = 1
        if visit.form_opened or visit.form_sent:
            counts[FORM, OPENED] = 1
        if visit.form_sent:
            counts[FORM, SENT] = 1
        elif visit.form_opened:
            counts[FORM, ABANDONED] = 1
            counts[FORM_ABANDONED_AT, visit.last_question] = 1
        return counts
