"""The panel's cells: windows of days, a fixed order, plain labels and "fewer than 5"."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.usage import table as table_module
from kiosk.usage import tally
from kiosk.usage.store import DailyRow
from kiosk.usage.table import (
    FEWER_THAN_SMALL,
    HEADER,
    KEY_WORDS,
    LABELS,
    SMALL_COUNT,
    shown_count,
    usage_table,
)

TODAY = dt.date(2026, 12, 2)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_shown_count_hides_small_numbers() -> None:
    assert [shown_count(n) for n in (0, 1, 2, 3, 4, 5, 6, 1234)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "5",
        "6",
        "1234",
    ]
    assert shown_count(-7) == "0"
    assert SMALL_COUNT == 5


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_no_shown_count_names_a_number_below_five(count: int) -> None:
    shown = shown_count(count)
    assert shown in ("0", "fewer than 5") or int(shown) >= SMALL_COUNT


def test_windows_of_days_end_today() -> None:
    rows = [
        DailyRow(TODAY, "visits", "all", 10),
        DailyRow(ago(6), "visits", "all", 20),
        DailyRow(ago(7), "visits", "all", 40),
        DailyRow(ago(29), "visits", "all", 80),
        DailyRow(ago(30), "visits", "all", 160),
        DailyRow(TODAY + dt.timedelta(days=3), "visits", "all", 320),  # a clock set back
    ]
    table = usage_table(rows, TODAY)
    assert table.header == HEADER
    assert table.header == (
        "What",
        "Which",
        "Today",
        "Last 7 days",
        "Last 30 days",
        "All days kept",
    )
    assert table.rows == (("Visits", "all", "10", "30", "150", "630"),)
    assert table.note == ""


def test_rows_follow_a_fixed_order_with_plain_labels() -> None:
    rows = [
        DailyRow(TODAY, "form_abandoned_at", "phone", 5),
        DailyRow(TODAY, "form_abandoned_at", "name", 5),
        DailyRow(TODAY, "form_abandoned_at", "none", 5),
        DailyRow(TODAY, "form", "abandoned", 5),
        DailyRow(TODAY, "form", "opened", 9),
        DailyRow(TODAY, "form", "sent", 5),
        DailyRow(TODAY, "text_size", "3", 5),
        DailyRow(TODAY, "text_size", "1", 5),
        DailyRow(TODAY, "time_on_page", "over 3 min", 5),
        DailyRow(TODAY, "time_on_page", "under 10 s", 5),
        DailyRow(TODAY, "time_on_page", "1-3 min", 5),
        DailyRow(TODAY, "page_views", "other", 5),
        DailyRow(TODAY, "page_views", "zebra", 5),
        DailyRow(TODAY, "page_views", "hip", 5),
        DailyRow(TODAY, "contrast", "high", 5),
        DailyRow(TODAY, "contrast", "standard", 5),
        DailyRow(TODAY, "read_aloud", "used", 5),
        DailyRow(TODAY, "language", "es", 5),
        DailyRow(TODAY, "visits", "all", 9),
        DailyRow(TODAY, "no_such_metric", "x", 5),  # a hand-edited file: not shown
    ]
    table = usage_table(rows, TODAY, note="Usage counts restarted on 2026-12-02.")
    assert [(row[0], row[1]) for row in table.rows] == [
        ("Visits", "all"),
        ("Page views", "hip"),
        ("Page views", "zebra"),
        ("Page views", "other"),
        ("Time on a page", "under 10 s"),
        ("Time on a page", "1-3 min"),
        ("Time on a page", "over 3 min"),
        ("Language", "es"),
        ("Text size", "1"),
        ("Text size", "3"),
        ("Contrast", "standard"),
        ("Contrast", "high"),
        ("Read aloud", "used"),
        ("Visit form", "opened"),
        ("Visit form", "sent"),
        ("Visit form", "abandoned"),
        ("Form left at question", "none"),
        ("Form left at question", "name"),
        ("Form left at question", "phone"),
    ]
    assert table.note == "Usage counts restarted on 2026-12-02."
    assert all(len(row) == len(HEADER) for row in table.rows)


def test_every_metric_has_a_label_and_every_fixed_key_is_marked() -> None:
    assert set(LABELS) == set(tally.METRICS)
    fixed = {
        tally.ALL,
        tally.OTHER,
        tally.NONE,
        tally.USED,
        tally.HIGH,
        tally.STANDARD,
        tally.OPENED,
        tally.SENT,
        tally.ABANDONED,
        *tally.BUCKETS,
    }
    assert fixed == set(KEY_WORDS)
    assert {key for keys in tally.FIXED_KEYS.values() for key in keys} - {"1", "2", "3"} <= fixed


def test_an_empty_store_still_shows_visits() -> None:
    assert usage_table([], TODAY).rows == (("Visits", "all", "0", "0", "0", "0"),)


def test_a_full_store_builds_quickly() -> None:
    """Two years of full days (the store's limits) become a table in well under the guard."""
    rows = [
        DailyRow(ago(day), "page_views", f"page-{key}", 3)
        for day in range(0, 731, 7)
        for key in range(500)
    ]
    started = time.perf_counter()
    table = usage_table(rows, TODAY)
    assert time.perf_counter() - started < 30
    assert len(table.rows) == 501


def test_lupdate_collects_every_word_of_the_table(tmp_path: Path) -> None:
    """The panel translates each cell in context StaffReport: lupdate must see them all."""
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    ts = tmp_path / "usage.ts"
    subprocess.run(
        [lupdate, table_module.__file__, "-ts", str(ts)], check=True, capture_output=True
    )
    collected = {
        message.findtext("source")
        for context in ET.parse(ts).getroot().iter("context")
        if context.findtext("name") == "StaffReport"
        for message in context.iter("message")
    }
    words = {*HEADER, *LABELS.values(), *KEY_WORDS, FEWER_THAN_SMALL}
    assert words <= collected, words - collected
