"""The background worker that hands waiting requests to every delivery channel.

Delivery is at least once, per channel: each channel's success is recorded separately, and the
receiver deduplicates by the request UUID (file name, ``Idempotency-Key`` header, Message-ID).
Each channel has its own thread (a *lane*), so a slow webhook never delays the folder or the
email channel; the outbox they share is thread-safe.

A failed attempt is retried forever, after an exponential backoff with full jitter, at least
the receiver's ``Retry-After`` and never more than ``retry_max_seconds`` from now. After a
failure (other than a refusal of that one request) the channel holds its other waiting requests
until the same time: a server that is down or asks for a pause sees one attempt, not one per
request. The schedule is kept in the outbox, so it survives restarts, and every pass clamps it
to ``retry_max_seconds`` from now (:meth:`Outbox.clamp_schedule`), so a clock set back a day or
a year never stalls delivery; the lanes sleep on the monotonic clock. Refusals
(:class:`Refused`) are recorded as such, so staff see the requests that need attention.

:meth:`DeliveryWorker.stop` cuts the network attempts in progress and returns within
:data:`STOP_SECONDS`; a cut attempt is not recorded at all, so the request is tried again at the
next start. Logs name request ids, channels and error classes only, never patient data.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kiosk.visit.channels import (
    Channel,
    Closable,
    EmailChannel,
    WebhookChannel,
    channels_from_config,
    message_id,
)
from kiosk.visit.crypto import SealError
from kiosk.visit.drop import FolderChannel
from kiosk.visit.errors import Aborted, DeliveryError, Refused, describe
from kiosk.visit.model import VisitRequest
from kiosk.visit.outbox import Outbox

log = logging.getLogger(__name__)
BASE_DELAY_SECONDS = 2.0
MIN_DELAY_SECONDS = 1.0
IDLE_POLL_SECONDS = 60.0
STOP_SECONDS = 3.0
"""How long :meth:`DeliveryWorker.stop` waits for the lanes (well inside systemd's 90 s)."""
DUE_BATCH = 200
"""This channel's due requests read per pass (oldest first); a longer backlog is taken on in the
next pass, a second later."""


def backoff_delay(attempts: int, cap: float, rng: random.Random) -> float:
    """Seconds before the next try after ``attempts`` failures: full jitter, at least 1 s."""
    ceiling = min(cap, BASE_DELAY_SECONDS * 2.0 ** min(attempts, 40))
    return max(MIN_DELAY_SECONDS, rng.uniform(0.0, ceiling))


def retry_delay(attempts: int, error: DeliveryError, cap: float, rng: random.Random) -> float:
    """The wait after a failure: the backoff, at least the receiver's Retry-After, at most cap."""
    delay = backoff_delay(attempts, cap, rng)
    if error.retry_after is not None:
        delay = max(delay, error.retry_after)
    return min(delay, cap)


@dataclass
class _Lane:
    """One channel's thread and its state."""

    name: str
    wakeup: threading.Event = field(default_factory=threading.Event)
    held_until: float = 0.0
    """No attempt before this (worker clock) after a failure or a Retry-After."""
    thread: threading.Thread | None = None
    rush: threading.Event = field(default_factory=threading.Event)
    """Staff asked to try now (:meth:`DeliveryWorker.try_now`): the next pass ignores the hold
    and brings every waiting attempt forward to now."""

    def held(self, now: float, longest: float) -> bool:
        """Whether the channel waits; a hold never reaches past ``longest`` from now."""
        self.held_until = min(self.held_until, now + longest)  # the clock may have gone back
        return self.held_until > now


class DeliveryWorker:
    """Delivers due requests in the background, one thread per channel, until :meth:`stop`."""

    def __init__(
        self,
        outbox: Outbox,
        channels: Sequence[Channel],
        *,
        retry_max_seconds: float = 900.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.outbox = outbox
        self.channels: dict[str, Channel] = {channel.name: channel for channel in channels}
        self.retry_max_seconds = retry_max_seconds
        self.clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._stopping = threading.Event()
        self._lanes = {name: _Lane(name) for name in self.channels}

    # --- Control -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start one thread per channel."""
        for lane in self._lanes.values():
            lane.thread = threading.Thread(
                target=self._run, args=(lane,), name=f"visit-delivery-{lane.name}", daemon=True
            )
            lane.thread.start()

    def wake(self) -> None:
        """Try due requests now (call after a submit); a held channel keeps waiting."""
        for lane in self._lanes.values():
            lane.wakeup.set()

    def try_now(self) -> None:
        """Staff's "Try sending now": every waiting request is attempted at once on every
        channel, the holds and retry times of earlier failures notwithstanding. The lanes do
        the work on their own threads (the outbox is not touched on the caller's)."""
        for lane in self._lanes.values():
            lane.rush.set()
            lane.wakeup.set()

    def is_alive(self) -> bool:
        return any(
            lane.thread is not None and lane.thread.is_alive() for lane in self._lanes.values()
        )

    def join(self, timeout: float | None = None) -> None:
        """Wait for every lane to end, ``timeout`` seconds in all."""
        ends = None if timeout is None else time.monotonic() + timeout
        for lane in self._lanes.values():
            if lane.thread is not None:
                lane.thread.join(None if ends is None else max(0.0, ends - time.monotonic()))

    def stop(self, timeout: float = STOP_SECONDS) -> bool:
        """Cut the attempts in progress and end the lanes; True if all ended within ``timeout``.

        A lane still running after that (a name lookup, a hung network folder) is abandoned:
        it is a daemon thread, and whatever it was delivering stays waiting in the outbox.
        """
        self._stopping.set()
        for lane in self._lanes.values():
            lane.wakeup.set()
        for channel in self.channels.values():
            if isinstance(channel, Closable):
                channel.close()
        self.join(timeout)
        stuck = [
            lane.name
            for lane in self._lanes.values()
            if lane.thread is not None and lane.thread.is_alive()
        ]
        if stuck:
            log.warning(
                "delivery did not stop within %.0f s on: %s; the requests stay waiting",
                timeout,
                ", ".join(stuck),
            )
        return not stuck

    # --- Passes ------------------------------------------------------------------------------

    def run_once(self) -> int:
        """One pass of every channel in this thread; returns the number of attempts made."""
        return sum(self._pass(lane) for lane in self._lanes.values())

    def _run(self, lane: _Lane) -> None:
        while not self._stopping.is_set():
            try:
                made = self._pass(lane)
            except Exception as error:  # the lane must outlive a bad pass; retried later
                if self._stopping.is_set():
                    break  # e.g. the outbox was closed under a lane that stop() gave up on
                log.error("%s delivery pass failed (%s); retrying", lane.name, describe(error))
                made = 0
            if self._stopping.is_set():
                break
            if not made:
                self._pause(lane, self._seconds_to_next(lane))

    def _pass(self, lane: _Lane) -> int:
        """Attempt ``lane``'s due requests (until the channel fails); returns the attempts."""
        now = self.clock()
        rushed = lane.rush.is_set()
        if rushed:
            lane.rush.clear()
            lane.held_until = 0.0
        self.outbox.clamp_schedule(now, 0.0 if rushed else self.retry_max_seconds)
        try:
            return self._attempt_due(lane, now)
        finally:
            self.outbox.maintain()

    def _attempt_due(self, lane: _Lane, now: float) -> int:
        if lane.held(now, self.retry_max_seconds):
            return 0
        made = 0
        for due in self.outbox.due(now, DUE_BATCH, channel=lane.name):
            channel = self.channels.get(lane.name)
            if self._stopping.is_set() or channel is None:
                break
            if lane.name not in due.channels:
                continue
            try:
                request = self.outbox.load(due.request_id)
            except (SealError, ValueError, KeyError, TypeError) as error:
                why = str(error) if isinstance(error, SealError) else type(error).__name__
                log.error("request %s cannot be opened (%s)", due.request_id, why)
                self._failed(lane, due.request_id, DeliveryError(f"cannot be opened: {why}"))
                continue
            made += 1
            if not self._attempt(lane, channel, request):
                break  # the channel is down or stopping: the others wait for the retry time
        return made

    def _attempt(self, lane: _Lane, channel: Channel, request: VisitRequest) -> bool:
        """Deliver ``request``; False when the channel should take no more requests now."""
        try:
            channel.deliver(request)
        except Aborted:
            log.info("request %s: %s attempt stopped by shutdown", request.id, channel.name)
            return False
        except DeliveryError as error:
            return self._failed(lane, request.id, error, held=True)
        except Exception as error:  # a bug in a channel must not stop the others
            return self._failed(lane, request.id, DeliveryError(describe(error)), held=True)
        done = self.outbox.record_success(request.id, channel.name, self.clock())
        log.info("request %s delivered by %s%s", request.id, channel.name, " (all)" * done)
        return True

    def _failed(
        self, lane: _Lane, rid: uuid.UUID, error: DeliveryError, *, held: bool = False
    ) -> bool:
        """Record a failed attempt; True if the channel may go on with its other requests."""
        attempts = self.outbox.attempts(rid, lane.name) + 1
        now = self.clock()
        delay = retry_delay(attempts, error, self.retry_max_seconds, self._rng)
        refused = isinstance(error, Refused)
        self.outbox.record_failure(rid, lane.name, now, str(error), now + delay, refused=refused)
        log.warning(
            "request %s: %s attempt %d %s (%s); next try in %.0f s",
            rid,
            lane.name,
            attempts,
            "refused, needs attention" if refused else "failed",
            error,
            delay,
        )
        if not held or (refused and error.retry_after is None):
            return True  # about this request only
        lane.held_until = max(lane.held_until, now + delay)
        return False

    def _seconds_to_next(self, lane: _Lane) -> float:
        """How long ``lane`` sleeps: until the next due attempt or its hold ends, 1-60 s."""
        now = self.clock()
        try:
            due_at = self.outbox.next_due_at(channel=lane.name)
        except Exception:
            return MIN_DELAY_SECONDS
        wait = IDLE_POLL_SECONDS if due_at is None else due_at - now
        if lane.held(now, self.retry_max_seconds):
            wait = max(wait, lane.held_until - now)
        return min(IDLE_POLL_SECONDS, max(MIN_DELAY_SECONDS, wait))

    def _pause(self, lane: _Lane, seconds: float) -> None:
        """Sleep (monotonic) until ``seconds`` pass, :meth:`wake` or :meth:`stop`."""
        if lane.wakeup.is_set():
            lane.wakeup.clear()
            return
        if self._sleep is not None:
            self._sleep(seconds)
        else:
            lane.wakeup.wait(seconds)
        lane.wakeup.clear()


__all__ = [
    "Channel",
    "DeliveryError",
    "DeliveryWorker",
    "EmailChannel",
    "FolderChannel",
    "Refused",
    "WebhookChannel",
    "backoff_delay",
    "channels_from_config",
    "describe",
    "message_id",
    "retry_delay",
]
