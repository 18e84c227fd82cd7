"""Staff at the kiosk, end to end, by touch: the corner hold, the PIN pad, the panel and its
actions, over a real kiosk with a real outbox, usage counts and data folder."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.exit_codes import ExitCode
from kiosk.selftest.touch import tap, touch_device, wait_until
from kiosk.session import Screen
from kiosk.staff.pin import hash_pin
from kiosk.ui.staff_gesture import HOLD_MS
from kiosk.ui.staff_panel import StaffPanel
from kiosk.usage.export import csv_text
from tests.form_driving import send_a_request
from tests.kiosk_fixtures import open_tile, press_key, running_kiosk, settle
from tests.paths import BUNDLED_CONTENT

PIN = "4826"
PATIENT = ("José Ñúñez", "312 555 0123", "5550123", "jose@example.es")
"""What tests.form_driving.fill_form types: none of it may ever reach the panel."""


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskApp]:
    with running_kiosk(
        BUNDLED_CONTENT,
        data_dir=tmp_path / "data",
        keeps_data=True,
        staff={"pin_hash": hash_pin(PIN)},
    ) as app:
        yield app


def hold_corner(kiosk: KioskApp) -> None:
    """A finger held still on the top-left corner for the gesture's whole hold."""
    window = kiosk.window
    at = QPoint(20, 20)
    QTest.touchEvent(window, touch_device()).press(0, at, window).commit()
    QTest.qWait(HOLD_MS + 300)
    QTest.touchEvent(window, touch_device()).release(0, at, window).commit()
    QApplication.processEvents()


def type_pin(kiosk: KioskApp, pin: str) -> None:
    pad = kiosk.staff.pad
    assert pad is not None and pad.isVisible()
    for digit in pin:
        tap(pad.digit_buttons[int(digit)])
    tap(pad.ok_button)


def open_panel(kiosk: KioskApp) -> StaffPanel:
    hold_corner(kiosk)
    assert wait_until(lambda: kiosk.staff.pad is not None and kiosk.staff.pad.isVisible())
    type_pin(kiosk, PIN)
    assert wait_until(lambda: kiosk.staff.panel is not None and kiosk.staff.panel.isVisible())
    panel = kiosk.staff.panel
    assert panel is not None
    return panel


def touch(panel: StaffPanel, button: QAbstractButton) -> None:
    """Scroll ``button`` into view on its page if needed, then tap it."""
    area = button.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.ensureWidgetVisible(button, 0, 0)
    tap(button)


