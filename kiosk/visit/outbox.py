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
  ``next_attempt_at`` and ``last_error`` (error class and status code only, never patient data).
  Backoff state lives here, so retries survive restarts.

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
from kiosk.visit.crypto import Keyring, SealError, load_keyring
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import from_json_dict, to_json_dict

DB_FILE = "outbox.sqlite3"
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
    PRIMARY KEY (request_id, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at) WHERE done_at IS NULL;
"""

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
        self.path = data_dir / DB_FILE
        self.channels = tuple(dict.fromkeys(channels))
        self._clock = clock
        self._lock = threading.Lock()
        try:
            self._conn = connect(self.path)
            self._conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as error:
            raise OutboxError(f"the outbox {self.path} cannot be opened ({error})") from None
        self.keys: Keyring = load_keyring(data_dir)
        self._sync_channels()
        unreadable = self.unreadable_count()
        if unreadable:
            log.error(
                "%d waiting requests were sealed with a key that is missing; they are kept "
                "until the old outbox key is restored",
                unreadable,
            )

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
        log.info("request %s stored in the outbox", request.id)

    def load(self, request_id: uuid.UUID) -> VisitRequest:
        """The request as submitted; :class:`SealError` if it cannot be opened or is gone."""
        row = self._one("SELECT key_id, sealed FROM requests WHERE id=?", request_id)
        if row is None or row[1] is None:
            raise SealError("the request is not waiting in the outbox")
        data = json.loads(self.keys.open(request_id, row[0], row[1]))
        return from_json_dict({**data, "id": str(request_id)})

    # --- Delivery bookkeeping ----------------------------------------------------------------

    def due(self, now: float, limit: int = 100) -> list[Due]:
        """Requests with at least one channel due at ``now``, oldest first (readable ones)."""
        known = self.keys.known_ids()
        with self._lock:
            rows = self._conn.execute(
                "SELECT d.request_id, group_concat(d.channel, ' '), r.key_id "
                "FROM deliveries d JOIN requests r ON r.id = d.request_id "
                "WHERE d.done_at IS NULL AND d.next_attempt_at <= ? "
                "GROUP BY d.request_id ORDER BY min(r.created_at) LIMIT ?",
                (now, limit * 4),
            ).fetchall()
        found = [Due(uuid.UUID(rid), tuple(sorted(chs.split())), kid) for rid, chs, kid in rows]
        return [due for due in found if due.key_id in known][:limit]

    def next_due_at(self) -> float | None:
        """When the earliest pending attempt is due (readable requests only); None if none."""
        known = sorted(self.keys.known_ids())
        marks = ",".join("?" * len(known))
        row = self._one(
            "SELECT min(d.next_attempt_at) FROM deliveries d JOIN requests r ON r.id=d.request_id "
            f"WHERE d.done_at IS NULL AND r.key_id IN ({marks})",
            *known,
        )
        return None if row is None or row[0] is None else float(row[0])

    def record_success(self, request_id: uuid.UUID, channel: str, now: float) -> bool:
        """Mark ``channel`` delivered; True when that completed the request (data deleted)."""
        rid = str(request_id)
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute(
                "UPDATE deliveries SET done_at=?, last_attempt_at=?, attempts=attempts+1, "
                "last_error='' WHERE request_id=? AND channel=? AND done_at IS NULL",
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
        self, request_id: uuid.UUID, channel: str, now: float, error: str, retry_at: float
    ) -> None:
        """Count a failed attempt on ``channel`` and schedule the next at ``retry_at``."""
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE deliveries SET attempts=attempts+1, last_attempt_at=?, last_error=?, "
                "next_attempt_at=? WHERE request_id=? AND channel=? AND done_at IS NULL",
                (now, scrub(error), retry_at, str(request_id), channel),
            )

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

    def checkpoint(self) -> None:
        """Fold the WAL into the database and truncate it (drops old page images)."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
