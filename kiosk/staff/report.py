"""What the staff panel shows, Qt-free: plain values grouped in sections, never patient data.

The panel (:mod:`kiosk.ui.staff_panel`) only lays these out and words their labels; every
figure comes from here, built by :func:`build_report` from the kiosk's own state (content
status, the outbox read by counts and times only, usage totals, settings problems). Labels are
English source strings marked with :func:`QT_TRANSLATE_NOOP` (context ``StaffReport``) so
``pyside6-lupdate`` collects them and the panel translates them with
``QCoreApplication.translate("StaffReport", label)``; problem sentences from the content checker,
the settings checker and the delivery channels stay in English (the same words IT sees in
``kiosk validate``, ``kiosk config check`` and the logs).

:func:`build_report` only arranges what the caller read (:class:`ReportInputs`); it reads no
file. :func:`read_outbox` is the one read it offers, and it never raises: an outbox that cannot
be read is a report line ("Outbox readable: no") and the plain sentence of ``kiosk outbox
status``. A few values of TEXT lines are fixed English words ("polling only", "none: built-in
defaults"); they are marked like the labels, so the panel may translate TEXT values the same way
(a path or a version has no translation and shows as it is). The builder writes the context out
(``"StaffReport"``, the value of :data:`CONTEXT`) in every mark: lupdate reads only a literal.

Nothing from a request reaches the report: the outbox is read as counts and times, and a
channel's last error names an error class and a status code only (:mod:`kiosk.visit.errors`),
cut to one line in the ledger. Every problem sentence is one line of at most
:data:`MAX_PROBLEM_CHARS` characters, whatever a content file or a damaged outbox holds, and
text from the disk (paths, messages) has any byte that is not UTF-8 written as ``\\xNN`` (Qt
cannot show such a name as it is).
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.model import Library, Severity
from kiosk.content.reload import ContentStatus
from kiosk.text import one_line, printable

if TYPE_CHECKING:  # the outbox's modules load when the panel first reads it (as kiosk.health)
    from kiosk.visit.status import ChannelStatus, OutboxStatus


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for translation in ``context`` without loading Qt; returns it unchanged."""
    return text


CONTEXT = "StaffReport"


class Kind(enum.Enum):
    """How the panel words a :class:`Line`'s value."""

    COUNT = "count"
    """An int: "0", "3"."""
    TIME = "time"
    """A Unix time (float) shown in local time, e.g. "today 14:05" or "3 Dec 09:12"; None: never."""
    AGE = "age"
    """Seconds (float) shown as a duration, e.g. "2 h 5 min"; None: nothing to measure."""
    TEXT = "text"
    """A str shown as it is (a folder path, a version, a problem sentence)."""
    YES_NO = "yes-no"
    """A bool."""


@dataclass(frozen=True, slots=True)
class Line:
    """One label and its value; ``attention`` marks what staff should act on."""

    label: str
    """English source text, marked with ``QT_TRANSLATE_NOOP("StaffReport", ...)`` (the
    context written out: lupdate skips a name such as CONTEXT)."""
    value: int | float | str | bool | None
    kind: Kind = Kind.TEXT
    attention: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A group of lines under a heading; ``problems`` are whole sentences listed after them."""

    heading: str
    """English source text, marked with ``QT_TRANSLATE_NOOP("StaffReport", ...)`` (the
    context written out: lupdate skips a name such as CONTEXT)."""
    lines: tuple[Line, ...] = ()
    problems: tuple[str, ...] = ()
    """Plain sentences (content problems, settings problems, delivery errors), each one
    line, at most :data:`MAX_PROBLEMS` of them (the last says how many more there are)."""


MAX_PROBLEMS = 50
"""Problems listed per section; beyond this the last entry says "... and N more"."""


@dataclass(frozen=True, slots=True)
class UsageTable:
    """Usage counts as the panel and the CSV export show them (the same cells)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    """E.g. why counting restarted (a damaged file set aside); "" when nothing to say."""


@dataclass(frozen=True, slots=True)
class StaffReport:
    """Everything the panel shows, one section per panel page."""

    content: Section
    requests: Section
    kiosk: Section
    """Version, uptime, settings file in use and its problems, data folder."""
    usage: UsageTable
    channels: tuple[Section, ...] = field(default=())
    """One section per delivery channel: waiting, last delivery, last error."""

    @property
    def healthy(self) -> bool:
        """No line or problem anywhere asks for attention."""
        sections = (self.content, self.requests, self.kiosk, *self.channels)
        return not any(s.problems or any(line.attention for line in s.lines) for s in sections)


