"""What a screen reader (Orca over AT-SPI, Narrator over UIA) is told about the kiosk's widgets,
beyond what Qt says by itself.

:func:`install` adds one factory to QAccessible (once per process, once the QApplication
exists). It answers for these classes, by name, and leaves every other widget to Qt:

* the form's big choices (``WrappingButton``): radio buttons (the consent box, ``role``
  ``consent``: a check box), checked when chosen, pressed by their action; their group
  (``ChoiceGroup``) a grouping named by its question. Groups and choices carry the invalid
  state while their error shows, and every field its error (else "Required") as its
  description (:func:`set_field_state`, called by ``FormSection``; on a text field through
  Qt's own interface, which keeps reading what was typed);
* pictures (``Picture``): images named by their alt text;
* labels: their words, read afresh; one that shows only an icon is decoration; the menu's
  chapter titles (``ChapterHeading``) are headings;
* what is only there to look at (the start button's ring, the fade over the text, any widget
  whose ``a11y`` property is ``decorative``): invisible,
  with no children, so a screen reader passes over it;
* the idle card (``IdleOverlay``), the staff PIN pad (``PinPad``) and cleaning mode
  (``CleaningOverlay``): alerts, which send an Alert event each time they show;
* the links in a page's text (``PageLink``, see :mod:`kiosk.ui.page_browser`): links named
  by their words, followed by their action.

Qt 6 has no "required" state (``QAccessible.State`` lacks it, and its AT-SPI bridge never sends
one), and its AT-SPI bridge does not send the invalid state either: the description is what
carries both to Orca.

:func:`announce` speaks a status change through the screen reader (page turned, request sent);
:func:`set_language` makes the application report the screen's language (AT-SPI
``GetLocale`` answers with ``QLocale().name()``, the default locale).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

DECORATIVE = "decorative"
"""``a11y`` property of a widget that is only there to look at (set by its owner)."""
INVALID = "a11y-invalid"
REQUIRED = "a11y-required"
"""Dynamic properties of a form field, set by :class:`kiosk.ui.form_parts.FormSection`."""

_installed = False


def install() -> bool:
    """Tell QAccessible how to describe the kiosk's widgets (once; later calls do nothing).

    Call it once the QApplication exists and before the window is built: a factory installed
    earlier is asked only about the kiosk's own widget classes, never about Qt's (labels).
    Without an application it waits for the next call (and returns False)."""
    global _installed
    if not _installed and QCoreApplication.instance() is not None:
        QAccessible.installFactory(_factory)
        _installed = True
    return _installed


def announce(widget: QObject, text: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``text`` (a status change: "Page 2 of 8", "Request sent").

    Polite waits until the reader has finished what it is saying; assertive interrupts it."""
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def alert(widget: QObject) -> None:
    """Tell the screen reader an alert (``widget``) has appeared: it reads it at once."""
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def set_language(language: str) -> None:
    """The screen's language, as the application reports it to a screen reader (``es`` ->
    ``es_ES``), so the reader picks a voice for it."""
    QLocale.setDefault(QLocale(language))


def set_field_state(field: QWidget, *, required: bool, error: str | None) -> None:
    """A form field's state: required or not, and the words of its error (None: no error).

    The description is what the reader says after the field's name: the error, else
    "Required" (Qt has no required state of its own)."""
    was_invalid = bool(field.property(INVALID))
    field.setProperty(REQUIRED, required)
    field.setProperty(INVALID, error is not None)
    if error is not None:
        field.setAccessibleDescription(error)
    elif required:
        field.setAccessibleDescription(QCoreApplication.translate("FormSection", "Required"))
    else:
        field.setAccessibleDescription("")
    if was_invalid != (error is not None):
        change = QAccessible.State()
        change.invalid = True
        QAccessible.updateAccessibility(QAccessibleStateChangeEvent(field, change))


class _Section(Protocol):
    body: QWidget

    def set_required(self, required: bool) -> None: ...


def mark_required(sections: Mapping[str, _Section], required: Iterable[str] | None = None) -> None:
    """Mark the form's required fields (by default the ones the visit model requires)."""
    keys = frozenset(required_fields() if required is None else required)
    for key, section in sections.items():
        section.set_required(key in keys)


def required_fields() -> frozenset[str]:
    """The fields a visit request cannot go without: those an empty form is refused for."""
    from kiosk.visit.model import FieldError, FormInput, check_form

    result = check_form(FormInput(), region="US", locations=("a clinic",))
    missing = (FieldError.REQUIRED, FieldError.CONSENT_NEEDED)
    return frozenset(key for key, error in result.errors.items() if error in missing)


# --- The interfaces ---------------------------------------------------------------------------


class _Pressable(QAccessibleWidget):
    """A widget pressed by its action; its own children (icon and words) are not told."""

    def childCount(self) -> int:
        return 0  # with none counted, nothing asks for one

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction()]

    def doAction(self, actionName: str) -> None:
        if actionName == QAccessibleActionInterface.pressAction():
            self.press()

    def press(self) -> None:
        button = self.widget()
        if isinstance(button, QAbstractButton):
            button.click()


