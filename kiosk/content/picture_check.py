"""Qt-free checks of picture files: what they are (by their bytes), whole, and cheap to draw.

A picture is judged by its bytes, never by its name: the first bytes say PNG, JPEG or SVG, and
a file whose bytes do not match its extension is refused (Qt would pick a decoder by the
extension and show an empty box). Then, in time bounded by the file-size limits and without
decoding a single pixel:

* PNG: every chunk is walked to ``IEND`` (length, type, CRC), ``IHDR`` must be sane, and the
  image data is inflated in bounded steps, output thrown away, stopping at the size ``IHDR``
  announces, so a truncated or damaged file is found.
* JPEG: the markers are walked to ``EOI``; the frame header (SOF) gives the size.
* SVG: parsed with defusedxml (no DTD, no entities); nothing outside the file may be
  referenced (only ``#id`` and small embedded PNG/JPEG ``data:`` pictures, checked in turn);
  element count, nesting depth, the total of shapes drawn through ``<use>`` and their estimated
  draw time (kiosk.content.svg_cost) are limited.

:func:`check_picture` raises :class:`PictureRefused` whose text is a sentence for staff that
starts with the picture's name (``"hip-joint.svg" is ...``). :func:`checked_picture` caches the
verdict by the file's size and modification time, so the UI can re-check cheaply at draw time.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as DefusedET

from kiosk.content.svg_cost import draw_cost_ms

MAX_PNG_PIXELS = 2_400_000
"""Largest PNG, in pixels: a full-screen picture (1920x1080 is 2.07 MP, 1920x1200 2.3 MP).
A PNG cannot be decoded at a smaller size, so its whole decode is part of every draw: at the
full-screen target of 100 ms a PNG of noise decoded and scaled in 50-90 ms at 4 MP on an idle
machine but 100-175 ms on a busy one, and a 12 MP one took 363 ms. Qt's own 256 MB allocation
limit (64 MP) comes far too late. Photos belong in JPEG files."""

MAX_JPEG_PIXELS = 12_000_000
"""Largest JPEG, in pixels: a phone's standard 12 MP (4000x3000) photo. JPEG is decoded
straight at a half or quarter size, so pixels cost less than bytes (see MAX_JPEG_BYTES);
24 MP took 135 ms, 40 MP 105-160 ms to draw at full screen."""

MAX_SIDE = 16_384
"""Longest side in pixels: wider than any camera's photos (a 100 MP camera is about 12,000 px
wide); a longer strip is a mistake (or a trap) and would be drawn at a tiny fraction."""

MAX_PNG_BYTES = 10 * 1024 * 1024
"""PNG files may be 10 MB at most: a full-screen PNG of pure noise (the worst case) is 9.6 MB,
drawings far less; the check reads and inflates the whole file, so this bounds its time."""

MAX_JPEG_BYTES = 4 * 1024 * 1024
"""JPEG files may be 4 MB at most: a 12 MP phone photo is 2-4 MB. Decoding cost follows the
file's bytes more than its pixels: 12 MP JPEGs of noise (the worst case) drew in 47-59 ms at
2.3 MB, 55-80 ms at 4 MB and 73-147 ms at 4.7-7.6 MB on a busy 2-CPU machine."""

MAX_SVG_BYTES = 1024 * 1024
"""SVG files may be 1 MB at most: the bundled drawings are 3-10 KB; a 40 MB SVG took Qt 9 s and
821 MB to draw. Photos belong in JPEG files, not embedded in an SVG."""

MAX_SVG_ELEMENTS = 10_000
"""Elements in one SVG: the bundled drawings have 30-75; a detailed Inkscape drawing a few
thousand. Checked while parsing, so a file of tiny elements stops early."""

MAX_SVG_DEPTH = 48
"""Nesting depth of SVG elements: drawings nest groups a few levels (under 15 even from
Inkscape); deep nesting is only a way to make the parser and the renderer recurse."""

MAX_SVG_DRAW_MS = 60.0
"""Most estimated draw time for an SVG at full screen (kiosk.content.svg_cost): element counts
do not bound draw time, what the shapes paint does. The bundled drawings estimate 3-8 ms (and
draw in 3-20 ms); 60 leaves the estimate's error room under the 100 ms draw target."""
MAX_SVG_DRAWN = 10_000
"""Elements drawn once every ``<use>`` is expanded: a 1 KB ``<use>`` fan-out (each level using
the one below 10 times) took Qt 16 s per draw; 10,000 small shapes draw in about 50 ms."""

