"""The breathing ring around the attract screen's start button, its timing, and the toggle
that stops and starts it.

It shows all day, so it is built to cost almost nothing:

- the ring is its own small opaque widget (:class:`Halo`) under the button, and each frame
  repaints only its band around it: not the screen's and window's style-sheet backgrounds,
  not the style-sheet button (which cost as much again as the ring);
- the ring keeps clear of the button's rectangle (a gap sized from the corner radius), so the
  band never touches the button and the button is never repainted for it;
- the ring is drawn in an opaque colour (the accent already blended over the background),
  which the raster engine draws about twice as fast as a translucent one;
- a slow cosine breath (4 s) in 2-pixel steps, with a frame only when the ring reaches its
  next step: about 10 frames a second mid-way, fewer at the eased ends, 6 on average.
"""

from __future__ import annotations

import bisect
import math

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.accessibility import DECORATIVE
from kiosk.ui.icons import make_icon
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import hold_width, make_big, set_label

MOTION_ICONS = {True: "mdi6.pause", False: "mdi6.play"}
"""The toggle's icon while the motion is on (pause) and off (play)."""

PULSE_PERIOD_MS = 4000
"""One slow breath of the ring: out and back."""
RING_PEN_PX = 8
RING_TRAVEL_PX = 24
"""The ring's width and how far it moves out. They do not grow with the patient's larger text:
the ring is a cue, not words, and the room around the button comes out of the words' room."""
RING_STEPS = 12
"""The ring moves out in this many equal steps (2 px) and back in; a frame is drawn only when
it reaches its next step, so the eased ends of the breath cost few frames."""
PEAK_ALPHA = 0.45
"""How strongly the ring shows when it is closest to the button (it fades as it grows)."""


def breath(elapsed_ms: float) -> float:
    """How far out the ring is, 0..1, ``elapsed_ms`` into the motion: a cosine, so it eases
    in and out at both ends."""
    phase = (elapsed_ms % PULSE_PERIOD_MS) / PULSE_PERIOD_MS
    return 0.5 - 0.5 * math.cos(2 * math.pi * phase)


def ring_step(elapsed_ms: float) -> int:
    """The step (0..RING_STEPS) the ring shows ``elapsed_ms`` into the motion."""
    return round(breath(elapsed_ms) * RING_STEPS)


def _step_times() -> tuple[float, ...]:
    """The moments (ms into one breath) at which the ring moves to its next step: where the
    cosine crosses each half step, going out, then coming back."""
    out = [
        PULSE_PERIOD_MS * math.acos(1 - 2 * (step + 0.5) / RING_STEPS) / (2 * math.pi)
        for step in range(RING_STEPS)
    ]
    return (*out, *(PULSE_PERIOD_MS - moment for moment in reversed(out)))


STEP_TIMES = _step_times()


def ms_to_next_step(elapsed_ms: int) -> int:
    """How long after ``elapsed_ms`` the ring next moves (just past the moment, at least 1)."""
    phase = elapsed_ms % PULSE_PERIOD_MS
    index = bisect.bisect_right(STEP_TIMES, phase)
    upcoming = STEP_TIMES[index] if index < len(STEP_TIMES) else PULSE_PERIOD_MS + STEP_TIMES[0]
    return math.floor(upcoming - phase) + 1


