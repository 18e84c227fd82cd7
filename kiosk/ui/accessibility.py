"""What a screen reader (Orca over AT-SPI, Narrator over UIA) is told about the kiosk's widgets,
beyond what Qt says by itself.

:func:`install` adds one factory to QAccessible (once per process). It answers only for the
widgets below and leaves every other widget to Qt's own description:

* a form's one-of-many choices (``role`` property ``choice``): radio buttons, checked when
  chosen, pressed by their action; their group (``choice-group``) a grouping named by its
  question; the consent box (``consent``) a check box. Groups and the box carry the invalid
  state while their error shows, and the error as their description (:class:`FormSection`
  puts it there; a text field gets the description too, through Qt's own interface);
* pictures (:class:`kiosk.ui.widgets.Picture`): images named by their alt text;
* labels: their words, read afresh (a label that shows only an icon is decoration);
* what is only there to look at (a label that shows only an icon, the start button's ring,
  the fade over the text, the page dots beside "Page 1 of 8", a picture without words): marked
  invisible, with no children, so a screen reader passes over it;
* the idle card (``IdleOverlay``): an alert, which says so (an Alert event) when it shows;
* the links in a page's text (:class:`PageLink`, laid over each link by :func:`place_links`):
  links named by their words, followed by their action.

Qt 6 has no "required" state (``QAccessible.State`` lacks it, and its AT-SPI bridge never sends
one), so a required field says so in its description; and Qt's text fields keep Qt's own
interface (what was typed is read through it), so on them the error is the description only.

:func:`announce` speaks a status change through the screen reader (page turned, request sent);
:func:`set_language` makes the application report the screen's language (AT-SPI
``GetLocale`` answers with ``QLocale().name()``, the default locale).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QTextCursor,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QTextEdit, QWidget

DECORATIVE = "decorative"
"""``a11y`` property of a widget that is only there to look at (set by its owner)."""
DECORATIVE_CLASSES = frozenset({"ProgressDots"})
"""Widgets of other modules that only repeat what words beside them say."""
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


# --- Links in a page's text -----------------------------------------------------------------


class PageLink(QWidget):
    """One link of a page's text as a screen reader sees it: an empty widget lying over the
    link's words (touches pass through to the text), named by them, followed by its action."""

    def __init__(self, parent: QWidget, target: str, words: str, follow: Callable[[str], None]):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("role", "page-link")
        self.target = target
        self._follow = follow
        self.setAccessibleName(words)

    def follow(self) -> None:
        self._follow(self.target)


def page_links(text: QTextEdit) -> list[tuple[str, str, int, int]]:
    """Each link in ``text``'s document: its target, its words, where it starts and ends."""
    links: list[tuple[str, str, int, int]] = []
    block = text.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            form = fragment.charFormat()
            if fragment.isValid() and form.isAnchor() and form.anchorHref():
                href, start = form.anchorHref(), fragment.position()
                end = start + fragment.length()
                if links and links[-1][0] == href and links[-1][3] == start:  # one link, styled
                    previous = links.pop()
                    links.append((href, previous[1] + fragment.text(), previous[2], end))
                else:
                    links.append((href, fragment.text(), start, end))
            iterator += 1
        block = block.next()
    return links


def place_links(text: QTextEdit, follow: Callable[[str], None]) -> list[PageLink]:
    """Lay a :class:`PageLink` over each link of ``text``, children of its viewport (so they
    scroll with the text). The ones laid before are moved (after a resize) or renamed; those
    left over are hidden (a screen reader passes over them) and kept for the next page.

    Never deleted nor given back a parent of None: with either, a visit by keys left the
    window's QWindow wrapper invalid at close (PySide 6.11, tests/e2e/test_keys_journey.py
    with a screen reader active). A page has a few links: the kept ones cost nothing."""
    viewport = text.viewport()
    laid = viewport.findChildren(PageLink, options=Qt.FindChildOption.FindDirectChildrenOnly)
    placed = []
    for index, (href, words, start, end) in enumerate(page_links(text)):
        if index < len(laid):
            link = laid[index]
            link.target = href
            link.setAccessibleName(words.strip())
        else:
            link = PageLink(viewport, href, words.strip(), follow)
        link.setGeometry(_span(text, start, end))
        link.show()
        placed.append(link)
    for extra in laid[len(placed) :]:
        extra.hide()
    return placed


def _span(text: QTextEdit, start: int, end: int) -> QRect:
    """The viewport rectangle around the words from ``start`` to ``end``."""
    cursor = QTextCursor(text.document())
    cursor.setPosition(start)
    first = text.cursorRect(cursor)
    cursor.setPosition(end)
    last = text.cursorRect(cursor)
    if first.top() == last.top():
        return QRect(first.topLeft(), last.bottomRight()).normalized()
    return QRect(0, first.top(), text.viewport().width(), last.bottom() - first.top() + 1)


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
        link = self.widget()
        if isinstance(link, PageLink):
            link.follow()


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
    return target.property("a11y") == DECORATIVE or type(target).__name__ in DECORATIVE_CLASSES


_BY_CLASS: dict[str, Callable[[QWidget], QAccessibleInterface]] = {
    "WrappingButton": ChoiceAccessible,
    "ChoiceGroup": GroupAccessible,
    "PageLink": LinkAccessible,
    "Picture": PictureAccessible,
    "IdleOverlay": AlertAccessible,
    "Halo": DecorativeAccessible,
    "BottomFade": DecorativeAccessible,
    **{name: DecorativeAccessible for name in DECORATIVE_CLASSES},
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
