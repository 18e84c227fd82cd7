"""Read a drop folder: every request file opened with the clinic key, every failure named.

Bounded whatever the folder holds: at most :data:`READ_MAX` files are opened per command (the
oldest by file time; the rest are counted, and the caller says so), no file larger than
:data:`FILE_MAX` is read, the folder is walked once with memory for :data:`READ_MAX` entries
only, and nothing blocks on a FIFO or follows a link. A file that cannot be opened (wrong key,
damaged, half synced, a temporary copy) becomes an :class:`Item` with a ``problem``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import heapq
import json
import os
import stat
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage  # type: ignore[import-untyped, unused-ignore]

from kiosk.visit.drop import FOLDER_MODE, HANDLED_FOLDER, PLAIN_SUFFIX, SEALED_SUFFIX
from kiosk.visit.files import fsync_dir
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import from_json_dict

FILE_MAX = 1024 * 1024
"""A request file is about 1 KB; anything over 1 MiB is not one and is not read."""
READ_MAX = 2000
"""Files opened per command. Decrypting one takes well under a millisecond."""

REQUEST_SUFFIXES = (SEALED_SUFFIX, PLAIN_SUFFIX)
SEALED_STARTS = (b"age-encryption.org/", b"-----BEGIN AGE ENCRYPTED FILE-----")
TEMPORARY_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".!sync")
SYSTEM_FILES = frozenset({"desktop.ini", "thumbs.db", ".ds_store", ".directory"})
"""Files an operating system or sync client puts in any folder: not mentioned at all."""

WRONG_KEY = "sealed for a different key (not this clinic key)"
INCOMPLETE = "incomplete (still being copied, or a copy that was interrupted)"


class FolderProblem(Exception):
    """The folder itself cannot be read; the text is a plain sentence for staff."""


@dataclass(frozen=True, slots=True)
class Item:
    """One file in the drop folder: a request, or the reason it cannot be opened."""

    path: Path
    mtime: float
    request: VisitRequest | None = None
    problem: str = ""
    sealed: bool = False
    wrong_key: bool = False
    handled: bool = False


@dataclass(frozen=True, slots=True)
class Scan:
    """What one pass over a folder found."""

    items: tuple[Item, ...]
    """Requests (oldest first) and then problem files (by name), of the files read."""
    files: int
    """Request-like files in the folder (all of them, read or not)."""
    read: int
    """How many of them were read (``files - read`` were left for later: see READ_MAX)."""

    @property
    def requests(self) -> list[Item]:
        return [item for item in self.items if item.request is not None]

    @property
    def problems(self) -> list[Item]:
        return [item for item in self.items if item.request is None]

    @property
    def capped(self) -> bool:
        return self.read < self.files

    @property
    def only_wrong_key(self) -> bool:
        """Sealed files were read, and not one of them opened with this key."""
        sealed = [item for item in self.items if item.sealed or item.wrong_key]
        return bool(sealed) and all(item.wrong_key for item in sealed)


def _kind(name: str) -> str:
    """``request``, ``incomplete`` or ``other`` for a file name in a drop folder."""
    lower = name.lower()
    if lower in SYSTEM_FILES or lower.startswith("._"):
        return "other"
    if lower.endswith(REQUEST_SUFFIXES) and not lower.startswith("."):
        return "request"
    if lower.endswith(TEMPORARY_SUFFIXES) or any(s in lower for s in REQUEST_SUFFIXES):
        return "incomplete"  # the kiosk's own .<uuid>.<hex>.tmp, rsync's .<name>.XXXXXX ...
    return "other"


def _entries(folder: Path) -> Iterator[tuple[float, str, str]]:
    """(file time, name, kind) of each request-like file in ``folder``, one pass, no opening."""
    try:
        scanner = os.scandir(folder)
    except FileNotFoundError:
        raise FolderProblem(
            f"The folder {folder} cannot be found. Is the shared or synced folder connected?"
        ) from None
    except NotADirectoryError:
        raise FolderProblem(f"{folder} is a file, not the drop folder.") from None
    except OSError as error:
        raise FolderProblem(f"The folder {folder} cannot be opened ({error.strerror}).") from None
    with scanner:
        while True:
            try:
                entry = next(scanner)
            except StopIteration:
                return
            except OSError as error:  # the share went away in the middle
                raise FolderProblem(
                    f"The folder {folder} could not be read to the end ({error.strerror})."
                ) from None
            kind = _kind(entry.name)
            if kind == "other":
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    continue
                mtime = entry.stat(follow_symlinks=False).st_mtime
            except OSError:
                mtime = 0.0  # reported when it is opened
            yield mtime, entry.name, kind


class _Counter:
    def __init__(self, source: Iterator[tuple[float, str, str]]) -> None:
        self.source = source
        self.count = 0

    def __iter__(self) -> Iterator[tuple[float, str, str]]:
        for entry in self.source:
            self.count += 1
            yield entry


def _read_bounded(path: Path) -> bytes | str:
    """The file's bytes, or a problem sentence. Never blocks, never follows a link."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENOENT:
            return "gone while being read (moved, or still syncing)"
        if error.errno in (errno.EACCES, errno.EPERM):
            return "cannot be read: this account has no permission to open it"
        if error.errno == errno.ELOOP:
            return "a link, not an ordinary file (not read)"
        return f"cannot be read ({error.strerror})"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return "not an ordinary file (not read)"
        if info.st_size > FILE_MAX:
            return f"too large to be a visit request ({info.st_size / 1e6:,.0f} MB; not read)"
        data = handle.read(FILE_MAX + 1)
    if len(data) > FILE_MAX:
        return "too large to be a visit request (it grew while being read; not read)"
    if not data:
        return "empty (still being copied, or damaged)"
    return data


