"""How a finger becomes a scroll or a tap inside the kiosk's scroll areas.

Everything the screens share about touch lives here: kinetic (flick) scrolling for a scroll
area's viewport, the distances that separate a tap from a drag, and :class:`TapRescue` for the
taps Qt drops inside a kinetic scroll area. One-finger page-turn swipes are ``swipe.py``'s job.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QScroller, QScrollerProperties, QWidget

TAP_SLOP_PX = 24
"""A press and release further apart than this (Manhattan distance) were a drag, not a tap.

Used where the tap lands on a big target of its own: a topic tile, a body-map area."""
TEXT_TAP_SLOP_PX = 16
"""The stricter limit for a tap on page text that may follow the *nearest* link.

That tap acts on a guess (the finger missed the link), so only a finger that stayed nearly
still is trusted with it; more movement on text is the start of reading or scrolling."""


def is_tap(pressed_at: QPoint, released_at: QPoint, slop: int = TAP_SLOP_PX) -> bool:
    """True when the finger moved at most ``slop`` pixels between press and release."""
    return (released_at - pressed_at).manhattanLength() <= slop


def enable_kinetic_scrolling(viewport: QWidget) -> None:
    """Finger-driven flick scrolling with a gentle overshoot, like a phone."""
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    properties.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    properties.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootWhenScrollable,
    )
    scroller.setScrollerProperties(properties)


def is_flicking(viewport: QWidget) -> bool:
    """True while the finger drags ``viewport``'s content or it still glides after a flick."""
    state = QScroller.scroller(viewport).state()
    return state in (QScroller.State.Dragging, QScroller.State.Scrolling)


class TapRescue(QObject):
    """Turns a lone release into the tap it was, for widgets inside a kinetic scroll area.

    With QScroller's touch gesture on the viewport, Qt 6.11 drops the press of a second tap
    that comes within the double-click time, so the widget under the finger only gets the
    release: a field would not take focus, a button would not click. Install this filter on
    such widgets; a release inside a widget that never saw its press acts as the tap.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pressed: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed.add(id(watched))
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if id(watched) in self._pressed:
                self._pressed.discard(id(watched))
            elif isinstance(watched, QWidget) and watched.rect().contains(
                event.position().toPoint()
            ):
                if isinstance(watched, QLineEdit):
                    watched.setFocus(Qt.FocusReason.MouseFocusReason)
                    watched.setCursorPosition(watched.cursorPositionAt(event.position().toPoint()))
                    return True
                if isinstance(watched, QAbstractButton) and watched.isEnabled():
                    watched.click()
                    return True
        return False
