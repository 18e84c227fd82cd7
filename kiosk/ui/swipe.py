"""One-finger horizontal swipe detection (Qt's QSwipeGesture needs three fingers).

The detector watches the touch events that reach the top-level window, before any widget or
gesture recogniser (kinetic scrolling, buttons) can consume them, and reports a swipe only when
the finger started inside the watched area, moved far enough, mostly sideways and briskly.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QPointF, Signal
from PySide6.QtGui import QTouchEvent, QWindow
from PySide6.QtWidgets import QWidget

MIN_DISTANCE_PX = 120.0
"""Shorter movements are taps or scroll jitters."""
MAX_ANGLE_DEGREES = 30.0
"""How far from horizontal the movement may be; steeper is a vertical scroll."""
MIN_SPEED_PX_PER_MS = 0.25
"""A slow drag is reading or scrolling, not a page turn."""
LONG_DISTANCE_FRACTION = 0.35
"""A drag across this share of the area's width counts whatever its speed."""


def classify_swipe(dx: float, dy: float, elapsed_ms: float, area_width: float) -> int:
    """Return -1 for a swipe to the left (next page), +1 to the right (previous), 0 for none."""
    distance = math.hypot(dx, dy)
    if abs(dx) < MIN_DISTANCE_PX:
        return 0
    angle = math.degrees(math.atan2(abs(dy), abs(dx)))
    if angle > MAX_ANGLE_DEGREES:
        return 0
    speed = distance / max(elapsed_ms, 1.0)
    if speed < MIN_SPEED_PX_PER_MS and abs(dx) < area_width * LONG_DISTANCE_FRACTION:
        return 0
    return -1 if dx < 0 else 1


class SwipeDetector(QObject):
    """Install on the QApplication; emits ``swiped_left``/``swiped_right`` for the area it
    :meth:`watch` es (the window watches the page area, and a new one after each rebuild)."""

    swiped_left = Signal()
    swiped_right = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._area: QWidget | None = None
        self._start: QPointF | None = None
        self._last = QPointF()
        self._clock = QElapsedTimer()

    def watch(self, area: QWidget | None) -> None:
        self._area = area
        self._start = None

    def _inside_area(self, window_pos: QPointF) -> bool:
        if self._area is None or not self._area.isVisible():
            return False
        local = self._area.mapFrom(self._area.window(), window_pos.toPoint())
        return self._area.rect().contains(local)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(watched, QWindow) or kind not in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            return False
        assert isinstance(event, QTouchEvent)
        points = event.points()
        if kind == QEvent.Type.TouchCancel or len(points) != 1:
            self._start = None
            return False
        position = points[0].position()
        if kind == QEvent.Type.TouchBegin:
            self._start = position if self._inside_area(position) else None
            self._last = position
            self._clock.start()
        elif self._start is not None and self._area is not None:
            self._last = position
            if kind == QEvent.Type.TouchEnd:
                delta = self._last - self._start
                self._start = None
                verdict = classify_swipe(
                    delta.x(), delta.y(), float(self._clock.elapsed()), self._area.width()
                )
                if verdict < 0:
                    self.swiped_left.emit()
                elif verdict > 0:
                    self.swiped_right.emit()
        return False
