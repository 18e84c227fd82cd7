"""Health reporting for IT (Qt-free): a status file, Prometheus metrics and the daily restart.

``<data_dir>/status.json`` (see :func:`status_document`) and ``<metrics_dir>/hip_kiosk.prom``
(Prometheus text format for node_exporter's textfile collector, see :func:`prometheus_text`)
are rewritten atomically (a temporary file, then ``os.replace``) at start and every
``monitoring.status_interval_seconds``, so a reader never sees half a file. Neither holds
patient data: requests appear as counts and times only.

Daily restart (``kiosk.daily_restart = "HH:MM"``): :func:`restart_due` decides, from the clock,
the time of the last (re)start and the screen showing, whether the kiosk should exit now with
``ExitCode.RESTART`` so that its supervisor (systemd ``Restart=always``, Shell Launcher) starts
it afresh. Only on a quiet screen (:attr:`kiosk.session.Screen.quiet`), never during a visit:
:mod:`kiosk.upkeep` asks every minute and whenever the kiosk becomes quiet, so a visit under way at
the restart time postpones the restart until that visit ends (at the latest when it times out).
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
from kiosk.session import Screen
from kiosk.text import one_line

log = logging.getLogger(__name__)

STATUS_FILE = "status.json"
METRICS_FILE = "hip_kiosk.prom"
RESTART_CHECK_MS = 60_000
"""How often the kiosk asks :func:`restart_due` (it also asks at every return to attract)."""
MAX_ERROR_TEXT = 200


# --- Status -----------------------------------------------------------------------------------


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


def collect(
    library: Library,
    data_dir: Path,
    *,
    started_at: float,
    pages_shown: int,
    config_problems: int,
    last_error: str = "",
    now: float | None = None,
) -> Health:
    """Read the outbox (read-only) and put everything IT watches into one :class:`Health`."""
    now = time.time() if now is None else now
    pending: int | None = 0
    oldest_age: float | None = None
    last_delivery: float | None = None
    try:
        from kiosk.visit.status import read_status  # the outbox's crypto loads after start-up

        outbox = read_status(data_dir)
    except (sqlite3.Error, OSError) as error:
        pending = None
        last_error = f"the outbox cannot be read ({type(error).__name__})"
    else:
        pending = outbox.pending
        if outbox.oldest_pending_at is not None:
            oldest_age = max(0.0, now - outbox.oldest_pending_at)
        last_delivery = outbox.last_success_at
        if not last_error:
            failing = [c for c in outbox.channels.values() if c.last_error and c.pending]
            if failing:
                latest = max(failing, key=lambda c: c.last_error_at or 0.0)
                last_error = f"delivery: {latest.last_error}"
    return Health(
        started_at=started_at,
        updated_at=now,
        content_errors=len(library.errors),
        content_warnings=len(library.warnings),
        languages=library.languages,
        pages_shown=pages_shown,
        config_problems=config_problems,
        requests_pending=pending,
        oldest_pending_age_seconds=oldest_age,
        last_delivery_at=last_delivery,
        last_error=one_line(last_error, MAX_ERROR_TEXT),
    )


def _iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat(timespec="seconds")


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
        "config_problems": health.config_problems,
        "last_error": health.last_error,
    }


_METRICS: tuple[tuple[str, str, str], ...] = (
    ("hip_kiosk_up", "gauge", "1 while the kiosk runs (the file is rewritten regularly)."),
    ("hip_kiosk_start_time_seconds", "gauge", "Start time of the kiosk, Unix seconds."),
    ("hip_kiosk_content_errors", "gauge", "Content problems that leave a page out."),
    ("hip_kiosk_content_warnings", "gauge", "Content warnings (pages still shown)."),
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
    ("hip_kiosk_status_updated_timestamp_seconds", "gauge", "When this file was written."),
)


def _metric_values(health: Health) -> dict[str, float | None]:
    return {
        "hip_kiosk_up": 1,
        "hip_kiosk_start_time_seconds": health.started_at,
        "hip_kiosk_content_errors": health.content_errors,
        "hip_kiosk_content_warnings": health.content_warnings,
        "hip_kiosk_config_problems": health.config_problems,
        "hip_kiosk_pages_shown_total": health.pages_shown,
        "hip_kiosk_requests_pending": health.requests_pending,
        "hip_kiosk_oldest_pending_seconds": (
            None if health.requests_pending is None else health.oldest_pending_age_seconds or 0.0
        ),
        "hip_kiosk_last_delivery_timestamp_seconds": (
            None if health.requests_pending is None else health.last_delivery_at or 0.0
        ),
        "hip_kiosk_status_updated_timestamp_seconds": health.updated_at,
    }


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) else repr(round(float(value), 3))


def prometheus_text(health: Health) -> str:
    """The metrics in Prometheus text format 0.0.4; outbox figures are left out if unreadable."""
    values = _metric_values(health)
    lines: list[str] = []
    for name, kind, help_text in _METRICS:
        value = values[name]
        if value is None:
            continue
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}", f"{name} {_number(value)}"]
    return "\n".join(lines) + "\n"


HEALTH_FILE_MODE = 0o644
"""World-readable: monitoring agents (node_exporter's textfile collector, a fleet tool) run as
other users, and these files hold no patient data, only counts and times."""


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (temporary file in the same folder, then
    ``os.replace``); the folder is created if needed. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary name does not end in .prom: the textfile collector must not read it.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, HEALTH_FILE_MODE)  # mkstemp makes it owner-only
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_health(health: Health, data_dir: Path, metrics_dir: Path) -> None:
    """Write ``<data_dir>/status.json`` and ``<metrics_dir>/hip_kiosk.prom``. Raises OSError."""
    document = json.dumps(status_document(health), indent=2, ensure_ascii=False) + "\n"
    write_atomically(data_dir / STATUS_FILE, document)
    write_atomically(metrics_dir / METRICS_FILE, prometheus_text(health))


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
        self, data_dir: Path, metrics_dir: Path, *, started_at: float | None = None
    ) -> None:
        self.data_dir = data_dir
        self.metrics_dir = metrics_dir
        self.started_at = time.time() if started_at is None else started_at
        self.last_error = LastErrorHandler()
        self._failing = False

    def attach(self, logger: logging.Logger) -> None:
        """Remember the last error logged through ``logger`` (see :class:`LastErrorHandler`)."""
        logger.addHandler(self.last_error)

    def detach(self, logger: logging.Logger) -> None:
        logger.removeHandler(self.last_error)

    def write(self, library: Library, *, pages_shown: int, config_problems: int) -> bool:
        """Collect and write; True when both files were written."""
        try:
            health = collect(
                library,
                self.data_dir,
                started_at=self.started_at,
                pages_shown=pages_shown,
                config_problems=config_problems,
                last_error=self.last_error.text,
            )
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


# --- Daily restart ----------------------------------------------------------------------------


def parse_restart_time(text: str) -> dt.time | None:
    """``"HH:MM"`` (24-hour) as a time; None for ``""`` (no daily restart) or a bad value."""
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return dt.time(hours, minutes) if len(text.strip()) == 5 else None
    except ValueError:
        return None


def last_scheduled(now: dt.datetime, at: dt.time) -> dt.datetime:
    """The latest moment at or before ``now`` when the clock showed ``at`` (same tz as now)."""
    today = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return today if today <= now else today - dt.timedelta(days=1)


def restart_due(
    now: dt.datetime, last_restart: dt.datetime, screen: Screen, at: dt.time | None
) -> bool:
    """Whether the kiosk should restart now.

    True when a daily restart time ``at`` has passed since ``last_restart`` (the start of this
    process) and ``screen`` shows no patient's visit. During a visit it is False; the caller
    asks again each minute and at the next attract screen,
    which comes at the latest when the visit times out. A kiosk started after today's time
    (a power cut, a crash) waits for tomorrow's.
    """
    if at is None or not screen.quiet:
        return False
    return last_restart < last_scheduled(now, at) <= now
