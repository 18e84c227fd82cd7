"""Every screen fits the screen it is shown on, in both languages and every orientation.

A fullscreen window follows its minimum size: when a screen's layout needs more room than the
display has, the window grows past the display and the bottom bars (Back, Next, Send) are out
of reach. Offscreen grabs at a fixed size never show that, so this test asks the layouts
themselves: the window's minimum size must fit the display, and no text may be wider or taller
than the widget that shows it (which would clip it).

Every text step is checked. In portrait, with the default mounting settings, the controls a
patient needs must also lie in the reach band (kiosk.reach): any button or field outside a
scroll area, and the top of any scroll area that holds them.

``FIT_SCREEN=menu`` / ``FIT_DISPLAY=portrait`` / ``FIT_STEP=3`` narrow the run while working
on one screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.reach import ReachBand, reach_band
from kiosk.session import Screen
from kiosk.visit.model import FieldError
from tests.form_driving import touch_in_form
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT

DISPLAYS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1366, 768)}
TOLERANCE_PX = 1


def _attract(kiosk: KioskApp) -> None:
    assert kiosk.session.view.screen is Screen.ATTRACT  # where every visit starts


def _menu(kiosk: KioskApp) -> None:
    kiosk.show_view(kiosk.session.start())


def _page(slug: str) -> Callable[[KioskApp], None]:
    def go(kiosk: KioskApp) -> None:
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page(slug))

    return go


def _form_with_keyboard(kiosk: KioskApp) -> None:
    kiosk.show_view(kiosk.session.start())
    kiosk.show_view(kiosk.session.request_visit())
    form = kiosk.window.request_form
    touch_in_form(form, form.name_field)  # the keyboard rises, as for a patient
    assert form.keyboard.isVisible()


def _form_with_errors(kiosk: KioskApp) -> None:
    kiosk.show_view(kiosk.session.start())
    kiosk.show_view(kiosk.session.request_visit())
    kiosk.window.show_request_errors({"name": FieldError.REQUIRED, "phone": FieldError.REQUIRED})


def _thanks(kiosk: KioskApp) -> None:
    kiosk.show_view(kiosk.session.start())
    kiosk.show_view(kiosk.session.request_visit())
    kiosk.window.show_thanks("ABC-1234")
    kiosk.show_view(kiosk.session.request_sent())


def _idle(kiosk: KioskApp) -> None:
    _page("hip-joint")(kiosk)
    kiosk.window.show_idle_warning(20)


SCREENS: dict[str, Callable[[KioskApp], None]] = {
    "attract": _attract,
    "menu": _menu,
    "page-welcome": _page("welcome"),
    "page-compensation": _page("compensation"),
    "page-sources": _page("sources"),
    "form": _form_with_keyboard,
    "form-errors": _form_with_errors,
    "thank-you": _thanks,
    "idle": _idle,
}


def _clipped_texts(root: QWidget) -> list[str]:
    """Visible labels and buttons whose text needs more room than they were given."""
    clipped = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed_height = widget.heightForWidth(widget.width())
                if needed_height > widget.height() + TOLERANCE_PX:
                    clipped.append(f"{widget.text()[:40]!r}: {needed_height} > {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + TOLERANCE_PX:
                clipped.append(
                    f"{widget.text()[:40]!r}: {widget.sizeHint().width()} > {widget.width()}"
                )
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            if hint.width() > widget.width() + TOLERANCE_PX:
                clipped.append(f"button {widget.text()[:40]!r}: {hint.width()} > {widget.width()}")
    return clipped


def _overflowing_scroll_areas(root: QWidget) -> list[str]:
    """Scroll areas without a horizontal scroll bar whose content is wider than their view:
    the part past the right edge cannot be seen or reached."""
    overflowing = []
    for area in root.findChildren(QScrollArea):
        content = area.widget()
        if not area.isVisibleTo(root) or content is None:
            continue
        if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            continue
        needed = content.minimumSizeHint().width()
        for label in content.findChildren(QLabel):
            if label.isVisibleTo(root) and not label.wordWrap():
                right = label.mapTo(content, QPoint(label.sizeHint().width(), 0)).x()
                needed = max(needed, right)
        if needed > area.viewport().width() + TOLERANCE_PX:
            overflowing.append(
                f"{area.objectName() or type(area).__name__}: {needed} > {area.viewport().width()}"
            )
    return overflowing


def _out_of_reach(window: QWidget, band: ReachBand) -> list[str]:
    """Controls on the current screen that a seated patient cannot reach."""
    screen = window.current_screen  # type: ignore[attr-defined]
    misplaced = []
    for widget in screen.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() <= 0:
            continue
        top = widget.mapTo(window, QPoint(0, 0)).y()
        bottom = top + widget.height()
        if isinstance(widget, QAbstractScrollArea):
            controls = widget.findChildren(QAbstractButton) + widget.findChildren(QLineEdit)
            if any(c.isVisibleTo(window) for c in controls) and top < band.top:
                misplaced.append(f"scroll area {widget.objectName()!r} starts at {top}")
        elif isinstance(widget, (QAbstractButton, QLineEdit)):
            if _in_scroll_area(widget, screen):
                continue
            if not band.contains(top, bottom):
                name = widget.text() if hasattr(widget, "text") else widget.objectName()
                misplaced.append(f"{type(widget).__name__} {name[:30]!r} at {top}..{bottom}")
    return misplaced


def _in_scroll_area(widget: QWidget, screen: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not screen:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _wanted(name: str, values: object) -> list[str]:
    chosen = os.environ.get(name)
    return [v for v in values if chosen is None or v == chosen]  # type: ignore[attr-defined]


def _cases() -> list[object]:
    cases: list[object] = []
    for screen in _wanted("FIT_SCREEN", SCREENS):
        for display in _wanted("FIT_DISPLAY", DISPLAYS):
            for step in _wanted("FIT_STEP", ["1", "2", "3"]):
                cases.append(
                    pytest.param(screen, display, int(step), id=f"{screen}-{display}-{step}")
                )
    return cases


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("screen", "display", "step"), _cases())
def test_the_screen_fits_and_clips_no_text(
    qtbot: QtBot, tmp_path: Path, screen: str, display: str, step: int, language: str
) -> None:
    width, height = DISPLAYS[display]
    with running_kiosk(
        BUNDLED_CONTENT, size=(width, height), data_dir=tmp_path / "data", text_step=step
    ) as kiosk:
        kiosk.show_view(kiosk.session.set_language(language))
        SCREENS[screen](kiosk)
        window = kiosk.window
        QApplication.processEvents()  # no resize back: a real kiosk window that grew stays so
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert minimum.width() <= width and minimum.height() <= height, (
            f"{screen} needs {minimum.width()}x{minimum.height()} on a {width}x{height} display"
        )
        assert window.size().toTuple() == (width, height)
        assert kiosk.session.view.screen is not Screen.OUT_OF_SERVICE
        assert _clipped_texts(window) == []
        assert _overflowing_scroll_areas(window.current_screen) == []
        if screen.startswith("form"):  # however it makes room, the way to finish stays
            form = window.request_form
            assert form.send_button.isVisibleTo(window)
            assert form.cancel_button.isVisibleTo(window)
        band = reach_band(width, height, mount_height_mm=750, screen_height_mm=0)
        if screen != "idle":  # the idle card is centred; its two buttons are checked below
            assert _out_of_reach(window, band) == []
        else:
            for button in window.idle_overlay.findChildren(QAbstractButton):
                top = button.mapTo(window, QPoint(0, 0)).y()
                assert band.contains(top, top + button.height()), button.text()
