"""How long an SVG takes to draw, estimated from its text (no Qt).

Element counts do not bound an SVG's draw time: twenty large see-through circles with wide
strokes are a 2 KB file inside every count limit, yet take 100 ms to draw at 1920x1080 (2,000
took 3.5 s). :func:`draw_cost_ms` adds up, for every shape drawn (each ``<use>`` copy too):

- its fill: the part of the drawing's area it covers (at most all of it: the painter clips),
  times the cost of filling a whole screen, higher when see-through (blending);
- its stroke: the outline's length, in screen-diagonal units, times the cost of stroking one,
  far higher when see-through (Qt turns a translucent stroke into a filled outline first);
- a small cost per shape.

The costs per unit were measured with Qt 6.11 at 1920x1080 on the development machine (2 CPUs)
and are on the high side for curved paths, which count their bounding box and the polyline
through their control points. Patterns and markers are not counted.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

SKIPPED = frozenset(
    {
        "defs",
        "symbol",
        "clipPath",
        "mask",
        "pattern",
        "marker",
        "title",
        "desc",
        "metadata",
        "style",
        "linearGradient",
        "radialGradient",
        "filter",
    }
)
"""Elements whose content is not painted where it stands (only when referenced, or never)."""

FILL_MS = 0.6
"""Filling the whole drawing once, opaque (20 full-size circles: 5 ms)."""
FILL_SEE_THROUGH_MS = 3.0
"""Filling the whole drawing once, see-through (20 circles at fill-opacity 0.3: 20-33 ms; the
high end, as blending varies most with the machine's load)."""
STROKE_MS = 0.25
"""Stroking one screen diagonal of outline, opaque (20 circles' outlines: 10 ms at 2 or 40 px)."""
STROKE_SEE_THROUGH_MS = 1.8
"""Stroking one screen diagonal of outline, see-through (the same 20 outlines: 79 ms)."""
SHAPE_MS = 0.005
"""Each shape drawn, however small (10,000 small rectangles: 55 ms)."""

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN_RE = re.compile(r"[MmZzLlHhVvCcSsQqTtAa]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM_RE = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")
_STYLE_STROKE_WIDTH_RE = re.compile(r"stroke-width\s*:\s*([^;]+)")
_STYLE_STROKE_RE = re.compile(r"(?<![-\w])stroke\s*:\s*([^;]+)")
_STYLE_FILL_RE = re.compile(r"(?<![-\w])fill\s*:\s*([^;]+)")
_STYLE_OPACITY_RE = re.compile(r"(?<![-\w])((?:fill-|stroke-)?opacity)\s*:\s*([^;]+)")
_SEE_THROUGH_COLOUR_RE = re.compile(r"rgba|hsla|#[0-9a-f]{8}\b|#[0-9a-f]{4}\b|transparent")
_ARGUMENTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


def _local(tag: object) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rpartition("}")[2]


def _number(text: str | None, default: float = 0.0) -> float:
    if not text:
        return default
    found = _NUMBER_RE.match(text.strip())
    try:
        return abs(float(found[0])) if found else default
    except (OverflowError, ValueError):
        return default


def _viewport_area(root: Element) -> float:
    box = [float(n) for n in _NUMBER_RE.findall(root.get("viewBox") or "")[:4]]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return box[2] * box[3]
    width, height = _number(root.get("width"), 300.0), _number(root.get("height"), 150.0)
    return max(width, 1.0) * max(height, 1.0)


def _area_scale(transform: str | None) -> float:
    """How much ``transform`` multiplies areas (the determinant of its linear part)."""
    if not transform:
        return 1.0
    scale = 1.0
    for kind, arguments in _TRANSFORM_RE.findall(transform):
        values = [float(n) for n in _NUMBER_RE.findall(arguments)]
        if kind == "matrix" and len(values) >= 4:
            scale *= abs(values[0] * values[3] - values[1] * values[2])
        elif kind == "scale" and values:
            scale *= abs(values[0] * (values[1] if len(values) > 1 else values[0]))
    return scale if math.isfinite(scale) else 1e12


@dataclass(frozen=True, slots=True)
class _Paint:
    """What a shape inherits: filled, stroked, stroke width, see-through."""

    filled: bool = True
    stroked: bool = False
    width: float = 1.0
    see_through: bool = False


def _paint(element: Element, inherited: _Paint) -> _Paint:
    """The paint of ``element``: its attributes and style, else what it inherits."""
    style = element.get("style") or ""
    fill = element.get("fill")
    if found := _STYLE_FILL_RE.search(style):
        fill = found[1]
    stroke = element.get("stroke")
    if found := _STYLE_STROKE_RE.search(style):
        stroke = found[1]
    width_text = element.get("stroke-width")
    if found := _STYLE_STROKE_WIDTH_RE.search(style):
        width_text = found[1]
    see_through = inherited.see_through
    for name in ("opacity", "fill-opacity", "stroke-opacity"):
        value = element.get(name)
        if value is not None and _number(value, 1.0) < 1.0:
            see_through = True
    for _name, value in _STYLE_OPACITY_RE.findall(style):
        if _number(value, 1.0) < 1.0:
            see_through = True
    for colour in (fill, stroke):
        if colour is not None and _SEE_THROUGH_COLOUR_RE.search(colour.lower()):
            see_through = True
    return _Paint(
        filled=inherited.filled if fill is None else fill.strip().lower() != "none",
        stroked=inherited.stroked if stroke is None else stroke.strip().lower() != "none",
        width=inherited.width if width_text is None else _number(width_text, 1.0),
        see_through=see_through,
    )


def _path_points(data: str) -> Iterator[tuple[float, float]]:
    """The absolute points (ends and control points) a path's data passes through."""
    x = y = start_x = start_y = 0.0
    command = ""
    values: list[float] = []
    tokens = _PATH_TOKEN_RE.findall(data)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.isalpha():
            command = token
            index += 1
            if command in "Zz":
                x, y = start_x, start_y
                yield x, y
            continue
        upper = command.upper()
        count = _ARGUMENTS.get(upper, 0)
        if count == 0:
            index += 1
            continue
        values = []
        while len(values) < count and index < len(tokens) and not tokens[index].isalpha():
            try:
                values.append(float(tokens[index]))
            except (OverflowError, ValueError):
                values.append(0.0)
            index += 1
        if len(values) < count:
            return
        relative = command.islower()
        if upper == "H":
            x = x + values[0] if relative else values[0]
        elif upper == "V":
            y = y + values[0] if relative else values[0]
        elif upper == "A":
            x, y = (x + values[5], y + values[6]) if relative else (values[5], values[6])
            yield x + values[0], y + values[1]  # the radii widen the box
            yield x - values[0], y - values[1]
        else:
            pairs = [(values[i], values[i + 1]) for i in range(0, count, 2)]
            for px, py in pairs[:-1]:
                yield (x + px, y + py) if relative else (px, py)
            x, y = (x + pairs[-1][0], y + pairs[-1][1]) if relative else pairs[-1]
        if upper == "M":
            start_x, start_y = x, y
            command = "l" if relative else "L"  # further pairs are lines
        yield x, y


def _box_area(points: Iterable[tuple[float, float]]) -> float:
    xs: list[float] = []
    ys: list[float] = []
    for px, py in points:
        xs.append(px)
        ys.append(py)
    if not xs:
        return 0.0
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _length(points: list[tuple[float, float]], closed: bool = False) -> float:
    ends = [*points, points[0]] if closed and points else points
    return sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(ends))


