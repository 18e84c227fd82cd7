"""The staff panel's controls: the USB export's folder buttons, and "This kiosk"'s default
look, cleaning mode and exit (with its inline question). They only show and forward touches as
signals; :mod:`kiosk.ui.staff_panel` places them, :mod:`kiosk.staff_side` acts on them.
Decisions: the default look's buttons mark what the kiosk uses, not the last touch; "Exit the
kiosk" asks first, inline, with the safe "No" first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.keys import focus_on
from kiosk.ui.staff_pages import Flow, WordsButton, label, set_words, shown
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue
from kiosk.ui.widgets import big_button, set_label

MAX_EXPORT_FOLDERS = 8
"""Export folders offered (USB sticks plugged in at once)."""
TEXT_STEPS = (1, 2, 3)
"""The default text sizes staff can choose (:data:`kiosk.ui.theme.Theme.TEXT_STEPS`)."""


class ExportChoices(QWidget):
    """Where the usage counts can be saved: a big button per folder (a USB stick), or what
    to do when there is none, and "Look for USB sticks again"."""

    export_requested = Signal(Path)
    export_folders_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._folders: tuple[Path, ...] = ()
        self._rescue = TapRescue(self)
        self._heading = label("section", self)
        self._list = Flow(theme.spacing // 2, self)
        self.folder_buttons: list[WordsButton] = []
        self._none = label("body", self)
        self.look_again_button = WordsButton(theme, self)
        self.look_again_button.installEventFilter(self._rescue)
        self.look_again_button.clicked.connect(self.export_folders_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing)
        for part in (self._heading, self._list, self._none, self.look_again_button):
            column.addWidget(part)
        self.set_folders(())

    def set_folders(self, folders: Sequence[Path]) -> None:
        self._folders = tuple(folders[:MAX_EXPORT_FOLDERS])
        for button in self.folder_buttons:
            button.hide()
            button.deleteLater()
        self.folder_buttons = []
        for folder in self._folders:
            button = WordsButton(self._theme)
            button.installEventFilter(self._rescue)
            button.clicked.connect(lambda _=False, path=folder: self.export_requested.emit(path))
            self.folder_buttons.append(button)
        self._list.set_items(self.folder_buttons)
        self._list.setVisible(bool(self._folders))
        self._none.setVisible(not self._folders)
        self.retranslate()

    def retranslate(self) -> None:
        set_words(self._heading, self.tr("Save the counts on a USB stick"))
        set_words(
            self._none, self.tr('Put in a USB stick, then touch "Look for USB sticks again".')
        )
        self.look_again_button.set_text(self.tr("Look for USB sticks again"))
        for button, folder in zip(self.folder_buttons, self._folders, strict=True):
            name = shown(folder.name or str(folder))
            button.set_text(self.tr("Save to {0} ({1})").format(name, shown(str(folder))))


class KioskControls(QWidget):
    """The kiosk's defaults (text size 1 to 3, contrast), cleaning mode, and Exit, which asks
    first, inline: only "Yes" emits ``exit_requested``."""

    default_look_chosen = Signal(int, bool)
    cleaning_requested = Signal()
    exit_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._look = (1, False)
        self._size_heading = label("section", self)
        self.text_size_buttons = {step: self._choice() for step in TEXT_STEPS}
        self._contrast_heading = label("section", self)
        self.contrast_buttons = {high: self._choice() for high in (False, True)}
        self.cleaning_button = WordsButton(theme, self)
        self.exit_button = WordsButton(theme, self)
        self._question = label("body", self)
        self.yes_button = big_button(theme, icon="mdi6.exit-run")
        self.no_button = big_button(
            theme, role="primary", icon="mdi6.undo", icon_colour=theme.palette.on_primary
        )
        self._answers = self._flow([self.no_button, self.yes_button])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing)
        column.addWidget(self._size_heading)
        column.addWidget(self._flow(list(self.text_size_buttons.values())))
        column.addWidget(self._contrast_heading)
        column.addWidget(self._flow(list(self.contrast_buttons.values())))
        for part in (self.cleaning_button, self.exit_button, self._question, self._answers):
            column.addWidget(part)
        self._connect_signals()
        self._question.hide()
        self._answers.hide()
        self._mark()
        self.retranslate()

    def _choice(self) -> QPushButton:
        button = big_button(self._theme, role="language")  # checked: filled, like a choice
        button.setCheckable(True)
        return button

    def _flow(self, items: list[QPushButton]) -> Flow:
        flow = Flow(self._theme.spacing // 2, self)
        flow.set_items(items)
        return flow

    def _connect_signals(self) -> None:
        rescue = TapRescue(self)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses, as Space does
            button.installEventFilter(rescue)
        for step, button in self.text_size_buttons.items():
            button.clicked.connect(lambda _=False, step=step: self._choose(step, None))
        for high, button in self.contrast_buttons.items():
            button.clicked.connect(lambda _=False, high=high: self._choose(None, high))
        self.cleaning_button.clicked.connect(self.cleaning_requested)
        self.exit_button.clicked.connect(self._ask)
        self.yes_button.clicked.connect(lambda: self.answer(yes=True))
        self.no_button.clicked.connect(lambda: self.answer(yes=False))

    def set_default_look(self, step: int, high: bool) -> None:
        if step not in TEXT_STEPS:
            raise ValueError(f"text step must be one of {TEXT_STEPS}, not {step}")
        self._look = (step, high)
        self._mark()

    def _choose(self, step: int | None, high: bool | None) -> None:
        chosen = (self._look[0] if step is None else step, self._look[1] if high is None else high)
        self._mark()  # the mark follows set_default_look, not the tap
        self.default_look_chosen.emit(*chosen)

    def _mark(self) -> None:
        step, high = self._look
        for value, button in self.text_size_buttons.items():
            button.setChecked(value == step)
        for value, button in self.contrast_buttons.items():
            button.setChecked(value == high)

    def _ask(self) -> None:
        by_keys = self.exit_button.hasFocus()
        self.exit_button.hide()
        self._question.show()
        self._answers.show()
        if by_keys:
            focus_on(self.no_button)  # the safe answer

    def answer(self, *, yes: bool) -> None:
        """Answer the exit question (No also when the page is left or the panel closes)."""
        if self._question.isHidden():
            return
        focused = QApplication.focusWidget()
        by_keys = focused is not None and self._answers.isAncestorOf(focused)
        self._question.hide()
        self._answers.hide()
        self.exit_button.show()
        if by_keys:
            focus_on(self.exit_button)
        if yes:
            self.exit_requested.emit()

    def retranslate(self) -> None:
        set_words(self._size_heading, self.tr("Default text size"))
        sizes = (self.tr("Normal"), self.tr("Larger"), self.tr("Largest"))
        for button, size in zip(self.text_size_buttons.values(), sizes, strict=True):
            set_label(button, size)
        set_words(self._contrast_heading, self.tr("Default contrast"))
        set_label(self.contrast_buttons[False], self.tr("Standard"))
        set_label(self.contrast_buttons[True], self.tr("High"))
        self.cleaning_button.set_text(self.tr("Cleaning mode (60 s)"))
        self.exit_button.set_text(self.tr("Exit the kiosk"))
        set_words(
            self._question,
            self.tr(
                "Exit the kiosk? The screen will show the computer's desktop until the kiosk "
                "is started again."
            ),
        )
        set_label(self.yes_button, self.tr("Yes"))
        set_label(self.no_button, self.tr("No"))
