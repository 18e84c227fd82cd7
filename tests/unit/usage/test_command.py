"""``kiosk usage``: the same cells as the panel, read-only, plain words when it cannot read."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import logging
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kiosk.usage.command import add_arguments, text_table, usage
from kiosk.usage.store import USAGE_FILE, UsageStore
from kiosk.usage.table import usage_table
from tests.paths import REPO


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kiosk usage")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def fill(data_dir: Path) -> UsageStore:
    store = UsageStore(data_dir / USAGE_FILE)
    for _ in range(7):
        store.add(
            Counter({("visits", "all"): 1, ("page_views", "=cmd|' /C calc'!A0"): 1}),
            dt.date.today(),
        )
    store.add(Counter({("visits", "all"): 1, ("language", "es"): 1}), dt.date.today())
    return store


def test_text_table_is_aligned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(tmp_path)
    assert usage(parse("--data-dir", str(tmp_path))) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("  ")[0] == "What"
    assert lines[1].startswith("Visits")
    assert lines[1].endswith("  8")
    widths = {len(line) for line in lines}
    assert len(widths) == 1  # every count column right-aligned to the same edge


def test_csv_is_the_panel_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = fill(tmp_path)
    assert usage(parse("--data-dir", str(tmp_path), "--csv")) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "\r\n" in captured.out and "\r\r" not in captured.out
    panel = usage_table(store.rows(), dt.date.today())
    cells = list(csv.reader(io.StringIO(captured.out)))
    assert [tuple(row) for row in cells] == [
        panel.header,
        *(tuple(f"'{c}" if c.startswith("=") else c for c in row) for row in panel.rows),
    ]


def test_no_file_yet_is_an_empty_table_and_the_file_is_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert usage(parse("--data-dir", str(tmp_path))) == 0
    out = capsys.readouterr().out
    assert "No usage counts yet" in out
    assert out.splitlines()[1].split() == ["Visits", "all", "0", "0", "0", "0"]
    assert not (tmp_path / USAGE_FILE).exists()
    assert usage(parse("--data-dir", str(tmp_path), "--csv")) == 0
    captured = capsys.readouterr()
    assert "No usage counts yet" in captured.err and "No usage" not in captured.out
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_file_is_exit_1_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / USAGE_FILE).write_bytes(b"garbage" * 1000)
    assert usage(parse("--data-dir", str(tmp_path))) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "is damaged" in captured.err and "next start" in captured.err
    assert (tmp_path / USAGE_FILE).read_bytes() == b"garbage" * 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == [USAGE_FILE]


def test_another_schema_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(tmp_path / USAGE_FILE)
    conn.execute("CREATE TABLE requests (id TEXT)")
    conn.commit()
    conn.close()
    assert usage(parse("--data-dir", str(tmp_path), "--csv")) == 1
    assert "requests instead of usage counts" in capsys.readouterr().err


def test_the_data_folder_comes_from_the_settings_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    fill(data_dir)
    config = tmp_path / "kiosk.toml"
    config.write_text(f"data_dir = {str(data_dir)!r}\n", encoding="utf-8")
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        assert usage(parse("--config", str(config))) == 0
    finally:  # the command logs to the console; later tests must not write to this capture
        root.handlers[:] = handlers
        root.setLevel(level)
    assert "es" in capsys.readouterr().out


def test_text_table_of_no_rows() -> None:
    table = usage_table([], dt.date(2026, 12, 2))
    assert text_table(table).count("\n") == 2


def test_the_command_line_loads_light_and_the_core_loads_no_qt() -> None:
    """``kiosk --help`` builds this command's parser: that loads no table, store or report;
    the whole usage core never loads Qt."""
    code = (
        "import sys\n"
        "import kiosk.usage.command\n"
        "light = not any(m in sys.modules for m in "
        "('kiosk.staff.report', 'kiosk.usage.store', 'kiosk.usage.table'))\n"
        "import kiosk.usage.recorder, kiosk.usage.export, kiosk.usage.table\n"
        "print(light, 'PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=REPO,
    )
    assert result.stdout.split() == ["True", "False"]
