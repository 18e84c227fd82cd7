"""Drawing content pictures (SVG, PNG, JPEG) sharp at the screen's pixel density, safely.

The file may have changed since the content was loaded (a sync tool, a staff save), so every
draw reads the bytes once and draws from them; unless that very version of the file (path,
size, modification time, inode, from the open file) passed :mod:`kiosk.content.picture_check`
before (at the load, or an earlier draw), those bytes are checked first. A picture that
fails is not drawn at all (a null pixmap: the caller shows nothing, not an empty box) and is
logged once per version of the file.

PNG and JPEG go through :class:`QImageReader` with an allocation limit; the size in the header
is compared with the limits *before* anything is decoded, and a JPEG is decoded straight at
the size it is shown (libjpeg's scaled decoding).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.content.picture_check import (
    KIND_BY_SUFFIX,
    MAX_JPEG_BYTES,
    MAX_JPEG_PIXELS,
    MAX_PNG_BYTES,
    MAX_PNG_PIXELS,
    MAX_SVG_BYTES,
    PictureFacts,
    PictureRefused,
    check_picture_bytes,
    passed_before,
    remember_passed,
    stat_key,
)

log = logging.getLogger(__name__)

ALLOCATION_LIMIT_MB = 64
"""Most memory, in MB, Qt may allocate to decode one picture: the largest PNG the check lets
through (2.4 MP) is under 10 MB decoded, a 12 MP JPEG 48 MB (less, decoded scaled); anything
bigger that slipped past the check is refused by Qt instead of decoded (Qt's default: 256 MB)."""

_READ_LIMIT = max(MAX_SVG_BYTES, MAX_PNG_BYTES, MAX_JPEG_BYTES) + 1
_refused_once: set[tuple[str, int, int]] = set()


def render_picture(path: Path, size: QSize, device_pixel_ratio: float) -> QPixmap:
    """Render an SVG, PNG or JPEG to fit ``size`` keeping its aspect ratio, sharp at the DPR.

    SVGs are drawn by QSvgRenderer at the final pixel size (never rasterised small and scaled
    up). Returns a null pixmap when the file cannot be read or fails the picture check, so a
    broken picture is just left out.
    """
    width = max(1, round(size.width() * device_pixel_ratio))
    height = max(1, round(size.height() * device_pixel_ratio))
    found = _read_checked(path)
    if found is None:
        return QPixmap()
    data, facts = found
    if facts.kind == "SVG":
        image = _draw_svg(data, width, height)
    else:
        image = _decode(path, data, facts, width, height)
    if image is None or image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def _read_checked(path: Path) -> tuple[bytes, PictureFacts] | None:
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        _refuse(path, (0, 0), f'"{path.name}" is not an .svg, .png or .jpg picture')
        return None
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            data = file.read(_READ_LIMIT)
    except OSError as error:
        _refuse(path, (0, 0), f'"{path.name}" cannot be read ({error.strerror})')
        return None
    stamp = (info.st_size, info.st_mtime_ns)
    key = stat_key(path, info)
    facts = passed_before(key) if len(data) == info.st_size else None
    if facts is None:  # changed since it was checked (or never checked): check these bytes
        try:
            facts = check_picture_bytes(data, path.name, kind)
        except PictureRefused as refused:
            _refuse(path, stamp, str(refused))
            return None
        remember_passed(key, facts)
    return data, facts


def _refuse(path: Path, stamp: tuple[int, int], reason: str) -> None:
    key = (os.fspath(path), *stamp)
    if key not in _refused_once:
        _refused_once.add(key)
        log.warning("picture not drawn: %s (%s)", reason, path)


def _draw_svg(data: bytes, width: int, height: int) -> QImage | None:
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return None
    natural = renderer.defaultSize()
    if natural.isEmpty():
        natural = QSize(width, height)
    target = natural.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio)
    if target.isEmpty():
        return None
    image = QImage(target, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, target.width(), target.height()))
    painter.end()
    return image


def _decode(path: Path, data: bytes, facts: PictureFacts, width: int, height: int) -> QImage | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, b"png" if facts.kind == "PNG" else b"jpeg")
    reader.setDecideFormatFromContent(False)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    natural = reader.size()
    limit = MAX_PNG_PIXELS if facts.kind == "PNG" else MAX_JPEG_PIXELS
    if not reader.canRead() or natural.isEmpty() or natural.width() * natural.height() > limit:
        _refuse(path, (len(data), 0), f'"{path.name}" cannot be decoded by this kiosk')
        return None
    target = natural.scaled(width, height, Qt.AspectRatioMode.KeepAspectRatio)
    if facts.kind == "JPEG" and target.width() < natural.width():
        reader.setScaledSize(target)  # decoded at (about) the shown size: much faster
    image = reader.read()
    buffer.close()
    if image.isNull():
        _refuse(path, (len(data), 0), f'"{path.name}" cannot be decoded ({reader.errorString()})')
        return None
    if image.size() != target:
        image = image.scaled(
            target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image
