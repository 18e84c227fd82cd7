"""The kiosk's single window and the UI's one face: a stack of screens (attract, menu, reader,
out of service, thank you, and the visit form once it is first needed) plus the idle overlay,
locked down in kiosk mode.

It shows a :class:`~kiosk.session.View`, takes a few other instructions as methods
(``show_thanks``, ``show_request_errors``, ``show_idle_warning`` ...) and forwards what the
patient touched as signals; the composition root (``kiosk.app``) decides what happens and never
reaches into a screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedLayout, QWidget

from kiosk.content.model import Deck
from kiosk.session import Screen, View
from kiosk.ui.attract import AttractScreen
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.menu import MenuScreen
from kiosk.ui.out_of_service import OutOfServiceScreen
from kiosk.ui.page_view import HtmlRenderer
from kiosk.ui.reader import ReaderScreen
from kiosk.ui.request_form import RequestFormScreen
from kiosk.ui.swipe import SwipeDetector
from kiosk.ui.thank_you import ThankYouScreen
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.visit.model import FieldError


WINDOWED_SIZE = (1280, 800)
"""The window's size outside kiosk mode (``--windowed`` on a laptop)."""


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
    still_here = Signal()
    """The patient touched "I'm still here" on the idle warning."""
    more_time = Signal()
    """The patient touched "I need more time" on the idle warning."""
    swiped_left = Signal()
    """A one-finger swipe to the left over the page (next page)."""
    swiped_right = Signal()

    def __init__(self, theme: Theme, render: HtmlRenderer, *, kiosk_mode: bool) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle("Hip pain: learn and ask for a visit")
        self.kiosk_mode = kiosk_mode
        self._closing_allowed = not kiosk_mode
        self._cursor_hidden = False
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
        self._swipe = SwipeDetector(self.reader.slider)
        self._connect_signals()

    def _connect_signals(self) -> None:
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
        self.reader.language_chosen.connect(self.language_chosen)
        self.thank_you.done.connect(self.thanks_done)
        self.thank_you.language_chosen.connect(self.language_chosen)
        self.idle_overlay.still_here.connect(self.still_here)
        self.idle_overlay.more_time.connect(self.more_time)
        self._swipe.swiped_left.connect(self.swiped_left)
        self._swipe.swiped_right.connect(self.swiped_right)
        app = QApplication.instance()
        if app is not None:  # the swipe detector watches touches before any widget sees them
            app.installEventFilter(self._swipe)

    @property
    def request_form(self) -> RequestFormScreen:
        """The visit form, built the first time it is needed (its keyboard alone is a hundred
        widgets, so a kiosk whose patients never ask for a visit does not pay for it)."""
        if self._request_form is None:
            form = RequestFormScreen(self._theme, self)
            form.set_locations(self._locations)
            form.submit_requested.connect(self.request_submitted)
            form.cancel_requested.connect(self.request_cancelled)
            form.language_chosen.connect(self.language_chosen)
            self._stack.addWidget(form)
            self._request_form = form
        return self._request_form

    def set_locations(self, locations: tuple[str, ...]) -> None:
        self._locations = locations
        if self._request_form is not None:
            self._request_form.set_locations(locations)

    def set_content_problems(self, count: int) -> None:
        """How many content problems the out-of-service screen names for staff."""
        self.out_of_service.set_problem_count(count)

    def show_request_errors(self, errors: Mapping[str, FieldError]) -> None:
        """The form was incomplete: say what is missing, field by field."""
        self.request_form.show_errors(errors)

    def show_request_not_saved(self) -> None:
        """The request could not be stored: the patient is told, nothing is cleared."""
        self.request_form.show_not_saved()

    def show_thanks(self, reference: str) -> None:
        """The request is stored: the thank-you screen will show its reference code."""
        self.thank_you.show_reference(reference)

    def show_idle_warning(self, seconds_left: int) -> None:
        """ "Are you still there?" over everything, counting down."""
        self.idle_overlay.show_countdown(seconds_left)

    def hide_idle_warning(self) -> None:
        self.idle_overlay.hide()

    def forget_patient_input(self) -> None:
        """Wipe every trace of what was typed or chosen (idle reset, cancel, after sending)."""
        if self._request_form is not None:
            self._request_form.clear()
        self.thank_you.clear()
        self.attract.forget_motion_choice()  # "Stop motion" is this patient's choice

    def set_animations(self, enabled: bool) -> None:
        self.attract.animations_enabled = enabled
        self.reader.slider.animations_enabled = enabled
        for pane in self.reader.slider.panes:  # the "More below" glide
            pane.animations_enabled = enabled

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
            self.request_form.show_languages(view.deck.language, languages)
            self._stack.setCurrentWidget(self.request_form)
        elif view.screen is Screen.THANK_YOU:
            self.thank_you.show_languages(view.deck.language, languages)
            self._stack.setCurrentWidget(self.thank_you)
        else:
            self._stack.setCurrentWidget(self.reader)
            self.reader.show_languages(view.deck.language, languages)
            self.reader.show_view(view)

    @property
    def current_screen(self) -> QWidget:
        widget = self._stack.currentWidget()
        assert widget is not None  # the stack always holds its screens
        return widget

    def present(self, *, fullscreen: bool, hide_cursor: bool) -> None:
        """Show the window: borderless over the whole primary screen, or as a normal window
        (laptops, tests); with ``hide_cursor`` the mouse pointer is hidden until
        :meth:`close_for_good`."""
        if fullscreen:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                # Without a window manager (bare X, some kiosk shells) "fullscreen" is only a
                # hint: also cover the screen ourselves.
                self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(*WINDOWED_SIZE)
            self.show()
        if hide_cursor and not self._cursor_hidden:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._cursor_hidden = True

    def close_for_good(self) -> None:
        """Stop watching input, close and delete (self-test, tests, supervised shutdown)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._swipe)
        if self._cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_hidden = False
        self._closing_allowed = True
        self.close()
        self.deleteLater()

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
