"""Read-aloud: speaks a :data:`~kiosk.speech.script.Script` through Qt's text-to-speech.

:class:`ReadAloud` keeps its own queue of utterances and says them one at a time, switching the
engine's locale (and so its voice) before each, so a Spanish page is read in Spanish whatever
the engine said before. It moves on when the engine goes back to Ready after an utterance.

``PySide6.QtTextToSpeech`` is imported on first use only (start-up time and memory stay as
they were): :meth:`ReadAloud.available` decides from files alone whether an engine can exist
here (its Qt plugin, and for speechd the speech-dispatcher program). If the engine still fails
when first used, read-aloud turns itself off for good, says why in the log once and emits
``unavailable`` so the window hides the Listen buttons.

"Read-aloud on" (:attr:`ReadAloud.active`) is a mode for one visit: Listen or the Help key turn
it on, :meth:`ReadAloud.reset` (the end of the visit) turns it off and puts the volume back.
"""

from __future__ import annotations

import functools
import logging
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QLoggingCategory,
    QObject,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from kiosk.config import VOLUME_STEPS
from kiosk.speech.script import Script, Utterance

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

VOLUME_LEVELS = tuple(
    round(0.4 + 0.6 * step / (VOLUME_STEPS - 1), 2) for step in range(VOLUME_STEPS)
)
"""The engine volume (0..1) of each step, softest first (``speech.volume`` counts from 1)."""
DEFAULT_VOLUME = 3

IDLE, SPEAKING, PAUSED = "idle", "speaking", "paused"


def default_engine(platform: str = sys.platform) -> str:
    """The engine an empty ``speech.engine`` means on ``platform``."""
    if platform.startswith("win"):
        return "winrt" if plugin_present("winrt") else "sapi"
    if platform == "darwin":
        return "darwin"
    return "speechd"


def plugin_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "texttospeech"


def plugin_present(engine: str) -> bool:
    """Qt's plugin for ``engine`` is installed (``libqtexttospeech_speechd.so``,
    ``qtexttospeech_sapi.dll`` ...)."""
    folder = plugin_dir()
    return folder.is_dir() and any(folder.glob(f"*qtexttospeech_{engine}.*"))


@functools.cache
def engine_missing(engine: str) -> str:
    """Why ``engine`` cannot speak on this machine ("" when it looks able to), from files
    alone: nothing is imported and no engine is started."""
    if not plugin_present(engine):
        return f"no Qt text-to-speech plugin for {engine!r} in {plugin_dir()}"
    if engine == "speechd" and shutil.which("speech-dispatcher") is None:
        return "speech-dispatcher is not installed (Debian: speech-dispatcher espeak-ng)"
    return ""


