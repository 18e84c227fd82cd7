"""The staff panel, the PIN pad and cleaning mode fit every screen in Spanish too (its words are
the longest): the real catalogue installed, every real label and usage word, at each size, text
step and palette. The English cases are in the screens' own test modules, reused here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.staff import report as R
from kiosk.staff.report import Kind, Line, Section, StaffReport, UsageTable
from kiosk.ui.i18n import UiLanguage
from kiosk.ui.staff_panel import PAGES
from kiosk.ui.theme import Theme, load_bundled_fonts
from kiosk.usage import table as T
from tests.unit.ui import test_cleaning as C
from tests.unit.ui import test_pin_pad as P
from tests.unit.ui import test_staff_panel as S


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    app = QApplication.instance() or QApplication([])
    lang = UiLanguage(app)
    lang.set_language("es")
    assert QCoreApplication.translate("StaffPanel", "All is well") == "Todo está bien"
    yield
    lang.set_language("en")
    S._WINDOWS.clear()


def _real_report() -> StaffReport:
    n = R.QT_TRANSLATE_NOOP
    c = "StaffReport"
    content = Section(
        n(c, "Pages"),
        (
            Line(n(c, "Pages from"), "/srv/kiosk/" + "x" * 120),
            Line(n(c, "Pages shown"), 42, Kind.COUNT),
            Line(n(c, "Languages"), "en, es"),
            Line(n(c, "Read at"), 1.0, Kind.TIME),
            Line(n(c, "State"), "ok"),
            Line(n(c, "Last look at the folder"), 1.0, Kind.TIME, attention=True),
            Line(n(c, "Watching the folder"), R.WATCHING_EVENTS),
            Line(n(c, "Problems in the pages"), 3, Kind.COUNT, attention=True),
            Line(n(c, "Pages past their review date"), 3, Kind.COUNT, attention=True),
        ),
        tuple("v-problem " * 30 for _ in range(50)),
    )
    requests = Section(
        n(c, "Visit requests"),
        (
            Line(n(c, "Taking requests"), False, Kind.YES_NO, attention=True),
            Line(n(c, "Waiting"), 12, Kind.COUNT, attention=True),
            Line(n(c, "Oldest waiting"), None, Kind.AGE, attention=True),
            Line(n(c, "Delivered today"), 3, Kind.COUNT),
            Line(n(c, "Last delivery"), None, Kind.TIME),
            Line(n(c, "Refused by the receiver"), 3, Kind.COUNT, attention=True),
            Line(n(c, "Sealed with a missing key"), 3, Kind.COUNT, attention=True),
            Line(n(c, "Outbox readable"), True, Kind.YES_NO),
        ),
    )
    kiosk = Section(
        n(c, "Kiosk"),
        (
            Line(n(c, "Version"), "0.1.0"),
            Line(n(c, "Started"), 1.0, Kind.TIME),
            Line(n(c, "Running for"), 7500.0, Kind.AGE),
            Line(n(c, "Settings file"), R.NO_SETTINGS_FILE),
            Line(n(c, "Problems in the settings file"), 3, Kind.COUNT, attention=True),
            Line(n(c, "Data folder"), R.NO_DATA_DIR, attention=True),
        ),
        ("v-settings problem",),
    )
    rows = tuple(
        (label, key, T.FEWER_THAN_SMALL, "12", "120", "1200")
        for label in T.LABELS.values()
        for key in (*T.KEY_WORDS, "pain_areas")
    )
    usage = UsageTable(T.HEADER, rows, note="v-note")
    channels = tuple(
        Section(
            h,
            (
                Line(n(c, "Waiting"), 1, Kind.COUNT),
                Line(n(c, "Last error at"), 1.0, Kind.TIME),
                Line(n(c, "Last error"), "SMTPAuthenticationError 535", attention=True),
            ),
        )
        for h in R.CHANNEL_HEADINGS.values()
    )
    return StaffReport(content, requests, kiosk, usage, channels)


@pytest.mark.parametrize(("display", "step", "high"), S._cases())
def test_staff_panel_fits_in_spanish(qtbot: QtBot, display: str, step: int, high: bool) -> None:
    width, height = S.DISPLAYS[display]
    theme = Theme(family=load_bundled_fonts()).at_text_step(step).with_contrast(high)
    panel = S._panel(qtbot, (width, height), theme)
    panel.show_report(_real_report())
    panel.set_export_folders([Path("/media/kiosk/" + "STICK" * 20), Path("/media/b")])
    panel.open()
    panel.show_message(
        "Enviando ahora las solicitudes en espera. Esta página mostrará el resultado.",
        attention=True,
    )
    for name in PAGES:
        panel.show_page(name)
        if name == "kiosk":
            panel.controls.exit_button.click()
        QApplication.processEvents()
        layout = panel.layout()
        assert layout is not None
        assert layout.totalMinimumSize().width() <= width, name
        assert layout.totalMinimumHeightForWidth(width) <= height, name
        page = panel.page(name)
        column = page.widget()
        assert column is not None
        assert column.width() <= page.viewport().width() + 1, name
        assert S._clipped(panel) == [], name
        for button in panel.findChildren(QAbstractButton):
            if button.isVisibleTo(panel):
                assert button.height() >= theme.target, button.text()
    panel.set_export_folders([])
    panel.show_page("usage")
    QApplication.processEvents()
    assert S._clipped(panel) == []


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("size", P.DISPLAYS)
def test_pin_pad_fits_in_spanish(
    qtbot: QtBot, size: tuple[int, int], step: int, high_contrast: bool
) -> None:
    P.test_the_card_fits_every_screen(qtbot, size, step, high_contrast)


@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("size", [*C.DISPLAYS, C.SHORT])
def test_cleaning_fits_in_spanish(qtbot: QtBot, size: tuple[int, int], step: int) -> None:
    C.test_the_words_fit_every_screen(qtbot, size, step)
