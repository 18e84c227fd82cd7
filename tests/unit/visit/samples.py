"""Sample visit requests and a fake clock for the outbox and delivery tests."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from kiosk.visit.model import FormInput, VisitRequest, check_form

LOCATIONS = ("Main clinic", "North")


def make_request(n: int = 0, **fields: Any) -> VisitRequest:
    form = FormInput(
        name=fields.pop("name", f"Zebulon Quixotic{n}"),
        phone=fields.pop("phone", f"+1 312 555 01{n % 100:02d}"),
        email=fields.pop("email", f"zeb.quix{n}@example.org"),
        best_time="morning",
        location="North",
        pain_areas=("groin", "low-back"),
        duration="over-3-months",
        consent=True,
        language="es",
    )
    result = check_form(form, region="US", locations=LOCATIONS, **fields)
    assert result.request is not None, result.errors
    return result.request


class FakeClock:
    """A clock that only moves when told to; ``sleep`` advances it."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.001)


def utc(year: int = 2027) -> dt.datetime:
    return dt.datetime(year, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)


def new_id(n: int) -> uuid.UUID:
    return uuid.UUID(int=(0x1234 << 100) + n)
