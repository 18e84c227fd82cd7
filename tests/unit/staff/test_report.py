"""The staff report builder: what each section says, when a line asks for attention, the caps
on problems, an outbox that cannot be read, and that no patient data reaches the panel."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import trustme
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.loader import load_library
from kiosk.content.model import Deck, Library, Page, Problem, Severity
from kiosk.content.reload import ContentStatus
from kiosk.staff import report as report_module
from kiosk.staff.report import (
    ATTENTION_WAIT_SECONDS,
    CHANNEL_HEADINGS,
    CONTEXT,
    MAX_PROBLEM_CHARS,
    MAX_PROBLEMS,
    NO_SETTINGS_FILE,
    WATCHING_EVENTS,
    WATCHING_POLLING,
    Kind,
    Line,
    ReportInputs,
    Section,
    StaffReport,
    UsageTable,
    build_report,
    read_outbox,
)
from kiosk.visit.channels import EmailChannel, WebhookChannel
from kiosk.visit.crypto import KEY_FILE
from kiosk.visit.delivery import Channel, DeliveryWorker
from kiosk.visit.drop import FolderChannel
from kiosk.visit.outbox import DB_FILE, Outbox
from kiosk.visit.status import OutboxStatus
from tests.helpers import write_content
from tests.unit.visit.samples import FakeClock, make_request
from tests.unit.visit.servers import server_context, start_https

NOW = 1_800_000_000.0
TODAY = dt.date(2027, 1, 15)
USAGE = UsageTable(header=("What", "Today"), rows=(("Visits", "12"),))
TIME_GUARD_SECONDS = 10.0
"""Loose: a freeze fails, a busy machine does not."""


def content_status(folder: Path, **changes: object) -> ContentStatus:
    status = ContentStatus(
        folder=folder,
        shown_loaded_at=NOW - 600,
        shown_signature=1,
        pending_problems=0,
        last_check=NOW - 5,
        state="ok",
        watching=True,
    )
    return dataclasses.replace(status, **changes)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return load_library(write_content(tmp_path / "content"))


def inputs(library: Library, tmp_path: Path, **changes: object) -> ReportInputs:
    base = ReportInputs(
        library=library,
        content=content_status(library.root),
        outbox=OutboxStatus(),
        outbox_problem="",
        settings_source=tmp_path / "kiosk.toml",
        settings_problems=(),
        data_dir=tmp_path / "data",
        data_dir_problem="",
        started_at=NOW - 7200,
        now=NOW,
        version="1.2.3",
        usage=USAGE,
        today=TODAY,
        takes_requests=True,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def line(section: Section, label: str) -> Line:
    (found,) = [each for each in section.lines if each.label == label]
    return found


def sections(report: StaffReport) -> tuple[Section, ...]:
    return (report.content, report.requests, report.kiosk, *report.channels)


def every_string(value: object) -> Iterator[str]:
    """Every str anywhere in ``value`` (dataclasses, tuples, enums' values)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from every_string(getattr(value, item.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from every_string(item)
    elif isinstance(value, Kind):
        yield value.value


def assert_kinds(report: StaffReport) -> None:
    """Each line's value is what its Kind promises the panel."""
    for section in sections(report):
        for each in section.lines:
            value = each.value
            if each.kind is Kind.COUNT:
                ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            elif each.kind in (Kind.TIME, Kind.AGE):
                ok = value is None or (isinstance(value, float) and value >= 0)
            elif each.kind is Kind.YES_NO:
                ok = isinstance(value, bool)
            else:
                ok = isinstance(value, str)
            assert ok, (section.heading, each)
        for problem in section.problems:
            assert "\n" not in problem and len(problem) <= MAX_PROBLEM_CHARS, problem


# --- Sections ------------------------------------------------------------------------------------


def test_a_healthy_kiosk_needs_no_attention(library: Library, tmp_path: Path) -> None:
    report = build_report(inputs(library, tmp_path))
    assert report.healthy, [s for s in sections(report) if s.problems]
    assert_kinds(report)
    content = report.content
    assert [each.label for each in content.lines] == [
        "Pages from",
        "Pages shown",
        "Languages",
        "Read at",
        "State",
        "Last look at the folder",
        "Watching the folder",
        "Problems in the pages",
        "Pages past their review date",
    ]
    assert line(content, "Pages from").value == str(library.root)
    assert line(content, "Pages shown").value == 6  # three pages in each of two languages
    assert line(content, "Languages").value == "en, es"
    assert line(content, "Read at").value == NOW - 600
    assert line(content, "Last look at the folder").value == NOW - 5
    assert line(content, "Watching the folder").value == WATCHING_EVENTS
    assert [each.label for each in report.requests.lines] == [
        "Taking requests",
        "Waiting",
        "Oldest waiting",
        "Delivered today",
        "Last delivery",
        "Refused by the receiver",
        "Sealed with a missing key",
        "Outbox readable",
    ]
    kiosk = report.kiosk
    assert [(each.label, each.value) for each in kiosk.lines] == [
        ("Version", "1.2.3"),
        ("Started", NOW - 7200),
        ("Running for", 7200.0),
        ("Settings file", str(tmp_path / "kiosk.toml")),
        ("Problems in the settings file", 0),
        ("Data folder", str(tmp_path / "data")),
    ]
    assert report.usage is USAGE and report.channels == ()


def test_kiosk_section_without_a_settings_file_and_with_problems(
    library: Library, tmp_path: Path
) -> None:
    report = build_report(
        inputs(
            library,
            tmp_path,
            settings_source=None,
            settings_problems=("idle.timeout_seconds: 5 is below 10", "unknown key 'colour'"),
            data_dir_problem="the data folder /nope cannot be written; using /tmp/x",
            content=content_status(library.root, watching=False),
            started_at=NOW + 30,  # the clock went back since the start
        )
    )
    kiosk = report.kiosk
    assert line(kiosk, "Settings file").value == NO_SETTINGS_FILE
    count = line(kiosk, "Problems in the settings file")
    assert (count.value, count.attention) == (2, True)
    assert line(kiosk, "Data folder").attention
    assert line(kiosk, "Running for").value == 0.0
    assert kiosk.problems == (
        "idle.timeout_seconds: 5 is below 10",
        "unknown key 'colour'",
        "the data folder /nope cannot be written; using /tmp/x",
    )
    assert line(report.content, "Watching the folder").value == WATCHING_POLLING
    assert not report.healthy
    assert_kinds(report)


def test_content_problems_and_pages_past_review(library: Library, tmp_path: Path) -> None:
    root = library.root
    (root / "en" / "04-broken.md").write_text("no front matter here\n", encoding="utf-8")
    (root / "es" / "04-note.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    damaged = load_library(root)
    assert damaged.errors and damaged.problems
    later = dt.date(2099, 1, 2)  # the sample pages' review date is 2099-01-01
    report = build_report(
        inputs(
            damaged,
            tmp_path,
            today=later,
            content=content_status(root, state="new version refused: 2 errors"),
        )
    )
    content = report.content
    problems = line(content, "Problems in the pages")
    assert (problems.value, problems.attention) == (len(damaged.problems), True)
    review = line(content, "Pages past their review date")
    assert (review.value, review.attention) == (6, True)
    assert line(content, "State").attention
    first = damaged.errors[0]
    assert content.problems[0] == first.format(root)
    assert content.problems[0].startswith(os.path.join("en", "04-broken.md") + ":1: error: ")
    assert content.problems[-6:] == tuple(
        f"{os.path.join(language, name)}: review date 2099-01-01 has passed"
        for language in ("en", "es")
        for name in ("01-first.md", "02-second.md", "03-third.md")
    )
    assert len(content.problems) == len(damaged.problems) + 6
    on_the_day = build_report(inputs(damaged, tmp_path, today=dt.date(2099, 1, 1)))
    assert line(on_the_day.content, "Pages past their review date").value == 0
    assert_kinds(report)


def test_warnings_follow_errors(tmp_path: Path) -> None:
    root = tmp_path / "content"
    problems = (
        Problem(root / "a.md", 3, Severity.WARNING, "long sentence"),
        Problem(root / "b.md", 1, Severity.ERROR, "no title"),
    )
    report = build_report(inputs(Library(root, (), problems), tmp_path))
    assert report.content.problems == ("b.md:1: error: no title", "a.md:3: warning: long sentence")


def test_lupdate_collects_every_label(library: Library, tmp_path: Path) -> None:
    from kiosk.visit.status import ChannelStatus

    ts = tmp_path / "report.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run(
        [str(lupdate), report_module.__file__, "-ts", str(ts)], check=True, capture_output=True
    )
    root = ET.parse(ts).getroot()
    collected = {
        message.findtext("source")
        for context in root.iter("context")
        if context.findtext("name") == CONTEXT
        for message in context.iter("message")
    }
    channels = {name: ChannelStatus() for name in CHANNEL_HEADINGS}
    for report in (
        build_report(inputs(library, tmp_path, outbox=OutboxStatus(channels=channels))),
        build_report(inputs(library, tmp_path, outbox=None)),
    ):
        marked = {s.heading for s in sections(report)}
        marked |= {each.label for s in sections(report) for each in s.lines}
        assert marked <= collected, marked - collected
    assert {WATCHING_EVENTS, WATCHING_POLLING, NO_SETTINGS_FILE} <= collected


# --- Requests and channels -----------------------------------------------------------------------


def test_waiting_needs_attention_only_after_an_hour(library: Library, tmp_path: Path) -> None:
    def requests(oldest_age: float, pending: int = 2) -> Section:
        outbox = OutboxStatus(pending=pending, oldest_pending_at=NOW - oldest_age)
        return build_report(inputs(library, tmp_path, outbox=outbox)).requests

    fresh = requests(ATTENTION_WAIT_SECONDS)
    assert line(fresh, "Waiting").value == 2 and not line(fresh, "Waiting").attention
    assert line(fresh, "Oldest waiting").value == ATTENTION_WAIT_SECONDS
    late = requests(ATTENTION_WAIT_SECONDS + 1)
    assert line(late, "Waiting").attention and line(late, "Oldest waiting").attention
    future = requests(-1e12)  # the clock went back: never a negative age
    assert line(future, "Oldest waiting").value == 0.0 and not line(future, "Waiting").attention
    ancient = requests(1e12)
    assert line(ancient, "Waiting").attention
    none = requests(1e12, pending=0)
    assert line(none, "Oldest waiting").value is None and not line(none, "Waiting").attention


def test_request_counts_and_their_attention(library: Library, tmp_path: Path) -> None:
    outbox = OutboxStatus(
        pending=3,
        delivered=40,
        delivered_since=7,
        oldest_pending_at=NOW - 60,
        last_success_at=NOW - 30,
        unreadable=1,
        refused=2,
    )
    report = build_report(inputs(library, tmp_path, outbox=outbox, takes_requests=False))
    section = report.requests
    assert (line(section, "Taking requests").value, line(section, "Taking requests").attention) == (
        False,
        True,
    )
    assert line(section, "Delivered today").value == 7
    assert not line(section, "Delivered today").attention
    assert line(section, "Last delivery").value == NOW - 30
    assert line(section, "Refused by the receiver").attention
    assert line(section, "Sealed with a missing key").attention
    readable = line(section, "Outbox readable")
    assert (readable.value, readable.attention) == (True, False)
    assert any("cannot be read because the outbox key" in p for p in section.problems)
    assert_kinds(report)


def test_channels_come_from_a_real_outbox(library: Library, tmp_path: Path) -> None:
    data = tmp_path / "data"
    outbox = Outbox(data, ["folder", "webhook", "email"])
    first, second = make_request(1), make_request(2)
    outbox.submit(first)
    outbox.submit(second)
    start = first.created_at.timestamp()
    for channel in ("folder", "webhook", "email"):
        outbox.record_success(first.id, channel, start + 10)
    outbox.record_success(second.id, "folder", start + 20)
    outbox.record_failure(second.id, "webhook", start + 30, "HTTP 503", start + 90)
    outbox.record_failure(second.id, "email", start + 40, "HTTP 400", start + 90, refused=True)
    outbox.close()
    status, problem = read_outbox(data, day_start=start + 15)
    assert status is not None and problem == ""
    report = build_report(inputs(library, tmp_path, outbox=status, now=start + 60))
    assert [s.heading for s in report.channels] == ["Email", "Folder", "Webhook"]
    email, folder, webhook = report.channels
    assert [(each.label, each.value) for each in webhook.lines] == [
        ("Waiting", 1),
        ("Last delivery", start + 10),
        ("Last error", "HTTP 503"),
        ("Last error at", start + 30),
    ]
    assert line(webhook, "Last error").attention
    assert not line(folder, "Last error").attention and line(folder, "Last error").value == ""
    assert line(folder, "Last error at").value is None
    assert line(email, "Last error").attention
    assert line(report.requests, "Delivered today").value == 0, "the second is not delivered"
    assert line(report.requests, "Refused by the receiver").value == 1
    assert any(
        p.startswith("NEEDS ATTENTION: 1 request(s) were refused by email")
        for p in report.requests.problems
    )
    assert_kinds(report)


def test_an_error_on_a_channel_with_nothing_waiting_is_history(
    library: Library, tmp_path: Path
) -> None:
    from kiosk.visit.status import ChannelStatus

    channels = {
        "webhook": ChannelStatus(pending=0, last_error="HTTP 503", last_error_at=NOW - 60),
        "email": ChannelStatus(pending=1, last_error="", last_success_at=NOW - 60),
    }
    report = build_report(inputs(library, tmp_path, outbox=OutboxStatus(channels=channels)))
    email, webhook = report.channels
    assert line(webhook, "Last error").value == "HTTP 503"
    assert not line(webhook, "Last error").attention, "nothing waits on it any more"
    assert not line(email, "Last error").attention, "waiting, but no error yet"
    assert_kinds(report)


def test_delivered_today_from_a_real_outbox(library: Library, tmp_path: Path) -> None:
    data = tmp_path / "data"
    outbox = Outbox(data, ["webhook"])
    early, late = make_request(1), make_request(2)
    outbox.submit(early)
    outbox.submit(late)
    start = early.created_at.timestamp()
    outbox.record_success(early.id, "webhook", start + 5)
    outbox.record_success(late.id, "webhook", start + 50)
    outbox.close()
    status, _ = read_outbox(data, day_start=start + 10)
    report = build_report(inputs(library, tmp_path, outbox=status))
    assert line(report.requests, "Delivered today").value == 1
    assert line(report.requests, "Last delivery").value == start + 50


def test_an_unknown_channel_is_headed_by_its_name(library: Library, tmp_path: Path) -> None:
    from kiosk.visit.status import ChannelStatus

    outbox = OutboxStatus(channels={"pager\n" + "x" * 10_000: ChannelStatus()})
    (section,) = build_report(inputs(library, tmp_path, outbox=outbox)).channels
    assert section.heading.startswith("pager x") and len(section.heading) <= MAX_PROBLEM_CHARS


# --- An outbox that cannot be read ---------------------------------------------------------------


def damage_garbage(data: Path) -> None:
    (data / DB_FILE).write_bytes(b"garbage" * 1000)


def damage_truncate(data: Path) -> None:
    os.truncate(data / DB_FILE, 100)


def damage_salvage_row(data: Path) -> None:
    with sqlite3.connect(data / DB_FILE) as conn:
        conn.execute(
            "INSERT INTO salvage (at, reason, damaged_copy, salvaged, not_salvaged, counted) "
            "VALUES ('yesterday', 'x', '', 0, 0, 1)"
        )
    conn.close()


def damage_folder(data: Path) -> None:
    (data / DB_FILE).unlink()
    (data / DB_FILE).mkdir()


@pytest.mark.parametrize(
    "damage", [damage_garbage, damage_truncate, damage_salvage_row, damage_folder]
)
def test_a_damaged_outbox_is_a_plain_problem_never_an_exception(
    library: Library, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    data = tmp_path / "data"
    outbox = Outbox(data, ["folder"])
    outbox.submit(make_request(1))
    outbox.maintain()
    outbox.close()
    damage(data)
    status, problem = read_outbox(data, day_start=NOW)
    assert status is None
    assert problem.startswith(("PROBLEM: the outbox in", "The outbox in")), problem
    report = build_report(inputs(library, tmp_path, outbox=status, outbox_problem=problem))
    requests = report.requests
    assert [(each.label, each.value, each.attention) for each in requests.lines] == [
        ("Taking requests", True, False),
        ("Outbox readable", False, True),
    ]
    assert requests.problems == (problem[:MAX_PROBLEM_CHARS],)
    assert report.channels == () and not report.healthy
    assert_kinds(report)


def test_no_outbox_yet_reads_as_empty(tmp_path: Path) -> None:
    status, problem = read_outbox(tmp_path / "never-used", day_start=NOW)
    assert status == OutboxStatus() and problem == ""


# --- Limits --------------------------------------------------------------------------------------


def test_ten_thousand_problems_are_capped_quickly(tmp_path: Path) -> None:
    root = tmp_path / "content"
    problems = tuple(
        Problem(root / f"{n:05}.md", n, Severity.ERROR, f"problem {n}") for n in range(10_000)
    )
    pages = tuple(
        Page(
            slug=f"p{n}",
            order=n,
            title="t",
            icon="mdi6.bone",
            illustration=None,
            alt="",
            review=dt.date(2000, 1, 1),
            body_markdown="",
            source=root / "en" / f"{n}.md",
        )
        for n in range(10_000)
    )
    library = Library(root, (Deck("en", "English", pages),), problems)
    started = time.monotonic()
    report = build_report(inputs(library, tmp_path))
    assert time.monotonic() - started < TIME_GUARD_SECONDS
    content = report.content
    assert len(content.problems) == MAX_PROBLEMS
    assert content.problems[0] == "00000.md:0: error: problem 0"
    hidden = 20_000 - (MAX_PROBLEMS - 1)
    assert content.problems[-1] == f"... and {hidden} more"
    assert line(content, "Problems in the pages").value == 10_000
    assert line(content, "Pages past their review date").value == 10_000


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=3 * MAX_PROBLEMS))
def test_the_cap_counts_every_problem(count: int) -> None:
    root = Path("/content")
    problems = tuple(Problem(root / "a.md", n, Severity.WARNING, "w") for n in range(count))
    library = Library(root, (), problems)
    report = build_report(inputs(library, Path("/tmp/unused")))
    listed = report.content.problems
    assert len(listed) == min(count, MAX_PROBLEMS)
    if count > MAX_PROBLEMS:
        more = int(listed[-1].removeprefix("... and ").removesuffix(" more"))
        assert len(listed) - 1 + more == count
    else:
        assert all(not p.startswith("...") for p in listed)


