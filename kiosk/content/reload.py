"""Live content updates, the Qt-free part: notice edits, read the new version off the UI
thread, and judge whether the kiosk may take it.

How a staff edit reaches the screen (:mod:`kiosk.upkeep` is the Qt side):

1. **Noticed** by file-system events (:class:`~kiosk.content.watch.FolderWatcher`) and by a
   poll of :func:`~kiosk.content.watch.folder_signature` every ``POLL_SECONDS``, which always
   runs (a network share may give no events even where a watch can be set up).
2. **Debounced**: the folder is read ``DEBOUNCE_SECONDS`` after the last event (a sync tool's
   burst of writes makes one reload); a change seen by polling must show the same signature
   twice, ``DEBOUNCE_SECONDS`` apart. ``MAX_WAIT_SECONDS`` after the first change it is read
   even if events keep coming.
3. **Read as a snapshot** on the reloader's own thread: the signature is taken before and
   after reading; if they differ the folder changed under the reader (a half-written deck)
   and it is read again after the debounce. A read that takes longer than
   ``LOAD_DEADLINE_SECONDS`` is given up (the last good version stays, and status.json says
   so); Python cannot stop a thread, so the loader's own limits bound the work left over.
4. **Judged as a whole** (:func:`refusal`, :func:`takes`): a version with any error, or with no
   page to show, or a folder that is missing, emptied or replaced by a file, is refused; the
   last good version stays on screen. Warnings alone do not refuse a version. Each problem is
   logged once, one line each (``path:line: error: ...``), as at start-up.
5. **Swapped** by :mod:`kiosk.upkeep` on the UI thread, whole, and only while the kiosk is
   quiet (the attract screen): a version found during a visit waits for its end.

The last good version at start-up is whatever the start-up load showed (as before live
updates: the pages that could be read, "out of service" if none). While the kiosk is out of
service, a new version with some errors but at least one page is taken: a partial deck is better
than none (the errors stay in the log and status.json).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.content.watch import FolderWatcher, folder_signature

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 2.0
"""Quiet time after the last change before the folder is read: a sync tool or an editor's
"save" writes several files (or one file in several pieces) within a second or so."""
MAX_WAIT_SECONDS = 30.0
"""A folder that never stops changing (a tool rewriting a file every second) is read anyway
this long after the first change; the snapshot check still refuses a half-written deck."""
POLL_SECONDS = 15.0
"""How often the folder's signature is compared when no event came. Events can be missing
(network shares, some sync tools): this bounds how late such an edit shows. Stat-ing the
bundled folder costs about a millisecond, on the reloader's thread."""
LOAD_DEADLINE_SECONDS = 20.0
"""A new version that takes longer than this to read is given up (the last good one stays).
The bundled folder reads in well under a second and the loader's limits bound a hostile one to
a few seconds; 20 s leaves a large clinic folder on a slow share room to finish."""
LATE_CHECK_SECONDS = 0.5
"""While a read given up after its deadline still runs, how often to look whether it ended."""
STOP_SECONDS = 5.0
"""How long :meth:`ContentReloader.stop` waits for its thread (it wakes at once, unless a
check of the folder's signature is under way)."""


@dataclass(frozen=True, slots=True)
class ReloadTimings:
    """The reloader's timings in seconds (tests pass short ones) and whether to use events."""

    debounce: float = DEBOUNCE_SECONDS
    max_wait: float = MAX_WAIT_SECONDS
    poll: float = POLL_SECONDS
    deadline: float = LOAD_DEADLINE_SECONDS
    events: bool = True
    """False: polling only (as on a share without events)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One whole reading of the content folder: a version the kiosk may show."""

    root: Path
    signature: int
    """:func:`~kiosk.content.watch.folder_signature` of the folder as read."""
    checked_at: float
    """When it was read (Unix seconds)."""
    library: Library | None
    """None when it could not be read in time."""
    refused: str
    """Why this version cannot be shown on its own ("" when it can): ``"3 errors"``..."""
    errors: int
    seconds: float
    """How long reading took."""


REFUSED_STATE = "new version refused"
"""How :attr:`ContentStatus.state` begins when the newest version was refused."""


