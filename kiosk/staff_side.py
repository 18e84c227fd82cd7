"""The staff side of a running kiosk: the hidden gesture, the PIN, the staff panel and what its
buttons do. Built by the composition root (:mod:`kiosk.app`) beside the upkeep.

- **Opening**: a finger held still for 3 s in the top-left corner, or Ctrl+Alt+S on a staff
  keyboard (:mod:`kiosk.ui.staff_gesture`), brings up the PIN pad (:mod:`kiosk.ui.pin_pad`).
  The PIN is checked against the salted scrypt hash in the settings (``[staff] pin_hash``,
  made by ``kiosk staff pin``); five wrong tries lock the pad for a growing delay that a
  restart does not clear (:class:`kiosk.staff.lockout.PinGate`, its state in the data folder).
  Without a hash the pad says the panel is not set up and how IT sets it up.
- **The panel** (:mod:`kiosk.ui.staff_panel`) shows a :class:`kiosk.staff.report.StaffReport`,
  refreshed every :data:`REFRESH_MS` while it is open: counts, times and problem sentences
  only, never a patient's request. It closes itself after ``staff.panel_idle_seconds``
  without a touch.
- **Actions**: reload the pages now, try sending now, export the usage counts as CSV to a USB
  stick, the text size and contrast every visit starts with (kept in the data folder, over the
  settings file's), cleaning mode (touches off for 60 s, :mod:`kiosk.ui.cleaning`; then the
  panel again, the kiosk under it untouched), and exit (code
  :attr:`~kiosk.exit_codes.ExitCode.STAFF_EXIT`, which the supervisors are told not to
  restart).

While any of these covers the kiosk :attr:`StaffSide.active` is True and the app's idle watcher
waits: a visit left open under the panel is neither reset nor counted on while staff work.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__
from kiosk.session import Look

if TYPE_CHECKING:  # the panel and its report load when staff first open it, not at start-up
    from kiosk.staff.lockout import PinGate
    from kiosk.staff.report import StaffReport, UsageTable
    from kiosk.ui.cleaning import CleaningOverlay
    from kiosk.ui.main_window import KioskWindow
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.staff_panel import StaffPanel
    from kiosk.upkeep import Upkeep
    from kiosk.usage.recorder import UsageRecorder
    from kiosk.visit.desk import RequestDesk

log = logging.getLogger(__name__)

CLEANING_SECONDS = 60
"""Cleaning mode's length: long enough to wipe a 27-inch screen, short enough to wait out."""
REFRESH_MS = 5_000
"""How often the open panel reads the kiosk's state again (a "try now" shows its result)."""
LOCK_FILE = "staff-lock.json"
CHOICES_FILE = "staff-choices.json"


@dataclass(frozen=True, slots=True)
class SettingsInfo:
    """The settings file in use and its problems in words (for the panel's "This kiosk")."""

    source: Path | None = None
    problems: tuple[str, ...] = ()


