"""The composition root: the one place that builds the Qt-free core and the window and wires
them together. Nothing else creates long-lived objects or connects signals across layers."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QPixmapCache
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.content.loader import load_library
from kiosk.content.model import Library, Page
from kiosk.content.render import render_page
from kiosk.content.watch import folder_signature
from kiosk.health import (
    EXIT_RESTART,
    RESTART_CHECK_MS,
    HealthWriter,
    parse_restart_time,
    restart_due,
)
from kiosk.resources import bundled_content_dir
from kiosk.session import Screen, Session, View
from kiosk.ui.i18n import SOURCE_LANGUAGE, UiLanguage
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.swipe import SwipeDetector
from kiosk.ui.theme import Theme, load_bundled_fonts

if TYPE_CHECKING:  # the visit modules load crypto and mail code: not at start-up
    from kiosk.visit.desk import RequestDesk
    from kiosk.visit.model import FormInput

log = logging.getLogger(__name__)
PIXMAP_CACHE_KB = 2048
THANKS_MS = 20_000
"""How long "thank you" stays before the kiosk starts over for the next patient."""
CONTENT_CHECK_MS = 30_000
"""How often the attract screen looks for content edits by staff."""
qt_log = logging.getLogger("qt")

QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)
"""Harmless notices of the offscreen platform (self-test, tests) kept out of the logs."""


def route_qt_messages() -> None:
    """Send Qt's own warnings into our log files instead of a console nobody reads."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in QUIET_QT_MESSAGES:
            return
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


@dataclass(frozen=True, slots=True)
class Timings:
    """Idle timings in milliseconds; tests inject short ones."""

    idle_ms: int
    warning_ms: int

    @classmethod
    def from_config(cls, config: Config) -> Timings:
        return cls(config.idle.timeout_seconds * 1000, config.idle.warning_seconds * 1000)


def content_root(config: Config, override: Path | None = None) -> Path:
    """The content folder: command line, then config, then the bundled pages."""
    return override or config.content_dir or bundled_content_dir()


def load_content(root: Path) -> Library:
    library = load_library(root)
    for problem in library.problems:
        log.warning("content: %s", problem.format(root))
    if not library.usable:
        log.error("content: no page can be shown from %s; showing 'out of service'", root)
    return library


class PageRenderer:
    """Renders page bodies for a text column width; cached because pages repeat all day."""

    MAX_CACHED = 256

    def __init__(self, library: Library) -> None:
        self._library = library
        self._cache: dict[tuple[Path, int], str] = {}

    def use_library(self, library: Library) -> None:
        self._library = library
        self._cache.clear()

    @property
    def root(self) -> Path:
        return self._library.root

    def __call__(self, page: Page, width: int) -> str:
        key = (page.source, width)
        html = self._cache.get(key)
        if html is None:
            if len(self._cache) >= self.MAX_CACHED:
                self._cache.clear()
            deck = self._library.deck(page.source.parent.name)
            html = render_page(page, root=self.root, column_width=max(1, width), deck=deck)
            self._cache[key] = html
        return html


