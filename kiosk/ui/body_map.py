"""A tappable body outline, front and back, for "where does it hurt?".

The two figures are drawn in the style of ``content/images/where-it-hurts.svg`` (thick outlines,
teal clothes, sand ground). Four areas can be toggled: groin and outer hip on the front, low
back and buttock on the back. Each area is a round target (never under the kiosk minimum)
plus its word in a pill; either toggles it. Every area is also an invisible checkable button
with its own accessible name, so a screen reader lists the four areas and their state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from kiosk.ui.icons import icon_pixmap
from kiosk.ui.picture_backdrop import ARTWORK_INK
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue, is_tap
from kiosk.visit.model import PAIN_AREAS

CANVAS = QSize(1000, 620)
"""Design space of the drawing; the widget scales it."""
SKIN = "#E7B99A"
"""Skin tone of the kiosk's illustrations (content/images); not a UI colour, so not in Theme."""
FACE_INK = ARTWORK_INK
"""Eyes and mouth are drawn on the skin in the pictures' own dark line colour in both palettes:
the palette's ink is white in high contrast, which would vanish on the skin (1.8:1)."""
HOTSPOT_RADIUS = 46
MIN_WIDTH = 600
"""Narrowest the map gets (logical px at text step 1)."""


@dataclass(frozen=True, slots=True)
class Area:
    key: str
    centre: QPointF
    pill_side: str
    """Where the word sits next to the round target: "left", "right" or "below"."""


FRONT_X, BACK_X = 320, 700
AREAS = (
    Area("outer-hip", QPointF(FRONT_X - 70, 352), "left"),
    Area("groin", QPointF(FRONT_X + 4, 404), "below"),
    Area("low-back", QPointF(BACK_X, 296), "right"),
    Area("buttock", QPointF(BACK_X + 32, 380), "right"),
)
assert {a.key for a in AREAS} == set(PAIN_AREAS)


