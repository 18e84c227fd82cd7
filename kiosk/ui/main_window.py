"""The kiosk's single window: a stack of screens plus the idle overlay, locked down in kiosk mode.

It shows a :class:`~kiosk.session.View` and forwards what the patient touched as signals; the
composition root (``kiosk.app``) decides what happens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.content.model import Deck
from kiosk.session import Screen, View
from kiosk.ui.attract import AttractScreen
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.menu import MenuScreen
from kiosk.ui.out_of_service import OutOfServiceScreen
from kiosk.ui.page_view import HtmlRenderer
from kiosk.ui.reader import ReaderScreen
from kiosk.ui.request_form import RequestFormScreen
from kiosk.ui.thank_you import ThankYouScreen
from kiosk.ui.theme import Theme


class KioskWindow(QWidget):
    start_requested = Signal()
    home_requested = Signal()
    back_requested = Signal()
    next_requested = Signal()
    visit_requested = Signal()
    page_chosen = Signal(str)
    link_activated = Signal(str)
    language_chosen = Signal(str)
    request_submitted = Signal(object)
    """A FormInput the patient sent (unchecked)."""
    request_cancelled = Signal()
    thanks_done = Signal()

    def __init__(self, theme: Theme, render: HtmlRenderer, *, kiosk_mode: bool) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle("Hip pain: learn and ask for a visit")
        self.kiosk_mode = kiosk_mode
        self._closing_allowed = not kiosk_mode
        self.setStyleSheet(theme.stylesheet())

        self.attract = AttractScreen(theme, self)
        self.menu = MenuScreen(theme, self)
        self.reader = ReaderScreen(theme, render, self)
        self.out_of_service = OutOfServiceScreen(theme, self)
        self._theme = theme
        self._request_form: RequestFormScreen | None = None
        self._locations: tuple[str, ...] = ()
        self.thank_you = ThankYouScreen(theme, self)
        self._stack = QStackedLayout(self)
        for screen in (
            self.attract,
            self.menu,
            self.reader,
            self.out_of_service,
            self.thank_you,
        ):
            self._stack.addWidget(screen)
        self.idle_overlay = IdleOverlay(theme, self)

        self.attract.start_requested.connect(self.start_requested)
        self.attract.language_chosen.connect(self.language_chosen)
        self.menu.page_chosen.connect(self.page_chosen)
        self.menu.read_from_start.connect(self.next_requested)
        self.menu.visit_requested.connect(self.visit_requested)
        self.menu.language_chosen.connect(self.language_chosen)
        self.reader.back_requested.connect(self.back_requested)
        self.reader.next_requested.connect(self.next_requested)
        self.reader.home_requested.connect(self.home_requested)
        self.reader.visit_requested.connect(self.visit_requested)
        self.reader.link_activated.connect(self.link_activated)
        self.thank_you.done.connect(self.thanks_done)

    @property
    def request_form(self) -> RequestFormScreen:
        """The visit form, built the first time it is needed (its keyboard alone is a hundred
        widgets, so a kiosk whose patients never ask for a visit does not pay for it)."""
        if self._request_form is None:
            form = RequestFormScreen(self._theme, self)
            form.set_locations(self._locations)
            form.submit_requested.connect(self.request_submitted)
            form.cancel_requested.connect(self.request_cancelled)
            self._stack.addWidget(form)
            self._request_form = form
        return self._request_form

    def set_locations(self, locations: tuple[str, ...]) -> None:
        self._locations = locations
        if self._request_form is not None:
            self._request_form.set_locations(locations)

    def forget_patient_input(self) -> None:
        """Wipe every trace of what was typed or chosen (idle reset, cancel, after sending)."""
        if self._request_form is not None:
            self._request_form.clear()
        self.thank_you.clear()

    def set_animations(self, enabled: bool) -> None:
        self.attract.animations_enabled = enabled
        self.reader.slider.animations_enabled = enabled

    def show_view(self, view: View, languages: tuple[Deck, ...]) -> None:
        if view.screen is Screen.OUT_OF_SERVICE or view.deck is None:
            self._stack.setCurrentWidget(self.out_of_service)
            return
        if view.screen is Screen.ATTRACT:
            self.attract.show_deck(view.deck, languages)
            self._stack.setCurrentWidget(self.attract)
        elif view.screen is Screen.MENU:
            self.menu.show_deck(view.deck, languages)
            self._stack.setCurrentWidget(self.menu)
        elif view.screen is Screen.REQUEST_FORM:
            self.request_form.set_language(view.deck.language)
            self._stack.setCurrentWidget(self.request_form)
        elif view.screen is Screen.THANK_YOU:
            self._stack.setCurrentWidget(self.thank_you)
        else:
            self._stack.setCurrentWidget(self.reader)
            self.reader.show_view(view)

    @property
    def current_screen(self) -> QWidget:
        widget = self._stack.currentWidget()
        assert widget is not None  # the stack always holds the four screens
        return widget

    def allow_close(self) -> None:
        """Let the next close through (self-test, supervised shutdown)."""
        self._closing_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_allowed:
            event.accept()
        else:
            event.ignore()  # Alt+F4 and window-manager close do not end a kiosk

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.idle_overlay.isVisible():
            self.idle_overlay.setGeometry(self.rect())
