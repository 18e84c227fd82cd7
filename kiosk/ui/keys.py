"""The kiosk by keys alone: one table from keys to what they do for the patient, and the
navigator that carries it out on every screen but the visit form.

Patients who cannot touch the screen use a USB keypad (arrows, Enter, Back, Help, volume: the
EZ Access / Storm Audio-Nav layout) or a plain keyboard. :data:`KEY_MAP` is the only place a key
gets a meaning; the README's table for IT is :func:`key_map_markdown`.

:class:`KeyNavigator` watches the window's input (a filter on its QWindow, which sees every key
before any widget does). It remembers whether the last input was a key or a touch: only a key
user gets the focus put on a screen's first control when the screen changes, and a touch takes
the focus (and its ring) off a button again, so nothing changes for touch users. Each screen
says what its keys mean (:class:`KeyScope`: the order of its controls, where the focus starts,
what Back, Home and the page keys do). The visit form does its own keys (``form_keys.py``):
there the navigator only watches.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QScrollArea, QTextBrowser, QWidget

log = logging.getLogger(__name__)


class Action(enum.Enum):
    """What a key asks for, whatever key it was."""

    NEXT_CONTROL = "next control"
    PREVIOUS_CONTROL = "previous control"
    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    PRESS = "press"
    BACK = "back"
    HOME = "home"
    NEXT_PAGE = "next page"
    PREVIOUS_PAGE = "previous page"
    HELP = "help"
    VOLUME_UP = "volume up"
    VOLUME_DOWN = "volume down"


@dataclass(frozen=True, slots=True)
class Binding:
    """Keys that do one thing: the Qt keys, the names IT reads, the action (one for all the
    keys, or one per key: the arrows) and its meaning."""

    keys: tuple[Qt.Key, ...]
    names: str
    actions: tuple[Action, ...]
    meaning: str

    def action_of(self, key: Qt.Key) -> Action:
        return self.actions[self.keys.index(key) if len(self.actions) > 1 else 0]


K = Qt.Key
KEY_MAP: tuple[Binding, ...] = (
    Binding((K.Key_Tab,), "Tab", (Action.NEXT_CONTROL,), "Next control on the screen"),
    Binding((K.Key_Backtab,), "Shift+Tab", (Action.PREVIOUS_CONTROL,), "Previous control"),
    Binding(
        (K.Key_Up, K.Key_Down, K.Key_Left, K.Key_Right),
        "Up, Down, Left, Right arrows",
        (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT),
        "The nearest control that way (the topic tiles are a grid); at the edge, the next or "
        "previous control",
    ),
    Binding(
        (K.Key_Return, K.Key_Enter, K.Key_Space, K.Key_Select),
        "Enter, Return, Space, Select",
        (Action.PRESS,),
        "Press the control with the focus ring (with none yet: show the ring on the first)",
    ),
    Binding(
        (K.Key_Back, K.Key_Escape, K.Key_Backspace),
        "Back (keypad), Esc, Backspace",
        (Action.BACK,),
        "Go back: previous page in a topic (from the first page, the topics); on the form, "
        'Cancel; on the thank-you screen, Done; on "Are you still there?", I\'m still here. '
        "Nothing on the start screen and the topics (the topics are home). Esc never closes "
        "the kiosk",
    ),
    Binding((K.Key_Home,), "Home", (Action.HOME,), "From a topic page: back to all topics"),
    Binding(
        (K.Key_PageDown,),
        "Page Down",
        (Action.NEXT_PAGE,),
        "Next page in a topic (after the last: the topics); in the topics, scroll down",
    ),
    Binding(
        (K.Key_PageUp,),
        "Page Up",
        (Action.PREVIOUS_PAGE,),
        "Previous page in a topic (not past the first); in the topics, scroll up",
    ),
    Binding(
        (K.Key_Help, K.Key_F1),
        "Help (keypad), F1",
        (Action.HELP,),
        "Listen: read this screen aloud and turn read-aloud on for the visit (then each "
        "control is said as the focus reaches it); again while reading: stop",
    ),
    Binding(
        (K.Key_VolumeUp, K.Key_Plus),
        "Volume up (keypad), + (not on the form)",
        (Action.VOLUME_UP,),
        "Read-aloud louder",
    ),
    Binding(
        (K.Key_VolumeDown, K.Key_Minus),
        "Volume down (keypad), - (not on the form)",
        (Action.VOLUME_DOWN,),
        "Read-aloud softer",
    ),
)
"""Every key the kiosk gives a meaning, in the order the README lists them. Letters and digits
only type, in the form's text fields."""

_ACTIONS = {key: binding.action_of(key) for binding in KEY_MAP for key in binding.keys}


