"""What the staff panel shows, Qt-free: plain values grouped in sections, never patient data.

The panel (:mod:`kiosk.ui.staff_panel`) only lays these out and words their labels; every
figure comes from here, built by :func:`build_report` from the kiosk's own state (content
status, the outbox read by counts and times only, usage totals, settings problems). Labels are
English source strings marked with :func:`QT_TRANSLATE_NOOP` (context ``StaffReport``) so
``pyside6-lupdate`` collects them and the panel translates them with
``QCoreApplication.translate("StaffReport", label)``; problem sentences from the content checker,
the settings checker and the delivery channels stay in English (the same words IT sees in
``kiosk validate``, ``kiosk config check`` and the logs).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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
    """English source text, marked with QT_TRANSLATE_NOOP(CONTEXT, ...)."""
    value: int | float | str | bool | None
    kind: Kind = Kind.TEXT
    attention: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A group of lines under a heading; ``problems`` are whole sentences listed after them."""

    heading: str
    """English source text, marked with QT_TRANSLATE_NOOP(CONTEXT, ...)."""
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
