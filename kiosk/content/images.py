"""Pictures in the content folder: safe lookup, Qt-free intrinsic size, ``kiosk-image:`` URLs.

Illustrations and pictures in page text are written as a relative file name. It is looked up
first in the page's language folder, then in ``<root>/images``; the file must exist, be a
regular ``.svg``, ``.png``, ``.jpg`` or ``.jpeg`` file and stay inside the content folder (no
absolute paths, no ``..`` or symbolic-link escapes), and its bytes must pass
:mod:`kiosk.content.picture_check` (the right kind for its name, whole, within the size limits,
an SVG referring to nothing outside itself).
"""

from __future__ import annotations

import math
import os
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote, unquote

from kiosk.content.picture_check import KIND_BY_SUFFIX, PictureRefused, checked_picture

IMAGE_SUFFIXES = tuple(KIND_BY_SUFFIX)
"""Picture file types the kiosk can show (compared case-insensitively)."""

KIOSK_IMAGE_SCHEME = "kiosk-image"
"""URL scheme of pictures in rendered HTML: ``kiosk-image:<absolute posix path, %-encoded>``."""

SHARED_IMAGES_DIR = "images"
"""Name of the folder of pictures shared by all languages, directly under the content root."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG_HEAD_LIMIT = 256 * 1024
_MAX_SIDE = 100_000
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_LENGTH_RE = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


class ImageNotUsable(ValueError):
    """A picture reference that cannot be shown; ``str(error)`` is a sentence for staff."""


def _is_inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def resolve_image(value: object, *, root: Path, language_dir: Path) -> Path:
    """Find the picture ``value`` for a page of ``language_dir``; return its resolved path.

    ``root`` is the content folder (any form; it is resolved here). Raises
    :class:`ImageNotUsable` with a plain-language reason when the picture cannot be used.
    """
    if not isinstance(value, str) or not value.strip():
        raise ImageNotUsable("must be a picture file name such as hip-joint.svg")
    name = value.strip()
    if _CONTROL_RE.search(name):
        raise ImageNotUsable(f'"{_short(name)}" is not a valid file name')
    if (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or PureWindowsPath(name).drive
        or name.startswith(("\\", "~"))
    ):
        raise ImageNotUsable(
            f'"{_short(name)}" is a full path: write only the file name, '
            f"with the picture in the language folder or in {SHARED_IMAGES_DIR}/"
        )
    if not name.lower().endswith(IMAGE_SUFFIXES):
        raise ImageNotUsable(f'"{_short(name)}" is not an .svg, .png or .jpg picture')
    try:
        real_root = root.resolve()
        plain_root = Path(os.path.abspath(root))
        candidates = (language_dir / name, plain_root / SHARED_IMAGES_DIR / name)
        for candidate in candidates:
            lexical = Path(os.path.normpath(os.path.abspath(candidate)))
            if not _is_inside(lexical, plain_root):
                raise ImageNotUsable(f'"{_short(name)}" points outside the content folder')
            if not os.path.lexists(candidate):
                continue
            real = candidate.resolve()
            if not _is_inside(real, real_root):
                raise ImageNotUsable(
                    f'"{_short(name)}" is a link to a file outside the content folder: '
                    "copy the picture into the content folder instead"
                )
            if real.is_dir():
                raise ImageNotUsable(f'"{_short(name)}" is a folder, not a picture')
            if not real.is_file():
                if not real.exists():
                    raise ImageNotUsable(f'"{_short(name)}" is a broken link')
                raise ImageNotUsable(f'"{_short(name)}" is not a regular file')
            if real.suffix.lower() not in IMAGE_SUFFIXES:
                raise ImageNotUsable(f'"{_short(name)}" is not an .svg, .png or .jpg picture')
            try:
                checked_picture(real, _short(name))
            except PictureRefused as refused:
                raise ImageNotUsable(str(refused)) from None
            return real
    except (OSError, RuntimeError, ValueError) as error:
        if isinstance(error, ImageNotUsable):
            raise
        raise ImageNotUsable(f'"{_short(name)}" cannot be opened') from error
    raise ImageNotUsable(
        f'"{_short(name)}" was not found: put it in {language_dir.name}/ '
        f"or {SHARED_IMAGES_DIR}/, or correct the name"
    )


def _short(text: str, limit: int = 60) -> str:
    text = _CONTROL_RE.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def image_size(path: Path) -> tuple[int, int] | None:
    """Intrinsic ``(width, height)`` in pixels of a PNG, JPEG or SVG file, or None if unknown.

    Qt-free and never raises. PNG: read from the IHDR header. JPEG: from the frame header, for
    a file that passes :func:`~kiosk.content.picture_check.checked_picture`. SVG:
    ``width``/``height`` attributes (px, pt, pc, mm, cm, in) or the ``viewBox``; files with a
    DOCTYPE or ENTITY declaration are refused (None).
    """
    if path.suffix.lower() in (".jpg", ".jpeg"):
        try:
            facts = checked_picture(path)
        except PictureRefused:
            return None
        return _checked(float(facts.width), float(facts.height)) if facts.width else None
    try:
        with open(path, "rb") as file:
            head = file.read(_SVG_HEAD_LIMIT)
    except (OSError, ValueError):
        return None
    try:
        if head.startswith(_PNG_SIGNATURE):
            return _png_size(head)
        return _svg_size(head)
    except Exception:  # a picture must never break the kiosk
        return None


def _png_size(head: bytes) -> tuple[int, int] | None:
    if len(head) < 24 or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return _checked(float(width), float(height))


def _svg_size(head: bytes) -> tuple[int, int] | None:
    lowered = head.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered or b"\x00" in head:
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    for start in range(0, len(head), 4096):
        try:
            parser.feed(head[start : start + 4096])
        except ET.ParseError:
            return None
        for event in parser.read_events():
            element = event[1] if isinstance(event, tuple) and len(event) == 2 else None
            if not isinstance(element, ET.Element):
                return None
            if element.tag.rpartition("}")[2] != "svg":
                return None
            return _svg_root_size(element.attrib)
    return None


def _svg_root_size(attributes: dict[str, str]) -> tuple[int, int] | None:
    width = _length(attributes.get("width"))
    height = _length(attributes.get("height"))
    box = _view_box(attributes.get("viewBox"))
    if width is not None and height is not None:
        return _checked(width, height)
    if box is not None:
        box_width, box_height = box
        if width is not None:
            return _checked(width, width * box_height / box_width)
        if height is not None:
            return _checked(height * box_width / box_height, height)
        return _checked(box_width, box_height)
    return None


def _length(text: str | None) -> float | None:
    if text is None:
        return None
    match = _LENGTH_RE.fullmatch(text)
    if match is None:
        return None
    value = float(match[1]) * _UNITS[match[2] or ""]
    return value if math.isfinite(value) and value > 0 else None


def _view_box(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    parts = [part for part in re.split(r"[\s,]+", text.strip()) if part]
    if len(parts) != 4:
        return None
    try:
        width, height = float(parts[2]), float(parts[3])
    except ValueError:
        return None
    if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
        return None
    return width, height


def _checked(width: float, height: float) -> tuple[int, int] | None:
    if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
        return None
    size = (max(1, round(width)), max(1, round(height)))
    return size if max(size) <= _MAX_SIDE else None


def scaled_size(size: tuple[int, int], column_width: int) -> tuple[int, int]:
    """Shrink ``size`` to at most ``column_width`` pixels wide, keeping the aspect ratio."""
    width, height = size
    target = max(1, min(width, column_width))
    return target, max(1, round(height * target / width))


def kiosk_image_url(path: Path) -> str:
    """``kiosk-image:`` URL of an absolute file path (percent-encoded, so ``#``/``?`` are safe)."""
    posix = Path(os.path.abspath(path)).as_posix()
    if not posix.startswith("/"):
        posix = "/" + posix  # Windows: /C:/...
    return f"{KIOSK_IMAGE_SCHEME}:{quote(posix, safe='/')}"


def path_from_kiosk_image_url(url: str, *, root: Path | None = None) -> Path | None:
    """The file path of a ``kiosk-image:`` URL, or None if it is not one.

    With ``root``, also None unless the (resolved) file lies inside that folder. Accepts both
    the percent-encoded form made by :func:`kiosk_image_url` and a decoded one.
    """
    prefix = KIOSK_IMAGE_SCHEME + ":"
    if not isinstance(url, str) or not url.startswith(prefix):
        return None
    text = unquote(url[len(prefix) :])
    if not text.startswith("/") or "\x00" in text:
        return None
    if re.match(r"/[A-Za-z]:/", text):
        text = text[1:]
    path = Path(text)
    if root is not None:
        try:
            if not _is_inside(path.resolve(), root.resolve()):
                return None
        except (OSError, RuntimeError, ValueError):
            return None
    return path


class ImageResolver:
    """:func:`resolve_image` with a cache, so each distinct picture is checked only once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[Path, str], Path | ImageNotUsable] = {}

    def resolve(self, value: object, language_dir: Path) -> Path:
        """Like :func:`resolve_image`; raises :class:`ImageNotUsable`."""
        if not isinstance(value, str):
            return resolve_image(value, root=self.root, language_dir=language_dir)
        key = (language_dir, value)
        if key not in self._cache:
            try:
                self._cache[key] = resolve_image(value, root=self.root, language_dir=language_dir)
            except ImageNotUsable as error:
                self._cache[key] = error
        result = self._cache[key]
        if isinstance(result, ImageNotUsable):
            raise ImageNotUsable(str(result))
        return result
