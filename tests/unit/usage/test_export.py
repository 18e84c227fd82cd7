"""The CSV export: the panel's cells exactly, never a formula, saved whole or not at all."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.staff.report import UsageTable
from kiosk.usage.export import (
    MAX_ENTRIES_LOOKED_AT,
    MAX_EXPORT_FOLDERS,
    csv_text,
    export_csv,
    export_folders,
    mounted_folders,
)
from kiosk.usage.store import DailyRow
from kiosk.usage.table import usage_table

TODAY = dt.date(2026, 12, 2)
GUARD_S = 30.0


def sample() -> UsageTable:
    rows = [
        DailyRow(TODAY, "visits", "all", 12),
        DailyRow(TODAY, "page_views", 'hip, "joint"\nnew line', 7),
        DailyRow(TODAY, "page_views", '=HYPERLINK("http://x")', 2),
        DailyRow(TODAY, "page_views", "+1", 9),
        DailyRow(TODAY, "page_views", "-1", 9),
        DailyRow(TODAY, "page_views", "@SUM(A1)", 9),
        DailyRow(TODAY, "language", "es", 3),
    ]
    return usage_table(rows, TODAY, note="a note is not a cell")


def parsed(text: str) -> list[tuple[str, ...]]:
    return [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]


def unformula(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def test_csv_holds_exactly_the_panel_cells() -> None:
    table = sample()
    text = csv_text(table)
    cells = parsed(text)
    assert cells[0] == table.header
    assert [tuple(unformula(c) for c in row) for row in cells[1:]] == list(table.rows)
    assert text.endswith("\r\n") and text.count("\r\n") == len(table.rows) + 1  # RFC 4180
    assert "a note is not a cell" not in text


def test_formula_cells_are_text() -> None:
    cells = [cell for row in parsed(csv_text(sample())) for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+1" in cells and "'-1" in cells and "'@SUM(A1)" in cells
    assert "1-3 min" not in cells  # not shown here; a dash inside a cell is left alone
    assert 'hip, "joint"\nnew line' in cells


@given(
    st.lists(
        st.tuples(st.text(max_size=30), st.text(max_size=30)),
        max_size=20,
    )
)
def test_any_cells_survive_the_round_trip(pairs: list[tuple[str, str]]) -> None:
    table = UsageTable(header=("What", "Which"), rows=tuple(pairs))
    back = parsed(csv_text(table))
    formula = ("=", "+", "-", "@", "\t", "\r")
    expected = [tuple(f"'{c}" if c.startswith(formula) else c for c in row) for row in table.rows]
    assert back[0] == table.header
    assert back[1:] == expected


def test_export_writes_a_private_file_named_for_the_day(tmp_path: Path) -> None:
    table = sample()
    path = export_csv(table, tmp_path, today=TODAY)
    assert path == tmp_path / "hip-kiosk-usage-2026-12-02.csv"
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read the accents
    assert data.decode("utf-8-sig") == csv_text(table)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = export_csv(usage_table([], TODAY), tmp_path, today=TODAY)
    assert again == path and "Page views" not in path.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary left


def test_export_to_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(OSError, match=r"is not there\. Is the USB stick plugged in"):
        export_csv(sample(), tmp_path / "gone", today=TODAY)
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError, match="is not a folder"):
        export_csv(sample(), tmp_path / "file", today=TODAY)


def test_export_to_a_read_only_folder_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        (folder / "probe").touch()
    except OSError:
        pass
    else:  # root writes anywhere it may; /proc refuses new files even to root
        (folder / "probe").unlink()
        folder = Path("/proc")
        if not folder.is_dir():
            pytest.skip("no folder this process cannot write")
    with pytest.raises(OSError, match=r"cannot be saved in .*read-only"):
        export_csv(sample(), folder, today=TODAY)
    assert not (folder / "hip-kiosk-usage-2026-12-02.csv").exists()


def test_mounted_folders_are_bounded_and_one_level(tmp_path: Path) -> None:
    media = tmp_path / "media"
    for n in range(MAX_ENTRIES_LOOKED_AT * 4):
        (media / f"stick{n:04d}" / "deep").mkdir(parents=True)
    (media / "a-file").write_text("x")
    seen: list[Path] = []

    def is_mount(path: Path) -> bool:
        seen.append(path)
        return True

    started = time.perf_counter()
    found = mounted_folders([media, tmp_path / "missing", media], is_mount=is_mount)
    assert time.perf_counter() - started < GUARD_S
    assert len(found) == MAX_EXPORT_FOLDERS
    assert found == sorted(found) and len(set(found)) == len(found)
    assert all(path.parent == media for path in seen)  # never below a mount folder
    assert len(seen) <= MAX_ENTRIES_LOOKED_AT * 2


def test_only_mount_points_count(tmp_path: Path) -> None:
    (tmp_path / "stick").mkdir()
    (tmp_path / "plain").mkdir()
    found = mounted_folders([tmp_path], is_mount=lambda path: path.name == "stick")
    assert found == [tmp_path / "stick"]
    assert mounted_folders([tmp_path]) == []  # nothing under tmp_path is really mounted


def test_export_folders_on_this_machine_answers_quickly() -> None:
    started = time.perf_counter()
    folders = export_folders()
    assert time.perf_counter() - started < GUARD_S
    assert len(folders) <= MAX_EXPORT_FOLDERS
    assert all(path.is_dir() for path in folders)
