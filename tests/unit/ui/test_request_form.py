"""The visit form, filled like a patient would: taps on the on-screen keyboard and big buttons.

Set ``KIOSK_SCREENSHOT_DIR`` to keep PNGs of the form in both orientations.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, QTranslator
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap
from kiosk.ui.keyboard import SHIFT
from kiosk.ui.request_form import FIELDS, RequestFormScreen
from kiosk.ui.theme import Theme, load_bundled_fonts
from kiosk.visit.model import FieldError, FormInput
from tests.form_driving import fill_form as _fill
from tests.form_driving import touch_in_form as _touch

LOCATIONS = ("Downtown", "Northside")
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


def _host(qtbot: QtBot, size: tuple[int, int]) -> tuple[QWidget, RequestFormScreen]:
    theme = Theme(family=load_bundled_fonts())
    window = QWidget()
    window.setStyleSheet(theme.stylesheet())
    form = RequestFormScreen(theme, window)
    form.set_locations(LOCATIONS)
    column = QVBoxLayout(window)
    column.addWidget(form)
    column.setContentsMargins(0, 0, 0, 0)
    qtbot.addWidget(window)
    window.resize(*size)
    # The kiosk's window holds the focus itself (a fresh window would give it to the first
    # control Tab reaches, the name field, and its keyboard would rise on its own).
    window.setFocus(Qt.FocusReason.OtherFocusReason)
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    return window, form


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[RequestFormScreen]:
    window, screen = _host(qtbot, SIZES["portrait"])
    yield screen
    window.close()


def test_a_patient_fills_the_form_by_touch(qtbot: QtBot, form: RequestFormScreen) -> None:
    _fill(form)
    with qtbot.waitSignal(form.submit_requested) as sent:
        tap(form.send_button)
    assert sent.args == [
        FormInput(
            name="José Ñúñez",
            phone="312 555 0123",
            email="jose@example.es",
            best_time="morning",
            location="Northside",
            pain_areas=("groin-left", "buttock-right"),
            duration="6-weeks-to-3-months",
            consent=True,
        )  # the language is the app's to stamp (tests/unit/test_app.py)
    ]
    # Cancel with answers given asks once; "No, keep editing" keeps every answer.
    cancelled: list[bool] = []
    form.cancel_requested.connect(lambda: cancelled.append(True))
    tap(form.cancel_button)
    question = form.discard_question
    assert question.isVisible() and not form.send_button.isVisible() and not cancelled
    tap(question.keep_button)
    assert not question.isVisible() and form.send_button.isVisible()
    assert form.form_input().name == "José Ñúñez" and not cancelled
    tap(form.cancel_button)
    with qtbot.waitSignal(form.cancel_requested):
        tap(question.discard_button)
    assert cancelled == [True] and not question.isVisible()


ALL_ERRORS = {
    "name": FieldError.REQUIRED,
    "phone": FieldError.PHONE_INVALID,
    "email": FieldError.EMAIL_INVALID,
    "best_time": FieldError.REQUIRED,
    "location": FieldError.NOT_A_CHOICE,
    "pain_areas": FieldError.NOT_A_CHOICE,
    "duration": FieldError.REQUIRED,
    "consent": FieldError.CONSENT_NEEDED,
}


def test_errors_in_plain_words_next_to_each_field(qtbot: QtBot, form: RequestFormScreen) -> None:
    form.scroll_area.verticalScrollBar().setValue(form.scroll_area.verticalScrollBar().maximum())
    form.show_errors({"duration": FieldError.REQUIRED, "phone": FieldError.PHONE_INVALID})
    words = {key: s.error_text.text() for key, s in form.sections.items()}
    assert words["phone"].startswith("Please check the phone number")
    assert words["duration"] == "Please choose one."
    assert not form.sections["name"].error_row.isVisibleTo(form)
    # The first error in the form's order is scrolled into view.
    qtbot.waitUntil(lambda: _inside_view(form, form.sections["phone"].heading))
    form.show_errors(ALL_ERRORS)
    words = {key: s.error_text.text() for key, s in form.sections.items()}
    assert words["name"] == "Please enter your name."
    assert words["email"] == "This email address does not look right."
    assert words["consent"] == "Please tick the box so we may contact you."
    form.show_errors({"name": FieldError.TOO_LONG})
    assert form.sections["name"].error_text.text() == "That is longer than we can take."


class _Spanish(QTranslator):
    WORDS: ClassVar[dict[str, str]] = {
        "Please enter your name.": "Escriba su nombre, por favor.",
        "Your name": "Su nombre",
        "Send request": "Enviar solicitud",
        "Groin": "Ingle",
        "{0}, your left side": "{0}, su lado izquierdo",
    }

    def isEmpty(self) -> bool:  # an empty translator is not installed at all
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context in ("RequestFormScreen", "BodyMap"):
            return self.WORDS.get(source, "")
        return ""


def test_spanish_after_language_change(form: RequestFormScreen) -> None:
    form.show_errors({"name": FieldError.REQUIRED})
    translator = _Spanish()
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        QApplication.processEvents()
        assert form.sections["name"].error_text.text() == "Escriba su nombre, por favor."
        assert form.sections["name"].heading.text() == "Su nombre"
        assert form.send_button.text() == "Enviar solicitud"
        assert form.body_map.buttons["groin-left"].accessibleName() == "Ingle, su lado izquierdo"
    finally:
        app.removeTranslator(translator)
    QApplication.processEvents()
    assert form.send_button.text() == "Send request"


def test_clear_leaves_no_trace(form: RequestFormScreen) -> None:
    _fill(form)
    _touch(form, form.name_field)
    tap(form.keyboard.special_key(SHIFT))
    form.show_errors(ALL_ERRORS)
    form.clear()
    for field in form.fields.values():
        assert field.text() == ""
        assert not field.isUndoAvailable()
        assert not field.isRedoAvailable()
        assert not field.isModified()
        assert not field.hasSelectedText()
        field.undo()
        assert field.text() == ""
    assert form.form_input() == FormInput()
    assert form.body_map.selected() == ()
    assert not form.consent_button.isChecked()
    assert form.errors == {}
    assert all(not s.error_row.isVisibleTo(form) for s in form.sections.values())
    assert not form.keyboard.isVisible()
    assert not form.keyboard.shift_on
    assert form.scroll_area.verticalScrollBar().value() == 0


def _inside_view(form: RequestFormScreen, widget: QWidget) -> bool:
    viewport = form.scroll_area.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("orientation", SIZES)
@pytest.mark.parametrize("field_name", ["name", "phone", "email"])
@pytest.mark.parametrize("start", ["top", "bottom"])
def test_focused_field_is_never_behind_the_keyboard(
    qtbot: QtBot, orientation: str, field_name: str, start: str
) -> None:
    window, form = _host(qtbot, SIZES[orientation])
    scroll = form.scroll_area.verticalScrollBar()
    scroll.setValue(0 if start == "top" else scroll.maximum())
    field = form.fields[field_name]
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(form.keyboard.isVisible)
    qtbot.waitUntil(lambda: _inside_view(form, field))
    QApplication.processEvents()
    assert _inside_view(form, field)
    viewport = form.scroll_area.viewport()
    field_bottom = field.mapTo(window, QPoint(0, field.height())).y()
    keyboard_top = form.keyboard.mapTo(window, QPoint(0, 0)).y()
    assert field_bottom <= keyboard_top
    assert viewport.mapTo(window, QPoint(0, viewport.height())).y() <= keyboard_top
    if folder := os.environ.get("KIOSK_SCREENSHOT_DIR"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"form-{field_name}-{start}-{orientation}.png"))
    window.close()


def test_any_text_is_shown_plainly_and_sent(qtbot: QtBot, form: RequestFormScreen) -> None:
    sent: list[object] = []
    form.submit_requested.connect(sent.append)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(), st.text(), st.text())
    def check(name: str, phone: str, email: str) -> None:
        for field, text in zip(form.fields.values(), (name, phone, email), strict=True):
            field.setText(text)
        form.show_errors(ALL_ERRORS)
        sent.clear()
        tap(form.send_button)
        assert len(sent) == 1
        data = sent[0]
        assert isinstance(data, FormInput)
        assert (data.name, data.phone, data.email) == tuple(f.text() for f in form.fields.values())
        assert data.name == name[: form.name_field.maxLength()]
        for label in form.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText
        assert all(isinstance(f, QLineEdit) for f in form.fields.values())
        form.clear()

    check()


def test_field_order_covers_every_form_field() -> None:
    assert set(FIELDS) == set(FormInput.__dataclass_fields__) - {"language"}


def test_a_choice_group_is_one_stop_and_the_arrows_choose(
    qtbot: QtBot, form: RequestFormScreen
) -> None:
    """Radio behaviour: only one button of a group is a Tab stop (the chosen one, else the
    first); Down/Right choose the next, Up/Left the previous, round the ends; Tab leaves."""
    group = form.best_time
    buttons = list(group.buttons.values())
    assert group.accessibleName() == "Best time to call you"
    assert [b.focusPolicy() for b in buttons] == [Qt.FocusPolicy.TabFocus] + [
        Qt.FocusPolicy.NoFocus
    ] * 3
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    assert group.value() == ""  # reaching the group chooses nothing
    QTest.keyClick(buttons[0], Qt.Key.Key_Right)
    assert group.value() == "afternoon" and buttons[1].hasFocus()
    QTest.keyClick(buttons[1], Qt.Key.Key_Down)
    assert group.value() == "evening" and buttons[2].hasFocus()
    QTest.keyClick(buttons[2], Qt.Key.Key_Left)
    QTest.keyClick(buttons[1], Qt.Key.Key_Up)
    QTest.keyClick(buttons[0], Qt.Key.Key_Up)  # round to the last
    assert group.value() == "any" and buttons[3].hasFocus()
    assert [b.focusPolicy() for b in buttons] == [Qt.FocusPolicy.NoFocus] * 3 + [
        Qt.FocusPolicy.TabFocus
    ]
    QTest.keyClick(buttons[3], Qt.Key.Key_Tab)
    assert form.location.buttons["Downtown"].hasFocus()  # the next question
    QTest.keyClick(form.location.buttons["Downtown"], Qt.Key.Key_Enter)
    assert form.location.value() == "Downtown"
    QTest.keyClick(form.location.buttons["Downtown"], Qt.Key.Key_Backtab)
    assert buttons[3].hasFocus()  # back to the chosen one


def test_tab_goes_through_the_form_in_reading_order(qtbot: QtBot, form: RequestFormScreen) -> None:
    """From the window, Tab reaches every control once, top to bottom, and each comes into
    view in the form's scroll area as it takes the focus."""
    expected = [
        *form.fields.values(),
        form.best_time.buttons["morning"],
        form.location.buttons["Downtown"],
        *form.body_map.buttons.values(),
        form.duration.buttons["under-6-weeks"],
        form.consent_button,
        form.send_button,
        form.cancel_button,
        *[b for b in form.display_controls.buttons if b.isVisible()],
    ]
    reached = []
    for _ in expected:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None and widget is not focused
        reached.append(widget)
        if form.scroll_area.viewport().isAncestorOf(widget):

            def shown(shown_widget: QWidget = widget) -> bool:
                return _inside_view(form, shown_widget)

            qtbot.waitUntil(shown)
    assert reached == expected


def test_a_screen_reader_finds_radio_groups_named_by_their_question(
    form: RequestFormScreen,
) -> None:
    group = QAccessible.queryAccessibleInterface(form.duration)
    assert group is not None
    assert group.role() == QAccessible.Role.Grouping
    assert group.text(QAccessible.Text.Name) == "How long has it hurt?"
    form.duration.choose("over-3-months")
    for key, button in form.duration.buttons.items():
        choice = QAccessible.queryAccessibleInterface(button)
        assert choice is not None
        assert choice.role() == QAccessible.Role.RadioButton
        assert choice.text(QAccessible.Text.Name) == button.accessibleName() != ""
        assert choice.state().checkable and choice.state().checked == (key == "over-3-months")
    short = QAccessible.queryAccessibleInterface(form.duration.buttons["under-6-weeks"])
    assert short is not None
    actions = short.actionInterface()
    assert actions is not None
    assert QAccessibleActionInterface.pressAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.pressAction())
    assert form.duration.value() == "under-6-weeks"
    consent = QAccessible.queryAccessibleInterface(form.consent_button)
    assert consent is not None and consent.role() != QAccessible.Role.RadioButton
