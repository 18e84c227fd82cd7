"""Guard against Qt bindings that drop references to ``None``.

PySide6 6.12.0 on CPython 3.11 lost one reference to ``None`` on every call of a method that
returns nothing (``update()``, ``fill()``...). The attract screen's animation makes hundreds
of such calls a second, so the kiosk aborted with "Fatal Python error: none_dealloc" after
about 45 seconds. The project pins a release without the bug; these tests fail (rather than
crash much later in a waiting room) if a future pin brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT

CALLS = 3000
NOISE = 100
"""Caches may release a few references; a per-call loss shows as thousands."""


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.update()
        image.fill(0)
    assert sys.getrefcount(None) >= before - NOISE


def test_running_kiosk_keeps_none_alive(qtbot: QtBot) -> None:
    with running_kiosk(BUNDLED_CONTENT) as kiosk:
        before = sys.getrefcount(None)
        qtbot.wait(1500)  # the attract screen animates
        tap(kiosk.window.attract.start_button)
        tap(kiosk.window.menu.start_button)
        for _ in range(20):
            assert wait_until(lambda: not kiosk.window.reader.slider.animating)
            if kiosk.session.view.screen is Screen.PAGE:
                tap(kiosk.window.reader.next_button)
            else:
                tap(kiosk.window.menu.start_button)
        assert sys.getrefcount(None) >= before - NOISE