@dataclass(frozen=True, slots=True)
class ContentStatus:
    """What status.json says about the content (see :func:`kiosk.health.status_document`)."""

    folder: Path
    shown_loaded_at: float
    """When the version on screen was read (Unix seconds)."""
    shown_signature: int
    pending_problems: int
    """Errors in the newest version, when it was refused (0 otherwise)."""
    last_check: float | None
    state: str
    """``ok``, ``new version refused: 3 errors``, ``new version waiting for the end of the
    visit``..."""
    watching: bool
    """True when file-system events arrive; False: polling only."""

    @property
    def refused(self) -> bool:
        return self.state.startswith(REFUSED_STATE)


def refusal(library: Library) -> str:
    """Why ``library`` may not replace the version on screen ("" when it may)."""
    errors = library.errors
    if len(errors) == 1 and errors[0].path == library.root and not library.decks:
        return errors[0].message.split(":")[0]  # "the content folder does not exist"
    nothing = "" if library.usable else ", no page can be shown"
    if errors:
        return f"{len(errors)} error{'' if len(errors) == 1 else 's'}{nothing}"
    return nothing.removeprefix(", ")


def takes(candidate: Candidate, shown: Library) -> bool:
    """Whether the kiosk showing ``shown`` takes ``candidate`` (see the module: any error
    refuses it, unless the kiosk is out of service and the candidate has pages)."""
    if candidate.library is None:
        return False
    if not candidate.refused:
        return True
    return not shown.usable and candidate.library.usable


def signature_text(signature: int) -> str:
    """The signature as status.json shows it (16 hex digits)."""
    return f"{signature & 0xFFFF_FFFF_FFFF_FFFF:016x}"


class _Load:
    """One read of the folder on a thread of its own, so the reloader can stop waiting."""

    def __init__(self, root: Path, load: Callable[[Path], Library]) -> None:
        self.library: Library | None = None
        self.failure = ""
        self.done = threading.Event()
        self.thread = threading.Thread(
            target=self._run, args=(root, load), name="content-load", daemon=True
        )
        self.thread.start()

    def _run(self, root: Path, load: Callable[[Path], Library]) -> None:
        try:
            self.library = load(root)
        except Exception as error:  # the loader never raises for content; last resort
            self.failure = f"it could not be read ({type(error).__name__})"
            log.exception("content: reading %s failed", root)
        finally:
            self.done.set()


@dataclass(slots=True)
class _Change:
    first: float
    last: float
    by_events: bool
    seen: int | None = None
    """The signature polling saw (a polled change must be seen twice, unchanged)."""


