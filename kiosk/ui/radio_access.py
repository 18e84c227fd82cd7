"""What a screen reader is told about the form's one-of-many choices: each choice a radio
button (checkable, checked when chosen, pressed by its action), each group a grouping named by
its question. The choices are big push buttons to look at (kiosk.ui.form_parts.ChoiceGroup);
Qt would report them as toggle buttons without a group.

:func:`install` adds a factory to QAccessible once per process; it answers only for widgets
whose ``role`` property is ``choice`` (a radio button) or ``choice-group`` (their group).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QWidget

_installed = False


class ChoiceAccessible(QAccessibleWidget):
    """One choice: a radio button, its state read from the button."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.RadioButton)
        self._button = button

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = self._button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, actionName: str) -> None:
        if actionName == QAccessibleActionInterface.pressAction():
            self._button.click()


def _factory(key: str, target: QObject) -> QAccessibleInterface | None:
    if isinstance(target, QAbstractButton) and target.property("role") == "choice":
        return ChoiceAccessible(target)
    if isinstance(target, QWidget) and target.property("role") == "choice-group":
        return QAccessibleWidget(target, QAccessible.Role.Grouping)
    return None


def install() -> None:
    """Tell QAccessible how to describe the choices (once; later calls do nothing)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
