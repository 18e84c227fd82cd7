"""A picture that lets the screen show through gets a light card; an opaque one is untouched."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.ui.palette import HIGH_CONTRAST, contrast_ratio
from kiosk.ui.picture_backdrop import (
    ARTWORK_INK,
    INSET,
    lets_through,
    on_backdrop,
    on_backdrop_image,
)
from kiosk.ui.widgets import render_picture
from tests.paths import BUNDLED_CONTENT

BACKDROP = HIGH_CONTRAST.picture_backdrop
LINES_ONLY = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">'
    f'<circle cx="200" cy="150" r="100" fill="none" stroke="{ARTWORK_INK}" stroke-width="8"/>'
    "</svg>"
)


def test_a_transparent_drawing_sits_on_a_light_card(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "lines.svg"
    path.write_text(LINES_ONLY, encoding="utf-8")
    drawn = render_picture(path, QSize(400, 300), 2.0)
    assert lets_through(drawn.toImage())
    shown = on_backdrop(drawn, BACKDROP)
    assert shown.devicePixelRatio() == 2.0
    assert shown.size() == drawn.size()
    image = shown.toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert centre.name().upper() == BACKDROP  # inside the circle: the card, not the screen
    h = image.height()  # the circle's top line, y = 50 of 300, in the inset drawing
    ring = image.pixelColor(image.width() // 2, round(INSET * h + 50 / 300 * h * (1 - 2 * INSET)))
    assert contrast_ratio(ring.name(), BACKDROP) >= 3.0  # the line still shows on the card
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corners
    assert not lets_through(image)


def test_every_bundled_picture_is_shown_as_drawn(qtbot: QtBot) -> None:
    """They bring their own sand card: the backdrop must change nothing (not even corners)."""
    for path in sorted((BUNDLED_CONTENT / "images").glob("*.svg")):
        drawn = render_picture(path, QSize(800, 600), 1.0)
        assert not lets_through(drawn.toImage()), path.name
        assert on_backdrop(drawn, BACKDROP) is drawn, path.name


def test_opaque_images_and_no_colour_change_nothing() -> None:
    photo = QImage(40, 30, QImage.Format.Format_RGB32)
    photo.fill(QColor("#336699"))
    assert not lets_through(photo)
    assert on_backdrop_image(photo, BACKDROP) is photo
    clear = QImage(40, 30, QImage.Format.Format_ARGB32_Premultiplied)
    clear.fill(0)
    assert lets_through(clear)
    assert on_backdrop_image(clear, "") is clear