class StaffSide(QObject):
    """The PIN pad, the staff panel and cleaning mode over ``window``, and their actions."""

    active_changed = Signal(bool)
    """The pad, the panel or cleaning mode came up (True) or the last of them went (False)."""
    default_look_chosen = Signal(object)
    """Staff chose the :class:`~kiosk.session.Look` every visit starts with."""
    exit_requested = Signal()
    """Staff chose "Exit the kiosk" and confirmed it."""

    def __init__(
        self,
        window: KioskWindow,
        upkeep: Upkeep,
        usage: UsageRecorder,
        *,
        pin_hash: str,
        idle_seconds: int,
        data_dir: Path | None,
        settings: SettingsInfo,
        default_look: Look,
        parent: QObject | None = None,
    ) -> None:
        """The app keeps :attr:`default_look` and :attr:`desk` up to date (it holds no
        reference back to the app: a parent's child must not keep its parent alive)."""
        super().__init__(parent)
        self._window = window
        self._upkeep = upkeep
        self._usage = usage
        self._idle_ms = idle_seconds * 1000
        self._data_dir = data_dir
        self._settings = settings
        self.default_look = default_look
        """The look every visit starts with; the staff overlays are drawn in it too."""
        self.desk: RequestDesk | None = None
        """The visit requests' desk, once the app has one."""
        self.cleaning_seconds = CLEANING_SECONDS
        """How long cleaning mode keeps touches off (end-to-end tests shorten it)."""
        self._pin_hash = pin_hash
        self._gate: PinGate | None = None
        self.pad: PinPad | None = None
        self.panel: StaffPanel | None = None
        self.cleaning: CleaningOverlay | None = None
        self._usage_table: UsageTable | None = None
        """The usage totals read when the panel opened: no visit can end while it covers the
        kiosk, and a full store takes a few hundred milliseconds to read (benchmark 15)."""
        self._refresh = QTimer(self, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        window.staff_requested.connect(self.open_pad)

    @property
    def gate(self) -> PinGate:
        """The PIN check and its lockout, made when first needed (its hashing and the lockout
        file are not start-up work)."""
        if self._gate is None:
            from kiosk.staff.lockout import PinGate

            lock = None if self._data_dir is None else self._data_dir / LOCK_FILE
            self._gate = PinGate(self._pin_hash, lock)
        return self._gate

    @property
    def active(self) -> bool:
        return any(part is not None for part in (self.pad, self.panel, self.cleaning))

    # --- The PIN ---------------------------------------------------------------------------

    def open_pad(self) -> None:
        """The hidden gesture: the PIN pad (or the panel already open stays)."""
        if self.active:
            return
        from kiosk.ui.pin_pad import PinPad

        pad = self.pad = self._window.staff_overlay(PinPad, self.default_look)
        pad.entered.connect(self._pin_entered)
        pad.cancelled.connect(self._close_pad)
        pad.open()
        log.info("staff: PIN pad opened")
        self.active_changed.emit(True)
        if not self.gate.configured:
            pad.show_not_set_up()
        elif (locked := self.gate.locked_seconds()) > 0:
            pad.show_locked(locked)

    def _pin_entered(self, pin: str) -> None:
        pad = self.pad
        if pad is None:
            return
        if not self.gate.configured:
            pad.show_not_set_up()
            return
        attempt = self.gate.try_pin(pin)
        if attempt.ok:
            log.info("staff: panel opened")
            self._drop_pad()
            self._open_panel()
        elif attempt.locked_seconds > 0:
            log.warning("staff: wrong PIN; the panel is locked for %.0f s", attempt.locked_seconds)
            pad.show_locked(attempt.locked_seconds)
        else:
            log.warning("staff: wrong PIN (%d tries left)", attempt.tries_left)
            pad.show_wrong(attempt.tries_left)

    def _close_pad(self) -> None:
        self._drop_pad()
        self._went_quiet()

    def _drop_pad(self) -> None:
        pad, self.pad = self.pad, None
        if pad is not None:
            pad.clear()
            pad.close_pad()
            pad.deleteLater()

    # --- The panel -------------------------------------------------------------------------

    def _open_panel(self) -> None:
        from kiosk.ui.staff_panel import StaffPanel
        from kiosk.usage.export import export_folders

        panel = self.panel = self._window.staff_overlay(
            StaffPanel, self.default_look, idle_ms=self._idle_ms
        )
        panel.close_requested.connect(self.close_panel)
        panel.reload_requested.connect(self._reload)
        panel.try_now_requested.connect(self._try_now)
        panel.export_folders_requested.connect(self._look_for_folders)
        panel.export_requested.connect(self._export)
        panel.default_look_chosen.connect(self._choose_look)
        panel.cleaning_requested.connect(self._start_cleaning)
        panel.exit_requested.connect(self._exit)
        look = self.default_look
        panel.set_default_look(look.text_step, look.high_contrast)
        panel.set_export_folders(export_folders())
        self._usage_table = self._usage.table()
        panel.show_report(self.report())
        panel.open()
        self._refresh.start()

    def close_panel(self) -> None:
        self._refresh.stop()
        self._usage_table = None
        panel, self.panel = self.panel, None
        if panel is not None:
            panel.close_panel()
            panel.deleteLater()
            log.info("staff: panel closed")
        self._went_quiet()

    def refresh(self) -> None:
        """Read the kiosk's state again into the open panel."""
        if self.panel is not None:
            self.panel.show_report(self.report())

    def report(self) -> StaffReport:
        """What the panel shows now (counts, times, problems; nothing a patient typed)."""
        from kiosk.staff.report import ReportInputs, build_report, read_outbox
        from kiosk.visit.status import day_start_of

        upkeep = self._upkeep
        now = time.time()
        outbox, problem = (None, "")
        if self._data_dir is not None:
            outbox, problem = read_outbox(self._data_dir, day_start_of(now))
        return build_report(
            ReportInputs(
                library=upkeep.library,
                content=upkeep.content_status(),
                outbox=outbox,
                outbox_problem=problem,
                settings_source=self._settings.source,
                settings_problems=self._settings.problems,
                data_dir=self._data_dir,
                data_dir_problem=upkeep.data_dir_problem,
                started_at=upkeep.started_at,
                now=now,
                version=__version__,
                usage=self._usage_table or self._usage.table(),
                today=dt.date.today(),
                takes_requests=self.desk is not None,
            )
        )

    # --- Actions ---------------------------------------------------------------------------

    def _reload(self) -> None:
        self._upkeep.reload_now()
        self._say(self.tr("Reading the pages again. This page shows the result in a moment."))

    def _try_now(self) -> None:
        desk = self.desk
        if desk is None:
            self._say(self.tr("This kiosk takes no visit requests now."), attention=True)
            return
        desk.try_now()
        self._say(self.tr("Sending the waiting requests now. This page shows the result."))

    def _look_for_folders(self) -> None:
        from kiosk.usage.export import export_folders

        if self.panel is not None:
            self.panel.set_export_folders(export_folders())

    def _export(self, folder: Path) -> None:
        from kiosk.usage.export import export_csv

        try:
            path = export_csv(self._usage.table(), folder, today=dt.date.today())  # fresh
        except OSError as error:
            why = error.strerror or str(error)
            log.warning("staff: usage export to %s failed (%s)", folder, why)
            self._say(self.tr("Could not save the file there: %1").replace("%1", why), True)
            return
        log.info("staff: usage counts exported to %s", path)
        self._say(self.tr("Saved %1").replace("%1", str(path)))

    def _choose_look(self, step: int, high_contrast: bool) -> None:
        from kiosk.staff.choices import StaffChoices, save_choices

        look = Look(text_step=step, high_contrast=high_contrast)
        if self._data_dir is not None:
            try:
                save_choices(self._data_dir / CHOICES_FILE, StaffChoices(step, high_contrast))
            except OSError as error:
                log.warning("staff: cannot keep the default look (%s)", error.strerror or error)
                self._say(
                    self.tr("This choice is used until the kiosk restarts: it could not be saved."),
                    True,
                )
        log.info("staff: visits now start at text step %d, high contrast %s", step, high_contrast)
        self.default_look_chosen.emit(look)
        if self.panel is not None:
            self.panel.set_default_look(step, high_contrast)

    def _start_cleaning(self) -> None:
        panel = self.panel
        if panel is not None:
            panel.close_panel()  # its idle timer too: cleaning is not staff going away
            self._refresh.stop()
        from kiosk.ui.cleaning import CleaningOverlay

        cleaning = self.cleaning = self._window.staff_overlay(CleaningOverlay, self.default_look)
        cleaning.finished.connect(self._cleaning_over)
        log.info("staff: cleaning mode")
        cleaning.start(self.cleaning_seconds)

    def _cleaning_over(self) -> None:
        cleaning, self.cleaning = self.cleaning, None
        if cleaning is not None:
            cleaning.deleteLater()
        panel = self.panel
        if panel is not None:
            panel.show_report(self.report())
            panel.open()
            panel.show_page("kiosk")  # where the cleaning button is
            self._refresh.start()
        else:
            self._went_quiet()

    def _exit(self) -> None:
        log.info("staff: exit chosen in the staff panel")
        self.exit_requested.emit()

    def _say(self, text: str, attention: bool = False) -> None:
        if self.panel is not None:
            self.panel.show_message(text, attention)

    def _went_quiet(self) -> None:
        if not self.active:
            self.active_changed.emit(False)

    def close(self) -> None:
        """Tear down (the app closing): every overlay goes, cleaning's input filter too."""
        if self.cleaning is not None:
            self.cleaning.stop()
            self.cleaning.deleteLater()
            self.cleaning = None
        self._drop_pad()
        self._refresh.stop()
        panel, self.panel = self.panel, None
        if panel is not None:
            panel.close_panel()
            panel.deleteLater()
