"""Is there a screen to draw on? Checked before Qt starts, because Qt aborts (SIGABRT, exit 134,
a message about xcb plugins) when its platform plugin finds no display.

Which platform Qt will use: ``QT_QPA_PLATFORM`` when set (``offscreen``, ``minimal`` and
``vnc`` need no display; ``xcb`` needs an X server, ``wayland`` a compositor), otherwise on Linux
Wayland when ``WAYLAND_DISPLAY`` is set and X11 when ``DISPLAY`` is. An X display named in
``DISPLAY`` is checked by connecting to its socket (local ``:N`` or ``unix:N``, or TCP
``host:N``), with a short timeout, so a display that has gone away gives the same plain line.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping

NO_DISPLAY_MESSAGE = (
    "no display: set DISPLAY (or WAYLAND_DISPLAY) to the screen to use, or "
    "QT_QPA_PLATFORM=offscreen for the self-test"
)
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "minimalegl")
CONNECT_TIMEOUT_SECONDS = 2.0
_X_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def display_problem(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> str:
    """Why Qt would find no display ("" when it will, or when this cannot be known)."""
    environ = os.environ if environ is None else environ
    if not platform.startswith("linux") and not platform.startswith("freebsd"):
        return ""  # Windows and macOS always have their own platform
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].split(";", 1)[0].strip()
    if chosen in HEADLESS_PLATFORMS:
        return ""
    wayland = environ.get("WAYLAND_DISPLAY", "")
    x_display = environ.get("DISPLAY", "")
    if chosen.startswith("wayland"):
        return "" if wayland else f"{NO_DISPLAY_MESSAGE} (QT_QPA_PLATFORM={chosen})"
    if not chosen and wayland:
        return ""
    if not x_display:
        return NO_DISPLAY_MESSAGE
    if not x_server_answers(x_display):
        return f"{NO_DISPLAY_MESSAGE} (DISPLAY={x_display} does not answer)"
    return ""


def x_server_answers(name: str, timeout: float = CONNECT_TIMEOUT_SECONDS) -> bool:
    """Whether an X server accepts connections at display ``name`` (e.g. ``:0``)."""
    match = _X_DISPLAY.match(name)
    if match is None:
        return True  # a form we do not parse (e.g. a launchd path): let Qt decide
    host, number = match["host"], int(match["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # The socket file, then Linux's abstract socket of the same name.
        return any(_connects(socket.AF_UNIX, where, timeout) for where in (path, "\0" + path))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return _connects(family, (host, 6000 + number), timeout)


def _connects(family: int, address: object, timeout: float) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(timeout)
            probe.connect(address)  # type: ignore[arg-type]
    except OSError:
        return False
    return True