def action_for(key: int) -> Action | None:
    """The action of ``key`` (a ``Qt.Key`` value; Shift+Tab arrives as ``Key_Backtab``)."""
    try:
        return _ACTIONS.get(Qt.Key(key))
    except ValueError:
        return None


def key_map_markdown() -> str:
    """The key map as the Markdown table the README carries for IT."""
    lines = ["| Keys | What they do |", "| --- | --- |"]
    lines += [f"| {binding.names} | {binding.meaning}. |" for binding in KEY_MAP]
    return "\n".join(lines) + "\n"


class KeyScope(Protocol):
    """A screen (or the idle card) as the navigator sees it."""

    def focus_order(self) -> list[QWidget]:
        """Its controls that can take the focus now, in reading order."""

    def first_focus(self) -> QWidget | None:
        """Where the focus goes when it shows to a key user."""

    def key_action(self, action: Action) -> bool:
        """Carry out ``action`` if the screen gives it a meaning of its own."""


def can_take_focus(widget: QWidget, scope: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.isVisibleTo(scope)
        and not widget.size().isEmpty()
    )


def focusable(scope: QWidget) -> list[QWidget]:
    """The controls under ``scope`` that keys can reach, in Qt's focus chain."""
    found: list[QWidget] = []
    widget = scope.nextInFocusChain()
    while widget is not None and widget is not scope and widget not in found:
        if scope.isAncestorOf(widget) and can_take_focus(widget, scope):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def box(widget: QWidget) -> QRect:
    """The widget's rectangle in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def reading_order(widgets: Sequence[QWidget]) -> list[QWidget]:
    """Rows top to bottom, each left to right: a widget joins a row when its middle lies
    within the height of the row's first widget."""
    rows: list[list[QWidget]] = []
    for widget in sorted(widgets, key=lambda w: (box(w).center().y(), box(w).x())):
        middle = box(widget).center().y()
        if rows and box(rows[-1][0]).top() <= middle <= box(rows[-1][0]).bottom():
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [widget for row in rows for widget in sorted(row, key=lambda w: box(w).x())]


def nearest(current: QWidget, candidates: Sequence[QWidget], action: Action) -> QWidget | None:
    """The candidate nearest ``current`` in the arrow's direction, preferring one in line with
    it (same row for Left/Right, same column for Up/Down); None when nothing lies that way."""
    here = box(current)
    best: tuple[int, int, int] | None = None
    chosen: QWidget | None = None
    for widget in candidates:
        if widget is current:
            continue
        there = box(widget)
        dx = there.center().x() - here.center().x()
        dy = there.center().y() - here.center().y()
        if action in (Action.LEFT, Action.RIGHT):
            ahead, across = (dx if action is Action.RIGHT else -dx), abs(dy)
            in_line = there.top() <= here.bottom() and here.top() <= there.bottom()
        else:
            ahead, across = (dy if action is Action.DOWN else -dy), abs(dx)
            in_line = there.left() <= here.right() and here.left() <= there.right()
        if ahead <= 0:
            continue
        score = (0 if in_line else 1, ahead + 2 * across, across)
        if best is None or score < best:
            best, chosen = score, widget
    return chosen


def focus_on(widget: QWidget, *, forward: bool = True) -> None:
    """Give ``widget`` the keyboard focus (its ring shows) and scroll it into view."""
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    widget.setFocus(reason)
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 0, 0)
        parent = parent.parentWidget()


POINTER_PRESSES = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress}
)
_QT_OWN = frozenset({Action.NEXT_CONTROL, Action.PREVIOUS_CONTROL, Action.PRESS})
SPEECH_ACTIONS = frozenset({Action.HELP, Action.VOLUME_UP, Action.VOLUME_DOWN})
"""Read-aloud's keys: the same on every screen, the form too (but + and - type there)."""
_TYPED = frozenset({Qt.Key.Key_Plus, Qt.Key.Key_Minus})
"""Keys a focused page text (its links) handles itself: Tab to the next link, Enter follows."""


def _modified(event: QKeyEvent) -> bool:
    """Ctrl, Alt or Meta is held (Shift and the keypad are not modifiers to a patient)."""
    plain = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    return bool(event.modifiers() & ~plain)