def describe_control(widget: QWidget) -> str:
    """What read-aloud says when the keys move to ``widget``: its accessible name and a
    translated word for its kind ("Next page, button"; a chosen option adds "selected").

    Only the name a screen gave the control: never a text field's contents (what the patient
    typed is not said aloud)."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton) and not isinstance(widget, QLineEdit):
        name = widget.text().replace("&", "").strip()
    if isinstance(widget, QRadioButton):
        role = QCoreApplication.translate("ReadAloud", "option")
    elif isinstance(widget, QCheckBox):
        role = QCoreApplication.translate("ReadAloud", "check box")
    elif isinstance(widget, QAbstractButton):
        role = QCoreApplication.translate("ReadAloud", "button")
    elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) and not isinstance(
        widget, QTextBrowser
    ):
        role = QCoreApplication.translate("ReadAloud", "text field")
    elif isinstance(widget, QTextBrowser):
        role = QCoreApplication.translate("ReadAloud", "page text")
    else:
        role = ""
    parts = [part for part in (name, role) if part]
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        parts.append(
            QCoreApplication.translate("ReadAloud", "selected")
            if widget.isChecked()
            else QCoreApplication.translate("ReadAloud", "not selected")
        )
    return ", ".join(parts)


def _load_engine_class() -> Any:
    # Importing QtTextToSpeech loads QtMultimedia, which warns that it cannot find PipeWire
    # (it uses PulseAudio or ALSA then): that one category is silenced, nothing else.
    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false")
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech


class ReadAloud(QObject):
    """Signals: ``state_changed(str)`` ("idle", "speaking", "paused"), ``part_changed(str)``
    (the part being read: "title", "picture", "body", "" ...), ``utterance_started(object)``
    (the :class:`Utterance` now said), ``active_changed(bool)``, ``volume_changed(int)`` and
    ``unavailable()`` (the engine failed; read-aloud is off until the kiosk restarts)."""

    state_changed = Signal(str)
    part_changed = Signal(str)
    utterance_started = Signal(object)
    active_changed = Signal(bool)
    volume_changed = Signal(int)
    unavailable = Signal()

    def __init__(
        self,
        engine: str = "",
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        volume: int = DEFAULT_VOLUME,
    ) -> None:
        super().__init__(parent)
        self._engine_name = engine
        self._enabled = enabled
        self._default_volume = min(max(volume, 1), VOLUME_STEPS)
        self._volume = self._default_volume
        self._tts: QTextToSpeech | None = None
        self._failed = ""
        self._queue: list[Utterance] = []
        self._current: Utterance | None = None
        self._waiting = False
        """An utterance was handed to the engine, which has not said it started yet: a Ready
        meanwhile is the end of the one stopped before, not of this one."""
        self._state = IDLE
        self._reading = False
        self._part = ""
        self._active = False
        self._locales: dict[str, QLocale | None] = {}

    # --- What it is -------------------------------------------------------------------------

    @property
    def engine_name(self) -> str:
        """The engine used: as configured, or the platform's for an empty setting."""
        return self._engine_name or default_engine()

    def use_engine(self, engine: str) -> None:
        """Use ``engine`` from now on (tests: "mock"); an engine already started goes."""
        self.stop()
        if self._tts is not None:
            self._tts.deleteLater()
            self._tts = None
        self._engine_name = engine
        self._failed = ""
        self._locales.clear()

    def available(self) -> bool:
        """Read-aloud can be offered: enabled, an engine looks present and has not failed."""
        return self._enabled and not self._failed and not engine_missing(self.engine_name)

    @property
    def engine_loaded(self) -> bool:
        return self._tts is not None

    @property
    def active(self) -> bool:
        """Read-aloud is on for this visit (Listen or Help turned it on)."""
        return self._active

    def set_active(self, on: bool) -> None:
        on = on and self.available()
        if on != self._active:
            self._active = on
            self.active_changed.emit(on)

    @property
    def state(self) -> str:
        return self._state

    @property
    def part(self) -> str:
        return self._part

    @property
    def current(self) -> Utterance | None:
        """The utterance being said (or paused in)."""
        return self._current

    @property
    def pending(self) -> Script:
        """The utterances still to come after the current one."""
        return tuple(self._queue)

    @property
    def volume(self) -> int:
        """The loudness step, 1 (softest) to :data:`VOLUME_STEPS`."""
        return self._volume

    # --- Speaking ---------------------------------------------------------------------------

    def speak(self, script: Script) -> None:
        """Say ``script`` in order, in place of whatever was queued or playing."""
        utterances = [u for u in script if u.text.strip()]
        if not utterances or self._engine() is None:
            self.stop()
            return
        self._queue = utterances
        self._current = None
        self._halt_engine()
        self._next()

    def say_now(self, script: Script) -> None:
        """Interrupt with ``script`` (a focus or key announcement, a warning): not a reading
        of the screen, so Listen during it reads rather than stops."""
        self._reading = False
        self.speak(script)

    def listen(self, script: Script) -> None:
        """The Listen button or the Help key: turns read-aloud on and reads ``script``; while
        reading the screen (or paused in it) it stops instead."""
        if self.reading:
            self.stop()
            return
        self.set_active(True)
        if self._active:
            self._reading = True
            self.speak(script)
            self.state_changed.emit(self._state)  # Listen becomes Stop even mid-announcement

    @property
    def reading(self) -> bool:
        """Listen's reading of a screen is under way (speaking or paused), not an
        announcement."""
        return self._reading and self._state != IDLE

    def stop(self) -> None:
        self._queue = []
        self._current = None
        self._halt_engine()
        self._set_part("")
        self._reading = False
        self._set_state(IDLE)

    def pause(self) -> None:
        if self._tts is not None and self._state == SPEAKING:
            self._tts.pause(self._boundary().Word)
            self._set_state(PAUSED)

    def resume(self) -> None:
        if self._tts is not None and self._state == PAUSED:
            self._tts.resume()
            self._set_state(SPEAKING)

    def toggle_pause(self) -> None:
        if self._state == PAUSED:
            self.resume()
        else:
            self.pause()

    # --- Volume -----------------------------------------------------------------------------

    def louder(self) -> None:
        self._set_volume(self._volume + 1)

    def softer(self) -> None:
        self._set_volume(self._volume - 1)

    def next_volume(self) -> None:
        """The Volume button: one step louder, after the loudest back to the softest."""
        self._set_volume(self._volume + 1 if self._volume < VOLUME_STEPS else 1)

    def _set_volume(self, step: int) -> None:
        step = min(max(step, 1), VOLUME_STEPS)
        if step != self._volume:
            self._volume = step
            if self._tts is not None:
                self._tts.setVolume(VOLUME_LEVELS[step - 1])
            self.volume_changed.emit(step)

    def reset(self) -> None:
        """The visit is over: silence, read-aloud off, the volume back to the default."""
        self.stop()
        self.set_active(False)
        self._set_volume(self._default_volume)

    # --- The engine -------------------------------------------------------------------------

    def _boundary(self) -> Any:
        return _load_engine_class().BoundaryHint

    def _engine(self) -> QTextToSpeech | None:
        """The engine, started on first use; None when read-aloud is not available."""
        if self._tts is not None:
            return self._tts
        if not self.available():
            return None
        if self.engine_name == "speechd":
            from kiosk.speech.daemon import speechd_silent  # sockets, subprocess: on first use

            silent = speechd_silent()
            if silent:
                self._fail(silent)
                return None
        try:
            engine_class = _load_engine_class()
        except ImportError as error:  # e.g. libpulse missing: no speech, the kiosk goes on
            self._fail(f"Qt's text to speech cannot be loaded ({type(error).__name__})")
            return None
        tts: QTextToSpeech = engine_class(self._engine_name or default_engine(), self)
        if tts.state() == engine_class.State.Error:
            self._fail(tts.errorString() or str(tts.errorReason()))
            tts.deleteLater()
            return None
        tts.stateChanged.connect(self._engine_state)
        tts.errorOccurred.connect(lambda _reason, text: self._fail(text))
        tts.setVolume(VOLUME_LEVELS[self._volume - 1])
        self._tts = tts
        log.info("read-aloud: the %s speech engine is ready", tts.engine())
        return tts

    def _halt_engine(self) -> None:
        if self._tts is not None:
            self._waiting = True  # the Ready this stop causes is not the next utterance's end
            self._tts.stop(self._boundary().Immediate)
            self._waiting = False

    def _fail(self, reason: str) -> None:
        if self._failed:
            return
        self._failed = reason or "unknown error"
        # The engine's own words only: what it was asked to say never goes to the log.
        log.warning("read-aloud is off: the %s speech engine failed: %s", self.engine_name, reason)
        self._queue = []
        self._current = None
        self._set_part("")
        self._set_state(IDLE)
        self.set_active(False)
        self.unavailable.emit()

    def _engine_state(self, state: Any) -> None:
        states = _load_engine_class().State
        if state == states.Error:
            assert self._tts is not None
            self._fail(self._tts.errorString() or "engine error")
        elif state == states.Speaking:
            self._waiting = False
        elif state == states.Ready and not self._waiting and self._current is not None:
            self._next()

    def _next(self) -> None:
        tts = self._tts
        if tts is None or not self._queue:
            self._current = None
            self._set_part("")
            self._set_state(IDLE)
            return
        utterance = self._queue.pop(0)
        locale = self._locale_for(utterance.language)
        if locale is not None and locale != tts.locale():
            tts.setLocale(locale)
        self._current = utterance
        self._set_state(SPEAKING)
        self._set_part(utterance.part)
        self.utterance_started.emit(utterance)
        self._waiting = True
        tts.say(utterance.text)

    def _locale_for(self, language: str) -> QLocale | None:
        """The engine's locale for ``language`` ("es", "pt-BR"): the exact one, else the
        language's first; None (and one log line) when the engine has no voice for it."""
        if language in self._locales:
            return self._locales[language]
        assert self._tts is not None
        wanted = QLocale(language.replace("-", "_"))
        offered = list(self._tts.availableLocales())
        same = [loc for loc in offered if loc.language() == wanted.language()]
        exact = [loc for loc in same if loc.territory() == wanted.territory()]
        found: QLocale | None = (exact or same)[0] if same else None
        if found is None:
            log.info("read-aloud: the %s engine has no voice for %r", self.engine_name, language)
        self._locales[language] = found
        return found

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _set_part(self, part: str) -> None:
        if part != self._part:
            self._part = part
            self.part_changed.emit(part)
