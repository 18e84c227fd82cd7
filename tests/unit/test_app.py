"""The composition root: what it wires and what it carries between the core and the window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from tests.form_driving import send_a_request
from tests.helpers import write_content
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT, REPO

HEAVY = ("cryptography", "phonenumbers", "email_validator", "smtplib", "http.client")
"""Libraries the visit form needs; the attract screen must not wait for them."""


def test_start_up_modules_load_no_form_libraries() -> None:
    probe = (
        "import sys, kiosk.cli, kiosk.app, kiosk.boot.startup\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_view_says_whether_the_form_is_offered(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    with running_kiosk(root) as kiosk:  # no desk: "Request a visit" leads to the visit page
        assert not kiosk.session.view.form_available
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.PAGE)
        assert kiosk.session.view.on_visit_page
        assert not kiosk.window.reader.visit_button.isVisible()  # it would lead nowhere
    with running_kiosk(root, data_dir=tmp_path / "data") as kiosk:
        assert kiosk.session.view.form_available
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)


def test_the_request_carries_the_language_the_patient_read(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    locations = ("Main clinic", "Northside")
    with running_kiosk(BUNDLED_CONTENT, data_dir=data, locations=locations) as kiosk:
        tap(kiosk.window.attract.language_buttons["es"])
        send_a_request(kiosk)
        outgoing = data / "outgoing"
        assert wait_until(lambda: len(list(outgoing.glob("*.json"))) == 1, 10_000)
        sent = json.loads(next(outgoing.glob("*.json")).read_text(encoding="utf-8"))
        assert sent["language"] == "es"
