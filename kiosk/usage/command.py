"""``kiosk usage [--csv]``: the daily usage totals, as the staff panel shows them.

Reads ``<data_dir>/usage.sqlite`` read-only (it never creates the file: before the first visit
there is none, and that is an empty table with a note). The data folder is found like ``kiosk
outbox status`` finds it: ``--data-dir``, else the settings file's, else the platform's. Prints
an aligned text table, or with ``--csv`` the very CSV the panel exports (notes then go to
stderr, so the output can be saved as a file). Exit 0, or 1 when the file cannot be read.

:func:`add_arguments` is light: ``kiosk --help`` builds every command's parser, so the table,
the store and the report types load only when the command runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import lookup_order_text
from kiosk.exit_codes import ExitCode

if TYPE_CHECKING:  # the rest loads when the command runs: `kiosk --help` builds this parser
    from kiosk.staff.report import UsageTable
    from kiosk.usage.store import DailyRow

COLUMN_GAP = "  "
LABEL_COLUMNS = 2
"""The first columns (what, which) are left-aligned words; the counts after them right-aligned."""
ERROR_CHARS = 200
"""Longest error text quoted from SQLite or the system."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``kiosk usage`` command line (for the table in :mod:`kiosk.cli`)."""
    parser.add_argument(
        "--csv", action="store_true", help="print CSV (as the staff panel exports) for a file"
    )
    help_text = f"settings file (default: {lookup_order_text(after_option=True)})"
    parser.add_argument("--config", type=Path, metavar="FILE", help=help_text.replace("%", "%%"))
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder for logs, the lock file and the visit outbox (default: config, then platform)",
    )


def text_table(table: UsageTable) -> str:
    """The table as aligned text lines, the header first."""
    lines = (table.header, *table.rows)
    widths = [max(len(line[column]) for line in lines) for column in range(len(table.header))]
    out = []
    for line in lines:
        cells = [
            cell.ljust(width) if column < LABEL_COLUMNS else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.append(COLUMN_GAP.join(cells).rstrip())
    return "\n".join(out) + "\n"


def _data_dir(args: argparse.Namespace) -> Path:
    from kiosk.boot.logs import log_to_console
    from kiosk.boot.settings import load_settings

    data_dir: Path | None = args.data_dir
    if data_dir is not None:
        return data_dir
    log_to_console(logging.WARNING)  # the settings file's problems, on stderr
    return load_settings(args).config.effective_data_dir()


def _unreadable(path: Path, error: BaseException) -> str:
    from kiosk.text import one_line
    from kiosk.usage.store import is_damage

    reason = one_line(str(error), ERROR_CHARS)
    if is_damage(error):
        return (
            f"The usage counts file {path} is damaged ({reason}). At its next start the kiosk "
            f"keeps it aside and starts counting afresh."
        )
    return f"The usage counts in {path} cannot be read ({type(error).__name__}: {reason})."


def _write_csv(text: str) -> None:
    """CSV keeps its CRLF line ends: bytes when possible, as a text stream would double the CR
    on Windows."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    binary.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
    binary.flush()


def usage(args: argparse.Namespace) -> int:
    """Print the usage totals; 0, or 1 if the file cannot be read."""
    from kiosk.usage.export import csv_text
    from kiosk.usage.store import USAGE_FILE, read_rows
    from kiosk.usage.table import usage_table

    path = _data_dir(args) / USAGE_FILE
    today = dt.date.today()
    note = ""
    rows: Sequence[DailyRow] = []
    try:
        rows = read_rows(path, today)
    except FileNotFoundError:
        note = f"No usage counts yet: {path} does not exist (the kiosk makes it when it starts)."
    except (sqlite3.Error, OSError) as error:
        sys.stderr.write(_unreadable(path, error) + "\n")
        return ExitCode.FAILED
    table = usage_table(rows, today, note=note)
    if args.csv:
        _write_csv(csv_text(table))
        if note:
            sys.stderr.write(note + "\n")
    else:
        sys.stdout.write(text_table(table))
        if note:
            sys.stdout.write("\n" + note + "\n")
    return ExitCode.OK
