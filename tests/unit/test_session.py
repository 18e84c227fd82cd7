"""The patient's path through the kiosk, without Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.model import Deck, Library, Page
from kiosk.session import TEXT_STEPS, Direction, Look, NextStep, Screen, Session, View


def make_deck(language: str, slugs: tuple[str, ...], visit: str | None = None) -> Deck:
    pages = tuple(
        Page(
            slug=slug,
            order=i,
            title=f"{slug} {language}",
            icon="mdi6.bone",
            illustration=Path("/x.svg"),
            alt="alt",
            review=dt.date(2099, 1, 1),
            body_markdown="body",
            source=Path(f"/{language}/{i:02d}-{slug}.md"),
        )
        for i, slug in enumerate(slugs, start=1)
    )
    return Deck(language=language, language_name=language.upper(), pages=pages, visit_page=visit)


def make_session(default: str = "en") -> Session:
    library = Library(
        root=Path("/"),
        decks=(make_deck("en", ("a", "b", "c"), visit="c"), make_deck("es", ("a", "c"))),
    )
    return Session(library, default)


def test_starts_on_attract_in_default_language() -> None:
    view = make_session("es").view
    assert view.screen is Screen.ATTRACT
    assert view.deck is not None and view.deck.language == "es"


def test_unknown_default_language_falls_back_to_first_usable() -> None:
    view = make_session("fr").view
    assert view.deck is not None and view.deck.language == "en"


def test_no_pages_means_out_of_service_and_every_action_stays_there() -> None:
    session = Session(Library(root=Path("/"), decks=()), "en")
    assert session.view.screen is Screen.OUT_OF_SERVICE
    for action in (
        session.start,
        session.next,
        session.back,
        session.home,
        session.request_visit,
        session.reset,
    ):
        assert action().screen is Screen.OUT_OF_SERVICE


def test_next_and_back_walk_pages_and_never_dead_end() -> None:
    session = make_session()
    assert session.start().screen is Screen.MENU
    view = session.next()
    assert (view.screen, view.page_index, view.direction) == (Screen.PAGE, 0, Direction.FORWARD)
    assert session.next().page_index == 1
    assert session.next().page_index == 2
    assert session.next().screen is Screen.MENU  # finishing leads back to the topics
    session.open_page("a")
    back = session.back()
    assert back.screen is Screen.MENU  # before the first page: the topics


def make_path_session(*, request_form: bool) -> Session:
    """A deck like the bundled one: the visit page ("ready") then the sources after it."""
    library = Library(
        root=Path("/"),
        decks=(
            make_deck("en", ("a", "b", "ready", "sources"), visit="ready"),
            make_deck("es", ("a", "ready", "sources", "more"), visit="ready"),
        ),
    )
    return Session(library, "en", request_form=request_form)


def test_reading_in_order_ends_on_the_visit_page_with_the_form() -> None:
    """Issue 14: Next on the visit page opens the form, not the sources after it; cancel
    comes back to the visit page."""
    session = make_path_session(request_form=True)
    session.start()
    slugs = []
    view = session.next()
    while view.screen is Screen.PAGE:
        assert view.page is not None
        slugs.append(view.page.slug)
        assert view.on_path and view.path_length == 3
        view = session.next()
    assert slugs == ["a", "b", "ready"]
    assert view.screen is Screen.REQUEST_FORM
    back = session.cancel_request()
    assert back.page is not None and back.page.slug == "ready"


def test_without_the_form_the_visit_page_leads_back_to_the_topics() -> None:
    session = make_path_session(request_form=False)
    session.start()
    view = session.open_page("ready")
    assert view.next_step is NextStep.MENU and not view.has_next
    assert session.next().screen is Screen.MENU


def test_the_sources_are_one_tap_from_the_visit_page_and_off_the_path() -> None:
    session = make_path_session(request_form=True)
    session.start()
    ready = session.open_page("ready")
    assert ready.next_step is NextStep.REQUEST_FORM
    sources = ready.after_path
    assert sources is not None and sources.slug == "sources"
    view = session.follow_link(f"page:{sources.slug}")  # the reader's "Sources" button
    assert view.page == sources and not view.on_path and view.after_path is None
    assert view.next_step is NextStep.MENU  # the last page: Next leads to the topics
    assert session.back().page is not None and session.view.on_visit_page
    assert session.open_page("b").after_path is None  # only the visit page offers them


def test_pages_after_the_path_read_on_to_the_last_then_the_topics() -> None:
    session = make_path_session(request_form=True)
    session.start()
    session.set_language("es")
    view = session.open_page("sources")
    assert view.path_length == 2 and not view.on_path
    assert view.next_step is NextStep.PAGE
    assert session.next().page is not None and session.view.page_index == 3
    assert session.next().screen is Screen.MENU


def test_a_deck_without_a_usable_visit_page_reads_to_its_last_page() -> None:
    """The visit page named in deck.yml was left out (an error in it): the path is the
    whole deck, and its last page leads to the topics, form or not."""
    library = Library(root=Path("/"), decks=(make_deck("en", ("a", "b"), visit="gone"),))
    session = Session(library, "en", request_form=True)
    session.start()
    view = session.open_page("b")
    assert view.path_length == 2 and view.on_path and view.after_path is None
    assert session.next().screen is Screen.MENU


def test_back_slides_backwards() -> None:
    session = make_session()
    session.start()
    session.open_page("c")
    view = session.back()
    assert (view.page_index, view.direction) == (1, Direction.BACKWARD)


def test_language_switch_keeps_the_page_when_it_exists() -> None:
    session = make_session()
    session.start()
    session.open_page("c")
    view = session.set_language("es")
    assert view.deck is not None and view.deck.language == "es"
    assert view.page is not None and view.page.slug == "c"


def test_language_switch_to_deck_without_the_page_goes_to_menu() -> None:
    session = make_session()
    session.start()
    session.open_page("b")
    view = session.set_language("es")
    assert view.screen is Screen.MENU


def test_reset_forgets_language_and_page() -> None:
    session = make_session()
    session.set_language("es")
    session.start()
    session.open_page("c")
    view = session.reset()
    assert view.screen is Screen.ATTRACT
    assert view.deck is not None and view.deck.language == "en"


def test_request_visit_opens_the_visit_page_or_the_last_page() -> None:
    session = make_session()
    session.start()
    view = session.request_visit()
    assert view.page is not None and view.page.slug == "c"
    session.set_language("es")  # es deck has no visit_page: falls back to its last page
    session.home()
    view = session.request_visit()
    assert view.page is not None and view.page.slug == "c"


def test_links_only_follow_in_kiosk_targets() -> None:
    session = make_session()
    session.start()
    before = session.view
    for target in (
        "http://example.com",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "page:missing",
        "action:unknown",
        "",
    ):
        assert session.follow_link(target) == before
    assert session.follow_link("page:b").page_index == 1
    assert session.follow_link("action:request-visit").page_index == 2


@given(
    st.lists(
        st.sampled_from(["start", "next", "back", "home", "visit", "reset", "es", "en", "link"]),
        max_size=60,
    )
)
def test_any_sequence_of_touches_keeps_a_consistent_view(actions: list[str]) -> None:
    session = make_session()
    for action in actions:
        steps: dict[str, Callable[[], View]] = {
            "start": session.start,
            "next": session.next,
            "back": session.back,
            "home": session.home,
            "visit": session.request_visit,
            "reset": session.reset,
            "es": lambda: session.set_language("es"),
            "en": lambda: session.set_language("en"),
            "link": lambda: session.follow_link("page:a"),
        }
        view = steps[action]()
        assert view.deck is not None
        if view.screen is Screen.PAGE:
            assert view.page is not None
            assert 1 <= view.path_length <= view.page_count
        assert view == session.view


def make_form_session() -> Session:
    library = Library(
        root=Path("/"),
        decks=(make_deck("en", ("a", "b", "c"), visit="c"), make_deck("es", ("a", "c"))),
    )
    return Session(library, "en", request_form=True)


def test_request_visit_opens_the_form_and_cancel_returns_to_the_same_page() -> None:
    session = make_form_session()
    session.start()
    session.open_page("b")
    assert session.request_visit().screen is Screen.REQUEST_FORM
    assert session.request_visit().screen is Screen.REQUEST_FORM  # a second tap changes nothing
    back = session.cancel_request()
    assert (back.screen, back.page_index) == (Screen.PAGE, 1)


def test_language_switch_in_the_form_stays_in_the_form_and_cancel_follows_it() -> None:
    session = make_form_session()
    session.start()
    session.open_page("c")  # index 2 in English, 1 in Spanish
    session.request_visit()
    switched = session.set_language("es")
    assert switched.screen is Screen.REQUEST_FORM
    assert switched.deck is not None and switched.deck.language == "es"
    back = session.cancel_request()
    assert back.deck is not None and back.deck.language == "es"
    assert back.screen is Screen.PAGE and back.page is not None and back.page.slug == "c"


def test_cancel_after_a_switch_to_a_deck_without_the_page_goes_to_its_menu() -> None:
    session = make_form_session()
    session.start()
    session.open_page("b")  # Spanish has no page b
    session.request_visit()
    session.set_language("es")
    back = session.cancel_request()
    assert back.screen is Screen.MENU
    assert back.deck is not None and back.deck.language == "es"


def test_sent_request_thanks_the_patient_and_reset_forgets_everything() -> None:
    session = make_form_session()
    session.start()
    session.request_visit()
    assert session.request_sent().screen is Screen.THANK_YOU
    assert session.request_visit().screen is Screen.THANK_YOU  # no second form from "thanks"
    assert session.cancel_request().screen is Screen.THANK_YOU
    view = session.reset()
    assert view.screen is Screen.ATTRACT
    session.start()
    session.request_visit()
    assert session.cancel_request().screen is Screen.MENU


def test_sent_only_counts_from_the_form() -> None:
    session = make_form_session()
    session.start()
    assert session.request_sent().screen is Screen.MENU


def test_text_size_steps_up_wraps_to_normal_and_stays_on_the_screen() -> None:
    session = make_session()
    session.start()
    page = session.open_page("b")
    steps = [session.larger_text().look.text_step for _ in range(TEXT_STEPS)]
    assert steps == [2, 3, 1]
    assert session.view.page == page.page and session.view.screen is Screen.PAGE
    assert session.view.direction is Direction.NONE  # no slide for a change of look


def test_the_look_survives_navigation_and_a_reset_restores_the_default() -> None:
    library = Library(
        root=Path("/"), decks=(make_deck("en", ("a", "b")), make_deck("es", ("a", "b")))
    )
    session = Session(library, "en", default_look=Look(text_step=2))
    assert session.view.look == Look(text_step=2)
    session.larger_text()
    session.other_contrast()
    session.start()
    assert session.next().look == Look(text_step=3, high_contrast=True)
    assert session.set_language("es").look == Look(text_step=3, high_contrast=True)
    assert session.reset().look == Look(text_step=2)


def test_a_new_default_look_applies_at_once_when_quiet_and_after_a_visit_otherwise() -> None:
    session = make_session()
    larger = Look(text_step=3, high_contrast=True)
    assert session.set_default_look(larger).look == larger  # on the attract screen: at once
    session.start()
    assert session.set_default_look(Look()).look == larger  # a visit keeps its look
    assert session.reset().look == Look()
    assert session.default_look == Look()


@given(
    st.lists(
        st.sampled_from(["next", "back", "home", "visit", "cancel", "sources", "es", "form"]),
        max_size=60,
    )
)
def test_next_from_the_path_never_leaves_it_for_a_page_after_it(actions: list[str]) -> None:
    session = make_path_session(request_form=False)
    session.start()

    def offer_form() -> View:
        session.enable_request_form()
        return session.view

    for action in actions:
        before = session.view
        steps: dict[str, Callable[[], View]] = {
            "next": session.next,
            "back": session.back,
            "home": session.home,
            "visit": session.request_visit,
            "cancel": session.cancel_request,
            "sources": lambda: session.follow_link("page:sources"),
            "es": lambda: session.set_language("es"),
            "form": offer_form,
        }
        view = steps[action]()
        if action == "next" and before.on_path and view.screen is Screen.PAGE:
            assert view.on_path
        if action == "next" and before.on_visit_page:
            assert view.screen is (Screen.REQUEST_FORM if before.form_available else Screen.MENU)
