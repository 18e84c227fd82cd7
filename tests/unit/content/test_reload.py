"""Live content updates without Qt: judging a new version, debouncing, the snapshot check,
the deadline, polling without events, and no thread left behind."""

from __future__ import annotations

import dataclasses
import errno
import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from watchdog.observers.api import BaseObserver

from kiosk.content.loader import load_library
from kiosk.content.model import Library, Problem, Severity
from kiosk.content.reload import (
    LOAD_DEADLINE_SECONDS,
    Candidate,
    ContentReloader,
    ReloadTimings,
    refusal,
    takes,
)
from kiosk.content.watch import FolderWatcher, folder_signature
from tests.helpers import edit_title, write_content

QUICK = ReloadTimings(debounce=0.3, max_wait=3.0, poll=0.2, deadline=5.0)
"""Polling every 0.2 s, reading 0.3 s after the last change."""
EVENTS_ONLY = ReloadTimings(debounce=0.3, max_wait=3.0, poll=600.0, deadline=5.0)
"""Events, and a poll too slow to matter within a test."""


class Deliveries:
    """Collects what the reloader hands over (from its thread)."""

    def __init__(self) -> None:
        self.candidates: list[Candidate] = []
        self._lock = threading.Lock()

    def __call__(self, candidate: Candidate) -> None:
        with self._lock:
            self.candidates.append(candidate)

    def wait(self, count: int, timeout: float = 5.0) -> list[Candidate]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if len(self.candidates) >= count:
                    return list(self.candidates)
            time.sleep(0.01)
        raise AssertionError(f"{len(self.candidates)} versions handed over, expected {count}")


def reloader_threads() -> list[threading.Thread]:
    names = ("content-reloader", "content-load")
    return [
        t
        for t in threading.enumerate()
        if t.name in names or "Observer" in type(t).__name__ or "Emitter" in type(t).__name__
    ]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(tmp_path / "content")


Start = Callable[..., tuple[ContentReloader, Deliveries]]


@pytest.fixture
def running() -> Iterator[Start]:
    started: list[ContentReloader] = []

    def start(
        root: Path,
        timings: ReloadTimings = QUICK,
        load: Callable[[Path], Library] = load_library,
    ) -> tuple[ContentReloader, Deliveries]:
        deliveries = Deliveries()
        reloader = ContentReloader(
            root, folder_signature(root), deliveries, timings=timings, load=load
        )
        reloader.start()
        started.append(reloader)
        return reloader, deliveries

    yield start
    for reloader in started:
        reloader.stop()


def titles(library: Library | None) -> list[str]:
    assert library is not None
    return [page.title for deck in library.decks for page in deck.pages]


# --- Judging a version --------------------------------------------------------------------------


def test_refusal_names_what_is_wrong_with_the_whole_folder(tmp_path: Path, content: Path) -> None:
    assert refusal(load_library(content)) == ""
    assert refusal(load_library(tmp_path / "gone")) == "the content folder does not exist"
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert refusal(load_library(tmp_path / "file")) == "the content folder is not a folder"
    (tmp_path / "empty").mkdir()
    assert refusal(load_library(tmp_path / "empty")) == "no language folder found"
    good = load_library(content)
    one = Problem(content / "en" / "02-second.md", 2, Severity.ERROR, "a broken title")
    assert refusal(dataclasses.replace(good, problems=(one,))) == "1 error"
    for page in (content / "es").glob("*.md"):
        page.write_text("garbage\x00\x01", encoding="utf-8")
    broken = load_library(content)
    assert refusal(broken) == f"{len(broken.errors)} errors" and len(broken.errors) > 3
    for page in (content / "en").glob("*.md"):
        page.unlink()
    nothing = load_library(content)
    assert refusal(nothing) == f"{len(nothing.errors)} errors, no page can be shown"


def test_warnings_alone_do_not_refuse_a_version(content: Path) -> None:
    (content / "en" / "notes.txt.md").write_text("a staff note\n", encoding="utf-8")
    library = load_library(content)
    assert library.warnings and not library.errors
    assert refusal(library) == ""


