"""Is speech-dispatcher there to speak? A check with a time limit, before Qt's engine is made.

Qt's speechd engine connects to speech-dispatcher when it is built and waits for its answer
without a time limit: a daemon that hangs (seen: started, its socket open, never answering)
would freeze the kiosk's screen on the first tap on Listen. :func:`speechd_silent` asks the
daemon first, as libspeechd would find it, and gives up after :data:`SPEECHD_ANSWER_SECONDS`.
Plain Python, no Qt.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

SPEECHD_ANSWER_SECONDS = 3.0
"""How long speech-dispatcher may take to answer before read-aloud gives up on it (Qt's
speechd engine would otherwise wait for it forever, freezing the screen)."""


def speechd_socket(environ: Mapping[str, str]) -> Path:
    """Where libspeechd looks for speech-dispatcher: ``SPEECHD_ADDRESS`` (unix_socket:PATH),
    else ``$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock``, else under ``~/.cache``."""
    address = environ.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:") and address.removeprefix("unix_socket:"):
        return Path(address.removeprefix("unix_socket:")).expanduser()
    runtime = environ.get("XDG_RUNTIME_DIR") or str(Path.home() / ".cache")
    return Path(runtime) / "speech-dispatcher" / "speechd.sock"


def speechd_silent(environ: Mapping[str, str] | None = None) -> str:
    """Why speech-dispatcher cannot serve read-aloud ("" when it answers): started if it is
    not running (as libspeechd would), then asked its name over its socket, with a time
    limit. Only the daemon's own address is used; nothing is said."""
    env = os.environ if environ is None else environ
    if "SPEECHD_ADDRESS" in env and not env["SPEECHD_ADDRESS"].startswith("unix_socket:"):
        return ""  # an inet address: Qt's engine connects as configured
    path = speechd_socket(env)
    deadline = time.monotonic() + SPEECHD_ANSWER_SECONDS
    if not path.exists():
        program = shutil.which("speech-dispatcher")
        if program is None:
            return "speech-dispatcher is not installed"
        try:
            subprocess.run(
                [
                    program,
                    "--spawn",
                    "--communication-method",
                    "unix_socket",
                    "--socket-path",
                    str(path),
                ],
                capture_output=True,
                timeout=SPEECHD_ANSWER_SECONDS,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as error:
            return f"speech-dispatcher did not start ({type(error).__name__})"
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(max(0.1, deadline - time.monotonic()))
            conn.connect(str(path))
            conn.sendall(b"SET SELF CLIENT_NAME kiosk:probe:main\r\n")
            answer = conn.recv(256)
            conn.sendall(b"QUIT\r\n")
    except OSError as error:
        return f"speech-dispatcher does not answer at {path} ({type(error).__name__})"
    if not answer.startswith(b"2"):
        return f"speech-dispatcher refused the kiosk ({answer[:40]!r})"
    return ""
