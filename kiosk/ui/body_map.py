"""A tappable body outline, front and back, for "where does it hurt?".

The two figures are drawn in the style of ``content/images/where-it-hurts.svg`` (thick outlines,
teal clothes, sand ground). Seven spots can be toggled, placed where a physical therapist would
point: groin and outer hip on the front and buttock on the back, each on the patient's left and
right, and the low back. Each spot is a round target (never under the kiosk minimum); each area
has its word in a pill joined to its spots by a line. Every spot is also an invisible checkable
button with its own accessible name ("Groin, your left side"), so a screen reader lists the
seven spots and their state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
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
from kiosk.ui.keys import Action, action_for
from kiosk.ui.picture_backdrop import ARTWORK_INK
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue, is_tap
from kiosk.visit.model import PAIN_AREAS, SIDES

CANVAS_WIDTH = 1000
"""Width of the drawing's design space; the widget scales it."""
FIGURE_SCALE = 1.5
"""The figures are drawn in the coordinates of ``content/images/where-it-hurts.svg`` (a figure
about 300 wide and 540 tall) and enlarged by this much, so that three round targets per side
fit on the hips without overlapping at the narrowest map (see MIN_WIDTH)."""
ART_TOP, ART_BOTTOM = 30, 580
"""The figures' drawn range in their own coordinates (top of the head, bottom of the ground)."""
FIGURES_HEIGHT = round((ART_BOTTOM - ART_TOP) * FIGURE_SCALE)
"""Height of the figures' part of the design space (the captions' bands come on top)."""
SKIN = "#E7B99A"
"""Skin tone of the kiosk's illustrations (content/images); not a UI colour, so not in Theme."""
FACE_INK = ARTWORK_INK
"""Eyes and mouth are drawn on the skin in the pictures' own dark line colour in both palettes:
the palette's ink is white in high contrast, which would vanish on the skin (1.8:1)."""
SPOT_RADIUS = 38
"""A target's radius in design units: at the narrowest map (MIN_WIDTH) it is the kiosk's least
touch target (36 px), and neighbouring targets on a hip still do not overlap."""
MIN_WIDTH = 960
"""Narrowest the map gets (logical px): narrower, the targets would have to overlap."""
FRONT_X, BACK_X = 250, 750
"""Centres of the front and back figures in design units."""


@dataclass(frozen=True, slots=True)
class Spot:
    """One round target: an area on one side (the patient's own), placed where a physical
    therapist would put a finger on it."""

    key: str
    """The model's value (kiosk.visit.model.PAIN_AREAS), e.g. ``groin-left``."""
    group: str
    """The area without its side, e.g. ``groin``: the word the spot shares with its twin."""
    side: str | None
    figure_x: int
    at: tuple[float, float]
    """Position in the figure's own coordinates: x from its midline, y as in the art."""

    @property
    def centre(self) -> QPointF:
        return _design_point(self.figure_x, self.at)


@dataclass(frozen=True, slots=True)
class Word:
    """Where an area's word sits: its pill is centred on ``at`` and grows up from it (its
    bottom edge there) or down (its top edge there), away from the targets it names."""

    group: str
    figure_x: int
    at: tuple[float, float]
    up: bool


def _design_point(figure_x: int, at: tuple[float, float]) -> QPointF:
    dx, y = at
    return QPointF(figure_x + dx * FIGURE_SCALE, (y - ART_TOP) * FIGURE_SCALE)


def _mirror(side: str, front: bool) -> int:
    """-1 where the patient's ``side`` appears on the viewer's left, else 1: a front view
    shows the patient's left on the viewer's right, a back view on the viewer's left."""
    return (1 if side == "left" else -1) * (1 if front else -1)