def test_a_huge_problem_is_cut_to_one_short_line(tmp_path: Path) -> None:
    root = tmp_path / "content"
    message = "bad value: " + "\n".join(["x" * 1000] * 1000)  # about a megabyte, many lines
    library = Library(root, (), (Problem(root / "a.md", 1, Severity.ERROR, message),))
    started = time.monotonic()
    report = build_report(
        inputs(
            library,
            tmp_path,
            settings_problems=("s" * 1_000_000,),
            content=content_status(root, state="new version refused: " + "y" * 1_000_000),
        )
    )
    assert time.monotonic() - started < TIME_GUARD_SECONDS
    (problem,) = report.content.problems
    assert problem.startswith("a.md:1: error: bad value: xxx") and "\n" not in problem
    assert len(problem) == MAX_PROBLEM_CHARS
    assert len(report.kiosk.problems[0]) == MAX_PROBLEM_CHARS
    assert len(str(line(report.content, "State").value)) == MAX_PROBLEM_CHARS


def test_names_that_are_not_utf8_are_escaped(library: Library, tmp_path: Path) -> None:
    odd = Path(os.fsdecode(b"/srv/caf\xe9"))
    problem = Problem(odd / "p\udce9.md", 2, Severity.ERROR, "name \udce9")
    report = build_report(
        inputs(
            Library(odd, library.decks, (problem,)),
            tmp_path,
            content=content_status(odd),
            data_dir=odd / "data",
        )
    )
    for text in every_string(report):
        text.encode("utf-8")  # a lone surrogate would raise here (and in Qt)
    assert line(report.content, "Pages from").value == "/srv/caf\\xe9"
    assert report.content.problems[0] == "p\\xe9.md:2: error: name \\xe9"


