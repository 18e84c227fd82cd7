"""A damaged outbox: notice it, keep it, recover what it holds, and carry on with a fresh one.

:class:`kiosk.visit.outbox.Outbox` calls :func:`inspect` before it opens the database. Damage
is any of: a main file that is not an SQLite database or fails ``PRAGMA quick_check``; tables
that cannot be read; a check that does not finish within :data:`CHECK_SECONDS`; and requests
that were committed but are no longer there. The last needs a witness, because SQLite reads a
0-byte file as a new empty database and silently stops reading a ``-wal`` file at the first
damaged frame: the **count file** ``outbox-count.json`` (0600, replaced atomically) says, after
every stored request and every delivery pass, which outbox it describes (a random id kept in
the database's ``meta`` table) and how many request rows it holds. Request rows are never
deleted (a delivered one stays as a data-free ledger line), so that number only grows: fewer
rows in the database than the count file says means rows were lost. The count file is written
*after* each commit, so a crash between the two can only make it lag behind (never a false
alarm). A ``-wal`` file that holds data beside an empty main file is damage too.

When the outbox is damaged, :func:`replace_damaged`:

1. copies the damaged files (at most ``recover.COPY_MAX_BYTES`` of each) into a private scratch
   folder and repairs the copy (:mod:`kiosk.visit.recover`: the WAL's checksums, a
   missing or garbage database header);
2. reads the ``requests``, ``deliveries`` and ``salvage`` tables of the copy row by row,
   stepping over rows that cannot be read, within :data:`SALVAGE_SECONDS` and
   ``recover.ROW_MAX`` rows (a hostile 1 GB file cannot hang the start);
3. builds a fresh outbox beside it (``.outbox-fresh.sqlite3``) holding every recovered request
   -- still sealed, never decrypted -- and a row in its ``salvage`` table: when, why, where the
   damaged copy is, how many waiting requests were recovered and how many were not;
4. moves the damaged ``outbox.sqlite3``, ``-wal`` and ``-shm`` aside as
   ``outbox.damaged-YYYYmmdd-HHMMSS.sqlite3`` (and ``...-wal``, ``...-shm``): never deleted,
   never overwritten; then puts the fresh outbox in place.

Each step is safe to interrupt: until the fresh outbox is complete on disk nothing is moved,
and :func:`finish_interrupted` completes a half-done move at the next start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import secrets
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.text import one_line
from kiosk.visit import recover
from kiosk.visit.files import fsync_dir
from kiosk.visit.recover import (
    DB_HEADER,
    EVENT_COLUMNS,
    Found,
    deadline_handler,
    header_is_valid,
    side_file,
)

DB_FILE = "outbox.sqlite3"
COUNT_FILE = "outbox-count.json"
FRESH_FILE = ".outbox-fresh.sqlite3"
DAMAGED_PREFIX = "outbox.damaged-"
SCRATCH_PREFIX = ".outbox-salvage-"
SIDE_FILES = ("-wal", "-shm")
CHECK_SECONDS = 10.0
"""Longest the start-up check may take (an outbox holds a few MB; more is damage)."""
SALVAGE_SECONDS = 30.0
REASON_MAX = 160
PRIVATE = 0o600

_NOT_DAMAGE = {3, 5, 6, 7, 8, 13, 14, 23}
"""SQLite result codes that say the file could not be used, not that it is damaged:
PERM, BUSY, LOCKED, NOMEM, READONLY, FULL, CANTOPEN, AUTH."""
_INTERRUPT = 9

log = logging.getLogger(__name__)

Verify = Callable[[uuid.UUID, str, bytes], bool | None]
"""Whether a sealed record opens: True, False (damaged), None (its key is not here)."""


# --- The count file ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    """What the count file says about the outbox it was written for."""

    outbox_id: str
    requests: int
    pending: int


def read_count(data_dir: Path) -> Count | None:
    """The count file; None if there is none or it cannot be read (then nothing is known)."""
    try:
        data = json.loads((data_dir / COUNT_FILE).read_text(encoding="ascii"))
        count = Count(str(data["outbox_id"]), int(data["requests"]), int(data["pending"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return count if count.requests >= 0 and count.pending >= 0 else None


def write_count(data_dir: Path, count: Count) -> None:
    """Replace the count file atomically (0600). Raises OSError.

    Not fsynced, on purpose: it is written after the database's commit is on disk, so after a
    power cut it can only be behind (or unreadable: then nothing is known), never ahead. A
    second fsync per request would halve how fast the outbox stores requests.
    """
    text = json.dumps(
        {"outbox_id": count.outbox_id, "requests": count.requests, "pending": count.pending}
    )
    path = data_dir / COUNT_FILE
    temp = data_dir / f".{COUNT_FILE}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE)
    try:
        try:
            os.write(fd, text.encode("ascii"))
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# --- Checking --------------------------------------------------------------------------------


def _is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code is None or code & 0xFF not in _NOT_DAMAGE


def _describe(error: sqlite3.Error) -> str:
    if getattr(error, "sqlite_errorcode", 0) & 0xFF == _INTERRUPT:
        return f"it could not be checked within {CHECK_SECONDS:.0f} s"
    return one_line(str(error), REASON_MAX)  # SQLite's own words; they hold no row data


def file_problem(path: Path, count: Count | None) -> str | None:
    """The cheap part of :func:`inspect` (no SQLite): why the file is damaged; "" when it is
    absent or empty and nothing was lost; None when it looks like a database (read it)."""
    wal = side_file(path, "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    if not path.exists():
        if wal_size:
            return "the outbox file is missing but its -wal file holds data"
        if count is not None and count.pending:
            return "the outbox file is missing"
        return ""
    with path.open("rb") as handle:  # OSError (permissions) is not damage
        head = handle.read(DB_HEADER)
    if not head:
        if wal_size:
            return "the outbox file is empty (0 bytes) but its -wal file holds data"
        if count is not None and count.requests:
            return "the outbox file is empty (0 bytes)"
        return ""
    if not header_is_valid(head):
        return "the outbox file is not a database (its first bytes are damaged)"
    return None


def shortfall(rows: int, outbox_id: str | None, count: Count | None) -> str:
    """Plain words when the database holds fewer request rows than the count file says."""
    if count is not None and rows < count.requests and outbox_id in (None, count.outbox_id):
        return f"{count.requests - rows} request(s) are missing from the outbox file"
    return ""


def inspect(path: Path, count: Count | None) -> str:
    """Why the outbox at ``path`` is damaged, in plain words; "" when it is sound (or absent).

    Read ``count`` (:func:`read_count`) before calling: the count file is written after each
    commit, so read in that order it never exceeds what the database holds.
    Raises OSError or sqlite3.Error when the file cannot be used for another reason (no
    permission, disk full): that is not damage, and nothing should be moved.
    """
    problem = file_problem(path, count)
    if problem is not None:
        return problem
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        deadline_handler(conn, time.monotonic() + CHECK_SECONDS)
        return _check_tables(conn, count)
    except sqlite3.Error as error:
        if not _is_damage(error):
            raise
        return f"the outbox file is damaged ({_describe(error)})"
    finally:
        conn.close()


def outbox_id_of(conn: sqlite3.Connection) -> str | None:
    """The ``meta`` table's outbox id; None when there is none (an older outbox)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='outbox_id'").fetchone()
    except sqlite3.OperationalError:  # no meta table
        return None
    return None if row is None else str(row[0])


