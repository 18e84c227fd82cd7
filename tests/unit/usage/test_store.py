"""The daily totals file: sums, limits, damage and folders it cannot write, on real files."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import stat
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.usage.store import (
    MAX_COUNT,
    MAX_DAMAGED_COPIES,
    MAX_KEY_CHARS,
    MAX_KEYS_PER_DAY,
    RECENT_DAYS,
    RETENTION_DAYS,
    USAGE_FILE,
    DailyRow,
    DamagedUsage,
    UsageStore,
    read_rows,
)
from kiosk.usage.table import WINDOWS_DAYS, usage_table
from kiosk.usage.tally import FIXED_KEYS, METRICS
from tests.unit.usage.full_store import fill_to_the_limits

DAY = dt.date(2026, 12, 2)
GUARD_S = 30.0
"""Loose time guard: a freeze fails, a busy machine does not (each case takes well under 2 s)."""


def visit(*slugs: str) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter({("visits", "all"): 1})
    for slug in slugs:
        counts["page_views", slug] += 1
    return counts


def table(path: Path) -> list[tuple[str, str, str, int]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT day, metric, key, count FROM daily ORDER BY 1, 2, 3").fetchall()
    finally:
        conn.close()


def test_counts_add_up_per_day_in_a_private_file(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    assert store.add(visit("a", "b"), DAY)
    assert store.add(visit("a"), DAY)
    assert store.add(visit("a"), DAY + dt.timedelta(days=1))
    assert table(tmp_path / USAGE_FILE) == [
        ("2026-12-02", "page_views", "a", 2),
        ("2026-12-02", "page_views", "b", 1),
        ("2026-12-02", "visits", "all", 2),
        ("2026-12-03", "page_views", "a", 1),
        ("2026-12-03", "visits", "all", 1),
    ]
    assert stat.S_IMODE(os.stat(tmp_path / USAGE_FILE).st_mode) == 0o600
    assert store.rows()[0] == DailyRow(DAY, "page_views", "a", 2)
    assert store.problem == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [USAGE_FILE]  # no temp or journal left


def test_a_new_data_folder_is_private(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "new" / USAGE_FILE)
    assert store.add(visit(), DAY)
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700


def test_a_clock_that_jumps_files_under_another_day(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    for day in (DAY, dt.date(1999, 1, 1), dt.date(9999, 12, 31), DAY):
        assert store.add(visit(), day)
    days = {row.day for row in store.rows()}
    assert days == {DAY, dt.date(9999, 12, 31)}  # 1999 was pruned by the add of 9999 and DAY


def test_old_days_are_pruned(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    oldest_kept = DAY - dt.timedelta(days=RETENTION_DAYS)
    store.add(visit(), oldest_kept - dt.timedelta(days=1))
    store.add(visit(), oldest_kept)
    store.add(visit(), DAY)
    assert sorted({row.day for row in store.rows()}) == [oldest_kept, DAY]


def test_a_hundred_thousand_slugs_fold_into_other(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    started = time.perf_counter()
    assert store.add(visit(*(f"page-{n}" for n in range(100_000))), DAY)
    assert store.add(visit(*(f"more-{n}" for n in range(1_000))), DAY)
    assert store.add(visit("page-1"), DAY)  # a key already held still counts as itself
    assert time.perf_counter() - started < GUARD_S
    rows = store.rows()
    assert len(rows) <= MAX_KEYS_PER_DAY + len(METRICS)
    by_key = {(row.metric, row.key): row.count for row in rows}
    assert by_key["page_views", "page-1"] == 2
    assert sum(c for (m, _), c in by_key.items() if m == "page_views") == 101_001
    assert by_key["page_views", "other"] == 101_001 - MAX_KEYS_PER_DAY - 1
    assert by_key["visits", "all"] == 3
    # the next day starts with room again
    assert store.add(visit("page-99999"), DAY + dt.timedelta(days=1))
    assert DailyRow(DAY + dt.timedelta(days=1), "page_views", "page-99999", 1) in store.rows()


def test_a_full_day_still_counts_visits_and_every_fixed_key(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    assert store.add(Counter({("page_views", f"p{n}"): 1 for n in range(MAX_KEYS_PER_DAY)}), DAY)
    fixed = Counter({(metric, key): 1 for metric, keys in FIXED_KEYS.items() for key in keys})
    assert store.add(fixed + Counter({("language", "es"): 1}), DAY)
    held = {(row.metric, row.key): row.count for row in store.rows()}
    assert all(held[row] == 1 for row in fixed)
    assert ("visits", "other") not in held
    assert held["language", "other"] == 1  # an open key past the day's limit
    assert len(held) == MAX_KEYS_PER_DAY + len(fixed) + 1


def test_a_strange_key_of_a_fixed_metric_is_other(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    strange = Counter({("text_size", "99"): 1, ("visits", "Maria"): 1, ("form", "opened"): 1})
    assert store.add(strange, DAY)
    assert {(row.metric, row.key) for row in store.rows()} == {
        ("text_size", "other"),
        ("visits", "other"),
        ("form", "opened"),
    }


def test_huge_and_strange_keys_are_cut(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    started = time.perf_counter()
    huge = "x" * 10_000_000
    assert store.add(Counter({("page_views", huge): 1, ("page_views", "a\nb\t c"): 1}), DAY)
    assert store.add(Counter({("page_views", "   "): 1, ("language", ""): 1}), DAY)
    assert time.perf_counter() - started < GUARD_S
    keys = {(row.metric, row.key) for row in store.rows()}
    assert keys == {
        ("page_views", "x" * MAX_KEY_CHARS),
        ("page_views", "a b c"),
        ("page_views", "other"),
        ("language", "other"),
    }
    assert os.path.getsize(tmp_path / USAGE_FILE) < 100_000


def test_unknown_metrics_and_bad_counts_are_not_stored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = UsageStore(tmp_path / USAGE_FILE)
    counts: dict[tuple[str, str], int] = {
        ("visitor_name", "Maria"): 1,
        ("page_views", "a"): 0,
        ("page_views", "b"): -3,
        ("page_views", "c"): 2**80,
    }
    with caplog.at_level(logging.WARNING):
        assert store.add(counts, DAY)
    assert store.rows() == [DailyRow(DAY, "page_views", "c", MAX_COUNT)]
    assert store.add({("page_views", "c"): MAX_COUNT}, DAY)
    assert store.rows() == [DailyRow(DAY, "page_views", "c", MAX_COUNT)]
    assert "Maria" not in caplog.text


def test_a_garbage_file_is_set_aside_and_counting_restarts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / USAGE_FILE
    path.write_bytes(os.urandom(100_000))
    with caplog.at_level(logging.ERROR):
        store = UsageStore(path)
    assert store.add(visit("a"), DAY)
    assert (tmp_path / f"{USAGE_FILE}.damaged-1").stat().st_size == 100_000
    assert table(path) == [("2026-12-02", "page_views", "a", 1), ("2026-12-02", "visits", "all", 1)]
    assert store.problem.startswith("Usage counts restarted on ")
    assert "the old file was damaged and kept as usage.sqlite.damaged-1" in store.problem
    assert "damaged" in caplog.text


def test_a_file_of_another_schema_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE visits (at REAL, slug TEXT)")
    conn.execute("INSERT INTO visits VALUES (1.5, 'a')")
    conn.commit()
    conn.close()
    store = UsageStore(path)
    assert store.add(visit(), DAY)
    assert (tmp_path / f"{USAGE_FILE}.damaged-1").exists()
    assert [row.metric for row in store.rows()] == ["visits"]
    with pytest.raises(DamagedUsage):
        read_rows(tmp_path / f"{USAGE_FILE}.damaged-1")


def test_a_file_damaged_while_running_is_set_aside_on_the_next_add(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    store = UsageStore(path)
    assert store.add(visit("a"), DAY)
    path.write_bytes(b"not a database" * 1000)
    assert store.add(visit("b"), DAY)
    assert [(r.metric, r.key) for r in store.rows()] == [("page_views", "b"), ("visits", "all")]
    assert "damaged-1" in store.problem


def test_damaged_copies_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    for number in range(1, MAX_DAMAGED_COPIES + 1):
        (tmp_path / f"{USAGE_FILE}.damaged-{number}").write_bytes(b"old")
    path.write_bytes(b"garbage" * 100)
    (tmp_path / f"{USAGE_FILE}-journal").write_bytes(b"garbage")
    store = UsageStore(path)
    assert store.add(visit(), DAY)
    assert len(list(tmp_path.iterdir())) == MAX_DAMAGED_COPIES + 1
    assert not (tmp_path / f"{USAGE_FILE}-journal").exists()
    assert f"deleted ({MAX_DAMAGED_COPIES} damaged copies are already kept)" in store.problem


def test_side_files_move_aside_with_their_damaged_file(tmp_path: Path) -> None:
    """A fresh file must never meet the damaged one's WAL (SQLite would replay it)."""
    path = tmp_path / USAGE_FILE
    path.write_bytes(b"garbage" * 100)
    (tmp_path / f"{USAGE_FILE}-wal").write_bytes(b"wal")
    store = UsageStore(path)
    assert (tmp_path / f"{USAGE_FILE}.damaged-1-wal").read_bytes() == b"wal"
    assert not (tmp_path / f"{USAGE_FILE}-wal").exists()
    assert store.add(visit(), DAY)


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot create files in (root ignores modes: then /proc)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        (folder / "probe").touch()
    except OSError:
        return folder
    (folder / "probe").unlink()
    if not Path("/proc/self").is_dir():
        pytest.skip("no folder this process cannot write")
    return Path("/proc")


