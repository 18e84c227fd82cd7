"""``kiosk outbox status [--json]``: how many requests wait, since when, and what went wrong.

Reads the outbox read-only (it never creates a key, never needs one, and shows no patient data):
requests waiting and how old the oldest is, requests delivered, requests that can no longer be
opened because their key is missing, requests a receiver refused (they need a person), damaged
outboxes that were replaced (where the damaged copy is, how many requests were recovered), and
per channel the last successful delivery and the last error. Exit 0, or 1 when the outbox
cannot be read (or is damaged and the kiosk has not yet replaced it).

Given the start of a day (``day_start``, the Unix time of local midnight, see
:func:`day_start_of`), :func:`read_status` also counts the requests delivered since then: the
staff panel's "delivered today", and ``delivered_since`` in ``--json`` (with ``day_start``).

:func:`attention` words every problem for staff; the same lines go into ``status.json``
(``outbox_attention``), so the front desk and IT read the same sentences.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kiosk.exit_codes import ExitCode
from kiosk.visit import salvage
from kiosk.visit.crypto import KEY_FILE, key_id, read_key_file
from kiosk.visit.outbox import DB_FILE, connect


class DamagedOutbox(OSError):
    """The outbox file is damaged or lost and the kiosk has not replaced it yet."""


@dataclass
class ChannelStatus:
    pending: int = 0
    last_success_at: float | None = None
    last_error: str = ""
    last_error_at: float | None = None
    refused: int = 0
    """Waiting requests whose last attempt on this channel was refused."""
    refused_error: str = ""


@dataclass
class OutboxStatus:
    pending: int = 0
    delivered: int = 0
    oldest_pending_at: float | None = None
    last_success_at: float | None = None
    unreadable: int = 0
    refused: int = 0
    """Waiting requests that a receiver refused on at least one channel (need a person)."""
    channels: dict[str, ChannelStatus] = field(default_factory=dict)
    salvages: list[salvage.Event] = field(default_factory=list)
    delivered_since: int = 0
    """Requests delivered at or after :func:`read_status`'s ``day_start`` (0 without one)."""

    @property
    def requests_lost(self) -> int:
        """Waiting requests that could not be recovered from damaged outboxes (counted ones)."""
        return sum(event.not_salvaged for event in self.salvages)


def day_start_of(now: float) -> float:
    """The Unix time of the local midnight that began the day of ``now``."""
    moment = dt.datetime.fromtimestamp(now)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def _known_key_ids(data_dir: Path) -> set[str]:
    ids = set()
    for path in data_dir.glob("outbox*.key"):
        try:
            ids.add(key_id(read_key_file(path)))
        except (OSError, ValueError):
            continue
    return ids


def read_status(data_dir: Path, *, day_start: float | None = None) -> OutboxStatus:
    """The outbox's state; sqlite3.Error or OSError (:class:`DamagedOutbox` among them) if it
    cannot be read. With ``day_start`` (Unix time) it counts the requests delivered since then
    in :attr:`OutboxStatus.delivered_since`."""
    status = OutboxStatus()
    path = data_dir / DB_FILE
    count = salvage.read_count(data_dir)  # first: it is written after the database's commits
    problem = salvage.file_problem(path, count)
    if problem:
        raise DamagedOutbox(problem)
    if problem == "":
        return status
    conn = connect(path, read_only=True)
    try:
        _read_requests(conn, status, _known_key_ids(data_dir))
        if day_start is not None:
            status.delivered_since = _delivered_since(conn, day_start)
        problem = salvage.shortfall(
            status.pending + status.delivered, salvage.outbox_id_of(conn), count
        )
        if problem:
            raise DamagedOutbox(problem)
        _read_channels(conn, status)
        _read_salvages(conn, status)
    finally:
        conn.close()
    successes = [c.last_success_at for c in status.channels.values() if c.last_success_at]
    status.last_success_at = max(successes, default=None)
    return status


