"""``kiosk preview [DIR]``: the kiosk in a window on a staff laptop, showing the pages as they
are saved, with each problem over the page it concerns.

The real :class:`~kiosk.app.KioskApp`, with these differences from ``kiosk run``:

- a normal window with the cursor shown, no lock file, no data folder (no logs, health files or
  lock are written), and no request desk: the visit form is never offered, so no visit request
  can be sent anywhere ("Request a visit" opens the deck's visit page);
- the idle reset is off for a working day (:data:`PREVIEW_IDLE_MS`): staff switch to their
  editor and back without the preview starting over;
- :class:`Preview` does the upkeep's content job at once instead of between patients: every
  :data:`PREVIEW_POLL_MS` it compares the folder's signature (:func:`kiosk.content.watch.
  folder_signature`) and on a change loads the folder again and shows the same screen and page
  (by language and slug) if it still exists, else the menu, where the problem panel
  (:mod:`kiosk.ui.preview_overlay`) says that the page is now left out and why.

A save that breaks everything (garbage, a deleted folder) shows "out of service" and the panel
lists why; the preview keeps running and recovers on the next good save.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk.app import KioskApp, Timings
from kiosk.boot.crashsignal import SignalHandler
from kiosk.boot.display import display_problem
from kiosk.boot.logs import log_to_console, route_qt_messages
from kiosk.boot.settings import load_settings
from kiosk.boot.startup import qt_application
from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.content.source import content_root
from kiosk.content.watch import folder_signature
from kiosk.exit_codes import ExitCode
from kiosk.session import Screen, View
from kiosk.ui.preview_overlay import ProblemPanel, concerns
from kiosk.ui.theme import load_bundled_fonts

log = logging.getLogger("kiosk.preview")

PREVIEW_POLL_MS = 500
"""How often the preview looks for a save: quicker than staff switch from their editor to the
preview window. A signature stats each file once (the bundled folder: well under 1 ms; a
1,000-file folder a few ms), so polling costs next to nothing, and it also works on network
shares where file events do not arrive."""
PREVIEW_IDLE_MS = 12 * 60 * 60 * 1000
"""The idle watcher's wait in the preview: 12 hours, a working day (within QTimer's 24.8 days
even when "I need more time" multiplies it). Staff editing a page must not come back to the
start screen."""
PREVIEW_TIMINGS = Timings(idle_ms=PREVIEW_IDLE_MS, warning_ms=20_000)


def _summary(library: Library) -> str:
    pages = sum(len(deck.pages) for deck in library.decks)
    return f"{pages} pages shown, {len(library.errors)} errors, {len(library.warnings)} warnings"


class Preview(QObject):
    """Reloads ``kiosk``'s content folder on every save and lays the problem panel over it."""

    def __init__(
        self, kiosk: KioskApp, *, poll_ms: int = PREVIEW_POLL_MS, font_family: str = ""
    ) -> None:
        super().__init__(kiosk)
        self.kiosk = kiosk
        self.root = kiosk.library.root
        self.reloads = 0
        self._lost: Path | None = None
        # The preview does the upkeep's content job itself, at once: the upkeep would reload
        # again when the screen becomes quiet and send the preview back to the start screen.
        kiosk.view_shown.disconnect(kiosk.upkeep.follow_view)
        kiosk.upkeep.stop()
        self.panel = ProblemPanel(kiosk.window, font_family)
        kiosk.view_shown.connect(self._view_shown)
        self._signature = folder_signature(self.root)
        self._timer = QTimer(self, interval=poll_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self._view_shown(kiosk.session.view)

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> bool:
        """Reload if a file under the folder was added, removed, renamed or saved."""
        signature = folder_signature(self.root)
        if signature == self._signature:
            return False
        self._signature = signature
        self.reload()
        return True

    def reload(self) -> None:
        """Load the folder again and show it, on the same screen and page where possible."""
        before = self.kiosk.session.view
        try:
            library = load_library(self.root)
        except Exception as error:  # a bug in a check must not end the staff's preview
            log.exception("preview: the content folder could not be read again")
            self.panel.show_failure(type(error).__name__)
            return
        self.reloads += 1
        self.panel.clear_failure()
        log.info("preview: %s changed; %s", self.root, _summary(library))
        lost = before.page.source if before.screen is Screen.PAGE and before.page else None
        self._lost = lost
        kiosk = self.kiosk
        kiosk.upkeep.library = library  # what kiosk.library answers from now on
        kiosk.upkeep.content_reloaded.emit(library)  # the app's own hand-over (a new session)
        self._return_to(before)

    def _return_to(self, before: View) -> None:
        kiosk = self.kiosk
        session = kiosk.session
        if before.deck is not None:
            kiosk.show_view(session.set_language(before.deck.language))
        for _ in range(3):  # the text steps: the same size as before the save
            if session.view.look.text_step == before.look.text_step:
                break
            kiosk.show_view(session.larger_text())
        if session.view.look.high_contrast != before.look.high_contrast:
            kiosk.show_view(session.other_contrast())
        if before.screen is Screen.PAGE and before.page is not None:
            deck = session.view.deck
            if deck is not None and deck.page(before.page.slug) is not None:
                self._lost = None
                kiosk.show_view(session.open_page(before.page.slug))
                return
            kiosk.show_view(session.start())
        elif before.screen is Screen.MENU:
            kiosk.show_view(session.start())
        else:  # the start screen, or out of service: the new version's start screen
            self._view_shown(session.view)

    def _view_shown(self, view: View) -> None:
        library = self.kiosk.library
        self.panel.show_concerns(concerns(view, library, self._lost), library.root)


def preview(args: argparse.Namespace) -> int:
    """``kiosk preview``: until the window is closed (or Ctrl+C); returns the exit code."""
    problem = display_problem()
    if problem:
        sys.stderr.write(f"kiosk: {problem}\n")
        return ExitCode.NO_DISPLAY
    log_to_console()
    settings = load_settings(args)
    config = settings.config
    config = dataclasses.replace(
        config, kiosk=dataclasses.replace(config.kiosk, fullscreen=False, hide_cursor=False)
    )
    root = content_root(config, args.directory)
    route_qt_messages()
    qapp = qt_application("hip-kiosk-preview")
    library = load_library(root)
    log.info("preview: showing %s; %s", root, _summary(library))
    kiosk = KioskApp(qapp, library, config, kiosk_mode=False, timings=PREVIEW_TIMINGS)
    kiosk.window.setWindowTitle(f"Kiosk preview: {root}")
    watcher = Preview(kiosk, font_family=load_bundled_fonts())
    kiosk.show()
    signals = SignalHandler(qapp)
    signals.activate()
    log.info("preview: save a page and it shows here; close the window to stop")
    code = qapp.exec()
    signals.deactivate()
    watcher.stop()
    kiosk.close()
    return code
