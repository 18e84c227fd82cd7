"""The folder channel: one sealed file per request in a drop folder the front desk reads.

With the clinic's age public key (``delivery.folder_recipient``) each request is written as
``<uuid>.age``: the JSON payload encrypted to that key. The kiosk holds no private key, so it
cannot read back what it delivered; only ``kiosk inbox`` on the clinic's PC, with the clinic's
private key, can. ``delivery.folder_plain`` writes readable ``<uuid>.json`` instead (only when
IT asks for it; a warning is logged once per start). With neither, :meth:`FolderChannel.
deliver` raises :class:`~kiosk.visit.errors.Refused`: the requests wait sealed in the outbox,
flagged for staff, and go out once IT sets the key.

Every file is written atomically (a private temporary file, fsync, rename) with mode 0600,
whatever the umask; a folder the kiosk creates is 0700. A request already in the folder -- as a
sealed or a plain file, new or moved to ``handled/`` by the front desk -- is not written again,
so a retry after a crash never makes a second copy.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from kiosk.visit.errors import DeliveryError, Refused, describe
from kiosk.visit.files import fsync_dir
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import to_json_bytes

log = logging.getLogger(__name__)

SEALED_SUFFIX = ".age"
PLAIN_SUFFIX = ".json"
HANDLED_FOLDER = "handled"
"""Where ``kiosk inbox done`` moves a request the front desk has dealt with."""
FILE_MODE = 0o600
FOLDER_MODE = 0o700

NO_KEY = "no clinic key set (delivery.folder_recipient)"
BAD_KEY = "the clinic key (delivery.folder_recipient) is not a valid age public key"

_warned_plain = False
"""The readable-files warning is logged once per start, not once per channel or request."""


def _warn_plain_once(recipient_set: bool) -> None:
    global _warned_plain
    if _warned_plain:
        return
    _warned_plain = True
    log.warning(
        "delivery.folder_plain is on: visit requests are written to the drop folder as "
        "readable files (anyone who can open the folder can read them)%s",
        "; the clinic key (delivery.folder_recipient) is not used" if recipient_set else "",
    )


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700 (an existing one is left as is)."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile (a sync client...)
            os.mkdir(path, FOLDER_MODE)
    if not folder.is_dir():
        raise NotADirectoryError(20, "not a folder")


def _write_private(folder: Path, name: str, data: bytes) -> None:
    """Write ``folder/name`` atomically, mode 0600 from creation (not left to the umask).

    The temporary name is fixed per request (one delivery thread per channel writes it), so a
    copy half written when the kiosk was killed is removed by the next attempt, not left for
    the front desk to puzzle over (or, with plain files, to be read).
    """
    temp = folder / f".{Path(name).stem}.tmp"
    temp.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, folder / name)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(folder)


class FolderChannel:
    """One file per request in ``folder``.

    ``recipient`` is the clinic's age public key; ``plain`` writes readable JSON instead (only
    when IT asks for it: ``delivery.folder_plain``; it wins over a key, as the privacy note on
    the form says). The channel never holds a private key.
    """

    name = "folder"

    def __init__(self, folder: Path, *, recipient: str = "", plain: bool = False) -> None:
        self.folder = folder
        self.recipient = recipient.strip()
        self.plain = plain
        if plain:
            _warn_plain_once(bool(self.recipient))

    def _already_there(self, request: VisitRequest) -> bool:
        """Whether this request is in the folder already, sealed or plain, new or handled."""
        names = [f"{request.id}{suffix}" for suffix in (SEALED_SUFFIX, PLAIN_SUFFIX)]
        places = (self.folder, self.folder / HANDLED_FOLDER)
        return any((place / name).exists() for place in places for name in names)

    def _sealed(self, data: bytes) -> bytes:
        # Imported on first use (a compiled module a kiosk without a key never needs). pyrage
        # ships no type information.
        import pyrage  # type: ignore[import-untyped, unused-ignore]

        try:
            recipient = pyrage.x25519.Recipient.from_str(self.recipient)
        except (pyrage.RecipientError, ValueError):
            raise Refused(BAD_KEY) from None
        try:
            sealed: bytes = pyrage.encrypt(data, [recipient])
        except pyrage.EncryptError as error:
            raise DeliveryError(describe(error)) from None
        return sealed

    def deliver(self, request: VisitRequest) -> None:
        if not self.plain and not self.recipient:
            raise Refused(NO_KEY)  # nothing written: the request waits sealed in the outbox
        suffix = PLAIN_SUFFIX if self.plain else SEALED_SUFFIX
        try:
            if self.folder.is_dir() and self._already_there(request):
                return  # delivered before (maybe just before a crash): idempotent
            data = to_json_bytes(request)
            if not self.plain:
                data = self._sealed(data)
            _make_folder(self.folder)
            _write_private(self.folder, f"{request.id}{suffix}", data)
        except OSError as error:
            raise DeliveryError(describe(error)) from None
