"""The look of the kiosk in one place: font, type scale, colours, spacing, touch-target sizes.

Screens never hard-code a colour: every one comes from the :class:`Palette` (the one exception,
the illustrations' skin tone, is documented in ``body_map.py``), and every pair of them a screen
paints is declared in ``palette.py`` and held to WCAG AAA by ``tests/unit/ui/test_contrast.py``.
The shared sizes (text steps, touch target, radius, margin, spacing) are defined here; a size
only one screen uses (an icon, a card's width) is written in that screen in logical pixels at
scale 1.0 and always passes through :meth:`Theme.px` or :meth:`Theme.font`. So a larger text
step or a high-contrast theme is a different :class:`Theme` value, not an edit to every screen.
The application style sheet (:meth:`Theme.stylesheet`) styles widgets by object name and
``role``/state properties.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QColor, QFont, QFontDatabase

from kiosk.resources import asset_path
from kiosk.ui.palette import HIGH_CONTRAST, STANDARD, Palette

FONT_FILES = (
    "fonts/AtkinsonHyperlegible_400Regular.ttf",
    "fonts/AtkinsonHyperlegible_400Regular_Italic.ttf",
    "fonts/AtkinsonHyperlegible_700Bold.ttf",
    "fonts/AtkinsonHyperlegible_700Bold_Italic.ttf",
)
FALLBACK_FAMILY = "Sans Serif"


def load_bundled_fonts() -> str:
    """Register the bundled fonts with Qt; returns the family to use (falls back if missing)."""
    family = ""
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(asset_path(name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and not family:
            family = families[0]
    return family or FALLBACK_FAMILY


@dataclass(frozen=True, slots=True)
class Theme:
    """Sizes are logical pixels at ``scale`` 1.0.

    :meth:`px`, :meth:`font` and :attr:`target` apply the text scale; ``radius``, ``margin``
    and ``spacing`` are used as they are, unscaled.
    """

    family: str = FALLBACK_FAMILY
    scale: float = 1.0
    palette: Palette = STANDARD
    body_px: int = 30
    small_px: int = 24
    title_px: int = 54
    headline_px: int = 84
    button_px: int = 30
    touch_target: int = 88
    """Height of every button; the minimum the kiosk allows anywhere is 72."""
    radius: int = 20
    margin: int = 40
    spacing: int = 24

    MIN_TOUCH_TARGET = 72
    TEXT_STEPS = (1.0, 1.4, 1.8)
    """The patient's "Text size" steps (scales); step 1 is the normal size."""

    def px(self, size: int) -> int:
        return max(1, round(size * self.scale))

    def scaled(self, scale: float) -> Theme:
        return replace(self, scale=scale)

    def at_text_step(self, step: int) -> Theme:
        """This theme at text step ``step`` (1 to ``len(TEXT_STEPS)``)."""
        index = min(max(step, 1), len(self.TEXT_STEPS)) - 1
        return self.scaled(self.TEXT_STEPS[index])

    def with_contrast(self, high: bool) -> Theme:
        return replace(self, palette=HIGH_CONTRAST if high else STANDARD)

    @property
    def text_step(self) -> int:
        """Which of :data:`TEXT_STEPS` this theme's scale is (1 for normal)."""
        steps = self.TEXT_STEPS
        return min(range(len(steps)), key=lambda i: abs(steps[i] - self.scale)) + 1

    @property
    def high_contrast(self) -> bool:
        return self.palette == HIGH_CONTRAST

    def font(self, size: int, *, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(self.px(size))
        font.setBold(bold)
        return font

    def colour(self, name: str) -> QColor:
        return QColor(getattr(self.palette, name))

    @property
    def target(self) -> int:
        """Touch-target height: ``touch_target`` or, with larger text, the button text's height
        plus room above and below. It grows more slowly than the text, so the larger steps
        spend the screen on words rather than on button padding."""
        return max(self.MIN_TOUCH_TARGET, self.touch_target, self.px(self.button_px) + 36)

    def stylesheet(self) -> str:
        """The application-wide Qt style sheet."""
        p = self.palette
        return f"""
        QWidget {{ font-family: "{self.family}"; color: {p.ink}; }}
        #KioskWindow, #Screen {{ background: {p.background}; }}
        QPushButton {{
            font-size: {self.px(self.button_px)}px; font-weight: bold;
            min-height: {self.target}px; min-width: {self.target}px;
            padding: 0 {self.px(28)}px; border-radius: {self.radius}px;
            background: {p.surface}; color: {p.primary}; border: 3px solid {p.primary};
        }}
        QPushButton:pressed {{ background: {p.sand}; }}
        {self.focus_ring_rules()}
        QPushButton:disabled {{ color: {p.outline}; border-color: {p.outline}; }}
        QPushButton[role="primary"] {{
            background: {p.primary}; color: {p.on_primary}; border: 3px solid {p.primary};
        }}
        QPushButton[role="primary"]:pressed {{ background: {p.primary_pressed};
            border-color: {p.primary_pressed}; }}
        QPushButton[role="accent"] {{ background: {p.accent}; color: {p.on_accent};
            border: 3px solid {p.accent}; }}
        QPushButton[role="accent"]:pressed {{ background: {p.accent_pressed};
            border-color: {p.accent_pressed}; }}
        QPushButton[role="language"]:checked {{
            background: {p.primary}; color: {p.on_primary};
        }}
        QLabel[role="title"] {{ font-size: {self.px(self.title_px)}px; font-weight: bold;
            color: {p.primary}; }}
        QLabel[role="headline"] {{ font-size: {self.px(self.headline_px)}px; font-weight: bold;
            color: {p.primary}; }}
        QLabel[role="body"] {{ font-size: {self.px(self.body_px)}px; }}
        QLabel[role="small"] {{ font-size: {self.px(self.small_px)}px; color: {p.muted_ink}; }}
        #TopBar, #NavBar {{ background: {p.sand}; }}
        #Tile {{ background: {p.surface}; border: 3px solid {p.outline};
            border-radius: {self.radius}px; }}
        #Tile[pressed="true"] {{ background: {p.sand}; border-color: {p.primary}; }}
        QLabel[role="tile"] {{ font-size: {self.px(34)}px; font-weight: bold;
            color: {p.primary}; }}
        QLineEdit {{ selection-background-color: {p.primary}; selection-color: {p.on_primary}; }}
        #IdleCard {{ border: 3px solid {p.outline}; }}
        QTextBrowser {{ background: transparent; border: none; }}
        QScrollArea {{ background: transparent; border: none; }}
        QScrollArea > QWidget > QWidget {{ background: transparent; }}
        QScrollBar:vertical {{ width: {self.px(16)}px; margin: 0; background: {p.sand};
            border: 2px solid {p.muted_ink}; border-radius: {self.px(8)}px; }}
        QScrollBar::handle:vertical {{ background: {p.primary}; border-radius: {self.px(5)}px;
            min-height: {self.px(60)}px; margin: 2px; }}
        QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
        QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
        """

    FOCUS_RING = 12
    """Width of the focus ring's double border: two 4 px lines and a 4 px gap."""

    def focus_ring_rules(self) -> str:
        """The keyboard focus ring (WCAG 2.4.7/2.4.13): the 3 px border becomes a 12 px double
        line in ``focus_ring`` and the fill draws inside it only (``background-clip: padding``),
        so a gap of the parent's colour separates ring and fill: a change of shape, not colour
        only. The padding shrinks by the extra border, so nothing moves. Buttons take focus from
        keys only (``Qt.FocusPolicy.TabFocus``), so a tap never leaves a ring. A topic tile's
        ring is its key's (``#TileKey``, menu.py), drawn round the tile's edge; the link
        chosen by keys in a page shows as selected text (on_primary on primary)."""
        p = self.palette
        padding = max(0, self.px(28) - (self.FOCUS_RING - 3))
        return f"""
        QPushButton:focus, QPushButton[role="primary"]:focus, QPushButton[role="accent"]:focus {{
            border: {self.FOCUS_RING}px double {p.focus_ring}; background-clip: padding;
            padding: 0 {padding}px;
        }}
        QPushButton#TileKey {{ background: transparent; border: 3px solid transparent;
            border-radius: {self.radius}px; }}
        QPushButton#TileKey:focus {{ border: {self.FOCUS_RING}px double {p.focus_ring}; }}
        QTextBrowser {{ selection-background-color: {p.primary};
            selection-color: {p.on_primary}; }}"""

    def document_css(self) -> str:
        """Style sheet for rendered pages (QTextBrowser's CSS subset: no h1..h6 font sizes)."""
        p = self.palette
        line = round(self.px(self.body_px) * 1.45)
        return f"""
        body {{ color: {p.ink}; }}
        p {{ font-size: {self.px(self.body_px)}px; line-height: {line}px;
            margin-top: 0px; margin-bottom: {self.px(18)}px; }}
        li {{ font-size: {self.px(self.body_px)}px; line-height: {line}px;
            margin-bottom: {self.px(8)}px; }}
        p.h1 {{ font-size: {self.px(44)}px; font-weight: bold; color: {p.primary};
            margin-top: {self.px(12)}px; }}
        p.h2 {{ font-size: {self.px(38)}px; font-weight: bold; color: {p.primary};
            margin-top: {self.px(12)}px; margin-bottom: {self.px(10)}px; }}
        p.h3 {{ font-size: {self.px(33)}px; font-weight: bold; color: {p.ink};
            margin-top: {self.px(8)}px; margin-bottom: {self.px(8)}px; }}
        a {{ color: {p.accent}; font-weight: bold; text-decoration: underline; }}
        """