class KeyNavigator(QObject):
    """Carries out :data:`KEY_MAP` in ``window``. ``scope()`` is what the keys act on now:
    the idle card, the screen showing, or None where the screen does its own keys (the form)."""

    def __init__(self, window: QWidget, scope: Callable[[], tuple[QWidget, KeyScope | None]]):
        super().__init__(window)
        self._window = window
        self._scope = scope
        self.using_keys = False
        """The patient's last input was a key (not a touch, click or stylus)."""
        self._shown: QWidget | None = None
        self.speech: Callable[[Action], None] | None = None
        """Carries out read-aloud's keys (:data:`SPEECH_ACTIONS`; the window sets it)."""
        self._before_card: QWidget | None = None
        self._card_just_hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._card_just_hidden and kind in POINTER_PRESSES | {QEvent.Type.KeyPress}:
            self._card_just_hidden = False
            if kind == QEvent.Type.KeyPress:
                # Any key answers "Are you still there?" (kiosk.ui.idle sees it first and the
                # card is gone already): that key was the answer, not a press on the screen.
                self.using_keys = True
                return True
        if kind in POINTER_PRESSES:
            self.using_keys = False
            focused = self._window.focusWidget()
            if focused is not None and not isinstance(focused, QLineEdit):
                self._window.setFocus(Qt.FocusReason.MouseFocusReason)  # no ring left behind
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.using_keys = True
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        action = action_for(event.key())
        widget, scope = self._scope()
        if action in SPEECH_ACTIONS and self.speech is not None and not _modified(event):
            if scope is None and event.key() in _TYPED:
                return False  # on the form, + and - are typed (a phone number's +1)
            self.speech(action)
            return True
        if action is None or scope is None:
            return False
        focused = self._window.focusWidget()
        if isinstance(focused, QTextBrowser) and action in _QT_OWN and widget.isAncestorOf(focused):
            return False  # the page's links: Qt moves between them and follows one
        if _modified(event):
            return False  # Ctrl/Alt combinations mean nothing to a patient
        self.act(action, widget, scope)
        return True  # every mapped key is the kiosk's: none may do what Qt would by default

    def act(self, action: Action, widget: QWidget, scope: KeyScope) -> None:
        if scope.key_action(action):
            return
        order = scope.focus_order()
        focused = self._window.focusWidget()
        current = focused if focused in order else None
        if action is Action.PRESS:
            if isinstance(current, QAbstractButton):
                current.click()
            else:
                self.focus_first(scope)
        elif action in (Action.NEXT_CONTROL, Action.PREVIOUS_CONTROL):
            self._step(order, current, forward=action is Action.NEXT_CONTROL)
        elif action in (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT):
            target = nearest(current, order, action) if current is not None else None
            if target is not None:
                focus_on(target, forward=action in (Action.DOWN, Action.RIGHT))
            else:
                self._step(order, current, forward=action in (Action.DOWN, Action.RIGHT))
        else:
            log.debug("key for %s: nothing to do on this screen", action.value)

    def _step(self, order: list[QWidget], current: QWidget | None, *, forward: bool) -> None:
        if not order:
            return
        if current is None:
            focus_on(order[0] if forward else order[-1], forward=forward)
            return
        index = order.index(current) + (1 if forward else -1)
        focus_on(order[index % len(order)], forward=forward)

    def focus_first(self, scope: KeyScope) -> None:
        first = scope.first_focus()
        if first is None:
            order = scope.focus_order()
            first = order[0] if order else None
        if first is not None:
            focus_on(first)

    # --- What the window tells it ------------------------------------------------------------

    def screen_shown(self, screen: QWidget) -> None:
        """``screen`` is the one showing (again, after a page turn or a new look): a key user
        gets the focus on its first control when the screen changed or the focus was lost (on
        a page that slid away); a touch user gets no focus, hence no ring."""
        focused = self._window.focusWidget()
        lost = focused is None or focused is self._window or not focused.isVisible()
        changed = screen is not self._shown
        self._shown = screen
        if not self.using_keys:
            if focused is not None and focused is not self._window and changed:
                self._window.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if changed or lost or not screen.isAncestorOf(focused):
            widget, scope = self._scope()
            if scope is not None and widget is screen:
                self.focus_first(scope)
            else:  # a screen with keys of its own (the form): its first control in Qt's order
                controls = focusable(screen)
                if controls:
                    focus_on(controls[0])
                else:
                    self._window.setFocus(Qt.FocusReason.OtherFocusReason)

    def card_shown(self, card: QWidget, scope: KeyScope) -> None:
        """The idle card came up: a key user's focus goes to its first answer."""
        self._before_card = self._window.focusWidget()
        if self.using_keys:
            self.focus_first(scope)

    def card_hiding(self, card: QWidget) -> None:
        """The idle card is about to go: the focus goes back where it was."""
        before, self._before_card = self._before_card, None
        self._card_just_hidden = True
        focused = self._window.focusWidget()
        if focused is not None and card.isAncestorOf(focused):
            if self.using_keys and before is not None and before.isVisible():
                before.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self._window.setFocus(Qt.FocusReason.OtherFocusReason)
