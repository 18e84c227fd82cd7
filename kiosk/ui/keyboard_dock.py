"""Keeps the focused field of a scrolling form in view above the on-screen keyboard, and
raises the keyboard for it (the keyboard itself is :mod:`kiosk.ui.keyboard`).

The keyboard by keys, for a patient with a keypad and no letters (the keys' meanings are
:data:`kiosk.ui.keys.KEY_MAP`'s): in a text field, Down goes into the on-screen keyboard; there
the arrows move a highlight over the keys, Enter (Select) types the highlighted key, and Back
(Esc), Up from the top row or Enter on "Hide" come back out to the field. Tab and a physical
keyboard's letters, Space and Backspace work throughout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QScrollArea, QWidget

from kiosk.ui.keyboard import HIDE, OnScreenKeyboard
from kiosk.ui.keys import Action, action_for

HIGHLIGHT_MOVES = {
    Action.LEFT: (0, -1),
    Action.RIGHT: (0, 1),
    Action.UP: (-1, 0),
    Action.DOWN: (1, 0),
}
"""In the on-screen keyboard, how each arrow moves the highlight (rows, keys)."""
TYPED_KEYS = frozenset({Qt.Key.Key_Space, Qt.Key.Key_Backspace})
"""Keys the key map gives a meaning (press, back) that a physical keyboard types with: in a text
field they always type (a space, a deletion), also while the highlight is on the keys."""


class KeyboardDock(QObject):
    """Raises ``keyboard`` for the focused field and keeps that field in view above it.

    ``scroll_area`` holds the fields; when a field gains focus, or the visible area shrinks
    because the keyboard came up (or the screen turned), the area scrolls so the field (and
    the widget ``context`` returns for it, such as its heading, when that fits) is in view.
    """

    def __init__(
        self,
        keyboard: OnScreenKeyboard,
        scroll_area: QScrollArea,
        fields: Sequence[QLineEdit],
        *,
        phone: QLineEdit | None = None,
        context: Callable[[QLineEdit], QWidget | None] | None = None,
        margin: int = 24,
    ) -> None:
        super().__init__(keyboard)
        self._keyboard, self._area, self._fields = keyboard, scroll_area, tuple(fields)
        self._phone, self._context, self._margin = phone, context, margin
        self._viewport = scroll_area.viewport()
        for field in self._fields:
            field.installEventFilter(self)
        self._viewport.installEventFilter(self)
        keyboard.hide_requested.connect(self.leave)

    def focused(self) -> QLineEdit | None:
        return next((field for field in self._fields if field.hasFocus()), None)

    def leave(self) -> None:
        """Take focus off the text fields; the keyboard goes down."""
        field = self.focused()
        if field is not None:
            field.clearFocus()
        self._keyboard.hide()
        self._keyboard.show_for(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(watched, QLineEdit) and watched in self._fields:
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self._key(event)
            if kind == QEvent.Type.FocusIn:
                self._keyboard.show_for(watched, phone=watched is self._phone)
                self._keyboard.show()
                self.reveal(watched)
                QTimer.singleShot(0, self, self._reveal_focused)
            elif kind == QEvent.Type.FocusOut:
                self._keyboard.stop_highlight()
                QTimer.singleShot(0, self, self._sync)
        elif kind == QEvent.Type.Resize and watched is self._viewport:
            QTimer.singleShot(0, self, self._reveal_focused)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        """A key pressed in a field: True when it was the on-screen keyboard's (eaten)."""
        keyboard, key = self._keyboard, event.key()
        action = None if key in TYPED_KEYS else action_for(key)
        if keyboard.highlighted is None:
            if action is Action.DOWN and keyboard.isVisible():
                keyboard.start_highlight()
                return True
            return False
        if action is Action.BACK:
            keyboard.stop_highlight()
        elif action is Action.PRESS:
            if keyboard.highlighted is keyboard.special_key(HIDE):
                keyboard.stop_highlight()  # by keys, Hide goes back to the field
            else:
                keyboard.press_highlighted()
        elif action in HIGHLIGHT_MOVES:
            if not keyboard.move_highlight(*HIGHLIGHT_MOVES[action]):
                keyboard.stop_highlight()  # up from the top row: back in the field
        else:
            return False  # a physical keyboard types on
        return True

    def _sync(self) -> None:
        if self.focused() is None:
            self._keyboard.hide()
            self._keyboard.show_for(None)

    def _reveal_focused(self) -> None:
        field = self.focused()
        if field is not None:
            self.reveal(field)

    def reveal(self, field: QLineEdit) -> None:
        """Scroll the least distance that brings ``field`` (and its context, if it fits) in view."""
        around = self._context(field) if self._context is not None else None
        scroll_into_view(self._area, field, around, self._margin)


def scroll_into_view(
    area: QScrollArea, widget: QWidget, around: QWidget | None, margin: int
) -> None:
    """Scroll ``area`` the least distance that brings ``widget`` in view, with ``around`` (its
    question, its section) too where both fit."""
    content = area.widget()
    if content is None:
        return
    scroll = area.verticalScrollBar()
    view = area.viewport().height()
    top = widget.mapTo(content, QPoint(0, 0)).y() - margin
    bottom = top + widget.height() + 2 * margin
    if around is not None:
        around_top = around.mapTo(content, QPoint(0, 0)).y() - margin
        if bottom - around_top <= view:
            top = around_top
    value = scroll.value()
    if bottom > value + view:
        value = bottom - view
    if top < value:
        value = top
    scroll.setValue(value)
