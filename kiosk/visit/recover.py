"""Reading what is left of a damaged SQLite database, from a repaired *copy* of it.

Used only by :mod:`kiosk.visit.salvage`: the damaged originals are never written. The copy (at
most :data:`COPY_MAX_BYTES` of each file, in a private scratch folder) is repaired where the
SQLite file format (https://www.sqlite.org/fileformat2.html) allows:

* :func:`repair_wal` -- SQLite stops reading a ``-wal`` file at the first frame whose checksum
  does not match, silently dropping every later (committed) transaction, so flipped bytes in one
  frame hide every request stored after it. The repair recomputes the running checksums of the
  frames of the current WAL generation (those with the header's salts): SQLite reads all of them
  again; the damaged page itself may still be unreadable, the others are intact.
* :func:`database_header` -- a 100-byte database header, for a main file that is empty (0 bytes:
  every page lives in the ``-wal``) or whose header was overwritten (the pages after it are
  often intact); the page size is taken from the ``-wal`` or found by trying each.

Then :func:`read_damaged` reads the ``requests``, ``deliveries`` and ``salvage`` tables row by
row in rowid order, stepping over stretches that cannot be read with ever wider jumps, within a
deadline and :data:`ROW_MAX` rows per table. Nothing is decrypted here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WAL_HEADER = 32
FRAME_HEADER = 24
DB_HEADER = 100
MAGIC = b"SQLite format 3\x00"
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
_MASK = 0xFFFFFFFF
COPY_MAX_BYTES = 64 * 1024 * 1024
ROW_MAX = 200_000
PRIVATE = 0o600

log = logging.getLogger(__name__)


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def wal_page_size(wal: bytes) -> int | None:
    """The page size a ``-wal`` file's header names; None if it is not a WAL header."""
    if len(wal) < WAL_HEADER:
        return None
    magic, _version, page_size = struct.unpack(">3I", wal[:12])
    if magic not in (0x377F0682, 0x377F0683) or page_size not in PAGE_SIZES:
        return None
    return int(page_size)


def repair_wal(wal: bytes, deadline: float) -> tuple[bytes, int]:
    """``(wal with every current-generation frame's checksum recomputed, frames repaired)``.

    Stops at the first frame of another generation (other salts), at a partial frame, or at
    ``deadline`` (``time.monotonic()``); the rest of the file is kept as it was.
    """
    page_size = wal_page_size(wal)
    if page_size is None:
        return wal, 0
    big = bool(wal[3] & 1)
    out = bytearray(wal)
    salts = wal[16:24]
    state = _checksum(wal[:24], 0, 0, big)
    out[24:32] = struct.pack(">2I", *state)
    repaired = 0 if wal[24:32] == out[24:32] else 1
    frame = page_size + FRAME_HEADER
    offset = WAL_HEADER
    while offset + frame <= len(wal) and time.monotonic() < deadline:
        if wal[offset + 8 : offset + 16] != salts:
            break
        page = wal[offset + FRAME_HEADER : offset + frame]
        state = _checksum(wal[offset : offset + 8] + page, *state, big)
        packed = struct.pack(">2I", *state)
        if wal[offset + 16 : offset + 24] != packed:
            out[offset + 16 : offset + 24] = packed
            repaired += 1
        offset += frame
    return bytes(out), repaired


def database_header(page_size: int, pages: int, *, wal: bool) -> bytes:
    """A plausible 100-byte header for a UTF-8 database of ``pages`` pages of ``page_size``."""
    header = bytearray(DB_HEADER)
    header[:16] = MAGIC
    header[16:18] = struct.pack(">H", 1 if page_size == 65536 else page_size)
    header[18] = header[19] = 2 if wal else 1
    header[21:24] = bytes((64, 32, 32))
    struct.pack_into(">I", header, 24, 1)  # file change counter
    struct.pack_into(">I", header, 28, pages)
    struct.pack_into(">I", header, 40, 1)  # schema cookie
    struct.pack_into(">I", header, 44, 4)  # schema format
    struct.pack_into(">I", header, 56, 1)  # UTF-8
    struct.pack_into(">I", header, 92, 1)  # version-valid-for == change counter
    struct.pack_into(">I", header, 96, 3040001)
    return bytes(header)


def header_is_valid(head: bytes) -> bool:
    """Whether ``head`` (the first 100 bytes of a file) starts like an SQLite database."""
    if len(head) < DB_HEADER or not head.startswith(MAGIC):
        return False
    size = struct.unpack(">H", head[16:18])[0]
    return (65536 if size == 1 else size) in PAGE_SIZES


def deadline_handler(conn: sqlite3.Connection, deadline: float) -> None:
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


