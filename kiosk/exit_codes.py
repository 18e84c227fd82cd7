"""The kiosk's exit codes, defined once: supervisors (systemd, Shell Launcher), fleet scripts
and the README rely on these numbers."""

from __future__ import annotations

import enum
from typing import Protocol


class ExitCode(enum.IntEnum):
    OK = 0
    FAILED = 1
    """Content errors (``validate``), a failed self-test, problems in a settings file
    (``config check``) or an outbox that cannot be read (``outbox status``)."""
    USAGE = 2
    """A bad command line (argparse's own code)."""
    ALREADY_RUNNING = 3
    """Another kiosk uses the same data folder (its lock file is held)."""
    NO_DISPLAY = 4
    """``run`` or ``self-test`` found no screen to draw on (no DISPLAY or WAYLAND_DISPLAY, or
    the display does not answer). A supervisor should start it again a little later."""
    WINDOW_LOST = 5
    """The kiosk window was closed or destroyed by another program; the process exits so the
    supervisor starts it afresh instead of leaving a black screen."""
    STAFF_EXIT = 10
    """Staff chose "Exit the kiosk" in the staff panel: a supervisor must NOT start it again
    (systemd ``RestartPreventExitStatus=10``; the Windows guide's Shell Launcher action)
    until someone starts it, or the machine restarts."""
    INTERNAL_ERROR = 70
    """An unexpected error (EX_SOFTWARE): logged, a calm "restarting" screen, then exit so the
    supervisor starts the kiosk afresh."""
    RESTART = 75
    """The planned daily restart (EX_TEMPFAIL): "please start me again"."""
    SETTINGS_UNUSABLE = 78
    """``validate`` without a folder: the settings file cannot say which content folder the
    kiosk shows (missing, not TOML, a bad ``content_dir``; EX_CONFIG). Distinct from 1 (content
    errors), so a script can tell "fix the pages" from "fix the settings file"."""


class Exitable(Protocol):
    """What ends the event loop with a code: ``QCoreApplication.exit`` (tests pass a fake)."""

    def exit(self, code: int) -> None: ...