SPOTS = (
    # The places are those of the page picture (content/images/where-it-hurts.svg: its circle,
    # square and triangle), moved apart only as far as round targets of SPOT_RADIUS need.
    # Groin: the front crease where the thigh meets the trunk, just above the crotch, one on
    # each side (the picture's circle, at 22 from the midline and 358 down).
    *(Spot(f"groin-{s}", "groin", s, FRONT_X, (26 * _mirror(s, True), 362)) for s in SIDES),
    # Outer hip: the side of the hip just below the waist, on the outline of the shorts (the
    # picture's square, at 64 and 350).
    *(Spot(f"outer-hip-{s}", "outer-hip", s, FRONT_X, (74 * _mirror(s, True), 344)) for s in SIDES),
    # Buttock: the middle of each buttock, on the back view (the picture's triangle, 32, 366).
    *(Spot(f"buttock-{s}", "buttock", s, BACK_X, (32 * _mirror(s, False), 366)) for s in SIDES),
    # Low back: the lumbar midline, just above the pelvis (the top of the shorts).
    Spot("low-back", "low-back", None, BACK_X, (0, 298)),
)
assert {spot.key for spot in SPOTS} == set(PAIN_AREAS)
WORDS = (
    Word("outer-hip", FRONT_X, (0, 270), up=True),
    Word("groin", FRONT_X, (0, 408), up=False),
    Word("low-back", BACK_X, (0, 262), up=True),
    Word("buttock", BACK_X, (0, 410), up=False),
)
GROUPS = tuple(word.group for word in WORDS)


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
        # The arms hang a little away from the body, so the hands are clear of the targets
        # on the outer hips.
        parts.append(limb(f"M {x(84 * side)} 215 L {x(106 * side)} 285 L {x(128 * side)} 342", 30))
        parts.append(
            f'<ellipse cx="{x(132 * side)}" cy="360" rx="17" ry="22" fill="{SKIN}"'
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
    """Both figures, enlarged from the art's coordinates into the design space."""
    groups = "".join(
        f'<g transform="translate({cx} 0) scale({FIGURE_SCALE}) translate(0 {-ART_TOP})">'
        f"{_figure(0, front, theme)}</g>"
        for cx, front in ((FRONT_X, True), (BACK_X, False))
    )
    w, h = CANVAS_WIDTH, FIGURES_HEIGHT
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"'
        f' viewBox="0 0 {w} {h}">{groups}</svg>'
    ).encode()


