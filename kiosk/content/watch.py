"""Noticing that staff changed the content folder, cheaply and without Qt.

Two ways, used together (see :mod:`kiosk.content.reload`):

- :func:`folder_signature`: a number made of every file's name, size and modification time.
  Polling it is the fallback that always works (network shares and sync tools on some
  systems give no events); the loader only runs again when it changes. Stat-ing the bundled
  folder takes about a millisecond.
- :class:`FolderWatcher`: file-system events through watchdog (inotify on Linux,
  ReadDirectoryChangesW on Windows), so a save is noticed at once. A kiosk that cannot watch
  (inotify limit reached, folder missing at start, a platform without events) says so once in
  the log and relies on polling; :meth:`FolderWatcher.ensure` tries again later (the folder
  came back).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger(__name__)

MISSING_SIGNATURE = hash(("the content folder is missing",))
NOT_A_FOLDER_SIGNATURE = hash(("the content folder is not a folder",))

WATCHED_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""Events that mean the folder changed. Opening, reading and closing without writing (which
the loader itself does) and attribute changes (access times) are left out, so reading the
pages never looks like an edit."""

WATCHER_STOP_SECONDS = 2.0
"""How long stopping waits for watchdog's threads (they wake within a second)."""


def folder_signature(root: Path) -> int:
    """A number that changes when a file under ``root`` is added, removed, renamed or edited,
    and when ``root`` itself goes missing or is replaced by a file (hidden files ignored)."""
    if not root.is_dir():
        return NOT_A_FOLDER_SIGNATURE if root.exists() else MISSING_SIGNATURE
    entries: list[tuple[str, int, int]] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            entries.append((os.path.relpath(path, root), status.st_size, status.st_mtime_ns))
    return hash(tuple(entries))


def _hidden(path: str, root: str) -> bool:
    relative = os.path.relpath(path, root)
    return any(part.startswith(".") for part in relative.split(os.sep) if part not in ("", "."))


class _Forward(FileSystemEventHandler):
    """Calls ``changed`` (on watchdog's thread) for every change outside hidden files."""

    def __init__(self, root: Path, changed: Callable[[], None]) -> None:
        self._root = os.fspath(root)
        self._changed = changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [os.fsdecode(event.src_path), os.fsdecode(event.dest_path or event.src_path)]
        if all(_hidden(path, self._root) for path in paths):
            return  # a sync tool's or an editor's temporary file
        self._changed()


class FolderWatcher:
    """File-system events for ``root`` (recursive), passed to ``changed`` on another thread.

    Never raises: a watch that cannot be set up is logged once and :attr:`watching` stays
    False (the caller polls). :meth:`stop` ends watchdog's threads and inotify watches.
    """

    def __init__(self, root: Path, changed: Callable[[], None]) -> None:
        self.root = root
        self._changed = changed
        self._observer: BaseObserver | None = None
        self._lock = threading.Lock()
        self._told: str = ""

    @property
    def watching(self) -> bool:
        """True while events arrive (the observer and its emitter threads run)."""
        observer = self._observer
        if observer is None or not observer.is_alive():
            return False
        return any(emitter.is_alive() for emitter in observer.emitters)

    def ensure(self) -> bool:
        """Start watching if not watching already (first call, or the folder came back after
        being deleted, which ends its watch). True when watching."""
        with self._lock:
            if self.watching:
                return True
            self._stop_observer()
            if not self.root.is_dir():
                self._tell("the content folder is missing")
                return False
            observer = Observer()
            try:
                observer.schedule(
                    _Forward(self.root, self._changed),
                    os.fspath(self.root),
                    recursive=True,
                    event_filter=WATCHED_EVENTS,
                )
                observer.start()
            except (OSError, RuntimeError) as error:  # inotify limits: ENOSPC, EMFILE
                self._stop(observer)
                reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
                self._tell(reason)
                return False
            self._observer = observer
            if self._told:
                log.info("content: watching %s for changes again", self.root)
            self._told = ""
            return True

    def _tell(self, reason: str) -> None:
        if self._told:
            return  # said once until watching works again
        self._told = reason
        log.warning(
            "content: cannot watch %s for changes (%s); checking it every few seconds instead",
            self.root,
            reason,
        )

    def stop(self) -> None:
        """Stop watching; watchdog's threads are joined (bounded)."""
        with self._lock:
            self._stop_observer()

    def _stop_observer(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            self._stop(observer)

    @staticmethod
    def _stop(observer: BaseObserver) -> None:
        try:
            observer.stop()
            if observer.is_alive():
                observer.join(WATCHER_STOP_SECONDS)
        except (OSError, RuntimeError) as error:
            log.debug("content: stopping the folder watcher: %s", error)
