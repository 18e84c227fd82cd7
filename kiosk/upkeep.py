"""Between-visits upkeep: the jobs that run while no patient is using the kiosk.

- **Content reload**: staff edit the content folder; :class:`~kiosk.content.reload.ContentReloader`
  notices it (events, and a poll), reads the new version on its own thread and hands it over
  here (a queued signal, on the UI thread). A version without errors is swapped in whole by
  :attr:`Upkeep.content_reloaded`, at once when the kiosk is quiet, else when the visit ends:
  a patient never sees a page change under their finger. A version with errors (or none at
  all: the folder deleted, emptied, replaced by a file) is refused: the last good version stays
  on screen, and status.json's ``content`` says why.
- **Daily restart** (``kiosk.daily_restart``): at the first quiet moment after the set time the
  event loop ends with :attr:`ExitCode.RESTART` for the supervisor (see
  :func:`kiosk.restart.restart_due`).
- **Health files**: ``status.json`` and the Prometheus file, at start and every
  ``monitoring.status_interval_seconds``, with the number of pages shown since the start.

Upkeep learns what the screen shows from :meth:`Upkeep.follow_view` (connected to the app's
``view_shown`` signal); "quiet" is :attr:`kiosk.session.Screen.quiet`.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.content.model import Library
from kiosk.content.reload import (
    REFUSED_STATE,
    Candidate,
    ContentReloader,
    ContentStatus,
    ReloadTimings,
    takes,
)
from kiosk.content.watch import folder_signature
from kiosk.exit_codes import Exitable, ExitCode
from kiosk.health import HealthWriter
from kiosk.restart import RESTART_CHECK_MS, parse_restart_time, restart_due
from kiosk.session import Screen, View

log = logging.getLogger(__name__)

RELOAD_TIMINGS = ReloadTimings()
"""Debounce, poll, deadline (see kiosk.content.reload); tests replace it with short ones."""


class Upkeep(QObject):
    """Reloads content, restarts daily and writes health files, between visits only."""

    content_reloaded = Signal(object)
    """The new :class:`~kiosk.content.model.Library` after staff changed the folder."""
    _candidate_found = Signal(object)
    """A :class:`~kiosk.content.reload.Candidate`, from the reloader's thread (queued)."""

    def __init__(
        self,
        app: Exitable,
        library: Library,
        config: Config,
        *,
        data_dir: Path | None = None,
        config_problems: int = 0,
        parent: QObject | None = None,
    ) -> None:
        """With ``data_dir`` the kiosk writes status.json and metrics (see kiosk.health)."""
        super().__init__(parent)
        self._app = app
        self._config = config
        self._config_problems = config_problems
        self.library = library
        self.started_at = time.time()
        """When this kiosk process started (Unix time; the health files and the staff panel)."""
        self.pages_shown = 0
        self.staff_busy = False
        """Staff have the PIN pad, the panel or cleaning mode up: no daily restart under them."""
        self._data_dir_problem = ""
        self._screen = Screen.ATTRACT
        self._init_content_check()
        self._init_daily_restart()
        self._init_health(data_dir)

    def _init_content_check(self) -> None:
        root = self.library.root
        signature = folder_signature(root)  # the start-up version: the last good one so far
        self._shown = (time.time(), signature)
        self._waiting: Candidate | None = None
        self._refused: Candidate | None = None
        self._candidate_found.connect(self._judge)
        self.reloader = ContentReloader(
            root, signature, self._candidate_found.emit, timings=RELOAD_TIMINGS
        )
        reloader = self.reloader  # not self: the wrapper is going away
        self.destroyed.connect(lambda: reloader.stop())  # no emit into a deleted object

    def _init_daily_restart(self) -> None:
        self._started = dt.datetime.now()
        self._restart_at = parse_restart_time(self._config.kiosk.daily_restart)
        self._restart_timer = QTimer(self, interval=RESTART_CHECK_MS)
        self._restart_timer.timeout.connect(self.check_daily_restart)

    def _init_health(self, data_dir: Path | None) -> None:
        self.health: HealthWriter | None = None
        interval = self._config.monitoring.status_interval_seconds * 1000
        self._health_timer = QTimer(self, interval=interval)
        self._health_timer.timeout.connect(self.write_health)
        if data_dir is not None:
            self.health = HealthWriter(
                data_dir, self._config.effective_metrics_dir(data_dir), started_at=self.started_at
            )

    @property
    def quiet(self) -> bool:
        return self._screen.quiet

    @property
    def data_dir_problem(self) -> str:
        """Why the configured data folder is not the one in use ("" when it is)."""
        return self._data_dir_problem

    @data_dir_problem.setter
    def data_dir_problem(self, problem: str) -> None:
        self._data_dir_problem = problem
        if self.health is not None:
            self.health.data_dir_problem = problem
            self.write_health()

    def start(self) -> None:
        """Start the timers and the content reloader, and write the first health files."""
        self.reloader.start()
        if self._restart_at is not None:
            self._restart_timer.start()
        if self.health is not None:
            self.health.attach(logging.getLogger("kiosk"))
            self._health_timer.start()
        self.write_health()

    def stop(self) -> None:
        """Stop the timers and the reloader (its thread and its watch end)."""
        self.reloader.stop()
        self._health_timer.stop()
        self._restart_timer.stop()
        if self.health is not None:
            self.health.detach(logging.getLogger("kiosk"))

    def follow_view(self, view: View) -> None:
        """What the window shows now: pages are counted; becoming quiet runs the checks."""
        was_quiet = self.quiet
        self._screen = view.screen
        if view.screen is Screen.PAGE:
            self.pages_shown += 1
        if self.quiet and not was_quiet:
            self._take_waiting()
            self.check_content()
            self.check_daily_restart()

    def write_health(self) -> bool:
        """Rewrite status.json and the metrics file (when the kiosk has a data folder)."""
        if self.health is None:
            return False
        return self.health.write(
            self.library,
            pages_shown=self.pages_shown,
            config_problems=self._config_problems,
            content=self.content_status(),
        )

    def check_daily_restart(self, now: dt.datetime | None = None) -> bool:
        """End the event loop with ExitCode.RESTART if the daily restart is due and the kiosk
        is quiet."""
        now = dt.datetime.now() if now is None else now
        if self.staff_busy or not restart_due(now, self._started, self._screen, self._restart_at):
            return False
        log.info(
            "daily restart (kiosk.daily_restart = %s): exiting with code %d for the supervisor",
            self._config.kiosk.daily_restart,
            ExitCode.RESTART,
        )
        self._restart_timer.stop()
        self._app.exit(ExitCode.RESTART)
        return True

    # --- Content -------------------------------------------------------------------------

    def check_content(self) -> None:
        """Ask the reloader to compare the folder now rather than at its next poll; a changed
        folder is read on its thread after the debounce and arrives by
        :attr:`content_reloaded` (only while quiet, never mid-visit)."""
        self.reloader.check_now()

    def reload_now(self) -> None:
        """Staff touched "Reload the pages now": read the folder at once, changed or not. The
        version read is judged and swapped in like any other (never under a visit)."""
        log.info("content: staff asked to read %s again", self.library.root)
        self.reloader.reload_now()

    def content_status(self) -> ContentStatus:
        """The content part of status.json: the version shown and what became of the newest."""
        refused, waiting = self._refused, self._waiting
        if refused is not None:
            state = f"{REFUSED_STATE}: {refused.refused}"
        elif waiting is not None:
            state = "new version waiting for the end of the visit"
        elif self.library.errors:
            state = f"shown with {len(self.library.errors)} errors"
        else:
            state = "ok"
        return ContentStatus(
            folder=self.library.root,
            shown_loaded_at=self._shown[0],
            shown_signature=self._shown[1],
            pending_problems=0 if refused is None else refused.errors,
            last_check=self.reloader.last_check,
            state=state,
            watching=self.reloader.watching,
        )

    def _judge(self, candidate: Candidate) -> None:
        """A new version was read (UI thread): keep it for the next quiet moment, or refuse it
        and keep the last good one."""
        shown = self._waiting.library if self._waiting is not None else self.library
        assert shown is not None
        if takes(candidate, shown):
            self._refused = None
            self._waiting = candidate
            if self._take_waiting():
                return
            log.info("content: a new version of %s waits for the visit to end", candidate.root)
        else:
            self._refused = candidate
            log.error(
                "content: new version of %s refused (%s); still showing the version read at %s",
                candidate.root,
                candidate.refused,
                time.strftime("%H:%M:%S", time.localtime(self._shown[0])),
            )
        self.write_health()

    def _take_waiting(self) -> bool:
        """Swap the waiting version in, whole, if the kiosk is quiet."""
        candidate = self._waiting
        if candidate is None or candidate.library is None or not self.quiet:
            return False
        self._waiting = None
        self.library = candidate.library
        self._shown = (candidate.checked_at, candidate.signature)
        pages = sum(len(deck.pages) for deck in self.library.decks)
        log.info(
            "content: showing the new version of %s (%d pages, %d warnings, read in %.2f s)",
            candidate.root,
            pages,
            len(self.library.warnings),
            candidate.seconds,
        )
        self.content_reloaded.emit(self.library)
        self.write_health()
        return True
