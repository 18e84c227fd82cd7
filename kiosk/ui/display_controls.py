"""The patient's own display controls, the same buttons on every screen: the language switch,
"Larger text" (steps through the theme's text sizes and back to normal), "High contrast" (on
and off) and "Listen" (read this screen aloud; "Stop" while reading). While read-aloud is on
for the visit, "Pause" ("Resume") and "Volume" (one step louder, after the loudest the
softest) join them. One tap each; the composition root applies the change to the whole window
at once, and a reset forgets it. Without a speech engine the read-aloud buttons are hidden and
take no room.

The buttons read their state from the theme they are built with: a text-size or contrast change
rebuilds the screens with a new theme, so they never show a stale state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.config import VOLUME_STEPS
from kiosk.content.model import Deck
from kiosk.ui.form_parts import two_state_icon
from kiosk.ui.icons import make_icon
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import big_button, hold_width, set_label


class DisplayControls(QWidget):
    """Signals: ``language_chosen(code)``, ``text_size_requested()``, ``contrast_requested()``,
    ``listen_requested()``, ``pause_requested()``, ``volume_requested()``."""

    language_chosen = Signal(str)
    text_size_requested = Signal()
    contrast_requested = Signal()
    listen_requested = Signal()
    pause_requested = Signal()
    volume_requested = Signal()

    def __init__(
        self, theme: Theme, parent: QWidget | None = None, *, speech_apart: bool = False
    ) -> None:
        """The read-aloud buttons sit side by side in :attr:`speech_row`, which takes one cell
        of this grid (so read-aloud adds one cell, not three). ``speech_apart``: the row is
        not in the grid but a child of ``parent`` that the screen places as one more unit of
        its controls (the attract screen flows its rows of controls that way)."""
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
        self._speech = (False, False, "idle", 3)
        """(available, read-aloud on, "idle"/"speaking"/"paused", volume step)"""
        self._speech_apart = speech_apart
        holder = self.speech_row = QWidget(parent if speech_apart else self)
        self.speech_row.setObjectName("SpeechControls")
        self.speech_row.hide()
        self.listen_button = big_button(theme, icon="mdi6.volume-high", parent=holder)
        self.listen_button.setObjectName("ListenButton")
        self.listen_button.clicked.connect(self.listen_requested)
        self.pause_button = big_button(theme, icon="mdi6.pause", parent=holder)
        self.pause_button.setObjectName("PauseButton")
        self.pause_button.clicked.connect(self.pause_requested)
        self.volume_button = big_button(theme, icon="mdi6.volume-medium", parent=holder)
        self.volume_button.setObjectName("VolumeButton")
        self.volume_button.clicked.connect(self.volume_requested)
        for button in self.speech_buttons:
            button.hide()
        for button in (self.pause_button, self.volume_button):
            button.setStyleSheet("padding: 0px;")  # square: the theme's min-width is the target
        row = QHBoxLayout(self.speech_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.spacing)
        for button in self.speech_buttons:
            row.addWidget(button)
        self.speech_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.spacing)
        self._columns = 0
        for button in self.buttons:
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.retranslate()
        self.set_columns(len(self.units))

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        """Every button, the read-aloud ones too (shown or not)."""
        return (
            self.language_button,
            self.text_size_button,
            self.contrast_button,
            *self.speech_buttons,
        )

    def focused_index(self) -> int | None:
        """Which of :attr:`buttons` has the keyboard focus (None: none of them)."""
        focused = QApplication.focusWidget()
        buttons = self.buttons
        return buttons.index(focused) if focused in buttons else None

    @property
    def units(self) -> tuple[QWidget, ...]:
        """What takes a cell of the grid: three buttons and the read-aloud row (with
        ``speech_apart``, not the row)."""
        own = (self.language_button, self.text_size_button, self.contrast_button)
        return own if self._speech_apart else (*own, self.speech_row)

    @property
    def speech_buttons(self) -> tuple[QPushButton, ...]:
        return (self.listen_button, self.pause_button, self.volume_button)

    @property
    def shown_count(self) -> int:
        """How many cells show (the read-aloud row only where there is speech)."""
        return sum(1 for unit in self.units if not unit.isHidden())

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

    def set_row_gap(self, gap: int) -> None:
        """The gap between rows of buttons (a column beside a page on a short screen is
        tighter than the theme's spacing)."""
        self._grid.setVerticalSpacing(gap)

    def _place(self) -> None:
        """Only the shown units take cells, so a hidden one leaves no hole in a row."""
        for unit in self.units:
            self._grid.removeWidget(unit)
        shown = [unit for unit in self.units if not unit.isHidden()]
        for index, unit in enumerate(shown):
            self._grid.addWidget(unit, index // self._columns, index % self._columns)

    def width_for(self, columns: int) -> int:
        """The width the shown units need at ``columns`` to a row."""
        widths = [u.minimumSizeHint().width() for u in self.units if not u.isHidden()]
        if not widths:
            return 0
        columns = max(1, min(columns, len(widths)))
        rows = [widths[i : i + columns] for i in range(0, len(widths), columns)]
        per_column = [max(row[c] for row in rows if c < len(row)) for c in range(columns)]
        return sum(per_column) + self._grid.spacing() * (columns - 1)

    def flow(self, width: int) -> int:
        """As many buttons to a row as fit in ``width`` (at least one); returns the columns."""
        count = max(1, self.shown_count)
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

    def show_speech(self, *, available: bool, active: bool, state: str, volume: int) -> bool:
        """Read-aloud's state: "Listen" shows where there is speech ("Stop" while reading),
        "Pause" and "Volume" while read-aloud is on. True when a button came or went (the
        screen then arranges its controls again)."""
        speech = (available, active and available, state, volume)
        if speech == self._speech:
            return False
        self._speech = speech
        visible = [b.isHidden() for b in self.speech_buttons]
        self.listen_button.setHidden(not available)
        self.pause_button.setHidden(not speech[1])
        self.volume_button.setHidden(not speech[1])
        self._label_speech()
        changed = visible != [b.isHidden() for b in self.speech_buttons]
        if changed:
            row_was_hidden = self.speech_row.isHidden()
            self.speech_row.setHidden(not available)
            if not self._speech_apart and row_was_hidden != self.speech_row.isHidden():
                self._place()
            for holder in (self.speech_row, self):
                layout = holder.layout()
                if layout is not None:
                    layout.invalidate()  # its sizes now, not those cached before the change
            self.speech_row.updateGeometry()
        return changed

    def _label_speech(self) -> None:
        _available, active, state, volume = self._speech
        p = self._theme.palette
        size = self._theme.px(38)
        listen, stop = self.tr("Listen"), self.tr("Stop")
        reading = state != "idle"
        set_label(
            self.listen_button,
            stop if reading else listen,
            self.tr("Stop reading aloud") if reading else self.tr("Listen: read this screen aloud"),
        )
        self.listen_button.setIcon(
            make_icon("mdi6.stop" if reading else "mdi6.volume-high", size, p.primary)
        )
        if active:
            # Read-aloud on: the three are square media buttons (stop or listen, pause,
            # volume), so they take little more room than "Listen" alone did; their names
            # stay for screen readers and are said as the keys reach them.
            self.listen_button.setText("")
            self.listen_button.setToolTip(self.listen_button.accessibleName())
            self.listen_button.setStyleSheet("padding: 0px;")
        else:
            self.listen_button.setToolTip("")
            hold_width(self.listen_button, [listen, stop])
        # Pause and Volume are square icon buttons (the media symbols everyone knows), so
        # turning read-aloud on adds little to the rows of controls; their names are spoken.
        paused = state == "paused"
        self.pause_button.setAccessibleName(
            self.tr("Resume reading aloud") if paused else self.tr("Pause reading aloud")
        )
        self.pause_button.setIcon(
            make_icon("mdi6.play" if paused else "mdi6.pause", size, p.primary)
        )
        self.pause_button.setEnabled(reading)
        icons = ("mdi6.volume-low", "mdi6.volume-medium", "mdi6.volume-medium", "mdi6.volume-high")
        self.volume_button.setIcon(make_icon(icons[min(volume, 4) - 1], size, p.primary))
        self.volume_button.setAccessibleName(
            self.tr("Volume {0} of {1}. Touch for louder.").format(volume, VOLUME_STEPS)
            if volume < VOLUME_STEPS
            else self.tr("Volume {0} of {1}, the loudest. Touch for the softest.").format(
                volume, VOLUME_STEPS
            )
        )
        for button in (self.pause_button, self.volume_button):
            button.setToolTip(button.accessibleName())

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
        self._label_speech()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
