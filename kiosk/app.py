"""The composition root: builds the session, the window, the idle watcher and the
between-visits upkeep, wires them together, and turns each session view into what the window
shows. Start-up and shutdown of the process around it are :mod:`kiosk.boot.startup`'s job.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.content.model import Library
from kiosk.content.render import PageRenderer
from kiosk.exit_codes import ExitCode
from kiosk.memory import forget_source_lines
from kiosk.session import Look, Screen, Session, View
from kiosk.staff.choices import load_choices
from kiosk.staff_side import CHOICES_FILE, SettingsInfo, StaffSide
from kiosk.ui import accessibility
from kiosk.ui.i18n import SOURCE_LANGUAGE, UiLanguage
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.read_aloud import ReadAloud
from kiosk.ui.theme import Theme, load_bundled_fonts
from kiosk.upkeep import Upkeep
from kiosk.usage.recorder import UsageRecorder

if TYPE_CHECKING:  # the visit modules load crypto and mail code: not at start-up
    from kiosk.usage.store import UsageStore
    from kiosk.visit.desk import RequestDesk
    from kiosk.visit.model import FormInput

log = logging.getLogger(__name__)
PIXMAP_CACHE_KB = 2048
USAGE_FILE = "usage.sqlite"
"""The anonymous daily usage totals in the data folder (kiosk.usage)."""
THANKS_MS = 20_000
"""How long "thank you" stays after the patient's last touch before the kiosk starts over."""


@dataclass(frozen=True, slots=True)
class Timings:
    """Idle timings in milliseconds; tests inject short ones."""

    idle_ms: int
    warning_ms: int
    thanks_ms: int = THANKS_MS

    @classmethod
    def from_config(cls, config: Config) -> Timings:
        return cls(config.idle.timeout_seconds * 1000, config.idle.warning_seconds * 1000)


def _usage_store(data_dir: Path) -> UsageStore:
    from kiosk.usage.store import UsageStore  # sqlite3: only for a kiosk that keeps data

    return UsageStore(data_dir / USAGE_FILE)