class ChoiceAccessible(_Pressable):
    """One choice: a radio button (or, ``role`` ``consent``, a check box), its state read
    from the button."""

    def __init__(self, button: QWidget) -> None:
        super().__init__(button, QAccessible.Role.RadioButton)

    def role(self) -> QAccessible.Role:
        if self.widget().property("role") == "consent":
            return QAccessible.Role.CheckBox
        return QAccessible.Role.RadioButton

    def state(self) -> QAccessible.State:
        state = super().state()
        button = self.widget()
        state.checkable = True
        state.checked = isinstance(button, QAbstractButton) and button.isChecked()
        state.invalid = bool(button.property(INVALID))
        return state


class GroupAccessible(QAccessibleWidget):
    """A one-of-many group, named by its question; invalid while its error shows."""

    def __init__(self, group: QWidget) -> None:
        super().__init__(group, QAccessible.Role.Grouping)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.invalid = bool(self.widget().property(INVALID))
        return state


class PictureAccessible(QAccessibleWidget):
    """An illustration: an image named by its alt text (a picture without one is decorative:
    see :class:`DecorativeAccessible`)."""

    def __init__(self, picture: QWidget) -> None:
        super().__init__(picture, QAccessible.Role.Graphic)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.invisible = state.invisible or not self.widget().accessibleName()
        return state


class LabelAccessible(QAccessibleWidget):
    """A label, read afresh each time: its words (static text), or its picture when it has a
    name (an image), or nothing when it only shows an icon (decoration: invisible).

    Qt's own label interface cannot be used for this: with a screen reader running, Qt makes a
    widget's interface as the widget is made, before its words or icon are set, and keeps it."""

    def __init__(self, label: QWidget) -> None:
        super().__init__(label, QAccessible.Role.StaticText)

    def _words(self, label: QWidget) -> str:
        if not isinstance(label, QLabel):
            return ""
        words = label.text()
        if "<" in words and label.textFormat() != Qt.TextFormat.PlainText:
            words = QTextDocumentFragment.fromHtml(words).toPlainText()
        return words

    def role(self) -> QAccessible.Role:
        label = self.widget()
        if isinstance(label, QLabel) and not label.text() and not label.pixmap().isNull():
            return QAccessible.Role.Graphic
        return QAccessible.Role.StaticText

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            label = self.widget()
            return label.accessibleName() or self._words(label)
        return str(super().text(t))

    def state(self) -> QAccessible.State:
        state = super().state()
        state.readOnly = True
        if not self.text(QAccessible.Text.Name) or _is_decorative(self.widget()):
            state.invisible = True
        return state

    def childCount(self) -> int:
        return 0


class DecorativeAccessible(QAccessibleWidget):
    """Only there to look at: invisible to a screen reader, with nothing inside."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Client)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.invisible = True
        state.focusable = False
        return state

    def childCount(self) -> int:
        return 0  # with none counted, nothing asks for one


class LinkAccessible(_Pressable):
    """A link in a page's text."""

    def __init__(self, link: QWidget) -> None:
        super().__init__(link, QAccessible.Role.Link)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.linked = True
        state.focusable = False
        return state

    def press(self) -> None:
        follow = getattr(self.widget(), "follow", None)  # kiosk.ui.page_browser.PageLink
        if callable(follow):
            follow()


class HeadingAccessible(LabelAccessible):
    """A heading over a group of controls (the menu's chapter titles): a screen reader can jump
    from one to the next."""

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Heading


class AlertAccessible(QAccessibleWidget):
    """A card that interrupts the patient: an alert, its words its description. It sends an
    Alert event each time it shows (watched from the moment a screen reader first asks about
    it: before that, no reader is listening)."""

    def __init__(self, card: QWidget) -> None:
        super().__init__(card, QAccessible.Role.AlertMessage)
        _ShowWatch(card)  # a child of the card: it goes with it

    def text(self, t: QAccessible.Text) -> str:
        card = self.widget()
        if t == QAccessible.Text.Description and not card.accessibleDescription():
            name = card.accessibleName()
            words = [
                label.text()
                for label in card.findChildren(QLabel)
                if label.text() and label.text() != name and not label.isHidden()
            ]
            return " ".join(words)
        return str(super().text(t))


class _ShowWatch(QObject):
    def __init__(self, card: QWidget) -> None:
        super().__init__(card)
        card.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            alert(watched)
        return False


def _is_decorative(target: QWidget) -> bool:
    return bool(target.property("a11y") == DECORATIVE)


_BY_CLASS: dict[str, Callable[[QWidget], QAccessibleInterface]] = {
    "WrappingButton": ChoiceAccessible,
    "ChoiceGroup": GroupAccessible,
    "PageLink": LinkAccessible,
    "Picture": PictureAccessible,
    "IdleOverlay": AlertAccessible,
    "PinPad": AlertAccessible,
    "CleaningOverlay": AlertAccessible,
    "Halo": DecorativeAccessible,
    "BottomFade": DecorativeAccessible,
    "ChapterHeading": HeadingAccessible,
    "QLabel": LabelAccessible,
}
"""Which interface describes a widget, by its class name. Qt asks with each class name of the
widget's hierarchy in turn (its own first) and, with a screen reader running, already while
the widget is being made: its properties and words are not set yet, and in Python it may not
look like its class yet. So the choice is made by name, and each interface reads the widget
afresh every time it is asked."""


def _factory(key: str, target: QObject) -> QAccessibleInterface | None:
    make = _BY_CLASS.get(key)
    if isinstance(target, QWidget):
        if make is not None:
            return make(target)
        if target.property("a11y") == DECORATIVE:
            return DecorativeAccessible(target)
    return None
