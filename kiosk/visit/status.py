"""``kiosk outbox status [--json]``: how many requests wait, since when, and what went wrong.

Reads the outbox read-only (it never creates a key, never needs one, and shows no patient data):
requests waiting and how old the oldest is, requests delivered, requests that can no longer be
opened because their key is missing, and per channel the last successful delivery and the last
error. Exit 0, or 1 when the outbox cannot be read.
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
from kiosk.visit.crypto import KEY_FILE, key_id, read_key_file
from kiosk.visit.outbox import DB_FILE, connect


@dataclass
class ChannelStatus:
    pending: int = 0
    last_success_at: float | None = None
    last_error: str = ""
    last_error_at: float | None = None


@dataclass
class OutboxStatus:
    pending: int = 0
    delivered: int = 0
    oldest_pending_at: float | None = None
    last_success_at: float | None = None
    unreadable: int = 0
    channels: dict[str, ChannelStatus] = field(default_factory=dict)


def _known_key_ids(data_dir: Path) -> set[str]:
    ids = set()
    for path in data_dir.glob("outbox*.key"):
        try:
            ids.add(key_id(read_key_file(path)))
        except (OSError, ValueError):
            continue
    return ids


def read_status(data_dir: Path) -> OutboxStatus:
    """The outbox's state; sqlite3.Error or OSError if it cannot be read."""
    status = OutboxStatus()
    path = data_dir / DB_FILE
    if not path.exists():
        return status
    conn = connect(path, read_only=True)
    try:
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE delivered_at IS NULL), "
            "count(*) FILTER (WHERE delivered_at IS NOT NULL), "
            "min(created_at) FILTER (WHERE delivered_at IS NULL) FROM requests"
        ).fetchone()
        status.pending, status.delivered, status.oldest_pending_at = row
        known = _known_key_ids(data_dir)
        keys = conn.execute(
            "SELECT key_id, count(*) FROM requests WHERE delivered_at IS NULL GROUP BY key_id"
        ).fetchall()
        status.unreadable = sum(count for kid, count in keys if kid not in known)
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
    finally:
        conn.close()
    successes = [c.last_success_at for c in status.channels.values() if c.last_success_at]
    status.last_success_at = max(successes, default=None)
    return status


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


def _text(status: OutboxStatus, now: float) -> list[str]:
    lines = []
    if status.pending == 0:
        lines.append("All visit requests have been delivered; none are waiting.")
    else:
        assert status.oldest_pending_at is not None
        age = _age(now - status.oldest_pending_at)
        lines.append(f"{status.pending} visit request(s) waiting to be sent; oldest {age} old.")
    lines.append(f"{status.delivered} request(s) delivered so far.")
    lines.append(f"Last successful delivery: {_when(status.last_success_at)}.")
    if status.unreadable:
        lines.append(
            f"PROBLEM: {status.unreadable} waiting request(s) cannot be read because the outbox "
            f"key changed or was lost. Put the old key file back in the data folder as "
            f"outbox-restored.key (from a backup) and restart the kiosk. Do not delete "
            f"{DB_FILE}."
        )
    for name, channel in sorted(status.channels.items()):
        line = f"  {name}: {channel.pending} waiting, last success {_when(channel.last_success_at)}"
        if channel.last_error:
            line += f", last error {_when(channel.last_error_at)}: {channel.last_error}"
        lines.append(line + ".")
    return lines


def outbox_status_command(data_dir: Path, out: TextIO, *, as_json: bool) -> int:
    """Print the outbox status for staff (or as JSON); 0, or 1 if it cannot be read."""
    try:
        status = read_status(data_dir)
    except (sqlite3.Error, OSError) as error:
        message = f"The outbox in {data_dir} cannot be read ({type(error).__name__}: {error})."
        if as_json:
            out.write(json.dumps({"ok": False, "error": message}) + "\n")
        else:
            out.write(message + "\n")
        return ExitCode.FAILED
    now = time.time()
    if as_json:
        document: dict[str, Any] = {"ok": True, **asdict(status)}
        document["oldest_pending_age_seconds"] = (
            None if status.oldest_pending_at is None else max(0.0, now - status.oldest_pending_at)
        )
        document["key_file_present"] = (data_dir / KEY_FILE).exists()
        out.write(json.dumps(document, indent=2, sort_keys=True) + "\n")
    else:
        out.write("\n".join(_text(status, now)) + "\n")
    return ExitCode.OK
