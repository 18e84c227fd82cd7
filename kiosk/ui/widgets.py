"""Building blocks shared by the screens: the screen base, bars, big buttons, illustrations.

Pictures are drawn by :func:`kiosk.ui.picture_draw.render_picture` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.reach import ReachBand
from kiosk.ui.icons import make_icon
from kiosk.ui.keys import Action, focusable, reading_order
from kiosk.ui.picture_backdrop import on_backdrop
from kiosk.ui.picture_draw import render_picture as render_picture
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.speech.script import Script

QWIDGETSIZE_MAX = (1 << 24) - 1
"""Qt's largest widget size: a maximum width or height of this is no maximum."""


def big_button(
    theme: Theme,
    *,
    role: str = "",
    icon: str | None = None,
    icon_colour: str | None = None,
    parent: QWidget | None = None,
) -> QPushButton:
    """A touch button at least ``theme.target`` high; text and accessible name set by caller."""
    return make_big(QPushButton(parent), theme, role=role, icon=icon, icon_colour=icon_colour)


def make_big(
    button: QPushButton,
    theme: Theme,
    *,
    role: str = "",
    icon: str | None = None,
    icon_colour: str | None = None,
) -> QPushButton:
    """Give ``button`` (of any QPushButton class) the big touch button's size, role and icon."""
    if role:
        button.setProperty("role", role)
    # Keys give focus (Tab, arrows: kiosk.ui.keys), a tap never does: no ring left behind.
    # The on-screen keyboard's keys never take it: they type into the field that has it.
    on_screen_key = role in ("key", "key-special")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus if on_screen_key else Qt.FocusPolicy.TabFocus)
    button.setMinimumHeight(theme.target)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if icon:
        size = theme.px(38)
        button.setIcon(make_icon(icon, size, icon_colour or theme.palette.primary))
        button.setIconSize(QSize(size, size))
    return button


def set_label(button: QPushButton, text: str, accessible: str | None = None) -> None:
    """Set a button's visible text and the name a screen reader speaks."""
    button.setText(text)
    button.setAccessibleName(accessible or text)


class Picture(QWidget):
    """Shows one illustration as large as its box allows; re-renders only when the size changes."""

    def __init__(self, parent: QWidget | None = None, backdrop: str = "") -> None:
        """``backdrop``: the colour of the card a see-through drawing is shown on (so its dark
        lines stay visible on a dark background; see kiosk.ui.picture_backdrop)."""
        super().__init__(parent)
        self._backdrop = backdrop
        self._path: Path | None = None
        self._pixmap = QPixmap()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)

    def set_picture(self, path: Path | None, description: str = "") -> None:
        self.setAccessibleName(description)
        if path != self._path:
            self._path = path
            self._pixmap = QPixmap()
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._pixmap = QPixmap()
        super().resizeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # A full-screen picture is megabytes; off screen it is redrawn when next shown.
        self._pixmap = QPixmap()
        super().hideEvent(event)

    def _current_pixmap(self) -> QPixmap:
        if self._path is not None and self._pixmap.isNull() and not self.size().isEmpty():
            self._pixmap = on_backdrop(
                render_picture(self._path, self.size(), self.devicePixelRatioF()), self._backdrop
            )
        return self._pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        pixmap = self._current_pixmap()
        if pixmap.isNull():
            return
        logical = pixmap.deviceIndependentSize()
        x = (self.width() - logical.width()) / 2
        y = (self.height() - logical.height()) / 2
        painter = QPainter(self)
        painter.drawPixmap(round(x), round(y), pixmap)
        painter.end()