def _figure(cx: int, front: bool, theme: Theme) -> str:
    """SVG elements of one standing person centred on ``cx`` (coordinates as in the SVG art)."""
    p = theme.palette
    ink, shade = p.ink, theme.colour("primary").darker(150).name()
    ground = theme.colour("sand").darker(108).name()

    def x(dx: float) -> str:
        return f"{cx + dx:g}"

    def limb(points: str, width: int) -> str:
        return (
            f'<path d="{points}" fill="none" stroke="{ink}" stroke-width="{width + 10}"'
            ' stroke-linecap="round" stroke-linejoin="round"/>'
            f'<path d="{points}" fill="none" stroke="{SKIN}" stroke-width="{width}"'
            ' stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def shape(d: str, fill: str) -> str:
        return (
            f'<path d="{d}" fill="{fill}" stroke="{ink}" stroke-width="5"'
            ' stroke-linejoin="round" stroke-linecap="round"/>'
        )

    parts = [f'<ellipse cx="{cx}" cy="562" rx="110" ry="16" fill="{ground}"/>']
    for side in (-1, 1):
        parts.append(limb(f"M {x(84 * side)} 215 L {x(100 * side)} 285 L {x(112 * side)} 345", 30))
        parts.append(
            f'<ellipse cx="{x(115 * side)}" cy="362" rx="17" ry="22" fill="{SKIN}"'
            f' stroke="{ink}" stroke-width="5"/>'
        )
        parts.append(limb(f"M {x(36 * side)} 360 L {x(34 * side)} 450 L {x(30 * side)} 535", 40))
        s = side
        parts.append(
            shape(
                f"M {x(14 * s)} 536 C {x(16 * s)} 552 {x(30 * s)} 558 {x(54 * s)} 558"
                f" C {x(66 * s)} 558 {x(64 * s)} 540 {x(48 * s)} 534 Z",
                p.primary,
            )
        )
    collar = "C {a} 172 {b} 172 {c} 160" if front else "C {a} 163 {b} 163 {c} 160"
    parts += [
        f'<rect x="{x(-17)}" y="128" width="34" height="42" rx="8" fill="{SKIN}"'
        f' stroke="{ink}" stroke-width="5"/>',
        shape(
            f"M {x(-26)} 160 C {x(-52)} 164 {x(-76)} 168 {x(-88)} 184 L {x(-108)} 236"
            f" L {x(-72)} 248 C {x(-64)} 270 {x(-62)} 295 {x(-64)} 318 L {x(64)} 318"
            f" C {x(62)} 295 {x(64)} 270 {x(72)} 248 L {x(108)} 236 L {x(88)} 184"
            f" C {x(76)} 168 {x(52)} 164 {x(26)} 160 "
            + collar.format(a=x(16 if front else 10), b=x(-16 if front else -10), c=x(-26))
            + " Z",
            p.secondary,
        ),
        shape(
            f"M {x(-64)} 312 L {x(64)} 312 C {x(72)} 340 {x(70)} 370 {x(66)} 410 L {x(8)} 410"
            f" L {x(0)} 368 L {x(-8)} 410 L {x(-66)} 410 C {x(-70)} 370 {x(-72)} 340"
            f" {x(-64)} 312 Z",
            p.primary,
        ),
        f'<path d="{f"M {x(-58)} 330 L {x(58)} 330" if front else f"M {x(0)} 330 L {x(0)} 368"}"'
        f' stroke="{shade}" stroke-width="4" stroke-linecap="round"/>',
        f'<ellipse cx="{cx}" cy="92" rx="40" ry="47" fill="{SKIN}" stroke="{ink}"'
        ' stroke-width="5"/>',
    ]
    if front:
        parts += [
            shape(
                f"M {x(-41)} 92 C {x(-46)} 52 {x(-20)} 42 {x(0)} 42 C {x(22)} 42 {x(46)} 52"
                f" {x(41)} 92 C {x(34)} 78 {x(26)} 68 {x(14)} 64 C {x(-2)} 72 {x(-24)} 74"
                f" {x(-41)} 92 Z",
                ink,
            ),
            f'<circle cx="{x(-14)}" cy="96" r="4.5" fill="{FACE_INK}"/>'
            f'<circle cx="{x(14)}" cy="96" r="4.5" fill="{FACE_INK}"/>',
            f'<path d="M {x(-12)} 114 Q {x(0)} 123 {x(12)} 114" fill="none"'
            f' stroke="{FACE_INK}" stroke-width="4" stroke-linecap="round"/>',
        ]
    else:
        parts.append(
            shape(
                f"M {x(-41)} 96 C {x(-44)} 50 {x(-20)} 42 {x(0)} 42 C {x(20)} 42 {x(44)} 50"
                f" {x(41)} 96 C {x(38)} 120 {x(28)} 128 {x(18)} 132 C {x(6)} 128 {x(-6)} 128"
                f" {x(-18)} 132 C {x(-28)} 128 {x(-38)} 120 {x(-41)} 96 Z",
                ink,
            )
        )
    return "".join(parts)


def figures_svg(theme: Theme) -> bytes:
    w, h = CANVAS.width(), CANVAS.height()
    body = _figure(FRONT_X, True, theme) + _figure(BACK_X, False, theme)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"'
        f' viewBox="0 0 {w} {h}">{body}</svg>'
    ).encode()


