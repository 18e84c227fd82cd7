"""One visit counted in memory, on the bundled pages, with a clock the test moves."""

from __future__ import annotations

from collections import Counter
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.model import Library
from kiosk.content.source import load_content
from kiosk.session import Look, Screen, Session, View
from kiosk.usage.tally import BUCKETS, TIME_BUCKETS, VisitTally, time_bucket
from tests.paths import BUNDLED_CONTENT


@cache
def bundled() -> Library:
    return load_content(BUNDLED_CONTENT)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make() -> tuple[Session, VisitTally, Clock]:
    clock = Clock()
    return Session(bundled(), "en", request_form=True), VisitTally(clock), clock


def test_nothing_is_counted_until_a_visit_ends() -> None:
    session, tally, _ = make()
    assert tally.follow_view(session.view) is None  # the attract screen: no visit
    assert tally.follow_view(session.start()) is None
    assert tally.follow_view(session.next()) is None
    counts = tally.follow_view(session.reset())
    assert counts is not None and counts["visits", "all"] == 1
    assert tally.follow_view(session.view) is None  # a second quiet view ends nothing


def test_a_visit_counts_pages_times_language_look_and_read_aloud() -> None:
    session, tally, clock = make()
    for view in (session.start(), session.open_page("hip-joint")):
        tally.follow_view(view)
    clock.now += 5
    tally.follow_view(session.larger_text())  # the same page, larger: still one page view
    tally.follow_view(session.larger_text())
    tally.follow_view(session.set_language("es"))  # the same page in Spanish: still one
    clock.now += 40
    tally.follow_view(session.next())
    tally.read_aloud_used()
    clock.now += 200
    tally.follow_view(session.home())
    counts = tally.follow_view(session.reset())
    assert counts == Counter(
        {
            ("visits", "all"): 1,
            ("page_views", "hip-joint"): 1,
            ("page_views", "cartilage"): 1,
            ("time_on_page", "30-60 s"): 1,
            ("time_on_page", "over 3 min"): 1,
            ("language", "en"): 1,
            ("language", "es"): 1,
            ("text_size", "3"): 1,
            ("contrast", "standard"): 1,
            ("read_aloud", "used"): 1,
        }
    )


def test_coming_back_to_a_page_is_another_page_view() -> None:
    session, tally, _ = make()
    for view in (session.start(), session.open_page("welcome"), session.home()):
        tally.follow_view(view)
    tally.follow_view(session.open_page("welcome"))
    tally.follow_view(session.other_contrast())
    counts = tally.follow_view(session.reset())
    assert counts is not None
    assert counts["page_views", "welcome"] == 2
    assert counts["time_on_page", "under 10 s"] == 2
    assert counts["contrast", "high"] == 1 and ("contrast", "standard") not in counts


def test_form_sent() -> None:
    session, tally, _ = make()
    tally.follow_view(session.start())
    tally.follow_view(session.request_visit())
    tally.form_question("phone")
    tally.follow_view(session.request_sent())
    counts = tally.follow_view(session.reset())
    assert counts is not None
    assert counts["form", "opened"] == counts["form", "sent"] == 1
    assert not any(metric == "form_abandoned_at" for metric, _ in counts)
    assert ("form", "abandoned") not in counts


def test_form_abandoned_at_the_last_question_touched() -> None:
    session, tally, _ = make()
    tally.follow_view(session.start())
    tally.follow_view(session.request_visit())
    tally.form_question("name")
    tally.form_question("best_time")
    tally.follow_view(session.cancel_request())
    counts = tally.follow_view(session.reset())
    assert counts is not None
    assert counts["form", "opened"] == counts["form", "abandoned"] == 1
    assert counts["form_abandoned_at", "best_time"] == 1
    assert ("form", "sent") not in counts


def test_form_abandoned_before_any_question_and_strange_keys() -> None:
    session, tally, _ = make()
    tally.follow_view(session.start())
    tally.follow_view(session.request_visit())
    counts = tally.follow_view(session.reset())
    assert counts is not None and counts["form_abandoned_at", "none"] == 1
    for strange in ("Maria Lopez", "555-0100", "", "x" * 33, "name\n", "ñame", "a" * 10_000):
        tally.follow_view(session.start())
        tally.follow_view(session.request_visit())
        tally.form_question(strange)
        counts = tally.follow_view(session.reset())
        assert counts is not None
        assert counts["form_abandoned_at", "other"] == 1, strange


