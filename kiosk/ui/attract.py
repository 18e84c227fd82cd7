"""The attract screen: a large picture, a headline, "Touch to start" and the language buttons.

A soft ring breathes around the start button so the screen never looks frozen; the motion runs
only while the screen is visible and at a modest frame rate (it shows all day).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.model import Deck
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import Picture, ScreenWidget, big_button, set_label

PULSE_PERIOD_MS = 2600
FRAME_MS = 40


class AttractScreen(ScreenWidget):
    start_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.animations_enabled = True
        self.language_buttons: dict[str, QPushButton] = {}
        self._clock = QElapsedTimer()
        self._frame = QTimer(self, interval=FRAME_MS)
        self._frame.timeout.connect(self._animate)
        self._phase = 0.0

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
        self.start_button.setStyleSheet(
            f"font-size: {theme.px(44)}px; padding: 0 {theme.px(56)}px;"
        )
        self.start_button.clicked.connect(self.start_requested)
        self._languages_row = QHBoxLayout()
        self._languages_row.setSpacing(theme.spacing)

        text_column = QVBoxLayout()
        text_column.setSpacing(theme.spacing * 2)
        text_column.addStretch(1)
        text_column.addWidget(self._headline)
        text_column.addWidget(self._welcome)
        text_column.addSpacing(theme.spacing)
        text_column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        text_column.addStretch(1)
        text_column.addLayout(self._languages_row)
        self._text_column = text_column

        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        margin = theme.margin * 2
        self._main.setContentsMargins(margin, margin, margin, margin)
        self._main.setSpacing(theme.margin * 2)
        self._main.addWidget(self._picture, 5)
        self._main.addLayout(text_column, 5)
        self.retranslate()

    def show_deck(self, deck: Deck, languages: tuple[Deck, ...]) -> None:
        """Show the welcome of ``deck`` with one button per available language."""
        self._headline.setText(deck.welcome_title or deck.language_name)
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
            button.setMinimumWidth(self._theme.px(220))
            button.setCheckable(True)
            set_label(button, other.language_name)
            button.clicked.connect(
                lambda _=False, code=other.language: self.language_chosen.emit(code)
            )
            self._languages_row.addWidget(button)
            self.language_buttons[other.language] = button
        self._languages_row.addStretch(1)

    def retranslate(self) -> None:
        set_label(self.start_button, self.tr("Touch to start"))
        self.setAccessibleName(self.tr("Welcome"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A touch anywhere that is not a language button starts the visit."""
        self.start_requested.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._main.setStretch(0, 5 if portrait else 6)
        self._main.setStretch(1, 4 if portrait else 5)
        super().resizeEvent(event)
        self._main.activate()  # lay out now, so the very first frame has the right shape

    def showEvent(self, event: QShowEvent) -> None:
        if self.animations_enabled:
            self._clock.start()
            self._frame.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._frame.stop()
        super().hideEvent(event)

    def _halo_rect(self) -> QRectF:
        grow = self._theme.px(36)
        return QRectF(self.start_button.geometry()).adjusted(-grow, -grow, grow, grow)

    def _animate(self) -> None:
        self._phase = (self._clock.elapsed() % PULSE_PERIOD_MS) / PULSE_PERIOD_MS
        self.update(self._halo_rect().toAlignedRect())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._frame.isActive():
            return
        wave = 0.5 - 0.5 * math.cos(2 * math.pi * self._phase)
        spread = self._theme.px(30) * wave
        colour = QColor(self._theme.palette.accent)
        colour.setAlphaF(0.45 * (1.0 - wave))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, self._theme.px(10)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = QRectF(self.start_button.geometry()).adjusted(-spread, -spread, spread, spread)
        radius = self._theme.radius + spread
        painter.drawRoundedRect(ring, radius, radius)
        painter.end()