def _read_requests(conn: sqlite3.Connection, status: OutboxStatus, known: set[str]) -> None:
    row = conn.execute(
        "SELECT count(*) FILTER (WHERE delivered_at IS NULL), "
        "count(*) FILTER (WHERE delivered_at IS NOT NULL), "
        "min(created_at) FILTER (WHERE delivered_at IS NULL) FROM requests"
    ).fetchone()
    status.pending, status.delivered, status.oldest_pending_at = row
    keys = conn.execute(
        "SELECT key_id, count(*) FROM requests WHERE delivered_at IS NULL GROUP BY key_id"
    ).fetchall()
    status.unreadable = sum(count for kid, count in keys if kid not in known)


def _delivered_since(conn: sqlite3.Connection, day_start: float) -> int:
    row = conn.execute(
        "SELECT count(*) FROM requests WHERE delivered_at >= ?", (day_start,)
    ).fetchone()
    return int(row[0])


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _read_channels(conn: sqlite3.Connection, status: OutboxStatus) -> None:
    for channel, pending, success in conn.execute(
        "SELECT channel, count(*) FILTER (WHERE done_at IS NULL), max(done_at) "
        "FROM deliveries GROUP BY channel ORDER BY channel"
    ):
        status.channels[channel] = ChannelStatus(pending, success)
    for channel, error, when in conn.execute(
        "SELECT channel, last_error, max(last_attempt_at) FROM deliveries "
        "WHERE last_error != '' GROUP BY channel"
    ):
        status.channels.setdefault(channel, ChannelStatus())
        status.channels[channel].last_error = error
        status.channels[channel].last_error_at = when
    if "refused" not in _columns(conn, "deliveries"):
        return  # an outbox from before refusals were flagged; the kiosk adds the column
    for channel, refused, error, _when in conn.execute(
        "SELECT channel, count(*), last_error, max(last_attempt_at) FROM deliveries "
        "WHERE done_at IS NULL AND refused=1 GROUP BY channel"
    ):
        status.channels.setdefault(channel, ChannelStatus())
        status.channels[channel].refused = refused
        status.channels[channel].refused_error = error
    status.refused = conn.execute(
        "SELECT count(DISTINCT request_id) FROM deliveries WHERE done_at IS NULL AND refused=1"
    ).fetchone()[0]


def _read_salvages(conn: sqlite3.Connection, status: OutboxStatus) -> None:
    if not _columns(conn, "salvage"):
        return
    for row in conn.execute(
        "SELECT at, reason, damaged_copy, salvaged, not_salvaged, counted FROM salvage ORDER BY at"
    ):
        at, reason, copy, salvaged, lost, counted = row
        status.salvages.append(
            salvage.Event(
                float(at), str(reason), str(copy), int(salvaged), int(lost), bool(counted)
            )
        )


def _when(stamp: float | None) -> str:
    if stamp is None:
        return "never"
    return dt.datetime.fromtimestamp(stamp, dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _age(seconds: float) -> str:
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' * (minutes != 1)}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' * (hours != 1)}"
    return f"{hours // 24} days"


