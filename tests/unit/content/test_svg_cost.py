"""svg_cost: an SVG's draw time estimated from its text, shape by shape."""

from __future__ import annotations

import math

import defusedxml.ElementTree as DefusedET
import pytest

from kiosk.content.svg_cost import (
    FILL_MS,
    FILL_SEE_THROUGH_MS,
    SHAPE_MS,
    STROKE_MS,
    STROKE_SEE_THROUGH_MS,
    draw_cost_ms,
)


def cost(body: str, view_box: str = "0 0 100 100") -> float:
    text = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{body}</svg>'
    root = DefusedET.fromstring(text)
    ids = {ident: element for element in root.iter() if (ident := element.get("id"))}
    return draw_cost_ms(root, ids, 1e9)


def test_a_fill_over_the_whole_drawing_costs_one_fill() -> None:
    assert cost('<rect width="100" height="100"/>') == pytest.approx(SHAPE_MS + FILL_MS)


def test_fills_add_up_and_each_is_clipped_to_the_drawing() -> None:
    quarter = SHAPE_MS + FILL_MS / 4
    assert cost('<rect width="50" height="50"/>' * 3) == pytest.approx(3 * quarter)
    assert cost('<rect width="10000" height="10000"/>') == pytest.approx(SHAPE_MS + FILL_MS)
    assert cost('<circle r="50"/>') == pytest.approx(SHAPE_MS + FILL_MS * math.pi / 4)
    assert cost('<circle r="50" fill="none"/>') == pytest.approx(SHAPE_MS)


def test_see_through_costs_more() -> None:
    for body in (
        '<rect width="100" height="100" fill-opacity="0.5"/>',
        '<rect width="100" height="100" style="opacity: 0.5"/>',
        '<rect width="100" height="100" fill="rgba(0, 0, 0, 0.5)"/>',
        '<g opacity="0.4"><rect width="100" height="100"/></g>',
    ):
        assert cost(body) == pytest.approx(SHAPE_MS + FILL_SEE_THROUGH_MS), body


def test_a_stroke_costs_by_its_length_in_screen_diagonals() -> None:
    diagonal = 100.0  # sqrt of the 100 x 100 drawing's area
    outline = 2 * math.pi * 20 / diagonal
    plain = cost('<circle r="20" fill="none"/>')
    stroked = cost('<circle r="20" fill="none" stroke="black" stroke-width="10"/>')
    assert stroked - plain == pytest.approx(outline * STROKE_MS)
    see_through = cost('<circle r="20" fill="none" stroke="black" stroke-opacity="0.5"/>')
    assert see_through - plain == pytest.approx(outline * STROKE_SEE_THROUGH_MS)
    # inherited from a group, and turned off by stroke="none"
    assert cost('<g stroke="black"><circle r="20" fill="none"/></g>') == pytest.approx(stroked)
    assert cost('<circle r="20" fill="none" stroke="none"/>') == pytest.approx(plain)
    assert cost('<circle r="20" fill="none" style="stroke: red"/>') == pytest.approx(stroked)


def test_transforms_scale_the_area_and_the_length() -> None:
    half = '<rect width="100" height="100" transform="scale(0.5)"/>'
    assert cost(half) == pytest.approx(SHAPE_MS + FILL_MS / 4)
    matrix = '<g transform="matrix(0.5 0 0 0.5 10 10)"><rect width="100" height="100"/></g>'
    assert cost(matrix) == pytest.approx(SHAPE_MS + FILL_MS / 4)
    tiny = '<rect width="1" height="1" transform="scale(1000)"/>'
    assert cost(tiny) == pytest.approx(SHAPE_MS + FILL_MS)  # grown past the drawing: clipped


def test_each_use_copy_counts_and_definitions_alone_cost_nothing() -> None:
    defs = '<defs><rect id="r" width="50" height="100"/></defs>'
    assert cost(defs) == 0.0
    assert cost(defs + '<use href="#r"/>' * 4) == pytest.approx(4 * (SHAPE_MS + FILL_MS / 2))
    symbol = '<symbol id="s"><rect width="100" height="100"/></symbol>'
    assert cost(symbol + '<use href="#s"/><use href="#s"/>') == pytest.approx(
        2 * (SHAPE_MS + FILL_MS)
    )


def test_a_path_counts_its_box_and_its_length_with_relative_and_absolute_commands() -> None:
    box = SHAPE_MS + FILL_MS * 50 * 20 / 10_000
    assert cost('<path d="M10 10 h50 v20 h-50 z"/>') == pytest.approx(box)
    assert cost('<path d="M10,10 L60,10 60,30 10,30Z"/>') == pytest.approx(box)
    stroked = cost('<path d="m10 10 h50 v20 h-50 z" fill="none" stroke="red"/>')
    assert stroked == pytest.approx(SHAPE_MS + 140 / 100 * STROKE_MS)
    assert cost('<path d="M"/>') == pytest.approx(SHAPE_MS)  # broken data: no raise


def test_counting_stops_just_past_the_limit() -> None:
    root = DefusedET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        + '<rect width="10" height="10"/>' * 1000
        + "</svg>"
    )
    assert 10.0 < draw_cost_ms(root, {}, 10.0) <= 10.0 + FILL_MS + SHAPE_MS


def test_absurd_numbers_do_not_break_the_count() -> None:
    assert cost('<rect width="1e999" height="1e999"/>') == pytest.approx(SHAPE_MS + FILL_MS)
    huge = '<rect width="10" height="10" stroke="red" transform="scale(1e300 1e300)"/>'
    assert cost(huge) > 1000  # over any limit, and no overflow error