def test_a_read_only_folder_never_raises(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = _read_only_folder(tmp_path)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING):
        store = UsageStore(folder / USAGE_FILE)
        assert not store.add(visit("a"), DAY)
        assert store.rows() == []
    assert time.perf_counter() - started < GUARD_S
    assert store.problem == f"Usage counts cannot be saved in {folder / USAGE_FILE}."
    assert not (folder / USAGE_FILE).exists()


def test_a_read_only_file_never_raises(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    store = UsageStore(path)
    assert store.add(visit(), DAY)
    path.chmod(0o400)
    tmp_path.chmod(0o500)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("this process writes read-only files (root)")
        assert not store.add(visit(), DAY)
        assert "cannot be saved" in store.problem
        assert [row.count for row in store.rows() if row.metric == "visits"] == [1]
    finally:
        tmp_path.chmod(0o700)
    path.chmod(0o600)
    assert store.add(visit(), DAY)  # writable again: counting goes on, the problem is gone
    assert store.problem == ""


def test_a_busy_file_waits_a_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    store = UsageStore(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.perf_counter()
        assert not store.add(visit(), DAY)
        assert time.perf_counter() - started < GUARD_S
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not (tmp_path / f"{USAGE_FILE}.damaged-1").exists()  # busy is not damage
    assert store.add(visit(), DAY)


def test_read_rows_never_creates_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_rows(tmp_path / USAGE_FILE)
    assert not (tmp_path / USAGE_FILE).exists()
    (tmp_path / USAGE_FILE).write_bytes(b"garbage" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        read_rows(tmp_path / USAGE_FILE)


def test_rows_a_hand_edited_file_may_hold_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / USAGE_FILE
    UsageStore(path).add(visit(), DAY)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO daily VALUES ('yesterday', 'visits', 'all', 3)")
    conn.execute("INSERT INTO daily VALUES ('2026-12-01', 'visits', 'all', 'many')")
    conn.commit()
    conn.close()
    assert read_rows(path) == [DailyRow(DAY, "visits", "all", 1)]


def test_a_data_folder_that_is_a_file_never_raises(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    store = UsageStore(tmp_path / "data" / USAGE_FILE)
    assert not store.add(visit(), DAY)
    assert store.rows() == []
    assert "cannot be saved" in store.problem


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(-40, 800),
            st.sampled_from(["visits", "page_views", "language"]),
            st.sampled_from(["a", "b", "other"]),
            st.integers(1, 9),
        ),
        max_size=40,
    ),
    st.integers(-5, 5),
)
def test_table_rows_make_the_same_table_as_every_row(
    tmp_path: Path, visits: list[tuple[int, str, str, int]], shift: int
) -> None:
    path = tmp_path / f"{len(visits)}-{shift}-{time.perf_counter_ns()}.sqlite"
    store = UsageStore(path)
    for age, metric, key, count in visits:
        assert store.add({(metric, key): count}, DAY - dt.timedelta(days=age))
    today = DAY + dt.timedelta(days=shift)
    assert usage_table(store.table_rows(today), today) == usage_table(store.rows(), today)
    assert usage_table(read_rows(path, today), today) == usage_table(read_rows(path), today)
    assert max(WINDOWS_DAYS) <= RECENT_DAYS


def test_a_full_store_reads_for_the_panel_quickly(tmp_path: Path) -> None:
    """Every day kept holding the most keys a day may (366,000 rows, 40 MB): the panel reads
    a month of rows and one sum per key, not every row."""
    store = fill_to_the_limits(tmp_path / USAGE_FILE, DAY)
    started = time.perf_counter()
    rows = store.table_rows(DAY)
    table = usage_table(rows, DAY)
    assert time.perf_counter() - started < GUARD_S
    assert len(rows) <= RECENT_DAYS * MAX_KEYS_PER_DAY + MAX_KEYS_PER_DAY
    assert ("Page views", "page-0", "7", "49", "210", str(7 * (RETENTION_DAYS + 1))) in table.rows
