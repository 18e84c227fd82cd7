"""Encryption of patient data at rest in the outbox, and the key that protects it.

Each pending request's patient data (name, phone, email, choices, language) is sealed with
AES-256-GCM: a fresh random 96-bit nonce per record and the request UUID as associated data, so
a sealed record cannot be swapped onto another request's row unnoticed. The key is 32 random
bytes in ``<data_dir>/outbox.key``, created on first use with owner-only permissions (0600)
and published atomically (written to a temporary file, fsynced, then hard-linked into place,
which never overwrites an existing key).

What this protects against: a copy of ``outbox.sqlite3`` (or its ``-wal`` file) taken without
the key -- a stolen or copied database file, a backup of the database alone, someone casually
browsing the data folder or a support bundle of it. What it does not protect against: anyone
who has the whole data folder (key and database together), or administrator/root rights on the
running machine, or the kiosk's own user account. Use OS disk encryption (BitLocker, LUKS) for
a stolen kiosk, and keep the data folder readable only by the kiosk account.

Key loss: requests still waiting in the outbox become unreadable -- they cannot be delivered
until the old key file is put back. Each sealed record names the key that sealed it (a key id:
a hash of the key, which reveals nothing about it), and every readable ``outbox*.key`` file in
the data folder is tried, so staff can restore a key from a backup as, e.g.,
``outbox-restored.key`` next to the new one. A missing or damaged ``outbox.key`` never stops
the kiosk: a damaged file is moved aside (``outbox.key.damaged-<time>``, never deleted) and a new
key is created so new requests are still stored encrypted; rows sealed with the lost key are
kept untouched and reported by ``kiosk outbox status`` (see :mod:`kiosk.visit.outbox`).
A key file deleted while the kiosk runs is written back from the key in memory at the next
delivery pass (:meth:`kiosk.visit.outbox.Outbox.maintain`), and one replaced by another key is
left alone while the running key is saved beside it as ``outbox-kept-<key id>.key``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.visit.files import fsync_dir

KEY_FILE = "outbox.key"
KEY_BYTES = 32
NONCE_BYTES = 12
_EXTRA_KEYS = "outbox*.key"

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)


class SealError(Exception):
    """A sealed record cannot be opened: its key is missing, or the record was damaged."""


def key_id(key: bytes) -> str:
    """A short public name for ``key`` (a domain-separated SHA-256 prefix; not reversible)."""
    return hashlib.sha256(b"hip-kiosk outbox key id\0" + key).hexdigest()[:16]


def create_key_file(path: Path) -> bytes:
    """Write a new random key to ``path`` atomically with mode 0600; FileExistsError if present."""
    key = secrets.token_bytes(KEY_BYTES)
    write_key_file(path, key)
    return key


def write_key_file(path: Path, key: bytes) -> None:
    """Publish ``key`` as ``path`` atomically with mode 0600; FileExistsError if present.

    Used for a new key, and to write the running kiosk's key back when its file was deleted
    (see :meth:`kiosk.visit.outbox.Outbox.maintain`).
    """
    if len(key) != KEY_BYTES:
        raise ValueError("wrong key length")
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)  # atomic, and refuses to replace a key that appeared meanwhile
    finally:
        temp.unlink()
    fsync_dir(path.parent)


def read_key_file(path: Path) -> bytes:
    """The key in ``path``; ValueError if it is not exactly 32 bytes, OSError if unreadable."""
    with path.open("rb") as handle:
        key = handle.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise ValueError("wrong key length")
    return key


@dataclass
class Keyring:
    """The current key (used to seal) and every other readable key (used to open)."""

    current: bytes
    others: dict[str, bytes] = field(default_factory=dict)
    problem: str = ""
    """Plain words for staff when the key file was missing or damaged; empty when all is well."""

    @property
    def current_id(self) -> str:
        return key_id(self.current)

    def known_ids(self) -> set[str]:
        return {self.current_id, *self.others}

    def seal(self, record_id: uuid.UUID, plaintext: bytes) -> tuple[str, bytes]:
        """``(key id, nonce + ciphertext)`` for ``plaintext`` bound to ``record_id``."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = _cipher(self.current).encrypt(nonce, plaintext, record_id.bytes)
        return self.current_id, nonce + sealed

    def open(self, record_id: uuid.UUID, sealed_key_id: str, blob: bytes) -> bytes:
        """The plaintext sealed by :meth:`seal`; :class:`SealError` without any detail."""
        key = self.current if sealed_key_id == self.current_id else self.others.get(sealed_key_id)
        if key is None:
            raise SealError("the key that sealed this request is missing")
        from cryptography.exceptions import InvalidTag

        try:
            return _cipher(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], record_id.bytes)
        except (InvalidTag, ValueError):
            raise SealError("the sealed request is damaged") from None


