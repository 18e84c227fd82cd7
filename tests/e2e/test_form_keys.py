"""The visit form by keys alone, as a patient with a keypad or a plain keyboard fills it: Tab in
the order the form reads, a name typed on the on-screen keyboard by arrows and Enter, the phone
and email typed on a physical keyboard, choices by arrows, two body-map spots, consent, Send;
in English and in Spanish. Send with answers missing puts the focus on the first of them; Back
asks before it forgets; a tap leaves no focus behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.keyboard import PHONE
from kiosk.ui.request_form import RequestFormScreen
from kiosk.visit.model import FormInput
from tests.form_driving import (
    clinic_key,
    delivery_settings,
    press,
    tab_to,
    touch_in_form,
    type_by_arrows,
)
from tests.kiosk_fixtures import PORTRAIT, running_kiosk
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e
LOCATIONS = ("Main clinic", "Northside")


def _open_form_by_keys(kiosk: KioskApp) -> RequestFormScreen:
    """Attract -> menu -> the form, by Tab and Space only."""
    tab_to(kiosk.window.attract.start_button)
    press(Qt.Key.Key_Space)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
    tab_to(kiosk.window.menu.visit_button)
    press(Qt.Key.Key_Space)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
    return kiosk.window.request_form


def _language(kiosk: KioskApp) -> str:
    deck = kiosk.session.view.deck
    return deck.language if deck is not None else ""


@pytest.mark.parametrize(
    ("language", "size"), [("en", (1920, 1080)), ("es", PORTRAIT)], ids=["en", "es-portrait"]
)
def test_the_whole_form_by_keys(
    qtbot: QtBot, tmp_path: Path, language: str, size: tuple[int, int]
) -> None:
    _, recipient = clinic_key()
    with (
        delivery_settings(folder_recipient=recipient),
        running_kiosk(
            BUNDLED_CONTENT, size=size, data_dir=tmp_path / "data", locations=LOCATIONS
        ) as kiosk,
    ):
        form = _open_form_by_keys(kiosk)
        if language == "es":
            tab_to(form.language_button)
            press(Qt.Key.Key_Space)
            assert wait_until(lambda: _language(kiosk) == "es")
            form = kiosk.window.request_form
            assert form.send_button.text() == "Enviar solicitud"
        sent: list[FormInput] = []
        form.submit_requested.connect(sent.append)
        viewport = form.scroll_area.viewport()

        tab_to(form.name_field)
        assert form.keyboard.isVisible(), "a field focused by Tab raises the keyboard too"
        type_by_arrows(form, "José Ñúñez")
        assert form.name_field.text() == "José Ñúñez"
        assert form.name_field.hasFocus(), "the keys never take the focus from the field"
        press(Qt.Key.Key_Escape)  # out of the keyboard, back in the field
        assert form.keyboard.highlighted is None and form.name_field.hasFocus()
        assert kiosk.session.view.screen is Screen.REQUEST_FORM

        press(Qt.Key.Key_Enter)  # Enter goes on to the next field
        assert form.phone_field.hasFocus() and form.keyboard.page == PHONE
        QTest.keyClicks(form.phone_field, "312 555 0123")  # a physical keyboard types
        press(Qt.Key.Key_Tab)
        assert form.email_field.hasFocus()
        QTest.keyClicks(form.email_field, "jose@example.es")
        press(Qt.Key.Key_Enter)  # from the last text field on to the choices
        best = form.best_time.buttons
        assert best["morning"].hasFocus()
        assert wait_until(lambda: not form.keyboard.isVisible())

        press(Qt.Key.Key_Down, 2)  # arrows move within the group and choose
        assert form.best_time.value() == "evening" and best["evening"].hasFocus()
        press(Qt.Key.Key_Up)
        assert form.best_time.value() == "afternoon" and best["afternoon"].hasFocus()

        press(Qt.Key.Key_Tab)  # Tab leaves the group for the next question
        assert form.location.buttons["Main clinic"].hasFocus()
        press(Qt.Key.Key_Right)
        assert form.location.value() == "Northside"

        spots = form.body_map.buttons
        press(Qt.Key.Key_Tab)
        assert spots["groin-left"].hasFocus()
        press(Qt.Key.Key_Enter)
        tab_to(spots["buttock-right"], limit=6)
        assert viewport.isAncestorOf(spots["buttock-right"])
        press(Qt.Key.Key_Space)
        assert form.body_map.selected() == ("groin-left", "buttock-right")

        tab_to(form.duration.buttons["under-6-weeks"], limit=3)
        press(Qt.Key.Key_Down)
        press(Qt.Key.Key_Tab)
        assert form.consent_button.hasFocus()
        press(Qt.Key.Key_Enter)
        assert form.consent_button.isChecked()
        press(Qt.Key.Key_Tab)
        assert form.send_button.hasFocus()
        assert _language(kiosk) == language
        press(Qt.Key.Key_Enter)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)
    assert sent == [
        FormInput(
            name="José Ñúñez",
            phone="312 555 0123",
            email="jose@example.es",
            best_time="afternoon",
            location="Northside",
            pain_areas=("groin-left", "buttock-right"),
            duration="6-weeks-to-3-months",
            consent=True,
        )  # the language goes with it from the session, not from the form
    ]


def test_send_by_keys_with_answers_missing_focuses_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        form = _open_form_by_keys(kiosk)
        tab_to(form.name_field)
        QTest.keyClicks(form.name_field, "Ana")
        tab_to(form.send_button)
        press(Qt.Key.Key_Enter)
        assert wait_until(lambda: "phone" in form.errors)
        assert wait_until(form.phone_field.hasFocus)
        QTest.keyClicks(form.phone_field, "312 555 0123")
        tab_to(form.send_button)
        press(Qt.Key.Key_Enter)
        assert wait_until(lambda: "phone" not in form.errors)
        assert wait_until(form.best_time.buttons["morning"].hasFocus)  # the next one missing
        assert kiosk.session.view.screen is Screen.REQUEST_FORM


def test_back_asks_then_keeps_or_forgets(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        form = _open_form_by_keys(kiosk)
        tab_to(form.name_field)
        type_by_arrows(form, "Ana")
        press(Qt.Key.Key_Escape)  # first out of the keyboard...
        assert kiosk.session.view.screen is Screen.REQUEST_FORM
        press(Qt.Key.Key_Escape)  # ...then Back asks
        question = form.discard_question
        assert wait_until(question.isVisible) and question.keep_button.hasFocus()
        press(Qt.Key.Key_Escape)  # Back on the question keeps editing
        assert wait_until(question.isHidden)
        assert form.cancel_button.hasFocus() and form.name_field.text() == "Ana"
        press(Qt.Key.Key_Enter)  # Cancel, by keys
        assert wait_until(question.isVisible)
        press(Qt.Key.Key_Tab)
        assert question.discard_button.hasFocus()
        press(Qt.Key.Key_Enter)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert form.name_field.text() == ""


def test_the_form_keys_are_the_key_maps(qtbot: QtBot, tmp_path: Path) -> None:
    """The form follows kiosk.ui.keys.KEY_MAP: a keypad's Select presses like Enter; Backspace
    deletes in a text field (also while the highlight is on the on-screen keys, as Space types
    there) and outside one goes back, as Esc does."""
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        form = _open_form_by_keys(kiosk)
        tab_to(form.name_field)
        press(Qt.Key.Key_Down)  # into the keyboard: the highlight on its first key, "1"
        press(Qt.Key.Key_Down)  # "q"
        press(Qt.Key.Key_Select)
        QTest.keyClick(form.name_field, Qt.Key.Key_Space)
        assert form.name_field.text() == "q " and form.keyboard.highlighted is not None
        press(Qt.Key.Key_Backspace)
        assert form.name_field.text() == "q" and form.keyboard.highlighted is not None
        press(Qt.Key.Key_Escape)
        press(Qt.Key.Key_Backspace, 2)  # in the field it deletes, even when it is empty
        assert form.name_field.text() == "" and form.discard_question.isHidden()
        spot = form.body_map.buttons["low-back"]
        tab_to(spot)
        press(Qt.Key.Key_Select)
        assert form.body_map.selected() == ("low-back",)
        press(Qt.Key.Key_Backspace)  # on a control: Back, which asks first
        assert wait_until(form.discard_question.isVisible)
        press(Qt.Key.Key_Select)  # on "No, keep editing"
        assert wait_until(form.discard_question.isHidden)
        assert kiosk.session.view.screen is Screen.REQUEST_FORM


def test_taps_leave_no_focus_on_the_choices(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        form = kiosk.window.request_form
        assert not form.keyboard.isVisible(), "the keyboard does not rise by itself"
        for button in (
            form.best_time.buttons["evening"],
            form.consent_button,
            form.send_button,
        ):
            touch_in_form(form, button)
            assert not button.hasFocus(), "a tap must leave no focus ring"
        body = form.body_map
        form.scroll_area.ensureWidgetVisible(body, 0, 0)
        tap(body, body.area_rect("groin-left").center().toPoint())
        assert body.selected() == ("groin-left",)
        assert not body.buttons["groin-left"].hasFocus()
