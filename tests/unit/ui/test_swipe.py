"""One-finger swipe classification: what counts as a page turn and what does not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.ui.swipe import MIN_DISTANCE_PX, classify_swipe


def test_brisk_horizontal_swipes_turn_pages() -> None:
    assert classify_swipe(-300, 10, 150, 1800) == -1  # to the left: next page
    assert classify_swipe(300, -10, 150, 1800) == 1  # to the right: previous page


def test_short_moves_and_taps_are_not_swipes() -> None:
    assert classify_swipe(0, 0, 80, 1800) == 0
    assert classify_swipe(MIN_DISTANCE_PX - 1, 0, 50, 1800) == 0


def test_vertical_drags_are_scrolling() -> None:
    assert classify_swipe(-150, -400, 200, 1800) == 0


def test_slow_short_drag_is_reading_but_a_long_slow_drag_counts() -> None:
    assert classify_swipe(-200, 0, 3000, 1800) == 0
    assert classify_swipe(-900, 0, 3000, 1800) == -1


@given(st.floats(-5000, 5000), st.floats(-5000, 5000), st.floats(0, 60_000), st.floats(1, 8000))
def test_classification_is_total_and_symmetric(dx: float, dy: float, ms: float, w: float) -> None:
    verdict = classify_swipe(dx, dy, ms, w)
    assert verdict in (-1, 0, 1)
    assert classify_swipe(-dx, dy, ms, w) == -verdict or dx == 0
