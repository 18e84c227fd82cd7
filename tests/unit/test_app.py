"""The composition root: what it wires and what it carries between the core and the window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from tests.form_driving import clinic_key, delivery_settings, open_sealed, send_a_request
from tests.helpers import write_content
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT, REPO

HEAVY = (
    "cryptography",
    "phonenumbers",
    "email_validator",
    "smtplib",
    "http.client",
    "hashlib",
    "kiosk.ui.staff_panel",
    "kiosk.staff.lockout",
)
"""Libraries the visit form needs, and the staff side's PIN hashing and panel: the attract
screen must not wait for them (hashlib maps OpenSSL's libcrypto)."""


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
    identity, recipient = clinic_key()
    with (
        delivery_settings(folder_recipient=recipient),
        running_kiosk(BUNDLED_CONTENT, data_dir=data, locations=locations) as kiosk,
    ):
        tap(kiosk.window.attract.language_buttons["es"])
        send_a_request(kiosk)
        outgoing = data / "outgoing"
        assert wait_until(lambda: len(list(outgoing.glob("*.age"))) == 1, 10_000)
        sent = open_sealed(next(outgoing.glob("*.age")), identity)
        assert sent["language"] == "es"


PLAIN_WORDS = {
    "stored": "Your details are kept encrypted on this kiosk until they are sent.",
    "sealed": "They are sent to the clinic sealed, so only the clinic can open them.",
    "readable": "They are saved as a file in the clinic's folder, which staff with access to",
    "secure": "They travel to the clinic over a secure connection.",
    "email": "They are sent to the clinic by email.",
    "deleted": "Once the clinic has them, this kiosk keeps no copy it can read.",
}


@pytest.mark.parametrize(
    ("settings", "said", "never"),
    [
        ({}, ("stored", "sealed", "deleted"), ("readable", "secure", "email")),
        ({"folder_plain": True}, ("stored", "readable"), ("sealed", "deleted")),
        (
            {
                "channels": ("webhook", "email"),
                "webhook_url": "https://clinic.example/in",
                "smtp_host": "mail.clinic.example",
                "email_from": "kiosk@clinic.example",
                "email_to": "desk@clinic.example",
            },
            ("stored", "secure", "email", "deleted"),
            ("sealed", "readable"),
        ),
        (  # email named but not set up: the channel is left out, and so is its sentence
            {"channels": ("webhook", "email"), "webhook_url": "https://clinic.example/in"},
            ("stored", "secure", "deleted"),
            ("sealed", "readable", "email"),
        ),
    ],
    ids=["default", "plain-files", "webhook-and-email", "email-left-out"],
)
def test_the_privacy_note_says_only_what_the_settings_make_true(
    qtbot: QtBot,
    tmp_path: Path,
    settings: dict[str, object],
    said: tuple[str, ...],
    never: tuple[str, ...],
) -> None:
    with (
        delivery_settings(**settings),
        running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data") as kiosk,
    ):
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.visit_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
        note = kiosk.window.request_form.privacy_note
        for key in said:
            assert PLAIN_WORDS[key] in note, key
        for key in never:
            assert PLAIN_WORDS[key] not in note, key
        assert "deleted from this kiosk" not in note  # the old, unconditional promise
        kiosk.show_view(kiosk.session.set_language("es"))
        assert wait_until(lambda: kiosk.window.request_form.privacy_note != note)
        assert "cifrad" in kiosk.window.request_form.privacy_note  # Spanish, sentence by sentence


def test_the_callback_sentence_comes_from_the_deck(qtbot: QtBot, tmp_path: Path) -> None:
    root = write_content(tmp_path / "content")
    deck = root / "es" / "deck.yml"
    deck.write_text(
        deck.read_text(encoding="utf-8") + "callback_text: Le llamamos hoy mismo.\n",
        encoding="utf-8",
    )
    with running_kiosk(root, data_dir=tmp_path / "data") as kiosk:
        send_a_request(kiosk)
        thanks = kiosk.window.thank_you
        built_in = "The clinic will call you, usually within one working day."
        assert thanks.next_steps.startswith(built_in)  # English: no sentence set, the default
        kiosk.show_view(kiosk.session.set_language("es"))
        assert wait_until(lambda: thanks.next_steps.startswith("Le llamamos hoy mismo. "))
        assert thanks.next_steps.endswith("recepción.")  # the rest in Spanish