# --- Privacy -------------------------------------------------------------------------------------

PATIENT = ("Zebulon Quixote-Marsh", "+1 312 555 0199", "zq@example.org")
"""The brief's "+1 555 0199" is not a number the form takes; this one keeps its digits."""


def test_no_patient_data_reaches_the_report(library: Library, tmp_path: Path) -> None:
    name, phone, email = PATIENT
    request = make_request(1, name=name, phone=phone, email=email)
    data = tmp_path / "data"
    outbox = Outbox(data, ["folder", "webhook", "email"])
    outbox.submit(request)
    ca = trustme.CA()
    server, receiver = start_https(server_context(ca))
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the drop folder should be")
    with socket.socket() as unused:  # the email channel meets a closed port
        unused.bind(("127.0.0.1", 0))
        closed_port = unused.getsockname()[1]
    receiver.statuses[:] = [400]  # refused: the strongest case for echoing what was sent
    clock = FakeClock(request.created_at.timestamp() + 5)
    channels: list[Channel] = [
        FolderChannel(blocked, plain=True),
        WebhookChannel(receiver.url, ca_file=ca_file),
        EmailChannel(
            "127.0.0.1",
            closed_port,
            sender="kiosk@clinic.example",
            recipient="front-desk@clinic.example",
            attempt_seconds=5,
        ),
    ]
    try:
        DeliveryWorker(outbox, channels, clock=clock, rng=random.Random(1)).run_once()
    finally:
        server.shutdown()
        server.server_close()
    outbox.close()
    status, problem = read_outbox(data, day_start=0.0)
    assert status is not None and problem == ""
    assert status.pending == 1 and status.refused == 1
    assert all(channel.last_error for channel in status.channels.values()), status.channels
    os.rename(data / KEY_FILE, data / "elsewhere.bak")  # and a lost key's sentence
    status, _ = read_outbox(data, day_start=0.0)
    assert status is not None and status.unreadable == 1
    report = build_report(inputs(library, tmp_path, outbox=status))
    text = "\n".join(every_string(report))
    assert "refused by webhook" in text and "cannot be read because the outbox key" in text
    forbidden = [
        *PATIENT,
        "Zebulon",
        "Quixote",
        "Marsh",
        "555 0199",
        "5550199",
        "zq@",
        request.reference,
        str(request.id),
    ]
    for secret in forbidden:
        assert secret.lower() not in text.lower(), secret