class KioskApp(QObject):
    """A running kiosk: session, window, idle watcher, interface language, upkeep, usage
    counts and the staff side."""

    view_shown = Signal(object)
    """The :class:`~kiosk.session.View` the window now shows."""

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
        settings: SettingsInfo | None = None,
    ) -> None:
        """With ``data_dir`` the kiosk writes status.json and metrics (see kiosk.upkeep),
        counts usage and keeps the staff's choices and PIN lockout there. ``settings`` names
        the settings file and its problems for the staff panel."""
        super().__init__()
        forget_source_lines()  # the import hook's copies of the sources (kiosk.memory)
        self.qapp = qapp
        self.config = config
        self.kiosk_mode = kiosk_mode
        self.desk: RequestDesk | None = None
        display = config.display
        if data_dir is not None:  # staff's choice of default look outlives a restart
            display = load_choices(data_dir / CHOICES_FILE).applied_to(display)
        default_look = Look(text_step=display.text_step, high_contrast=display.high_contrast)
        self.session = Session(library, config.default_language, default_look=default_look)
        self.ui_language = UiLanguage(qapp)
        settings = settings or SettingsInfo()
        self.upkeep = Upkeep(
            qapp,
            library,
            config,
            data_dir=data_dir,
            config_problems=len(settings.problems),
            parent=self,
        )
        self._renderer = PageRenderer(library, emergency_number=config.clinic.emergency_number)
        speech = config.speech
        self.read_aloud = ReadAloud(
            speech.engine, self, enabled=speech.enabled, volume=speech.volume
        )
        """Read-aloud (Listen, Help): its engine is loaded on first use only."""
        accessibility.install()  # what screen readers are told (needs the QApplication)
        self.window = self._init_window(library)
        self.usage = UsageRecorder(None if data_dir is None else _usage_store(data_dir))
        """Anonymous daily totals: pages, languages, looks, read-aloud, the form's funnel."""
        self.staff = StaffSide(
            self.window,
            self.upkeep,
            self.usage,
            pin_hash=config.staff.pin_hash,
            idle_seconds=config.staff.panel_idle_seconds,
            data_dir=data_dir,
            settings=settings,
            default_look=default_look,
            parent=self,
        )
        timings = timings or Timings.from_config(config)
        self.idle = IdleWatcher(timings.idle_ms, timings.warning_ms, self)
        qapp.installEventFilter(self.idle)
        self._thanks_timer = QTimer(self, singleShot=True, interval=timings.thanks_ms)
        self.attach_desk(desk)
        self._connect_signals()
        self.show_view(self.session.view)
        self.upkeep.start()

    def _init_window(self, library: Library) -> KioskWindow:
        # Qt's shared pixmap cache (10 MB by default) fills with style and icon renderings over
        # the first hour and never shrinks; the kiosk's few screens need far less.
        QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        theme = Theme(family=load_bundled_fonts())
        window = KioskWindow(theme, self._renderer, kiosk_mode=self.kiosk_mode)
        window.use_read_aloud(self.read_aloud)
        window.set_animations(self.config.display.animations)
        display = self.config.display
        window.set_reach_settings(
            mount_height_mm=display.mount_height_mm, screen_height_mm=display.screen_height_mm
        )
        window.set_content_problems(len(library.errors))
        return window

    def _connect_signals(self) -> None:
        w = self.window
        w.start_requested.connect(lambda: self.show_view(self.session.start()))
        w.home_requested.connect(lambda: self.show_view(self.session.home()))
        w.back_requested.connect(lambda: self.show_view(self.session.back()))
        w.next_requested.connect(lambda: self.show_view(self.session.next()))
        w.visit_requested.connect(lambda: self.show_view(self.session.request_visit()))
        w.page_chosen.connect(lambda slug: self.show_view(self.session.open_page(slug)))
        w.link_activated.connect(lambda target: self.show_view(self.session.follow_link(target)))
        w.language_chosen.connect(lambda code: self.show_view(self.session.set_language(code)))
        w.text_size_requested.connect(lambda: self.show_view(self.session.larger_text()))
        w.contrast_requested.connect(lambda: self.show_view(self.session.other_contrast()))
        w.swiped_left.connect(self._swiped_left)
        w.swiped_right.connect(self._swiped_right)
        w.request_submitted.connect(self._submit_request)
        w.request_cancelled.connect(self._cancel_request)
        w.thanks_done.connect(self.reset)
        w.still_here.connect(self._still_here)
        w.more_time.connect(self._more_time)
        self.idle.warning_started.connect(w.show_idle_warning)
        self.idle.countdown.connect(w.show_idle_warning)
        self.idle.warning_dismissed.connect(w.hide_idle_warning)
        self.idle.expired.connect(self.reset)
        self.idle.activity.connect(self._patient_active)
        self._thanks_timer.timeout.connect(self._thanks_over)
        self.view_shown.connect(self.upkeep.follow_view)
        self.upkeep.content_reloaded.connect(self._use_library)
        self.view_shown.connect(self.usage.follow_view)
        w.question_answered.connect(self.usage.form_question)
        self.read_aloud.active_changed.connect(self._read_aloud_changed)
        self.staff.active_changed.connect(self._staff_active)
        self.staff.default_look_chosen.connect(self._use_default_look)
        self.staff.exit_requested.connect(self._staff_exit)

    @property
    def library(self) -> Library:
        return self.upkeep.library

    @property
    def quiet(self) -> bool:
        return self.session.view.screen.quiet

    # --- Navigation -----------------------------------------------------------------------

    def show_view(self, view: View) -> None:
        """Show ``view``: the interface language follows its deck, the idle watcher runs
        during a visit only, and listeners (upkeep) hear of it last."""
        if view.deck is not None:
            self.ui_language.set_language(view.deck.language)
        self.window.show_view(view, self.session.languages)
        if view.screen.quiet:
            self.idle.disarm()
        elif not self.idle.armed and not self.staff.active:
            self.idle.arm()
        self.view_shown.emit(view)

    def _swiped_left(self) -> None:
        if self.session.view.screen is Screen.PAGE:
            self.show_view(self.session.next())

    def _swiped_right(self) -> None:
        if self.session.view.screen is Screen.PAGE:
            self.show_view(self.session.back())

    def _still_here(self) -> None:
        self.window.hide_idle_warning()
        if not self.quiet:
            self.idle.still_here()

    def _more_time(self) -> None:
        """ "I need more time": the idle watcher waits twice as long for the rest of this visit
        (capped; see kiosk.ui.idle)."""
        self.window.hide_idle_warning()
        if not self.quiet:
            self.idle.more_time()

    def _patient_active(self) -> None:
        """Someone still reads "thank you": it stays for the whole interval after each touch."""
        if self._thanks_timer.isActive() and self.session.view.screen is Screen.THANK_YOU:
            self._thanks_timer.start()

    def reset(self) -> None:
        """Wipe everything this visit changed and return to the attract screen."""
        self._thanks_timer.stop()
        self.read_aloud.reset()  # silence, read-aloud off, the volume back to the default
        self.window.forget_patient_input()
        self.window.hide_idle_warning()
        self.show_view(self.session.reset())
        forget_source_lines()
        log.info("session reset")

    def _use_library(self, library: Library) -> None:
        """Staff changed the pages (upkeep reloaded them while the kiosk was quiet)."""
        offers_form = self.session.view.form_available
        self.session = Session(
            library,
            self.config.default_language,
            request_form=offers_form,
            default_look=self.session.default_look,
        )
        self._renderer.use_library(library)
        self.window.set_content_problems(len(library.errors))
        self.show_view(self.session.view)

    # --- Usage and staff -----------------------------------------------------------------

    def _read_aloud_changed(self, active: bool) -> None:
        if active:
            self.usage.read_aloud_used()

    def _staff_active(self, active: bool) -> None:
        """Staff work over the kiosk: the patient's idle watcher waits meanwhile, and a visit
        left open under the panel gets its whole idle time again afterwards."""
        self.upkeep.staff_busy = active
        if active:
            self.read_aloud.stop()  # the screen it read is covered now
            self.window.hide_idle_warning()
            self.idle.disarm()
        elif not self.quiet and not self.idle.armed:
            self.idle.arm()
        else:
            self.upkeep.check_daily_restart()  # one held back while staff worked

    def _use_default_look(self, look: Look) -> None:
        self.staff.default_look = look
        self.show_view(self.session.set_default_look(look))

    def _staff_exit(self) -> None:
        """Staff chose "Exit the kiosk": the event loop ends with the code supervisors leave
        alone (ExitCode.STAFF_EXIT)."""
        self.qapp.exit(ExitCode.STAFF_EXIT)

    # --- Visit requests -------------------------------------------------------------------

    def attach_desk(self, desk: RequestDesk | None) -> None:
        """Offer the visit form from now on (``kiosk run`` attaches it after the first frame,
        so opening the encrypted outbox does not delay the attract screen)."""
        if desk is None:
            return
        from kiosk.visit.promise import privacy_clauses  # with the desk, not at start-up

        self.desk = self.staff.desk = desk
        self.session.enable_request_form()
        self.window.set_locations(desk.locations)
        self.window.set_privacy_clauses(privacy_clauses(desk.delivery))

    def _submit_request(self, form: FormInput) -> None:
        view = self.session.view
        if self.desk is None or view.deck is None:
            return
        form = dataclasses.replace(form, language=view.deck.language)
        try:
            result = self.desk.submit(form)
        except Exception as error:  # tell the patient; never lose silently
            log.error("a visit request could not be stored (%s)", type(error).__name__)
            self.window.show_request_not_saved()
            return
        if result.request is None:
            self.window.show_request_errors(result.errors)
            return
        self.window.forget_patient_input()
        self.window.show_thanks(result.request.reference)
        self.show_view(self.session.request_sent())
        self._thanks_timer.start()

    def _cancel_request(self) -> None:
        self.window.forget_patient_input()
        self.show_view(self.session.cancel_request())

    def _thanks_over(self) -> None:
        if self.session.view.screen is Screen.THANK_YOU:
            self.reset()

    # --- Start and end ----------------------------------------------------------------------

    def show(self) -> None:
        """Fullscreen without a cursor in kiosk mode (as configured), else a laptop window."""
        self.window.present(
            fullscreen=self.kiosk_mode and self.config.kiosk.fullscreen,
            hide_cursor=self.kiosk_mode and self.config.kiosk.hide_cursor,
        )

    def close(self) -> None:
        """Tear down (self-test, tests, supervised shutdown): filters off, window closed."""
        self.staff.close()
        self._thanks_timer.stop()
        if self.desk is not None:
            self.desk.close()
        self.upkeep.stop()
        self.qapp.removeEventFilter(self.idle)
        self.idle.disarm()
        self.read_aloud.stop()
        self.ui_language.set_language(SOURCE_LANGUAGE)
        self.window.close_for_good()
