"""Keep a months-long process's memory from creeping: hand freed large blocks back at once,
and forget the source lines Python cached while the kiosk's modules were imported.

glibc raises its mmap threshold after large blocks (page pictures, screen grabs) are freed,
so later ones come from the heap and leave holes it never returns: measured here, about 7 MB
more after one tour of every page. Pinning the threshold keeps such blocks in their own
mappings, which are unmapped when freed. Elsewhere (Windows, macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
import logging
import sys

log = logging.getLogger(__name__)

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 64 * 1024
TRIM_THRESHOLD_BYTES = 128 * 1024


def return_freed_memory_promptly() -> bool:
    """Tune glibc's allocator; True when it applied. Call once, early in the process."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        mallopt = None
    if mallopt is None:
        return False
    applied = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    )
    if not applied:
        log.info("allocator tuning not available on this C library")
    return applied


def forget_source_lines() -> int:
    """Drop Python's cache of source lines; returns how many files it held.

    PySide6's import hook (``shibokensupport.feature``) reads the source of each module that
    imports from it with ``inspect.getsource``, and ``linecache`` keeps every line: measured
    here, about 7 MiB for the kiosk's own modules, kept for the life of the process. Nothing
    needs them; a traceback reads its lines again from disk. (A PyInstaller bundle carries no
    sources, so there the cache stays empty.) Called once the kiosk is built and at each end
    of visit, as lazily imported modules (speech, the form) fill it again.
    """
    held = len(linecache.cache)
    linecache.clearcache()
    return held
