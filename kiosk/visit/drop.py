"""The folder channel: one file per request in a drop folder the front desk reads.

``<uuid>.json`` is written atomically (temporary file, fsync, rename); an existing one is kept,
so a retry after a crash never writes a second copy.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kiosk.visit.errors import DeliveryError, describe
from kiosk.visit.files import fsync_dir
from kiosk.visit.model import VisitRequest
from kiosk.visit.payload import to_json_bytes


class FolderChannel:
    """One file per request in ``folder``.

    ``recipient`` is the clinic's age public key; ``plain`` writes readable JSON instead (only
    when IT asks for it: ``delivery.folder_plain``).
    """

    name = "folder"

    def __init__(self, folder: Path, *, recipient: str = "", plain: bool = False) -> None:
        self.folder = folder
        self.recipient = recipient
        self.plain = plain

    def deliver(self, request: VisitRequest) -> None:
        target = self.folder / f"{request.id}.json"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if target.exists():
                return  # delivered before (maybe just before a crash): idempotent
            temp = self.folder / f".{request.id}.{secrets.token_hex(4)}.tmp"
            try:
                with temp.open("xb") as handle:
                    handle.write(to_json_bytes(request))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temp, target)
            finally:
                temp.unlink(missing_ok=True)
            fsync_dir(self.folder)
        except OSError as error:
            raise DeliveryError(describe(error)) from None