class ScreenWidget(QWidget):
    """Base of every full-window screen widget: themed background, live re-translation.

    Not to be confused with :class:`kiosk.session.Screen`, the enum naming which screen shows.

    Subclasses put every visible string in ``retranslate()``; it runs again whenever the
    interface language changes.

    Read-aloud: :meth:`speech_script` is what "Listen" reads on this screen, :meth:`short_title`
    what is said when the screen comes up while read-aloud is on; ``narrate`` carries a
    :data:`~kiosk.speech.script.Script` the screen wants said at once (an error, the key under
    the finger). The window says it only while read-aloud is on; never put in it what the
    patient typed.
    """

    narrate = Signal(object)
    """A Script to say now, interrupting (spoken only while read-aloud is on)."""
    narrates_focus = False
    """True for a screen that says its own focus moves through :attr:`narrate` (the form:
    question, kind and state); the window then does not also say the control's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.reach = ReachBand(0, 0, 0)
        """The rows of the window a seated patient can reach (see :mod:`kiosk.reach`)."""

    def set_reach(self, band: ReachBand) -> None:
        """The window's reach band changed (its size or the mounting settings did)."""
        if band != self.reach:
            self.reach = band
            self.place_for_reach()

    def place_for_reach(self) -> None:
        """Move the controls a patient needs into :attr:`reach`; screens whose controls can
        fall outside it (the top bar of a portrait screen) override this."""

    def retranslate(self) -> None:
        """Set every visible string; called on construction and on each language change."""

    # --- Keys (kiosk.ui.keys.KeyScope) -----------------------------------------------------

    def focus_order(self) -> list[QWidget]:
        """The controls keys can reach now, in reading order (rows top to bottom, each left
        to right); screens with an order of their own override it."""
        return reading_order(focusable(self))

    def first_focus(self) -> QWidget | None:
        """Where a key user's focus goes when this screen shows (None: its first control)."""
        return None

    def key_action(self, action: Action) -> bool:
        """Carry out a key's ``action`` if it means something of its own on this screen (Back,
        Home, the page keys); False leaves it to the navigator (moving the focus, pressing)."""
        return False

    # --- Read-aloud (kiosk.ui.read_aloud) --------------------------------------------------

    def speech_script(self) -> Script:
        """What "Listen" reads on this screen, in order (empty: nothing to read)."""
        return ()

    def short_title(self) -> Script:
        """What read-aloud says when this screen comes up (a page turn: "Page 3 of 8. The hip
        joint."); by default the first utterance of :meth:`speech_script`."""
        return self.speech_script()[:1]

    def show_reading(self, part: str) -> None:
        """Read-aloud is at ``part`` of :meth:`speech_script` ("" when it stopped): screens
        with parts of their own (the reader's title, picture, text) show which."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def bar(object_name: str, parent: QWidget) -> QWidget:
    """A full-width strip (``TopBar`` or ``NavBar`` in the style sheet) holding buttons."""
    strip = QWidget(parent)
    strip.setObjectName(object_name)
    strip.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    return strip


def screen_column(owner: QWidget, top: QWidget, middle: QWidget, bottom: QWidget) -> QVBoxLayout:
    """The screens' common shape: a bar on top, the content stretching, a bar below."""
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top)
    layout.addWidget(middle, 1)
    layout.addWidget(bottom)
    return layout


def hold_width(button: QPushButton, texts: Iterable[str], style: str = "") -> None:
    """Keep ``button`` wide enough for the longest of ``texts`` (the labels it can show).

    The theme's ``min-width`` is an explicit minimum, and an explicit minimum lets a tight
    layout squeeze a button below its label (seen at 1366x768). A ``min-width`` of the button's
    own, measured here, holds through every re-polish. ``style`` is the rest of its own sheet.
    """
    shown = button.text()
    button.setStyleSheet(f"{style} min-width: 0px;")
    button.ensurePolished()
    box = button.minimumWidth()  # min-width 0 plus the padding and border
    widest = 0
    for text in texts:
        button.setText(text)
        widest = max(widest, button.sizeHint().width())
    button.setText(shown)
    button.setStyleSheet(f"{style} min-width: {max(0, widest - box)}px;")
