"""The durable outbox: every visit request is committed to SQLite before the patient is thanked.

``<data_dir>/outbox.sqlite3`` runs in WAL mode with ``synchronous=FULL``, so a commit is on disk
(the WAL is fsynced) when :meth:`Outbox.submit` returns, and a crash or power cut at any moment
leaves either the whole request or nothing. ``secure_delete`` overwrites deleted content.

Tables:

* ``requests`` -- one row per request, keyed by its UUID: ``created_at``, the sealed patient data
  (``key_id``, ``sealed``: see :mod:`kiosk.visit.crypto`), and once every channel has it,
  ``delivered_at``. Delivery clears ``key_id`` and ``sealed``: what remains is the ledger (id,
  times, channels, attempts, last error), with no patient data.
* ``deliveries`` -- one row per (request, channel): ``done_at``, ``attempts``,
  ``next_attempt_at`` and ``last_error`` (error class and status code only, never patient data),
  and ``refused`` (1 while the receiver's last answer was a refusal: still retried, but shown to
  staff as needing attention). Backoff state lives here, so retries survive restarts.
* ``meta`` -- ``outbox_id``, a random name for this database (see :mod:`kiosk.visit.salvage`).
* ``salvage`` -- one row per damaged outbox this one replaced: when, why, where the damaged
  copy is, how many waiting requests were recovered and how many were not.

Damage (a truncated, overwritten or half-lost file or ``-wal``) is checked for before the
database is opened; a damaged outbox is moved aside, what it holds is recovered into a fresh
one, and the form keeps working (:mod:`kiosk.visit.salvage`). After each delivery pass the
worker calls :meth:`Outbox.maintain`: the WAL is folded into the database, the count file is
updated, and a deleted key file is written back.

A request is done when every channel configured for it has succeeded. Rows sealed with a key
that is no longer present are never deleted or retried in a loop: they are counted in
:meth:`Outbox.unreadable_count` and reported by ``kiosk outbox status`` until the key is restored.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.text import one_line
from kiosk.visit import salvage
from kiosk.visit.crypto import Keyring, SealError, keep_key_file, load_keyring
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import from_json_dict, to_json_dict

DB_FILE = salvage.DB_FILE
ERROR_MAX = 200

SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    key_id TEXT,
    sealed BLOB,
    delivered_at REAL
);
CREATE TABLE IF NOT EXISTS deliveries (
    request_id TEXT NOT NULL REFERENCES requests(id),
    channel TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_attempt_at REAL,
    done_at REAL,
    last_error TEXT NOT NULL DEFAULT '',
    refused INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (request_id, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at) WHERE done_at IS NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS salvage (
    at REAL NOT NULL,
    reason TEXT NOT NULL,
    damaged_copy TEXT NOT NULL,
    salvaged INTEGER NOT NULL,
    not_salvaged INTEGER NOT NULL,
    counted INTEGER NOT NULL,
    replaced_id TEXT NOT NULL DEFAULT ''
);
"""
MIGRATIONS = (("deliveries", "refused", "refused INTEGER NOT NULL DEFAULT 0"),)
"""Columns added since the first release: (table, column, definition) for ALTER TABLE."""
CHECKPOINT_BUSY_MS = 250
"""How long a checkpoint waits for a reader (``kiosk outbox status``) before trying later."""

log = logging.getLogger(__name__)
_UNSEALED = ("id",)
"""Fields kept out of the sealed record (the id is the row key and associated data)."""


class OutboxError(Exception):
    """The outbox cannot be used (its file is unreadable or not a database)."""


@dataclass(frozen=True, slots=True)
class Due:
    """A request with the channels whose next attempt is due."""

    request_id: uuid.UUID
    channels: tuple[str, ...]
    key_id: str | None


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the outbox's durability settings (WAL, synchronous=FULL)."""
    if read_only:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=5)
    else:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def scrub(text: str) -> str:
    """An error text cut to one short line for the ledger."""
    return one_line(text, ERROR_MAX)