def test_calls_outside_a_visit_count_nothing() -> None:
    session, tally, _ = make()
    tally.read_aloud_used()
    tally.form_question("phone")
    tally.follow_view(session.start())
    counts = tally.follow_view(session.reset())
    assert counts is not None and ("read_aloud", "used") not in counts


def test_time_buckets_edges_and_a_clock_going_back() -> None:
    assert [time_bucket(s) for s in (0, 9.99, 10, 29.9, 30, 59.9, 60, 179.9, 180, 1e12)] == [
        "under 10 s",
        "under 10 s",
        "10-30 s",
        "10-30 s",
        "30-60 s",
        "30-60 s",
        "1-3 min",
        "1-3 min",
        "over 3 min",
        "over 3 min",
    ]
    assert time_bucket(-50) == "under 10 s"
    assert BUCKETS[:-1] == tuple(name for _, name in TIME_BUCKETS)
    session, tally, clock = make()
    tally.follow_view(session.start())
    tally.follow_view(session.open_page("welcome"))
    clock.now -= 3600  # a monotonic clock never does this; a test clock may
    counts = tally.follow_view(session.reset())
    assert counts is not None and counts["time_on_page", "under 10 s"] == 1


def test_out_of_service_is_quiet_too() -> None:
    tally = VisitTally(Clock())
    session = Session(bundled(), "en")
    tally.follow_view(session.start())
    deck = session.view.deck
    counts = tally.follow_view(View(Screen.OUT_OF_SERVICE, deck))
    assert counts is not None and counts["visits", "all"] == 1


ACTIONS = st.sampled_from(
    [
        ("start", ()),
        ("next", ()),
        ("back", ()),
        ("home", ()),
        ("reset", ()),
        ("larger_text", ()),
        ("other_contrast", ()),
        ("request_visit", ()),
        ("cancel_request", ()),
        ("request_sent", ()),
        ("set_language", ("es",)),
        ("set_language", ("en",)),
        ("open_page", ("cartilage",)),
        ("open_page", ("no-such-page",)),
        ("follow_link", ("action:request-visit",)),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ACTIONS, st.floats(0, 1e6)), max_size=60))
def test_random_visits_never_raise_and_each_ends_once(
    steps: list[tuple[tuple[str, tuple[str, ...]], float]],
) -> None:
    session, tally, clock = make()
    tally.follow_view(session.view)
    ended = 0
    counted = 0
    quiet = session.view.screen.quiet
    for (name, arguments), seconds in steps:
        clock.now += seconds
        view = getattr(session, name)(*arguments)
        if quiet and not view.screen.quiet:
            quiet = False
        elif not quiet and view.screen.quiet:
            quiet = True
            ended += 1
        counts = tally.follow_view(view)
        if counts is not None:
            counted += counts["visits", "all"]
            assert all(value > 0 for value in counts.values())
            views = sum(v for (metric, _), v in counts.items() if metric == "page_views")
            times = sum(v for (metric, _), v in counts.items() if metric == "time_on_page")
            assert views == times
    assert counted == ended


def test_a_long_visit_stays_small() -> None:
    """A visit of 100,000 page turns keeps a handful of counters, not a list of events."""
    session, tally, _ = make()
    tally.follow_view(session.start())
    tally.follow_view(session.next())  # the first page
    for turn in range(100_000):  # back and forth between the first two pages
        tally.follow_view(session.next() if turn % 2 == 0 else session.back())
    counts = tally.follow_view(session.reset())
    assert counts is not None
    assert len(counts) < 30
    assert sum(v for (m, _), v in counts.items() if m == "page_views") > 80_000


def test_look_from_the_default() -> None:
    session = Session(bundled(), "en", default_look=Look(text_step=2, high_contrast=True))
    tally = VisitTally(Clock())
    tally.follow_view(session.start())
    counts = tally.follow_view(session.reset())
    assert counts is not None
    assert counts["text_size", "2"] == 1 and counts["contrast", "high"] == 1
