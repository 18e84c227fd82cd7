"""The staff PIN pad: digits show only as dots and are forgotten, the answers read right, the
lock counts down and lifts, the pad closes itself when left alone, works by keys, and fits
every screen at every text step in both contrasts."""

from __future__ import annotations

import math
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap
from kiosk.staff.pin import PIN_MAX_DIGITS
from kiosk.ui.pin_pad import DOT, MAX_LOCK_SECONDS, PAD_IDLE_MS, PinPad, lock_seconds
from kiosk.ui.theme import Theme, load_bundled_fonts

DISPLAYS = [(1366, 768), (1920, 1080), (1080, 1920)]
TOLERANCE_PX = 1


def _host(qtbot: QtBot, theme: Theme, size: tuple[int, int] = (1366, 768)) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.setObjectName("KioskWindow")
    host.setStyleSheet(theme.stylesheet())
    host.resize(*size)
    return host


def _pad(qtbot: QtBot, idle_ms: int = PAD_IDLE_MS) -> tuple[QWidget, PinPad, QLineEdit]:
    """A shown window with a text field (focused) under an open pad."""
    theme = Theme(family=load_bundled_fonts())
    host = _host(qtbot, theme)
    field = QLineEdit(host)
    field.setGeometry(20, 20, 300, 80)
    pad = PinPad(theme, host, idle_ms=idle_ms)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    field.setFocus()
    pad.open()
    QApplication.processEvents()
    return host, pad, field


def _type(host: QWidget, keys: str) -> None:
    """Keys through the window, as a keyboard types them (to the widget with the focus)."""
    handle = host.windowHandle()
    assert handle is not None
    for key in keys:
        QTest.keyClick(handle, Qt.Key(ord(key)))


def _press(host: QWidget, key: Qt.Key) -> None:
    handle = host.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key)


def _texts(pad: PinPad) -> list[str]:
    found = [pad.accessibleName()]
    for widget in pad.findChildren(QWidget):
        found.append(widget.accessibleName())
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
    return found


def test_taps_show_dots_only_and_ok_hands_the_digits_over_once(qtbot: QtBot) -> None:
    _window, pad, _ = _pad(qtbot)
    for digit in (4, 0, 7, 1):
        tap(pad.digit_buttons[digit])
    dots = [label for label in pad.findChildren(QLabel) if DOT in label.text()]
    assert len(dots) == 1
    assert dots[0].text().count(DOT) == 4
    assert dots[0].accessibleName() == "4 digits entered"
    assert not any("4071" in text or "4 0 7 1" in text for text in _texts(pad))
    with qtbot.waitSignal(pad.entered) as signal:
        tap(pad.ok_button)
    assert signal.args == ["4071"]
    assert pad.digit_count == 0  # handed over, not kept
    assert dots[0].accessibleName() == "No digits entered"


def test_ok_without_digits_says_nothing(qtbot: QtBot) -> None:
    _window, pad, _ = _pad(qtbot)
    with qtbot.assertNotEmitted(pad.entered):
        tap(pad.ok_button)


def test_erase_takes_one_digit_back(qtbot: QtBot) -> None:
    _window, pad, _ = _pad(qtbot)
    tap(pad.erase_button)  # nothing to erase: nothing happens
    for digit in (1, 2, 3):
        tap(pad.digit_buttons[digit])
    tap(pad.erase_button)
    with qtbot.waitSignal(pad.entered) as signal:
        tap(pad.ok_button)
    assert signal.args == ["12"]


def test_a_flood_of_digits_stops_at_the_longest_pin(qtbot: QtBot) -> None:
    """Hostile: 5,000 digits typed and tapped; the pad keeps PIN_MAX_DIGITS, quickly."""
    host, pad, _ = _pad(qtbot)
    started = time.monotonic()
    _type(host, "9" * 4000)
    for _ in range(1000):
        pad.digit_buttons[3].click()
    assert pad.digit_count == PIN_MAX_DIGITS == 12
    with qtbot.waitSignal(pad.entered) as signal:
        _press(host, Qt.Key.Key_Return)
    assert signal.args == ["9" * PIN_MAX_DIGITS]
    assert time.monotonic() - started < 30


