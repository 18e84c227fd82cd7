"""The usage table as a CSV file for a spreadsheet, and the USB sticks it can be saved to.

:func:`csv_text` writes exactly the panel's cells (:class:`~kiosk.staff.report.UsageTable`),
header first, RFC 4180 quoting, in English. A cell that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'`` so
it is shown as text and never run: a page slug comes from a content folder staff may not
control. :func:`export_csv` saves it as ``hip-kiosk-usage-YYYY-MM-DD.csv``: a private temporary
file in the target folder, flushed to the device (a stick is pulled out soon after), then
renamed, so a stick never holds half a file. :func:`export_folders` lists mounted USB sticks
without walking any folder tree: only the direct entries of the usual mount folders.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import getpass
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.staff.report import UsageTable

FILE_PREFIX = "hip-kiosk-usage-"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""
MAX_EXPORT_FOLDERS = 8
"""USB sticks offered at most (a kiosk has one or two ports)."""
MAX_ENTRIES_LOOKED_AT = 64
"""Entries read per mount folder; a folder with more is not a place sticks are mounted."""
DRIVE_REMOVABLE = 2
"""``GetDriveTypeW``'s answer for a removable drive (a USB stick)."""


def _safe(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def csv_text(table: UsageTable) -> str:
    """The table as CSV text: the header, then one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in (table.header, *table.rows):
        writer.writerow([_safe(cell) for cell in row])
    return out.getvalue()


def export_file_name(today: dt.date) -> str:
    return f"{FILE_PREFIX}{today.isoformat()}.csv"


def export_csv(table: UsageTable, folder: Path, *, today: dt.date) -> Path:
    """Save the table in ``folder`` (replacing that day's earlier export); its path.

    Raises OSError with a plain message when the folder is missing, not a folder, read-only
    or full."""
    if not folder.exists():
        raise OSError(f"The folder {folder} is not there. Is the USB stick plugged in?")
    if not folder.is_dir():
        raise OSError(f"{folder} is not a folder. Choose a folder.")
    target = folder / export_file_name(today)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OSError(
            f"The file cannot be saved in {folder}: it may be read-only ({error.strerror})."
        ) from error
    try:
        # utf-8-sig: spreadsheet programs then read accents in page names correctly.
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            out.write(csv_text(table))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OSError(f"The file could not be saved in {folder} ({error.strerror}).") from error
    return target


def mounted_folders(
    parents: Iterable[Path], *, is_mount: Callable[[Path], bool] = os.path.ismount
) -> list[Path]:
    """The writable folders mounted directly in ``parents`` (one level, no walk), at most
    :data:`MAX_EXPORT_FOLDERS`, sorted; a parent that cannot be read is skipped."""
    found: list[Path] = []
    for parent in parents:
        try:
            with os.scandir(parent) as entries:
                children = [
                    Path(entry.path)
                    for _, entry in zip(range(MAX_ENTRIES_LOOKED_AT), entries, strict=False)
                ]
        except OSError:
            continue
        for child in sorted(children):
            if child in found or len(found) >= MAX_EXPORT_FOLDERS:
                continue
            with contextlib.suppress(OSError):
                if child.is_dir() and is_mount(child) and os.access(child, os.W_OK):
                    found.append(child)
    return sorted(found)


def _linux_parents() -> list[Path]:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        return [Path("/media")]
    return [Path("/media") / user, Path("/run/media") / user, Path("/media")]


def _windows_drives() -> list[Path]:
    if sys.platform != "win32":
        return []
    import ctypes

    kernel32 = ctypes.windll.kernel32
    mask = kernel32.GetLogicalDrives()
    found = []
    for index in range(26):
        root = f"{chr(ord('A') + index)}:\\"
        if mask >> index & 1 and kernel32.GetDriveTypeW(root) == DRIVE_REMOVABLE:
            found.append(Path(root))
    return [drive for drive in found if os.access(drive, os.W_OK)][:MAX_EXPORT_FOLDERS]


def export_folders() -> list[Path]:
    """Where a USB stick is mounted and writable, at most :data:`MAX_EXPORT_FOLDERS`."""
    if sys.platform == "win32":
        return _windows_drives()
    return mounted_folders(_linux_parents())