MAX_PROBLEM_CHARS = 300
"""Characters per problem sentence; a longer one (a content file quoting a huge line, a long
path) is cut, so one problem never fills the panel."""
ATTENTION_WAIT_SECONDS = 3600.0
"""Requests waiting longer than this (the oldest one) ask for attention: a delivery that fails
for an hour will not mend itself while the patient waits for a call."""

CHANNEL_HEADINGS = {
    "folder": QT_TRANSLATE_NOOP("StaffReport", "Folder"),
    "webhook": QT_TRANSLATE_NOOP("StaffReport", "Webhook"),
    "email": QT_TRANSLATE_NOOP("StaffReport", "Email"),
}
"""The heading of each delivery channel's section; another name is its own heading."""
WATCHING_EVENTS = QT_TRANSLATE_NOOP("StaffReport", "events and polling")
WATCHING_POLLING = QT_TRANSLATE_NOOP("StaffReport", "polling only")
NO_SETTINGS_FILE = QT_TRANSLATE_NOOP("StaffReport", "none: built-in defaults")
CONTENT_OK = "ok"
""":attr:`ContentStatus.state` when the newest version of the folder is the one shown."""
NO_DATA_DIR = QT_TRANSLATE_NOOP("StaffReport", "none: this kiosk keeps nothing (a preview)")


@dataclass(frozen=True, slots=True)
class ReportInputs:
    """What the kiosk knows, gathered by the caller for :func:`build_report`."""

    library: Library
    """The pages on screen."""
    content: ContentStatus
    outbox: OutboxStatus | None
    """None when the outbox could not be read (see :func:`read_outbox`)."""
    outbox_problem: str
    """Why the outbox could not be read ("" when it was)."""
    settings_source: Path | None
    """The settings file in use; None: no file, the built-in defaults."""
    settings_problems: tuple[str, ...]
    data_dir: Path | None
    """The data folder in use; None: the kiosk keeps nothing (a preview, a test)."""
    data_dir_problem: str
    """Why the configured data folder could not be used ("" when it was)."""
    started_at: float
    now: float
    version: str
    usage: UsageTable
    today: dt.date
    """The local date, for the pages past their review date."""
    takes_requests: bool
    """The visit form is offered."""


def read_outbox(data_dir: Path, day_start: float) -> tuple[OutboxStatus | None, str]:
    """The outbox's state (with the requests delivered since ``day_start``) and "", or None and
    the plain sentence ``kiosk outbox status`` prints when it cannot be read. Never raises."""
    from kiosk.visit.status import read_status, unreadable_message

    try:
        return read_status(data_dir, day_start=day_start), ""
    except (sqlite3.Error, OSError, ValueError, TypeError) as error:  # the last two: bad rows
        return None, unreadable_message(data_dir, error)


def build_report(inputs: ReportInputs) -> StaffReport:
    """Everything the staff panel shows, from what the caller read (see the module)."""
    outbox = inputs.outbox
    return StaffReport(
        content=_content_section(inputs),
        requests=_requests_section(inputs),
        kiosk=_kiosk_section(inputs),
        usage=inputs.usage,
        channels=()
        if outbox is None
        else tuple(_channel_section(name, c) for name, c in sorted(outbox.channels.items())),
    )


def _capped(sentences: Iterable[str]) -> tuple[str, ...]:
    """At most :data:`MAX_PROBLEMS` one-line sentences; the last says how many more there were."""
    items = iter(sentences)
    kept = [_sentence(text) for text in itertools.islice(items, MAX_PROBLEMS)]
    more = sum(1 for _ in items)
    if not more:
        return tuple(kept)
    hidden = more + 1
    return (*kept[:-1], f"... and {hidden} more")


def _sentence(text: str) -> str:
    return one_line(printable(text), MAX_PROBLEM_CHARS)


def _path(path: Path) -> str:
    return printable(str(path))


def _relative(path: Path, root: Path) -> str:
    try:
        return _path(path.relative_to(root))
    except ValueError:
        return _path(path)