def test_keys_type_erase_confirm_and_cancel(qtbot: QtBot) -> None:
    host, pad, field = _pad(qtbot)
    _type(host, "5816")
    _press(host, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(pad.entered) as signal:
        _press(host, Qt.Key.Key_Enter)
    assert signal.args == ["581"]
    assert field.text() == ""  # nothing reached the field under the pad
    _type(host, "12")
    with qtbot.waitSignal(pad.cancelled):
        _press(host, Qt.Key.Key_Escape)
    assert not pad.isVisible()
    assert pad.digit_count == 0
    assert field.hasFocus()  # back where it was before the pad opened


def test_tab_and_arrows_stay_on_the_pad(qtbot: QtBot) -> None:
    host, pad, field = _pad(qtbot)
    seen = set()
    for key in [Qt.Key.Key_Tab] * 16 + [Qt.Key.Key_Backtab] * 5:
        _press(host, key)
        focused = QApplication.focusWidget()
        assert focused in pad.buttons()
        seen.add(focused)
    assert seen == set(pad.buttons())
    focus_five = pad.digit_buttons[5]
    focus_five.setFocus(Qt.FocusReason.TabFocusReason)
    _press(host, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is pad.digit_buttons[6]
    _press(host, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is pad.digit_buttons[9]
    _press(host, Qt.Key.Key_Space)  # Space presses the button with the ring
    assert pad.digit_count == 1
    _type(host, "4")  # a digit typed while a button has the focus still types
    assert pad.digit_count == 2
    assert not field.hasFocus()


def test_a_touch_beside_the_card_reaches_nothing_under_it(qtbot: QtBot) -> None:
    _window, pad, field = _pad(qtbot)
    field.clear()
    tap(pad, QPoint(40, 40))  # on the field, under the pad's scrim
    assert pad.isVisible()
    assert not field.hasFocus()


def test_a_wrong_pin_says_how_many_tries_are_left(qtbot: QtBot) -> None:
    _window, pad, _ = _pad(qtbot)
    tap(pad.digit_buttons[1])
    pad.show_wrong(2)
    assert "That PIN is not right. 2 tries left." in _texts(pad)
    assert pad.digit_count == 0
    pad.show_wrong(1)
    assert "That PIN is not right. 1 try left." in _texts(pad)
    pad.show_wrong(-3)  # hostile: never a negative count
    assert "That PIN is not right. 0 tries left." in _texts(pad)


def test_locked_turns_the_keys_off_counts_down_and_lifts(qtbot: QtBot) -> None:
    host, pad, _ = _pad(qtbot)
    pad.show_locked(1.4)
    assert "Locked. Try again in 2 s." in _texts(pad)
    assert not pad.ok_button.isEnabled()
    assert not any(button.isEnabled() for button in pad.digit_buttons)
    assert pad.cancel_button.isEnabled()
    _type(host, "1234")
    assert pad.digit_count == 0
    qtbot.waitUntil(lambda: "Locked. Try again in 1 s." in _texts(pad), timeout=2000)
    qtbot.waitUntil(lambda: pad.ok_button.isEnabled(), timeout=3000)
    assert all(button.isEnabled() for button in pad.digit_buttons)
    assert not any(text.startswith("Locked") for text in _texts(pad))
    _type(host, "12")
    assert pad.digit_count == 2


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (80, "Locked. Try again in 1 min 20 s."),
        (120, "Locked. Try again in 2 min."),
        (45, "Locked. Try again in 45 s."),
        (MAX_LOCK_SECONDS, "Locked. Try again in 1440 min."),
    ],
)
def test_the_lock_reads_in_minutes_and_seconds(qtbot: QtBot, seconds: int, words: str) -> None:
    _window, pad, _ = _pad(qtbot)
    pad.show_locked(seconds)
    assert words in _texts(pad)


@pytest.mark.parametrize("seconds", [math.inf, math.nan, 1e300, -math.inf, -5.0, 0.0])
def test_a_lock_that_is_not_a_sane_number_is_held_to_the_limit(
    qtbot: QtBot, seconds: float
) -> None:
    """Hostile lengths: infinite, not a number, huge, negative."""
    held = lock_seconds(seconds)
    assert 0 <= held <= MAX_LOCK_SECONDS
    if math.isnan(seconds) or seconds > 0:
        assert held == MAX_LOCK_SECONDS
    else:
        assert held == 0
    _window, pad, _ = _pad(qtbot)
    pad.show_locked(seconds)
    assert pad.accepts_digits is (held == 0)


def test_not_set_up_says_how_it_sets_a_pin(qtbot: QtBot) -> None:
    _window, pad, _ = _pad(qtbot)
    pad.show_not_set_up()
    assert "The staff panel is not set up. IT sets a PIN with: kiosk staff pin" in _texts(pad)
    assert not pad.ok_button.isEnabled()
    pad.close_pad()
    pad.open()
    assert pad.ok_button.isEnabled()  # a new opening starts afresh


def test_left_alone_it_closes_itself_and_forgets(qtbot: QtBot) -> None:
    _window, pad, field = _pad(qtbot, idle_ms=300)
    tap(pad.digit_buttons[7])
    started = time.monotonic()
    for _ in range(5):  # each touch gives it the whole time again
        QTest.qWait(150)
        tap(pad.digit_buttons[2])
    assert pad.isVisible()
    with qtbot.waitSignal(pad.cancelled, timeout=3000):
        pass
    assert time.monotonic() - started >= 0.7
    assert not pad.isVisible()
    assert pad.digit_count == 0
    assert field.hasFocus()


def test_the_real_idle_time_is_twenty_seconds() -> None:
    assert PAD_IDLE_MS == 20_000


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("size", DISPLAYS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_card_fits_every_screen(
    qtbot: QtBot, size: tuple[int, int], step: int, high_contrast: bool
) -> None:
    theme = Theme(family=load_bundled_fonts()).at_text_step(step).with_contrast(high_contrast)
    host = _host(qtbot, theme, size)
    pad = PinPad(theme, host)
    host.show()
    qtbot.waitExposed(host)
    pad.open()
    for show in (
        pad.show_not_set_up,  # the longest line
        lambda: pad.show_locked(3599),
        lambda: pad.show_wrong(2),
    ):
        show()
        for _ in range(PIN_MAX_DIGITS):
            pad.type_digit("8")
        QApplication.processEvents()
        window = host.rect()
        card = pad.card.geometry()
        assert window.contains(card), f"card {card} outside {window}"
        minimum = pad.minimumSizeHint()
        assert minimum.width() <= size[0] and minimum.height() <= size[1]
        assert _clipped(pad) == []
        for button in pad.buttons():
            assert button.height() >= theme.target >= Theme.MIN_TOUCH_TARGET
            assert pad.card.rect().contains(button.geometry()), button.text()


def _clipped(root: QWidget) -> list[str]:
    """Visible words that need more room than they were given."""
    clipped = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + TOLERANCE_PX:
                    clipped.append(f"{widget.text()[:40]!r}: {needed} > {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + TOLERANCE_PX:
                clipped.append(f"{widget.text()[:40]!r}: too wide")
        elif (
            isinstance(widget, QAbstractButton)
            and widget.text()
            and widget.sizeHint().width() > widget.width() + TOLERANCE_PX
        ):
            clipped.append(f"button {widget.text()!r}: too wide")
    return clipped