class AreaButton(QAbstractButton):
    """The invisible, checkable, named stand-in for one area (the map paints it)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        pass


class BodyMap(QWidget):
    """Front and back figures with four toggling areas; ``changed`` after every toggle."""

    changed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._renderer = QSvgRenderer(figures_svg(theme), self)
        self._pixmap = QPixmap()
        self._pressed_at: QPoint | None = None
        self._words: dict[str, str] = {}
        self._captions = ("", "")
        # As wide as the form column allows, up to its full size; never so wide that the form
        # would be wider than a portrait screen at the largest text (then the words wrap).
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(min(theme.px(960), max(MIN_WIDTH, theme.px(480))))
        self.setMaximumWidth(theme.px(960))
        self.resize(self.sizeHint())
        self.buttons: dict[str, AreaButton] = {}
        rescue = TapRescue(self)
        for area in AREAS:
            button = AreaButton(self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.toggled.connect(self._on_toggled)
            button.installEventFilter(rescue)
            self.buttons[area.key] = button
        self.retranslate()

    # --- public API ---------------------------------------------------------------------

    def selected(self) -> tuple[str, ...]:
        """Chosen areas, in the model's order."""
        return tuple(key for key in PAIN_AREAS if self.buttons[key].isChecked())

    def set_selected(self, keys: tuple[str, ...]) -> None:
        for key, button in self.buttons.items():
            button.setChecked(key in keys)

    def clear(self) -> None:
        self.set_selected(())

    def toggle(self, key: str) -> None:
        self.buttons[key].toggle()

    def area_rect(self, key: str) -> QRectF:
        """The round target of ``key`` in widget pixels."""
        area = next(a for a in AREAS if a.key == key)
        centre, radius = self._to_widget(area.centre), self._radius()
        return QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)

    def label_rect(self, key: str) -> QRectF:
        """The pill holding the area's word, in widget pixels."""
        area = next(a for a in AREAS if a.key == key)
        pad = self._theme.px(16)
        text = self._pill_text_size(key)
        width = text.width() + 2 * pad
        height = max(text.height() + pad, self._theme.px(52))
        circle = self.area_rect(key)
        gap = self._theme.px(6)
        if area.pill_side == "left":
            rect = QRectF(
                circle.left() - gap - width, circle.center().y() - height / 2, width, height
            )
        elif area.pill_side == "right":
            rect = QRectF(circle.right() + gap, circle.center().y() - height / 2, width, height)
        else:
            rect = QRectF(circle.center().x() - width / 2, circle.bottom() + gap, width, height)
        if rect.left() < 0 or rect.right() > self.width():
            # No room beside the target (long words, large text, a narrow map): above it,
            # rather than pushed back over the target.
            rect = QRectF(
                circle.center().x() - width / 2, circle.top() - gap - height, width, height
            )
            rect.moveTop(max(0.0, rect.top()))
        rect.moveLeft(min(max(0.0, rect.left()), self.width() - rect.width()))
        return rect

    # --- geometry -----------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * CANVAS.height() / CANVAS.width())

    def sizeHint(self) -> QSize:
        width = self._theme.px(960)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self.minimumWidth()
        return QSize(width, self.heightForWidth(width))

    def _scale(self) -> float:
        return self.width() / CANVAS.width()

    def _radius(self) -> float:
        return max(self._theme.target / 2, HOTSPOT_RADIUS * self._scale())

    def _to_widget(self, point: QPointF) -> QPointF:
        return QPointF(point.x() * self._scale(), point.y() * self._scale())

    def _label_font(self) -> QFont:
        return self._theme.font(26, bold=True)

    def _pill_text_size(self, key: str) -> QSizeF:
        """The word's size in its pill: on one line, or wrapped where a long word (Spanish,
        large text, a narrow map) would take more than about half of the map's width."""
        metrics = QFontMetricsF(self._label_font())
        limit = max(self.width() * 0.42, float(self._theme.px(120)))
        bounds = metrics.boundingRect(
            QRectF(0, 0, limit, 10_000), int(Qt.TextFlag.TextWordWrap), self._words.get(key, "")
        )
        return QSizeF(math.ceil(bounds.width()), max(math.ceil(bounds.height()), metrics.height()))

    def _area_at(self, pos: QPointF) -> str | None:
        # The round targets first: a wrapped word's pill may reach over a neighbour's target.
        nearest = min(AREAS, key=lambda a: (self._to_widget(a.centre) - pos).manhattanLength())
        if self.area_rect(nearest.key).contains(pos):
            return nearest.key
        for area in AREAS:
            if self.label_rect(area.key).contains(pos):
                return area.key
        return None

    def _place_buttons(self) -> None:
        for key, button in self.buttons.items():
            button.setGeometry(self.area_rect(key).toAlignedRect())

    # --- events -------------------------------------------------------------------------

    def _on_toggled(self) -> None:
        self.update()
        self.changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._pixmap = QPixmap()
        self._place_buttons()
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed_at, self._pressed_at = self._pressed_at, None
        if pressed_at is None:  # the scroller dropped the press of a quick second tap
            pressed_at = event.position().toPoint()
        if not is_tap(pressed_at, event.position().toPoint()):
            return  # a drag (scrolling the form), not a tap
        key = self._area_at(event.position())
        if key is not None:
            self.toggle(key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._words = {
            "groin": self.tr("Groin"),
            "outer-hip": self.tr("Outer hip"),
            "buttock": self.tr("Buttock"),
            "low-back": self.tr("Low back"),
        }
        self._captions = (self.tr("Front"), self.tr("Back"))
        for key, button in self.buttons.items():
            button.setText(self._words[key])
            button.setAccessibleName(self._words[key])
        self.setAccessibleName(self.tr("Where it hurts: touch all the places that apply"))
        self.update()

    # --- painting -----------------------------------------------------------------------

    def _figures(self) -> QPixmap:
        if self._pixmap.isNull() and not self.size().isEmpty():
            ratio = self.devicePixelRatioF()
            image = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
            painter.end()
            self._pixmap = QPixmap.fromImage(image)
            self._pixmap.setDevicePixelRatio(ratio)
        return self._pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_figures(painter)
        for area in AREAS:
            self._paint_target(painter, area.key, self.buttons[area.key].isChecked())
        for area in AREAS:  # the words over every target, so no target hides a word
            self._paint_pill(painter, area.key, self.buttons[area.key].isChecked())
        painter.end()

    def _paint_figures(self, painter: QPainter) -> None:
        """The sand ground, the two figures and their "Front" and "Back" captions."""
        theme, scale = self._theme, self._scale()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour("sand"))
        painter.drawRoundedRect(QRectF(self.rect()), theme.radius * 2, theme.radius * 2)
        painter.drawPixmap(0, 0, self._figures())
        painter.setFont(theme.font(24, bold=True))
        painter.setPen(theme.colour("muted_ink"))
        caption_h = self.height() - 602 * scale
        for cx, caption in zip((FRONT_X, BACK_X), self._captions, strict=True):
            rect = QRectF((cx - 150) * scale, 582 * scale, 300 * scale, 0)
            rect.setHeight(max(caption_h, 40 * scale))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, caption)

    def _paint_target(self, painter: QPainter, key: str, on: bool) -> None:
        """One area's glowing round target, ticked when chosen."""
        theme = self._theme
        accent = theme.colour("accent")
        circle = self.area_rect(key)
        glow = QColor(accent)
        glow.setAlphaF(0.28 if on else 0.16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(glow)
        painter.drawEllipse(circle)
        inner = circle.adjusted(*(circle.width() * f for f in (0.1, 0.1, -0.1, -0.1)))
        ring = QPen(accent, theme.px(5))  # solid round a chosen area, dashed round the others
        if not on:
            ring.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(ring)
        painter.setBrush(accent if on else theme.colour("background"))
        painter.drawEllipse(inner)
        if on:
            icon_size = round(self._radius() * 1.1)
            tick = icon_pixmap(
                "mdi6.check-bold", icon_size, theme.palette.on_accent, self.devicePixelRatioF()
            )
            painter.drawPixmap(
                round(circle.center().x() - icon_size / 2),
                round(circle.center().y() - icon_size / 2),
                tick,
            )

    def _paint_pill(self, painter: QPainter, key: str, on: bool) -> None:
        """One area's word in a pill, filled when chosen."""
        theme = self._theme
        accent = theme.colour("accent")
        pill = self.label_rect(key)
        painter.setPen(QPen(accent if on else theme.colour("ink"), theme.px(3)))
        painter.setBrush(accent if on else theme.colour("surface"))
        corner = min(pill.height(), theme.px(52)) / 2
        painter.drawRoundedRect(pill, corner, corner)
        painter.setPen(theme.colour("on_accent" if on else "ink"))
        painter.setFont(self._label_font())
        painter.drawText(
            pill, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._words[key]
        )
