"""Icons come from the qtawesome fonts without importing qtawesome (and its OpenGL baggage)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.ui.icons import icon_pixmap


def _ink(image: QImage) -> int:
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha()
    )


@pytest.mark.parametrize(
    "name", ["mdi6.bone", "fa6s.bone", "fa6.calendar", "fa6b.github", "ph.heart"]
)
def test_every_allowed_icon_set_draws(qtbot: QtBot, name: str) -> None:
    image = icon_pixmap(name, 48, "#1F5F66").toImage()
    assert (image.width(), image.height()) == (48, 48)
    assert 48 * 48 * 0.05 < _ink(image) < 48 * 48 * 0.95


def test_icon_is_drawn_in_the_requested_colour(qtbot: QtBot) -> None:
    image = icon_pixmap("mdi6.square", 32, "#C4502B").toImage()
    assert image.pixelColor(16, 16).name().upper() == "#C4502B"


def test_unknown_or_hostile_names_draw_the_fallback(qtbot: QtBot) -> None:
    fallback = icon_pixmap("mdi6.help-circle-outline", 40, "#000000").toImage()
    for name in ("mdi6.no-such-icon", "", "../../etc/passwd", "fa6s.", "x" * 500):
        assert icon_pixmap(name, 40, "#000000").toImage() == fallback


def test_sharp_at_high_pixel_density(qtbot: QtBot) -> None:
    pixmap = icon_pixmap("mdi6.bone", 40, "#000000", device_pixel_ratio=2.0)
    assert (pixmap.width(), pixmap.height()) == (80, 80)
    assert pixmap.deviceIndependentSize().width() == 40


def test_the_kiosk_never_imports_qtawesome_or_opengl() -> None:
    code = "\n".join(
        [
            "import os, sys",
            "os.environ['QT_QPA_PLATFORM'] = 'offscreen'",
            "from PySide6.QtWidgets import QApplication",
            "app = QApplication([])",
            "import kiosk.app",
            "from kiosk.ui.icons import icon_pixmap",
            "icon_pixmap('mdi6.bone', 32, '#000')",
            "heavy = ('qtawesome', 'qtpy', 'PySide6.QtOpenGL')",
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))",
        ]
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