class Halo(QWidget):
    """The breathing ring around a button: a small opaque widget below every other one.

    It covers the button's rectangle grown by :attr:`reach` and paints all of it (the screen's
    background colour, then the ring), so Qt paints nothing beneath it (no other widget lies
    there either: the tests check that). Each frame it repaints
    its rectangle minus the button's: the ring stays at least :attr:`gap` outside the button,
    far enough that even its rounded corners keep off the button's square corners.
    """

    def __init__(self, theme: Theme, button: QPushButton, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("a11y", DECORATIVE)  # a cue to look at: a screen reader passes over it
        self._theme = theme
        self._button = button
        self._step = 0
        self._band = QRegion()
        self.pen = RING_PEN_PX
        self.travel = RING_TRAVEL_PX
        # The ring is concentric with the button's corners (radius r + spread). Its inner edge
        # clears the button's square corner, at r * sqrt(2) from the arc centre, once the
        # spread is (sqrt(2) - 1) * r; one pixel more for antialiasing.
        self.gap = math.ceil((math.sqrt(2) - 1) * theme.radius) + 1
        self.reach = self.gap + self.travel + self.pen + 2
        self._background = theme.colour("background")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._clock = QElapsedTimer()
        # One shot per frame, set for the moment the ring next moves (precise: a coarse timer
        # may fire a little early, which would cost a wake-up with nothing to draw).
        self._frame = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._frame.timeout.connect(self._next_frame)
        button.installEventFilter(self)
        self.follow_button()

    @property
    def breathing(self) -> bool:
        """Whether frames are being drawn."""
        return self._frame.isActive()

    def start(self) -> None:
        """Show the ring and breathe from the start of a breath."""
        self._clock.start()
        self.set_step(0)
        self.show()
        self._frame.start(ms_to_next_step(0))

    def pause(self) -> None:
        """No more frames (the screen is hidden); the ring stays as it is."""
        self._frame.stop()

    def stop(self) -> None:
        """No more frames, and no ring."""
        self._frame.stop()
        self.hide()

    def _next_frame(self) -> None:
        elapsed = self._clock.elapsed()
        self.set_step(ring_step(elapsed))
        self._frame.start(ms_to_next_step(elapsed))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self.follow_button()
        return False

    def follow_button(self) -> None:
        """Sit around the button, under every other widget of the screen (it paints only the
        screen's own background colour where nothing moves)."""
        reach = self.reach
        self.setGeometry(self._button.geometry().adjusted(-reach, -reach, reach, reach))
        self._band = QRegion(self.rect()).subtracted(QRegion(self._button_rect()))
        self.lower()

    def _button_rect(self) -> QRect:
        return QRect(self.reach, self.reach, self._button.width(), self._button.height())

    @property
    def step(self) -> int:
        return self._step

    def set_step(self, step: int) -> None:
        """Draw the ring ``step`` steps out (0..RING_STEPS); repaints only the band, and only
        when the step changes."""
        if step != self._step:
            self._step = step
            self.update(self._band)

    def ring_colour(self) -> QColor:
        """The accent at this frame's strength, already blended over the background: an
        opaque pen draws about twice as fast as a translucent one, and looks the same here."""
        alpha = PEAK_ALPHA * (1.0 - self._step / RING_STEPS)
        accent, ground = self._theme.colour("accent"), self._background
        return QColor.fromRgbF(
            ground.redF() + (accent.redF() - ground.redF()) * alpha,
            ground.greenF() + (accent.greenF() - ground.greenF()) * alpha,
            ground.blueF() + (accent.blueF() - ground.blueF()) * alpha,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.ring_colour(), self.pen))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        spread = self.gap + self.pen / 2 + self.travel * self._step / RING_STEPS
        ring = QRectF(self._button_rect()).adjusted(-spread, -spread, spread, spread)
        radius = self._theme.radius + spread
        painter.drawRoundedRect(ring, radius, radius)
        painter.end()


class MotionToggle(QPushButton):
    """ "Stop motion" / "Start motion" (WCAG 2.2.2): it says what touching it will do, and
    checked means the motion is stopped. Its words belong to the attract screen's
    translations."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        make_big(self, theme)
        self.setCheckable(True)
        size = theme.px(38)
        self.setIconSize(QSize(size, size))
        self._icons = {
            on: make_icon(name, size, theme.palette.primary) for on, name in MOTION_ICONS.items()
        }
        self._on = True

    def show_motion(self, on: bool) -> None:
        self._on = on
        self.setChecked(not on)
        set_label(self, self.label(on))
        self.setIcon(self._icons[on])

    @staticmethod
    def label(on: bool) -> str:
        if on:
            return QCoreApplication.translate("AttractScreen", "Stop motion")
        return QCoreApplication.translate("AttractScreen", "Start motion")

    def retranslate(self) -> None:
        self.setAccessibleDescription(
            QCoreApplication.translate(
                "AttractScreen", 'Stops or starts the moving ring around "Touch to start".'
            )
        )
        self.show_motion(self._on)
        # As wide as the longer of its two labels, so touching it never shifts the layout.
        hold_width(self, [self.label(on) for on in MOTION_ICONS])
