"""Small durability helpers shared by the key file and the folder channel."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename or new file in ``folder`` survive power loss (no-op on Windows).

    Windows cannot open a directory for fsync; NTFS journals the metadata itself.
    """
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
