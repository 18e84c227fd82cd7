"""The daily-restart decision: the set time read from the settings, and when it is due."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.restart import last_scheduled, parse_restart_time, restart_due
from kiosk.session import Screen


def test_parse_restart_time() -> None:
    assert parse_restart_time("03:30") == dt.time(3, 30)
    assert parse_restart_time("23:59") == dt.time(23, 59)
    for off in ("", "  ", "3:30", "24:00", "noon", "03:30:00"):
        assert parse_restart_time(off) is None, off


@given(st.times())
def test_parse_restart_time_reads_every_clock_time(moment: dt.time) -> None:
    assert parse_restart_time(moment.strftime("%H:%M")) == dt.time(moment.hour, moment.minute)


def test_parse_restart_time_refuses_a_huge_value_quickly() -> None:
    started = time.monotonic()
    for hostile in ("9" * 1_000_000 + ":30", "03:" + "0" * 1_000_000, ":" * 1_000_000):
        assert parse_restart_time(hostile) is None
    assert time.monotonic() - started < 5.0


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute)


def test_last_scheduled() -> None:
    assert last_scheduled(at(10, 3, 30), dt.time(3, 30)) == at(10, 3, 30)
    assert last_scheduled(at(10, 3, 29), dt.time(3, 30)) == at(9, 3, 30)
    assert last_scheduled(at(10, 23), dt.time(3, 30)) == at(10, 3, 30)


@pytest.mark.parametrize(
    ("now", "last_restart", "screen", "due"),
    [
        (at(10, 3, 29), at(9, 3, 30), Screen.ATTRACT, False),  # not yet
        (at(10, 3, 30), at(9, 3, 30), Screen.ATTRACT, True),  # the time has come
        (at(10, 3, 30), at(9, 3, 30), Screen.OUT_OF_SERVICE, True),  # nobody is reading
        (at(10, 3, 30), at(9, 3, 30), Screen.PAGE, False),  # never during a visit
        (at(10, 3, 30), at(9, 3, 30), Screen.REQUEST_FORM, False),
        (at(10, 3, 30), at(9, 3, 30), Screen.THANK_YOU, False),
        (at(10, 3, 30), at(9, 3, 30), Screen.MENU, False),
        (at(10, 3, 31), at(9, 3, 30), Screen.ATTRACT, True),  # retried a minute later
        (at(10, 5, 29), at(9, 3, 30), Screen.ATTRACT, True),  # within the two hours
        (at(10, 9, 0), at(9, 3, 30), Screen.ATTRACT, True),  # later: at the next attract
        (
            at(10, 3, 31),
            at(
                10,
                3,
                30,
            ),
            Screen.ATTRACT,
            False,
        ),  # just restarted
        (at(10, 3, 40), at(10, 3, 35), Screen.ATTRACT, False),  # started after today's time
        (at(11, 3, 29), at(10, 3, 35), Screen.ATTRACT, False),
        (at(11, 3, 30), at(10, 3, 35), Screen.ATTRACT, True),  # ... waits for tomorrow's
        (at(10, 3, 30), at(1, 12), Screen.ATTRACT, True),  # days without a restart
    ],
)
def test_restart_due(
    now: dt.datetime, last_restart: dt.datetime, screen: Screen, due: bool
) -> None:
    assert restart_due(now, last_restart, screen, dt.time(3, 30)) is due


def test_no_daily_restart_when_off() -> None:
    assert not restart_due(at(10, 3, 30), at(1, 0), Screen.ATTRACT, None)
