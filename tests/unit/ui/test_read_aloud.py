"""Read-aloud's engine wrapper (kiosk.ui.read_aloud.ReadAloud) on Qt's mock engine, which
"speaks" one word every 100 ms and reports each word (``sayingWord``): what reaches the engine,
in which order and locale, stop, pause, volume, and an engine that cannot start.

Also the fit of every screen with read-aloud on (its Listen, Pause and Volume buttons shown),
as tests/unit/ui/test_fit.py checks it with them off.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import VOLUME_STEPS
from kiosk.reach import reach_band
from kiosk.speech.script import Utterance
from kiosk.ui import read_aloud as read_aloud_module
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.read_aloud import VOLUME_LEVELS, ReadAloud, describe_control, engine_missing
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT
from tests.unit.ui.test_fit import (
    DISPLAYS,
    SCREENS,
    _cases,
    _clipped_texts,
    _out_of_reach,
    _overflowing_scroll_areas,
)

REPO = Path(__file__).resolve().parents[3]


class Heard:
    """What the mock engine said, word by word, with the engine's locale at that moment."""

    def __init__(self, speech: ReadAloud) -> None:
        self.words: list[tuple[str, str]] = []
        self.started: list[Utterance] = []
        speech.utterance_started.connect(self.started.append)
        self._speech = speech

    def listen_to_engine(self) -> None:
        tts = self._speech._tts
        assert tts is not None
        tts.sayingWord.connect(
            lambda word, _id, _start, _length: self.words.append((word, tts.locale().name()))
        )

    @property
    def text(self) -> list[str]:
        return [word for word, _locale in self.words]


def _speaking(qtbot: QtBot, script: tuple[Utterance, ...]) -> tuple[ReadAloud, Heard]:
    speech = ReadAloud("mock")
    heard = Heard(speech)
    speech.speak(script)
    heard.listen_to_engine()
    return speech, heard


def test_the_engine_is_not_loaded_at_start_up(tmp_path: Path) -> None:
    """A kiosk that started (window, screens, idle watcher) has not imported QtTextToSpeech;
    the first thing said loads it."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kiosk.app import KioskApp\n"
        "from kiosk.config import Config\n"
        "from kiosk.content.source import load_content\n"
        "from tests.paths import BUNDLED_CONTENT\n"
        "qapp = QApplication([])\n"
        "kiosk = KioskApp(qapp, load_content(BUNDLED_CONTENT), Config(), kiosk_mode=False)\n"
        "kiosk.show(); qapp.processEvents()\n"
        "assert 'PySide6.QtTextToSpeech' not in sys.modules, 'loaded at start-up'\n"
        "assert kiosk.read_aloud.available() in (True, False)\n"
        "assert 'PySide6.QtTextToSpeech' not in sys.modules, 'loaded by available()'\n"
        "from kiosk.speech.script import Utterance\n"
        "kiosk.read_aloud.use_engine('mock')\n"
        "kiosk.read_aloud.speak((Utterance('hello', 'en'),))\n"
        "assert 'PySide6.QtTextToSpeech' in sys.modules\n"
        "kiosk.close()\n"
        "print('ok')\n"
    )
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")


def test_utterances_are_said_in_order_each_in_its_own_locale(qtbot: QtBot) -> None:
    script = (
        Utterance("one two", "en-GB", "title"),
        Utterance("three", "en-US", "body"),
        Utterance("four", "fi", "body"),
    )
    speech, heard = _speaking(qtbot, script)
    parts: list[str] = []
    speech.part_changed.connect(parts.append)
    assert speech.state == "speaking"
    qtbot.waitUntil(lambda: speech.state == "idle", timeout=5000)
    assert heard.words == [
        ("one", "en_GB"),
        ("two", "en_GB"),
        ("three", "en_US"),
        ("four", "fi_FI"),
    ]
    assert heard.started == list(script)
    assert parts == ["body", ""]  # the title part was announced before we listened


def test_a_language_without_a_voice_is_logged_once_and_still_said(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The mock engine has no Spanish voice: the Spanish utterance is still said (in the voice
    the engine has), and the log says so once, without the text."""
    caplog.set_level(logging.INFO, logger="kiosk.ui.read_aloud")
    script = (Utterance("uno", "es"), Utterance("dos", "es"), Utterance("three", "en"))
    speech, heard = _speaking(qtbot, script)
    qtbot.waitUntil(lambda: speech.state == "idle", timeout=5000)
    assert heard.text == ["uno", "dos", "three"]
    assert [u.language for u in heard.started] == ["es", "es", "en"]
    voiceless = [r for r in caplog.records if "no voice" in r.getMessage()]
    assert len(voiceless) == 1 and "'es'" in voiceless[0].getMessage()
    assert not any("uno" in r.getMessage() for r in caplog.records)


