"""The on-screen keyboard, driven by real touch events: typing, shift, accents, phone keypad."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap
from kiosk.ui.keyboard import (
    ACCENTS,
    BACK,
    HIDE,
    LETTERS,
    PAGE,
    PAGES,
    PHONE,
    SHIFT,
    OnScreenKeyboard,
)
from kiosk.ui.theme import Theme, load_bundled_fonts


@pytest.fixture
def setup(qtbot: QtBot) -> Iterator[tuple[OnScreenKeyboard, QLineEdit]]:
    theme = Theme(family=load_bundled_fonts())
    window = QWidget()
    window.setStyleSheet(theme.stylesheet())
    field = QLineEdit(window)
    keyboard = OnScreenKeyboard(theme, window)
    column = QVBoxLayout(window)
    column.addWidget(field)
    column.addWidget(keyboard)
    qtbot.addWidget(window)
    window.resize(1080, 800)
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    tap(field)
    qtbot.waitUntil(field.hasFocus)
    keyboard.show_for(field)
    yield keyboard, field
    window.close()


def _type(keyboard: OnScreenKeyboard, text: str) -> None:
    for char in text:
        tap(keyboard.key_for(char))


def test_letters_and_digits_type_into_the_field(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, field = setup
    _type(keyboard, "ana 42@x.es-_")
    assert field.text() == "ana 42@x.es-_"
    assert field.hasFocus(), "keys must not steal the focus"


def test_shift_works_for_one_letter(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, field = setup
    tap(keyboard.special_key(SHIFT))
    assert keyboard.shift_on
    assert keyboard.key_for("a").text() == "A"
    _type(keyboard, "ab")
    assert field.text() == "Ab"
    assert not keyboard.shift_on


def test_spanish_accents(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, field = setup
    tap(keyboard.special_key(PAGE))
    assert keyboard.page == ACCENTS
    _type(keyboard, "áéíóúüñ")
    tap(keyboard.special_key(SHIFT))
    _type(keyboard, "ñ")
    tap(keyboard.special_key(SHIFT))
    _type(keyboard, "é")
    assert field.text() == "áéíóúüñÑÉ"
    tap(keyboard.special_key(PAGE))
    assert keyboard.page == LETTERS


def test_backspace_and_hide(qtbot: QtBot, setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, field = setup
    _type(keyboard, "abc")
    tap(keyboard.special_key(BACK))
    assert field.text() == "ab"
    with qtbot.waitSignal(keyboard.hide_requested):
        tap(keyboard.special_key(HIDE))


def test_phone_keypad(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, field = setup
    keyboard.show_for(field, phone=True)
    assert keyboard.page == PHONE
    _type(keyboard, "+1 (312) 555-0123")
    assert field.text() == "+1 (312) 555-0123"
    keyboard.show_for(field)
    assert keyboard.page == LETTERS


def test_every_key_is_big_named_and_never_takes_focus(
    setup: tuple[OnScreenKeyboard, QLineEdit],
) -> None:
    keyboard, _ = setup
    for page in PAGES:
        keyboard.show_page(page)
        QTest.qWait(1)
        for key in keyboard.key_buttons():
            assert key.width() >= Theme.MIN_TOUCH_TARGET, (page, key.accessibleName())
            assert key.height() >= Theme.MIN_TOUCH_TARGET, (page, key.accessibleName())
            assert key.accessibleName().strip(), (page, key.text())
            assert key.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_physical_keyboard_still_types(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    _, field = setup
    QTest.keyClicks(field, "Zoe N")
    for text in "ëñ":  # what a keyboard with those keys sends
        QApplication.sendEvent(
            field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text)
        )
    assert field.text() == "Zoe Nëñ"


def test_reset_turns_shift_off(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, _ = setup
    keyboard.show_page(ACCENTS)
    keyboard.set_shift(True)
    keyboard.reset()
    assert not keyboard.shift_on
    assert keyboard.page == LETTERS
    assert keyboard.target is None