def _geometry(element: Element, tag: str) -> tuple[float, float]:
    """(area inside, outline length) in the element's own units."""
    get = element.get
    if tag == "rect":
        width, height = _number(get("width")), _number(get("height"))
        return width * height, 2 * (width + height)
    if tag == "circle":
        radius = _number(get("r"))
        return math.pi * radius * radius, 2 * math.pi * radius
    if tag == "ellipse":
        rx, ry = _number(get("rx")), _number(get("ry"))
        return math.pi * rx * ry, math.pi * (rx + ry)
    if tag == "line":
        ends = [(_number(get("x1")), _number(get("y1"))), (_number(get("x2")), _number(get("y2")))]
        return 0.0, _length(ends)
    if tag in ("polyline", "polygon"):
        values = [float(n) for n in _NUMBER_RE.findall(get("points") or "")]
        pairs = list(zip(values[0::2], values[1::2], strict=False))
        return _box_area(pairs), _length(pairs, closed=tag == "polygon")
    if tag == "path":
        points = list(_path_points(get("d") or ""))
        return _box_area(points), _length(points)
    if tag == "image":
        return _number(get("width")) * _number(get("height")), 0.0
    if tag == "text":
        size = _number(get("font-size"), 16.0)
        return size * size * 0.6 * len("".join(element.itertext())), 0.0
    return 0.0, 0.0


_SHAPES = frozenset(
    {"rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "image", "text"}
)


def draw_cost_ms(root: Element, ids: dict[str, Element], limit: float) -> float:
    """The estimated draw time in ms at full screen, counted up to just past ``limit``.

    ``ids`` maps element ids to elements (for ``<use>``). The caller has bounded the number of
    elements drawn with every ``<use>`` expanded (and refused a ``<use>`` that copies itself),
    so this walk is bounded too.
    """
    viewport = _viewport_area(root)
    diagonal = math.sqrt(viewport)
    total = 0.0
    stack: list[tuple[Element, float, _Paint, int]] = [(root, 1.0, _Paint(), 0)]
    while stack:
        element, scale, inherited, depth = stack.pop()
        tag = _local(element.tag)
        if tag in SKIPPED or depth > 64:
            continue
        scale *= _area_scale(element.get("transform"))
        paint = _paint(element, inherited)
        if tag in _SHAPES:
            area, outline = _geometry(element, tag)
            total += SHAPE_MS
            if paint.filled and tag != "line":
                covered = min(1.0, area * scale / viewport)  # the painter clips to the drawing
                total += covered * (FILL_SEE_THROUGH_MS if paint.see_through else FILL_MS)
            if paint.stroked and paint.width > 0:
                length = outline * math.sqrt(scale) / diagonal
                total += length * (STROKE_SEE_THROUGH_MS if paint.see_through else STROKE_MS)
            if not math.isfinite(total) or total > limit:
                return math.inf if not math.isfinite(total) else total
        for child in element:
            stack.append((child, scale, paint, depth + 1))
        if tag == "use":
            reference = (element.get("href") or element.get(_XLINK_HREF) or "").strip()
            target = ids.get(reference[1:]) if reference.startswith("#") else None
            if target is not None:
                # A <use> of a <symbol> paints the symbol's content.
                parts = list(target) if _local(target.tag) == "symbol" else [target]
                stack.extend((part, scale, paint, depth + 1) for part in parts)
    return total
