"""The seated reach band: which rows of the screen a patient in a wheelchair can reach."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.reach import REACH_HIGH_MM, ReachBand, picture_height_mm, reach_band


def test_default_portrait_27_inch_leaves_the_top_fifth_out_of_reach() -> None:
    band = reach_band(1080, 1920, mount_height_mm=750, screen_height_mm=0)
    assert picture_height_mm(1080, 1920, 0) == pytest.approx(598, abs=1)
    # 750 mm + 598 mm = 1348 mm at the top edge: 128 mm of it is above 1220 mm.
    assert band.top == pytest.approx(1920 * 128 / 598, abs=2)
    assert band.bottom == 1920  # the bottom edge is 750 mm up, above the 380 mm low reach
    assert not band.whole_screen


def test_a_landscape_screen_at_the_same_height_is_all_within_reach() -> None:
    assert reach_band(1920, 1080, mount_height_mm=750, screen_height_mm=0).whole_screen
    assert reach_band(1366, 768, mount_height_mm=750, screen_height_mm=0).whole_screen


def test_a_low_screen_loses_its_bottom_rows() -> None:
    band = reach_band(1080, 1920, mount_height_mm=200, screen_height_mm=700)
    assert band.top == 0
    assert band.bottom == round(1920 * (900 - 380) / 700) or band.bottom == pytest.approx(
        1920 * 520 / 700, abs=1
    )


def test_settings_that_put_the_whole_screen_out_of_reach_fall_back_to_the_whole_screen() -> None:
    band = reach_band(1080, 1920, mount_height_mm=2000, screen_height_mm=600)
    assert band == ReachBand(0, 1920, 1920)


@given(
    st.integers(1, 8000),
    st.integers(1, 8000),
    st.integers(0, 2500),
    st.integers(0, 3000),
)
def test_the_band_is_always_a_real_part_of_the_screen(
    width: int, height: int, mount: int, screen_mm: int
) -> None:
    band = reach_band(width, height, mount_height_mm=mount, screen_height_mm=screen_mm)
    assert 0 <= band.top < band.bottom <= height == band.height
    assert band.bottom - band.top >= height // 4
    if not band.whole_screen and band.top > 0:
        mm_per_px = picture_height_mm(width, height, screen_mm) / height
        top_row_mm = mount + (height - band.top) * mm_per_px
        assert top_row_mm <= REACH_HIGH_MM + mm_per_px