def _request(data: bytes) -> VisitRequest | str:
    try:
        decoded: Any = json.loads(data.decode("utf-8"))
        if not isinstance(decoded, dict):
            return "not a visit request (another kind of data)"
        return from_json_dict(decoded)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return "damaged (its contents are not readable request data)"
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError):
        return "damaged or from another program (not a complete visit request)"


def open_file(path: Path, identities: Sequence[Any], *, handled: bool = False) -> Item:
    """The request in ``path`` (sealed with age, or plain JSON), or why it cannot be opened."""
    try:
        mtime = path.lstat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        data = _read_bounded(path)
        if isinstance(data, str):
            return Item(path, mtime, problem=data, handled=handled)
        sealed = data.startswith(SEALED_STARTS)
        if sealed:
            try:
                data = pyrage.decrypt(data, list(identities))
            except pyrage.DecryptError as error:
                if "no matching keys" in str(error).lower():
                    return Item(path, mtime, problem=WRONG_KEY, wrong_key=True, handled=handled)
                return Item(
                    path,
                    mtime,
                    problem="damaged or incomplete (it cannot be unsealed)",
                    sealed=True,
                    handled=handled,
                )
        elif data.lstrip()[:1] != b"{":
            return Item(path, mtime, problem="not a visit request file", handled=handled)
        found = _request(data)
        if isinstance(found, str):
            return Item(path, mtime, problem=found, sealed=sealed, handled=handled)
        return Item(path, mtime, request=found, sealed=sealed, handled=handled)
    except Exception as error:  # whatever a hostile file does: a problem line, not a crash
        return Item(
            path, mtime, problem=f"cannot be read ({type(error).__name__})", handled=handled
        )


def _order(item: Item) -> tuple[int, float, str]:
    if item.request is None:
        return (1, 0.0, item.path.name)
    created = item.request.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    try:
        when = created.timestamp()
    except (OverflowError, ValueError, OSError):
        when = item.mtime
    return (0, when, item.path.name)


