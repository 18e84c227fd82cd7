"""Filling the visit form like a patient: taps on fields, the on-screen keyboard and choices,
or keys alone (Tab, arrows, Enter: the on-screen keyboard by arrows too).

Shared by the form's own tests and the end-to-end tests.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from kiosk.app import KioskApp
from kiosk.config import Config
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from kiosk.ui.keyboard import PAGE, PHONE, SHIFT, OnScreenKeyboard
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


def press(key: Qt.Key, times: int = 1) -> None:
    """A key press on whatever has the focus (the window when no control has it)."""
    for _ in range(times):
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        QTest.keyClick(widget, key)
        QApplication.processEvents()


def tab_to(widget: QWidget, limit: int = 80) -> None:
    """Press Tab until ``widget`` has the focus (it must come within ``limit`` presses)."""
    for _ in range(limit):
        if widget.hasFocus():
            return
        press(Qt.Key.Key_Tab)
    assert widget.hasFocus(), f"Tab never reached {widget.accessibleName()!r}"


def _arrow_to(keyboard: OnScreenKeyboard, key: QPushButton) -> None:
    """Move the on-screen keyboard's highlight onto ``key`` by arrows, then press Enter."""
    target = keyboard.position_of(key)
    for _ in range(30):
        highlighted = keyboard.highlighted
        assert highlighted is not None, "the arrows left the keyboard"
        row, column = keyboard.position_of(highlighted)
        if (row, column) == target:
            break
        if row != target[0]:
            press(Qt.Key.Key_Down if row < target[0] else Qt.Key.Key_Up)
        else:
            press(Qt.Key.Key_Right if column < target[1] else Qt.Key.Key_Left)
    assert keyboard.highlighted is key
    press(Qt.Key.Key_Enter)


def type_by_arrows(form: RequestFormScreen, text: str) -> None:
    """Type on the on-screen keyboard by keys alone, as a keypad user would: Down from the
    field into the keyboard, arrows to each key, Enter on it (pages and shift likewise)."""
    keyboard = form.keyboard
    if keyboard.highlighted is None:
        press(Qt.Key.Key_Down)
    assert keyboard.highlighted is not None, "Down did not go into the keyboard"
    for char in text:
        lower = char.lower()
        if keyboard.page != PHONE:
            wanted_accents = lower in "áéíóúü'"
            if wanted_accents != (keyboard.page == "accents"):
                _arrow_to(keyboard, keyboard.special_key(PAGE))
        if char != lower:
            _arrow_to(keyboard, keyboard.special_key(SHIFT))
        _arrow_to(keyboard, keyboard.key_for(lower))


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
