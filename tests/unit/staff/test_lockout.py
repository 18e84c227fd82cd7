"""The PIN gate: five wrong tries lock it, the delay grows, the lockout survives a restart."""

from __future__ import annotations

import json
import logging
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.staff.lockout import (
    FREE_TRIES,
    LOCK_FIRST_SECONDS,
    LOCK_MAX_SECONDS,
    MAX_LOCKOUTS,
    MAX_STATE_FILE_BYTES,
    Attempt,
    PinGate,
    lock_seconds,
)
from kiosk.staff.pin import hash_pin
from tests.paths import REPO

PIN = "4826"
WRONG = "4827"
STORED = hash_pin(PIN, salt=bytes(16))
GUARD_SECONDS = 5.0
"""Loose bound on reading a hostile file: a freeze fails, a busy machine does not."""


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def state_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "staff-lock.json"


def lock_out(gate: PinGate) -> Attempt:
    """Spend the free tries with wrong PINs; the last answer."""
    for _ in range(FREE_TRIES - 1):
        assert not gate.try_pin(WRONG).ok
    return gate.try_pin(WRONG)


def test_the_right_pin_opens(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    assert gate.configured
    assert gate.try_pin(PIN) == Attempt(ok=True, tries_left=FREE_TRIES, locked_seconds=0.0)


def test_a_wrong_pin_counts_down_the_tries(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    for left in range(FREE_TRIES - 1, 0, -1):
        assert gate.try_pin(WRONG) == Attempt(ok=False, tries_left=left, locked_seconds=0.0)
    assert gate.locked_seconds() == 0


def test_five_wrong_tries_lock_even_the_right_pin_out(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    assert lock_out(gate) == Attempt(ok=False, tries_left=0, locked_seconds=LOCK_FIRST_SECONDS)
    clock.now += LOCK_FIRST_SECONDS - 1
    assert gate.locked_seconds() == pytest.approx(1.0)
    assert gate.try_pin(PIN) == Attempt(ok=False, tries_left=0, locked_seconds=1.0)
    clock.now += 1
    assert gate.locked_seconds() == 0
    assert gate.try_pin(PIN).ok


def test_while_locked_the_pin_is_not_even_checked(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    lock_out(gate)
    started = time.monotonic()
    for _ in range(1000):  # a check takes about 50 ms: 1000 would take almost a minute
        assert not gate.try_pin(PIN).ok
    assert time.monotonic() - started < GUARD_SECONDS


def test_each_lockout_doubles_up_to_the_cap(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    delays = []
    for _ in range(10):
        attempt = lock_out(gate)
        delays.append(attempt.locked_seconds)
        clock.now += attempt.locked_seconds
    assert delays[:4] == [LOCK_FIRST_SECONDS * factor for factor in (1, 2, 4, 8)]
    assert delays == sorted(delays)
    assert delays[-1] == LOCK_MAX_SECONDS
    assert max(delays) == LOCK_MAX_SECONDS


def test_after_a_lockout_the_free_tries_come_back(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    clock.now += lock_out(gate).locked_seconds
    assert gate.try_pin(WRONG).tries_left == FREE_TRIES - 1


def test_the_right_pin_resets_everything(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    clock.now += lock_out(gate).locked_seconds
    clock.now += lock_out(gate).locked_seconds
    gate.try_pin(WRONG)
    assert gate.try_pin(PIN).ok
    assert lock_out(gate).locked_seconds == LOCK_FIRST_SECONDS
    assert json.loads(state_file.read_text()) == {"wrong_tries": 0, "lockouts": 1, "locked": True}


@given(st.integers(-5, MAX_LOCKOUTS * 10**6))
def test_every_delay_is_within_its_bounds(lockouts: int) -> None:
    assert LOCK_FIRST_SECONDS <= lock_seconds(lockouts) <= LOCK_MAX_SECONDS


def test_no_hash_means_no_pin_opens_and_nothing_counts(clock: Clock, state_file: Path) -> None:
    for stored in ("", "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA=="):
        gate = PinGate(stored, state_file, clock=clock)
        assert not gate.configured
        for _ in range(FREE_TRIES * 2):
            assert gate.try_pin(PIN) == Attempt(ok=False, tries_left=FREE_TRIES, locked_seconds=0)
        assert gate.locked_seconds() == 0
    assert not state_file.exists()


# --- Restarts and the state file ------------------------------------------------------------


def test_a_restart_keeps_the_wrong_tries(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    gate.try_pin(WRONG)
    gate.try_pin(WRONG)
    again = PinGate(STORED, state_file, clock=clock)
    assert again.try_pin(WRONG).tries_left == FREE_TRIES - 3


def test_a_restart_runs_the_whole_lockout_again(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    clock.now += lock_out(gate).locked_seconds
    lock_out(gate)  # the second lockout: twice the first
    clock.now += 10
    restarted = PinGate(STORED, state_file, clock=Clock(start=5.0))  # a new boot's clock
    assert restarted.locked_seconds() == 2 * LOCK_FIRST_SECONDS
    assert not restarted.try_pin(PIN).ok


def test_the_wall_clock_does_not_matter(
    clock: Clock, state_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    lock_out(gate)
    monkeypatch.setattr(time, "time", lambda: 10.0**12)  # a wall clock years ahead
    assert PinGate(STORED, state_file, clock=clock).locked_seconds() == LOCK_FIRST_SECONDS


def test_a_killed_kiosk_keeps_its_lockout(state_file: Path) -> None:
    script = (
        "import os, sys\n"
        "from kiosk.staff.lockout import PinGate, FREE_TRIES\n"
        "gate = PinGate(sys.argv[1], __import__('pathlib').Path(sys.argv[2]))\n"
        "for _ in range(FREE_TRIES): gate.try_pin('4827')\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", script, STORED, str(state_file)], cwd=REPO, timeout=60)
    assert PinGate(STORED, state_file).locked_seconds() > LOCK_FIRST_SECONDS - GUARD_SECONDS


def test_the_state_file_is_private_and_holds_no_secret(clock: Clock, state_file: Path) -> None:
    gate = PinGate(STORED, state_file, clock=clock)
    lock_out(gate)
    text = state_file.read_text()
    assert PIN not in text and WRONG not in text and STORED[20:40] not in text
    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(state_file.parent.stat().st_mode) == 0o700
    assert [path.name for path in state_file.parent.iterdir()] == [state_file.name]


def test_the_log_holds_neither_pin_nor_hash(
    clock: Clock, state_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    state_file.parent.mkdir()
    state_file.write_text("{")
    gate = PinGate(STORED, state_file, clock=clock)
    clock.now += gate.locked_seconds()
    lock_out(gate)
    assert caplog.records
    for record in caplog.records:
        message = record.getMessage()
        assert WRONG not in message and STORED[20:40] not in message


DAMAGED = {
    "not JSON": b"{",
    "not UTF-8": b"\xff\xfe{}",
    "a list": b"[]",
    "missing keys": b'{"lockouts": 0}',
    "an extra key": b'{"wrong_tries": 0, "lockouts": 0, "locked": false, "x": 1}',
    "a string count": b'{"wrong_tries": "0", "lockouts": 0, "locked": false}',
    "a bool count": b'{"wrong_tries": true, "lockouts": 0, "locked": false}',
    "a float count": b'{"wrong_tries": 0.5, "lockouts": 0, "locked": false}',
    "negative tries": b'{"wrong_tries": -1, "lockouts": 0, "locked": false}',
    "too many tries": b'{"wrong_tries": 5, "lockouts": 0, "locked": false}',
    "too many lockouts": b'{"wrong_tries": 0, "lockouts": 65, "locked": false}',
    "a huge count": b'{"wrong_tries": 0, "lockouts": 1' + b"0" * 4000 + b', "locked": false}',
    "locked without a lockout": b'{"wrong_tries": 0, "lockouts": 0, "locked": true}',
    "deep nesting": b"[" * MAX_STATE_FILE_BYTES,
    "oversized": b" " * (MAX_STATE_FILE_BYTES + 1)
    + b'{"wrong_tries": 0, "lockouts": 0, "locked": false}',
    "empty": b"",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_counts_as_one_lockout(
    content: bytes, clock: Clock, state_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state_file.parent.mkdir()
    state_file.write_bytes(content)
    started = time.monotonic()
    gate = PinGate(STORED, state_file, clock=clock)
    assert time.monotonic() - started < GUARD_SECONDS
    assert gate.locked_seconds() == LOCK_FIRST_SECONDS
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert json.loads(state_file.read_text()) == {"wrong_tries": 0, "lockouts": 1, "locked": True}
    clock.now += LOCK_FIRST_SECONDS
    assert gate.try_pin(PIN).ok


def test_a_huge_file_is_not_read_whole(clock: Clock, state_file: Path) -> None:
    state_file.parent.mkdir()
    with state_file.open("wb") as handle:
        handle.truncate(4 * 1024**3)  # 4 GB of holes: reading it whole would take minutes
    started = time.monotonic()
    assert PinGate(STORED, state_file, clock=clock).locked_seconds() == LOCK_FIRST_SECONDS
    assert time.monotonic() - started < GUARD_SECONDS


def test_an_unreadable_state_file_counts_as_one_lockout(clock: Clock, state_file: Path) -> None:
    state_file.mkdir(parents=True)  # a folder where the file belongs: cannot be read or replaced
    gate = PinGate(STORED, state_file, clock=clock)
    assert gate.locked_seconds() == LOCK_FIRST_SECONDS
    clock.now += LOCK_FIRST_SECONDS
    assert gate.try_pin(PIN).ok


def test_a_state_file_that_cannot_be_written_is_logged_once(
    clock: Clock, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    gate = PinGate(STORED, blocker / "staff-lock.json", clock=clock)
    lock_out(gate)
    clock.now += LOCK_FIRST_SECONDS
    lock_out(gate)
    assert gate.locked_seconds() == 2 * LOCK_FIRST_SECONDS  # the gate still works in memory
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 1


def test_without_a_state_file_the_gate_works_in_memory(clock: Clock) -> None:
    gate = PinGate(STORED, None, clock=clock)
    assert lock_out(gate).locked_seconds == LOCK_FIRST_SECONDS
    assert PinGate(STORED, None, clock=clock).locked_seconds() == 0


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_file_content_gives_a_gate(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz" / "staff-lock.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    gate = PinGate(STORED, path, clock=Clock())
    assert 0 <= gate.locked_seconds() <= LOCK_MAX_SECONDS
    assert set(json.loads(path.read_bytes())) == {"wrong_tries", "lockouts", "locked"}
