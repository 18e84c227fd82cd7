"""The usage totals as one table of words: the cells the staff panel shows and the CSV holds.

One row per (metric, key), metrics in :data:`kiosk.usage.tally.METRICS` order and each
metric's keys in their natural order (time buckets shortest first, text sizes 1 to 3, the form
funnel, form questions as the form asks them; any other key alphabetically, ``other`` last).
The visits row is always there, so an empty store reads "0" rather than nothing. Each cell is a
sum over a window of days ending ``today`` and is worded by :func:`shown_count`: a count from 1
to 4 reads "fewer than 5", so a small number never points at one person.

Labels and fixed words are English, marked with :func:`~kiosk.staff.report.QT_TRANSLATE_NOOP`
(context ``StaffReport``) so the panel can translate every cell it knows; the CSV keeps English.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kiosk.staff.report import QT_TRANSLATE_NOOP, UsageTable
from kiosk.usage import tally

if TYPE_CHECKING:  # the store (and sqlite3) loads with the first count kept, not at start-up
    from kiosk.usage.store import DailyRow

SMALL_COUNT = 5
"""Counts below this (but above 0) are shown as "fewer than 5"."""
FEWER_THAN_SMALL = QT_TRANSLATE_NOOP("StaffReport", "fewer than 5")
WINDOWS_DAYS = (1, 7, 30)
"""The recent windows shown (days ending today), before the column of every day kept."""

HEADER = (
    QT_TRANSLATE_NOOP("StaffReport", "What"),
    QT_TRANSLATE_NOOP("StaffReport", "Which"),
    QT_TRANSLATE_NOOP("StaffReport", "Today"),
    QT_TRANSLATE_NOOP("StaffReport", "Last 7 days"),
    QT_TRANSLATE_NOOP("StaffReport", "Last 30 days"),
    QT_TRANSLATE_NOOP("StaffReport", "All days kept"),
)

LABELS = {
    tally.VISITS: QT_TRANSLATE_NOOP("StaffReport", "Visits"),
    tally.PAGE_VIEWS: QT_TRANSLATE_NOOP("StaffReport", "Page views"),
    tally.TIME_ON_PAGE: QT_TRANSLATE_NOOP("StaffReport", "Time on a page"),
    tally.LANGUAGE: QT_TRANSLATE_NOOP("StaffReport", "Language"),
    tally.TEXT_SIZE: QT_TRANSLATE_NOOP("StaffReport", "Text size"),
    tally.CONTRAST: QT_TRANSLATE_NOOP("StaffReport", "Contrast"),
    tally.READ_ALOUD: QT_TRANSLATE_NOOP("StaffReport", "Read aloud"),
    tally.FORM: QT_TRANSLATE_NOOP("StaffReport", "Visit form"),
    tally.FORM_ABANDONED_AT: QT_TRANSLATE_NOOP("StaffReport", "Form left at question"),
}
"""The "What" column for each metric, in plain English."""

KEY_WORDS = (
    QT_TRANSLATE_NOOP("StaffReport", "all"),
    QT_TRANSLATE_NOOP("StaffReport", "other"),
    QT_TRANSLATE_NOOP("StaffReport", "none"),
    QT_TRANSLATE_NOOP("StaffReport", "used"),
    QT_TRANSLATE_NOOP("StaffReport", "high"),
    QT_TRANSLATE_NOOP("StaffReport", "standard"),
    QT_TRANSLATE_NOOP("StaffReport", "opened"),
    QT_TRANSLATE_NOOP("StaffReport", "sent"),
    QT_TRANSLATE_NOOP("StaffReport", "abandoned"),
    QT_TRANSLATE_NOOP("StaffReport", "under 10 s"),
    QT_TRANSLATE_NOOP("StaffReport", "10-30 s"),
    QT_TRANSLATE_NOOP("StaffReport", "30-60 s"),
    QT_TRANSLATE_NOOP("StaffReport", "1-3 min"),
    QT_TRANSLATE_NOOP("StaffReport", "over 3 min"),
)
"""The fixed words of the "Which" column, marked for the panel's translation (page slugs and
language codes are shown as they are)."""

FORM_QUESTIONS = (
    "name",
    "phone",
    "email",
    "best_time",
    "location",
    "pain_areas",
    "duration",
    "consent",
)
"""The form's questions in the order it asks them."""

KEY_ORDER: dict[str, tuple[str, ...]] = {
    **tally.FIXED_KEYS,
    tally.FORM_ABANDONED_AT: (tally.NONE, *FORM_QUESTIONS),
}
"""Keys listed in this order when present; any other key follows alphabetically."""


def shown_count(count: int) -> str:
    """A count as the panel and the CSV show it: "0", "fewer than 5", "12"."""
    if count <= 0:
        return "0"
    return FEWER_THAN_SMALL if count < SMALL_COUNT else str(count)


def _sort_key(metric: str, key: str) -> tuple[int, int, int, str]:
    known = KEY_ORDER.get(metric, ())
    rank = known.index(key) if key in known else len(known)
    return (tally.METRICS.index(metric), rank, key == tally.OTHER, key)


def usage_table(rows: Iterable[DailyRow], today: dt.date, *, note: str = "") -> UsageTable:
    """The cells for ``rows`` seen on ``today``; ``note`` is the store's problem, if any."""
    sums: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 4)
    sums[tally.VISITS, tally.ALL] = [0] * 4
    for row in rows:
        if row.metric not in LABELS:
            continue
        cells = sums[row.metric, row.key]
        age = (today - row.day).days
        for column, days in enumerate(WINDOWS_DAYS):
            if 0 <= age < days:
                cells[column] += row.count
        cells[-1] += row.count
    return UsageTable(
        header=HEADER,
        rows=tuple(
            (LABELS[metric], key, *(shown_count(total) for total in sums[metric, key]))
            for metric, key in sorted(sums, key=lambda row: _sort_key(*row))
        ),
        note=note,
    )
