"""Synthetic touches that travel the same path as a real finger (window-system touch events).

Used by ``kiosk self-test`` and by the end-to-end tests, so both exercise exactly what a
patient's tap or swipe does, not a shortcut through method calls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDeadlineTimer, QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

_device: QPointingDevice | None = None


def touch_device() -> QPointingDevice:
    """One registered touchscreen for the whole process (Qt keeps devices for its lifetime)."""
    global _device
    if _device is None:
        _device = QTest.createTouchDevice()
    return _device


def _window_point(widget: QWidget, point: QPoint | None) -> tuple[QWidget, QPoint]:
    QApplication.processEvents()  # pending layouts first: aim where the widget really is
    window = widget.window()
    local = point if point is not None else widget.rect().center()
    return window, widget.mapTo(window, local)


def tap(widget: QWidget, point: QPoint | None = None) -> None:
    """Press and lift one finger on ``widget`` (at its centre unless ``point`` is given)."""
    window, at = _window_point(widget, point)
    QTest.touchEvent(window, touch_device()).press(0, at, window).commit()
    QApplication.processEvents()
    QTest.touchEvent(window, touch_device()).release(0, at, window).commit()
    QApplication.processEvents()


def swipe(widget: QWidget, dx: int, dy: int = 0, steps: int = 8, step_ms: int = 8) -> None:
    """Drag one finger across ``widget`` from its centre by (dx, dy)."""
    window, start = _window_point(widget, None)
    device = touch_device()
    QTest.touchEvent(window, device).press(0, start, window).commit()
    QApplication.processEvents()
    for step in range(1, steps + 1):
        QTest.qWait(step_ms)
        at = start + QPoint(dx * step // steps, dy * step // steps)
        QTest.touchEvent(window, device).move(0, at, window).commit()
        QApplication.processEvents()
    QTest.touchEvent(window, device).release(0, start + QPoint(dx, dy), window).commit()
    QApplication.processEvents()


def wait_until(condition: Callable[[], bool], timeout_ms: int = 3000) -> bool:
    """Run the event loop until ``condition()`` holds; False if it never did in time."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QTest.qWait(5)
    return True