def _check_tables(conn: sqlite3.Connection, count: Count | None) -> str:
    if [row[0] for row in conn.execute("PRAGMA quick_check(3)")] != ["ok"]:
        return "the outbox file is damaged (SQLite's check found errors)"
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    if "requests" not in tables:
        if not tables and (count is None or not count.requests):
            return ""  # a new, empty database
        return "the outbox file has no table of visit requests"
    rows = int(conn.execute("SELECT count(*) FROM requests").fetchone()[0])
    conn.execute("SELECT count(*), sum(length(last_error)) FROM deliveries").fetchone()
    return shortfall(rows, outbox_id_of(conn), count)


# --- Building the fresh outbox ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Event:
    """One replaced outbox, as kept in the ``salvage`` table and shown to staff."""

    at: float
    reason: str
    damaged_copy: str
    """The damaged main file's new name in the data folder; "" when it was missing."""
    salvaged: int
    """Waiting requests recovered and queued for delivery again."""
    not_salvaged: int
    """Waiting requests that could not be recovered (an upper bound when ``counted``)."""
    counted: bool
    """Whether the count file allowed counting the lost ones (else more may be missing)."""
    replaced_id: str = ""

    @property
    def maybe_lost(self) -> bool:
        """Whether a waiting request may have been lost (or it cannot be known)."""
        return self.not_salvaged > 0 or not self.counted


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _accept(
    found: Found, verify: Verify, now: float
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int, int]:
    """``(request rows, delivery rows, waiting requests kept, waiting requests rejected)``."""
    requests: dict[str, tuple[Any, ...]] = {}
    kept = rejected = 0
    for rid, created, kid, sealed, delivered in found.requests:
        try:
            ident = uuid.UUID(str(rid))
        except ValueError:
            rejected += delivered is None
            continue
        created_at, delivered_at = _number(created), _number(delivered)
        if created_at is None or str(ident) in requests:
            rejected += delivered is None
            continue
        if delivered is not None and delivered_at is not None:
            requests[str(ident)] = (str(ident), created_at, None, None, delivered_at)
            continue
        if not isinstance(kid, str) or not isinstance(sealed, bytes) or not sealed:
            rejected += 1
            continue
        if verify(ident, kid, sealed) is False:
            rejected += 1
            continue
        requests[str(ident)] = (str(ident), created_at, kid, sealed, None)
        kept += 1
    deliveries = []
    for rid, channel, attempts, next_at, last_at, done, error, refused in found.deliveries:
        if str(rid) not in requests or not isinstance(channel, str) or not 0 < len(channel) < 40:
            continue
        done_at = _number(done)
        due = min(_number(next_at) or now, now)  # a recovered request is tried at once
        count = attempts if isinstance(attempts, int) and attempts >= 0 else 0
        text = one_line(error, 200) if isinstance(error, str) else ""
        deliveries.append(
            (str(rid), channel, count, due, _number(last_at), done_at, text, int(refused == 1))
        )
    return list(requests.values()), deliveries, kept, rejected


