"""Builders of real picture files for the picture tests: valid PNGs (any colour type,
interlaced or not), JPEGs written by Qt, SVGs, and the hostile ones built to break a check."""

from __future__ import annotations

import struct
import zlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter

from kiosk.content.picture_check import _png_data_size

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def png_chunk(kind: bytes, data: bytes, *, crc: int | None = None) -> bytes:
    """One PNG chunk (``crc``: a wrong checksum on purpose)."""
    checksum = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def real_png(
    width: int, height: int, *, colour: int = 2, depth: int = 8, interlace: int = 0
) -> bytes:
    """A complete, valid PNG whose image data inflates to exactly the size IHDR gives."""
    size = _png_data_size(width, height, depth, colour, interlace == 1)
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    palette = png_chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff") if colour == 3 else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + palette
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * size))
        + png_chunk(b"IEND", b"")
    )


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` (its data is a few bytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def qt_jpeg(width: int, height: int, *, progressive: bool = False, quality: int = 85) -> bytes:
    """A real JPEG written by Qt's jpeg plugin (needs a QGuiApplication: the ``qapp`` fixture)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#d8c7a8"))
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 2, QColor("#365f8c"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"jpeg")
    writer.setQuality(quality)
    writer.setProgressiveScanWrite(progressive)
    assert writer.write(image), writer.errorString()
    buffer.close()
    return bytes(data.data())


def svg_doc(body: str, *, attributes: str = 'width="400" height="300"') -> str:
    """An SVG document with ``body`` inside the root element."""
    return f"{SVG_HEAD} {attributes}>{body}</svg>"


def use_fan_out(levels: int = 8, per_level: int = 10) -> str:
    """The 1 KB ``<use>`` fan-out: each level draws the one below ``per_level`` times."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}"/>' for _ in range(per_level))
        defs.append(f'<g id="l{level}">{uses}</g>')
    return svg_doc(f"<defs>{''.join(defs)}</defs><use href='#l{levels}'/>")


def billion_laughs() -> str:
    """The classic entity bomb (10 entities, each 10 of the one below)."""
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">'.replace("lol0", "lol"))
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n'
        + "\n".join(entities)
        + "\n]>\n"
        + svg_doc("<text>&lol9;</text>")
    )


def deep_svg(depth: int) -> str:
    """Groups nested ``depth`` levels deep."""
    return svg_doc("<g>" * depth + "</g>" * depth)
