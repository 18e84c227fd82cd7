"""The attract screen: a large picture, a headline, "Touch to start" and the language buttons.

A soft ring breathes around the start button so the screen never looks frozen. It shows all
day, so it is built to cost almost nothing (WCAG 2.2.2 asks that a patient can also stop it):

- the ring is its own small opaque widget (:class:`kiosk.ui.halo.Halo`) under the button,
  and each frame repaints only its band around it: not the screen's and window's style-sheet
  backgrounds, not the style-sheet button (which cost as much again as the ring);
- the ring keeps clear of the button's rectangle (a gap sized from the corner radius), so the
  band never touches the button and the button is never repainted for it;
- the ring is drawn in an opaque colour (the accent already blended over the background),
  which the raster engine draws about twice as fast as a translucent one;
- a slow cosine breath (4 s) in 2-pixel steps, with a frame only when the ring reaches its
  next step: about 10 frames a second mid-way, fewer at the eased ends, 6 on average;
- the frame timer runs only while the screen is visible and the motion is on.

"Stop motion" stops it for this patient (the configured default comes back with
:meth:`AttractScreen.forget_motion_choice`, which the window calls when it forgets a visit);
with ``display.animations = false`` nothing moves and the toggle is not shown.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QHideEvent,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.model import Deck
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.halo import Halo, ms_to_next_step, ring_step
from kiosk.ui.icons import make_icon
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import Picture, ScreenWidget, big_button, hold_width, set_label

MOTION_ICONS = {True: "mdi6.pause", False: "mdi6.play"}
"""The toggle's icon while the motion is on (pause) and off (play)."""


