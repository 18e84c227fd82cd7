"""Health reporting for IT (Qt-free): a status file and Prometheus metrics.

``<data_dir>/status.json`` (see :func:`status_document`) and ``<metrics_dir>/hip_kiosk.prom``
(Prometheus text format for node_exporter's textfile collector, see :func:`prometheus_text`)
are rewritten atomically (a temporary file, then ``os.replace``) at start and every
``monitoring.status_interval_seconds``, so a reader never sees half a file. Neither holds
patient data: requests appear as counts and times only.

Every metric series is always written. When the outbox cannot be read,
``hip_kiosk_outbox_readable`` is 0 and the outbox series keep their last known value (0 if none
was known), so an alert on ``hip_kiosk_outbox_readable == 0`` fires and no series vanishes. The
outbox's problems in plain words (``outbox_attention`` in status.json) are the same sentences
``kiosk outbox status`` prints (:func:`kiosk.visit.status.attention`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.content.model import Library
from kiosk.content.reload import ContentStatus, signature_text
from kiosk.text import one_line

log = logging.getLogger(__name__)

STATUS_FILE = "status.json"
METRICS_FILE = "hip_kiosk.prom"
MAX_ERROR_TEXT = 200


@dataclass(frozen=True, slots=True)
class Health:
    """One reading of the kiosk's health, as written to status.json and the metrics file."""

    started_at: float
    updated_at: float
    content_errors: int
    content_warnings: int
    languages: tuple[str, ...]
    pages_shown: int
    config_problems: int
    requests_pending: int | None
    """None when the outbox cannot be read (or the kiosk takes no requests: 0)."""
    oldest_pending_age_seconds: float | None
    last_delivery_at: float | None
    last_error: str
    version: str = __version__
    outbox_readable: bool = True
    requests_refused: int = 0
    """Waiting requests a receiver refused (kept and retried; staff need to act)."""
    requests_key_missing: int = 0
    """Waiting requests sealed with a key that is not in the data folder."""
    outbox_salvages: int = 0
    """Damaged outboxes replaced by a fresh one (the damaged copy kept aside)."""
    requests_salvaged: int = 0
    requests_lost: int = 0
    """Waiting requests that could not be recovered from a damaged outbox (at most)."""
    outbox_attention: tuple[str, ...] = ()
    """The outbox's problems in plain words, as ``kiosk outbox status`` says them."""
    data_dir_problem: str = ""
    """Why the configured data folder could not be used (the kiosk fell back to another)."""
    pending_last_known: int = 0
    """The last readable ``requests_pending``, kept by the metric while the outbox is not."""
    content: ContentStatus | None = None
    """Live content updates: the version shown and what became of the newest (None: the
    kiosk does not watch its folder, e.g. a one-off reading)."""


