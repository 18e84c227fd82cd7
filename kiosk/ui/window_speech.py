"""Read-aloud at the window's level: what connects :class:`~kiosk.ui.read_aloud.ReadAloud` to
the screens the window shows.

- Listen (a button in every screen's display controls, or Help/F1) reads the screen showing,
  or the idle card while it shows; Pause and Volume act on the reading.
- Every view change stops the reading; with read-aloud on, the new screen then says its short
  title ("Page 3 of 8. Your hip joint.") and the control the keys landed on.
- With read-aloud on, a key user hears each control the focus moves to ("Next page, button"),
  its name and kind only, never what was typed in it. A screen that says its own focus moves
  (the form, see :attr:`~kiosk.ui.widgets.ScreenWidget.narrates_focus`) is left to do so, so a
  move is never said twice.
- A screen's own announcements (:attr:`~kiosk.ui.widgets.ScreenWidget.narrate`: an error, the
  key under the highlight) are said only while read-aloud is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.speech.script import Script, Utterance
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.keys import Action
from kiosk.ui.read_aloud import ReadAloud, describe_control
from kiosk.ui.widgets import ScreenWidget

if TYPE_CHECKING:
    from kiosk.ui.main_window import KioskWindow


class WindowSpeech(QObject):
    """Read-aloud for one window (made by :meth:`KioskWindow.use_read_aloud`)."""

    def __init__(self, window: KioskWindow, read_aloud: ReadAloud) -> None:
        super().__init__(window)
        self._window = window
        self.read_aloud = read_aloud
        self.language = ""
        """The language of the view showing (the idle card and role words are said in it)."""
        self._view_changing = False
        for signal in (
            read_aloud.state_changed,
            read_aloud.active_changed,
            read_aloud.volume_changed,
            read_aloud.unavailable,
        ):
            signal.connect(self._speech_changed)
        read_aloud.part_changed.connect(self._part_changed)
        window.keys.speech = self._speech_key
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def adopt(self, screen: ScreenWidget) -> None:
        """A screen was built: its Listen, Pause and Volume and its announcements."""
        for controls in screen.findChildren(DisplayControls):
            controls.listen_requested.connect(self.listen)
            controls.pause_requested.connect(self.read_aloud.toggle_pause)
            controls.volume_requested.connect(self.read_aloud.next_volume)
            self._show_state(screen, controls)
        screen.narrate.connect(self.narrate)

    def forget(self) -> None:
        """The window closes: no more focus announcements from the application."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)

    # --- What the patient asks for --------------------------------------------------------

    def listen(self) -> None:
        """Listen (or Help): read the screen showing, turning read-aloud on; again: stop."""
        if self._window.staff_covering:
            return  # the patient's screen is hidden under the staff's: nothing of it is read
        screen = self._window.current_screen
        if isinstance(screen, ScreenWidget):
            self.read_aloud.listen(self._idle_script() or screen.speech_script())

    def narrate(self, script: Script) -> None:
        """A screen's announcement: said at once, and only while read-aloud is on."""
        if self.read_aloud.active and script:
            self.read_aloud.say_now(script)

    def _speech_key(self, action: Action) -> None:
        if not self.read_aloud.available():
            return
        if action is Action.HELP:
            self.listen()
        elif action is Action.VOLUME_UP:
            self.read_aloud.louder()
        elif action is Action.VOLUME_DOWN:
            self.read_aloud.softer()

    # --- What the window tells ------------------------------------------------------------

    def view_changing(self) -> None:
        """Every view change ends the reading (a page turn, a new screen)."""
        self.read_aloud.stop()
        self._view_changing = True

    def view_shown(self) -> None:
        """With read-aloud on, the new screen says its title, then the focused control (the
        focus it took while changing is not said on its own)."""
        self._view_changing = False
        window = self._window
        screen = window.current_screen
        if not (self.read_aloud.active and isinstance(screen, ScreenWidget)):
            return
        said = list(screen.short_title())
        focused = window.focusWidget()
        keyed = window.keys.using_keys and focused is not None and screen.isAncestorOf(focused)
        if keyed and focused is not None and (described := describe_control(focused)):
            said.append(Utterance(described, self.language))
        self.read_aloud.say_now(tuple(said))

    def idle_warning_shown(self) -> None:
        """The idle card is said once, with its countdown."""
        self.narrate(self._idle_script())

    def idle_warning_answered(self) -> None:
        self.read_aloud.stop()

    def _idle_script(self) -> Script:
        card = self._window.idle_overlay
        return card.speech_script(self.language) if card.isVisible() else ()

    # --- Read-aloud's state on screen -----------------------------------------------------

    def _speech_changed(self, *_: object) -> None:
        window = self._window
        with window.holding_size():
            for screen in window.built_screens:
                for controls in screen.findChildren(DisplayControls):
                    self._show_state(screen, controls)

    def _show_state(self, screen: ScreenWidget, controls: DisplayControls) -> None:
        speech = self.read_aloud
        shown = controls.show_speech(
            available=speech.available(),
            active=speech.active,
            state=speech.state if speech.reading else "idle",
            volume=speech.volume,
        )
        if shown:
            screen.place_for_reach()  # a button came or went: the controls are arranged again

    def _part_changed(self, part: str) -> None:
        screen = self._window.current_screen
        if isinstance(screen, ScreenWidget):
            screen.show_reading(part)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        window = self._window
        if (
            not self.read_aloud.active
            or self._view_changing
            or not window.keys.using_keys
            or new is None
            or new is window
            or not window.isAncestorOf(new)
        ):
            return
        screen = window.current_screen
        if isinstance(screen, ScreenWidget) and screen.narrates_focus and screen.isAncestorOf(new):
            return  # the screen says its own focus moves (the form)
        said = describe_control(new)
        if said:
            self.read_aloud.say_now((Utterance(said, self.language),))
