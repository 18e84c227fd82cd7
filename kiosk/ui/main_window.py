"""The kiosk's single window and the UI's one face: a stack of screens (attract, menu, reader,
out of service, thank you, and the visit form once it is first needed) plus the idle overlay,
locked down in kiosk mode.

It shows a :class:`~kiosk.session.View`, takes a few other instructions as methods
(``show_thanks``, ``show_request_errors``, ``show_idle_warning`` ...) and forwards what the
patient touched as signals; the composition root (``kiosk.app``) decides what happens and never
reaches into a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QResizeEvent,
    QShowEvent,
    QWindow,
)
from PySide6.QtWidgets import (
    QLayout,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Deck
from kiosk.reach import ReachBand, reach_band
from kiosk.session import Look, Screen, View
from kiosk.ui import accessibility
from kiosk.ui.attract import AttractScreen
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.keys import KeyNavigator, KeyScope, focus_on
from kiosk.ui.menu import MenuScreen
from kiosk.ui.out_of_service import OutOfServiceScreen
from kiosk.ui.page_view import HtmlRenderer
from kiosk.ui.read_aloud import ReadAloud
from kiosk.ui.reader import ReaderScreen
from kiosk.ui.request_form import RequestFormScreen
from kiosk.ui.staff_gesture import StaffGesture
from kiosk.ui.swipe import SwipeDetector
from kiosk.ui.thank_you import ThankYouScreen
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import ScreenWidget
from kiosk.ui.window_speech import WindowSpeech
from kiosk.visit.model import FormInput

if TYPE_CHECKING:
    from kiosk.visit.model import FieldError
    from kiosk.visit.promise import Clause


S = TypeVar("S", bound=ScreenWidget)
W = TypeVar("W", bound=QWidget)

WINDOWED_SIZE = (1280, 800)
"""The window's size outside kiosk mode (``--windowed`` on a laptop)."""


