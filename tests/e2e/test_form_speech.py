"""Read-aloud on the visit form, driven by real key and touch events: what Listen reads (in
English and Spanish), what the focus says as it moves, the on-screen key under the highlight,
control keys on touch, the errors after a bad Send, the discard question, and that nothing a
patient typed (name, phone, email) is ever in anything said.

The form is hosted alone (its ``narrate`` signal is what the window would hand to the speaker)
and, at the end, inside the real kiosk with Qt's ``mock`` speech engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.speech.script import Script, Utterance
from kiosk.ui.i18n import UiLanguage
from kiosk.ui.keyboard import BACK, HIDE, PAGE, PHONE, SHIFT, SPACE
from kiosk.ui.read_aloud import ReadAloud
from kiosk.ui.request_form import RequestFormScreen
from kiosk.ui.theme import Theme, load_bundled_fonts
from kiosk.visit.model import check_form
from tests.form_driving import press, tab_to, touch_in_form, type_by_arrows, type_on_keyboard
from tests.kiosk_fixtures import PORTRAIT, press_key, running_kiosk
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e
LOCATIONS = ("Downtown", "Northside")

NAME, PHONE_NUMBER, EMAIL = "Zebediah Quux", "+1 555 0100 777", "zq@example.org"
"""What a patient types in the privacy tests: words no kiosk text contains."""


class Heard:
    """Everything the form asked to be said (its ``narrate`` scripts), in order."""

    def __init__(self, form: RequestFormScreen) -> None:
        self.scripts: list[Script] = []
        form.narrate.connect(self.scripts.append)

    @property
    def texts(self) -> list[str]:
        return [u.text for script in self.scripts for u in script]

    def last(self) -> str:
        assert self.scripts, "nothing was said"
        return " ".join(u.text for u in self.scripts[-1])

    def since(self, mark: int) -> list[str]:
        return [" ".join(u.text for u in script) for script in self.scripts[mark:]]

    def clear(self) -> None:
        self.scripts.clear()


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[RequestFormScreen]:
    theme = Theme(family=load_bundled_fonts())
    window = QWidget()
    window.setStyleSheet(theme.stylesheet())
    screen = RequestFormScreen(theme, window)
    screen.set_locations(LOCATIONS)
    column = QVBoxLayout(window)
    column.addWidget(screen)
    column.setContentsMargins(0, 0, 0, 0)
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.setFocus(Qt.FocusReason.OtherFocusReason)  # as the kiosk's window holds it
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    yield screen
    window.close()


@pytest.fixture
def spanish() -> Iterator[None]:
    """The real Spanish catalogue installed, as when a patient switches language."""
    app = QCoreApplication.instance()
    assert app is not None
    language = UiLanguage(app)
    language.set_language("es")
    QApplication.processEvents()
    yield
    language.set_language("en")
    QApplication.processEvents()


def _texts(script: Script) -> list[str]:
    return [u.text for u in script]


# --- Listen --------------------------------------------------------------------------------


def test_listen_reads_heading_how_to_and_the_first_question(form: RequestFormScreen) -> None:
    script = form.speech_script()
    assert {u.language for u in script} == {"en"}
    assert [u.part for u in script][:1] == ["title"]
    title, intro, how_to, question = _texts(script)
    assert title == "Request a visit."
    assert intro == "Fill in your details and the clinic will call you."
    assert "By touch" in how_to and "By keys" in how_to and "Tab" in how_to
    assert question == "Your name. Text field. Required. Empty."
    assert form.short_title() == script[:1]


def test_listen_reads_the_focused_question_its_choices_and_the_errors(
    form: RequestFormScreen,
) -> None:
    tab_to(form.best_time.buttons["morning"])
    press(Qt.Key.Key_Down)  # chooses Afternoon
    question = _texts(form.speech_script())[3]
    assert question == (
        "Best time to call you. Choose one of: Morning, Afternoon, Evening, Any time. "
        "Required. Chosen: Afternoon."
    )
    tab_to(form.consent_button)
    assert _texts(form.speech_script())[3] == (
        "May we contact you? Required. "
        "Yes, the clinic may contact me about a visit, check box, not ticked."
    )
    form.show_errors(check_form(form.form_input(), region="US", locations=LOCATIONS).errors)
    script = form.speech_script()
    assert script[-1].part == "errors"
    errors = script[-1].text
    assert errors.startswith("Some answers need another look.")
    assert "Your name. Please enter your name." in errors
    assert "Phone number. Please enter a phone number we can call." in errors
    assert "How long has it hurt? Please choose one." in errors
    assert "Best time" not in errors, "an answered question has no error"


def test_a_text_field_says_how_much_was_typed_never_what(form: RequestFormScreen) -> None:
    heard = Heard(form)
    touch_in_form(form, form.name_field)
    assert heard.last() == "Your name. Text field. Required. Empty."
    type_on_keyboard(form, "Ann")
    tab_to(form.phone_field)
    tab_to(form.name_field)  # Shift+Tab would do too: round the ring
    assert heard.last() == "Your name. Text field. Required. 3 characters entered."
    assert form.speech_script()[3].text == heard.last()


def test_the_part_being_read_is_framed(form: RequestFormScreen) -> None:
    frame = form.speech.frame

    def framed(widget: QWidget) -> bool:
        parent = frame.parentWidget()
        assert parent is not None
        box = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
        return frame.isVisible() and frame.geometry().contains(box)

    def label(text: str) -> QLabel:
        return next(lab for lab in form.findChildren(QLabel) if lab.text() == text)

    tab_to(form.phone_field)
    form.speech_script()  # Listen reads the phone question now
    form.show_reading("title")
    assert framed(label("Request a visit"))
    form.show_reading("field")
    assert framed(form.sections["phone"])
    form.show_errors(check_form(form.form_input(), region="US", locations=LOCATIONS).errors)
    form.show_reading("errors")
    assert framed(label(form.words[2]))
    form.show_reading("")
    assert not frame.isVisible()


# --- The focus as it moves ---------------------------------------------------------------------


def test_the_focus_says_each_question_role_and_state(form: RequestFormScreen) -> None:
    heard = Heard(form)
    tab_to(form.name_field)
    assert heard.last() == "Your name. Text field. Required. Empty."
    press(Qt.Key.Key_Enter)  # on to the phone field
    assert heard.last() == (
        "Phone number. We will call you on this number. Text field. Required. Empty."
    )
    press(Qt.Key.Key_Tab)
    assert heard.last() == "Email (you can leave this empty). Text field. Empty."
    press(Qt.Key.Key_Tab)
    assert heard.last() == (
        "Best time to call you. Choose one of: Morning, Afternoon, Evening, Any time. "
        "Required. Morning, not chosen, 1 of 4."
    )
    mark = len(heard.scripts)
    press(Qt.Key.Key_Down)  # within the group: only the choice, chosen now
    assert heard.since(mark) == ["Afternoon, chosen, 2 of 4."]
    press(Qt.Key.Key_Tab)
    assert heard.last().startswith("Which clinic suits you? Choose one of: Downtown, Northside.")
    press(Qt.Key.Key_Tab)
    assert heard.last().startswith("Where does it hurt? Touch every place that hurts.")
    assert heard.last().endswith("Groin, your left side, not chosen.")
    press(Qt.Key.Key_Space)
    assert heard.last() == "Groin, your left side, chosen."
    press(Qt.Key.Key_Tab)
    assert heard.last() == "Groin, your right side, not chosen."
    tab_to(form.consent_button)
    press(Qt.Key.Key_Enter)
    assert heard.last() == "Yes, the clinic may contact me about a visit, check box, ticked."
    press(Qt.Key.Key_Tab)
    assert heard.last() == "Send request, button."


def test_touching_choices_and_spots_says_their_new_state(form: RequestFormScreen) -> None:
    heard = Heard(form)
    touch_in_form(form, form.duration.buttons["over-3-months"])
    assert heard.last() == "More than 3 months, chosen, 3 of 3."
    body = form.body_map
    form.scroll_area.ensureWidgetVisible(body, 0, 0)
    QApplication.processEvents()
    tap(body, body.area_rect("buttock-right").center().toPoint())
    assert heard.last() == "Buttock, your right side, chosen."
    tap(body, body.label_rect("groin").center().toPoint())  # the word marks both sides
    assert heard.last() == "Groin, your left side, chosen. Groin, your right side, chosen."
    tap(body, body.area_rect("buttock-right").center().toPoint())
    assert heard.last() == "Buttock, your right side, not chosen."
    touch_in_form(form, form.consent_button)
    assert heard.last() == "Yes, the clinic may contact me about a visit, check box, ticked."
    count = len(heard.scripts)
    form.clear()  # the form's own changes say nothing
    form.restore(form.form_input(), {})
    assert len(heard.scripts) == count


# --- The on-screen keyboard ------------------------------------------------------------------


def test_the_key_under_the_highlight_is_said(form: RequestFormScreen) -> None:
    heard = Heard(form)
    tab_to(form.email_field)
    keyboard = form.keyboard
    mark = len(heard.scripts)
    press(Qt.Key.Key_Down)  # into the keyboard: its first key
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Down)
    assert heard.since(mark) == ["1", "2", "W"]
    mark = len(heard.scripts)
    press(Qt.Key.Key_Down, 2)  # the third letter row starts with Shift
    press(Qt.Key.Key_Left, 3)
    assert keyboard.highlighted is keyboard.special_key(SHIFT)
    assert heard.since(mark)[-1] == "Capital letter"
    press(Qt.Key.Key_Enter)
    assert heard.last() == "Capital letter on"
    press(Qt.Key.Key_Right)
    assert heard.last() == "capital Z"
    press(Qt.Key.Key_Enter)  # types Z: nothing more is said
    assert heard.last() == "capital Z" and form.email_field.text() == "Z"
    press(Qt.Key.Key_Down)  # the bottom row: the accents key, then @ . - _
    press(Qt.Key.Key_Left, 2)
    assert heard.last() == "Letters with accents"
    press(Qt.Key.Key_Right)
    assert heard.last() == "at sign"
    press(Qt.Key.Key_Right)
    assert heard.last() == "dot"
    for _ in range(5):
        press(Qt.Key.Key_Right)
    assert keyboard.highlighted is keyboard.special_key(HIDE)
    assert heard.last() == "Hide the keyboard"
    press(Qt.Key.Key_Enter)  # by keys, Hide goes back to the field: the field is said again
    assert keyboard.highlighted is None
    assert heard.last() == "Email (you can leave this empty). Text field. 1 character entered."


def test_accents_and_the_phone_keypad_are_said_by_name(form: RequestFormScreen) -> None:
    heard = Heard(form)
    keyboard = form.keyboard
    tab_to(form.name_field)
    press(Qt.Key.Key_Down)
    assert keyboard.highlighted is not None
    tap(keyboard.special_key(PAGE))
    assert heard.last() == "Letters with accents"
    assert keyboard.position_of(keyboard.highlighted) == (0, 0)  # the page's "1"
    mark = len(heard.scripts)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Right)
    assert heard.since(mark) == ["A with an accent", "U with two dots", "n with a tilde"]
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_Enter)  # on to the phone field: the telephone keypad
    assert keyboard.page == PHONE
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down, 3)
    assert heard.last() == "plus"
    press(Qt.Key.Key_Right, 3)
    assert keyboard.highlighted is keyboard.special_key(SPACE)
    assert heard.last() == "Space"


def test_touch_typing_says_control_keys_only(form: RequestFormScreen) -> None:
    heard = Heard(form)
    touch_in_form(form, form.name_field)
    mark = len(heard.scripts)
    keyboard = form.keyboard
    type_on_keyboard(form, "Bo")
    assert heard.since(mark) == ["Capital letter on"], "touched letters are never echoed"
    tap(keyboard.special_key(SPACE))
    assert heard.last() == "Space"
    tap(keyboard.special_key(BACK))
    assert heard.last() == "Delete"
    tap(keyboard.special_key(SHIFT))
    tap(keyboard.special_key(SHIFT))
    assert heard.since(len(heard.scripts) - 2) == ["Capital letter on", "Capital letter off"]
    tap(keyboard.special_key(HIDE))
    assert heard.last() == "Keyboard hidden"
    assert form.name_field.text() == "Bo"


# --- Errors, the discard question, not saved ----------------------------------------------------


def test_errors_after_a_bad_send_by_keys_are_said_with_their_questions(
    form: RequestFormScreen,
) -> None:
    heard = Heard(form)
    form.submit_requested.connect(
        lambda entries: form.show_errors(
            check_form(entries, region="US", locations=LOCATIONS).errors
        )
    )
    tab_to(form.phone_field)
    QTest.keyClicks(form.phone_field, "12")  # a phone number that is not one
    tab_to(form.send_button)
    mark = len(heard.scripts)
    press(Qt.Key.Key_Enter)
    said = heard.since(mark)
    assert len(said) == 1, "one announcement: the errors, then where the focus went"
    errors, focus = heard.scripts[-1]
    assert errors.part == "errors" and focus.part == "field"
    assert errors.text == (
        "Some answers need another look. They are marked above. "
        "Your name. Please enter your name. "
        "Phone number. Please check the phone number: it should be a number we can call, "
        "such as 312 555 0123. "
        "Best time to call you. Please choose one. "
        "Which clinic suits you? Please choose one. "
        "How long has it hurt? Please choose one. "
        "May we contact you? Please tick the box so we may contact you."
    )
    assert form.name_field.hasFocus()
    assert focus.text == "Your name. Text field. Required. Empty."
    press(Qt.Key.Key_Tab)  # each field says its own error when the focus reaches it
    assert heard.last() == (
        "Phone number. We will call you on this number. Text field. Required. "
        "2 characters entered. Needs another look: Please check the phone number: it should "
        "be a number we can call, such as 312 555 0123."
    )


def test_the_discard_question_and_the_not_saved_note_are_said(form: RequestFormScreen) -> None:
    heard = Heard(form)
    touch_in_form(form, form.name_field)
    type_on_keyboard(form, "Al")
    tab_to(form.cancel_button)
    mark = len(heard.scripts)
    press(Qt.Key.Key_Enter)
    assert form.discard_question.isVisible()
    assert heard.since(mark) == [
        "Discard what you have entered? Answer Yes, discard or No, keep editing. "
        "No, keep editing, button."
    ]
    assert _texts(form.speech_script())[2] == heard.last()
    press(Qt.Key.Key_Tab)
    assert heard.last() == "Yes, discard, button."
    press(Qt.Key.Key_Escape)  # keeps editing: back on Cancel
    assert heard.last() == "Cancel and forget what I typed, button."
    form.show_not_saved()
    note = "Sorry, your request could not be saved. Please ask at the front desk."
    assert heard.last() == note
    assert form.speech_script()[-1] == Utterance(note, "en", "errors")


# --- Spanish ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("spanish")
def test_the_form_is_read_in_spanish(form: RequestFormScreen) -> None:
    form.show_languages("es", ())
    heard = Heard(form)
    script = form.speech_script()
    assert {u.language for u in script} == {"es"}
    assert _texts(script)[0] == "Pedir una cita."
    assert "Tab" in _texts(script)[2] and "By keys" not in _texts(script)[2]
    assert _texts(script)[3] == "Su nombre. Campo de texto. Obligatorio. Vacío."
    tab_to(form.best_time.buttons["morning"])
    assert heard.last() == (
        "Mejor hora para llamarle. Elija una de: Mañana, Tarde, Noche, A cualquier hora. "
        "Obligatorio. Mañana, sin elegir, 1 de 4."
    )
    assert {u.language for script in heard.scripts for u in script} == {"es"}
    tab_to(form.email_field)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down, 4)
    press(Qt.Key.Key_Right)
    assert heard.last() == "arroba"
    press(Qt.Key.Key_Left, 2)
    press(Qt.Key.Key_Up)
    press(Qt.Key.Key_Enter)
    assert heard.last() == "Mayúscula activada"


# --- Privacy ----------------------------------------------------------------------------------


def _never_said(texts: list[str]) -> None:
    """Nothing said holds the typed name, phone or email, in part or with the digits run
    together (a count such as "13 characters entered" is fine)."""
    phone_digits = re.sub(r"\D", "", PHONE_NUMBER)
    for text in texts:
        lowered = text.lower()
        for secret in ("zebediah", "quux", "zq@", "example.org", "0100", "0100 777"):
            assert secret not in lowered, f"{secret!r} was said: {text!r}"
        assert phone_digits not in re.sub(r"\D", "", text), f"the phone was said: {text!r}"
        assert "555 0100" not in text and "5550100" not in text


def test_nothing_typed_is_ever_said(form: RequestFormScreen) -> None:
    heard = Heard(form)
    listened: list[str] = []
    # By touch on the on-screen keyboard, by arrows and Enter on it, and on a physical one.
    touch_in_form(form, form.name_field)
    type_on_keyboard(form, NAME)
    listened += _texts(form.speech_script())
    tab_to(form.phone_field)
    type_by_arrows(form, PHONE_NUMBER)
    press(Qt.Key.Key_Escape)
    listened += _texts(form.speech_script())
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(form.email_field, EMAIL)
    press(Qt.Key.Key_Down)  # in the keyboard and out again: the field is said again
    press(Qt.Key.Key_Escape)
    listened += _texts(form.speech_script())
    assert (form.name_field.text(), form.phone_field.text(), form.email_field.text()) == (
        NAME,
        PHONE_NUMBER,
        EMAIL,
    )
    # Every other question by keys, a bad Send, every field visited again with its error.
    form.submit_requested.connect(
        lambda entries: form.show_errors(
            check_form(entries, region="US", locations=LOCATIONS).errors
        )
    )
    for control in (form.best_time.buttons["morning"], form.consent_button, form.send_button):
        tab_to(control)
        press(Qt.Key.Key_Enter)
    for field in form.fields.values():
        tab_to(field)
        listened += _texts(form.speech_script())
    tab_to(form.cancel_button)
    press(Qt.Key.Key_Enter)
    listened += _texts(form.speech_script())
    said = heard.texts + listened
    _never_said(said)
    assert len(said) > 40
    assert any("characters entered" in text for text in said)


# --- In the kiosk, through the speaker (Qt's mock engine) ----------------------------------------


class Speaker:
    """What reaches the speech engine: every script handed to it (``speak``, which Listen and
    each announcement use) and every utterance it started saying."""

    def __init__(self, speech: ReadAloud, monkeypatch: pytest.MonkeyPatch) -> None:
        self.given: list[Script] = []
        self.started: list[Utterance] = []
        speak = speech.speak

        def recorded(script: Script) -> None:
            self.given.append(script)
            speak(script)

        monkeypatch.setattr(speech, "speak", recorded)
        speech.utterance_started.connect(self.started.append)

    @property
    def texts(self) -> list[str]:
        return [u.text for script in self.given for u in script] + [u.text for u in self.started]

    def last(self) -> Script:
        assert self.given, "nothing reached the speaker"
        return self.given[-1]


def _open_form_by_keys(kiosk: KioskApp) -> RequestFormScreen:
    tab_to(kiosk.window.attract.start_button)
    press(Qt.Key.Key_Space)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
    tab_to(kiosk.window.menu.visit_button)
    press(Qt.Key.Key_Space)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
    return kiosk.window.request_form


def test_in_the_kiosk_the_form_is_spoken_and_what_was_typed_never(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_kiosk(
        BUNDLED_CONTENT, size=PORTRAIT, data_dir=tmp_path / "data", locations=LOCATIONS
    ) as kiosk:
        speech = kiosk.read_aloud
        speaker = Speaker(speech, monkeypatch)
        form = _open_form_by_keys(kiosk)
        assert not speaker.given, "nothing is said before the patient asks for read-aloud"
        press_key(kiosk, Qt.Key.Key_F1)  # Help: Listen
        assert speech.active
        assert speaker.last() == form.speech_script()
        assert speaker.last()[0] == Utterance("Request a visit.", "en", "title")
        assert wait_until(lambda: bool(speaker.started) and speaker.started[0].part == "title")
        assert wait_until(form.speech.frame.isVisible), "what is read is framed"

        tab_to(form.name_field)
        assert speaker.last()[-1] == Utterance("Your name. Text field. Required. Empty.", "en")
        mark = len(speaker.given)
        press(Qt.Key.Key_Tab)  # on to the phone: said once, by the form (not by the window too)
        assert len(speaker.given) == mark + 1
        press(Qt.Key.Key_Backtab)
        assert len(speaker.given) == mark + 2
        assert speaker.last()[-1] == Utterance("Your name. Text field. Required. Empty.", "en")
        type_by_arrows(form, NAME)
        assert speaker.last() == (Utterance("X", "en"),)  # the key under the highlight
        press(Qt.Key.Key_Escape)
        assert speaker.last()[-1].text.endswith("13 characters entered.")
        press(Qt.Key.Key_Enter)
        QTest.keyClicks(form.phone_field, PHONE_NUMBER)
        press(Qt.Key.Key_Tab)
        touch_in_form(form, form.email_field)
        type_on_keyboard(form, EMAIL)
        tab_to(form.send_button)
        press(Qt.Key.Key_Enter)  # nothing chosen, no consent: errors
        assert kiosk.session.view.screen is Screen.REQUEST_FORM
        errors = speaker.last()[0]
        assert errors.part == "errors" and errors.language == "en"
        assert "Best time to call you. Please choose one." in errors.text
        assert "May we contact you? Please tick the box so we may contact you." in errors.text
        assert wait_until(lambda: any(u.part == "errors" for u in speaker.started))

        tab_to(form.language_button)  # in Spanish: the form says itself in Spanish
        press(Qt.Key.Key_Space)
        assert wait_until(lambda: form.language == "es" or kiosk.window.request_form is not form)
        form = kiosk.window.request_form
        assert wait_until(lambda: speech.state == "idle")
        press_key(kiosk, Qt.Key.Key_F1)
        script = speaker.last()
        assert {u.language for u in script} == {"es"}
        assert script[0].text == "Pedir una cita."
        assert "Su nombre" in " ".join(u.text for u in script)
        assert form.name_field.text() == NAME, "what was typed stays through the switch"
        _never_said(speaker.texts)
        assert len(speaker.texts) > 30