def test_speak_replaces_what_was_playing(qtbot: QtBot) -> None:
    speech, heard = _speaking(qtbot, (Utterance("alpha beta gamma delta", "en"),))
    qtbot.waitUntil(lambda: heard.text == ["alpha"], timeout=2000)
    speech.say_now((Utterance("omega", "en"),))
    qtbot.waitUntil(lambda: speech.state == "idle", timeout=3000)
    assert heard.text == ["alpha", "omega"]


def test_listen_during_an_announcement_reads_rather_than_stops(qtbot: QtBot) -> None:
    """A page's title (or a focus announcement) is being said when the patient taps Listen:
    the page is read, from its start; only a second Listen stops."""
    speech = ReadAloud("mock")
    heard = Heard(speech)
    speech.set_active(True)
    speech.say_now((Utterance("title words still being said", "en"),))
    heard.listen_to_engine()
    qtbot.waitUntil(lambda: heard.text == ["title"], timeout=2000)
    assert not speech.reading
    page = (Utterance("page text read from its start", "en"),)
    speech.listen(page)
    assert speech.reading
    qtbot.waitUntil(lambda: "page" in heard.text, timeout=3000)
    assert heard.text[: heard.text.index("page")] == ["title"]  # the title was cut short
    speech.listen(page)
    assert speech.state == "idle" and not speech.reading


def test_stop_silences_and_drops_the_queue(qtbot: QtBot) -> None:
    speech, heard = _speaking(qtbot, (Utterance("one two three", "en"), Utterance("four", "en")))
    qtbot.waitUntil(lambda: heard.text == ["one"], timeout=2000)
    states: list[str] = []
    speech.state_changed.connect(states.append)
    speech.stop()
    assert states == ["idle"] and speech.pending == () and speech.current is None
    qtbot.wait(400)
    assert heard.text == ["one"]


def test_pause_holds_and_resume_goes_on(qtbot: QtBot) -> None:
    speech, heard = _speaking(qtbot, (Utterance("one two three four", "en"),))
    qtbot.waitUntil(lambda: heard.text == ["one"], timeout=2000)
    speech.pause()
    assert speech.state == "paused"
    qtbot.wait(150)  # the mock stops after the word it is on
    said = len(heard.text)
    qtbot.wait(400)
    assert len(heard.text) == said < 4
    speech.resume()
    assert speech.state == "speaking"
    qtbot.waitUntil(lambda: speech.state == "idle", timeout=3000)
    assert heard.text == ["one", "two", "three", "four"]


def test_listen_turns_read_aloud_on_and_a_second_time_stops(qtbot: QtBot) -> None:
    speech = ReadAloud("mock")
    script = (Utterance("one two three", "en"),)
    speech.listen(script)
    assert speech.active and speech.state == "speaking"
    speech.listen(script)
    assert speech.active and speech.state == "idle"


def test_volume_steps_clamp_cycle_and_reset(qtbot: QtBot) -> None:
    speech = ReadAloud("mock", volume=2)
    speech.speak((Utterance("hello", "en"),))
    tts = speech._tts
    assert tts is not None
    assert tts.volume() == pytest.approx(VOLUME_LEVELS[1])
    for _ in range(VOLUME_STEPS + 2):
        speech.louder()
    assert speech.volume == VOLUME_STEPS
    assert tts.volume() == pytest.approx(VOLUME_LEVELS[-1]) == pytest.approx(1.0)
    speech.next_volume()  # after the loudest, the softest
    assert speech.volume == 1
    speech.softer()
    assert speech.volume == 1 and tts.volume() == pytest.approx(VOLUME_LEVELS[0])
    assert tuple(sorted(set(VOLUME_LEVELS))) == VOLUME_LEVELS and len(VOLUME_LEVELS) >= 3
    speech.set_active(True)
    speech.reset()
    assert (speech.volume, speech.active, speech.state) == (2, False, "idle")
    assert tts.volume() == pytest.approx(VOLUME_LEVELS[1])


