"""A patient asks for a visit by touch; the request is on disk before "thank you" and reaches
the clinic's folder exactly once; a reset leaves nothing of it on screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp, Timings
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.visit.status import read_status
from tests.form_driving import fill_form, touch_in_form, type_on_keyboard
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
    with running_kiosk(BUNDLED_CONTENT, size=PORTRAIT, data_dir=data, locations=LOCATIONS) as kiosk:
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
        assert wait_until(lambda: len(list(outgoing.glob("*.json"))) == 1, 10_000)
        sent = json.loads(next(outgoing.glob("*.json")).read_text(encoding="utf-8"))
        assert sent["name"] == "José Ñúñez" and sent["phone"] == "+13125550123"
        assert sent["location"] == "Northside"
        assert wait_until(lambda: read_status(data).pending == 0, 10_000)
        tap(kiosk.window.thank_you.done_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.ATTRACT)
    raw = (data / "outbox.sqlite3").read_bytes()
    assert "Ñúñez".encode() not in raw and b"5550123" not in raw


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
        touch_in_form(form, form.fields["name"])
        type_on_keyboard(form, "Ana")
        touch_in_form(form, form.cancel_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        assert form.fields["name"].text() == ""


def test_the_last_page_invites_and_its_link_opens_the_form(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", locations=LOCATIONS) as kiosk:
        browser = open_tile(kiosk, "ready")  # "Ready to feel better?"
        assert kiosk.window.reader.visit_button.isVisible()  # the button stays on every page
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
