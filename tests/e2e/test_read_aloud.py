"""Read-aloud as a patient uses it, on Qt's mock engine (``speech.engine = "mock"``): Listen
on every screen (real taps), in English and Spanish; what is handed to the engine, in which
language; it stops on a page turn, a second tap and the end of the visit; Help and Tab by keys;
the idle warning; and nothing the patient typed is ever said.

What was said is recorded from ReadAloud's ``utterance_started`` (each utterance as it goes to
the engine) and, where the words matter, from the mock engine's own ``sayingWord``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, Timings
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.speech.script import Utterance, page_script, spell
from kiosk.ui import read_aloud as read_aloud_module
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.read_aloud import ReadAloud
from tests.form_driving import fill_form, touch_in_form
from tests.kiosk_fixtures import press_key, running_kiosk, settle, tile_for
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e
K = Qt.Key
TYPED = ("José", "Ñúñez", "312", "555", "0123", "jose@example.es")
"""What fill_form types: none of it may ever be said."""


@contextmanager
def speaking_kiosk(tmp_path: Path, **kwargs: object) -> Iterator[KioskApp]:
    with running_kiosk(BUNDLED_CONTENT, **kwargs) as kiosk:  # type: ignore[arg-type]
        yield kiosk


class Said:
    """Every utterance handed to the engine, in order."""

    def __init__(self, speech: ReadAloud) -> None:
        self.utterances: list[Utterance] = []
        speech.utterance_started.connect(self.utterances.append)
        self.speech = speech

    def clear(self) -> None:
        self.utterances.clear()

    @property
    def texts(self) -> list[str]:
        return [u.text for u in self.utterances]

    def queued(self) -> list[Utterance]:
        """What is being said and what is still to come."""
        current = self.speech.current
        return ([current] if current is not None else []) + list(self.speech.pending)


def _on_page(kiosk: KioskApp, index: int) -> bool:
    return kiosk.session.view.page_index == index


def controls_of(kiosk: KioskApp) -> DisplayControls:
    shown = [c for c in kiosk.window.current_screen.findChildren(DisplayControls) if c.isVisible()]
    assert shown, "no display controls on this screen"
    return shown[0]


def listen(kiosk: KioskApp) -> QPushButton:
    button = controls_of(kiosk).listen_button
    assert button.isVisible()
    tap(button)
    return button


@pytest.mark.parametrize("language", ["en", "es"])
def test_listen_reads_every_screen_in_its_language(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    with speaking_kiosk(tmp_path, data_dir=tmp_path / "data") as kiosk:
        speech = kiosk.read_aloud
        assert speech.engine_name == "mock"
        said = Said(speech)
        window = kiosk.window
        kiosk.show_view(kiosk.session.set_language(language))
        deck = kiosk.session.view.deck
        assert deck is not None
        # The attract screen: its welcome, what to do, how to listen.
        listen(kiosk)
        assert speech.active and speech.state == "speaking"
        assert said.queued() == list(window.attract.speech_script())
        assert said.queued()[0].text == (deck.welcome_title or deck.language_name)
        assert all(u.language == language for u in said.queued())
        stop = controls_of(kiosk).listen_button.accessibleName()
        assert stop == ("Stop reading aloud" if language == "en" else "Dejar de leer en voz alta")
        listen(kiosk)  # a second tap stops
        assert speech.state == "idle" and speech.active
        # The menu: the view change says its heading; Listen reads every topic.
        tap(window.attract.start_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert said.utterances[-1] == window.menu.speech_script()[0]
        listen(kiosk)
        queued = [u.text for u in said.queued()]
        for number, page in enumerate(deck.pages, start=1):
            assert any(text.startswith(f"{number}. {page.title}") for text in queued)
        # Every page: a page turn says "Page n of N. Title" and stops the reading; Listen
        # reads title, picture and text in the page's language.
        tap(tile_for(kiosk, deck.pages[0].slug))
        length = kiosk.session.view.path_length  # reading in order ends on the visit page
        for index, page in enumerate(deck.pages[:length]):
            assert wait_until(partial(_on_page, kiosk, index))
            settle(kiosk)
            turn = said.utterances[-1]
            assert turn.text.endswith(
                f"{index + 1} {'of' if language == 'en' else 'de'} {length}. {page.title}"
            )
            assert turn.language == language
            listen(kiosk)
            assert said.queued() == list(
                page_script(page, language, picture_intro=window.reader.tr("Picture: {0}"))
            )
            assert said.queued()[1].text.startswith("Picture:" if language == "en" else "Imagen:")
            assert window.reader.reading == "title"
            assert window.reader.reading_frame.isVisible()
            if index + 1 < length:
                tap(window.reader.next_button)
                assert wait_until(lambda: speech.current is None or speech.current.part == "title")
                assert (
                    not window.reader.reading_frame.isVisible() or window.reader.reading == "title"
                )
        # The thank-you screen: the reference code, spelt out.
        kiosk.show_view(kiosk.session.home())
        tap(window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        fill_form(window.request_form)
        touch_in_form(window.request_form, window.request_form.send_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)
        listen(kiosk)
        code = window.thank_you.code
        assert code
        queued = [u.text for u in said.queued()]
        assert any(spell(code) in text for text in queued)
        assert all(u.language == language for u in said.queued())
        assert not any(part in text for text in said.texts for part in TYPED)


def test_the_engine_really_says_the_page_and_the_frame_follows(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The mock engine's own words: the title first, then the picture, then the text; the
    frame moves from the title to the picture."""
    with speaking_kiosk(tmp_path) as kiosk:
        speech = kiosk.read_aloud
        reader = kiosk.window.reader
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page("hip-joint"))
        settle(kiosk)
        listen(kiosk)
        tts = speech._tts
        assert tts is not None
        words: list[str] = []
        tts.sayingWord.connect(lambda word, *_: words.append(word))
        page = kiosk.session.view.page
        assert page is not None
        title_frame = reader.reading_frame.geometry()
        qtbot.waitUntil(lambda: reader.reading == "picture", timeout=5000)
        assert " ".join(words) == page.title.replace(":", "")
        assert reader.reading_frame.isVisible()
        assert reader.reading_frame.geometry() != title_frame
        tap(controls_of(kiosk).pause_button)
        assert speech.state == "paused"
        assert controls_of(kiosk).pause_button.accessibleName() == "Resume reading aloud"
        tap(controls_of(kiosk).pause_button)
        assert speech.state == "speaking"
        tap(controls_of(kiosk).listen_button)  # Stop
        assert speech.state == "idle" and not reader.reading_frame.isVisible()


