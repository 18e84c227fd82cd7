"""The visit form with the on-screen keyboard up, on each text field, fits every display at
every text step, in both languages; and a text-size change keeps what the patient entered.

test_fit checks the form with the keyboard up on the name field only. A patient also types a
phone number (the keypad) and an email, and the form scrolls for each: this checks all three.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.reach import reach_band
from kiosk.selftest.touch import wait_until
from kiosk.session import Screen
from kiosk.ui.keyboard import PHONE
from kiosk.ui.request_form import RequestFormScreen
from kiosk.ui.theme import Theme
from tests.form_driving import touch_in_form, type_on_keyboard
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT

DISPLAYS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1366, 768)}
TOLERANCE_PX = 1


def _in_window(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _open_form(kiosk: KioskApp, language: str) -> RequestFormScreen:
    kiosk.show_view(kiosk.session.set_language(language))
    kiosk.show_view(kiosk.session.start())
    kiosk.show_view(kiosk.session.request_visit())
    return kiosk.window.request_form


def _clipped_keys(form: RequestFormScreen) -> list[str]:
    """Keys of the page on show whose label (or icon) needs more room than the key has."""
    clipped = []
    for key in form.keyboard.key_buttons():
        if key.sizeHint().width() > key.width() + TOLERANCE_PX:
            clipped.append(f"{key.text()!r} {key.sizeHint().width()} > {key.width()} wide")
        inside = key.height() - 4  # less the border, top and bottom
        if key.text() and key.fontMetrics().height() > inside:
            clipped.append(f"{key.text()!r} {key.fontMetrics().height()} > {inside} tall")
        if not key.icon().isNull() and key.iconSize().height() > inside:
            clipped.append(f"icon of {key.accessibleName()!r} taller than its key")
        if key.height() < Theme.MIN_TOUCH_TARGET:
            clipped.append(f"{key.accessibleName()!r} only {key.height()} px high")
    return clipped


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("display", list(DISPLAYS))
@pytest.mark.parametrize("field", ["name", "phone", "email"])
def test_the_form_fits_with_the_keyboard_up_on_each_field(
    qtbot: QtBot, tmp_path: Path, field: str, display: str, step: int, language: str
) -> None:
    width, height = DISPLAYS[display]
    with running_kiosk(
        BUNDLED_CONTENT, size=(width, height), data_dir=tmp_path / "data", text_step=step
    ) as kiosk:
        form = _open_form(kiosk, language)
        target = form.fields[field]
        touch_in_form(form, target)
        window = kiosk.window  # never resized back: a window that grew stays so (test_fit)
        QApplication.processEvents()
        QApplication.processEvents()  # the dock scrolls the field into view a turn later

        own = form.minimumSizeHint()  # the form's part of the window's minimum
        assert own.width() <= width and own.height() <= height, (
            f"the form needs {own.width()}x{own.height()} on a {width}x{height} display"
        )
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert minimum.width() <= width and minimum.height() <= height, (
            f"the window needs {minimum.width()}x{minimum.height()} on {width}x{height}"
        )
        assert window.size().toTuple() == (width, height)
        keyboard = form.keyboard
        assert target.hasFocus() and keyboard.isVisible() and keyboard.target is target
        assert (keyboard.page == PHONE) == (field == "phone")

        screen = QRect(0, 0, width, height)
        board = _in_window(keyboard, window)
        assert screen.contains(board), f"keyboard at {board}"
        viewport = _in_window(form.scroll_area.viewport(), window)
        shown = _in_window(target, window)
        assert viewport.contains(shown), f"{field} at {shown}, outside {viewport}"
        assert shown.bottom() < board.top(), f"{field} behind the keyboard"
        for button in (form.send_button, form.cancel_button):
            place = _in_window(button, window)
            assert button.isVisibleTo(window) and screen.contains(place), button.text()
            assert place.bottom() < board.top(), f"{button.text()!r} behind the keyboard"
        assert _clipped_keys(form) == []

        band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
        if display == "portrait":
            assert viewport.top() >= band.top
            assert band.contains(board.top(), board.bottom() + 1)
            for button in form.display_controls.buttons:
                if button.isVisibleTo(window):
                    place = _in_window(button, window)
                    assert band.contains(place.top(), place.bottom() + 1), button.text()


def test_larger_text_keeps_the_entries_and_the_notes(qtbot: QtBot, tmp_path: Path) -> None:
    """Tapping the form's own "Larger text" rebuilds the form; nothing the patient did is lost."""
    with running_kiosk(
        BUNDLED_CONTENT, size=DISPLAYS["landscape"], data_dir=tmp_path / "data"
    ) as kiosk:
        form = _open_form(kiosk, "es")
        touch_in_form(form, form.name_field)
        type_on_keyboard(form, "José")
        touch_in_form(form, form.phone_field)
        type_on_keyboard(form, "312 555")
        touch_in_form(form, form.send_button)  # too soon: the form says what is missing
        assert wait_until(lambda: bool(form.errors))
        errors = form.errors
        assert "phone" in errors and "consent" in errors
        entries = form.form_input()
        touch_in_form(form, form.email_field)  # the keyboard is up when the patient decides
        assert form.keyboard.isVisible()

        gone: list[bool] = []
        form.destroyed.connect(lambda: gone.append(True))
        QTest.mouseClick(form.display_controls.text_size_button, Qt.MouseButton.LeftButton)
        assert wait_until(lambda: bool(gone))  # the old screens are deleted, not only hidden
        bigger = kiosk.window.request_form
        QApplication.processEvents()
        assert kiosk.session.view.screen is Screen.REQUEST_FORM
        assert bigger.display_controls.text_step == 2
        assert bigger.form_input() == entries
        assert bigger.errors == errors
        assert bigger.phone_field.property("error") is True
        assert bigger.sections["consent"].error_row.isVisibleTo(bigger)
        # Nothing has focus in the new form, so the keyboard waits for the next touch...
        assert not bigger.keyboard.isVisible() and bigger.keyboard.target is None
        assert bigger.dock.focused() is None
        # ...and then types where the patient touches, after what was there. (The offscreen
        # platform drops the window's activation when the old screens go, so no widget can
        # take focus; under xcb on Xvfb a tap after Larger text raised the keyboard.)
        kiosk.window.activateWindow()
        assert wait_until(kiosk.window.isActiveWindow)
        touch_in_form(bigger, bigger.name_field)
        assert bigger.keyboard.isVisible() and bigger.keyboard.target is bigger.name_field
        type_on_keyboard(bigger, " Ñ")
        assert bigger.name_field.text() == "José Ñ"
