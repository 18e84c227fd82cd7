"""Icons drawn from the icon fonts that qtawesome ships, without importing qtawesome.

Importing :mod:`qtawesome` pulls QtOpenGL and QtOpenGLWidgets in through ``qtpy`` and loads
every bundled icon font: about 45 MB of memory for a kiosk that shows a dozen icons. Here each
font file is read only when one of its icons is first needed, with :class:`QRawFont` (which
draws exactly that file, whatever other fonts share its family name), and the glyph's outline
is scaled to fill the requested square.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPixmap, QRawFont

from kiosk.content.icons import default_catalog

log = logging.getLogger(__name__)

FALLBACK_ICON = "mdi6.help-circle-outline"
TILE_FILL = 0.84
"""Share of the square a glyph fills, leaving the breathing room icon fonts usually have."""
BUTTON_FILL = 0.7
"""Next to a button's text the glyph needs more room: Qt leaves only 4 px between them."""
_DESIGN_SIZE = 256.0
"""Pixel size the outlines are read at; they are scaled from there, so any size is sharp."""


@cache
def _raw_font(path: Path) -> QRawFont | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        log.warning("cannot read icon font %s: %s", path, error)
        return None
    font = QRawFont(data, _DESIGN_SIZE)
    return font if font.isValid() else None


@cache
def _outline(name: str) -> QPainterPath | None:
    found = default_catalog().glyph(name)
    if found is None:
        return None
    path, codepoint = found
    font = _raw_font(path)
    if font is None:
        return None
    glyphs = font.glyphIndexesForString(chr(codepoint))
    if not glyphs or glyphs[0] == 0:
        return None
    outline = font.pathForGlyph(glyphs[0])
    return outline if not outline.isEmpty() else None


def icon_pixmap(
    name: str,
    size: int,
    colour: str,
    device_pixel_ratio: float = 1.0,
    fill: float = TILE_FILL,
) -> QPixmap:
    """The icon as a ``size`` x ``size`` (logical) pixmap; an unknown name draws a fallback."""
    outline = _outline(name) or _outline(FALLBACK_ICON)
    pixels = max(1, round(size * device_pixel_ratio))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    if outline is not None:
        bounds = outline.boundingRect()
        scale = pixels * fill / max(bounds.width(), bounds.height(), 1.0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(QPointF(pixels / 2, pixels / 2))
        painter.scale(scale, scale)
        painter.translate(-bounds.center())
        painter.fillPath(outline, QColor(colour))
        painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def make_icon(name: str, size: int, colour: str, device_pixel_ratio: float = 1.0) -> QIcon:
    """A QIcon for buttons, rendered once at the size the button shows it."""
    icon = QIcon()
    icon.addPixmap(icon_pixmap(name, size, colour, device_pixel_ratio, BUTTON_FILL))
    return icon