class KioskApp(QObject):
    """A running kiosk: session state, window, idle watcher and interface language."""

    def __init__(
        self,
        qapp: QApplication,
        library: Library,
        config: Config,
        *,
        kiosk_mode: bool,
        timings: Timings | None = None,
        desk: RequestDesk | None = None,
        data_dir: Path | None = None,
        config_problems: int = 0,
    ) -> None:
        """With ``data_dir`` the kiosk writes status.json and metrics (see kiosk.health)."""
        super().__init__()
        self.qapp = qapp
        self.library = library
        self.config = config
        self.kiosk_mode = kiosk_mode
        timings = timings or Timings.from_config(config)
        # Qt's shared pixmap cache (10 MB by default) fills with style and icon renderings over
        # the first hour and never shrinks; the kiosk's few screens need far less.
        QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        family = load_bundled_fonts()
        self.theme = Theme(family=family).scaled(config.display.text_scale)
        self.desk: RequestDesk | None = None
        self.session = Session(library, config.default_language)
        self.ui_language = UiLanguage(qapp)
        self._renderer = PageRenderer(library)
        self._content_signature = folder_signature(library.root)
        self._content_timer = QTimer(self, interval=CONTENT_CHECK_MS)
        self._content_timer.timeout.connect(self.check_content)
        self._content_timer.start()
        self.window = KioskWindow(self.theme, self._renderer, kiosk_mode=kiosk_mode)
        self.window.set_animations(config.display.animations)
        self.window.out_of_service.set_problem_count(len(library.errors))
        self.attach_desk(desk)
        self._thanks_timer = QTimer(self, singleShot=True, interval=THANKS_MS)
        self._thanks_timer.timeout.connect(self._thanks_over)
        self.idle = IdleWatcher(timings.idle_ms, timings.warning_ms, self)
        self.swipe = SwipeDetector(self.window.reader.slider)
        qapp.installEventFilter(self.idle)
        qapp.installEventFilter(self.swipe)
        self.pages_shown = 0
        self._config_problems = config_problems
        self._started = dt.datetime.now()
        self._restart_at = parse_restart_time(config.kiosk.daily_restart)
        self._restart_timer = QTimer(self, interval=RESTART_CHECK_MS)
        self._restart_timer.timeout.connect(self.check_daily_restart)
        if self._restart_at is not None:
            self._restart_timer.start()
        self.health: HealthWriter | None = None
        self._health_timer = QTimer(self, interval=config.monitoring.status_interval_seconds * 1000)
        self._health_timer.timeout.connect(self.write_health)
        if data_dir is not None:
            self.health = HealthWriter(data_dir, config.effective_metrics_dir(data_dir))
            self.health.attach(logging.getLogger("kiosk"))
            self._health_timer.start()
        self._connect()
        self.render(self.session.view)
        self.write_health()

    def _connect(self) -> None:
        w = self.window
        w.start_requested.connect(lambda: self.render(self.session.start()))
        w.home_requested.connect(lambda: self.render(self.session.home()))
        w.back_requested.connect(lambda: self.render(self.session.back()))
        w.next_requested.connect(lambda: self.render(self.session.next()))
        w.visit_requested.connect(lambda: self.render(self.session.request_visit()))
        w.page_chosen.connect(lambda slug: self.render(self.session.open_page(slug)))
        w.link_activated.connect(lambda target: self.render(self.session.follow_link(target)))
        w.language_chosen.connect(lambda code: self.render(self.session.set_language(code)))
        w.request_submitted.connect(self._submit_request)
        w.request_cancelled.connect(self._cancel_request)
        w.thanks_done.connect(self.reset)
        self.swipe.swiped_left.connect(self._swiped_left)
        self.swipe.swiped_right.connect(self._swiped_right)
        self.idle.warning_started.connect(w.idle_overlay.show_countdown)
        self.idle.countdown.connect(w.idle_overlay.show_countdown)
        self.idle.warning_dismissed.connect(w.idle_overlay.hide)
        w.idle_overlay.still_here.connect(self._still_here)
        self.idle.expired.connect(self.reset)

    def _swiped_left(self) -> None:
        if self.session.view.screen is Screen.PAGE:
            self.render(self.session.next())

    def _swiped_right(self) -> None:
        if self.session.view.screen is Screen.PAGE:
            self.render(self.session.back())

    def _still_here(self) -> None:
        self.window.idle_overlay.hide()
        if self.session.view.screen not in (Screen.ATTRACT, Screen.OUT_OF_SERVICE):
            self.idle.arm()

    def render(self, view: View) -> None:
        if view.deck is not None:
            self.ui_language.set_language(view.deck.language)
        self.window.show_view(view, self.session.languages)
        if view.screen is Screen.PAGE:
            self.pages_shown += 1
        if view.screen in (Screen.ATTRACT, Screen.OUT_OF_SERVICE):
            self.idle.disarm()
        elif not self.idle.armed:
            self.idle.arm()

    def attach_desk(self, desk: RequestDesk | None) -> None:
        """Offer the visit form from now on (``kiosk run`` attaches it after the first frame,
        so opening the encrypted outbox does not delay the attract screen)."""
        if desk is None:
            return
        self.desk = desk
        self.session.enable_request_form()
        self.window.set_locations(desk.locations)
        self.window.reader.offers_form = True

    def _submit_request(self, form: FormInput) -> None:
        if self.desk is None:
            return
        try:
            result = self.desk.submit(form)
        except Exception as error:  # tell the patient; never lose silently
            log.error("a visit request could not be stored (%s)", type(error).__name__)
            self.window.request_form.show_not_saved()
            return
        if result.request is None:
            self.window.request_form.show_errors(result.errors)
            return
        self.window.forget_patient_input()
        self.window.thank_you.show_reference(result.request.reference)
        self.render(self.session.request_sent())
        self._thanks_timer.start()

    def _cancel_request(self) -> None:
        self.window.forget_patient_input()
        self.render(self.session.cancel_request())

    def _thanks_over(self) -> None:
        if self.session.view.screen is Screen.THANK_YOU:
            self.reset()

    def reset(self) -> None:
        """Wipe everything this visit changed and return to the attract screen."""
        self._thanks_timer.stop()
        self.window.forget_patient_input()
        self.window.idle_overlay.hide()
        self.render(self.session.reset())
        log.info("session reset")
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
        """Exit with EXIT_RESTART if the daily restart is due and no visit is under way."""
        now = dt.datetime.now() if now is None else now
        if not restart_due(now, self._started, self.session.view.screen, self._restart_at):
            return False
        log.info(
            "daily restart (kiosk.daily_restart = %s): exiting with code %d for the supervisor",
            self.config.kiosk.daily_restart,
            EXIT_RESTART,
        )
        self._restart_timer.stop()
        self.qapp.exit(EXIT_RESTART)
        return True

    def check_content(self) -> bool:
        """Reload the pages if staff changed the folder; only between visits, never mid-read.

        Returns True when new content was loaded.
        """
        if self.session.view.screen not in (Screen.ATTRACT, Screen.OUT_OF_SERVICE):
            return False
        signature = folder_signature(self.library.root)
        if signature == self._content_signature:
            return False
        self._content_signature = signature
        log.info("content folder changed; reloading the pages")
        library = load_content(self.library.root)
        self.library = library
        self.session = Session(
            library, self.config.default_language, request_form=self.desk is not None
        )
        self._renderer.use_library(library)
        self.window.out_of_service.set_problem_count(len(library.errors))
        self.render(self.session.view)
        return True

    def show(self) -> None:
        if self.kiosk_mode and self.config.kiosk.fullscreen:
            self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                # Without a window manager (bare X, some kiosk shells) "fullscreen" is only a
                # hint: also cover the screen ourselves.
                self.window.setGeometry(screen.geometry())
            self.window.showFullScreen()
        else:
            self.window.resize(1280, 800)
            self.window.show()
        if self.kiosk_mode and self.config.kiosk.hide_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def close(self) -> None:
        """Tear down (self-test, tests, supervised shutdown): filters off, window closed."""
        if self.desk is not None:
            self.desk.close()
        self._health_timer.stop()
        self._restart_timer.stop()
        if self.health is not None:
            self.health.detach(logging.getLogger("kiosk"))
        self.qapp.removeEventFilter(self.idle)
        self.qapp.removeEventFilter(self.swipe)
        self.idle.disarm()
        self.ui_language.set_language(SOURCE_LANGUAGE)
        if self.kiosk_mode and self.config.kiosk.hide_cursor:
            QGuiApplication.restoreOverrideCursor()
        self.window.allow_close()
        self.window.close()
        self.window.deleteLater()