REFUSED_SVG_ELEMENTS = frozenset(("filter",))
"""SVG elements refused outright: filter effects (blur, drop shadow) cost per pixel drawn, not
per element; 20 blurred rectangles took Qt 4 s to draw at full screen, one about 200 ms."""

MAX_EMBEDDED_BYTES = 256 * 1024
"""An embedded ``data:`` PNG or JPEG inside an SVG may be 256 KB once decoded: icons and small
textures; a real photo belongs in a JPEG file of its own."""

MAX_PNG_CHUNKS = 50_000
"""PNG chunks walked: encoders write IDAT chunks of 8-64 KB (a 20 MB file: 320-2,560 chunks);
a file of empty chunks would otherwise cost a loop step per 12 bytes."""

MAX_JPEG_SEGMENTS = 5_000
"""JPEG marker segments walked: tables, metadata and up to a few dozen progressive scans make
well under 100; restart markers inside a scan are skipped without counting."""

KIND_BY_SUFFIX = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
"""The picture types the kiosk shows, by file extension (compared case-insensitively)."""

_SUFFIX_FOR_KIND = {"SVG": ".svg", "PNG": ".png", "JPEG": ".jpg"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INFLATE_STEP = 1024 * 1024
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_URL_RE = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_JPEG_MARKER_RE = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")
_DATA_URI_RE = re.compile(r"data:image/(png|jpeg|jpg);base64,(.*)", re.IGNORECASE | re.DOTALL)
_SOF_MARKERS = frozenset((*range(0xC0, 0xC4), *range(0xC5, 0xC8), *range(0xC9, 0xCC)))
_SOF_MARKERS |= frozenset(range(0xCD, 0xD0))
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7: tuple[tuple[int, int, int, int], ...] = (
    *((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4)),
    *((0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)),
)
"""Adam7 passes: first column, first row, column step, row step."""
_OTHER_FORMATS = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "compressed (gzip or .svgz)"),
    (b"%PDF", "PDF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"BM", "BMP"),
)


class PictureRefused(ValueError):
    """A picture file the kiosk will not show; ``str(error)`` is a sentence for staff."""


@dataclass(frozen=True)
class PictureFacts:
    """What the check found: the kind by the bytes (``"PNG"``, ``"JPEG"``, ``"SVG"``) and, for
    PNG and JPEG, the size in pixels (0 for SVG, which is drawn at any size)."""

    kind: str
    width: int = 0
    height: int = 0


def check_picture(path: Path, name: str = "") -> PictureFacts:
    """Check the picture file ``path`` (``name``: how staff wrote it; default the file name).

    Raises :class:`PictureRefused` with a sentence naming the picture, never anything else.
    """
    shown = name or path.name
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        raise PictureRefused(f'"{shown}" is not an .svg, .png or .jpg picture')
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            _check_file_size(shown, kind, size)
            data = file.read(_size_limit(kind) + 1)
    except OSError as error:
        raise PictureRefused(f'"{shown}" cannot be read') from error
    return check_picture_bytes(data, shown, kind)


def check_picture_bytes(data: bytes, name: str, expected: str) -> PictureFacts:
    """Check picture bytes that should be of kind ``expected`` (see :data:`KIND_BY_SUFFIX`)."""
    _check_file_size(name, expected, len(data))
    found = sniff(data)
    if found != expected:
        raise PictureRefused(_mismatch(name, expected, found))
    try:
        if found == "PNG":
            return _check_png(data, name)
        if found == "JPEG":
            return _check_jpeg(data, name)
        return _check_svg(data, name)
    except PictureRefused:
        raise
    except Exception as error:  # a picture must never break a check: any surprise refuses it
        raise PictureRefused(f'"{name}" cannot be read as a picture: save it again') from error