def attention(status: OutboxStatus) -> list[str]:
    """Every problem staff should know about, one plain sentence or two each."""
    lines = []
    for event in status.salvages:
        where = (
            f"It was moved to {event.damaged_copy} in the data folder (keep it for IT; do not "
            f"delete it)."
            if event.damaged_copy
            else "There was nothing left to keep."
        )
        recovered = (
            f"{event.salvaged} waiting request(s) were recovered from it and are sent as usual."
            if event.salvaged
            else "No request was waiting in it."
            if event.counted and not event.not_salvaged
            else "No waiting request could be recovered from it."
        )
        lines.append(
            f"NOTE: on {_when(event.at)} the kiosk found its outbox damaged: {event.reason}. "
            f"{where} {recovered}"
        )
        if event.not_salvaged and event.counted:
            lines.append(
                f"PROBLEM: up to {event.not_salvaged} waiting request(s) could not be recovered "
                f"from the damaged outbox of {_when(event.at)}. Those patients may not be called "
                f"back: ask IT to look at the damaged copy."
            )
        elif not event.counted:
            more = f"{event.not_salvaged} could not be recovered, and " * bool(event.not_salvaged)
            lines.append(
                f"PROBLEM: {more}it is not known whether every waiting request was recovered "
                f"from the damaged outbox of {_when(event.at)}. Ask IT to look at the damaged "
                f"copy."
            )
    if status.unreadable:
        lines.append(
            f"PROBLEM: {status.unreadable} waiting request(s) cannot be read because the outbox "
            f"key changed or was lost. Put the old key file back in the data folder as "
            f"outbox-restored.key (from a backup) and restart the kiosk. Do not delete "
            f"{DB_FILE}."
        )
    for name, channel in sorted(status.channels.items()):
        if channel.refused:
            lines.append(
                f"NEEDS ATTENTION: {channel.refused} request(s) were refused by {name} "
                f"({channel.refused_error or 'no reason given'}): they cannot be delivered this "
                f"way as things are set up. They are kept and retried; ask IT to check the "
                f"{name} settings."
            )
    return lines


def headline(status: OutboxStatus, now: float) -> str:
    """The first line of the status: what waits, or that nothing does."""
    if status.pending:
        assert status.oldest_pending_at is not None
        age = _age(now - status.oldest_pending_at)
        return f"{status.pending} visit request(s) waiting to be sent; oldest {age} old."
    if any(event.maybe_lost for event in status.salvages):
        return "No visit requests are waiting to be sent (but see the PROBLEM below)."
    return "All visit requests have been delivered; none are waiting."


def _text(status: OutboxStatus, now: float) -> list[str]:
    lines = [headline(status, now)]
    lines.append(f"{status.delivered} request(s) delivered so far.")
    lines.append(f"Last successful delivery: {_when(status.last_success_at)}.")
    lines += attention(status)
    for name, channel in sorted(status.channels.items()):
        line = f"  {name}: {channel.pending} waiting, last success {_when(channel.last_success_at)}"
        if channel.last_error:
            line += f", last error {_when(channel.last_error_at)}: {channel.last_error}"
        lines.append(line + ".")
    return lines


def unreadable_message(data_dir: Path, error: BaseException) -> str:
    """Plain words for an outbox that cannot be read (shared with status.json)."""
    if isinstance(error, DamagedOutbox):
        return (
            f"PROBLEM: the outbox in {data_dir} is damaged: {error}. Restart the kiosk: it "
            f"keeps the damaged file, recovers the requests it can and starts a fresh outbox."
        )
    return f"The outbox in {data_dir} cannot be read ({type(error).__name__}: {error})."


def outbox_status_command(data_dir: Path, out: TextIO, *, as_json: bool) -> int:
    """Print the outbox status for staff (or as JSON); 0, or 1 if it cannot be read."""
    now = time.time()
    day_start = day_start_of(now)
    try:
        status = read_status(data_dir, day_start=day_start)
    except (sqlite3.Error, OSError) as error:
        message = unreadable_message(data_dir, error)
        if as_json:
            out.write(json.dumps({"ok": False, "error": message}) + "\n")
        else:
            out.write(message + "\n")
        return ExitCode.FAILED
    if as_json:
        document: dict[str, Any] = {"ok": True, **asdict(status)}
        document["oldest_pending_age_seconds"] = (
            None if status.oldest_pending_at is None else max(0.0, now - status.oldest_pending_at)
        )
        document["key_file_present"] = (data_dir / KEY_FILE).exists()
        document["headline"] = headline(status, now)
        document["attention"] = attention(status)
        document["requests_lost"] = status.requests_lost
        document["day_start"] = day_start
        out.write(json.dumps(document, indent=2, sort_keys=True) + "\n")
    else:
        out.write("\n".join(_text(status, now)) + "\n")
    return ExitCode.OK
