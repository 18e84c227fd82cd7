"""The door to the staff panel: the PIN check with a lockout that outlives a restart.

:class:`PinGate` allows :data:`FREE_TRIES` wrong PINs, then locks for
:data:`LOCK_FIRST_SECONDS`; each further lockout doubles the delay, up to
:data:`LOCK_MAX_SECONDS`. After a lockout ends there are :data:`FREE_TRIES` tries again. While
locked, a try is refused without checking the PIN, so guessing during the wait costs nothing and
learns nothing. The right PIN clears everything.

Decisions:

* The wrong tries, the lockouts and whether one is running are kept in a small JSON state file
  (``<data_dir>/staff-lock.json``: 0600, written atomically), so restarting, crashing or
  killing the kiosk does not clear a lockout.
* Time is measured on a monotonic clock only, so moving the wall clock changes nothing. A
  monotonic time means nothing after a restart, so a lockout found running in the file at start
  runs its whole delay again from then (a lockout that ended with nobody trying since is still
  marked running: the safe side).
* A damaged, oversized or hostile state file counts as one lockout, running: it is logged once
  and rewritten. A file that cannot be written is logged once; the gate goes on in memory.
* Neither the PIN nor the hash is ever logged.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.health import write_atomically
from kiosk.staff.pin import hash_problem, verify_pin

log = logging.getLogger(__name__)

FREE_TRIES = 5
"""Wrong PINs allowed before each lockout."""
LOCK_FIRST_SECONDS = 30.0
"""Length of the first lockout; each further one is twice the one before."""
LOCK_MAX_SECONDS = 3600.0
"""Longest lockout, however many came before."""
MAX_LOCKOUTS = 64
"""Most lockouts counted (the delay reached its cap long before); a file with more is damaged."""
MAX_STATE_FILE_BYTES = 4096
"""The state file is under 100 bytes; a bigger one is not ours and is not read further."""
FOLDER_MODE = 0o700
"""The state file's folder, if the gate has to create it, is private to the kiosk's account."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """The answer to one PIN try."""

    ok: bool
    tries_left: int
    """Wrong tries left before the next lockout (0 when this try locked or was refused)."""
    locked_seconds: float
    """Seconds until the next try is checked; 0 when the gate is open."""


@dataclass(frozen=True, slots=True)
class _State:
    wrong_tries: int = 0
    """Wrong tries since the last lockout or the right PIN; below FREE_TRIES."""
    lockouts: int = 0
    """Lockouts since the right PIN; the current or next delay grows with it."""
    locked: bool = False
    """A lockout is running (or ran and no try came since)."""


_DAMAGED = _State(lockouts=1, locked=True)
"""What a damaged state file counts as."""


def lock_seconds(lockouts: int) -> float:
    """The delay of lockout number ``lockouts`` (1 for the first)."""
    doublings = min(max(lockouts, 1) - 1, MAX_LOCKOUTS)
    return min(LOCK_FIRST_SECONDS * 2.0**doublings, LOCK_MAX_SECONDS)


class PinGate:
    """Checks staff PINs against ``stored_hash``, with the lockout kept in ``state_file``.

    ``state_file`` None keeps the count in memory only. ``clock`` is a monotonic clock in
    seconds (tests pass their own).
    """

    def __init__(
        self,
        stored_hash: str,
        state_file: Path | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._hash = stored_hash
        self._file = state_file
        self._clock = clock
        self._save_failed = False
        self._state = self._load()
        delay = lock_seconds(self._state.lockouts) if self._state.locked else 0.0
        self._locked_until = self._clock() + delay

    @property
    def configured(self) -> bool:
        """A usable PIN hash is set (else no PIN opens the panel)."""
        return self._hash != "" and hash_problem(self._hash) == ""

    def locked_seconds(self) -> float:
        """Seconds until a try is checked again; 0 when the gate is open."""
        return max(0.0, self._locked_until - self._clock()) if self._state.locked else 0.0

    def try_pin(self, pin: str) -> Attempt:
        """Check ``pin``, unless a lockout is running; count a wrong one, clear all on the
        right one. Without a usable hash every PIN is wrong and nothing is counted."""
        left = self.locked_seconds()
        if left > 0:
            return Attempt(ok=False, tries_left=0, locked_seconds=left)
        if not self.configured:
            return Attempt(ok=False, tries_left=FREE_TRIES, locked_seconds=0.0)
        state = self._state
        if verify_pin(pin, self._hash):
            self._set(_State())
            return Attempt(ok=True, tries_left=FREE_TRIES, locked_seconds=0.0)
        wrong = state.wrong_tries + 1
        if wrong < FREE_TRIES:
            self._set(_State(wrong_tries=wrong, lockouts=state.lockouts))
            return Attempt(ok=False, tries_left=FREE_TRIES - wrong, locked_seconds=0.0)
        lockouts = min(state.lockouts + 1, MAX_LOCKOUTS)
        delay = lock_seconds(lockouts)
        self._locked_until = self._clock() + delay
        self._set(_State(lockouts=lockouts, locked=True))
        log.warning("staff panel: %d wrong PINs, locked for %.0f s", FREE_TRIES, delay)
        return Attempt(ok=False, tries_left=0, locked_seconds=delay)

    # --- The state file -----------------------------------------------------------------------

    def _set(self, state: _State) -> None:
        if state == self._state:
            return
        self._state = state
        self._save()

    def _save(self) -> None:
        if self._file is None:
            return
        document = {
            "wrong_tries": self._state.wrong_tries,
            "lockouts": self._state.lockouts,
            "locked": self._state.locked,
        }
        try:
            self._file.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            write_atomically(self._file, json.dumps(document) + "\n")
        except OSError as error:
            if not self._save_failed:
                log.error("cannot save the staff PIN lockout in %s: %s", self._file, error)
            self._save_failed = True
            return
        self._save_failed = False

    def _load(self) -> _State:
        if self._file is None:
            return _State()
        try:
            with self._file.open("rb") as handle:
                raw = handle.read(MAX_STATE_FILE_BYTES + 1)
        except FileNotFoundError:
            return _State()
        except OSError as error:
            return self._damaged(f"cannot be read ({error.strerror or error})")
        state = _parse(raw)
        if state is None:
            return self._damaged("is damaged")
        return state

    def _damaged(self, why: str) -> _State:
        log.warning(
            "staff PIN lockout file %s %s; counting one lockout and rewriting it", self._file, why
        )
        self._state = _DAMAGED
        self._save()
        return _DAMAGED


def _parse(raw: bytes) -> _State | None:
    """The state in ``raw``, or None when it is not exactly what :meth:`PinGate._save` writes."""
    if len(raw) > MAX_STATE_FILE_BYTES:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None
    if not isinstance(document, dict) or set(document) != {"wrong_tries", "lockouts", "locked"}:
        return None
    wrong, lockouts, locked = document["wrong_tries"], document["lockouts"], document["locked"]
    if type(wrong) is not int or type(lockouts) is not int or type(locked) is not bool:
        return None
    if not 0 <= wrong < FREE_TRIES or not 0 <= lockouts <= MAX_LOCKOUTS:
        return None
    if locked and (wrong or not lockouts):
        return None
    return _State(wrong_tries=wrong, lockouts=lockouts, locked=locked)
