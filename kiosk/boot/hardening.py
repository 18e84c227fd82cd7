"""Process-wide protections set before any command runs: private files, no core dumps.

* **Private files.** The umask is set to 077, so every file and folder the kiosk creates (the
  outbox, its key, logs, status.json, delivered files, exports) is readable by the kiosk's own
  account only, whatever the login shell or the service manager set. Files that must be shared
  with another account (the metrics file for node_exporter) are the exception: their writer
  sets their mode explicitly.
* **No core dumps.** A crash while a form is filled in would otherwise write the patient's name,
  phone and email into a core file (or systemd-coredump's store). The soft and hard core-size
  limits are set to 0, and on Linux the process is marked not dumpable (``PR_SET_DUMPABLE``),
  which also stops other processes of the same account from reading its memory through
  ``/proc`` or ``ptrace``. Python's own crash report (faulthandler: a stack of function names,
  no data) still goes to the log. Set ``KIOSK_ALLOW_CORE_DUMPS=1`` to debug a crash on a test
  machine; never on a kiosk in use.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

PRIVATE_UMASK = 0o077
ALLOW_CORE_DUMPS_VAR = "KIOSK_ALLOW_CORE_DUMPS"
_PR_SET_DUMPABLE = 4
_PR_GET_DUMPABLE = 3


@dataclass(frozen=True, slots=True)
class Hardening:
    """What :func:`harden_process` did (logged once the log file is open)."""

    umask_set: bool
    core_dumps_off: bool
    note: str = ""


def harden_process(environ: Mapping[str, str] | None = None) -> Hardening:
    """Make new files private and turn core dumps off (unless explicitly allowed)."""
    environ = os.environ if environ is None else environ
    umask_set = False
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)
        umask_set = True
    if environ.get(ALLOW_CORE_DUMPS_VAR) == "1":
        return Hardening(umask_set, False, f"core dumps allowed ({ALLOW_CORE_DUMPS_VAR}=1)")
    return Hardening(umask_set, *_core_dumps_off())


def _core_dumps_off() -> tuple[bool, str]:
    try:
        import resource
    except ImportError:  # Windows: no core files; Windows Error Reporting is IT's policy
        return False, "core dumps: not applicable on this system"
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError) as error:
        return False, f"core dumps could not be turned off ({error})"
    if sys.platform.startswith("linux") and not _not_dumpable():
        return False, "core size is 0 but the process could not be marked not dumpable"
    return True, ""


def _not_dumpable() -> bool:
    try:
        ctypes.CDLL(None).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    return _dumpable() is False


def _dumpable() -> bool | None:
    """Linux's dumpable flag of this process; None when it cannot be read."""
    try:
        return int(ctypes.CDLL(None).prctl(_PR_GET_DUMPABLE, 0, 0, 0, 0)) != 0
    except (OSError, AttributeError):
        return None


def core_dumps_disabled() -> bool:
    """True when this process can write no core file (for status and tests)."""
    try:
        import resource
    except ImportError:
        return False
    if resource.getrlimit(resource.RLIMIT_CORE) != (0, 0):
        return False
    return not sys.platform.startswith("linux") or _dumpable() is False
