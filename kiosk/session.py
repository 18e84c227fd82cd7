"""Where a patient is in the kiosk: a small Qt-free state machine the window only displays.

Every action returns the new :class:`View`, an immutable snapshot that the UI renders. Keeping
the rules here (what Back does on the first page, what a language switch keeps) means they are
tested without a display and the screens stay dumb.

Reading in order is a path that ends on the call to action, the deck's visit page: Next there
opens the request form (or, without one, leads back to the topics), never the pages after it.
Those (the sources) stay in the menu and one tap away from the visit page; they are not counted
in "Page 3 of 7", and Next from the last of them leads back to the topics. A swipe is Next or
Back, so it follows the same rules.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum

from kiosk.content.links import PAGE_LINK_PREFIX, REQUEST_VISIT_ACTION
from kiosk.content.model import Deck, Library, Page


class Screen(Enum):
    ATTRACT = "attract"
    MENU = "menu"
    PAGE = "page"
    OUT_OF_SERVICE = "out-of-service"
    REQUEST_FORM = "request-form"
    THANK_YOU = "thank-you"

    @property
    def quiet(self) -> bool:
        """No patient is in the middle of a visit here: the kiosk may reload pages, restart."""
        return self in (Screen.ATTRACT, Screen.OUT_OF_SERVICE)


class Direction(Enum):
    """Which way a page change moves, so the UI can slide the right way."""

    NONE = 0
    FORWARD = 1
    BACKWARD = -1


class NextStep(Enum):
    """Where Next (and a swipe to the left) leads from a page."""

    PAGE = "page"
    """The next page."""
    REQUEST_FORM = "request-form"
    """The form: the visit page ends the path and the form is offered."""
    MENU = "menu"
    """The topics: the end of the path without a form, or the last page after the path."""


@dataclass(frozen=True, slots=True)
class Look:
    """How this patient wants the screens drawn: text size step and contrast.

    A patient's choice lasts for their visit; a reset returns to the kiosk's default look.
    """

    text_step: int = 1
    """1 (normal) to :data:`TEXT_STEPS`."""
    high_contrast: bool = False

    def larger_text(self) -> Look:
        """One step larger; from the largest, back to normal."""
        return dataclasses.replace(self, text_step=self.text_step % TEXT_STEPS + 1)

    def other_contrast(self) -> Look:
        return dataclasses.replace(self, high_contrast=not self.high_contrast)


TEXT_STEPS = 3
"""How many text sizes a patient can step through (the theme defines each one's scale)."""


@dataclass(frozen=True, slots=True)
class View:
    """Everything a screen needs to draw the current state."""

    screen: Screen
    deck: Deck | None
    page_index: int = -1
    direction: Direction = Direction.NONE
    form_available: bool = False
    """"Request a visit" opens the form (the outbox is ready); else it leads to the visit page."""
    look: Look = Look()

    @property
    def page(self) -> Page | None:
        if self.deck is None or not 0 <= self.page_index < len(self.deck.pages):
            return None
        return self.deck.pages[self.page_index]

    @property
    def page_count(self) -> int:
        return len(self.deck.pages) if self.deck else 0

    @property
    def on_visit_page(self) -> bool:
        page = self.page
        return (
            page is not None
            and self.deck is not None
            and (page.slug == self.deck.request_visit_slug)
        )

    @property
    def path_length(self) -> int:
        """How many pages reading in order takes: up to the visit page, else all of them."""
        deck = self.deck
        if deck is None:
            return 0
        slug = deck.request_visit_slug
        if slug is None or deck.page(slug) is None:
            return len(deck.pages)
        return deck.index_of(slug) + 1

    @property
    def on_path(self) -> bool:
        """On a page of the reading path (not one after the visit page)."""
        return self.page is not None and self.page_index < self.path_length

    @property
    def after_path(self) -> Page | None:
        """The first page after the path (the sources) while on the path's last page."""
        deck = self.deck
        end = self.path_length
        if deck is None or self.page_index != end - 1 or end >= len(deck.pages):
            return None
        return deck.pages[end]

    @property
    def next_step(self) -> NextStep:
        """Where Next leads from here: the path ends on the visit page, the pages after it end
        on the topics."""
        if self.screen is not Screen.PAGE:
            return NextStep.MENU
        if self.page_index == self.path_length - 1:
            offered = self.on_visit_page and self.form_available
            return NextStep.REQUEST_FORM if offered else NextStep.MENU
        return NextStep.PAGE if self.page_index < self.page_count - 1 else NextStep.MENU

    @property
    def has_previous(self) -> bool:
        return self.screen is Screen.PAGE and self.page_index > 0

    @property
    def has_next(self) -> bool:
        """Next turns to another page (else it leads to the form or the topics)."""
        return self.next_step is NextStep.PAGE


class Session:
    """The state of one patient's visit to the kiosk, from the attract screen back to it."""

    def __init__(
        self,
        library: Library,
        default_language: str,
        *,
        request_form: bool = False,
        default_look: Look = Look(),
    ) -> None:
        self._library = library
        self._request_form = request_form
        self._default_look = default_look
        self._look = default_look
        self._before_form: View | None = None
        languages = library.languages
        if default_language in languages:
            self._default_language = default_language
        elif languages:
            self._default_language = languages[0]
        else:
            self._default_language = default_language
        self._view = self._go(self._initial_view())

    def enable_request_form(self) -> None:
        """From now on "Request a visit" opens the form (the outbox is ready)."""
        self._request_form = True
        self._view = dataclasses.replace(self._view, form_available=True)

    @property
    def view(self) -> View:
        return self._view

    @property
    def default_look(self) -> Look:
        return self._default_look

    def set_default_look(self, look: Look) -> View:
        """Staff chose the look every visit starts with: from the next reset on; a quiet
        screen (no visit under way) takes it at once."""
        self._default_look = look
        if self._view.screen.quiet:
            self._look = look
        return self._go(self._view)

    @property
    def languages(self) -> tuple[Deck, ...]:
        """The decks a patient can choose between, in folder order."""
        return tuple(deck for deck in self._library.decks if deck.pages)

    @property
    def default_language(self) -> str:
        return self._default_language

    def _initial_view(self) -> View:
        deck = self._library.deck(self._default_language)
        if deck is None or not deck.pages:
            return View(Screen.OUT_OF_SERVICE, None)
        return View(Screen.ATTRACT, deck)

    def _go(self, view: View) -> View:
        if view.form_available != self._request_form or view.look != self._look:
            view = dataclasses.replace(view, form_available=self._request_form, look=self._look)
        self._view = view
        return view

    def reset(self) -> View:
        """Forget everything this visit changed: back to the attract screen, default language,
        default text size and contrast."""
        self._before_form = None
        self._look = self._default_look
        return self._go(self._initial_view())

    def larger_text(self) -> View:
        """The next text size (after the largest, normal again), on the same screen."""
        self._look = self._look.larger_text()
        return self._go(dataclasses.replace(self._view, direction=Direction.NONE))

    def other_contrast(self) -> View:
        """High contrast on or off, on the same screen."""
        self._look = self._look.other_contrast()
        return self._go(dataclasses.replace(self._view, direction=Direction.NONE))

    def start(self) -> View:
        """From the attract screen to the topic menu."""
        if self._view.screen is Screen.OUT_OF_SERVICE:
            return self._view
        return self._go(View(Screen.MENU, self._view.deck))

    def home(self) -> View:
        return self.start()

    def set_language(self, language: str) -> View:
        """Switch language, staying on the same screen and page where the new deck has it."""
        deck = self._library.deck(language)
        current = self._view
        if deck is None or not deck.pages or current.deck is deck:
            return current
        return self._go(self._in_deck(current, deck))

    @staticmethod
    def _in_deck(view: View, deck: Deck) -> View:
        """``view`` in another language: the same page (by slug) or, without it, the menu."""
        if view.screen is Screen.PAGE and view.page is not None:
            page = deck.page(view.page.slug)
            if page is None:
                return View(Screen.MENU, deck)
            return View(Screen.PAGE, deck, deck.index_of(page.slug))
        return View(view.screen, deck, view.page_index)

    def open_page(self, slug: str) -> View:
        deck = self._view.deck
        if deck is None or deck.page(slug) is None:
            return self._view
        index = deck.index_of(slug)
        direction = Direction.NONE
        if self._view.screen is Screen.PAGE:
            direction = Direction.FORWARD if index >= self._view.page_index else Direction.BACKWARD
        return self._go(View(Screen.PAGE, deck, index, direction))

    def next(self) -> View:
        """Next page (from the menu, the first); from the visit page the form or, without one,
        the topic menu, as from the last page: never nowhere (see :attr:`View.next_step`)."""
        view = self._view
        if view.screen is Screen.MENU and view.deck is not None:
            return self._go(View(Screen.PAGE, view.deck, 0, Direction.FORWARD))
        if view.screen is not Screen.PAGE:
            return view
        step = view.next_step
        if step is NextStep.PAGE:
            return self._go(View(Screen.PAGE, view.deck, view.page_index + 1, Direction.FORWARD))
        if step is NextStep.REQUEST_FORM:
            return self.request_visit()
        return self.home()

    def back(self) -> View:
        """Previous page; before the first page, the topic menu."""
        view = self._view
        if view.screen is not Screen.PAGE:
            return view
        if view.has_previous:
            return self._go(View(Screen.PAGE, view.deck, view.page_index - 1, Direction.BACKWARD))
        return self.home()

    def request_visit(self) -> View:
        """The call to action: the request form, or (without one) the deck's visit page."""
        view = self._view
        deck = view.deck
        if deck is None or view.screen in (Screen.OUT_OF_SERVICE, Screen.THANK_YOU):
            return view
        if self._request_form:
            if view.screen is not Screen.REQUEST_FORM:
                self._before_form = view
            return self._go(View(Screen.REQUEST_FORM, deck))
        slug = deck.request_visit_slug
        return self.open_page(slug) if slug is not None else view

    def cancel_request(self) -> View:
        """Leave the form for the screen the patient came from (never a dead end)."""
        if self._view.screen is not Screen.REQUEST_FORM:
            return self._view
        back = self._before_form
        self._before_form = None
        deck = self._view.deck
        if back is None or deck is None:
            return self.home()
        if back.deck is not deck:  # the patient switched language in the form
            back = self._in_deck(back, deck)
        return self._go(View(back.screen, back.deck, back.page_index))

    def request_sent(self) -> View:
        """The request is safely stored: thank the patient."""
        if self._view.screen is not Screen.REQUEST_FORM:
            return self._view
        self._before_form = None
        return self._go(View(Screen.THANK_YOU, self._view.deck))

    def follow_link(self, target: str) -> View:
        """A link tapped inside a page. Only in-kiosk targets exist; anything else is ignored."""
        if target == REQUEST_VISIT_ACTION:
            return self.request_visit()
        if target.startswith(PAGE_LINK_PREFIX):
            return self.open_page(target.removeprefix(PAGE_LINK_PREFIX))
        return self._view