PREBUILT: tuple[type[ScreenWidget], ...] = (AttractScreen, MenuScreen, ReaderScreen)
"""Built ahead in idle moments: the screens every visit goes through. The others (form,
thank-you, out of service) are built when first needed, so a kiosk does not keep widgets for
screens most visits never see."""
RETIRE_AFTER_MS = 250
"""How long the screens of the previous look wait, hidden, before they are deleted."""
PREBUILD_GAP_MS = 100
PREBUILD_DELAY_MS = 500
"""Before the first screen built ahead: the screen just shown paints first, undisturbed."""
"""Between two screens built ahead: time to paint and to serve a touch in between."""


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
    question_answered = Signal(str)
    """The patient answered the form's question ``key`` (which one only: usage counts)."""
    thanks_done = Signal()
    still_here = Signal()
    """The patient touched "I'm still here" on the idle warning."""
    more_time = Signal()
    """The patient touched "I need more time" on the idle warning."""
    swiped_left = Signal()
    """A one-finger swipe to the left over the page (next page)."""
    swiped_right = Signal()
    text_size_requested = Signal()
    """The patient touched "Larger text" (or "Normal text" at the largest size)."""
    contrast_requested = Signal()
    """The patient touched "High contrast"."""
    staff_requested = Signal()
    """Someone made the hidden staff gesture (kiosk.ui.staff_gesture)."""

    def __init__(self, theme: Theme, render: HtmlRenderer, *, kiosk_mode: bool) -> None:
        """``theme`` is the normal look (text step 1, standard palette); each view's
        :class:`~kiosk.session.Look` picks the text step and palette from it (a view whose
        look differs from the one shown rebuilds the screens)."""
        super().__init__()
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setWindowTitle("Hip pain: learn and ask for a visit")
        self.kiosk_mode = kiosk_mode
        self._closing_allowed = not kiosk_mode
        self._cursor_hidden = False
        self._base_theme = theme
        self._theme = theme
        self._render = render
        self._look = Look()
        self._screens: dict[type[ScreenWidget], ScreenWidget] = {}
        self._carried: dict[type[ScreenWidget], Callable[[Any], None]] = {}
        """What a screen of the previous look held, to put back when it is next built."""
        self._locations: tuple[str, ...] = ()
        self._privacy: tuple[Clause, ...] = ()
        self._problem_count = 0
        self._animations = True
        self._reach_settings = (0, 0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self._host, self._stack = self._new_host()
        self._swipe = SwipeDetector(self)
        self._swipe.swiped_left.connect(self.swiped_left)
        self._swipe.swiped_right.connect(self.swiped_right)
        self._prebuild = QTimer(self, singleShot=True, interval=PREBUILD_GAP_MS)
        self._prebuild.timeout.connect(self._build_next_screen)
        self._swipe_handle: QWindow | None = None
        self.idle_overlay = self._make_idle_overlay()
        self._staff_overlays: list[QWidget] = []
        """The PIN pad, staff panel or cleaning screen over the kiosk (kiosk.staff_side)."""
        self.staff_gesture = StaffGesture(self)
        self.staff_gesture.requested.connect(self.staff_requested)
        self.keys = KeyNavigator(self, self._key_scope)
        """The key map (kiosk.ui.keys) at work on every screen but the form."""
        self.speech: WindowSpeech | None = None
        self._shown: tuple[Screen, str] = (Screen.ATTRACT, "")
        """The screen and page shown last (a change of them is announced)."""
        """Read-aloud (set by the composition root: :meth:`use_read_aloud`)."""
        # The window itself holds the focus until a key moves it: otherwise Qt hands it to the
        # first button when the window activates, and a touch user would see a focus ring.
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- The screens, each built when first needed ------------------------------------------
    #
    # Sizes and colours are fixed when a widget is built, so a new text size or palette means
    # new screens. Only the one the patient looks at is built at once (the tap on "Larger text"
    # repaints quickly); the attract screen, menu and reader follow in idle moments (PREBUILT),
    # the rest when first needed.

    @property
    def attract(self) -> AttractScreen:
        return self._screen(AttractScreen)

    @property
    def menu(self) -> MenuScreen:
        return self._screen(MenuScreen)

    @property
    def reader(self) -> ReaderScreen:
        return self._screen(ReaderScreen)

    @property
    def out_of_service(self) -> OutOfServiceScreen:
        return self._screen(OutOfServiceScreen)

    @property
    def thank_you(self) -> ThankYouScreen:
        return self._screen(ThankYouScreen)

    @property
    def request_form(self) -> RequestFormScreen:
        """The visit form. It is never built ahead (its keyboard alone is a hundred widgets,
        so a kiosk whose patients never ask for a visit does not pay for it)."""
        return self._screen(RequestFormScreen)

    def _screen(self, kind: type[S]) -> S:
        screen = self._screens.get(kind)
        if screen is None:
            screen = self._build(kind)
        assert isinstance(screen, kind)
        return screen

    def _build(self, kind: type[ScreenWidget]) -> ScreenWidget:
        theme = self._theme
        screen: ScreenWidget
        if kind is AttractScreen:
            screen = attract = AttractScreen(theme, self._host)
            attract.start_requested.connect(self.start_requested)
            attract.language_chosen.connect(self.language_chosen)
            attract.animations_enabled = self._animations
        elif kind is MenuScreen:
            screen = menu = MenuScreen(theme, self._host)
            menu.page_chosen.connect(self.page_chosen)
            menu.read_from_start.connect(self.next_requested)
            menu.visit_requested.connect(self.visit_requested)
            menu.language_chosen.connect(self.language_chosen)
        elif kind is ReaderScreen:
            screen = reader = ReaderScreen(theme, self._render, self._host)
            reader.back_requested.connect(self.back_requested)
            reader.next_requested.connect(self.next_requested)
            reader.home_requested.connect(self.home_requested)
            reader.visit_requested.connect(self.visit_requested)
            reader.link_activated.connect(self.link_activated)
            reader.language_chosen.connect(self.language_chosen)
            self._swipe.watch(reader.slider)
            self._animate_pages(reader)
        elif kind is OutOfServiceScreen:
            screen = out = OutOfServiceScreen(theme, self._host)
            out.set_problem_count(self._problem_count)
        elif kind is ThankYouScreen:
            screen = thanks = ThankYouScreen(theme, self._host)
            thanks.done.connect(self.thanks_done)
            thanks.language_chosen.connect(self.language_chosen)
        elif kind is RequestFormScreen:
            screen = form = RequestFormScreen(theme, self._host)
            form.set_locations(self._locations)
            form.set_privacy(self._privacy)
            form.submit_requested.connect(self.request_submitted)
            form.cancel_requested.connect(self.request_cancelled)
            form.question_answered.connect(self.question_answered)
            form.language_chosen.connect(self.language_chosen)
        else:
            raise TypeError(kind)
        # Queued: the new look replaces the very button that was touched, so the change waits
        # until Qt has finished delivering that touch (hiding a widget mid-release crashed).
        queued = Qt.ConnectionType.QueuedConnection
        for controls in screen.findChildren(DisplayControls):
            controls.text_size_requested.connect(self.text_size_requested, queued)
            controls.contrast_requested.connect(self.contrast_requested, queued)
        if self.speech is not None:
            self.speech.adopt(screen)
        ignored = QSizePolicy.Policy.Ignored  # until it shows (see _show_screen)
        screen.setSizePolicy(ignored, ignored)
        self._stack.addWidget(screen)
        screen.set_reach(self._reach())
        self._screens[kind] = screen
        carried = self._carried.pop(kind, None)
        if carried is not None:
            carried(screen)
        return screen

    def _new_host(self) -> tuple[QWidget, QStackedLayout]:
        """The widget that holds the screens and carries the theme's style sheet. A new look
        gets a new, empty host: setting a style sheet re-polishes every widget under it, and
        the old screens are about to go."""
        host = QWidget(self)
        host.setObjectName("ScreenHost")
        host.setStyleSheet(self._theme.stylesheet())
        stack = QStackedLayout(host)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(host)
        return host, stack

    def _make_idle_overlay(self) -> IdleOverlay:
        overlay = IdleOverlay(self._theme, self)
        overlay.setStyleSheet(self._theme.stylesheet())
        overlay.still_here.connect(self.still_here)
        overlay.more_time.connect(self.more_time)
        return overlay

    def _build_next_screen(self) -> None:
        """Build one screen not yet built for the current look, then yield to the event loop."""
        for kind in PREBUILT:
            if kind not in self._screens:
                self._build(kind)
                self._prebuild.start(PREBUILD_GAP_MS)
                return

    @property
    def building_ahead(self) -> bool:
        """Screens for the current look are still being built in idle moments."""
        return self._prebuild.isActive()

    def build_ahead(self) -> None:
        """Build the screens a visit goes through during the next idle moments (after the first
        frame at start-up, and after each change of look)."""
        self._prebuild.start(PREBUILD_DELAY_MS)

    def _use_look(self, look: Look) -> None:
        """New screens for ``look``, carrying over what the patient has on them: the form's
        entries and error notes, the thank-you code, the attract motion choice."""
        form = self._screens.get(RequestFormScreen)
        form_state = (
            (form.form_input(), form.errors) if isinstance(form, RequestFormScreen) else None
        )
        thanks = self._screens.get(ThankYouScreen)
        code = thanks.code if isinstance(thanks, ThankYouScreen) else ""
        attract = self._screens.get(AttractScreen)
        motion = attract.motion if isinstance(attract, AttractScreen) else None
        self._look = look
        self._theme = self._base_theme.at_text_step(look.text_step).with_contrast(
            look.high_contrast
        )
        # The focus (a form field's) leaves the old screens before they go, so it is never left
        # on a deleted widget (offscreen, the window then stopped being the active window).
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        for widget in (self._host, self.idle_overlay):
            widget.hide()
            # Deleted after the new screen has painted: freeing a few hundred widgets is not
            # work the patient should wait for.
            QTimer.singleShot(RETIRE_AFTER_MS, widget, widget.deleteLater)
        self._screens = {}
        self._swipe.watch(None)  # until the new reader is built
        self._host, self._stack = self._new_host()
        self.idle_overlay = self._make_idle_overlay()
        for overlay in self._staff_overlays:
            overlay.raise_()  # the new host and card are drawn above older children
        # Each carried-over state waits for its screen to be built (the one showing is built
        # at once by show_view, the others when needed or ahead in idle moments).
        if form_state is not None and (form_state[0] != FormInput() or form_state[1]):
            self._carried[RequestFormScreen] = lambda form: form.restore(*form_state)
        if code:
            self._carried[ThankYouScreen] = lambda thanks: thanks.show_reference(code)
        if motion is not None:
            self._carried[AttractScreen] = lambda attract: attract.set_motion(motion)
        self.build_ahead()

    def set_locations(self, locations: tuple[str, ...]) -> None:
        self._locations = locations
        form = self._screens.get(RequestFormScreen)
        if isinstance(form, RequestFormScreen):
            form.set_locations(locations)

    def set_privacy_clauses(self, clauses: tuple[Clause, ...]) -> None:
        """What the form's privacy note may say (kiosk.visit.promise: only what is true)."""
        self._privacy = clauses
        form = self._screens.get(RequestFormScreen)
        if isinstance(form, RequestFormScreen):
            form.set_privacy(clauses)

    def set_content_problems(self, count: int) -> None:
        """How many content problems the out-of-service screen names for staff."""
        self._problem_count = count
        out = self._screens.get(OutOfServiceScreen)
        if isinstance(out, OutOfServiceScreen):
            out.set_problem_count(count)

    def set_reach_settings(self, *, mount_height_mm: int, screen_height_mm: int) -> None:
        """Where the screen hangs (``display.mount_height_mm`` and ``screen_height_mm``): the
        screens keep their controls within a seated patient's reach (see kiosk.reach)."""
        self._reach_settings = (mount_height_mm, screen_height_mm)
        self._place_for_reach()

    def _reach(self) -> ReachBand:
        mount, height_mm = self._reach_settings
        return reach_band(
            self.width(), self.height(), mount_height_mm=mount, screen_height_mm=height_mm
        )

    def _place_for_reach(self) -> None:
        band = self._reach()
        for screen in self._screens.values():
            screen.set_reach(band)

    @property
    def look(self) -> Look:
        return self._look

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
        """ "Are you still there?" over everything, counting down; what the patient typed on
        the form is hidden meanwhile (the dim layer alone would leave it readable)."""
        showing = self.idle_overlay.isVisible()
        self.idle_overlay.show_countdown(seconds_left)
        if not showing:
            self.keys.card_shown(self.idle_overlay, self.idle_overlay)
            if self.speech is not None:
                self.speech.idle_warning_shown()
        form = self._screens.get(RequestFormScreen)
        if isinstance(form, RequestFormScreen):
            form.set_concealed(True)

    def hide_idle_warning(self) -> None:
        """The patient is still there (or the kiosk starts over): the form shows again."""
        if self.idle_overlay.isVisible():
            self.keys.card_hiding(self.idle_overlay)  # before Qt moves the focus on itself
            if self.speech is not None:
                self.speech.idle_warning_answered()
        self.idle_overlay.hide()
        form = self._screens.get(RequestFormScreen)
        if isinstance(form, RequestFormScreen):
            form.set_concealed(False)

    def forget_patient_input(self) -> None:
        """Wipe every trace of what was typed or chosen (idle reset, cancel, after sending)."""
        self._carried.clear()
        for screen in self._screens.values():
            if isinstance(screen, (RequestFormScreen, ThankYouScreen)):
                screen.clear()
            elif isinstance(screen, AttractScreen):
                screen.forget_motion_choice()  # "Stop motion" is this patient's choice

    def set_animations(self, enabled: bool) -> None:
        self._animations = enabled
        for screen in self._screens.values():
            if isinstance(screen, AttractScreen):
                screen.animations_enabled = enabled
            elif isinstance(screen, ReaderScreen):
                self._animate_pages(screen)

    def _animate_pages(self, reader: ReaderScreen) -> None:
        reader.slider.animations_enabled = self._animations
        for pane in reader.slider.panes:  # the "More below" glide
            pane.animations_enabled = self._animations

    def staff_overlay(self, kind: Callable[..., W], look: Look, **options: Any) -> W:
        """A new staff overlay (``kind(theme, self, **options)``: the PIN pad, the panel,
        cleaning mode) over the whole window, drawn in ``look`` (the kiosk's default look, not
        the patient's); each keeps itself at the window's size."""
        theme = self._base_theme.at_text_step(look.text_step).with_contrast(look.high_contrast)
        overlay = kind(theme, self, **options)
        own, sheet = overlay.styleSheet(), theme.stylesheet()
        if sheet not in own:  # the theme's rules first, then the overlay's own
            overlay.setStyleSheet(sheet + own)
        overlay.setGeometry(self.rect())
        self._staff_overlays.append(overlay)
        overlay.destroyed.connect(lambda: self._forget_overlay(overlay))
        return overlay

    def _forget_overlay(self, overlay: QWidget) -> None:
        if overlay in self._staff_overlays:
            self._staff_overlays.remove(overlay)

    @property
    def staff_covering(self) -> bool:
        """The PIN pad, the staff panel or cleaning mode covers the screens."""
        return self._staff_overlay_shown() is not None

    def _staff_overlay_shown(self) -> QWidget | None:
        for overlay in reversed(self._staff_overlays):
            if shiboken6.isValid(overlay) and overlay.isVisible():
                return overlay
        return None

    def _key_scope(self) -> tuple[QWidget, KeyScope | None]:
        """What the keys act on: a staff overlay (which does its own keys) or the idle card
        while it shows, else the screen showing; the form does its own keys
        (kiosk.ui.form_keys)."""
        staff = self._staff_overlay_shown()
        if staff is not None:
            return staff, None
        if self.idle_overlay.isVisible():
            return self.idle_overlay, self.idle_overlay
        screen = self.current_screen
        if isinstance(screen, RequestFormScreen) or not isinstance(screen, ScreenWidget):
            return screen, None
        return screen, screen

    def show_view(self, view: View, languages: tuple[Deck, ...]) -> None:
        speech = self.speech
        if speech is not None:
            if view.deck is not None:
                speech.language = view.deck.language
            speech.view_changing()
        shown = self._shown
        # A key user who pressed "Larger text" or "High contrast" stays on that button: the new
        # look rebuilds the screens, so the focus is carried to the same button of the new one.
        carried = self._focused_display_button() if view.look != self._look else None
        try:
            with self.holding_size():
                self._show_view(view, languages)
            self.keys.screen_shown(self.current_screen)
            if carried is not None and self.keys.using_keys:
                # The new screens' host is shown by its layout on the next turn of the loop.
                screen = self.current_screen
                QTimer.singleShot(0, screen, lambda: self._focus_display_button(screen, carried))
        finally:
            if speech is not None:
                speech.view_shown()
        self._announce(shown, view)

    def _focused_display_button(self) -> int | None:
        screen = self._stack.currentWidget()
        if screen is None:  # the first view: no screen yet
            return None
        for controls in screen.findChildren(DisplayControls):
            index = controls.focused_index()
            if index is not None:
                return index
        return None

    def _focus_display_button(self, screen: QWidget, index: int) -> None:
        controls = screen.findChild(DisplayControls)
        if screen is not self.current_screen or controls is None or not self.keys.using_keys:
            return
        buttons = controls.buttons
        if index < len(buttons) and buttons[index].isVisible():
            focus_on(buttons[index])

    def _announce(self, before: tuple[Screen, str], view: View) -> None:
        """Tell a screen reader of the status changes it would not see from the focus: a page
        turned ("Page 3 of 8. Your hip joint.") and, at once, a request sent."""
        page = view.page
        self._shown = (view.screen, page.slug if page is not None else "")
        if self._shown == before:
            return
        screen = self.current_screen
        if not isinstance(screen, ScreenWidget):
            return
        if view.screen is Screen.PAGE and page is not None:
            words = " ".join(u.text for u in screen.short_title())
            accessibility.announce(self, words)
        elif view.screen is Screen.THANK_YOU:
            words = " ".join(u.text for u in screen.short_title())
            accessibility.announce(self, words, assertive=True)

    # --- Read-aloud (kiosk.ui.window_speech) ----------------------------------------------

    def use_read_aloud(self, read_aloud: ReadAloud) -> None:
        """Read-aloud for this window: Listen on every screen, Help and the volume keys, the
        screens' announcements and, while it is on, the control the keys move to."""
        self.speech = WindowSpeech(self, read_aloud)
        for screen in self._screens.values():
            self.speech.adopt(screen)

    @property
    def read_aloud(self) -> ReadAloud | None:
        return self.speech.read_aloud if self.speech is not None else None

    def listen(self) -> None:
        """Listen (or Help): read the screen showing, turning read-aloud on; again: stop."""
        if self.speech is not None:
            self.speech.listen()

    @property
    def built_screens(self) -> tuple[ScreenWidget, ...]:
        return tuple(self._screens.values())

    @contextmanager
    def holding_size(self) -> Iterator[None]:
        """Re-arrange screens without the window taking a passing minimum: showing a button
        lays its parents out at once, up to the window, before its screen arranges its
        controls again, and a fullscreen window that grew stays past the display. Afterwards
        the window's minimum is that of the new arrangement."""
        layout = self.layout()
        assert layout is not None
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        try:
            yield
        finally:
            for widget in (*self._screens.values(), self._host):
                widget.updateGeometry()  # the sizes now, not those cached meanwhile
            self._stack.invalidate()
            layout.invalidate()
            layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)

    def _show_view(self, view: View, languages: tuple[Deck, ...]) -> None:
        if view.look != self._look:
            self._use_look(view.look)
        if view.screen is Screen.OUT_OF_SERVICE or view.deck is None:
            self._show_screen(self.out_of_service)
            return
        if view.screen is Screen.ATTRACT:
            self.attract.show_deck(view.deck, languages)
            self._show_screen(self.attract)
        elif view.screen is Screen.MENU:
            self.menu.show_deck(view.deck, languages)
            self._show_screen(self.menu)
        elif view.screen is Screen.REQUEST_FORM:
            self.request_form.show_languages(view.deck.language, languages)
            self.request_form.show_location_names(dict(view.deck.location_names))
            self._show_screen(self.request_form)
        elif view.screen is Screen.THANK_YOU:
            self.thank_you.show_languages(view.deck.language, languages)
            self.thank_you.set_callback_text(view.deck.callback_text)
            self._show_screen(self.thank_you)
        else:
            self._show_screen(self.reader)
            self.reader.show_languages(view.deck.language, languages)
            self.reader.show_view(view)

    def _show_screen(self, screen: ScreenWidget) -> None:
        """Make ``screen`` the one showing. Only it may set the window's minimum size: a stacked
        layout otherwise takes the largest minimum of all its screens, so one built ahead for
        a layout it is not in (the menu while the attract screen shows) could make the
        fullscreen window grow past the screen."""
        for other in self._screens.values():
            policy = QSizePolicy.Policy.Preferred if other is screen else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self._stack.setCurrentWidget(screen)

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
        if self.speech is not None:
            self.speech.forget()
        if self._swipe_handle is not None and shiboken6.isValid(self._swipe_handle):
            # (Qt may have deleted that QWindow already: then its filters went with it.)
            for watcher in (self._swipe, self.keys, self.staff_gesture):
                self._swipe_handle.removeEventFilter(watcher)
        self._swipe_handle = None
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
        # Esc is Back (kiosk.ui.keys) where a screen gives it a meaning; it never closes.
        if self.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._watch_swipes()
        self.build_ahead()

    def _watch_swipes(self) -> None:
        """The swipe detector watches the touches reaching the window before any widget sees
        them: a filter on the window's QWindow, not on the whole application, so it is not
        also called for every event of every widget (thousands per rebuild). Re-installed if
        Qt made a new QWindow (changing the window flags for fullscreen does)."""
        handle = self.windowHandle()
        if handle is self._swipe_handle:
            return
        if self._swipe_handle is not None:
            for watcher in (self._swipe, self.keys, self.staff_gesture):
                self._swipe_handle.removeEventFilter(watcher)
        if handle is not None:
            handle.installEventFilter(self._swipe)
            handle.installEventFilter(self.keys)  # it sees every key before any widget does
            handle.installEventFilter(self.staff_gesture)  # last installed, so first to see
        self._swipe_handle = handle

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_for_reach()
        if self.idle_overlay.isVisible():
            self.idle_overlay.setGeometry(self.rect())
