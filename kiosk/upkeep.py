"""Between-visits upkeep: the jobs that run while no patient is using the kiosk.

- **Content reload**: staff edit the content folder; every ``CONTENT_CHECK_MS`` and whenever
  the kiosk becomes quiet, a cheap signature of the folder is compared, and on a change the
  pages are loaded again and :attr:`Upkeep.content_reloaded` hands the new library over.
  Never during a visit: a patient never sees a page change under their finger.
- **Daily restart** (``kiosk.daily_restart``): at the first quiet moment after the set time the
  event loop ends with :attr:`ExitCode.RESTART` for the supervisor (see
  :func:`kiosk.health.restart_due`).
- **Health files**: ``status.json`` and the Prometheus file, at start and every
  ``monitoring.status_interval_seconds``, with the number of pages shown since the start.

Upkeep learns what the screen shows from :meth:`Upkeep.follow_view` (connected to the app's
``view_shown`` signal); "quiet" is :attr:`kiosk.session.Screen.quiet`.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.content.model import Library
from kiosk.content.source import load_content
from kiosk.content.watch import folder_signature
from kiosk.exit_codes import Exitable, ExitCode
from kiosk.health import RESTART_CHECK_MS, HealthWriter, parse_restart_time, restart_due
from kiosk.session import Screen, View

log = logging.getLogger(__name__)

CONTENT_CHECK_MS = 30_000
"""How often the quiet kiosk looks for content edits by staff."""


class Upkeep(QObject):
    """Reloads content, restarts daily and writes health files, between visits only."""

    content_reloaded = Signal(object)
    """The new :class:`~kiosk.content.model.Library` after staff changed the folder."""

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
        self.pages_shown = 0
        self._data_dir_problem = ""
        self._screen = Screen.ATTRACT
        self._init_content_check()
        self._init_daily_restart()
        self._init_health(data_dir)

    def _init_content_check(self) -> None:
        self._content_signature = folder_signature(self.library.root)
        self._content_timer = QTimer(self, interval=CONTENT_CHECK_MS)
        self._content_timer.timeout.connect(self.check_content)

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
            self.health = HealthWriter(data_dir, self._config.effective_metrics_dir(data_dir))

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
        """Start the timers and write the first health files."""
        self._content_timer.start()
        if self._restart_at is not None:
            self._restart_timer.start()
        if self.health is not None:
            self.health.attach(logging.getLogger("kiosk"))
            self._health_timer.start()
        self.write_health()

    def stop(self) -> None:
        self._content_timer.stop()
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
            self.check_content()
            self.check_daily_restart()

    def write_health(self) -> bool:
        """Rewrite status.json and the metrics file (when the kiosk has a data folder)."""
        if self.health is None:
            return False
        return self.health.write(
            self.library, pages_shown=self.pages_shown, config_problems=self._config_problems
        )

    def check_daily_restart(self, now: dt.datetime | None = None) -> bool:
        """End the event loop with ExitCode.RESTART if the daily restart is due and the kiosk
        is quiet."""
        now = dt.datetime.now() if now is None else now
        if not restart_due(now, self._started, self._screen, self._restart_at):
            return False
        log.info(
            "daily restart (kiosk.daily_restart = %s): exiting with code %d for the supervisor",
            self._config.kiosk.daily_restart,
            ExitCode.RESTART,
        )
        self._restart_timer.stop()
        self._app.exit(ExitCode.RESTART)
        return True

    def check_content(self) -> bool:
        """Reload the pages if staff changed the folder; only while quiet, never mid-visit.

        Returns True when new content was loaded (and handed over by ``content_reloaded``).
        """
        if not self.quiet:
            return False
        signature = folder_signature(self.library.root)
        if signature == self._content_signature:
            return False
        self._content_signature = signature
        log.info("content folder changed; reloading the pages")
        self.library = load_content(self.library.root)
        self.content_reloaded.emit(self.library)
        return True
