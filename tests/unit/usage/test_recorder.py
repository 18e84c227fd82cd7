"""Anonymous by construction: visits on the bundled pages, then the SQLite file read directly."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path

from kiosk.content.model import Library
from kiosk.content.source import load_content
from kiosk.session import Session, View
from kiosk.usage.export import csv_text, export_csv
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.store import USAGE_FILE, UsageStore
from kiosk.usage.table import usage_table
from tests.paths import BUNDLED_CONTENT

DAY = dt.date(2026, 12, 2)
PATIENT = "Maria Lopez 555-0100"
"""Something a patient might type: it must never reach the file."""


@cache
def bundled() -> Library:
    return load_content(BUNDLED_CONTENT)


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def walk(recorder: UsageRecorder, clock: Clock, *, form: bool) -> None:
    """One visit: two pages, Spanish, larger text, read aloud, the form left or sent."""
    session = Session(bundled(), "en", request_form=True)
    steps: list[Callable[[], View]] = [
        session.start,
        session.next,
        session.next,
        lambda: session.set_language("es"),
        session.larger_text,
        session.request_visit,
    ]
    for step in steps:
        clock.now += 12
        recorder.follow_view(step())
    recorder.read_aloud_used()
    recorder.form_question("phone")
    recorder.form_question(PATIENT)  # a UI bug passing a typed value: counted as "other"
    if form:
        recorder.follow_view(session.request_sent())
    recorder.follow_view(session.reset())


def stored(path: Path) -> tuple[list[tuple[str, str]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        schema = conn.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()
        rows = conn.execute("SELECT * FROM daily ORDER BY day, metric, key").fetchall()
    finally:
        conn.close()
    return schema, rows


def test_nothing_finer_than_a_day_or_a_visit_is_stored(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    days = iter([DAY, DAY, DAY + dt.timedelta(days=1)])
    clock = Clock()
    recorder = UsageRecorder(UsageStore(path), today=lambda: next(days), clock=clock)
    walk(recorder, clock, form=False)
    walk(recorder, clock, form=False)  # the same visit again: the same rows, counts of 2
    walk(recorder, clock, form=True)  # the next day
    schema, rows = stored(path)
    assert schema == [("table", "daily"), ("index", "sqlite_autoindex_daily_1")]
    conn = sqlite3.connect(path)
    columns = [(row[1], row[2]) for row in conn.execute("PRAGMA table_info(daily)")]
    conn.close()
    assert columns == [("day", "TEXT"), ("metric", "TEXT"), ("key", "TEXT"), ("count", "INTEGER")]
    for day, metric, key, count in rows:
        assert isinstance(day, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day)
        assert isinstance(count, int) and count > 0
        assert isinstance(metric, str) and isinstance(key, str)
        assert not re.search(r"\d{1,2}:\d{2}", key), key  # no time of day in any key
    first = {(metric, key): count for day, metric, key, count in rows if day == "2026-12-02"}
    assert first == {
        ("visits", "all"): 2,
        ("page_views", "welcome"): 2,
        ("page_views", "where-it-hurts"): 2,
        ("time_on_page", "10-30 s"): 2,  # the first page
        ("time_on_page", "30-60 s"): 2,  # the second, read on in Spanish and larger
        ("language", "en"): 2,
        ("language", "es"): 2,
        ("text_size", "2"): 2,
        ("contrast", "standard"): 2,
        ("read_aloud", "used"): 2,
        ("form", "opened"): 2,
        ("form", "abandoned"): 2,
        ("form_abandoned_at", "other"): 2,
    }
    second = {(metric, key): count for day, metric, key, count in rows if day == "2026-12-03"}
    assert second["form", "sent"] == 1 and ("form", "abandoned") not in second
    data = path.read_bytes()
    assert PATIENT.encode() not in data and b"Maria" not in data


def test_the_panel_and_the_csv_show_the_same_cells(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    clock = Clock()
    recorder = UsageRecorder(store, today=lambda: DAY, clock=clock)
    for _ in range(6):
        walk(recorder, clock, form=True)
    table = recorder.table()
    assert table == usage_table(store.rows(), DAY)
    assert ("Visits", "all", "6", "6", "6", "6") in table.rows
    assert ("Read aloud", "used", "6", "6", "6", "6") in table.rows
    assert ("Language", "es", "6", "6", "6", "6") in table.rows
    exported = export_csv(table, tmp_path, today=DAY).read_bytes().decode("utf-8-sig")
    assert exported == csv_text(table)
    cells = [tuple(row) for row in csv.reader(io.StringIO(exported, newline=""))]
    assert cells == [table.header, *table.rows]  # no bundled slug looks like a formula


def test_small_counts_never_show_as_numbers(tmp_path: Path) -> None:
    clock = Clock()
    recorder = UsageRecorder(UsageStore(tmp_path / USAGE_FILE), today=lambda: DAY, clock=clock)
    walk(recorder, clock, form=True)
    table = recorder.table()
    assert {cell for row in table.rows for cell in row[2:]} == {"fewer than 5"}


def test_without_a_store_visits_are_followed_and_forgotten() -> None:
    clock = Clock()
    recorder = UsageRecorder(None, today=lambda: DAY, clock=clock)
    walk(recorder, clock, form=False)
    assert recorder.table() == usage_table([], DAY)


def test_a_store_that_cannot_write_never_stops_a_visit(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the data folder should be")
    store = UsageStore(tmp_path / "data" / USAGE_FILE)
    clock = Clock()
    recorder = UsageRecorder(store, today=lambda: DAY, clock=clock)
    walk(recorder, clock, form=True)
    table = recorder.table()
    assert table.rows == (("Visits", "all", "0", "0", "0", "0"),)
    assert table.note == store.problem != ""


def test_the_note_says_why_counting_restarted(tmp_path: Path) -> None:
    (tmp_path / USAGE_FILE).write_bytes(b"garbage" * 100)
    recorder = UsageRecorder(UsageStore(tmp_path / USAGE_FILE), today=lambda: DAY)
    assert "the old file was damaged and kept as usage.sqlite.damaged-1" in recorder.table().note
