"""The daily usage totals on disk: one SQLite table of (day, metric, key) -> count, nothing else.

``<data_dir>/usage.sqlite`` holds the single table ``daily``; a row is a day's total, never a
visit, and the only time it knows is the local date. :meth:`UsageStore.add` adds one visit's
counts to a day in one transaction and never raises: a problem is logged and the counts are
dropped (usage counts are never worth stopping the kiosk for). Decisions:

* Bounded on every axis: days older than :data:`RETENTION_DAYS` are pruned on each add; a day
  holds at most :data:`MAX_KEYS_PER_DAY` page, language and question keys (later new ones fold
  into ``other``; the fixed keys, visits first, always count as themselves); a key is cut
  to :data:`MAX_KEY_CHARS`; a count stops at :data:`MAX_COUNT`; only the metrics of
  :data:`kiosk.usage.tally.METRICS` are kept.
* A clock that jumps only files counts under another day. A jump far forward prunes the days
  that then look old; days ahead of a clock set back are kept until they age out.
* A damaged file (not a database, or one with another schema) is moved aside as
  ``usage.sqlite.damaged-<n>`` and a fresh one started; :attr:`UsageStore.problem` says so in
  one sentence for the staff panel.
* The panel reads :meth:`UsageStore.table_rows`: the last :data:`RECENT_DAYS` days row by
  row and one sum per key for every other day, so a full store (two years of the most keys a
  day may hold, about 366,000 rows) is read as about 15,000.
* The rollback journal (not WAL), so ``kiosk usage`` reads the file read-only under any
  account without creating a side file; a fresh file is created 0600 under a temporary name
  and renamed into place, and SQLite gives its journal the same mode.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.text import one_line
from kiosk.usage.tally import FIXED_KEYS, METRICS, OTHER

log = logging.getLogger(__name__)

USAGE_FILE = "usage.sqlite"
"""The store's file name in the data folder."""
DAMAGED_INFIX = ".damaged-"
RETENTION_DAYS = 731
"""Days kept before the day being added (two years and a day): older days are pruned."""
MAX_KEYS_PER_DAY = 500
"""Distinct keys from outside (page slugs, language codes, form questions) a day may hold;
new ones past it are counted as ``other``. Metrics with fixed keys (visits, time buckets, the
form funnel) are never folded: any key outside their vocabulary is ``other``."""
MAX_KEY_CHARS = 80
"""Longest key kept (a page slug, a language code); longer keys are cut."""
MAX_COUNT = 10**12
"""Largest count a row holds; larger sums stop here instead of overflowing SQLite's integers."""
RECENT_DAYS = 30
"""Days up to today kept apart by :meth:`UsageStore.table_rows` (the table's longest recent
window); every other day is summed per (metric, key), as the table needs no more."""
MAX_DAMAGED_COPIES = 9
"""Damaged files kept aside; past this a damaged file is deleted instead (counts, not requests)."""
BUSY_TIMEOUT_SECONDS = 1.0
"""Longest an add waits for a reader (``kiosk usage``) to let go of the file."""
FILE_MODE = 0o600
FOLDER_MODE = 0o700
SIDE_SUFFIXES = ("-journal", "-wal", "-shm")
"""SQLite's side files, moved aside with a damaged file so a fresh one never replays them."""

SCHEMA = (
    "CREATE TABLE daily (day TEXT NOT NULL, metric TEXT NOT NULL, key TEXT NOT NULL, "
    "count INTEGER NOT NULL, PRIMARY KEY (day, metric, key))"
)
COLUMNS = ("day", "metric", "key", "count")

_DAMAGE_CODES = {11, 26}
"""SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged, not merely busy or unwritable."""


@dataclass(frozen=True, slots=True)
class DailyRow:
    day: dt.date
    metric: str
    key: str
    count: int


class DamagedUsage(sqlite3.DatabaseError):
    """The file is not a usage store: not a database, damaged, or another schema."""


def is_damage(error: BaseException) -> bool:
    """Whether ``error`` says the file is damaged (not merely busy, locked or unwritable)."""
    if isinstance(error, DamagedUsage):
        return True
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE_CODES


