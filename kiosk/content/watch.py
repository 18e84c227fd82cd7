"""Noticing that staff changed the content folder, cheaply and without Qt.

The kiosk compares a signature of every file's name, size and modification time; the loader
only runs again when it changes. Stat-ing a few dozen files takes well under a millisecond.
"""

from __future__ import annotations

import os
from pathlib import Path


def folder_signature(root: Path) -> int:
    """A number that changes when a file under ``root`` is added, removed, renamed or edited."""
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