def sniff(data: bytes) -> str:
    """The kind of picture ``data`` holds by its first bytes: ``"PNG"``, ``"JPEG"``, ``"SVG"``
    (text that starts like XML), another format's name, or ``""`` when unknown."""
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "HEIC"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP"
    for signature, kind in _OTHER_FORMATS:
        if data.startswith(signature):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    text = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        return "SVG"
    return ""


_StatKey = tuple[str, int, int, int]
_passed: dict[_StatKey, PictureFacts] = {}
_refused: dict[tuple[_StatKey, str], str] = {}
_cache_lock = threading.Lock()
_CACHE_SIZE = 512


def stat_key(path: Path, info: os.stat_result) -> _StatKey:
    """What identifies one version of a file for the verdict cache: path, size, mtime, inode."""
    return (os.fspath(path), info.st_size, info.st_mtime_ns, info.st_ino)


def passed_before(key: _StatKey) -> PictureFacts | None:
    """The facts of a file version that passed the check before (see :func:`stat_key`)."""
    with _cache_lock:
        return _passed.get(key)


def remember_passed(key: _StatKey, facts: PictureFacts) -> None:
    """Record that the file version ``key`` passed (a caller that checked its bytes)."""
    with _cache_lock:
        if len(_passed) >= _CACHE_SIZE:
            _passed.clear()
        _passed[key] = facts


def checked_picture(path: Path, name: str = "") -> PictureFacts:
    """:func:`check_picture`, cached by the file's path, size, modification time and inode: a
    file changed since (even replaced in place) is checked again. Raises
    :class:`PictureRefused`."""
    try:
        key = stat_key(path, os.stat(path))
    except OSError as error:
        raise PictureRefused(f'"{name or path.name}" cannot be read') from error
    known = passed_before(key)
    if known is not None:
        return known
    with _cache_lock:
        reason = _refused.get((key, name))
    if reason is not None:
        raise PictureRefused(reason)
    try:
        facts = check_picture(path, name)
    except PictureRefused as refused:
        with _cache_lock:
            if len(_refused) >= _CACHE_SIZE:
                _refused.clear()
            _refused[(key, name)] = str(refused)
        raise
    remember_passed(key, facts)
    return facts


_BYTES_LIMIT = {"SVG": MAX_SVG_BYTES, "PNG": MAX_PNG_BYTES, "JPEG": MAX_JPEG_BYTES}
_PIXELS_LIMIT = {"PNG": MAX_PNG_PIXELS, "JPEG": MAX_JPEG_PIXELS}


def _size_limit(kind: str) -> int:
    return _BYTES_LIMIT.get(kind, MAX_SVG_BYTES)


