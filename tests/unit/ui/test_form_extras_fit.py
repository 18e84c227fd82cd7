"""The form's newer parts fit every display, text step and language as its fields do: the
question Cancel asks when answers were given, the privacy note, the location choice with
names in the patient's language, and the form hidden behind the idle card."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.reach import reach_band
from kiosk.selftest.touch import tap, wait_until
from kiosk.ui.request_form import RequestFormScreen
from tests.form_driving import touch_in_form
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT
from tests.unit.ui.test_fit import DISPLAYS, _clipped_texts, _out_of_reach


def _fits(window: QWidget, width: int, height: int) -> None:
    QApplication.processEvents()  # never resized back: a window that grew stays so (test_fit)
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= width and minimum.height() <= height, minimum
    assert window.size().toTuple() == (width, height)
    assert _clipped_texts(window) == []


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("step", [1, 3])
@pytest.mark.parametrize("display", DISPLAYS)
def test_the_discard_question_and_the_location_names_fit(
    qtbot: QtBot, tmp_path: Path, display: str, step: int, language: str
) -> None:
    width, height = DISPLAYS[display]
    with running_kiosk(
        BUNDLED_CONTENT,
        size=(width, height),
        data_dir=tmp_path / "data",
        text_step=step,
        locations=("Main clinic", "Northside clinic"),
    ) as kiosk:
        kiosk.show_view(kiosk.session.set_language(language))
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.request_visit())
        window = kiosk.window  # never resized back: a real kiosk window that grew stays so
        form = window.request_form
        assert isinstance(form, RequestFormScreen)
        assert form.privacy_note  # the note shows, built from the settings
        touch_in_form(form, form.location.buttons["Main clinic"])
        _fits(window, width, height)
        tap(form.cancel_button)
        assert wait_until(form.discard_question.isVisible)
        _fits(window, width, height)
        band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
        if height > width:  # the answers stay within a seated patient's reach
            assert _out_of_reach(window, band) == []
        tap(form.discard_question.keep_button)
        window.show_idle_warning(15)
        QApplication.processEvents()
        _fits(window, width, height)
        window.hide_idle_warning()


LONG_NAME = "Northside Physical Therapy and Sports Rehabilitation Clinic at Riverside Commons"


@pytest.mark.parametrize("display", ["portrait", "small"])
def test_a_long_location_name_wraps_instead_of_being_cut(
    qtbot: QtBot, tmp_path: Path, display: str
) -> None:
    """A configured name may have 80 characters; at the largest text it wraps in its button."""
    assert len(LONG_NAME) == 80
    width, height = DISPLAYS[display]
    with running_kiosk(
        BUNDLED_CONTENT,
        size=(width, height),
        data_dir=tmp_path / "data",
        text_step=3,
        locations=("Main clinic", LONG_NAME),
    ) as kiosk:
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.request_visit())
        form = kiosk.window.request_form
        assert isinstance(form, RequestFormScreen)
        button = form.location.buttons[LONG_NAME]
        touch_in_form(form, button)
        assert button.isChecked()
        words = button.words
        assert words.height() >= 2 * words.fontMetrics().height(), "wrapped onto lines"
        assert button.geometry().right() <= form.location.width()
        _fits(kiosk.window, width, height)