class AreaButton(QAbstractButton):
    """The invisible, checkable, named stand-in for one spot (the map paints it, with a focus
    ring round the spot while it has the keyboard focus). Keys only give it focus (Tab, the
    arrows as Tab); Enter, Select or Space marks or clears the spot."""

    def paintEvent(self, event: QPaintEvent) -> None:
        pass

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Press keys of the key map (Enter, a keypad's Select); Space is Qt's own press.
        press = action_for(event.key()) is Action.PRESS and event.key() != Qt.Key.Key_Space
        if press and not event.isAutoRepeat():
            event.accept()
            self.click()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._repaint_map()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._repaint_map()

    def _repaint_map(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.update()


class BodyMap(QWidget):
    """Front and back figures with seven toggling spots; ``changed`` after every toggle.

    The hip areas have a spot on each side (the patient's own left and right, each named so
    for a screen reader: "Groin, your left side"); a caption under each figure says which side
    is which. An area's word sits in one pill with a line to each of its spots; touching the
    word marks both sides (or, when both are marked, clears them).
    """

    changed = Signal()
    answered = Signal(tuple)
    """The spots (their keys) a patient's tap or key just marked or cleared."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._renderer = QSvgRenderer(figures_svg(theme), self)
        self._pixmap = QPixmap()
        self._pressed_at: QPoint | None = None
        self._words: dict[str, str] = {}
        self._titles = ("", "")
        self._sides = {"left": "", "right": ""}
        # As wide as the form column allows, up to its full size (then the words wrap).
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(MIN_WIDTH)
        self.setMaximumWidth(max(MIN_WIDTH, theme.px(960)))
        self.resize(self.sizeHint())
        self.buttons: dict[str, AreaButton] = {}
        rescue = TapRescue(self)
        for key in PAIN_AREAS:  # the model's order is the keys' order: an area's sides together
            button = AreaButton(self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.toggled.connect(self._on_toggled)
            button.clicked.connect(lambda _=False, k=key: self.answered.emit((k,)))  # Enter, Space
            button.installEventFilter(rescue)
            self.buttons[key] = button
        self.retranslate()

    # --- public API ---------------------------------------------------------------------

    def selected(self) -> tuple[str, ...]:
        """Chosen spots, in the model's order."""
        return tuple(key for key in PAIN_AREAS if self.buttons[key].isChecked())

    def set_selected(self, keys: tuple[str, ...]) -> None:
        for key, button in self.buttons.items():
            button.setChecked(key in keys)

    def clear(self) -> None:
        self.set_selected(())

    def toggle(self, key: str) -> None:
        self.buttons[key].toggle()

    def toggle_group(self, group: str) -> None:
        """The word of an area was touched: mark all its spots, or clear them if all are."""
        buttons = [self.buttons[spot.key] for spot in SPOTS if spot.group == group]
        chosen = not all(button.isChecked() for button in buttons)
        for button in buttons:
            button.setChecked(chosen)

    def spot_words(self, key: str) -> str:
        """What is read aloud for spot ``key``: its name and whether it is chosen."""
        button = self.buttons[key]
        state = self.tr("chosen") if button.isChecked() else self.tr("not chosen")
        return self.tr("{0}, {1}").format(button.text(), state)

    def area_rect(self, key: str) -> QRectF:
        """The round target of spot ``key`` in widget pixels."""
        spot = next(s for s in SPOTS if s.key == key)
        centre, radius = self._to_widget(spot.centre), self._radius()
        return QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)

    def label_rect(self, group: str) -> QRectF:
        """The pill holding the word of area ``group`` (``groin`` ...), in widget pixels."""
        word = next(w for w in WORDS if w.group == group)
        pad = self._theme.px(16)
        text = self._pill_text_size(group)
        width = text.width() + 2 * pad
        height = max(text.height() + pad, self._theme.px(52))
        anchor = self._to_widget(_design_point(word.figure_x, word.at))
        top = anchor.y() - height if word.up else anchor.y()
        rect = QRectF(anchor.x() - width / 2, top, width, height)
        rect.moveLeft(min(max(0.0, rect.left()), self.width() - rect.width()))
        return rect

    def leader_lines(self, group: str) -> list[list[QPointF]]:
        """The lines from the word of ``group`` to each of its spots, in widget pixels, each
        a list of points. A spot beyond the pill's end is reached by an elbow (out from the
        pill's end, then straight up or down to the spot), which keeps the line clear of the
        neighbouring targets; a spot within the pill's width by a straight drop from its edge."""
        pill = self.label_rect(group)
        inset = min(pill.height(), self._theme.px(52)) / 2
        edge = pill.bottom() if next(w for w in WORDS if w.group == group).up else pill.top()
        lines = []
        for spot in SPOTS:
            if spot.group != group:
                continue
            centre = self._to_widget(spot.centre)
            if pill.left() + inset <= centre.x() <= pill.right() - inset:
                lines.append([QPointF(centre.x(), edge), centre])
                continue
            end = pill.left() if centre.x() < pill.left() else pill.right()
            elbow = QPointF(centre.x(), pill.center().y())
            lines.append([QPointF(end, pill.center().y()), elbow, centre])
        return lines

    def group_of(self, key: str) -> str:
        return next(spot.group for spot in SPOTS if spot.key == key)

    # --- geometry -----------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        top, bottom = self._band_heights(width)
        return top + round(width * FIGURES_HEIGHT / CANVAS_WIDTH) + bottom

    def sizeHint(self) -> QSize:
        width = self.maximumWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self.minimumWidth()
        return QSize(width, self.heightForWidth(width))

    def _scale(self) -> float:
        return self.width() / CANVAS_WIDTH

    def _radius(self) -> float:
        return max(Theme.MIN_TOUCH_TARGET / 2, SPOT_RADIUS * self._scale())

    def _figures_top(self) -> int:
        return self._band_heights(self.width())[0]

    def _to_widget(self, point: QPointF) -> QPointF:
        return QPointF(point.x() * self._scale(), self._figures_top() + point.y() * self._scale())

    def _caption_font(self) -> QFont:
        return self._theme.font(24, bold=True)

    def _label_font(self) -> QFont:
        return self._theme.font(26, bold=True)

    def _band_heights(self, width: int) -> tuple[int, int]:
        """Heights of the band above the figures ("Front", "Back") and of the one below them
        (each figure's "Your right" and "Your left", wrapped to a quarter of the map)."""
        metrics = QFontMetricsF(self._caption_font())
        pad = self._theme.px(12)
        top = math.ceil(metrics.height()) + 2 * pad
        quarter = max(1.0, width / 4 - pad)
        tallest = max(
            metrics.boundingRect(
                QRectF(0, 0, quarter, 10_000), int(Qt.TextFlag.TextWordWrap), text
            ).height()
            for text in (*self._sides.values(), "X")
        )
        return top, math.ceil(tallest) + 2 * pad

    def _pill_text_size(self, group: str) -> QSizeF:
        """The word's size in its pill: on one line, or wrapped where a long word (Spanish,
        large text) would be wider than most of its figure's half of the map."""
        metrics = QFontMetricsF(self._label_font())
        limit = max(self.width() * 0.4, float(self._theme.px(120)))
        bounds = metrics.boundingRect(
            QRectF(0, 0, limit, 10_000), int(Qt.TextFlag.TextWordWrap), self._words.get(group, "")
        )
        return QSizeF(math.ceil(bounds.width()), max(math.ceil(bounds.height()), metrics.height()))

    def _target_at(self, pos: QPointF) -> str | None:
        """The spot whose target holds ``pos`` (the nearest one, if two reach it)."""
        nearest = min(SPOTS, key=lambda s: math.dist(_xy(self._to_widget(s.centre)), _xy(pos)))
        if math.dist(_xy(self._to_widget(nearest.centre)), _xy(pos)) <= self._radius():
            return nearest.key
        return None

    def _word_at(self, pos: QPointF) -> str | None:
        return next((w.group for w in WORDS if self.label_rect(w.group).contains(pos)), None)

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
        # The round targets first: a wrapped word's pill may come near a target.
        key = self._target_at(event.position())
        if key is not None:
            self.toggle(key)
            self.answered.emit((key,))
        elif (group := self._word_at(event.position())) is not None:
            self.toggle_group(group)
            self.answered.emit(tuple(spot.key for spot in SPOTS if spot.group == group))

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
        self._titles = (self.tr("Front"), self.tr("Back"))
        self._sides = {"left": self.tr("Your left"), "right": self.tr("Your right")}
        named = {
            "left": self.tr("{0}, your left side"),
            "right": self.tr("{0}, your right side"),
        }
        for spot in SPOTS:
            word = self._words[spot.group]
            name = word if spot.side is None else named[spot.side].format(word)
            self.buttons[spot.key].setText(name)
            self.buttons[spot.key].setAccessibleName(name)
        self.setAccessibleName(self.tr("Where it hurts: touch all the places that apply"))
        self.updateGeometry()  # the captions' band follows the words
        self._place_buttons()
        self.update()

    # --- painting -----------------------------------------------------------------------

    def _figures(self) -> QPixmap:
        if self._pixmap.isNull() and not self.size().isEmpty():
            ratio = self.devicePixelRatioF()
            height = self.width() * FIGURES_HEIGHT / CANVAS_WIDTH
            image = QImage(
                QSize(self.width(), math.ceil(height)) * ratio,
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.render(painter, QRectF(0, 0, self.width() * ratio, height * ratio))
            painter.end()
            self._pixmap = QPixmap.fromImage(image)
            self._pixmap.setDevicePixelRatio(ratio)
        return self._pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_figures(painter)
        for word in WORDS:  # under the targets: a line ends at its target's centre
            self._paint_leaders(painter, word.group)
        for spot in SPOTS:
            self._paint_target(painter, spot.key, self.buttons[spot.key].isChecked())
        for word in WORDS:  # the words over every target, so no target hides a word
            self._paint_pill(painter, word.group)
        focused = next((k for k, b in self.buttons.items() if b.hasFocus()), None)
        if focused is not None:
            self._paint_focus(painter, focused)
        painter.end()

    def _paint_focus(self, painter: QPainter, key: str) -> None:
        """The keyboard focus ring round a spot: a thick line in the theme's focus colour in a
        band of the ground's colour (a gap inside it, a halo outside), so it shows on the
        figure's clothes and skin as on the ground, by its shape as well as its colour."""
        theme = self._theme
        line = theme.px(5)
        circle = self.area_rect(key)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        band = 3 * line  # gap, line, halo
        painter.setPen(QPen(theme.colour("sand"), band))
        painter.drawEllipse(circle.adjusted(-band / 2, -band / 2, band / 2, band / 2))
        middle = 1.5 * line
        painter.setPen(QPen(theme.colour("focus_ring"), line))
        painter.drawEllipse(circle.adjusted(-middle, -middle, middle, middle))

    def _paint_figures(self, painter: QPainter) -> None:
        """The sand ground, the two figures, their titles above and which side is which
        below them."""
        theme, scale = self._theme, self._scale()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour("sand"))
        painter.drawRoundedRect(QRectF(self.rect()), theme.radius * 2, theme.radius * 2)
        top, bottom = self._band_heights(self.width())
        painter.drawPixmap(0, top, self._figures())
        painter.setFont(self._caption_font())
        painter.setPen(theme.colour("muted_ink"))
        half = CANVAS_WIDTH / 4
        for cx, title in zip((FRONT_X, BACK_X), self._titles, strict=True):
            rect = QRectF((cx - half) * scale, 0, 2 * half * scale, top)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, title)
        pad = theme.px(12)
        below = QRectF(0, self.height() - bottom, half * scale - pad, bottom)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        for cx, front in ((FRONT_X, True), (BACK_X, False)):
            for side in SIDES:
                centre = (cx + _mirror(side, front) * half / 2) * scale
                below.moveCenter(QPointF(centre, below.center().y()))
                painter.drawText(below, flags, self._sides[side])

    def _paint_leaders(self, painter: QPainter, group: str) -> None:
        painter.setPen(QPen(self._theme.colour("ink"), self._theme.px(3)))
        for line in self.leader_lines(group):
            painter.drawPolyline(line)

    def _paint_target(self, painter: QPainter, key: str, on: bool) -> None:
        """One spot's glowing round target, ticked when chosen."""
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

    def _paint_pill(self, painter: QPainter, group: str) -> None:
        """One area's word in a pill, filled when all its spots are chosen."""
        theme = self._theme
        accent = theme.colour("accent")
        on = all(self.buttons[s.key].isChecked() for s in SPOTS if s.group == group)
        pill = self.label_rect(group)
        painter.setPen(QPen(accent if on else theme.colour("ink"), theme.px(3)))
        painter.setBrush(accent if on else theme.colour("surface"))
        corner = min(pill.height(), theme.px(52)) / 2
        painter.drawRoundedRect(pill, corner, corner)
        painter.setPen(theme.colour("on_accent" if on else "ink"))
        painter.setFont(self._label_font())
        painter.drawText(
            pill, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._words[group]
        )


def _xy(point: QPointF) -> tuple[float, float]:
    return (point.x(), point.y())