def test_pause_and_volume_show_only_while_read_aloud_is_on_and_reset_ends_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with speaking_kiosk(tmp_path) as kiosk:
        speech = kiosk.read_aloud
        controls = controls_of(kiosk)
        assert controls.listen_button.isVisible()
        assert not controls.pause_button.isVisible() and not controls.volume_button.isVisible()
        listen(kiosk)
        assert controls.pause_button.isVisible() and controls.volume_button.isVisible()
        default = speech.volume
        tap(controls.volume_button)
        assert speech.volume == default + 1
        assert str(default + 1) in controls.volume_button.accessibleName()
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page("cartilage"))
        settle(kiosk)
        listen(kiosk)
        assert speech.state == "speaking"
        kiosk.reset()  # the end of the visit
        assert (speech.state, speech.active, speech.volume) == ("idle", False, default)
        controls = controls_of(kiosk)
        assert controls.listen_button.isVisible() and not controls.pause_button.isVisible()


def test_a_page_turn_and_home_stop_the_reading(qtbot: QtBot, tmp_path: Path) -> None:
    with speaking_kiosk(tmp_path) as kiosk:
        speech = kiosk.read_aloud
        said = Said(speech)
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page("hip-joint"))
        settle(kiosk)
        listen(kiosk)
        body = [u for u in said.queued() if u.part == "body"]
        assert body
        tap(kiosk.window.reader.next_button)
        assert wait_until(
            lambda: (
                kiosk.session.view.page is not None and kiosk.session.view.page.slug != "hip-joint"
            )
        )
        # Only the new page's short title is left: the old page's text is dropped.
        assert said.queued() and said.queued()[0].text.startswith("Page ")
        assert not any(u in said.queued() for u in body)
        tap(kiosk.window.reader.home_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert not any(u in said.queued() for u in body)


def test_help_starts_reading_and_tab_says_the_focused_control(qtbot: QtBot, tmp_path: Path) -> None:
    with speaking_kiosk(tmp_path) as kiosk:
        speech = kiosk.read_aloud
        said = Said(speech)
        window = kiosk.window
        press_key(kiosk, K.Key_Help)
        assert speech.active and speech.state == "speaking"
        assert said.queued() == list(window.attract.speech_script())
        press_key(kiosk, K.Key_F1)  # again: stop
        assert speech.state == "idle"
        press_key(kiosk, K.Key_Return)  # the ring on "Touch to start" (it is said) ...
        assert said.texts[-1].startswith(window.attract.start_button.accessibleName())
        press_key(kiosk, K.Key_Return)  # ... and pressed
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        # The new screen's title, then the control the keys landed on (the first topic).
        first = window.menu.tiles[0].key
        assert first.hasFocus()
        assert said.queued()[0] == window.menu.short_title()[0]
        assert said.queued()[-1].text == f"{first.accessibleName()}, button"
        said.clear()
        press_key(kiosk, K.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None and focused is not window
        assert said.texts and said.texts[-1].startswith(focused.accessibleName())
        assert said.texts[-1].endswith(", button")
        press_key(kiosk, K.Key_PageDown)  # the list scrolls: nothing new is said
        volume = speech.volume
        press_key(kiosk, K.Key_VolumeDown)
        assert speech.volume == volume - 1
        press_key(kiosk, K.Key_Plus)
        assert speech.volume == volume


def test_keys_say_nothing_while_read_aloud_is_off(qtbot: QtBot, tmp_path: Path) -> None:
    with speaking_kiosk(tmp_path) as kiosk:
        said = Said(kiosk.read_aloud)
        press_key(kiosk, K.Key_Tab, 3)
        kiosk.window.attract.start_button.setFocus()
        press_key(kiosk, K.Key_Return)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        press_key(kiosk, K.Key_Tab, 2)
        assert said.utterances == [] and not kiosk.read_aloud.engine_loaded


def test_the_idle_warning_is_said_once_with_its_countdown(qtbot: QtBot, tmp_path: Path) -> None:
    timings = Timings(idle_ms=1500, warning_ms=20_000)
    with speaking_kiosk(tmp_path, timings=timings) as kiosk:
        speech = kiosk.read_aloud
        said = Said(speech)
        kiosk.show_view(kiosk.session.start())
        listen(kiosk)
        listen(kiosk)  # on, and quiet
        assert wait_until(lambda: kiosk.window.idle_overlay.isVisible(), 5000)
        qtbot.wait(2200)  # two more ticks of the countdown
        question = [u for u in said.utterances if u.text == "Are you still there?"]
        assert len(question) == 1
        after = said.texts[said.texts.index("Are you still there?") + 1]
        assert "seconds" in after and any(char.isdigit() for char in after)
        tap(kiosk.window.idle_overlay.still_here_button)
        assert speech.state == "idle"


def test_nothing_typed_is_said_when_typing_by_keys(qtbot: QtBot, tmp_path: Path) -> None:
    with speaking_kiosk(tmp_path, data_dir=tmp_path / "data") as kiosk:
        said = Said(kiosk.read_aloud)
        press_key(kiosk, K.Key_Help)  # read-aloud on
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        form = kiosk.window.request_form
        fill_form(form)
        for _ in range(12):  # the keys walk through the filled fields: their names, not text
            press_key(kiosk, K.Key_Tab)
        press_key(kiosk, K.Key_Help)
        press_key(kiosk, K.Key_Help)
        assert said.utterances
        assert not any(part in text for text in said.texts for part in TYPED)


@pytest.mark.qt_log_ignore('Text-to-speech plug-in "broken" is not supported')
def test_an_engine_that_fails_hides_listen_everywhere_and_logs_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read_aloud_module, "engine_missing", lambda _engine: "")
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        kiosk.read_aloud.use_engine("broken")
        kiosk.window.build_ahead()
        assert controls_of(kiosk).listen_button.isVisible()
        listen(kiosk)
        assert not controls_of(kiosk).listen_button.isVisible()
        kiosk.show_view(kiosk.session.start())
        assert not controls_of(kiosk).listen_button.isVisible()
        press_key(kiosk, K.Key_F1)  # Help: nothing now
        assert kiosk.session.view.screen is Screen.MENU
        assert not kiosk.read_aloud.active
    failures = [r for r in caplog.records if "read-aloud is off" in r.getMessage()]
    assert len(failures) == 1 and failures[0].levelno == logging.WARNING


def test_without_an_engine_listen_is_hidden_and_nothing_else_changes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with running_kiosk(BUNDLED_CONTENT, speech={"enabled": False}) as kiosk:
        for screen_controls in kiosk.window.findChildren(DisplayControls):
            assert screen_controls.listen_button.isHidden()
            assert screen_controls.speech_row.isHidden()
        press_key(kiosk, K.Key_F1)
        assert not kiosk.read_aloud.active and not kiosk.read_aloud.engine_loaded