def scan(
    folder: Path, identities: Sequence[Any], *, handled: bool = False, limit: int = READ_MAX
) -> Scan:
    """Read the ``limit`` oldest request files of ``folder`` (or of its ``handled/`` folder)."""
    where = folder / HANDLED_FOLDER if handled else folder
    if handled and not where.is_dir():
        return Scan((), 0, 0)
    counted = _Counter(_entries(where))
    oldest = heapq.nsmallest(limit, counted, key=lambda entry: (entry[0], entry[1]))
    items: list[Item] = []
    for _mtime, name, kind in oldest:
        path = where / name
        if kind == "incomplete":
            items.append(Item(path, _mtime, problem=INCOMPLETE, handled=handled))
        else:
            items.append(open_file(path, identities, handled=handled))
    items.sort(key=_order)
    return Scan(tuple(items), counted.count, len(oldest))


def count_files(folder: Path) -> int:
    """How many request files ``folder`` holds (names only: nothing is opened)."""
    try:
        return sum(1 for _ in _entries(folder) if _[2] == "request")
    except FolderProblem:
        return 0


def parse_reference(text: str) -> tuple[str, uuid.UUID | None] | None:
    """(reference like ``1A2-B3C``, full id if given) for what staff typed; None if neither."""
    compact = text.strip().replace("-", "").replace(" ", "").lower()
    if compact.startswith("urn:uuid:"):
        compact = compact[len("urn:uuid:") :]
    if not compact or any(ch not in "0123456789abcdef" for ch in compact):
        return None
    if len(compact) == 32:
        full = uuid.UUID(hex=compact)
        code = full.hex[:6].upper()
        return f"{code[:3]}-{code[3:]}", full
    if len(compact) == 6:
        code = compact.upper()
        return f"{code[:3]}-{code[3:]}", None
    return None


def matches(item: Item, reference: str, full: uuid.UUID | None) -> bool:
    if item.request is None:
        return False
    if full is not None:
        return item.request.id == full
    return item.request.reference == reference


def find(
    folder: Path, identities: Sequence[Any], reference: str, full: uuid.UUID | None
) -> tuple[list[Item], bool]:
    """Files holding the request, new ones first; and whether the search was capped.

    The kiosk names each file after the request's id, so files whose name fits are opened
    first; only if none of them holds it is every file read (up to READ_MAX per folder).
    """
    found: list[Item] = []
    capped = False
    for handled in (False, True):
        where = folder / HANDLED_FOLDER if handled else folder
        if handled and not where.is_dir():
            continue
        named = [
            where / name
            for _mtime, name, kind in _entries(where)
            if kind == "request" and _name_fits(name, reference, full)
        ]
        hits = [open_file(path, identities, handled=handled) for path in sorted(named)]
        hits = [item for item in hits if matches(item, reference, full)]
        if not hits:
            result = scan(folder, identities, handled=handled)
            hits = [item for item in result.items if matches(item, reference, full)]
            capped = capped or result.capped
        found += sorted(hits, key=_order)
    return found, capped


def _name_fits(name: str, reference: str, full: uuid.UUID | None) -> bool:
    stem = name.rsplit(".", 1)[0]
    try:
        named = uuid.UUID(stem)
    except ValueError:
        return False
    if full is not None:
        return named == full
    return named.hex[:6].upper() == reference.replace("-", "")


def mark_handled(item: Item) -> Path:
    """Move ``item``'s file into ``handled/`` (made 0700 if missing); never overwrites.

    A file of the same name already there (the same request delivered twice) is kept, and this
    one gets a numbered name beside it.
    """
    handled = item.path.parent / HANDLED_FOLDER
    with contextlib.suppress(FileExistsError):
        os.mkdir(handled, FOLDER_MODE)
    stem, dot, suffix = item.path.name.rpartition(".")
    target = handled / item.path.name
    number = 1
    while target.exists() or target.is_symlink():
        number += 1
        target = handled / f"{stem}-{number}{dot}{suffix}"
    os.rename(item.path, target)
    fsync_dir(handled)
    fsync_dir(item.path.parent)
    return target
