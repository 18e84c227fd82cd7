"""Visit requests in plain words for front-desk staff: a list line, every field, a CSV row.

Everything shown comes from a file someone could have written by hand, so every value is
cleaned before it reaches a terminal (no control characters, escape sequences, direction
overrides or unpaired surrogates) or a spreadsheet (no formulas: a cell starting with
``= + - @`` or a tab gets a leading ``'``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from kiosk.inbox.folder import Item
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import pain_area_words

BEST_TIME_WORDS = {
    "morning": "Morning",
    "afternoon": "Afternoon",
    "evening": "Evening",
    "any": "Any time",
}
DURATION_WORDS = {
    "under-6-weeks": "Under 6 weeks",
    "6-weeks-to-3-months": "6 weeks to 3 months",
    "over-3-months": "Over 3 months",
}
LANGUAGE_WORDS = {"en": "English", "es": "Spanish"}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NAME_WIDTH = 28
"""Longest name shown in the list (``show`` has all of it)."""


def clean(text: str, limit: int = 1000) -> str:
    """``text`` safe for a terminal line: control and format characters become spaces or go."""
    kept: list[str] = []
    for ch in text[: limit * 2]:
        category = unicodedata.category(ch)
        if ch.isspace() or category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif category[0] == "C":  # Cf (direction overrides, zero widths), Cs, Co, Cn
            kept.append("\ufffd" if category in ("Cs", "Cn") else "")
        else:
            kept.append(ch)
    line = " ".join("".join(kept).split())
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


def file_name(item: Item) -> str:
    """The file's name as staff can read it (a name that is not valid text shows ``?``s)."""
    return clean(item.path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def received(request: VisitRequest) -> str:
    """When the patient sent it, in this computer's time: ``2027-01-02 09:04``."""
    created = request.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    try:
        return created.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, ValueError, OSError):
        return clean(created.isoformat())


def _choice(words: dict[str, str], value: str) -> str:
    return words.get(value) or clean(value, 80) or "(not given)"


def status(item: Item) -> str:
    return "handled" if item.handled else "new"


def fields(item: Item) -> list[tuple[str, str]]:
    """Every field of the request in ``item``, labelled for staff."""
    request = item.request
    assert request is not None
    # The same words as the email and the FHIR text; a value without words is shown as it is.
    areas = clean(pain_area_words(request.pain_areas)) or "(not given)"
    return [
        ("Reference", request.reference),
        ("Status", status(item)),
        ("Received", f"{received(request)} (this computer's time)"),
        ("Name", clean(request.name) or "(not given)"),
        ("Phone", clean(request.phone) or "(not given)"),
        ("Email", clean(request.email) or "(not given)"),
        ("Best time to call", _choice(BEST_TIME_WORDS, request.best_time)),
        ("Location", clean(request.location) or "(not given)"),
        ("Pain areas", areas),
        ("Pain for", _choice(DURATION_WORDS, request.duration)),
        ("Language", _choice(LANGUAGE_WORDS, request.language)),
        ("Agreed to be contacted", "yes" if request.consent else "no"),
        ("Request number", str(request.id)),
        ("File", f"{file_name(item)} ({'sealed' if item.sealed else 'readable file'})"),
    ]


def detail_lines(item: Item) -> list[str]:
    labelled = fields(item)
    width = max(len(label) for label, _ in labelled) + 1
    return [f"  {label + ':':<{width}} {value}" for label, value in labelled]


LIST_HEADINGS = ("Ref", "Received", "Name", "Phone", "Best time", "Location")


def list_row(item: Item) -> tuple[str, ...]:
    request = item.request
    assert request is not None
    return (
        request.reference,
        received(request),
        clean(request.name, NAME_WIDTH) or "(no name)",
        clean(request.phone, 20),
        _choice(BEST_TIME_WORDS, request.best_time),
        clean(request.location, 30),
    )


def table(rows: list[tuple[str, ...]], headings: tuple[str, ...]) -> list[str]:
    widths = [max(len(row[i]) for row in [headings, *rows]) for i in range(len(headings))]
    return [
        "  "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [headings, *rows]
    ]


def spreadsheet_safe(value: str) -> str:
    """A cell no spreadsheet runs as a formula (OWASP's CSV injection rule)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


CSV_HEADINGS = (
    "Reference",
    "Status",
    "Received",
    "Name",
    "Phone",
    "Email",
    "Best time to call",
    "Location",
    "Pain areas",
    "Pain for",
    "Language",
    "Agreed to be contacted",
    "Request number",
    "File",
)


def csv_row(item: Item) -> list[str]:
    request = item.request
    assert request is not None
    labelled = dict(fields(item))
    labelled["Received"] = received(request)
    labelled["File"] = file_name(item)
    return [spreadsheet_safe(labelled[heading]) for heading in CSV_HEADINGS]