class Outbox:
    """Requests waiting for delivery; safe to share between the UI thread and the worker."""

    def __init__(
        self,
        data_dir: Path,
        channels: Sequence[str],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not channels:
            raise ValueError("at least one delivery channel is needed")
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.path = data_dir / DB_FILE
        self.channels = tuple(dict.fromkeys(channels))
        self._clock = clock
        self._lock = threading.Lock()
        self.keys: Keyring = load_keyring(data_dir)
        self.salvage: salvage.Event | None = self._check_and_salvage()
        """The damaged outbox this start replaced (None when the file was sound)."""
        try:
            self._conn = connect(self.path)
            self._conn.executescript(SCHEMA)
            self._migrate()
            self.outbox_id = self._ensure_id()
        except sqlite3.DatabaseError as error:
            raise OutboxError(f"the outbox {self.path} cannot be opened ({error})") from None
        self._sync_channels()
        self._maintained_at = -1
        self._key_problem = ""
        self._write_count()
        unreadable = self.unreadable_count()
        if unreadable:
            log.error(
                "%d waiting requests were sealed with a key that is missing; they are kept "
                "until the old outbox key is restored",
                unreadable,
            )

    def _check_and_salvage(self) -> salvage.Event | None:
        """Finish an interrupted replacement, then replace the outbox if it is damaged."""
        try:
            finished = salvage.finish_interrupted(self.data_dir)
            salvage.clean_scratch(self.data_dir)
            count = salvage.read_count(self.data_dir)
            reason = salvage.inspect(self.path, count)
            if not reason:
                return finished
            log.error("the outbox is damaged: %s; recovering what it holds", reason)
            return salvage.replace_damaged(
                self.data_dir, reason, count, schema=SCHEMA, verify=self._verify, now=self._clock()
            )
        except (OSError, sqlite3.Error) as error:
            raise OutboxError(
                f"the outbox {self.path} cannot be checked ({type(error).__name__}: {error})"
            ) from None

    def _verify(self, request_id: uuid.UUID, sealed_key_id: str, blob: bytes) -> bool | None:
        if sealed_key_id not in self.keys.known_ids():
            return None
        try:
            self.keys.open(request_id, sealed_key_id, blob)
        except SealError:
            return False
        return True

    def _migrate(self) -> None:
        for table, column, definition in MIGRATIONS:
            have = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {definition}")

    def _ensure_id(self) -> str:
        with self._conn:
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('outbox_id', ?)",
                (str(uuid.uuid4()),),
            )
        row = self._conn.execute("SELECT value FROM meta WHERE key='outbox_id'").fetchone()
        return str(row[0])

    def _write_count(self) -> None:
        """Record how many request rows this outbox holds (after a commit; see salvage)."""
        with self._lock:
            total, pending = self._conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE delivered_at IS NULL) FROM requests"
            ).fetchone()
        try:
            salvage.write_count(self.data_dir, salvage.Count(self.outbox_id, total, pending))
        except OSError as error:
            log.warning("cannot write the outbox count file (%s)", type(error).__name__)

    # --- Submitting --------------------------------------------------------------------------

    def submit(self, request: VisitRequest) -> None:
        """Store ``request`` sealed; returns only once it is committed to disk."""
        data = {k: v for k, v in to_json_dict(request).items() if k not in _UNSEALED}
        plain = json.dumps(data, ensure_ascii=True).encode("ascii")
        key_id, sealed = self.keys.seal(request.id, plain)
        now = self._clock()
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(
                "INSERT OR IGNORE INTO requests (id, created_at, key_id, sealed) VALUES (?,?,?,?)",
                (str(request.id), request.created_at.timestamp(), key_id, sealed),
            )
            self._conn.executemany(
                "INSERT OR IGNORE INTO deliveries (request_id, channel, next_attempt_at) "
                "VALUES (?,?,?)",
                [(str(request.id), channel, now) for channel in self.channels],
            )
        self._write_count()
        log.info("request %s stored in the outbox", request.id)

    def load(self, request_id: uuid.UUID) -> VisitRequest:
        """The request as submitted; :class:`SealError` if it cannot be opened or is gone."""
        row = self._one("SELECT key_id, sealed FROM requests WHERE id=?", request_id)
        if row is None or row[1] is None:
            raise SealError("the request is not waiting in the outbox")
        data = json.loads(self.keys.open(request_id, row[0], row[1]))
        return from_json_dict({**data, "id": str(request_id)})

    # --- Delivery bookkeeping ----------------------------------------------------------------

    def due(self, now: float, limit: int = 100, channel: str | None = None) -> list[Due]:
        """Requests with at least one channel (or ``channel``) due at ``now``, oldest first;
        only those whose key is present (the others wait for it, see unreadable_count)."""
        known = sorted(self.keys.known_ids())
        marks = ",".join("?" * len(known))
        only = "" if channel is None else "AND d.channel = ? "
        params: list[Any] = [now, *([] if channel is None else [channel]), *known, limit]
        with self._lock:
            rows = self._conn.execute(
                "SELECT d.request_id, group_concat(d.channel, ' '), r.key_id "
                "FROM deliveries d JOIN requests r ON r.id = d.request_id "
                f"WHERE d.done_at IS NULL AND d.next_attempt_at <= ? {only}"
                f"AND r.key_id IN ({marks}) "
                "GROUP BY d.request_id ORDER BY min(r.created_at) LIMIT ?",
                params,
            ).fetchall()
        return [Due(uuid.UUID(rid), tuple(sorted(chs.split())), kid) for rid, chs, kid in rows]

    def next_due_at(self, channel: str | None = None) -> float | None:
        """When the earliest pending attempt (on ``channel``, or any) is due, for readable
        requests only; None if none."""
        known = sorted(self.keys.known_ids())
        marks = ",".join("?" * len(known))
        only = "" if channel is None else " AND d.channel = ?"
        row = self._one(
            "SELECT min(d.next_attempt_at) FROM deliveries d JOIN requests r ON r.id=d.request_id "
            f"WHERE d.done_at IS NULL AND r.key_id IN ({marks}){only}",
            *known,
            *([] if channel is None else [channel]),
        )
        return None if row is None or row[0] is None else float(row[0])

    def record_success(self, request_id: uuid.UUID, channel: str, now: float) -> bool:
        """Mark ``channel`` delivered; True when that completed the request (data deleted)."""
        rid = str(request_id)
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(
                "UPDATE deliveries SET done_at=?, last_attempt_at=?, attempts=attempts+1, "
                "last_error='', refused=0 WHERE request_id=? AND channel=? AND done_at IS NULL",
                (now, now, rid, channel),
            )
            left = self._conn.execute(
                "SELECT count(*) FROM deliveries WHERE request_id=? AND done_at IS NULL", (rid,)
            ).fetchone()[0]
            if left:
                return False
            self._conn.execute(
                "UPDATE requests SET delivered_at=?, key_id=NULL, sealed=NULL "
                "WHERE id=? AND delivered_at IS NULL",
                (now, rid),
            )
        log.info("request %s delivered on every channel; patient data deleted", request_id)
        return True

    def record_failure(
        self,
        request_id: uuid.UUID,
        channel: str,
        now: float,
        error: str,
        retry_at: float,
        *,
        refused: bool = False,
    ) -> None:
        """Count a failed attempt on ``channel`` and schedule the next at ``retry_at``.

        ``refused``: the receiver refused the request outright (it is still retried, and
        flagged for staff until a later attempt succeeds or fails in another way).
        """
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE deliveries SET attempts=attempts+1, last_attempt_at=?, last_error=?, "
                "next_attempt_at=?, refused=? WHERE request_id=? AND channel=? AND done_at IS NULL",
                (now, scrub(error), retry_at, int(refused), str(request_id), channel),
            )

    def refused_count(self) -> int:
        """Waiting requests that at least one channel's receiver refused (need a person)."""
        row = self._one(
            "SELECT count(DISTINCT request_id) FROM deliveries WHERE done_at IS NULL AND refused=1"
        )
        return 0 if row is None else int(row[0])

    def clamp_schedule(self, now: float, longest: float) -> int:
        """Bring every pending attempt due later than ``now + longest`` forward to it.

        A wall clock set back (by hand, or a machine whose clock resets) would otherwise leave
        a retry scheduled as far ahead as the clock jumped. Returns how many were moved.
        """
        limit = now + longest
        with self._lock, self._conn:
            cursor = self._conn.execute(
                "UPDATE deliveries SET next_attempt_at=? "
                "WHERE done_at IS NULL AND next_attempt_at > ?",
                (limit, limit),
            )
        return int(cursor.rowcount)

    def attempts(self, request_id: uuid.UUID, channel: str) -> int:
        row = self._one(
            "SELECT attempts FROM deliveries WHERE request_id=? AND channel=?", request_id, channel
        )
        return 0 if row is None else int(row[0])

    def pending_ids(self) -> list[uuid.UUID]:
        """Every request not yet delivered on all its channels, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id FROM requests WHERE delivered_at IS NULL ORDER BY created_at"
            ).fetchall()
        return [uuid.UUID(row[0]) for row in rows]

    def unreadable_count(self) -> int:
        """Waiting requests sealed with a key that is not present (kept, never retried)."""
        known = sorted(self.keys.known_ids())
        marks = ",".join("?" * len(known))
        row = self._one(
            f"SELECT count(*) FROM requests WHERE delivered_at IS NULL AND key_id NOT IN ({marks})",
            *known,
        )
        return 0 if row is None else int(row[0])

    def checkpoint(self) -> bool:
        """Fold the WAL into the database and truncate it (drops old page images).

        Waits at most :data:`CHECKPOINT_BUSY_MS` for readers; False when one held it back.
        """
        with self._lock:
            self._conn.execute(f"PRAGMA busy_timeout={CHECKPOINT_BUSY_MS}")
            try:
                busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                self._conn.execute("PRAGMA busy_timeout=10000")
        return not busy

    def maintain(self) -> None:
        """Upkeep after a delivery pass (the worker calls it; cheap when nothing changed).

        When something was written since the last time: checkpoint the WAL (so requests do not
        live only in ``-wal``) and update the count file. Always: check that ``outbox.key`` is
        still there, and write it back from memory if it was deleted (logged as an error, in
        plain words without key material).
        """
        with self._lock:
            changes = self._conn.total_changes
        if changes != self._maintained_at:
            self._write_count()
            if self.checkpoint():
                self._maintained_at = changes
        try:
            problem = keep_key_file(self.data_dir, self.keys)
        except OSError as error:
            problem = f"the outbox key file cannot be checked or written back ({error.strerror})"
        if problem and problem != self._key_problem:
            log.error("%s", problem)
        self._key_problem = problem

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # --- Internals ---------------------------------------------------------------------------

    def _one(self, sql: str, *params: Any) -> tuple[Any, ...] | None:
        values = [str(p) if isinstance(p, uuid.UUID) else p for p in params]
        with self._lock:
            row: tuple[Any, ...] | None = self._conn.execute(sql, values).fetchone()
        return row

    def _sync_channels(self) -> None:
        """Pending requests follow the configured channels: add new ones, drop removed ones."""
        now = self._clock()
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            pending = [
                row[0]
                for row in self._conn.execute("SELECT id FROM requests WHERE delivered_at IS NULL")
            ]
            self._conn.executemany(
                "INSERT OR IGNORE INTO deliveries (request_id, channel, next_attempt_at) "
                "VALUES (?,?,?)",
                [(rid, channel, now) for rid in pending for channel in self.channels],
            )
            marks = ",".join("?" * len(self.channels))
            self._conn.execute(
                f"DELETE FROM deliveries WHERE done_at IS NULL AND channel NOT IN ({marks})",
                self.channels,
            )
        for rid in pending:  # a request whose only missing channel was removed is now done
            left = self._one(
                "SELECT count(*) FROM deliveries WHERE request_id=? AND done_at IS NULL", rid
            )
            if left is not None and left[0] == 0:
                with self._lock, self._conn:
                    self._conn.execute(
                        "UPDATE requests SET delivered_at=?, key_id=NULL, sealed=NULL WHERE id=?",
                        (now, rid),
                    )