REQUEST_COLUMNS = ("id", "created_at", "key_id", "sealed", "delivered_at")
DELIVERY_COLUMNS = (
    "request_id",
    "channel",
    "attempts",
    "next_attempt_at",
    "last_attempt_at",
    "done_at",
    "last_error",
    "refused",
)
EVENT_COLUMNS = (
    "at",
    "reason",
    "damaged_copy",
    "salvaged",
    "not_salvaged",
    "counted",
    "replaced_id",
)


@dataclass
class Found:
    """Rows read from a damaged copy, as they were: the salvage checks each before use."""

    requests: list[tuple[Any, ...]] = field(default_factory=list)
    deliveries: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    outbox_id: str | None = None
    errors: int = 0


def _copy_prefix(source: Path, target: Path) -> int:
    """Copy at most COPY_MAX_BYTES of ``source`` to ``target`` (0600); bytes copied."""
    copied = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE)
    with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
        while copied < COPY_MAX_BYTES:
            chunk = src.read(min(1 << 20, COPY_MAX_BYTES - copied))
            if not chunk:
                break
            dst.write(chunk)
            copied += len(chunk)
    return copied


def _prepare_copy(damaged: Path, scratch: Path, deadline: float) -> Path:
    """A repaired copy of ``damaged`` (and its -wal) in ``scratch``."""
    copy = scratch / "copy.sqlite3"
    wal_source = side_file(damaged, "-wal")
    page_size = None
    if wal_source.exists():
        with wal_source.open("rb") as handle:
            wal, repaired = repair_wal(handle.read(COPY_MAX_BYTES), deadline)
        if repaired:
            log.warning("salvage: %d frame checksum(s) of the -wal copy recomputed", repaired)
        page_size = wal_page_size(wal)
        fd = os.open(side_file(copy, "-wal"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
        with os.fdopen(fd, "wb") as out:
            out.write(wal)
    size = _copy_prefix(damaged, copy) if damaged.exists() else 0
    if size == 0:
        copy.touch(PRIVATE)
    with copy.open("r+b") as handle:
        head = handle.read(DB_HEADER)
    if header_is_valid(head):
        return copy
    for guess in dict.fromkeys([page_size or 4096, *PAGE_SIZES]):
        with copy.open("r+b") as handle:
            if size < guess:
                handle.truncate(guess)
            handle.write(
                database_header(guess, max(1, max(size, guess) // guess), wal=page_size is not None)
            )
        if _readable_schema(copy):
            break
    return copy


def _readable_schema(copy: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return "requests" in names


def _scan(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...], deadline: float, found: Found
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``table`` by rowid, stepping over damaged stretches (ever wider jumps)."""
    names = ", ".join(columns)
    after = -(2**63)
    jump = 1
    yielded = 0
    while time.monotonic() < deadline and yielded < ROW_MAX:
        try:
            cursor = conn.execute(
                f"SELECT rowid, {names} FROM {table} WHERE rowid >= ? ORDER BY rowid", (after,)
            )
            for row in cursor:
                after, jump = int(row[0]) + 1, 1
                yielded += 1
                yield tuple(row[1:])
                if yielded >= ROW_MAX or time.monotonic() >= deadline:
                    return
            return
        except sqlite3.Error:
            found.errors += 1
            if after > 2**63 - 1 - jump:
                return
            after += jump
            jump *= 2


def _columns(conn: sqlite3.Connection, table: str, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """``wanted`` with the columns an older outbox lacks replaced by NULL."""
    try:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return wanted
    if not have:
        return ()
    return tuple(name if name in have else "NULL" for name in wanted)


def read_damaged(damaged: Path, scratch: Path, deadline: float) -> Found:
    """Everything readable in ``damaged`` (its -wal included), via a repaired copy."""
    found = Found()
    try:
        copy = _prepare_copy(damaged, scratch, deadline)
        conn = sqlite3.connect(copy, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        log.error("salvage: the damaged outbox cannot be copied (%s)", type(error).__name__)
        return found
    try:
        deadline_handler(conn, deadline)
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA trusted_schema=OFF")
            # Lets SQLite read a file shorter than its header says (half truncated, or a
            # bounded copy); without it every read fails. The copy is only read.
            conn.execute("PRAGMA writable_schema=ON")
        for table, wanted, into in (
            ("requests", REQUEST_COLUMNS, found.requests),
            ("deliveries", DELIVERY_COLUMNS, found.deliveries),
            ("salvage", EVENT_COLUMNS, found.events),
        ):
            columns = _columns(conn, table, wanted)
            if columns:
                into.extend(_scan(conn, table, columns, deadline, found))
        with contextlib.suppress(sqlite3.Error):
            row = conn.execute("SELECT value FROM meta WHERE key='outbox_id'").fetchone()
            found.outbox_id = None if row is None else str(row[0])
    finally:
        conn.close()
    return found
