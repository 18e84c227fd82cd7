"""The on-screen keyboard, driven by real touch events: typing, shift, accents, phone keypad."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea, QVBoxLayout, QWidget
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
from kiosk.ui.keyboard_dock import KeyboardDock
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


def _press(field: QLineEdit, *keys: Qt.Key) -> None:
    for key in keys:
        QTest.keyClick(field, key)


def test_arrows_move_a_highlight_and_enter_types(
    qtbot: QtBot, setup: tuple[OnScreenKeyboard, QLineEdit]
) -> None:
    """By keys: the arrows move a highlight over the keys (the field keeps the focus), Enter
    types the highlighted key; Up from the top row leaves the keys."""
    keyboard, field = setup
    KeyboardDock(keyboard, QScrollArea(), (field,))
    keyboard.show()
    _press(field, Qt.Key.Key_Down)  # into the keyboard: its first key
    assert keyboard.highlighted is keyboard.key_for("1")
    assert keyboard.highlighted.property("highlight") is True
    _press(field, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Enter)
    assert field.text() == "3" and field.hasFocus()
    _press(field, Qt.Key.Key_Down, Qt.Key.Key_Enter)  # the key under it, by its middle
    assert field.text() == "3e"
    _press(field, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down)
    assert keyboard.position_of(keyboard.highlighted)[0] == len(PAGES[LETTERS]) - 1  # stays
    _press(field, *[Qt.Key.Key_Left] * 12, Qt.Key.Key_Enter)  # the page key, the leftmost
    assert keyboard.page == ACCENTS
    assert keyboard.position_of(keyboard.highlighted) == (len(PAGES[ACCENTS]) - 1, 0)
    _press(field, *[Qt.Key.Key_Up] * len(PAGES[ACCENTS]))  # up past the top row: out
    assert keyboard.highlighted is None
    _press(field, Qt.Key.Key_Down)
    assert keyboard.highlighted is not None
    _press(field, Qt.Key.Key_Escape)  # Back: out to the field
    assert keyboard.highlighted is None and field.hasFocus()
    _press(field, Qt.Key.Key_Left, Qt.Key.Key_Backspace)  # in the field, the arrows are its own
    assert field.text() == "e"


def test_hide_by_keys_goes_back_to_the_field(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    keyboard, field = setup
    KeyboardDock(keyboard, QScrollArea(), (field,))
    keyboard.show()
    _press(field, Qt.Key.Key_Down, *[Qt.Key.Key_Down] * 4, *[Qt.Key.Key_Right] * 9)
    assert keyboard.highlighted is keyboard.special_key(HIDE)
    _press(field, Qt.Key.Key_Enter)
    assert keyboard.highlighted is None and field.hasFocus() and keyboard.isVisible()
    QTest.keyClicks(field, "ok")  # letters from a physical keyboard type on throughout
    assert field.text() == "ok"


def test_the_highlight_is_a_thick_ring_not_colour_only(
    setup: tuple[OnScreenKeyboard, QLineEdit],
) -> None:
    """The highlighted key wears the focus ring: a double line 12 px wide where a key's own
    border is 2 px, so it shows by its shape as well as its colour."""
    keyboard, _ = setup
    key = keyboard.key_for("q")
    QTest.qWait(1)
    ring = Theme().palette.focus_ring
    middle = key.height() // 2
    plain = key.grab().toImage()
    assert plain.pixelColor(Theme.FOCUS_RING - 2, middle).name() != ring.lower()
    keyboard.start_highlight()
    keyboard.move_highlight(1, 0)
    assert keyboard.highlighted is key
    QTest.qWait(1)
    ringed = key.grab().toImage()
    for x in (1, Theme.FOCUS_RING - 2):  # the outer line and the inner one
        assert ringed.pixelColor(x, middle).name() == ring.lower(), x
    keyboard.stop_highlight()
    assert key.property("highlight") is False


def test_every_key_has_a_spoken_label(setup: tuple[OnScreenKeyboard, QLineEdit]) -> None:
    """Read aloud, each key says a word: letters as the capital they read as, marks by name,
    control keys by what they do; Shift adds "capital" to the letters only."""
    keyboard, _ = setup
    for page in PAGES:
        for button in keyboard.key_buttons(page):
            words = keyboard.spoken_label(button)
            assert words.strip(), f"a key on {page} says nothing"
            assert len(words) > 1 or words.isalnum(), f"{words!r} is a mark, not its name"
    assert keyboard.spoken_label(keyboard.key_for("b")) == "B"
    assert keyboard.spoken_label(keyboard.key_for("@")) == "at sign"
    assert keyboard.spoken_label(keyboard.special_key(BACK)) == "Delete"
    keyboard.set_shift(True)
    assert keyboard.spoken_label(keyboard.key_for("b")) == "capital B"
    assert keyboard.spoken_label(keyboard.key_for("1")) == "1"
    keyboard.show_page(ACCENTS)
    assert keyboard.spoken_label(keyboard.key_for("é")) == "capital E with an accent"


def test_the_key_reached_is_said_and_a_touched_character_never(
    qtbot: QtBot, setup: tuple[OnScreenKeyboard, QLineEdit]
) -> None:
    keyboard, field = setup
    KeyboardDock(keyboard, QScrollArea(), (field,))
    keyboard.show()
    said: list[str] = []
    keyboard.key_reached.connect(said.append)
    keyboard.control_pressed.connect(said.append)
    _type(keyboard, "a1@")
    assert said == [], "touched characters are not echoed"
    tap(keyboard.special_key(SHIFT))
    tap(keyboard.special_key(BACK))
    assert said == ["Capital letter on", "Delete"]
    said.clear()
    _press(field, Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
    assert said == ["1", "2"], "the keys reached; typing one says nothing more"
    assert field.text() == "a12"
