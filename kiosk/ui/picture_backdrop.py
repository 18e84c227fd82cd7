"""Pictures keep a light backdrop, whatever the palette.

Page pictures are drawn for a light background (dark lines, see ``content/README.md``). The
bundled ones carry their own sand card, but a clinic's own drawing may leave its background
transparent, and on the high-contrast palette's black its dark lines would vanish. The rule:
a picture that lets the screen show through is drawn on a rounded card of
``Palette.picture_backdrop`` (a light sand in both palettes); an opaque one (a photo, or a
drawing with its own background) is shown exactly as it is. The card on black is its own
edge (well over 3:1); on the standard page it is the same sand as the bundled cards.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

ARTWORK_INK = "#2B3A3F"
"""The line colour the bundled pictures are drawn in (``content/images``): the test checks it
against the backdrop (SC 1.4.11, at least 3:1)."""
SAMPLES = 9
"""The picture is sampled on a SAMPLES x SAMPLES grid, away from its corners (a card with
rounded corners is transparent there and still opaque where it counts)."""
INSET = 0.04
"""Room between the card's edge and a transparent drawing, as a share of the shorter side."""
CORNER = 0.07
"""The card's corner radius, as a share of the shorter side (the bundled cards: 40 of 600)."""


def lets_through(image: QImage) -> bool:
    """True when some of the picture, away from its corners, is not fully opaque."""
    if image.isNull() or not image.hasAlphaChannel():
        return False
    w, h = image.width(), image.height()
    for row in range(SAMPLES):
        for column in range(SAMPLES):
            x = round((0.1 + 0.8 * column / (SAMPLES - 1)) * (w - 1))
            y = round((0.1 + 0.8 * row / (SAMPLES - 1)) * (h - 1))
            if image.pixelColor(x, y).alpha() < 255:
                return True
    return False


def on_backdrop_image(image: QImage, colour: str) -> QImage:
    """``image`` on a rounded card of ``colour`` when it lets the screen through, else as it is.

    The result has the image's size and device pixel ratio; the drawing is inset a little so
    its lines keep off the card's edge."""
    if not colour or not lets_through(image):
        return image
    card = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    card.fill(Qt.GlobalColor.transparent)
    side = min(image.width(), image.height())
    radius, inset = CORNER * side, round(INSET * side)
    painter = QPainter(card)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    bounds = QRectF(0, 0, image.width(), image.height())
    painter.drawRoundedRect(bounds, radius, radius)
    painter.drawImage(bounds.adjusted(inset, inset, -inset, -inset), image)
    painter.end()
    # Painted in device pixels, then marked: the card and the drawing match at any ratio.
    card.setDevicePixelRatio(image.devicePixelRatio())
    return card


def on_backdrop(pixmap: QPixmap, colour: str) -> QPixmap:
    """:func:`on_backdrop_image` for a pixmap (a null pixmap stays null)."""
    if pixmap.isNull() or not colour or not pixmap.hasAlphaChannel():
        return pixmap
    image = pixmap.toImage()
    shown = on_backdrop_image(image, colour)
    if shown is image:
        return pixmap
    result = QPixmap.fromImage(shown)
    result.setDevicePixelRatio(pixmap.devicePixelRatio())
    return result
