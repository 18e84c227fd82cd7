"""The patient's own display controls, the same three buttons on every screen: the language
switch, "Larger text" (steps through the theme's text sizes and back to normal) and "High
contrast" (on and off). One tap each; the composition root applies the change to the whole
window at once, and a reset forgets it.

The buttons read their state from the theme they are built with: a text-size or contrast change
rebuilds the screens with a new theme, so they never show a stale state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from kiosk.content.model import Deck
from kiosk.ui.form_parts import two_state_icon
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import big_button, hold_width, set_label


class DisplayControls(QWidget):
    """Signals: ``language_chosen(code)``, ``text_size_requested()``, ``contrast_requested()``."""

    language_chosen = Signal(str)
    text_size_requested = Signal()
    contrast_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DisplayControls")
        self._theme = theme
        self.text_step = theme.text_step
        self._held_names: tuple[str, ...] = ()
        self.language_button = LanguageSwitch(theme, self)
        self.language_button.language_chosen.connect(self.language_chosen)
        self.text_size_button = big_button(theme, icon="mdi6.format-size", parent=self)
        self.text_size_button.setObjectName("TextSizeButton")
        self.text_size_button.clicked.connect(self.text_size_requested)
        p = theme.palette
        self.contrast_button = big_button(theme, parent=self)
        self.contrast_button.setObjectName("ContrastButton")
        self.contrast_button.setCheckable(True)
        self.contrast_button.setChecked(theme.high_contrast)
        self.contrast_button.setProperty("role", "language")  # checked: filled, like a choice
        size = theme.px(38)
        self.contrast_button.setIcon(
            two_state_icon(
                theme, "mdi6.circle-half-full", "mdi6.circle-half-full", p.primary, p.on_primary
            )
        )
        self.contrast_button.setIconSize(QSize(size, size))
        # The check state follows the theme, not the tap: the window is rebuilt when it changes.
        self.contrast_button.clicked.connect(self._contrast_touched)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.spacing)
        self._columns = 0
        for button in self.buttons:
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.retranslate()
        self.set_columns(len(self.buttons))

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.language_button, self.text_size_button, self.contrast_button)

    @property
    def at_largest(self) -> bool:
        return self.text_step >= len(Theme.TEXT_STEPS)

    @property
    def columns(self) -> int:
        return self._columns

    def set_columns(self, columns: int) -> None:
        """Lay the shown buttons out ``columns`` to a row (1: a column), in order."""
        columns = max(1, columns)
        if columns == self._columns:
            return
        self._columns = columns
        self._place()

    def _place(self) -> None:
        """Only the shown buttons take cells, so a hidden one leaves no hole in a row."""
        for button in self.buttons:
            self._grid.removeWidget(button)
        shown = [button for button in self.buttons if not button.isHidden()]
        for index, button in enumerate(shown):
            self._grid.addWidget(button, index // self._columns, index % self._columns)

    def width_for(self, columns: int) -> int:
        """The width the shown buttons need at ``columns`` to a row."""
        widths = [b.minimumSizeHint().width() for b in self.buttons if not b.isHidden()]
        if not widths:
            return 0
        columns = max(1, min(columns, len(widths)))
        rows = [widths[i : i + columns] for i in range(0, len(widths), columns)]
        per_column = [max(row[c] for row in rows if c < len(row)) for c in range(columns)]
        return sum(per_column) + self._grid.spacing() * (columns - 1)

    def flow(self, width: int) -> int:
        """As many buttons to a row as fit in ``width`` (at least one); returns the columns."""
        count = len(self.buttons)
        columns = next((c for c in range(count, 0, -1) if self.width_for(c) <= width), 1)
        self.set_columns(columns)
        return columns

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        was_hidden = self.language_button.isHidden()
        self.language_button.show_languages(current, languages)
        # One width for every language name, so switching does not re-flow the bar (measured
        # when the names change, not on every page turn: hold_width re-polishes the button).
        names = tuple(deck.language_name for deck in languages)
        if names != self._held_names:
            self._held_names = names
            hold_width(self.language_button, list(names))
        if self.language_button.isHidden() != was_hidden:
            self._place()

    def _contrast_touched(self) -> None:
        self.contrast_button.setChecked(self._theme.high_contrast)
        self.contrast_requested.emit()

    def retranslate(self) -> None:
        steps = len(Theme.TEXT_STEPS)
        larger, normal = self.tr("Larger text"), self.tr("Normal text")
        if self.at_largest:
            set_label(
                self.text_size_button,
                normal,
                self.tr("Text size {0} of {1}, the largest. Touch for normal text.").format(
                    self.text_step, steps
                ),
            )
        else:
            set_label(
                self.text_size_button,
                larger,
                self.tr("Text size {0} of {1}. Touch for larger text.").format(
                    self.text_step, steps
                ),
            )
        hold_width(self.text_size_button, [larger, normal])
        contrast = self.tr("High contrast")
        set_label(self.contrast_button, contrast)
        self.contrast_button.setAccessibleDescription(
            self.tr("On: light text on black. Touch to turn it off.")
            if self._theme.high_contrast
            else self.tr("Off. Touch for light text on black.")
        )
        hold_width(self.contrast_button, [contrast])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
