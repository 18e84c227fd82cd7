"""The clinic's key pair: an age X25519 identity (``AGE-SECRET-KEY-1...``) and its public key.

Key files are in the ``age-keygen`` format (``#`` comment lines, then one or more
``AGE-SECRET-KEY-1...`` lines), so a key made by either tool works with the other.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage  # type: ignore[import-untyped, unused-ignore]

from kiosk.visit.files import fsync_dir

KEY_FILE_MAX = 64 * 1024
"""No key file is bigger (one key line is 74 characters); a bigger file is not one."""
SECRET_PREFIX = "AGE-SECRET-KEY-1"
PUBLIC_PREFIX = "age1"


class KeyProblem(Exception):
    """The key cannot be made or read; the text is a plain sentence for staff."""


@dataclass(frozen=True, slots=True)
class ClinicKey:
    identities: tuple[Any, ...]
    """pyrage ``x25519.Identity`` objects (pyrage ships no type information)."""
    public_keys: tuple[str, ...]
    warning: str = ""
    """Set when the key file can be read by other accounts on this computer."""


def recipient_line(public_key: str) -> str:
    """The line IT puts under ``[delivery]`` in kiosk.toml."""
    return f'folder_recipient = "{public_key}"'


def new_key(path: Path, *, now: dt.datetime | None = None) -> str:
    """Write a new private key to ``path`` (0600, never over an existing file); its public key."""
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    text = (
        f"# created: {created.isoformat().replace('+00:00', 'Z')}\n"
        f"# public key: {public}\n"
        f"{identity}\n"
    )
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise KeyProblem(
            f"{path} already exists. A key file is never overwritten: choose another name."
        ) from None
    except FileNotFoundError:
        raise KeyProblem(f"The folder for {path} does not exist.") from None
    except OSError as error:
        raise KeyProblem(f"{path} cannot be created ({error.strerror}).") from None
    try:
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        path.unlink(missing_ok=True)
        raise KeyProblem(f"{path} cannot be written ({error.strerror}).") from None
    fsync_dir(path.parent if str(path.parent) else Path("."))
    return public


def _read_bounded(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise KeyProblem(f"The key file {path} cannot be found.") from None
    except IsADirectoryError:
        raise KeyProblem(f"{path} is a folder, not the key file.") from None
    except OSError as error:
        raise KeyProblem(f"The key file {path} cannot be opened ({error.strerror}).") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise KeyProblem(f"{path} is not an ordinary file, so it is not the key file.")
        data = handle.read(KEY_FILE_MAX + 1)
    if len(data) > KEY_FILE_MAX:
        raise KeyProblem(f"{path} is far too large to be a key file.")
    return data


def _mode_warning(path: Path) -> str:
    if os.name == "nt":
        return ""  # Windows permissions are not mode bits
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return ""
    if mode & 0o077:
        return (
            f"Warning: other accounts on this computer can read the key file {path}. "
            f"Make it private: chmod 600 {path}"
        )
    return ""


def parse_key_text(text: str, source: str) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """The identities in ``text`` (age-keygen format); KeyProblem naming ``source`` if none."""
    identities: list[Any] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(PUBLIC_PREFIX):
            raise KeyProblem(
                f"{source} holds a public key (age1...). The inbox needs the private key "
                "(the file made with 'kiosk inbox new-key', with a line AGE-SECRET-KEY-1...)."
            )
        if not line.upper().startswith(SECRET_PREFIX):
            raise KeyProblem(
                f"{source} line {number} is not an age private key (AGE-SECRET-KEY-1...)."
            )
        try:
            identities.append(pyrage.x25519.Identity.from_str(line))
        except (pyrage.IdentityError, ValueError):
            raise KeyProblem(
                f"{source} line {number} is a damaged private key (a character is wrong or "
                "missing). Use the backup copy of the key."
            ) from None
    if not identities:
        raise KeyProblem(f"{source} holds no private key (no AGE-SECRET-KEY-1... line).")
    publics = tuple(str(identity.to_public()) for identity in identities)
    return tuple(identities), publics


def load_key(source: str | None) -> ClinicKey:
    """The clinic key from ``source``: a key file's path, or the key itself (from the
    environment: a value starting ``AGE-SECRET-KEY-1``). KeyProblem in plain words."""
    if not source or not source.strip():
        raise KeyProblem(
            "No key given. Use --key FILE (the clinic's private key file), "
            "or set KIOSK_INBOX_KEY to its path."
        )
    if source.strip().upper().startswith(SECRET_PREFIX):
        identities, publics = parse_key_text(source, "The key given")
        return ClinicKey(identities, publics)
    path = Path(source).expanduser()
    data = _read_bounded(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyProblem(f"{path} is not a key file (it is not text).") from None
    identities, publics = parse_key_text(text, str(path))
    return ClinicKey(identities, publics, _mode_warning(path))