def check_schema(conn: sqlite3.Connection) -> None:
    """Raise :class:`DamagedUsage` unless the database holds exactly the ``daily`` table."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    columns = tuple(row[1] for row in conn.execute("PRAGMA table_info(daily)"))
    if tables != ["daily"] or columns != COLUMNS:
        raise DamagedUsage(f"it holds {', '.join(tables) or 'no tables'} instead of usage counts")


def _rows(conn: sqlite3.Connection, today: dt.date | None = None) -> list[DailyRow]:
    query = "SELECT day, metric, key, count FROM daily"
    parameters: dict[str, str] = {}
    if today is not None:
        first, last = (today - dt.timedelta(days=RECENT_DAYS - 1)).isoformat(), today.isoformat()
        query = (
            "SELECT day, metric, key, count FROM daily WHERE day BETWEEN :first AND :last "
            "UNION ALL SELECT min(day), metric, key, sum(count) FROM daily "
            "WHERE day NOT BETWEEN :first AND :last GROUP BY metric, key"
        )
        parameters = {"first": first, "last": last}
    rows = []
    for day, metric, key, count in conn.execute(f"{query} ORDER BY 1, 2, 3", parameters):
        try:  # a hand-edited file may hold anything; such a row is not shown
            rows.append(DailyRow(dt.date.fromisoformat(day), str(metric), str(key), int(count)))
        except (TypeError, ValueError):
            continue
    return rows


def read_rows(path: Path, today: dt.date | None = None) -> list[DailyRow]:
    """The rows of the store at ``path`` (with ``today``: as :meth:`UsageStore.table_rows`),
    opened read-only: the file is never created.

    Raises FileNotFoundError when there is no file, :class:`DamagedUsage` (a sqlite3.Error)
    when it is not a usage store, another sqlite3.Error or OSError when it cannot be read."""
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    uri = f"{path.absolute().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        check_schema(conn)
        return _rows(conn, today)
    finally:
        conn.close()


def _clean_key(key: str) -> str:
    return one_line(key, MAX_KEY_CHARS) or OTHER


def _count(value: object) -> int:
    return min(value, MAX_COUNT) if isinstance(value, int) and value > 0 else 0


class UsageStore:
    """The daily totals in one SQLite file; every method is safe to call whatever the file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""
        """One plain sentence for the staff panel (counting restarted, counts not saved)."""
        self._restarted = ""
        self._prepared = False
        self._prepare()

    def add(self, counts: Mapping[tuple[str, str], int], day: dt.date) -> bool:
        """Add one visit's counts to ``day``'s totals in one transaction; False if they were
        not stored (the reason is logged and in :attr:`problem`)."""
        for attempt in range(2):
            try:
                with self._connection() as conn:
                    self._add(conn, counts, day)
            except sqlite3.Error as error:
                if attempt == 0 and is_damage(error):
                    self._set_aside(str(error))
                    continue
                return self._failed(error)
            except (OSError, ValueError, OverflowError) as error:
                return self._failed(error)
            self.problem = self._restarted
            return True
        return False  # pragma: no cover - the loop returns on its second pass

    def rows(self) -> list[DailyRow]:
        """Every day's totals, oldest first; [] when the file cannot be read (logged)."""
        return self._read(None)

    def table_rows(self, today: dt.date) -> list[DailyRow]:
        """What :func:`kiosk.usage.table.usage_table` needs for ``today``, read in one query:
        the last :data:`RECENT_DAYS` days as they are, every other day summed into one row
        per (metric, key) dated on the earliest of them. The same table as from :meth:`rows`,
        from at most about ``RECENT_DAYS * MAX_KEYS_PER_DAY`` rows plus one per key kept."""
        return self._read(today)

    def _read(self, today: dt.date | None) -> list[DailyRow]:
        try:
            with self._connection() as conn:
                return _rows(conn, today)
        except (sqlite3.Error, OSError) as error:
            log.warning("usage counts cannot be read from %s: %s", self.path, error)
            return []

    def _failed(self, error: BaseException) -> bool:
        log.warning("usage counts not saved in %s: %s", self.path, one_line(str(error), 200))
        self.problem = " ".join(
            filter(None, (self._restarted, f"Usage counts cannot be saved in {self.path}."))
        )
        return False

    # --- Opening ---------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Check the file once: a fresh one if there is none, set aside if damaged."""
        try:
            if not self.path.exists():
                self._create()
            else:
                conn = self._open()
                try:
                    check_schema(conn)
                    result = conn.execute("PRAGMA quick_check").fetchone()
                    if result is None or result[0] != "ok":
                        raise DamagedUsage("its check failed")
                finally:
                    conn.close()
            self._prepared = True
        except sqlite3.Error as error:
            if is_damage(error):
                self._set_aside(str(error))
            else:
                self._failed(error)
        except OSError as error:
            self._failed(error)

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA secure_delete=ON")
        return conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if not self._prepared or not self.path.exists():
            self._prepared = False
            self._prepare()
            if not self._prepared:
                raise OSError(f"{self.path} cannot be opened")
        conn = self._open()
        try:
            check_schema(conn)
            yield conn
        finally:
            conn.close()

    def _create(self) -> None:
        """A fresh, empty store, made 0600 under a temporary name then renamed into place."""
        folder = self.path.parent
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        temp = folder / f".{self.path.name}.{secrets.token_hex(6)}.tmp"
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        try:
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute(SCHEMA)
            finally:
                conn.close()
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def _set_aside(self, reason: str) -> None:
        """Move the damaged file (and its side files) aside, start afresh, say so."""
        log.error("usage counts file %s is damaged (%s); starting a fresh one", self.path, reason)
        kept = self._free_damaged_name()
        try:
            for suffix in ("", *SIDE_SUFFIXES):
                side = self.path.with_name(self.path.name + suffix)
                if not side.exists():
                    continue
                if kept is None:
                    side.unlink()
                else:
                    os.replace(side, kept.with_name(kept.name + suffix))
            self._create()
        except (OSError, sqlite3.Error) as error:
            self._prepared = False
            self._failed(error)
            return
        self._prepared = True
        today = dt.date.today().isoformat()
        where = (
            f"kept as {kept.name} in the data folder"
            if kept is not None
            else f"deleted ({MAX_DAMAGED_COPIES} damaged copies are already kept)"
        )
        self._restarted = (
            f"Usage counts restarted on {today}: the old file was damaged and {where}."
        )
        self.problem = self._restarted

    def _free_damaged_name(self) -> Path | None:
        for number in range(1, MAX_DAMAGED_COPIES + 1):
            candidate = self.path.with_name(f"{self.path.name}{DAMAGED_INFIX}{number}")
            if not candidate.exists():
                return candidate
        return None

    # --- Adding ----------------------------------------------------------------------------

    def _add(
        self, conn: sqlite3.Connection, counts: Mapping[tuple[str, str], int], day: dt.date
    ) -> None:
        name = day.isoformat()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "DELETE FROM daily WHERE day < ?",
                ((day - dt.timedelta(days=RETENTION_DAYS)).isoformat(),),
            )
            held = {
                (str(metric), str(key))
                for metric, key in conn.execute(
                    "SELECT metric, key FROM daily WHERE day = ?", (name,)
                )
            }
            additions = self._folded(counts, held)
            conn.executemany(
                "INSERT INTO daily (day, metric, key, count) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (day, metric, key) "
                "DO UPDATE SET count = min(count + excluded.count, ?)",
                [
                    (name, metric, key, count, MAX_COUNT)
                    for (metric, key), count in additions.items()
                ],
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled back on damage
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _folded(
        counts: Mapping[tuple[str, str], int], held: set[tuple[str, str]]
    ) -> dict[tuple[str, str], int]:
        """The counts to add: unknown metrics dropped, keys cut, a fixed metric's strange key
        and open keys past the day's limit counted as ``other``."""
        additions: dict[tuple[str, str], int] = {}
        open_keys = sum(1 for metric, _ in held if metric not in FIXED_KEYS)
        dropped = 0
        for (metric, key), value in counts.items():
            count = _count(value)
            if metric not in METRICS or not isinstance(key, str):
                dropped += 1
                continue
            if not count:
                continue
            row = (metric, _clean_key(key))
            fixed = FIXED_KEYS.get(metric)
            if fixed is not None:
                row = row if row[1] in fixed else (metric, OTHER)
            elif row not in held and open_keys >= MAX_KEYS_PER_DAY:
                row = (metric, OTHER)
            if row not in held:
                held.add(row)
                open_keys += fixed is None
            additions[row] = min(additions.get(row, 0) + count, MAX_COUNT)
        if dropped:
            log.warning("usage counts: %d count(s) of unknown metrics dropped", dropped)
        return additions