def every_text(widget: QWidget) -> str:
    """All words the widget and its children show, on every panel page."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    texts += [
        w.accessibleName() + " " + w.accessibleDescription() for w in widget.findChildren(QWidget)
    ]
    return "\n".join(texts)


def test_the_corner_hold_and_the_pin_open_a_panel_that_shows_no_patient_data(
    kiosk: KioskApp,
) -> None:
    assert wait_until(lambda: kiosk.desk is not None)
    kiosk.desk.worker.stop()  # type: ignore[union-attr]  # the request stays waiting
    send_a_request(kiosk)
    reference = kiosk.window.thank_you.code
    kiosk.reset()
    panel = open_panel(kiosk)
    assert kiosk.session.view.screen is Screen.ATTRACT
    shown = []
    for name, button in panel.page_buttons.items():
        tap(button)
        assert panel.current_page == name
        shown.append(every_text(panel))
    text = "\n".join(shown)
    for secret in PATIENT:
        assert secret not in text
    assert reference and reference not in text
    assert "Waiting" in text and "Visits" in text
    tap(panel.close_button)
    assert kiosk.staff.panel is None and not kiosk.staff.active


def test_five_wrong_pins_lock_the_pad_and_a_restart_keeps_the_lock(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings: dict[str, object] = {"pin_hash": hash_pin(PIN)}
    with running_kiosk(
        BUNDLED_CONTENT, data_dir=tmp_path / "data", keeps_data=True, staff=settings
    ) as kiosk:
        hold_corner(kiosk)
        for _ in range(5):
            type_pin(kiosk, "1357")
        pad = kiosk.staff.pad
        assert pad is not None and not pad.accepts_digits
        type_pin_blocked = pad.digit_buttons[4]
        assert not type_pin_blocked.isEnabled()
        assert kiosk.staff.panel is None
    with running_kiosk(
        BUNDLED_CONTENT, data_dir=tmp_path / "data", keeps_data=True, staff=settings
    ) as kiosk:
        hold_corner(kiosk)
        pad = kiosk.staff.pad
        assert pad is not None and not pad.accepts_digits  # still locked after the restart
        assert kiosk.staff.gate.locked_seconds() > 0


def test_without_a_pin_hash_the_pad_says_how_to_set_it_up(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(BUNDLED_CONTENT, data_dir=tmp_path / "data", keeps_data=True) as kiosk:
        hold_corner(kiosk)
        pad = kiosk.staff.pad
        assert pad is not None and "kiosk staff pin" in every_text(pad)
        type_pin(kiosk, PIN)
        assert kiosk.staff.panel is None


def test_cleaning_ignores_touches_for_its_whole_countdown_then_all_is_as_it_was(
    kiosk: KioskApp,
) -> None:
    open_tile(kiosk, kiosk.library.decks[0].pages[2].slug)  # a visit under way, on page 3
    before = kiosk.session.view
    screen = kiosk.window.current_screen
    panel = open_panel(kiosk)
    tap(panel.page_buttons["kiosk"])
    kiosk.staff.cleaning_seconds = 2
    touch(panel, panel.controls.cleaning_button)
    cleaning = kiosk.staff.cleaning
    assert cleaning is not None and cleaning.running
    next_button = kiosk.window.reader.next_button
    for _ in range(10):  # wiping: touches and keys all over the screen
        tap(next_button)
        QTest.keyClick(kiosk.window.windowHandle(), Qt.Key.Key_Right)
        QTest.qWait(100)
    assert kiosk.staff.cleaning is not None, "cleaning ended early"
    assert kiosk.session.view == before
    assert wait_until(lambda: kiosk.staff.cleaning is None, 4000)
    again = kiosk.staff.panel
    assert again is not None and again.isVisible() and again.current_page == "kiosk"
    tap(again.close_button)
    settle(kiosk)
    assert kiosk.session.view == before and kiosk.window.current_screen is screen
    assert kiosk.idle.armed  # the visit's idle time runs again


def test_the_default_look_and_the_usage_export_from_the_panel(
    kiosk: KioskApp, tmp_path: Path
) -> None:
    open_tile(kiosk, kiosk.library.decks[0].pages[0].slug)
    kiosk.reset()  # one visit counted
    panel = open_panel(kiosk)
    tap(panel.page_buttons["kiosk"])
    touch(panel, panel.controls.text_size_buttons[3])
    assert kiosk.session.view.look.text_step == 3  # the attract screen under the panel
    assert kiosk.staff.panel is panel and panel.isVisible()
    stick = tmp_path / "usb"
    stick.mkdir()
    tap(panel.page_buttons["usage"])
    panel.set_export_folders([stick])
    touch(panel, panel.export.folder_buttons[0])
    (exported,) = stick.iterdir()
    table = kiosk.usage.table()
    assert exported.read_bytes().decode("utf-8-sig") == csv_text(table)
    rows = list(csv.reader(io.StringIO(csv_text(table))))
    assert rows[1][:3] == ["Visits", "all", "fewer than 5"]


def test_exit_asks_first_then_ends_with_the_staff_exit_code(
    kiosk: KioskApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes: list[int] = []
    # On the class, as tests/unit/test_upkeep.py does (patching the instance would leave an
    # attribute behind that hides the class's exit from later tests).
    monkeypatch.setattr(QApplication, "exit", staticmethod(codes.append))
    panel = open_panel(kiosk)
    tap(panel.page_buttons["kiosk"])
    touch(panel, panel.controls.exit_button)
    assert codes == []
    touch(panel, panel.controls.yes_button)
    assert codes == [ExitCode.STAFF_EXIT]


def test_the_staff_side_silences_read_aloud_and_help_reads_nothing_under_it(
    kiosk: KioskApp,
) -> None:
    speech = kiosk.read_aloud
    press_key(kiosk, Qt.Key.Key_Help)  # a patient listening to the attract screen ...
    assert speech.active and speech.state == "speaking"
    hold_corner(kiosk)  # ... staff come: the hidden screen is not read on
    assert kiosk.staff.pad is not None
    assert speech.state == "idle"
    press_key(kiosk, Qt.Key.Key_Help)
    assert speech.state == "idle"  # nothing of the covered screen, and never the PIN