def collect(
    library: Library,
    data_dir: Path,
    *,
    started_at: float,
    pages_shown: int,
    config_problems: int,
    last_error: str = "",
    now: float | None = None,
    data_dir_problem: str = "",
    previous: Health | None = None,
    content: ContentStatus | None = None,
) -> Health:
    """Read the outbox (read-only) and put everything IT watches into one :class:`Health`.

    ``previous`` (the last reading) supplies the outbox figures the metrics keep while the
    outbox cannot be read.
    """
    now = time.time() if now is None else now
    from kiosk.visit.status import (  # the outbox's crypto loads after start-up
        OutboxStatus,
        attention,
        read_status,
        unreadable_message,
    )

    readable = True
    try:
        outbox = read_status(data_dir)
    except (sqlite3.Error, OSError) as error:
        readable = False
        outbox = OutboxStatus()
        notes: tuple[str, ...] = (unreadable_message(data_dir, error),)
        if not last_error:
            last_error = f"the outbox cannot be read ({type(error).__name__}: {error})"
    else:
        notes = tuple(attention(outbox))
        if not last_error:
            failing = [c for c in outbox.channels.values() if c.last_error and c.pending]
            if failing:
                latest = max(failing, key=lambda c: c.last_error_at or 0.0)
                last_error = f"delivery: {latest.last_error}"
    known = previous if not readable and previous is not None else None
    oldest = None if outbox.oldest_pending_at is None else max(0.0, now - outbox.oldest_pending_at)
    if known is not None and known.oldest_pending_age_seconds is not None:
        oldest = known.oldest_pending_age_seconds + max(0.0, now - known.updated_at)
    return Health(
        started_at=started_at,
        updated_at=now,
        content_errors=len(library.errors),
        content_warnings=len(library.warnings),
        languages=library.languages,
        pages_shown=pages_shown,
        config_problems=config_problems,
        requests_pending=outbox.pending if readable else None,
        oldest_pending_age_seconds=oldest,
        last_delivery_at=known.last_delivery_at if known else outbox.last_success_at,
        last_error=one_line(last_error, MAX_ERROR_TEXT),
        outbox_readable=readable,
        requests_refused=known.requests_refused if known else outbox.refused,
        requests_key_missing=known.requests_key_missing if known else outbox.unreadable,
        outbox_salvages=known.outbox_salvages if known else len(outbox.salvages),
        requests_salvaged=(
            known.requests_salvaged if known else sum(e.salvaged for e in outbox.salvages)
        ),
        requests_lost=known.requests_lost if known else outbox.requests_lost,
        outbox_attention=notes,
        data_dir_problem=one_line(data_dir_problem, MAX_ERROR_TEXT),
        pending_last_known=_last_pending(readable, outbox.pending, previous),
        content=content,
    )


def _last_pending(readable: bool, pending: int, previous: Health | None) -> int:
    if readable:
        return pending
    return 0 if previous is None else previous.pending_last_known


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat(timespec="seconds")


def content_document(content: ContentStatus | None) -> dict[str, object] | None:
    """status.json's ``content``: the folder, the version shown (when it was read, its
    signature), the newest version's state (``ok``, ``new version refused: 3 errors``...), its
    errors when refused, the last look at the folder, and whether events arrive."""
    if content is None:
        return None
    return {
        "folder": str(content.folder),
        "shown_version": {
            "loaded_at": _iso(content.shown_loaded_at),
            "signature": signature_text(content.shown_signature),
        },
        "state": one_line(content.state, MAX_ERROR_TEXT),
        "pending_problems": content.pending_problems,
        "last_check": _iso(content.last_check),
        "watching": "events and polling" if content.watching else "polling only",
    }


def status_document(health: Health) -> dict[str, object]:
    """The content of status.json: times in ISO 8601 UTC, ages in seconds."""
    age = health.oldest_pending_age_seconds
    return {
        "kiosk_version": health.version,
        "up": True,
        "started_at": _iso(health.started_at),
        "updated_at": _iso(health.updated_at),
        "content_errors": health.content_errors,
        "content_warnings": health.content_warnings,
        "languages": list(health.languages),
        "pages_shown": health.pages_shown,
        "requests_pending": health.requests_pending,
        "oldest_pending_age_seconds": None if age is None else round(age, 1),
        "last_successful_delivery_at": _iso(health.last_delivery_at),
        "outbox_readable": health.outbox_readable,
        "requests_refused": health.requests_refused,
        "requests_key_missing": health.requests_key_missing,
        "outbox_salvages": health.outbox_salvages,
        "requests_salvaged": health.requests_salvaged,
        "requests_lost": health.requests_lost,
        "outbox_attention": list(health.outbox_attention),
        "config_problems": health.config_problems,
        "data_dir_problem": health.data_dir_problem or None,
        "last_error": health.last_error,
        "content": content_document(health.content),
    }