def _check_file_size(name: str, kind: str, size: int) -> None:
    limit = _size_limit(kind)
    if size > limit:
        advice = (
            "simplify the drawing, or save it as PNG or JPEG"
            if kind == "SVG"
            else "save a smaller copy (1920 pixels wide is plenty for the screen)"
        )
        raise PictureRefused(
            f'"{name}" is {_megabytes(size)}: {kind} pictures may be {_megabytes(limit)} '
            f"at most; {advice}"
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def _mismatch(name: str, expected: str, found: str) -> str:
    if found in _SUFFIX_FOR_KIND:
        stem, _, _ = name.rpartition(".")
        renamed = (stem or name) + _SUFFIX_FOR_KIND[found]
        suffix = name[len(stem) :] if stem else ""
        return (
            f'"{name}" is a {found} picture saved with the {suffix} name: rename it '
            f"{renamed} and change the page to match"
        )
    if found:
        return (
            f'"{name}" is a {found} file, which the kiosk cannot show: save it as PNG or '
            "JPEG (or SVG for a drawing) and change the page to match"
        )
    return (
        f'"{name}" is not a picture the kiosk can show (its contents are not SVG, PNG or '
        "JPEG): save it again as PNG or JPEG and change the page to match"
    )


def _damaged(name: str, what: str) -> PictureRefused:
    return PictureRefused(f'"{name}" is damaged ({what}): save or copy the picture again')


def _truncated(name: str) -> PictureRefused:
    return PictureRefused(
        f'"{name}" is cut short (the file ends before the picture does): '
        "copy or save the picture again"
    )


def _check_pixels(name: str, kind: str, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise _damaged(name, "its size is zero")
    limit = _PIXELS_LIMIT[kind]
    if width > MAX_SIDE or height > MAX_SIDE or width * height > limit:
        raise PictureRefused(
            f'"{name}" is {width} x {height} pixels: the kiosk shows {kind} pictures up to '
            f"{limit / 1_000_000:.1f} megapixels and {MAX_SIDE} pixels a side; save a smaller "
            "copy (1920 pixels wide is plenty for the screen)"
        )


# --- PNG -----------------------------------------------------------------------------------


def _png_chunks(data: bytes, name: str) -> Iterator[tuple[bytes, int, int]]:
    """Each chunk's type and data span, CRC checked; truncation and damage raise."""
    position = len(_PNG_SIGNATURE)
    for _ in range(MAX_PNG_CHUNKS):
        if position + 8 > len(data):
            raise _truncated(name)
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if length > 0x7FFFFFFF or not kind.isalpha():
            raise _damaged(name, "a part of it has a broken header")
        start = position + 8
        end = start + length
        if end + 4 > len(data):
            raise _truncated(name)
        crc = int.from_bytes(data[end : end + 4], "big")
        if zlib.crc32(data[position + 4 : end]) != crc:
            raise _damaged(name, f"the checksum of its {kind.decode('ascii')} part is wrong")
        yield kind, start, end
        if kind == b"IEND":
            return
        position = end + 4
    raise _damaged(name, f"it has more than {MAX_PNG_CHUNKS} parts")


def _png_data_size(width: int, height: int, depth: int, colour: int, interlaced: bool) -> int:
    bits = depth * _PNG_CHANNELS[colour]
    if not interlaced:
        return height * (1 + (width * bits + 7) // 8)
    total = 0
    for x0, y0, dx, dy in _ADAM7:
        columns = (width - x0 + dx - 1) // dx if width > x0 else 0
        rows = (height - y0 + dy - 1) // dy if height > y0 else 0
        if columns and rows:
            total += rows * (1 + (columns * bits + 7) // 8)
    return total


def _check_png(data: bytes, name: str) -> PictureFacts:
    chunks = _png_chunks(data, name)
    kind, start, end = next(chunks)
    if kind != b"IHDR" or end - start != 13:
        raise _damaged(name, "its header is missing")
    width = int.from_bytes(data[start : start + 4], "big")
    height = int.from_bytes(data[start + 4 : start + 8], "big")
    depth, colour, compression, filtering, interlace = data[start + 8 : start + 13]
    if depth not in _PNG_DEPTHS.get(colour, ()) or compression or filtering or interlace > 1:
        raise _damaged(name, "its header is not valid")
    _check_pixels(name, "PNG", width, height)
    expected = _png_data_size(width, height, depth, colour, interlace == 1)
    inflater = zlib.decompressobj()
    produced = 0
    seen_palette = seen_data = data_done = False
    for kind, start, end in chunks:
        if kind == b"PLTE":
            seen_palette = True
        elif kind == b"IDAT":
            if data_done:
                raise _damaged(name, "its picture data is split in two")
            seen_data = True
            pending = data[start:end]
            while pending and not inflater.eof:
                try:
                    produced += len(inflater.decompress(pending, _INFLATE_STEP))
                except zlib.error as error:
                    raise _damaged(name, "its picture data cannot be unpacked") from error
                if produced > expected:
                    raise _damaged(name, "it holds more picture data than its size")
                pending = inflater.unconsumed_tail
        elif kind == b"IEND":
            break
        elif seen_data:
            data_done = True
    if not seen_data or (colour == 3 and not seen_palette):
        raise _damaged(name, "its picture data is missing")
    if not inflater.eof or produced != expected:
        raise _truncated(name)
    return PictureFacts("PNG", width, height)


# --- JPEG ----------------------------------------------------------------------------------


def _check_jpeg(data: bytes, name: str) -> PictureFacts:
    position = 2
    width = height = 0
    scans = 0
    for _ in range(MAX_JPEG_SEGMENTS):
        if position >= len(data):
            raise _truncated(name)
        if data[position] != 0xFF:
            raise _damaged(name, "a marker is missing")
        while position + 1 < len(data) and data[position + 1] == 0xFF:
            position += 1  # fill bytes
        if position + 2 > len(data):
            raise _truncated(name)
        marker = data[position + 1]
        position += 2
        if marker == 0xD9:  # EOI
            if not scans or not width:
                raise _damaged(name, "it has no picture data")
            return PictureFacts("JPEG", width, height)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue
        if position + 2 > len(data):
            raise _truncated(name)
        length = int.from_bytes(data[position : position + 2], "big")
        if length < 2:
            raise _damaged(name, "a part of it has a broken header")
        end = position + length
        if end > len(data):
            raise _truncated(name)
        if marker in _SOF_MARKERS:
            if length < 8:
                raise _damaged(name, "its frame header is too short")
            height = int.from_bytes(data[position + 3 : position + 5], "big")
            width = int.from_bytes(data[position + 5 : position + 7], "big")
            _check_pixels(name, "JPEG", width, height)
        position = end
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next real marker
            if not width:
                raise _damaged(name, "its picture data comes before its size")
            scans += 1
            found = _JPEG_MARKER_RE.search(data, position)
            if found is None:
                raise _truncated(name)
            position = found.start()
    raise _damaged(name, f"it has more than {MAX_JPEG_SEGMENTS} parts")


# --- SVG -----------------------------------------------------------------------------------


def _local(tag: object) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rpartition("}")[2]


def _check_svg(data: bytes, name: str) -> PictureFacts:
    ids: dict[str, Element] = {}
    root: Element | None = None
    depth = count = 0
    try:
        events = DefusedET.iterparse(
            BytesIO(data), events=("start", "end"), forbid_dtd=True, forbid_entities=True
        )
        for event, element in events:
            if event == "end":
                depth -= 1
                continue
            count += 1
            depth += 1
            if root is None:
                root = element
                if element.tag not in (_SVG_NAMESPACE + "svg", "svg"):
                    raise PictureRefused(
                        f'"{name}" is not an SVG drawing (it is another kind of XML or HTML '
                        "file): export the drawing as SVG, PNG or JPEG"
                    )
            if count > MAX_SVG_ELEMENTS:
                raise PictureRefused(
                    f'"{name}" has more than {MAX_SVG_ELEMENTS:,} elements: simplify the drawing '
                    "or save it as PNG"
                )
            if depth > MAX_SVG_DEPTH:
                raise PictureRefused(
                    f'"{name}" nests its shapes more than {MAX_SVG_DEPTH} levels deep: '
                    "simplify the drawing (ungroup) or save it as PNG"
                )
            if _local(element.tag) in REFUSED_SVG_ELEMENTS:
                raise PictureRefused(
                    f'"{name}" uses a filter effect (such as a blur or a shadow), which takes '
                    "the kiosk too long to draw: remove the effect or save the drawing as PNG"
                )
            _check_references(element, name)
            ident = element.get("id")
            if ident is not None:
                ids.setdefault(ident, element)
    except defusedxml.DTDForbidden as error:
        raise PictureRefused(
            f'"{name}" has a DOCTYPE declaration, which the kiosk does not accept: '
            "save it again as plain SVG (in Inkscape: Save As, Plain SVG)"
        ) from error
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden) as error:
        raise PictureRefused(
            f'"{name}" declares XML entities, which the kiosk does not accept: '
            "save it again as plain SVG"
        ) from error
    except (ParseError, UnicodeError) as error:
        raise PictureRefused(
            f'"{name}" is not a valid SVG file ({_parse_reason(error)}): save it again'
        ) from error
    if root is None:
        raise PictureRefused(f'"{name}" is an empty SVG file: save the drawing again')
    if _drawn_count(root, ids) > MAX_SVG_DRAWN:
        raise PictureRefused(
            f'"{name}" draws more than {MAX_SVG_DRAWN:,} shapes once its <use> copies are '
            "counted (or a <use> copies itself): simplify the drawing or save it as PNG"
        )
    if draw_cost_ms(root, ids, MAX_SVG_DRAW_MS) > MAX_SVG_DRAW_MS:
        raise PictureRefused(
            f'"{name}" has too much to paint (large or see-through shapes on top of each '
            "other, long see-through outlines), which takes the kiosk too long to draw: remove "
            "hidden or overlapping shapes, make them solid, or save the drawing as PNG"
        )
    return PictureFacts("SVG")


def _parse_reason(error: Exception) -> str:
    position = getattr(error, "position", None)
    if isinstance(position, tuple) and len(position) == 2:
        return f"broken at line {position[0]}"
    return "not readable as UTF-8 XML"


def _check_references(element: Element, name: str) -> None:
    for key, value in element.attrib.items():
        local = _local(key)
        if local == "href":  # Qt matches "xlink:href" by its prefix, whatever the namespace
            _check_href(element, value, name)
        elif "url(" in value.lower():
            _check_urls(value, name)
    if _local(element.tag) == "style" and element.text:
        lowered = element.text.lower()
        if "@import" in lowered:
            raise _outside(name, "@import")
        _check_urls(element.text, name)


def _check_href(element: Element, value: str, name: str) -> None:
    target = value.strip()
    if target.startswith("#"):
        return
    data_uri = _DATA_URI_RE.fullmatch(target)
    if data_uri is not None and _local(element.tag) == "image":
        _check_embedded(data_uri[1], data_uri[2], name)
        return
    raise _outside(name, target)


def _check_urls(text: str, name: str) -> None:
    for found in _URL_RE.finditer(text):
        if not found[1].startswith("#"):
            raise _outside(name, found[1])


def _outside(name: str, target: str) -> PictureRefused:
    shown = target if len(target) <= 40 else target[:39] + "…"
    shown = re.sub(r"[\x00-\x1f\x7f]", "?", shown)
    return PictureRefused(
        f'"{name}" refers to something outside the drawing ("{shown}"): the kiosk draws only '
        "what is inside the SVG file itself; embed the picture or save the drawing as PNG"
    )


def _check_embedded(kind: str, payload: str, name: str) -> None:
    if len(payload) > MAX_EMBEDDED_BYTES * 4 // 3 + 8:
        raise PictureRefused(
            f'"{name}" embeds a picture larger than {_megabytes(MAX_EMBEDDED_BYTES)}: '
            "save the photo as a JPEG file of its own"
        )
    try:
        raw = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
    except (binascii.Error, ValueError) as error:
        raise _damaged(name, "a picture embedded in it cannot be read") from error
    expected = "PNG" if kind.lower() == "png" else "JPEG"
    try:
        check_picture_bytes(raw, "embedded picture", expected)
    except PictureRefused as refused:
        raise PictureRefused(f'"{name}" embeds a picture that cannot be shown: {refused}') from None


def _drawn_count(root: Element, ids: dict[str, Element]) -> int:
    """Elements drawn with every ``<use>`` expanded (capped just past the limit; a ``<use>``
    that copies itself, directly or not, counts as over the limit)."""
    over = MAX_SVG_DRAWN + 1
    done: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Element, bool]] = [(root, False)]

    def parts(element: Element) -> list[Element]:
        found: list[Element] = list(element)
        if _local(element.tag) == "use":
            reference = (element.get("href") or element.get(_XLINK_HREF) or "").strip()
            target = ids.get(reference[1:]) if reference.startswith("#") else None
            if target is not None:
                found.append(target)
        return found

    while stack:
        element, finished = stack.pop()
        key = id(element)
        if finished:
            total = 1
            for part in parts(element):
                total = min(over, total + done[id(part)])
            done[key] = total
            visiting.discard(key)
            if key == id(root):
                return total
            continue
        if key in done:
            continue
        if key in visiting:
            return over  # a <use> that copies itself
        visiting.add(key)
        stack.append((element, True))
        stack.extend((part, False) for part in parts(element) if id(part) not in done)
    return done.get(id(root), over)
