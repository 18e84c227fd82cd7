"""Both palettes meet WCAG 2.2 AAA contrast for every pair of colours the screens paint.

Text at least 7:1 (SC 1.4.6), borders, focus rings, state indicators and icons at least 3:1
(SC 1.4.11), in the standard palette and in high contrast. The pairs are declared next to the
palettes (``kiosk/ui/palette.py``); what cannot be named by two palette fields (a translucent
scrim or glow, a lightened dot) is composited here the way the screen paints it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from kiosk.ui import palette as palettes
from kiosk.ui.body_map import FACE_INK, SKIN
from kiosk.ui.palette import (
    EXEMPT,
    HIGH_CONTRAST,
    NO_PAIR_NEEDED,
    NON_TEXT_MIN,
    NON_TEXT_PAIRS,
    STANDARD,
    TEXT_MIN,
    TEXT_PAIRS,
    Pair,
    Palette,
    contrast_ratio,
    field_names,
    over,
    relative_luminance,
)
from kiosk.ui.picture_backdrop import ARTWORK_INK
from kiosk.ui.theme import Theme

UI = Path(palettes.__file__).parent
PALETTES = {"standard": STANDARD, "high-contrast": HIGH_CONTRAST}


def _ratio(p: Palette, pair: Pair) -> float:
    return contrast_ratio(getattr(p, pair.foreground), getattr(p, pair.background))


def _cases(pairs: tuple[Pair, ...]) -> list[object]:
    return [
        pytest.param(p, pair, id=f"{name}-{pair.foreground}-on-{pair.background}-{index}")
        for name, p in PALETTES.items()
        for index, pair in enumerate(pairs)
    ]


# --- the formula ----------------------------------------------------------------------------


def test_contrast_ratio_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#C4502B", "#FFFFFF") == pytest.approx(4.64, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0.0


def test_over_composites_like_qt() -> None:
    assert over("#80FFFFFF", "#000000").upper() == "#808080"
    assert over("#FF0000", "#0000FF", 0.25) == "#4000BF"
    # The halo and the body-map glow blend the same way in the painter.
    glow = QColor(STANDARD.accent)
    glow.setAlphaF(0.5)
    assert over(STANDARD.accent, "#FFFFFF", 0.5) == over(
        f"#{glow.alpha():02X}{STANDARD.accent[1:]}", "#FFFFFF"
    )


# --- the declared pairs ---------------------------------------------------------------------


@pytest.mark.parametrize(("p", "pair"), _cases(TEXT_PAIRS))
def test_text_is_at_least_7_to_1(p: Palette, pair: Pair) -> None:
    assert _ratio(p, pair) >= TEXT_MIN, pair.where


@pytest.mark.parametrize(("p", "pair"), _cases(NON_TEXT_PAIRS))
def test_non_text_parts_are_at_least_3_to_1(p: Palette, pair: Pair) -> None:
    assert _ratio(p, pair) >= NON_TEXT_MIN, pair.where


def test_every_palette_colour_is_in_a_pair_or_says_why_not() -> None:
    names = set(field_names())
    paired = {
        name for pair in TEXT_PAIRS + NON_TEXT_PAIRS for name in (pair.foreground, pair.background)
    }
    assert paired <= names, "a pair names a colour the palette does not have"
    assert {name for pair in EXEMPT for name in (pair.foreground, pair.background)} <= names
    assert names - paired == set(NO_PAIR_NEEDED), "pair it, or say in NO_PAIR_NEEDED why not"


def test_the_theme_switches_between_the_two_palettes() -> None:
    assert Theme().palette == STANDARD
    assert Theme().with_contrast(True).palette == HIGH_CONTRAST
    assert Theme().with_contrast(True).with_contrast(False).palette == STANDARD


# --- what two field names cannot say ---------------------------------------------------------


@pytest.mark.parametrize("p", PALETTES.values(), ids=PALETTES.keys())
def test_idle_card_stands_out_on_the_dimmed_screen(p: Palette) -> None:
    """The card's fill or its border (theme: ``#IdleCard``) shows its edge on the scrim."""
    dimmed = over(p.scrim, p.background)
    edge = max(contrast_ratio(p.surface, dimmed), contrast_ratio(p.outline, dimmed))
    assert edge >= NON_TEXT_MIN
    assert contrast_ratio(p.primary, p.surface) >= TEXT_MIN  # its title


