"""Text size and contrast by touch, as a patient uses them: one tap, the whole screen changes at
once, the patient stays where they are with what they typed, and the next patient starts from
the kiosk's default look."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Look, Screen
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.palette import HIGH_CONTRAST, STANDARD
from tests.form_driving import touch_in_form, type_on_keyboard
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e


def _controls(kiosk: KioskApp) -> DisplayControls:
    controls = kiosk.window.current_screen.findChild(DisplayControls)
    assert controls is not None and controls.isVisible()
    return controls


def _title_px(kiosk: KioskApp) -> int:
    """The pixel size of the first visible title on the current screen."""
    for label in kiosk.window.current_screen.findChildren(QLabel):
        if label.property("role") in ("title", "headline") and label.isVisible():
            return label.fontInfo().pixelSize()
    raise AssertionError("no title on screen")


def test_larger_text_steps_up_and_back_on_the_page_the_patient_reads(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        tap(kiosk.window.attract.start_button)
        assert wait_until(lambda: kiosk.session.view.screen is Screen.MENU)
        sizes = [_title_px(kiosk)]
        for step in (2, 3, 1):
            tap(_controls(kiosk).text_size_button)
            assert wait_until(lambda s=step: kiosk.window.look.text_step == s)  # type: ignore[misc]
            assert kiosk.session.view.screen is Screen.MENU
            sizes.append(_title_px(kiosk))
        assert sizes[0] < sizes[1] < sizes[2] and sizes[3] == sizes[0]
        assert _controls(kiosk).text_size_button.text() == "Larger text"


def test_high_contrast_repaints_every_screen_and_keeps_the_page(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page("hip-joint"))
        tap(_controls(kiosk).contrast_button)
        assert wait_until(lambda: kiosk.window.look.high_contrast)
        page = kiosk.session.view.page
        assert page is not None and page.slug == "hip-joint"
        reader = kiosk.window.reader
        assert reader.isVisible()
        background = reader.grab().toImage().pixelColor(5, reader.height() // 2)
        assert background.name().upper() == HIGH_CONTRAST.background.upper()
        assert _controls(kiosk).contrast_button.isChecked()
        tap(_controls(kiosk).contrast_button)
        assert wait_until(lambda: not kiosk.window.look.high_contrast)
        reader = kiosk.window.reader
        background = reader.grab().toImage().pixelColor(5, reader.height() // 2)
        assert background.name().upper() == STANDARD.background.upper()


def test_the_form_keeps_what_was_typed_through_a_text_size_change(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data") as kiosk:
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.request_visit())
        form = kiosk.window.request_form
        touch_in_form(form, form.name_field)
        type_on_keyboard(form, "Ana")
        assert form.name_field.text() == "Ana"
        tap(form.display_controls.text_size_button)
        assert wait_until(lambda: kiosk.window.look.text_step == 2)
        rebuilt = kiosk.window.request_form
        assert rebuilt is not form and rebuilt.isVisible()
        assert rebuilt.name_field.text() == "Ana"
        assert kiosk.session.view.screen is Screen.REQUEST_FORM


def test_a_reset_returns_to_the_default_look(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        tap(_controls(kiosk).text_size_button)  # on the attract screen
        tap(_controls(kiosk).contrast_button)
        assert wait_until(lambda: kiosk.window.look == Look(2, True))
        kiosk.reset()  # what the idle timeout does
        QApplication.processEvents()
        assert kiosk.window.look == Look()
        assert kiosk.session.view.look == Look()


def test_staff_set_the_look_every_visit_starts_with(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT, text_step=3, high_contrast=True) as kiosk:
        assert kiosk.window.look == Look(3, True)
        assert _controls(kiosk).text_size_button.text() == "Normal text"
        tap(_controls(kiosk).text_size_button)
        assert wait_until(lambda: kiosk.window.look == Look(1, True))
        kiosk.reset()
        QApplication.processEvents()
        assert kiosk.window.look == Look(3, True)