def _old_events(found: Found) -> list[tuple[Any, ...]]:
    events = []
    for at, reason, copy, salvaged, lost, counted, replaced in found.events:
        if _number(at) is None or not isinstance(reason, str) or not isinstance(copy, str):
            continue
        numbers = [v if isinstance(v, int) and v >= 0 else 0 for v in (salvaged, lost)]
        events.append((at, reason, copy, *numbers, int(counted == 1), str(replaced or "")))
    return events


def _build_fresh(
    path: Path,
    schema: str,
    rows: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]],
    event: Event,
) -> None:
    requests, deliveries, old_events = rows
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        conn.executescript(schema)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta (key, value) VALUES ('outbox_id', ?)", (str(uuid.uuid4()),))
        conn.executemany(
            "INSERT OR IGNORE INTO requests (id, created_at, key_id, sealed, delivered_at) "
            "VALUES (?,?,?,?,?)",
            requests,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO deliveries (request_id, channel, attempts, next_attempt_at, "
            "last_attempt_at, done_at, last_error, refused) VALUES (?,?,?,?,?,?,?,?)",
            deliveries,
        )
        events = [*old_events, _event_row(event)]
        conn.executemany(
            f"INSERT INTO salvage ({', '.join(EVENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
            events,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    os.chmod(path, PRIVATE)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _event_row(event: Event) -> tuple[Any, ...]:
    return (
        event.at,
        event.reason,
        event.damaged_copy,
        event.salvaged,
        event.not_salvaged,
        int(event.counted),
        event.replaced_id,
    )


def _damaged_name(data_dir: Path, now: float) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    for n in range(1, 1000):
        name = f"{DAMAGED_PREFIX}{stamp}{'' if n == 1 else f'-{n}'}.sqlite3"
        if not any((data_dir / f"{name}{s}").exists() for s in ("", *SIDE_FILES)):
            return name
    raise FileExistsError("too many damaged outbox copies with the same time")


def _move_without_overwrite(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # fails if the target exists: nothing is ever overwritten
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if target.exists():
            raise FileExistsError(target.name) from None
        os.rename(source, target)
    else:
        os.unlink(source)
    with contextlib.suppress(OSError):
        os.chmod(target, PRIVATE)


def finish_interrupted(data_dir: Path) -> Event | None:
    """Complete a replacement that a crash interrupted; the event it finished, if any.

    A complete fresh outbox (its salvage row is committed) means the damaged files are to be
    moved aside under the name it records and the fresh one put in place. An incomplete one
    is a scratch file of this module and is removed (nothing was moved yet).
    """
    fresh = data_dir / FRESH_FILE
    if not fresh.exists():
        return None
    event = _last_event(fresh)
    if event is None or side_file(fresh, "-journal").exists():
        for leftover in (fresh, side_file(fresh, "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        return None
    live = data_dir / DB_FILE
    if event.damaged_copy:
        for suffix in (*SIDE_FILES, ""):  # the main file last: its absence means all moved
            source = side_file(live, suffix)
            if source.exists():
                _move_without_overwrite(source, data_dir / f"{event.damaged_copy}{suffix}")
    _move_without_overwrite(fresh, live)
    fsync_dir(data_dir)
    return event


def _last_event(path: Path) -> Event | None:
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                f"SELECT {', '.join(EVENT_COLUMNS)} FROM salvage ORDER BY rowid DESC LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return None if row is None else event_from_row(row)


def event_from_row(row: tuple[Any, ...]) -> Event:
    at, reason, copy, salvaged, lost, counted, replaced = row
    return Event(
        float(at),
        str(reason),
        str(copy),
        int(salvaged),
        int(lost or 0),
        bool(counted),
        str(replaced or ""),
    )


def clean_scratch(data_dir: Path) -> None:
    """Remove scratch folders a crash left behind (copies made by this module only)."""
    for scratch in data_dir.glob(f"{SCRATCH_PREFIX}*"):
        shutil.rmtree(scratch, ignore_errors=True)


def replace_damaged(
    data_dir: Path,
    reason: str,
    count: Count | None,
    *,
    schema: str,
    verify: Verify,
    now: float,
) -> Event:
    """Keep the damaged outbox aside, recover its requests into a fresh one (see the module
    docstring). Raises OSError when the data folder cannot be written."""
    live = data_dir / DB_FILE
    deadline = time.monotonic() + SALVAGE_SECONDS
    present = any(side_file(live, s).exists() for s in ("", *SIDE_FILES))
    damaged_copy = _damaged_name(data_dir, now) if present else ""
    scratch = data_dir / f"{SCRATCH_PREFIX}{secrets.token_hex(6)}"
    scratch.mkdir(mode=0o700)
    try:
        found = recover.read_damaged(live, scratch, deadline) if present else Found()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    requests, deliveries, kept, rejected = _accept(found, verify, now)
    usable_count = count is not None and found.outbox_id in (None, count.outbox_id)
    if count is not None and usable_count:
        missing = max(0, count.requests - len(found.requests))
        not_salvaged = rejected + min(missing, count.pending)
    else:
        not_salvaged = rejected
    event = Event(
        at=now,
        reason=one_line(reason, REASON_MAX),
        damaged_copy=damaged_copy,
        salvaged=kept,
        not_salvaged=not_salvaged,
        counted=usable_count,
        replaced_id=found.outbox_id or (count.outbox_id if count else ""),
    )
    fresh = data_dir / FRESH_FILE
    for leftover in (fresh, side_file(fresh, "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    _build_fresh(fresh, schema, (requests, deliveries, _old_events(found)), event)
    finish_interrupted(data_dir)
    log.error(
        "the outbox was damaged (%s); it was moved to %s; %d waiting request(s) recovered, "
        "%s%d could not be recovered; a fresh outbox is in use",
        event.reason,
        event.damaged_copy or "(nothing to move: the file was missing)",
        event.salvaged,
        "up to " if event.counted else "at least ",
        event.not_salvaged,
    )
    return event