def _cipher(key: bytes) -> AESGCM:
    """AES-GCM for ``key``. cryptography is imported here, on first use: the status file and
    ``kiosk outbox status`` read key ids at start-up and need none of its native code."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def load_keyring(data_dir: Path, *, create: bool = True) -> Keyring:
    """The data folder's keys; creates ``outbox.key`` if missing (moving a damaged one aside).

    Never raises for a missing or damaged key when ``create`` is true (OSError only if the data
    folder itself cannot be written). With ``create`` false, raises :class:`SealError` instead
    of creating a key (used by read-only tools).
    """
    path = data_dir / KEY_FILE
    others: dict[str, bytes] = {}
    for extra in sorted(data_dir.glob(_EXTRA_KEYS)):
        if extra.name != KEY_FILE:
            try:
                key = read_key_file(extra)
            except (OSError, ValueError):
                log.warning("ignoring unreadable extra key file %s", extra.name)
                continue
            others[key_id(key)] = key
    problem = ""
    for _ in range(3):  # a concurrent creator may win the race; then read its key
        try:
            current = read_key_file(path)
            return Keyring(current, {k: v for k, v in others.items() if v != current}, problem)
        except FileNotFoundError:
            pass  # first use, or lost: the outbox reports rows it can no longer open
        except (OSError, ValueError) as error:
            aside = path.with_name(f"{KEY_FILE}.damaged-{time.strftime('%Y%m%dT%H%M%S')}")
            problem = f"the outbox key file was unreadable and was moved to {aside.name}"
            log.error("outbox key file unreadable (%s)", type(error).__name__)
            if not create:
                raise SealError(problem) from None
            os.replace(path, aside)
        if not create:
            raise SealError("no outbox key file")
        try:
            current = create_key_file(path)
        except FileExistsError:
            continue
        log.info("created a new outbox key")
        return Keyring(current, others, problem)
    raise SealError("the outbox key file keeps changing")


def keep_key_file(data_dir: Path, keys: Keyring) -> str:
    """Make sure the running key is on disk; plain words for what was wrong, "" when all is well.

    A deleted ``outbox.key`` is written back from ``keys`` (0600, atomically). A key file that
    became unreadable or holds another key is left as it is, and the running key is saved
    beside it as ``outbox-kept-<key id>.key`` (read at the next start like any extra key), so
    no request sealed with it becomes unreadable. Raises OSError if the folder cannot be
    written. The words hold no key material.
    """
    path = data_dir / KEY_FILE
    try:
        if read_key_file(path) == keys.current:
            return ""
        problem = "the outbox key file was replaced by another key while the kiosk was running"
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):  # put back meanwhile: checked next time
            write_key_file(path, keys.current)
        return (
            "the outbox key file was deleted while the kiosk was running; "
            "it was written back from memory"
        )
    except (OSError, ValueError):
        problem = "the outbox key file became unreadable while the kiosk was running"
    kept = data_dir / f"outbox-kept-{keys.current_id}.key"
    with contextlib.suppress(FileExistsError):
        write_key_file(kept, keys.current)
    return f"{problem}; the running key was saved as {kept.name}"