_METRICS: tuple[tuple[str, str, str], ...] = (
    ("hip_kiosk_up", "gauge", "1 while the kiosk runs (the file is rewritten regularly)."),
    ("hip_kiosk_start_time_seconds", "gauge", "Start time of the kiosk, Unix seconds."),
    ("hip_kiosk_content_errors", "gauge", "Content problems that leave a page out."),
    ("hip_kiosk_content_warnings", "gauge", "Content warnings (pages still shown)."),
    (
        "hip_kiosk_content_refused",
        "gauge",
        "1 when the newest version of the content folder was refused (the last good one shows).",
    ),
    (
        "hip_kiosk_content_pending_problems",
        "gauge",
        "Errors in the newest version of the content folder when it was refused; else 0.",
    ),
    (
        "hip_kiosk_content_loaded_timestamp_seconds",
        "gauge",
        "When the content version on screen was read, Unix seconds; 0 when not watched.",
    ),
    ("hip_kiosk_config_problems", "gauge", "Problems found in the settings file."),
    ("hip_kiosk_pages_shown_total", "counter", "Pages shown to patients since the start."),
    ("hip_kiosk_requests_pending", "gauge", "Visit requests waiting to reach the clinic."),
    (
        "hip_kiosk_oldest_pending_seconds",
        "gauge",
        "Age of the oldest waiting visit request; 0 when none waits.",
    ),
    (
        "hip_kiosk_last_delivery_timestamp_seconds",
        "gauge",
        "Time of the last successful delivery, Unix seconds; 0 when there was none yet.",
    ),
    (
        "hip_kiosk_outbox_readable",
        "gauge",
        "1 when the outbox could be read; 0 when not (the outbox series then keep their last "
        "known value).",
    ),
    (
        "hip_kiosk_requests_refused",
        "gauge",
        "Waiting visit requests a receiver refused; kept and retried, but staff must act.",
    ),
    (
        "hip_kiosk_requests_key_missing",
        "gauge",
        "Waiting visit requests sealed with an outbox key that is missing.",
    ),
    (
        "hip_kiosk_outbox_salvaged_total",
        "counter",
        "Damaged outbox files moved aside and replaced by a fresh outbox.",
    ),
    (
        "hip_kiosk_requests_salvaged_total",
        "counter",
        "Waiting visit requests recovered from damaged outbox files.",
    ),
    (
        "hip_kiosk_requests_lost",
        "gauge",
        "Waiting visit requests that could not be recovered from damaged outbox files (at most).",
    ),
    (
        "hip_kiosk_data_dir_fallback",
        "gauge",
        "1 when the configured data folder could not be used and the kiosk fell back to another.",
    ),
    ("hip_kiosk_status_updated_timestamp_seconds", "gauge", "When this file was written."),
)


def _metric_values(health: Health) -> dict[str, float]:
    content = health.content
    pending = (
        health.pending_last_known if health.requests_pending is None else health.requests_pending
    )
    return {
        "hip_kiosk_up": 1,
        "hip_kiosk_start_time_seconds": health.started_at,
        "hip_kiosk_content_errors": health.content_errors,
        "hip_kiosk_content_warnings": health.content_warnings,
        "hip_kiosk_content_refused": int(content is not None and content.refused),
        "hip_kiosk_content_pending_problems": 0 if content is None else content.pending_problems,
        "hip_kiosk_content_loaded_timestamp_seconds": (
            0.0 if content is None else content.shown_loaded_at
        ),
        "hip_kiosk_config_problems": health.config_problems,
        "hip_kiosk_pages_shown_total": health.pages_shown,
        "hip_kiosk_requests_pending": pending,
        "hip_kiosk_oldest_pending_seconds": health.oldest_pending_age_seconds or 0.0,
        "hip_kiosk_last_delivery_timestamp_seconds": health.last_delivery_at or 0.0,
        "hip_kiosk_outbox_readable": int(health.outbox_readable),
        "hip_kiosk_requests_refused": health.requests_refused,
        "hip_kiosk_requests_key_missing": health.requests_key_missing,
        "hip_kiosk_outbox_salvaged_total": health.outbox_salvages,
        "hip_kiosk_requests_salvaged_total": health.requests_salvaged,
        "hip_kiosk_requests_lost": health.requests_lost,
        "hip_kiosk_data_dir_fallback": int(bool(health.data_dir_problem)),
        "hip_kiosk_status_updated_timestamp_seconds": health.updated_at,
    }


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(round(float(value), 3))