class ContentReloader:
    """Watches ``root`` and hands every new whole version to ``deliver`` (on its own thread).

    ``signature`` is the signature of the version on screen. ``load`` reads a folder
    (:func:`~kiosk.content.loader.load_library`; tests inject slow or failing ones).
    """

    def __init__(
        self,
        root: Path,
        signature: int,
        deliver: Callable[[Candidate], None],
        *,
        timings: ReloadTimings | None = None,
        load: Callable[[Path], Library] = load_library,
    ) -> None:
        self.root = root
        self.timings = timings or ReloadTimings()
        self.last_check: float | None = None
        self._deliver = deliver
        self.load = load
        """Reads a folder (public so tests can make it slow)."""
        self._checked = signature
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._poked: tuple[float, float] | None = None
        self._now = False
        self._forced = False
        self._change: _Change | None = None
        self._late: _Load | None = None
        self._next_poll = 0.0
        self._watcher = FolderWatcher(root, self.poke) if self.timings.events else None
        self._thread: threading.Thread | None = None

    @property
    def watching(self) -> bool:
        return self._watcher is not None and self._watcher.watching

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stopping.clear()
        if self._watcher is not None:
            self._watcher.ensure()
        self._next_poll = time.monotonic() + self.timings.poll
        self._thread = threading.Thread(target=self._run, name="content-reloader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the thread and the watch (no thread or inotify watch is left behind; a read
        given up after its deadline ends on its own)."""
        self._stopping.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(STOP_SECONDS)
        if self._watcher is not None:
            self._watcher.stop()

    def poke(self) -> None:
        """Something changed in the folder (any thread): read it after the debounce."""
        now = time.monotonic()
        with self._lock:
            self._poked = (now if self._poked is None else self._poked[0], now)
        self._wake.set()

    def check_now(self) -> None:
        """Compare the signature now instead of at the next poll (the kiosk just became
        quiet). A change found this way still waits for the debounce: a patient leaving in the
        middle of a sync tool's burst must not hurry a half-written deck in."""
        with self._lock:
            self._now = True
        self._wake.set()

    def reload_now(self) -> None:
        """Read the folder now, changed or not, without the debounce (staff touched "Reload
        the pages now": they know their copy is complete). The version read is handed over
        like any other; a read already running is not doubled."""
        with self._lock:
            self._forced = True
        self._wake.set()

    # --- The reloader's thread ------------------------------------------------------------

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self._timeout())
            self._wake.clear()
            if self._stopping.is_set():
                break
            try:
                self._step()
            except Exception:  # never end the thread: the next change must still be seen
                log.exception("content: checking %s for changes failed", self.root)
                self._change = None

    def _timeout(self) -> float:
        now = time.monotonic()
        change = self._change
        if self._late is not None and self._late.thread.is_alive():
            return LATE_CHECK_SECONDS
        if change is None:
            return max(0.01, self._next_poll - now)
        due = min(change.last + self.timings.debounce, change.first + self.timings.max_wait)
        return max(0.01, due - now)

    def _step(self) -> None:
        now = time.monotonic()
        with self._lock:
            poked, self._poked = self._poked, None
            at_once, self._now = self._now, False
            forced, self._forced = self._forced, False
        if poked is not None:
            first = poked[0] if self._change is None else min(self._change.first, poked[0])
            self._change = _Change(first, poked[1], by_events=True)
        if self._late is not None:
            if self._late.thread.is_alive():
                return  # a read given up is still running: do not pile up another
            self._late = None
        if forced:
            self._next_poll = now + self.timings.poll
            self._read(folder_signature(self.root))
            return
        if at_once:
            self._next_poll = now
        if self._change is None:
            if now >= self._next_poll:
                self._poll(now)
            return
        self._settle(now, self._change)

    def _poll(self, now: float) -> None:
        self._next_poll = now + self.timings.poll
        if self._watcher is not None:
            self._watcher.ensure()  # again after the folder was deleted and came back
        signature = folder_signature(self.root)
        self.last_check = time.time()
        if signature != self._checked:
            self._change = _Change(now, now, by_events=False, seen=signature)

    def _settle(self, now: float, change: _Change) -> None:
        timings = self.timings
        overdue = now - change.first >= timings.max_wait
        if now - change.last < timings.debounce and not overdue:
            return
        signature = folder_signature(self.root)
        self.last_check = time.time()
        if signature == self._checked:
            self._change = None  # back as it was, or only hidden files changed
            return
        if not change.by_events and signature != change.seen and not overdue:
            change.seen, change.last = signature, now  # still changing: wait again
            return
        self._read(signature)

    def _read(self, before: int) -> None:
        started = time.monotonic()
        job = _Load(self.root, self.load)
        deadline = started + self.timings.deadline
        while not job.done.wait(min(0.1, max(0.0, deadline - time.monotonic()))):
            if self._stopping.is_set():
                return
            if time.monotonic() >= deadline:
                self._give_up(job, before)
                return
        seconds = time.monotonic() - started
        after = folder_signature(self.root)
        if after != before:
            log.info(
                "content: %s changed while it was being read; reading it again in %g s",
                self.root,
                self.timings.debounce,
            )
            now = time.monotonic()
            self._change = _Change(now, now, by_events=False, seen=after)
            return
        self._checked = before
        self._change = None
        library = job.library
        if library is None:
            self._hand_over(before, None, job.failure, 0, seconds)
            return
        for problem in library.problems:
            log.warning("content: %s", problem.format(self.root))
        self._hand_over(before, library, refusal(library), len(library.errors), seconds)

    def _give_up(self, job: _Load, signature: int) -> None:
        self._late = job
        self._checked = signature
        self._change = None
        limit = f"reading it took longer than {self.timings.deadline:g} s"
        log.error("content: gave up reading the new version of %s: %s", self.root, limit)
        self._hand_over(signature, None, limit, 0, self.timings.deadline)

    def _hand_over(
        self, signature: int, library: Library | None, refused: str, errors: int, seconds: float
    ) -> None:
        self.last_check = time.time()
        candidate = Candidate(
            self.root, signature, self.last_check, library, refused, errors, seconds
        )
        if not self._stopping.is_set():
            self._deliver(candidate)