def _content_section(inputs: ReportInputs) -> Section:
    library, content = inputs.library, inputs.content
    past_review = [
        page for deck in library.decks for page in deck.pages if page.review < inputs.today
    ]
    errors_first = sorted(library.problems, key=lambda p: p.severity is not Severity.ERROR)
    problems = itertools.chain(
        (problem.format(library.root) for problem in errors_first),
        (
            f"{_relative(page.source, library.root)}: review date {page.review.isoformat()} "
            f"has passed"
            for page in past_review
        ),
    )
    return Section(
        heading=QT_TRANSLATE_NOOP("StaffReport", "Pages"),
        lines=(
            Line(QT_TRANSLATE_NOOP("StaffReport", "Pages from"), _path(content.folder)),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Pages shown"),
                sum(len(deck.pages) for deck in library.decks),
                Kind.COUNT,
            ),
            Line(QT_TRANSLATE_NOOP("StaffReport", "Languages"), ", ".join(library.languages)),
            Line(QT_TRANSLATE_NOOP("StaffReport", "Read at"), content.shown_loaded_at, Kind.TIME),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "State"),
                _sentence(content.state),
                attention=content.state != CONTENT_OK,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Last look at the folder"),
                content.last_check,
                Kind.TIME,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Watching the folder"),
                WATCHING_EVENTS if content.watching else WATCHING_POLLING,
            ),
            _count(
                QT_TRANSLATE_NOOP("StaffReport", "Problems in the pages"), len(library.problems)
            ),
            _count(
                QT_TRANSLATE_NOOP("StaffReport", "Pages past their review date"), len(past_review)
            ),
        ),
        problems=_capped(problems),
    )


def _count(label: str, count: int) -> Line:
    """A count that asks for attention when it is not 0."""
    return Line(label, count, Kind.COUNT, attention=count > 0)


def _requests_section(inputs: ReportInputs) -> Section:
    taking = Line(
        QT_TRANSLATE_NOOP("StaffReport", "Taking requests"),
        inputs.takes_requests,
        Kind.YES_NO,
        attention=not inputs.takes_requests,
    )
    heading = QT_TRANSLATE_NOOP("StaffReport", "Visit requests")
    outbox = inputs.outbox
    if outbox is None:
        unreadable = Line(
            QT_TRANSLATE_NOOP("StaffReport", "Outbox readable"), False, Kind.YES_NO, attention=True
        )
        problem = (inputs.outbox_problem,) if inputs.outbox_problem else ()
        return Section(heading, (taking, unreadable), _capped(problem))
    from kiosk.visit.status import attention

    oldest = (
        None
        if outbox.oldest_pending_at is None or not outbox.pending
        else max(0.0, inputs.now - outbox.oldest_pending_at)
    )
    late = oldest is not None and oldest > ATTENTION_WAIT_SECONDS
    return Section(
        heading,
        (
            taking,
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Waiting"),
                outbox.pending,
                Kind.COUNT,
                attention=late,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Oldest waiting"), oldest, Kind.AGE, attention=late
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Delivered today"),
                outbox.delivered_since,
                Kind.COUNT,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Last delivery"), outbox.last_success_at, Kind.TIME
            ),
            _count(QT_TRANSLATE_NOOP("StaffReport", "Refused by the receiver"), outbox.refused),
            _count(
                QT_TRANSLATE_NOOP("StaffReport", "Sealed with a missing key"), outbox.unreadable
            ),
            Line(QT_TRANSLATE_NOOP("StaffReport", "Outbox readable"), True, Kind.YES_NO),
        ),
        _capped(attention(outbox)),
    )


def _channel_section(name: str, channel: ChannelStatus) -> Section:
    failing = channel.pending > 0 and bool(channel.last_error)
    return Section(
        CHANNEL_HEADINGS.get(name, _sentence(name)),
        (
            Line(QT_TRANSLATE_NOOP("StaffReport", "Waiting"), channel.pending, Kind.COUNT),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Last delivery"),
                channel.last_success_at,
                Kind.TIME,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Last error"),
                _sentence(channel.last_error),
                attention=failing,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Last error at"), channel.last_error_at, Kind.TIME
            ),
        ),
    )


def _kiosk_section(inputs: ReportInputs) -> Section:
    source = inputs.settings_source
    problems = itertools.chain(
        inputs.settings_problems, (inputs.data_dir_problem,) if inputs.data_dir_problem else ()
    )
    return Section(
        QT_TRANSLATE_NOOP("StaffReport", "Kiosk"),
        (
            Line(QT_TRANSLATE_NOOP("StaffReport", "Version"), inputs.version),
            Line(QT_TRANSLATE_NOOP("StaffReport", "Started"), inputs.started_at, Kind.TIME),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Running for"),
                max(0.0, inputs.now - inputs.started_at),
                Kind.AGE,
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Settings file"),
                NO_SETTINGS_FILE if source is None else _path(source),
            ),
            _count(
                QT_TRANSLATE_NOOP("StaffReport", "Problems in the settings file"),
                len(inputs.settings_problems),
            ),
            Line(
                QT_TRANSLATE_NOOP("StaffReport", "Data folder"),
                NO_DATA_DIR if inputs.data_dir is None else _path(inputs.data_dir),
                attention=bool(inputs.data_dir_problem),
            ),
        ),
        _capped(problems),
    )
