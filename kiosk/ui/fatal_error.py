"""The calm screen shown for a few seconds after an unexpected internal error, before the kiosk
exits for its supervisor to restart it.

It depends on nothing but Qt and the theme's plain colour values (no fonts, icons or content,
any of which may be what broke) and covers the whole primary screen above the kiosk window, so
a patient never sees a half-drawn page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.palette import Palette

BACKGROUND = Palette().background
INK = Palette().ink
FALLBACK_SIZE = (1280, 800)


class FatalErrorScreen(QWidget):
    """A top-level, frameless, full-screen "This screen is restarting" notice."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("fatal-error")
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        screen = QGuiApplication.primaryScreen()
        geometry = screen.geometry() if screen is not None else None
        height = geometry.height() if geometry is not None else FALLBACK_SIZE[1]
        if geometry is not None:
            self.setGeometry(geometry)
        else:
            self.resize(*FALLBACK_SIZE)
        headline_px, body_px = max(28, height // 14), max(20, height // 28)
        self.setStyleSheet(
            f"QWidget#fatal-error {{ background: {BACKGROUND}; }}"
            f"QLabel {{ color: {INK}; background: transparent; }}"
            f"QLabel#headline {{ font-size: {headline_px}px; font-weight: 600; }}"
            f"QLabel#message {{ font-size: {body_px}px; }}"
        )
        self.headline = QLabel(self)
        self.headline.setObjectName("headline")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        column = QVBoxLayout(self)
        margin = height // 10
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(height // 30)
        column.addStretch(1)
        for label in (self.headline, self.message):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(label)
        column.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.headline.setText(self.tr("This screen is restarting, please wait"))
        self.message.setText(
            self.tr(
                "It will be back in a minute. If it is not, please ask at the front desk, "
                "we are happy to help."
            )
        )
        self.setAccessibleName(self.headline.text())

    def show_over_everything(self) -> None:
        """Show full screen, above the kiosk window."""
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