class AttractScreen(ScreenWidget):
    start_requested = Signal()
    language_chosen = Signal(str)
    motion_toggled = Signal(bool)
    """The patient touched the motion toggle: True when they started the motion again."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._animations_enabled = True
        self._motion = True
        self.language_buttons: dict[str, QPushButton] = {}
        self._clock = QElapsedTimer()
        # One shot per frame, set for the moment the ring next moves (precise: a coarse timer
        # may fire a little early, which would cost a wake-up with nothing to draw).
        self._frame = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._frame.timeout.connect(self._animate)

        self._picture = Picture(self)
        self._headline = QLabel(self)
        self._headline.setProperty("role", "headline")
        self._headline.setWordWrap(True)
        self._welcome = QLabel(self)
        self._welcome.setProperty("role", "body")
        self._welcome.setWordWrap(True)
        self._welcome.setStyleSheet(f"font-size: {theme.px(40)}px;")
        self.start_button = big_button(
            theme, role="accent", icon="mdi6.gesture-tap", icon_colour=theme.palette.on_accent
        )
        self.start_button.setMinimumHeight(theme.target + theme.px(40))
        self._start_style = f"font-size: {theme.px(44)}px; padding: 0 {theme.px(56)}px;"
        self.start_button.setStyleSheet(self._start_style)
        self.start_button.clicked.connect(self.start_requested)
        self.motion_button = big_button(theme)
        self.motion_button.setCheckable(True)
        icon_size = theme.px(38)
        self.motion_button.setIconSize(QSize(icon_size, icon_size))
        self._motion_icons = {
            on: make_icon(name, icon_size, theme.palette.primary)
            for on, name in MOTION_ICONS.items()
        }
        self.motion_button.clicked.connect(self._motion_touched)
        # Text size and contrast; the language has its own buttons here, one per language.
        self.display_controls = DisplayControls(theme, self)
        self._languages_row = QHBoxLayout()
        self._languages_row.setSpacing(theme.spacing)
        # The language buttons on the left and the motion toggle on the right; in a portrait
        # column too narrow for both (large text), the toggle goes on a line of its own.
        self._bottom_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._bottom_row.setSpacing(theme.spacing)
        self._bottom_row.addLayout(self._languages_row)
        self._bottom_row.setAlignment(self._languages_row, Qt.AlignmentFlag.AlignLeft)
        self._bottom_row.addWidget(self.motion_button, 0, Qt.AlignmentFlag.AlignRight)
        self._bottom_row.addWidget(self.display_controls, 0, Qt.AlignmentFlag.AlignRight)

        text_column = QVBoxLayout()
        text_column.setSpacing(theme.spacing * 2)
        text_column.addStretch(1)
        text_column.addWidget(self._headline)
        text_column.addWidget(self._welcome)
        text_column.addSpacing(theme.spacing)
        text_column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        text_column.addStretch(1)
        text_column.addLayout(self._bottom_row)
        self._text_column = text_column

        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        margin = theme.margin * 2
        self._main.setContentsMargins(margin, margin, margin, margin)
        self._main.setSpacing(theme.margin * 2)
        self._main.addWidget(self._picture, 5)
        self._main.addLayout(text_column, 5)
        self.halo = Halo(theme, self.start_button, self)
        self.retranslate()

    # --- Motion -----------------------------------------------------------------------------

    @property
    def animations_enabled(self) -> bool:
        """The configured default (``display.animations``). Setting it also sets the motion:
        off, nothing moves and the toggle is hidden; on, the ring breathes until a patient
        stops it."""
        return self._animations_enabled

    @animations_enabled.setter
    def animations_enabled(self, enabled: bool) -> None:
        self._animations_enabled = enabled
        self.motion_button.setVisible(enabled)
        self._rearrange()
        self.set_motion(enabled)

    @property
    def motion(self) -> bool:
        """Whether the ring breathes (while the screen shows)."""
        return self._motion

    def set_motion(self, on: bool) -> None:
        """Start or stop the ring, at once if the screen shows. Never on when the
        configuration turned animations off."""
        self._motion = on and self._animations_enabled
        self._show_motion()
        if self._motion and self.isVisible():
            if not self._frame.isActive():
                self._start_frames()
        else:
            self._frame.stop()
            self.halo.hide()

    def forget_motion_choice(self) -> None:
        """Back to the configured default (the next patient starts afresh)."""
        self.set_motion(self._animations_enabled)

    @property
    def animating(self) -> bool:
        """Whether frames are being drawn right now."""
        return self._frame.isActive()

    def _motion_touched(self) -> None:
        self.set_motion(not self.motion_button.isChecked())
        self.motion_toggled.emit(self._motion)

    def _show_motion(self) -> None:
        """The toggle says what touching it will do; checked means "the motion is stopped"."""
        button, on = self.motion_button, self._motion
        button.setChecked(not on)
        set_label(button, self._motion_label(on))
        button.setIcon(self._motion_icons[on])

    def _motion_label(self, on: bool) -> str:
        return self.tr("Stop motion") if on else self.tr("Start motion")

    def _start_frames(self) -> None:
        self._clock.start()
        self.halo.set_step(0)
        self.halo.show()
        self._frame.start(ms_to_next_step(0))

    def _animate(self) -> None:
        elapsed = self._clock.elapsed()
        self.halo.set_step(ring_step(elapsed))
        self._frame.start(ms_to_next_step(elapsed))

    # --- Content and language --------------------------------------------------------------

    def show_deck(self, deck: Deck, languages: tuple[Deck, ...]) -> None:
        """Show the welcome of ``deck`` with one button per available language."""
        self._headline.setText(deck.welcome_title or deck.language_name)
        self._fit_headline()
        self._welcome.setText(deck.welcome_text)
        self._welcome.setVisible(bool(deck.welcome_text))
        self._picture.set_picture(deck.attract_illustration, deck.welcome_title)
        codes = [other.language for other in languages] if len(languages) > 1 else []
        if codes != list(self.language_buttons):
            self._rebuild_language_buttons(languages if codes else ())
        for code, button in self.language_buttons.items():
            button.setChecked(code == deck.language)

    def _rebuild_language_buttons(self, languages: tuple[Deck, ...]) -> None:
        while (item := self._languages_row.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.language_buttons.clear()
        for other in languages:
            button = big_button(self._theme, role="language")
            button.setCheckable(True)
            set_label(button, other.language_name)
            button.clicked.connect(
                lambda _=False, code=other.language: self.language_chosen.emit(code)
            )
            self._languages_row.addWidget(button)
            hold_width(button, [other.language_name])
            self.language_buttons[other.language] = button
        self._rearrange()

    def retranslate(self) -> None:
        set_label(self.start_button, self.tr("Touch to start"))
        hold_width(self.start_button, [self.start_button.text()], self._start_style)
        self.setAccessibleName(self.tr("Welcome"))
        self.motion_button.setAccessibleDescription(
            self.tr('Stops or starts the moving ring around "Touch to start".')
        )
        self._show_motion()
        # As wide as the longer of its two labels, so touching it never shifts the layout.
        hold_width(self.motion_button, [self._motion_label(on) for on in MOTION_ICONS])
        self._rearrange()

    def _arrange_bottom_row(self, width: int, portrait: bool) -> None:
        """One line for the language buttons and the toggle, or two in a portrait column too
        narrow for both (in landscape the picture gives way instead: height is scarcer)."""
        buttons = [*self.language_buttons.values(), self.motion_button]
        shown = [button for button in buttons if not button.isHidden()]
        needed = sum(button.minimumWidth() for button in shown)
        needed += self._bottom_row.spacing() * (len(shown) - 1)
        margins = self._main.contentsMargins()
        stacked = portrait and needed > width - margins.left() - margins.right()
        self._bottom_row.setDirection(
            QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight
        )
        side = Qt.AlignmentFlag.AlignLeft if stacked else Qt.AlignmentFlag.AlignRight
        self._bottom_row.setAlignment(self.motion_button, side)

    def _rearrange(self) -> None:
        """The labels changed: lay the bottom row out again for the current size."""
        self._arrange_bottom_row(self.width(), self.height() > self.width())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A touch anywhere that is not a button starts the visit."""
        self.start_requested.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._main.setStretch(0, 5 if portrait else 6)
        self._main.setStretch(1, 4 if portrait else 5)
        self._arrange_bottom_row(event.size().width(), portrait)
        super().resizeEvent(event)
        self._main.activate()  # lay out now, so the very first frame has the right shape
        self._fit_headline()

    def _fit_headline(self) -> None:
        """The headline at headline size when it takes at most a fifth of the screen's height,
        else at title size: a long translation on a short screen (Spanish at 1366x768) would
        otherwise need more lines than the layout can give it and be cut off."""
        label, theme = self._headline, self._theme
        if label.width() <= 0:
            return
        big = QFontMetrics(theme.font(theme.headline_px, bold=True))
        needed = big.boundingRect(
            QRect(0, 0, label.width(), 100_000), Qt.TextFlag.TextWordWrap, label.text()
        ).height()
        role = "headline" if needed <= self.height() // 5 else "title"
        if label.property("role") != role:
            label.setProperty("role", role)
            label.style().unpolish(label)
            label.style().polish(label)
            self._main.activate()

    def showEvent(self, event: QShowEvent) -> None:
        if self._motion:
            self._start_frames()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._frame.stop()
        super().hideEvent(event)