@pytest.mark.parametrize("p", PALETTES.values(), ids=PALETTES.keys())
def test_body_map_areas_and_figures_show_on_the_map(p: Palette) -> None:
    """body_map: each area glows (accent at 16 %, chosen 28 %, over the sand); its ring and a
    chosen area's fill must show against the glow; the figures are outlined in ink on a ground
    8 % darker than sand. The skin tone is not a palette colour: the ink outline, not the skin,
    shows the figure's edge, so the skin needs no ratio of its own."""
    unchosen, chosen = over(p.accent, p.sand, 0.16), over(p.accent, p.sand, 0.28)
    assert contrast_ratio(p.accent, unchosen) >= NON_TEXT_MIN
    assert contrast_ratio(p.accent, chosen) >= NON_TEXT_MIN
    ground = QColor(p.sand).darker(108).name()
    assert contrast_ratio(p.ink, ground) >= NON_TEXT_MIN
    assert max(contrast_ratio(p.ink, SKIN), contrast_ratio(p.ink, ground)) >= NON_TEXT_MIN
    assert contrast_ratio(FACE_INK, SKIN) >= NON_TEXT_MIN  # eyes and mouth, in both palettes


@pytest.mark.parametrize("p", PALETTES.values(), ids=PALETTES.keys())
def test_pictures_keep_a_light_backdrop(p: Palette) -> None:
    assert contrast_ratio(ARTWORK_INK, p.picture_backdrop) >= NON_TEXT_MIN
    if relative_luminance(p.background) < 0.2:  # a dark page: the card shows its own edge
        assert contrast_ratio(p.picture_backdrop, p.background) >= NON_TEXT_MIN


# --- no colour from anywhere else ------------------------------------------------------------

_HEX = re.compile(r"#(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})\b")
_COLOUR_DECLARATION = re.compile(
    r"(?<![-\w])(color|background(?:-color)?|border(?:-\w+)?|selection-[\w-]+|"
    r"alternate-background-color|gridline-color|outline(?:-\w+)?)\s*:\s*([^;}]+)"
)
_ALLOWED_WORDS = {"transparent", "none", "solid", "dashed", "dotted", "double"}


@pytest.mark.parametrize("high", [False, True], ids=["standard", "high-contrast"])
@pytest.mark.parametrize("step", [1, 3])
def test_style_sheets_use_palette_colours_only(high: bool, step: int) -> None:
    theme = Theme().with_contrast(high).at_text_step(step)
    allowed = {getattr(theme.palette, name).upper() for name in field_names()}
    for sheet in (theme.stylesheet(), theme.document_css()):
        for literal in _HEX.findall(sheet):
            assert literal.upper() in allowed, f"{literal} is not a palette colour"
        assert not re.search(r"\b(rgba?|hsla?|hsv)\s*\(", sheet)
        for prop, value in _COLOUR_DECLARATION.findall(sheet):
            for token in value.split():
                ok = token.upper() in allowed or token in _ALLOWED_WORDS
                assert ok or re.fullmatch(r"\d+(px)?", token), f"{prop}: {value}"


SOURCE_EXCEPTIONS = {
    ("body_map.py", "#E7B99A"): "SKIN, the illustrations' skin tone, documented there",
    ("picture_backdrop.py", "#2B3A3F"): "ARTWORK_INK, the bundled pictures' line colour",
    ("page_browser.py", "Qt.GlobalColor.white"): "the fade's placeholder until set_cue",
    ("qr_code.py", "#FFFFFF"): "CODE_LIGHT, the QR code's own light square in both palettes",
    ("qr_code.py", "#000000"): "CODE_DARK, the QR code's dark modules (21:1 on its square)",
}


def test_screens_take_every_colour_from_the_palette() -> None:
    """No colour literal in kiosk/ui outside palette.py but the few documented ones."""
    found = set()
    for source in sorted(UI.glob("*.py")):
        if source.name == "palette.py":
            continue
        text = source.read_text(encoding="utf-8")
        for literal in _HEX.findall(text):
            found.add((source.name, literal.upper()))
        for name in re.findall(r"Qt\.GlobalColor\.(\w+)", text):
            if name != "transparent":
                found.add((source.name, f"Qt.GlobalColor.{name}"))
        assert not re.search(r"QColor\(\s*[\"'](?!#)", text), source.name
    assert found <= set(SOURCE_EXCEPTIONS), sorted(found - set(SOURCE_EXCEPTIONS))


@pytest.mark.parametrize("p", PALETTES.values(), ids=PALETTES.keys())
def test_focus_ring_shows_on_every_ground_a_control_sits_on(p: Palette) -> None:
    """The focus ring is at least 3:1 against the screen, the bars and the cards (and the gap
    of the same ground separates it from the control's fill); the theme draws it."""
    for ground in ("background", "sand", "surface"):
        assert contrast_ratio(p.focus_ring, getattr(p, ground)) >= NON_TEXT_MIN, ground
    declared = {pair.background for pair in NON_TEXT_PAIRS if pair.foreground == "focus_ring"}
    assert declared >= {"background", "sand", "surface"}
    sheet = Theme(palette=p).stylesheet()
    assert f"double {p.focus_ring}" in sheet
    assert "background-clip: padding" in sheet
