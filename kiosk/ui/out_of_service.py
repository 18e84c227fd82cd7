"""Shown when there is no usable page at all: calm words for patients, a pointer for staff."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.speech.script import Script, Utterance
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import ScreenWidget

TIGHTEST = 4
"""The last of the steps by which the screen makes room (see OutOfServiceScreen._tighten)."""


class OutOfServiceScreen(ScreenWidget):
    """The words, then the display controls at the bottom (within a seated patient's reach on
    a portrait screen), flowing into as many rows as the width needs. Large text on a short
    screen gets a smaller picture, a title-size headline and tighter gaps, then no picture and
    the least gaps."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._problem_count = 0
        self._tightness = -1
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headline = QLabel(self)
        self._headline.setProperty("role", "headline")
        self._message = QLabel(self)
        self._message.setProperty("role", "body")
        self._staff = QLabel(self)
        self._staff.setProperty("role", "small")
        for label in (self._headline, self._message, self._staff):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column = column = QVBoxLayout(self)
        column.addStretch(2)
        column.addWidget(self._icon)
        column.addWidget(self._headline)
        column.addWidget(self._message)
        column.addStretch(3)
        column.addWidget(self._staff)
        self.display_controls = DisplayControls(theme, self)
        column.addWidget(self.display_controls, 0, Qt.AlignmentFlag.AlignCenter)
        self._tighten(0)
        self.retranslate()

    def speech_script(self) -> Script:
        """The calm words for patients (the note for staff is not read aloud)."""
        language = self.tr("en", "the language code of this translation")
        return tuple(Utterance(label.text(), language) for label in (self._headline, self._message))

    def set_problem_count(self, count: int) -> None:
        self._problem_count = count
        self.retranslate()

    def retranslate(self) -> None:
        # The language change reaches this screen before its children: the display controls
        # take their new labels first, so they flow for their new widths.
        self.display_controls.retranslate()
        self._headline.setText(self.tr("Temporarily out of service"))
        self._message.setText(
            self.tr(
                "This screen is taking a short break. "
                "Please ask at the front desk, we are happy to help."
            )
        )
        if self._problem_count == 1:  # two whole sentences: "1 problems" read badly
            staff = self.tr(
                "For staff: no page could be shown (1 problem in the content folder). "
                'Run "kiosk validate" to see what to fix.'
            )
        else:
            staff = self.tr(
                "For staff: no page could be shown ({0} problems in the content folder). "
                'Run "kiosk validate" to see what to fix.'
            ).format(self._problem_count)
        self._staff.setText(staff)
        self.setAccessibleName(self._headline.text())
        self._rearrange()

    # --- Layout -----------------------------------------------------------------------------

    def place_for_reach(self) -> None:
        self._rearrange()

    def _rearrange(self) -> None:
        """Lay out again for the window's size (a screen the stack has not shown yet still has
        its first, tiny size), and at once."""
        size = self.window().size()
        self.display_controls.updateGeometry()
        self._lay_out(size.width(), size.height())
        self._column.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._lay_out(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _lay_out(self, width: int, height: int) -> None:
        if width <= 0 or height <= 0:
            return
        for tightness in range(TIGHTEST + 1):
            self._tighten(tightness)
            margins = self._column.contentsMargins()
            self.display_controls.flow(width - margins.left() - margins.right())
            self.display_controls.updateGeometry()  # else the column keeps its cached size
            needed = self._column.totalMinimumSize()
            wrapped = self._column.totalHeightForWidth(width)
            if needed.width() <= width and max(needed.height(), wrapped) <= height:
                break

    def _tighten(self, tightness: int) -> None:
        """0: roomy; 1: a smaller picture, the headline at title size, half the margins and
        gaps; 2: no picture; 3: the least margins and gaps; 4: the headline at the size of a
        tile's title (the largest text on a short screen, with the Listen button)."""
        if tightness == self._tightness:
            return
        self._tightness = tightness
        theme = self._theme
        size = theme.px((160, 96, 0, 0, 0)[tightness])
        self._icon.setPixmap(
            icon_pixmap("mdi6.coffee-outline", size, theme.palette.secondary) if size else QPixmap()
        )
        role = ("headline", "title", "title", "title", "tile")[tightness]
        if self._headline.property("role") != role:
            self._headline.setProperty("role", role)
            self._headline.style().unpolish(self._headline)
            self._headline.style().polish(self._headline)
        margin = (theme.margin * 2, theme.margin, theme.margin, theme.spacing, theme.spacing)[
            tightness
        ]
        self._column.setContentsMargins(margin, margin, margin, margin)
        gap = (
            theme.spacing * 2,
            theme.spacing,
            theme.spacing,
            theme.spacing // 2,
            theme.spacing // 2,
        )[tightness]
        self._column.setSpacing(gap)
