"""A patient asks for a visit by touch; the request is on disk before "thank you" and reaches
the clinic's folder exactly once, sealed to the clinic's key; a reset leaves nothing of it on
screen; Cancel with answers asks first; the idle card hides what was typed; a single clinic
location is not asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, Timings
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.visit.status import read_status
from tests.form_driving import (
    clinic_key,
    delivery_settings,
    fill_form,
    open_sealed,
    touch_in_form,
    type_on_keyboard,
)
from tests.kiosk_fixtures import PORTRAIT, open_tile, running_kiosk
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e
LOCATIONS = ("Main clinic", "Northside")


def _open_form(kiosk: KioskApp) -> None:
    tap(kiosk.window.attract.start_button)
    tap(kiosk.window.menu.visit_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)


def test_request_by_touch_is_stored_then_delivered(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity, recipient = clinic_key()
    with (
        delivery_settings(folder_recipient=recipient),
        running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, data_dir=data, locations=LOCATIONS) as kiosk,
    ):
        _open_form(kiosk)
        form = kiosk.window.request_form
        stored_before_thanks: list[int] = []
        show_reference = kiosk.window.thank_you.show_reference

        def spy(code: str) -> None:  # the moment "thank you" is about to show
            status = read_status(data)
            stored_before_thanks.append(status.pending + status.delivered)
            show_reference(code)

        kiosk.window.thank_you.show_reference = spy  # type: ignore[method-assign]
        fill_form(form)
        touch_in_form(form, form.send_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)
        assert stored_before_thanks and stored_before_thanks[0] == 1  # durable first
        code = kiosk.window.thank_you.code
        assert len(code) == 7
        shown = " ".join(label.text() for label in kiosk.window.thank_you.findChildren(QLabel))
        assert code in shown and "Ñúñez" not in shown and "555" not in shown
        assert not form.fields["name"].text() and not form.fields["name"].isUndoAvailable()
        outgoing = data / "outgoing"
        assert wait_until(lambda: len(list(outgoing.glob("*.age"))) == 1, 10_000)
        sealed = next(outgoing.glob("*.age"))
        assert b"5550123" not in sealed.read_bytes()
        sent = open_sealed(sealed, identity)  # only the clinic's key opens it
        assert sent["name"] == "José Ñúñez" and sent["phone"] == "+13125550123"
        assert sent["location"] == "Northside"
        assert sent["pain_areas"] == ["groin-left", "buttock-right"]  # with the side
        assert sent["pain_areas_text"] == "groin (left side), buttock (right side)"
        assert wait_until(lambda: read_status(data).pending == 0, 10_000)
        tap(kiosk.window.thank_you.done_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.ATTRACT)
    raw = (data / "outbox.sqlite3").read_bytes()
    assert "Ñúñez".encode() not in raw and b"5550123" not in raw
    assert not list((data / "outgoing").glob("*.json"))  # no readable copy anywhere


def test_incomplete_form_shows_errors_and_sends_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with running_kiosk(BUNDLED_CONTENT, data_dir=data, locations=LOCATIONS) as kiosk:
        _open_form(kiosk)
        form = kiosk.window.request_form
        touch_in_form(form, form.fields["name"])
        type_on_keyboard(form, "Ana")
        touch_in_form(form, form.send_button)
        assert wait_until(lambda: "phone" in form.errors)
        assert set(form.errors) >= {"phone", "best_time", "location", "duration", "consent"}
        assert kiosk.session.view.screen is Screen.REQUEST_FORM
        assert read_status(data).pending == 0


def test_idle_reset_wipes_a_half_typed_form(qtbot: QtBot, tmp_path: Path) -> None:
    timings = Timings(idle_ms=400, warning_ms=600)
    with running_kiosk(
        BUNDLED_CONTENT, data_dir=tmp_path / "data", timings=timings, locations=LOCATIONS
    ) as kiosk:
        _open_form(kiosk)
        form = kiosk.window.request_form
        touch_in_form(form, form.fields["name"])
        type_on_keyboard(form, "Secret Name")
        assert wait_until(lambda: kiosk.session.view.screen is Screen.ATTRACT, 5000)
        assert form.fields["name"].text() == ""
        assert not form.fields["name"].isUndoAvailable()
        _open_form(kiosk)  # the next patient sees an empty form
        assert all(not field.text() for field in form.fields.values())


def test_cancel_forgets_and_returns(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        _open_form(kiosk)
        form = kiosk.window.request_form
        tap(form.cancel_button)  # nothing entered: no question
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        _open_form_from_menu(kiosk)
        touch_in_form(form, form.fields["name"])
        type_on_keyboard(form, "Ana")
        touch_in_form(form, form.cancel_button)
        question = form.discard_question
        assert wait_until(question.isVisible)
        assert question.question.text() == "Discard what you have entered?"
        assert not form.keyboard.isVisible()  # the answers are in plain view, not covered
        touch_in_form(form, question.keep_button)
        assert kiosk.session.view.screen is Screen.REQUEST_FORM
        assert form.fields["name"].text() == "Ana"
        touch_in_form(form, form.cancel_button)
        touch_in_form(form, question.discard_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert form.fields["name"].text() == ""


def _open_form_from_menu(kiosk: KioskApp) -> None:
    tap(kiosk.window.menu.visit_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)


def test_the_discard_question_answers_to_keys(qtbot: QtBot, tmp_path: Path) -> None:
    """A patient with a keyboard: Esc keeps editing, Tab reaches "Yes, discard", Enter
    answers; the safe answer has the focus first."""
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        _open_form(kiosk)
        form = kiosk.window.request_form
        touch_in_form(form, form.duration.buttons["over-3-months"])  # a choice is an answer
        question = form.discard_question
        tap(form.cancel_button)
        assert wait_until(question.isVisible)
        assert wait_until(question.keep_button.hasFocus)
        QTest.keyClick(question.keep_button, Qt.Key.Key_Escape)
        assert not question.isVisible() and form.duration.value() == "over-3-months"
        tap(form.cancel_button)
        assert wait_until(question.keep_button.hasFocus)
        QTest.keyClick(question.keep_button, Qt.Key.Key_Return)  # "No, keep editing"
        assert not question.isVisible() and kiosk.session.view.screen is Screen.REQUEST_FORM
        tap(form.cancel_button)
        assert wait_until(question.keep_button.hasFocus)
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        assert wait_until(question.discard_button.hasFocus)
        QTest.keyClick(question.discard_button, Qt.Key.Key_Return)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert form.duration.value() == ""


def _typed_text_in_view(window: QWidget) -> list[str]:
    """Text fields holding text that a passer-by could read."""
    return [f.text() for f in window.findChildren(QLineEdit) if f.isVisible() and f.text()]


def test_the_idle_card_hides_what_was_typed(qtbot: QtBot, tmp_path: Path) -> None:
    timings = Timings(idle_ms=300, warning_ms=60_000)
    with running_kiosk(
        BUNDLED_CONTENT, data_dir=tmp_path / "data", timings=timings, locations=LOCATIONS
    ) as kiosk:
        _open_form(kiosk)
        form = kiosk.window.request_form
        touch_in_form(form, form.fields["name"])
        type_on_keyboard(form, "Secret Name")
        assert _typed_text_in_view(kiosk.window) == ["Secret Name"]
        overlay = kiosk.window.idle_overlay
        assert wait_until(overlay.isVisible, 5000)
        assert _typed_text_in_view(kiosk.window) == []
        assert not form.keyboard.isVisible()
        tap(overlay.still_here_button)  # the patient stays: the form is back as it was
        assert wait_until(lambda: not overlay.isVisible())
        assert _typed_text_in_view(kiosk.window) == ["Secret Name"]
        assert wait_until(form.keyboard.isVisible)  # the name field has the focus again
        assert form.fields["name"].hasFocus()


def test_one_location_is_preset_and_named_in_the_patients_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    identity, recipient = clinic_key()
    with (
        delivery_settings(folder_recipient=recipient),
        running_kiosk(BUNDLED_CONTENT, data_dir=data, locations=("Main clinic",)) as kiosk,
    ):
        tap(kiosk.window.attract.language_buttons["es"])
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        form = kiosk.window.request_form
        assert not form.sections["location"].isVisible()  # not asked
        touch_in_form(form, form.fields["name"])
        type_on_keyboard(form, "Ana")
        touch_in_form(form, form.fields["phone"])
        type_on_keyboard(form, "312 555 0123")
        touch_in_form(form, form.best_time.buttons["any"])
        touch_in_form(form, form.duration.buttons["over-3-months"])
        touch_in_form(form, form.consent_button)
        touch_in_form(form, form.send_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)
        outgoing = data / "outgoing"
        assert wait_until(lambda: len(list(outgoing.glob("*.age"))) == 1, 10_000)
        sent = open_sealed(next(outgoing.glob("*.age")), identity)
        assert sent["location"] == "Main clinic"  # the id the clinic receives
        assert sent["language"] == "es"


def test_location_names_follow_the_language(qtbot: QtBot, tmp_path: Path) -> None:
    """content/es/deck.yml names "Main clinic" in Spanish; an unnamed one shows as set."""
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        _open_form(kiosk)
        form = kiosk.window.request_form
        buttons = form.location.buttons
        assert form.sections["location"].isVisible()
        assert [buttons[key].words.text() for key in LOCATIONS] == ["Main clinic", "Northside"]
        form.language_button.click()
        kiosk.show_view(kiosk.session.set_language("es"))
        assert wait_until(lambda: buttons["Main clinic"].words.text() == "Clínica principal")
        assert buttons["Northside"].words.text() == "Northside"
        touch_in_form(form, buttons["Main clinic"])
        assert form.form_input().location == "Main clinic"


def test_the_last_page_invites_and_its_link_opens_the_form(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        browser = open_tile(kiosk, "ready")  # "Ready to feel better?"
        reader = kiosk.window.reader
        # On the visit page Next itself is "Request a visit" (the bar's own button steps aside).
        assert reader.next_button.isVisible() and not reader.visit_button.isVisible()
        document = browser.document()
        end = QTextCursor(document)
        end.movePosition(QTextCursor.MoveOperation.End)
        found = document.find("Request a visit", end, QTextDocument.FindFlag.FindBackward)
        assert not found.isNull()  # the link at the end, not the bold words above it
        bar = browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # the patient scrolled to the end of the page
        QApplication.processEvents()
        rect = browser.cursorRect(found)
        at = rect.center() - QPoint(30, 0)
        assert browser.anchorAt(at) == "action:request-visit", (rect, browser.anchorAt(at))
        tap(browser.viewport(), at)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