def prometheus_text(health: Health) -> str:
    """The metrics in Prometheus text format 0.0.4; every series, always (see the module)."""
    values = _metric_values(health)
    lines: list[str] = []
    for name, kind, help_text in _METRICS:
        lines += [
            f"# HELP {name} {help_text}",
            f"# TYPE {name} {kind}",
            f"{name} {_number(values[name])}",
        ]
    return "\n".join(lines) + "\n"


METRICS_FILE_MODE = 0o644
"""The metrics file is world-readable: node_exporter's textfile collector runs as another user
(point ``monitoring.metrics_dir`` at its folder), and the file holds counts and times only."""
STATUS_FILE_MODE = 0o600
"""status.json stays private to the kiosk's account like every other file it writes (a fleet
tool reads it as that account, or through ``kiosk outbox status --json``)."""


def write_atomically(path: Path, text: str, mode: int = STATUS_FILE_MODE) -> None:
    """Replace ``path`` with ``text`` in one step (temporary file in the same folder, then
    ``os.replace``), with permissions ``mode``; the folder is created if needed. Raises
    OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary name does not end in .prom: the textfile collector must not read it.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, mode)  # mkstemp makes it owner-only
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_health(health: Health, data_dir: Path, metrics_dir: Path) -> None:
    """Write ``<data_dir>/status.json`` and ``<metrics_dir>/hip_kiosk.prom``. Raises OSError."""
    document = json.dumps(status_document(health), indent=2, ensure_ascii=False) + "\n"
    write_atomically(data_dir / STATUS_FILE, document)
    write_atomically(metrics_dir / METRICS_FILE, prometheus_text(health), METRICS_FILE_MODE)


class LastErrorHandler(logging.Handler):
    """Remembers the last ERROR (or worse) logged, one line, for status.json.

    The kiosk's log messages carry no patient data (requests appear by id only), so the text
    may be shown to staff. Tracebacks are left out.
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.text = ""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        self.text = one_line(message, MAX_ERROR_TEXT)


class HealthWriter:
    """Writes the status and metrics files; a failure is logged once (until it works again),
    never raised: monitoring must not stop the kiosk."""

    def __init__(
        self,
        data_dir: Path,
        metrics_dir: Path,
        *,
        started_at: float | None = None,
        data_dir_problem: str = "",
    ) -> None:
        self.data_dir = data_dir
        self.metrics_dir = metrics_dir
        self.started_at = time.time() if started_at is None else started_at
        self.data_dir_problem = data_dir_problem
        """Why the configured data folder was not used (set at start-up); "" when it was."""
        self.last_error = LastErrorHandler()
        self.last: Health | None = None
        self._failing = False

    def attach(self, logger: logging.Logger) -> None:
        """Remember the last error logged through ``logger`` (see :class:`LastErrorHandler`)."""
        logger.addHandler(self.last_error)

    def detach(self, logger: logging.Logger) -> None:
        logger.removeHandler(self.last_error)

    def write(
        self,
        library: Library,
        *,
        pages_shown: int,
        config_problems: int,
        content: ContentStatus | None = None,
    ) -> bool:
        """Collect and write; True when both files were written."""
        try:
            health = collect(
                library,
                self.data_dir,
                started_at=self.started_at,
                pages_shown=pages_shown,
                config_problems=config_problems,
                last_error=self.last_error.text,
                data_dir_problem=self.data_dir_problem,
                previous=self.last,
                content=content,
            )
            self.last = health
            write_health(health, self.data_dir, self.metrics_dir)
        except (OSError, ValueError) as error:
            if not self._failing:
                self._failing = True
                log.warning(
                    "cannot write the status file in %s or metrics in %s (%s); "
                    "will keep trying quietly",
                    self.data_dir,
                    self.metrics_dir,
                    getattr(error, "strerror", None) or error,
                )
            return False
        if self._failing:
            self._failing = False
            log.info("status and metrics files are written again")
        return True
