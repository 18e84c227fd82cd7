"""Shown when there is no usable page at all: calm words for patients, a pointer for staff."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import ScreenWidget


class OutOfServiceScreen(ScreenWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem_count = 0
        icon = QLabel(self)
        size = theme.px(160)
        icon.setPixmap(icon_pixmap("mdi6.coffee-outline", size, theme.palette.secondary))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headline = QLabel(self)
        self._headline.setProperty("role", "headline")
        self._message = QLabel(self)
        self._message.setProperty("role", "body")
        self._staff = QLabel(self)
        self._staff.setProperty("role", "small")
        for label in (self._headline, self._message, self._staff):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout(self)
        margin = theme.margin * 2
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(theme.spacing * 2)
        column.addStretch(2)
        column.addWidget(icon)
        column.addWidget(self._headline)
        column.addWidget(self._message)
        column.addStretch(3)
        column.addWidget(self._staff)
        self.display_controls = DisplayControls(theme, self)
        column.addWidget(self.display_controls, 0, Qt.AlignmentFlag.AlignCenter)
        self.retranslate()

    def set_problem_count(self, count: int) -> None:
        self._problem_count = count
        self.retranslate()

    def retranslate(self) -> None:
        self._headline.setText(self.tr("Temporarily out of service"))
        self._message.setText(
            self.tr(
                "This screen is taking a short break. "
                "Please ask at the front desk, we are happy to help."
            )
        )
        self._staff.setText(
            self.tr(
                "For staff: no page could be shown ({0} problems in the content folder). "
                'Run "kiosk validate" to see what to fix.'
            ).format(self._problem_count)
        )
        self.setAccessibleName(self._headline.text())
