"""Filling the visit form like a patient: taps on fields, the on-screen keyboard and choices.

Shared by the form's own tests and the end-to-end tests.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import KioskApp
from kiosk.config import Config
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.keyboard import PAGE, PHONE, SHIFT
from kiosk.ui.request_form import RequestFormScreen


def touch_in_form(form: RequestFormScreen, widget: QWidget) -> None:
    """Scroll the widget into view (the patient's finger would) and tap it."""
    viewport = form.scroll_area.viewport()
    for _ in range(3):  # again if the layout moved it meanwhile (new words, the intro line)
        QApplication.processEvents()
        form.scroll_area.ensureWidgetVisible(widget, 0, 0)
        QApplication.processEvents()
        if not viewport.isAncestorOf(widget):
            break  # Send and Cancel: in the bar below, always in view
        shown = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        if viewport.rect().contains(shown):
            break
    tap(widget)


def type_on_keyboard(form: RequestFormScreen, text: str) -> None:
    """Type on the on-screen keyboard, switching pages and shift as a patient would."""
    keyboard = form.keyboard
    for char in text:
        lower = char.lower()
        if keyboard.page != PHONE:
            wanted_accents = lower in "áéíóúü'"
            if wanted_accents != (keyboard.page == "accents"):
                tap(keyboard.special_key(PAGE))
        if char != lower:
            tap(keyboard.special_key(SHIFT))
        tap(keyboard.key_for(lower))


def fill_form(form: RequestFormScreen, location: str = "Northside") -> None:
    """Everything a patient fills in, by touch: "José Ñúñez", 312 555 0123, two sore spots
    (the left groin, the right buttock)."""
    touch_in_form(form, form.name_field)
    type_on_keyboard(form, "José Ñúñez")
    touch_in_form(form, form.phone_field)
    assert form.keyboard.page == PHONE
    type_on_keyboard(form, "312 555 0123")
    touch_in_form(form, form.email_field)
    type_on_keyboard(form, "jose@example.es")
    touch_in_form(form, form.best_time.buttons["morning"])
    assert not form.keyboard.isVisible(), "a choice takes the keyboard down"
    if form.sections["location"].isVisibleTo(form):  # one location is preset, not asked
        touch_in_form(form, form.location.buttons[location])
    body = form.body_map
    form.scroll_area.ensureWidgetVisible(body, 0, 0)
    for area in ("groin-left", "buttock-right"):
        tap(body, body.area_rect(area).center().toPoint())
    touch_in_form(form, form.duration.buttons["6-weeks-to-3-months"])
    touch_in_form(form, form.consent_button)


def send_a_request(kiosk: KioskApp) -> None:
    """From the attract screen, as a patient: Touch to start, Request a visit, fill in the form
    by touch and Send; returns once "Thank you" shows."""
    tap(kiosk.window.attract.start_button)
    tap(kiosk.window.menu.visit_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.REQUEST_FORM)
    form = kiosk.window.request_form
    fill_form(form)
    touch_in_form(form, form.send_button)
    assert wait_until(lambda: kiosk.session.view.screen is Screen.THANK_YOU)


@contextmanager
def delivery_settings(**settings: object) -> Iterator[None]:
    """Run the kiosks of ``tests.kiosk_fixtures.running_kiosk`` with these ``[delivery]``
    settings (e.g. ``folder_recipient=...``, ``channels=(...)``); it has no parameter for
    them."""
    import tests.kiosk_fixtures as fixtures

    def configured() -> Config:
        config = Config()
        return dataclasses.replace(
            config,
            delivery=dataclasses.replace(config.delivery, **settings),  # type: ignore[arg-type]
        )

    setattr(fixtures, "Config", configured)  # noqa: B010 (the module's own name for it)
    try:
        yield
    finally:
        setattr(fixtures, "Config", Config)  # noqa: B010


def clinic_key() -> tuple[object, str]:
    """A fresh clinic key pair (age X25519): the identity and its ``age1...`` public key."""
    import pyrage  # type: ignore[import-untyped, unused-ignore]

    identity = pyrage.x25519.Identity.generate()
    return identity, str(identity.to_public())


def open_sealed(path: Path, identity: object) -> dict[str, object]:
    """What the clinic reads in a sealed drop file, with its private key."""
    import pyrage  # type: ignore[import-untyped, unused-ignore]

    data: dict[str, object] = json.loads(pyrage.decrypt(path.read_bytes(), [identity]))
    return data
