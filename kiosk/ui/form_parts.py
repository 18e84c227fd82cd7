"""Building blocks of the visit form: big one-of-many choices and titled sections."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.icons import icon_pixmap
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue
from kiosk.ui.widgets import big_button, set_label


def two_state_icon(theme: Theme, off: str, on: str, off_colour: str, on_colour: str) -> QIcon:
    size = theme.px(40)
    icon = QIcon()
    icon.addPixmap(icon_pixmap(off, size, off_colour), QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(icon_pixmap(on, size, on_colour), QIcon.Mode.Normal, QIcon.State.On)
    return icon


def plain_label(role: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ChoiceGroup(QWidget):
    """Big one-of-many buttons in a grid; none chosen until the patient taps one."""

    changed = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.spacing // 2)
        self.buttons: dict[str, QPushButton] = {}
        self._rescue = TapRescue(self)
        p = theme.palette
        self._icon = two_state_icon(
            theme, "mdi6.radiobox-blank", "mdi6.radiobox-marked", p.primary, p.on_primary
        )

    def set_choices(self, keys: tuple[str, ...], columns: int = 2) -> None:
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        for index, key in enumerate(keys):
            button = big_button(self._theme, role="choice", parent=self)
            button.setCheckable(True)
            button.installEventFilter(self._rescue)
            button.setIcon(self._icon)
            button.setIconSize(QSize(self._theme.px(40), self._theme.px(40)))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, chosen=key: self.choose(chosen))
            set_label(button, key)
            self._grid.addWidget(button, index // columns, index % columns)
            self.buttons[key] = button

    def set_labels(self, labels: Mapping[str, str]) -> None:
        for key, button in self.buttons.items():
            set_label(button, labels.get(key, key))

    def choose(self, key: str) -> None:
        for other, button in self.buttons.items():
            button.setChecked(other == key)
        self.changed.emit()

    def value(self) -> str:
        return next((key for key, b in self.buttons.items() if b.isChecked()), "")

    def clear(self) -> None:
        for button in self.buttons.values():
            button.setChecked(False)


class FormSection(QWidget):
    """A heading, an optional hint, the field itself and, when needed, the words of an error."""

    def __init__(self, theme: Theme, body: QWidget, centred: bool = False) -> None:
        super().__init__()
        self.body = body
        self.heading = plain_label("field", self)
        self.hint = plain_label("small", self)
        self.error_row = QWidget(self)
        icon = plain_label("", self.error_row)
        icon.setPixmap(icon_pixmap("mdi6.alert-circle", theme.px(36), theme.palette.accent))
        self.error_text = plain_label("error", self.error_row)
        row = QHBoxLayout(self.error_row)
        row.setContentsMargins(0, theme.spacing // 3, 0, 0)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.error_text, 1)
        self.error_row.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing // 3)
        for widget in (self.heading, self.hint, body, self.error_row):
            column.addWidget(widget)
        if centred:
            column.setAlignment(body, Qt.AlignmentFlag.AlignHCenter)

    def set_texts(self, heading: str, hint: str = "") -> None:
        self.heading.setText(heading)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def set_error(self, words: str | None) -> None:
        self.error_text.setText(words or "")
        self.error_row.setVisible(words is not None)
