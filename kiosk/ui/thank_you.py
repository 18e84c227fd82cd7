"""After a request is saved: "Thank you", the short reference code and what happens next.

It never shows what the patient typed (name, phone): only the reference code.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.model import Deck
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import ScreenWidget, bar, big_button, screen_column, set_label


class ThankYouScreen(ScreenWidget):
    """Signal ``done`` when the patient taps "Done"."""

    done = Signal()
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        p = theme.palette
        top = bar("TopBar", self)
        top.setMinimumHeight(theme.spacing)
        self.display_controls = DisplayControls(theme, top)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(
            theme.margin, theme.spacing // 2, theme.margin, theme.spacing // 2
        )
        top_row.addStretch(1)
        top_row.addWidget(self.display_controls)

        middle = QWidget(self)
        # The tick sits beside "Thank you" rather than above it, and the gaps are tight, so
        # the whole card fits between the bars on a 1366x768 screen.
        icon = self._label("", middle)
        icon.setPixmap(icon_pixmap("mdi6.check-decagram", theme.px(100), p.secondary))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headline = self._label("headline", middle)
        self._saved = self._label("body", middle)
        self._code_caption = self._label("small", middle)
        card = QWidget(middle)
        card.setObjectName("CodeCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        card.setStyleSheet(
            f"#CodeCard {{ background: {p.surface}; border: 4px solid {p.primary};"
            f" border-radius: {theme.radius}px; }}"
        )
        self._code_label = self._label("", card)
        self._code_label.setStyleSheet(
            f"font-size: {theme.px(96)}px; font-weight: bold; color: {p.primary};"
            f" letter-spacing: {theme.px(8)}px;"
        )
        card_row = QHBoxLayout(card)
        card_row.setContentsMargins(
            theme.margin * 2, theme.spacing // 2, theme.margin * 2, theme.spacing // 2
        )
        card_row.addWidget(self._code_label)
        self._next = self._label("body", middle)

        title_row = QHBoxLayout()
        title_row.setSpacing(theme.spacing)
        title_row.addStretch(1)
        title_row.addWidget(icon)
        title_row.addWidget(self._headline)
        title_row.addStretch(1)
        column = QVBoxLayout(middle)
        column.setContentsMargins(theme.margin * 3, theme.spacing, theme.margin * 3, theme.spacing)
        column.setSpacing(theme.spacing // 2)
        column.addStretch(1)
        column.addLayout(title_row)
        for widget in (self._saved, self._code_caption):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(theme.spacing // 2)
        column.addWidget(self._next)
        column.addStretch(2)

        nav = bar("NavBar", self)
        self.done_button = big_button(
            theme, role="primary", icon="mdi6.check-bold", icon_colour=p.on_primary
        )
        self.done_button.setMinimumWidth(theme.px(420))
        self.done_button.clicked.connect(self.done)
        nav_row = QHBoxLayout(nav)
        nav_row.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        nav_row.addStretch(1)
        nav_row.addWidget(self.done_button)
        nav_row.addStretch(1)

        screen_column(self, top, middle, nav)
        self.retranslate()

    @staticmethod
    def _label(role: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        if role:
            label.setProperty("role", role)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(role != "")
        return label

    @property
    def code(self) -> str:
        return self._code

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        """The patient may read "thank you" and the next steps in another language too."""
        self.display_controls.show_languages(current, languages)

    def show_reference(self, code: str) -> None:
        """Show the request's short reference code (e.g. ``A1F-3C9``)."""
        self._code = code
        self.retranslate()

    def clear(self) -> None:
        self.show_reference("")

    def retranslate(self) -> None:
        self._headline.setText(self.tr("Thank you"))
        self._saved.setText(self.tr("We have your request."))
        self._code_caption.setText(self.tr("Your reference code"))
        self._code_label.setText(self._code)
        self._code_label.setAccessibleName(
            self.tr("Your reference code is {0}").format(" ".join(self._code))
        )
        self._next.setText(
            self.tr(
                "The clinic will call you, usually within one working day. You can show this code at the front desk."  # noqa: E501
            )
        )
        set_label(self.done_button, self.tr("Done"))
