"""The kiosk's two palettes: the standard warm one and high contrast, chosen by the patient.

Every colour a screen paints comes from a :class:`Palette`; :class:`kiosk.ui.theme.Theme`
holds the one in use.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Palette:
    background: str = "#FBF7EF"
    surface: str = "#FFFFFF"
    sand: str = "#F3E3C7"
    ink: str = "#1E2B2F"
    muted_ink: str = "#4A5A5E"
    primary: str = "#1F5F66"
    primary_pressed: str = "#164A50"
    on_primary: str = "#FFFFFF"
    secondary: str = "#3E8E8A"
    accent: str = "#C4502B"
    """Call-to-action colour; dark enough for white text at WCAG AA."""
    accent_pressed: str = "#A3401F"
    on_accent: str = "#FFFFFF"
    outline: str = "#C9BFA9"
    scrim: str = "#CC0F1E21"
    """ARGB overlay behind the "Are you still there?" card."""


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
    outline="#BDBDBD",
    scrim="#E6000000",
)
"""Light on dark, for less glare with low vision (pairs: tests/unit/ui/test_contrast.py)."""
