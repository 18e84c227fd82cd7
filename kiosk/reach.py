"""Which part of the screen a seated patient can reach (Qt-free).

A patient in a wheelchair reaches forward to at most 1220 mm (48 in) above the floor and down to
380 mm (15 in) (ADA 2010 Standards 308.2.1; EN 301 549 8.3.2.2 and 8.3.2.3). Where the screen's
picture starts above the floor and how tall it is (settings ``display.mount_height_mm`` and
``display.screen_height_mm``) say which rows of pixels lie inside that range: the *reach band*.
Screens put every control a patient needs inside it and use the rest (usually the top of a
portrait screen) for titles, pictures and text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

REACH_HIGH_MM = 1220
REACH_LOW_MM = 380
DEFAULT_DIAGONAL_MM = 686
"""A 27-inch screen, when its height is not configured."""


@dataclass(frozen=True, slots=True)
class ReachBand:
    """Rows ``top`` (inclusive) to ``bottom`` (exclusive) of a ``height``-pixel screen."""

    top: int
    bottom: int
    height: int

    @property
    def whole_screen(self) -> bool:
        return self.top <= 0 and self.bottom >= self.height

    def contains(self, top: int, bottom: int) -> bool:
        """True when the rows ``top``..``bottom`` (a control's extent) lie inside the band."""
        return self.top <= top and bottom <= self.bottom


def picture_height_mm(width_px: int, height_px: int, configured_mm: int) -> float:
    """The configured height, or that of a 27-inch screen with this aspect ratio."""
    if configured_mm > 0:
        return float(configured_mm)
    return DEFAULT_DIAGONAL_MM * height_px / math.hypot(width_px, height_px)


def reach_band(
    width_px: int, height_px: int, *, mount_height_mm: int, screen_height_mm: int
) -> ReachBand:
    """The band of a ``width_px`` x ``height_px`` screen whose picture's bottom edge is
    ``mount_height_mm`` above the floor. Never empty: if the whole screen is out of reach
    (a bad setting), the band is the whole screen, so the controls stay where they are."""
    if width_px <= 0 or height_px <= 0:
        return ReachBand(0, max(0, height_px), max(0, height_px))
    mm_per_px = picture_height_mm(width_px, height_px, screen_height_mm) / height_px
    # Pixel rows count down from the top edge; heights above the floor count up.
    top_edge_mm = mount_height_mm + height_px * mm_per_px
    top = math.ceil((top_edge_mm - REACH_HIGH_MM) / mm_per_px)
    bottom = math.floor((top_edge_mm - REACH_LOW_MM) / mm_per_px)
    top = min(max(top, 0), height_px)
    bottom = min(max(bottom, 0), height_px)
    if bottom - top < max(1, height_px // 4):  # out of reach or a sliver: settings are wrong
        return ReachBand(0, height_px, height_px)
    return ReachBand(top, bottom, height_px)