def test_out_of_service_takes_a_version_with_some_pages(tmp_path: Path, content: Path) -> None:
    good = load_library(content)
    (content / "en" / "02-second.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    partial = load_library(content)
    candidate = Candidate(content, 1, 0.0, partial, refusal(partial), 1, 0.0)
    assert not takes(candidate, good), "the last good version stays"
    out_of_service = load_library(tmp_path / "gone")
    assert takes(candidate, out_of_service), "some pages are better than none"
    unreadable = Candidate(content, 1, 0.0, None, "too slow", 0, 0.0)
    assert not takes(unreadable, out_of_service)


# --- Noticing and reading -----------------------------------------------------------------------


def test_polling_alone_picks_up_an_edit(content: Path, running: Start) -> None:
    reloader, deliveries = running(content, ReloadTimings(debounce=0.3, poll=0.2, events=False))
    assert not reloader.watching
    started = time.perf_counter()
    edit_title(content / "en" / "01-first.md", "Polled title")
    (candidate,) = deliveries.wait(1)
    assert time.perf_counter() - started < 5
    assert "Polled title" in titles(candidate.library) and candidate.refused == ""
    assert candidate.signature == folder_signature(content)
    assert reloader.last_check is not None


def test_events_pick_up_an_edit_without_polling(content: Path, running: Start) -> None:
    reloader, deliveries = running(content, EVENTS_ONLY)
    assert reloader.watching
    started = time.perf_counter()
    edit_title(content / "es" / "02-second.md", "Nuevo título")
    (candidate,) = deliveries.wait(1)
    latency = time.perf_counter() - started
    assert latency < 3, f"{latency:.2f} s"
    assert "Nuevo título" in titles(candidate.library)


def test_a_burst_of_writes_is_read_once(content: Path, running: Start) -> None:
    _, deliveries = running(content, EVENTS_ONLY)
    page = content / "en" / "03-third.md"
    for number in range(20):
        edit_title(page, f"Draft {number}")
        time.sleep(0.02)
    (candidate,) = deliveries.wait(1)
    time.sleep(1.0)  # nothing else comes
    assert len(deliveries.candidates) == 1
    assert "Draft 19" in titles(candidate.library)


def test_hidden_files_and_reading_the_folder_cause_no_reload(content: Path, running: Start) -> None:
    _, deliveries = running(content, EVENTS_ONLY)
    (content / "en" / ".~lock.01-first.md#").write_text("lock", encoding="utf-8")
    load_library(content)  # opening and reading every file is not an edit
    time.sleep(1.0)
    assert deliveries.candidates == []


def test_a_folder_changed_while_being_read_is_read_again(content: Path, running: Start) -> None:
    calls: list[int] = []

    def load_while_a_sync_writes(root: Path) -> Library:
        library = load_library(root)
        calls.append(1)
        if len(calls) == 1:  # the second half of the deck arrives while the first is read
            edit_title(root / "en" / "02-second.md", "Second half")
        return library

    _, deliveries = running(content, QUICK, load=load_while_a_sync_writes)
    edit_title(content / "en" / "01-first.md", "First half")
    (candidate,) = deliveries.wait(1)
    assert len(calls) == 2, "the half-updated reading was not handed over"
    assert {"First half", "Second half"} <= set(titles(candidate.library))
    assert candidate.signature == folder_signature(content)


def test_a_folder_that_never_stops_changing_is_read_by_the_maximum_wait(
    content: Path, running: Start
) -> None:
    timings = ReloadTimings(debounce=0.5, max_wait=1.0, poll=600.0)
    _, deliveries = running(content, timings)
    log_file = content / "images" / "sync-log.txt"  # a tool writes here every 0.1 s
    started = time.perf_counter()
    stop = threading.Event()

    def keep_writing() -> None:
        number = 0
        while not stop.wait(0.1):
            number += 1
            log_file.write_text(f"tick {number}\n", encoding="utf-8")

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        edit_title(content / "en" / "01-first.md", "Read anyway")
        # Each read races the writer (the snapshot check may send it back); one gets through.
        deliveries.wait(1, timeout=10)
    finally:
        stop.set()
        writer.join()
    assert time.perf_counter() - started < 10
    assert "Read anyway" in titles(deliveries.candidates[0].library)


def test_a_read_past_the_deadline_is_given_up_and_the_next_edit_is_read(
    content: Path, running: Start, caplog: pytest.LogCaptureFixture
) -> None:
    slow = threading.Event()

    def sometimes_hangs(root: Path) -> Library:
        if not slow.is_set():
            slow.set()
            time.sleep(1.5)  # as a hostile folder near the loader's limits would
        return load_library(root)

    timings = ReloadTimings(debounce=0.2, poll=0.2, deadline=0.5)
    reloader, deliveries = running(content, timings, load=sometimes_hangs)
    started = time.perf_counter()
    with caplog.at_level(logging.ERROR, logger="kiosk.content.reload"):
        edit_title(content / "en" / "01-first.md", "Slow title")
        (given_up,) = deliveries.wait(1)
    assert time.perf_counter() - started < 5
    assert given_up.library is None
    assert given_up.refused == "reading it took longer than 0.5 s"
    assert f"gave up reading the new version of {content}" in caplog.text
    steps = 0
    original_step = reloader._step

    def counted_step() -> None:
        nonlocal steps
        steps += 1
        original_step()

    reloader._step = counted_step  # type: ignore[method-assign]
    edit_title(content / "en" / "02-second.md", "Next title")
    candidate = deliveries.wait(2)[1]
    assert steps < 40, f"{steps} wake-ups while the given-up read ran: a busy loop"
    assert {"Slow title", "Next title"} <= set(titles(candidate.library))
    assert LOAD_DEADLINE_SECONDS == 20.0 and reloader.timings.deadline == 0.5


@pytest.mark.parametrize("how", ["deleted", "file", "emptied"])
def test_the_folder_gone_is_a_refused_version(
    tmp_path: Path, content: Path, running: Start, how: str
) -> None:
    _, deliveries = running(content)
    shutil.rmtree(content)
    if how == "file":
        content.write_text("garbage", encoding="utf-8")
    elif how == "emptied":
        content.mkdir()
    (candidate,) = deliveries.wait(1)
    expected = {
        "deleted": "the content folder does not exist",
        "file": "the content folder is not a folder",
        "emptied": "no language folder found",
    }
    assert candidate.refused == expected[how]
    if how == "file":
        content.unlink()
    else:
        shutil.rmtree(content, ignore_errors=True)
    write_content(content)
    back = deliveries.wait(2)[1]
    assert back.refused == "" and len(titles(back.library)) == 6


# --- Watching -----------------------------------------------------------------------------------


def test_no_thread_or_watch_is_left_after_stop(content: Path, running: Start) -> None:
    before = reloader_threads()
    reloader, _ = running(content, EVENTS_ONLY)
    assert reloader.watching and len(reloader_threads()) > len(before)
    reloader.stop()
    assert reloader_threads() == before
    assert not reloader.watching


def test_an_inotify_limit_falls_back_to_polling_logged_once(
    content: Path,
    running: Start,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def limit_reached(self: BaseObserver) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    monkeypatch.setattr(BaseObserver, "start", limit_reached)
    with caplog.at_level(logging.WARNING, logger="kiosk.content.watch"):
        reloader, deliveries = running(content, QUICK)
        edit_title(content / "en" / "01-first.md", "Still noticed")
        (candidate,) = deliveries.wait(1)
        time.sleep(0.5)  # several polls, each trying to watch again
    assert not reloader.watching
    assert "Still noticed" in titles(candidate.library)
    lines = [r.getMessage() for r in caplog.records if "cannot watch" in r.getMessage()]
    assert lines == [
        f"content: cannot watch {content} for changes (inotify watch limit reached); "
        "checking it every few seconds instead"
    ]


def test_a_folder_missing_at_start_is_watched_once_it_exists(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "later"
    changes: list[int] = []
    watcher = FolderWatcher(root, lambda: changes.append(1))
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.content.watch"):
            assert not watcher.ensure()
            assert not watcher.ensure()
        assert caplog.text.count("cannot watch") == 1
        write_content(root)
        assert watcher.ensure() and watcher.watching
        edit_title(root / "en" / "01-first.md", "Seen")
        end = time.monotonic() + 3
        while not changes and time.monotonic() < end:
            time.sleep(0.01)
        assert changes
    finally:
        watcher.stop()
    assert not watcher.watching


def test_check_now_compares_at_once_but_still_waits_for_the_debounce(
    content: Path, running: Start
) -> None:
    timings = ReloadTimings(debounce=0.5, poll=600.0, events=False)
    reloader, deliveries = running(content, timings)
    edit_title(content / "en" / "01-first.md", "Asked for")
    started = time.perf_counter()
    reloader.check_now()
    (candidate,) = deliveries.wait(1)
    waited = time.perf_counter() - started
    assert 0.5 <= waited < 5, f"{waited:.2f} s"
    assert "Asked for" in titles(candidate.library)


def test_reload_now_reads_an_unchanged_folder_at_once(content: Path, running: Start) -> None:
    """Staff's "Reload the pages now": read without a change seen and without the debounce."""
    timings = ReloadTimings(debounce=30.0, poll=600.0, events=False)
    reloader, deliveries = running(content, timings)
    started = time.perf_counter()
    reloader.reload_now()
    (candidate,) = deliveries.wait(1)
    assert time.perf_counter() - started < 10  # far below the 30 s debounce
    assert candidate.refused == "" and candidate.library is not None
    assert candidate.signature == folder_signature(content)