def test_availability_is_decided_from_files(monkeypatch: pytest.MonkeyPatch) -> None:
    engine_missing.cache_clear()
    assert engine_missing("mock") == ""
    assert "plugin" in engine_missing("no-such-engine")
    monkeypatch.setattr("kiosk.ui.read_aloud.shutil.which", lambda _name: None)
    engine_missing.cache_clear()
    try:
        assert "speech-dispatcher" in engine_missing("speechd")
        assert not ReadAloud("speechd").available()
    finally:
        engine_missing.cache_clear()
    assert not ReadAloud("mock", enabled=False).available()
    assert ReadAloud("mock").available()


@pytest.mark.qt_log_ignore('Text-to-speech plug-in "broken" is not supported')
def test_an_engine_that_fails_on_first_use_turns_read_aloud_off_once(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files looked right but the engine does not start: read-aloud goes off for good,
    the log says why once (never what was to be said) and ``unavailable`` is emitted."""
    monkeypatch.setattr(read_aloud_module, "engine_missing", lambda _engine: "")
    speech = ReadAloud("broken")
    assert speech.available()
    gone: list[bool] = []
    speech.unavailable.connect(lambda: gone.append(True))
    speech.listen((Utterance("private words", "en"),))
    speech.listen((Utterance("private words", "en"),))
    assert gone == [True]
    assert not speech.available() and not speech.active and speech.state == "idle"
    failures = [r for r in caplog.records if "read-aloud is off" in r.getMessage()]
    assert len(failures) == 1
    assert "broken" in failures[0].getMessage()
    assert not any("private" in r.getMessage() for r in caplog.records)


def test_a_control_is_described_by_name_and_kind_never_by_what_was_typed(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    button = QPushButton("Next", host)
    button.setAccessibleName("Next page")
    assert describe_control(button) == "Next page, button"
    toggle = QPushButton("High contrast", host)
    toggle.setCheckable(True)
    toggle.setChecked(True)
    assert describe_control(toggle) == "High contrast, button, selected"
    field = QLineEdit(host)
    field.setAccessibleName("Your name")
    field.setText("Maria Secret")
    assert describe_control(field) == "Your name, text field"
    unnamed = QLineEdit(host)
    unnamed.setText("555 0100")
    assert describe_control(unnamed) == "text field"


def test_the_locale_of_a_language_code_is_found(qtbot: QtBot) -> None:
    speech = ReadAloud("mock")
    speech.speak((Utterance("x", "en"),))
    assert speech._locale_for("en-GB") == QLocale("en_GB")
    assert speech._locale_for("fi") == QLocale("fi_FI")
    assert speech._locale_for("es") is None
    speech.stop()


# --- Every screen still fits with read-aloud on ---------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("screen", "display", "step"), _cases())
def test_the_screen_fits_with_read_aloud_on(
    qtbot: QtBot, tmp_path: Path, screen: str, display: str, step: int, language: str
) -> None:
    width, height = DISPLAYS[display]
    with running_kiosk(
        BUNDLED_CONTENT, size=(width, height), data_dir=tmp_path / "data", text_step=step
    ) as kiosk:
        kiosk.read_aloud.set_active(True)  # Listen, Pause and Volume on every screen
        kiosk.show_view(kiosk.session.set_language(language))
        SCREENS[screen](kiosk)
        window = kiosk.window
        QApplication.processEvents()
        current = window.current_screen
        for controls in current.findChildren(DisplayControls):
            assert not controls.pause_button.isHidden() and not controls.volume_button.isHidden()
        if screen in ("attract", "menu", "thank-you") or screen.startswith("page"):
            shown = [c for c in current.findChildren(DisplayControls) if c.isVisibleTo(window)]
            assert shown and shown[0].volume_button.isVisibleTo(window)
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert minimum.width() <= width and minimum.height() <= height, (
            f"{screen} needs {minimum.width()}x{minimum.height()} on a {width}x{height} display"
        )
        assert window.size().toTuple() == (width, height)
        assert _clipped_texts(window) == []
        assert _overflowing_scroll_areas(current) == []
        band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
        if screen != "idle":
            assert _out_of_reach(window, band) == []


def test_qt_speech_that_cannot_be_loaded_turns_read_aloud_off_not_the_kiosk(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QtTextToSpeech needs libpulse on Linux: without it the import fails, and Listen must
    hide, not end the kiosk."""

    def no_library() -> object:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(read_aloud_module, "_load_engine_class", no_library)
    speech = ReadAloud("mock")
    gone: list[bool] = []
    speech.unavailable.connect(lambda: gone.append(True))
    speech.listen((Utterance("private words", "en"),))
    assert gone == [True] and not speech.available() and not speech.active
    assert sum("read-aloud is off" in r.getMessage() for r in caplog.records) == 1
