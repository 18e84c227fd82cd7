"""The kiosk's two palettes: the standard warm one and high contrast, chosen by the patient.

Every colour a screen paints comes from a :class:`Palette`; :class:`kiosk.ui.theme.Theme`
holds the one in use. Both palettes meet WCAG 2.2 AAA contrast: every pair of colours a screen
paints is declared below (:data:`TEXT_PAIRS`: at least 7:1, SC 1.4.6; :data:`NON_TEXT_PAIRS`:
borders, rings, indicators and icons, at least 3:1, SC 1.4.11) and checked for both palettes by
``tests/unit/ui/test_contrast.py``. A screen that paints a new pair adds it here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Palette:
    background: str = "#FBF7EF"
    surface: str = "#FFFFFF"
    sand: str = "#F3E3C7"
    ink: str = "#1E2B2F"
    muted_ink: str = "#3A484C"
    """Small text, also on the sand bars: 7.5:1 there (the old #4A5A5E was 5.7:1)."""
    primary: str = "#184F56"
    """Titles and button labels, on white, the page and the sand bars alike (7.3:1 on sand)."""
    primary_pressed: str = "#123D43"
    on_primary: str = "#FFFFFF"
    secondary: str = "#3E8E8A"
    """Icons and the figures' clothes only, never text (3.6:1 on the page)."""
    accent: str = "#812D12"
    """Call-to-action colour, a deep terracotta: white on it 9.1:1, and as error text 7.2:1 even
    on sand (the old #C4502B gave white text 4.6:1)."""
    accent_pressed: str = "#632210"
    on_accent: str = "#FFFFFF"
    outline: str = "#786C58"
    """Borders of tiles, fields, keys and unchosen choices: 4.1:1 even on sand (the old #C9BFA9
    was 1.7:1, too faint to show where a tile or field is)."""
    scrim: str = "#CC0F1E21"
    """ARGB overlay behind the "Are you still there?" card."""
    picture_backdrop: str = "#F3E3C7"
    """The light card a picture is drawn on (see :mod:`kiosk.ui.picture_backdrop`): pictures are
    drawn for a light background, in both palettes. The bundled ones bring this same sand."""
    focus_ring: str = "#1E2B2F"
    """The keyboard focus ring (theme: ``QPushButton:focus``): a thick double line with a gap of
    the screen's own colour between it and the control, so it shows on any fill."""


STANDARD = Palette()

HIGH_CONTRAST = replace(
    STANDARD,
    background="#000000",
    surface="#000000",
    sand="#1A1A1A",
    ink="#FFFFFF",
    muted_ink="#E6E6E6",
    primary="#FFE066",
    primary_pressed="#FFF0A8",
    on_primary="#000000",
    secondary="#9EE6E0",
    accent="#FFB38A",
    accent_pressed="#FFD2B8",
    on_accent="#000000",
    outline="#A6A6A6",
    scrim="#E6000000",
    focus_ring="#FFFFFF",
)
"""Light on dark, for less glare with low vision. ``surface`` is the background itself, so every
button, tile, field and card shows its edge by its border. Pictures keep their light card."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Two palette colours a screen paints one on the other: ``foreground`` on ``background``
    (field names of :class:`Palette`), and where."""

    foreground: str
    background: str
    where: str


TEXT_MIN = 7.0
"""WCAG 2.2 SC 1.4.6 (AAA), for all text whatever its size."""
NON_TEXT_MIN = 3.0
"""WCAG 2.2 SC 1.4.11: what identifies a control, its state or a meaningful graphic."""

TEXT_PAIRS = (
    Pair("ink", "background", "body text; page text; thank-you and idle-card sentences"),
    Pair("ink", "surface", "typed text in a field; key letters; unchosen choice and consent"),
    Pair("ink", "surface", "the word in an unchosen body-map pill; idle card body text"),
    Pair("muted_ink", "sand", "small text in a top bar (page counter, menu hint, form intro)"),
    Pair("muted_ink", "sand", 'the body map\'s "Front" and "Back" captions'),
    Pair("muted_ink", "background", "hints under form headings, privacy note, code caption"),
    Pair("muted_ink", "surface", "a tile's number and summary"),
    Pair("primary", "surface", "button labels; tile titles; the thank-you code on its card"),
    Pair("primary", "surface", "the idle card's question"),
    Pair("primary", "background", "titles and headlines; page headings; form field headings"),
    Pair("primary", "background", "keyboard special keys (shift, space, hide)"),
    Pair("primary", "sand", "titles in a top bar; a pressed button's or tile's label"),
    Pair("on_primary", "primary", "primary button; chosen choice, consent, language, contrast"),
    Pair("on_primary", "primary", "a pressed or shifted keyboard key"),
    Pair("on_primary", "primary_pressed", "a pressed primary button"),
    Pair("on_accent", "accent", "accent buttons (Touch to start, Request a visit)"),
    Pair("on_accent", "accent", "the word in a chosen body-map pill"),
    Pair("on_accent", "accent_pressed", "a pressed accent button"),
    Pair("accent", "background", "error text under a field; links in a page"),
    Pair("accent", "sand", "the form's error summary in its bottom bar"),
    Pair("background", "ink", "cleaning mode: its words on its dark screen (standard palette)"),
)

NON_TEXT_PAIRS = (
    Pair("primary", "sand", "button border and primary button on a bar; scroll bar handle"),
    Pair("primary", "background", "button border on a screen; focused field's ring outside"),
    Pair("primary", "background", "thank-you code card border; pressed tile's border"),
    Pair("primary", "background", "a chosen choice, consent or toggle against the screen"),
    Pair("primary", "surface", "icons on plain buttons and tiles; unchosen radio and checkbox"),
    Pair("primary", "surface", "focused field's ring inside; a chosen choice beside unchosen"),
    Pair("on_primary", "primary", "icons on primary buttons; chosen radio and checkbox glyphs"),
    Pair("on_accent", "accent", "icons on accent buttons; the tick in a chosen body-map area"),
    Pair("accent", "background", "accent button on a screen; error border; alert icon"),
    Pair("accent", "background", "read-aloud's frame round the part of a page being read"),
    Pair("on_accent", "accent", "the speaker on the badge of read-aloud's frame"),
    Pair("accent", "background", "dashed ring of an unchosen body-map area round its fill"),
    Pair("accent", "surface", "error border of a field, inside"),
    Pair("accent", "sand", "accent button on a bar; chosen body-map pill on the map"),
    Pair("outline", "background", "tile outline; text field, choice and consent borders"),
    Pair("outline", "surface", "the same borders against the inside of the tile or field"),
    Pair("outline", "sand", "keyboard key borders and the keyboard's top rule"),
    Pair("muted_ink", "background", "scroll bar groove border against the page"),
    Pair("muted_ink", "sand", "scroll bar groove border against the groove"),
    Pair("secondary", "background", "thank-you check badge; out-of-service coffee cup"),
    Pair("ink", "sand", "body-map figure outlines and unchosen pill borders on the map"),
    Pair("ink", "surface", "an unchosen body-map pill's border against its inside"),
    Pair("focus_ring", "background", "keyboard focus ring round a control on a screen"),
    Pair("focus_ring", "sand", "keyboard focus ring round a control on a bar"),
    Pair("focus_ring", "surface", "keyboard focus ring on a card (idle card) or inside a tile"),
)
"""Composites (a translucent colour over another, a lightened dot, the map's darker ground)
cannot be named by two fields: the test computes them (idle card on the scrim, progress dots,
the glow round a body-map area, the figures' ground)."""

EXEMPT = (
    Pair("outline", "surface", "disabled button label and border: inactive controls are exempt"),
    Pair("sand", "surface", "a pressed button's fill against its resting one: momentary feedback"),
    Pair("accent", "background", "the attract ring (halo.py): decorative, it fades to nothing"),
)
"""Pairs WCAG does not ask a ratio of (SC 1.4.3/1.4.6 and 1.4.11 exempt inactive controls and
decoration); listed so nobody mistakes them for an oversight. The button the ring surrounds
shows its own edge (accent on the background, above)."""

NO_PAIR_NEEDED = {
    "scrim": "a translucent overlay: the test composites it under the idle card",
    "picture_backdrop": "holds pictures, not UI; the test checks the artwork's lines on it",
}
"""Palette fields that are in no pair, and why."""


def field_names() -> tuple[str, ...]:
    return tuple(field.name for field in fields(Palette))


def _rgba(colour: str) -> tuple[float, float, float, float]:
    """``#RRGGBB`` or Qt's ``#AARRGGBB`` as 0..1 channels (red, green, blue, alpha)."""
    digits = colour.lstrip("#")
    alpha = int(digits[:2], 16) / 255 if len(digits) == 8 else 1.0
    red, green, blue = (int(digits[-6:][i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue, alpha


def over(top: str, bottom: str, alpha: float | None = None) -> str:
    """The opaque colour seen where ``top`` (with its own alpha, or ``alpha``) lies on
    ``bottom``: how a translucent scrim or glow is checked."""
    red, green, blue, own = _rgba(top)
    a = own if alpha is None else alpha
    under = _rgba(bottom)
    mixed = (c * a + u * (1 - a) for c, u in zip((red, green, blue), under[:3], strict=True))
    return "#" + "".join(f"{round(channel * 255):02X}" for channel in mixed)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an opaque colour: 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue, _ = _rgba(colour)
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)
