"""The speech-dispatcher check before Qt's engine is made (kiosk.speech.daemon): a daemon
that answers passes, one that never answers is given up on in time, none at all is named."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.speech import daemon
from kiosk.speech.daemon import speechd_silent, speechd_socket


@contextmanager
def fake_daemon(answer: bytes | None) -> Iterator[Path]:
    """A Unix socket that answers the first line with ``answer`` (None: never answers)."""
    folder = Path(tempfile.mkdtemp(prefix="sd", dir="/tmp"))  # short: socket paths are limited
    path = folder / "speechd.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    done = threading.Event()
    heard: list[bytes] = []

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            heard.append(conn.recv(256))
            if answer is not None:
                conn.sendall(answer)
            done.wait(5)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield path
    finally:
        done.set()
        thread.join(5)
        server.close()
        path.unlink(missing_ok=True)
        folder.rmdir()
    assert heard and heard[0].startswith(b"SET SELF CLIENT_NAME")


def test_a_daemon_that_answers_passes() -> None:
    with fake_daemon(b"208 OK CLIENT NAME SET\r\n") as path:
        assert speechd_silent({"SPEECHD_ADDRESS": f"unix_socket:{path}"}) == ""


def test_a_daemon_that_never_answers_is_given_up_on_in_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(daemon, "SPEECHD_ANSWER_SECONDS", 0.5)
    with fake_daemon(None) as path:
        started = time.monotonic()
        reason = speechd_silent({"SPEECHD_ADDRESS": f"unix_socket:{path}"})
        assert time.monotonic() - started < 2
    assert "does not answer" in reason and str(path) in reason


def test_a_refusal_is_reported() -> None:
    with fake_daemon(b"500 ERR\r\n") as path:
        assert "refused" in speechd_silent({"SPEECHD_ADDRESS": f"unix_socket:{path}"})


def test_without_the_program_nothing_is_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.speech.daemon.shutil.which", lambda _name: None)
    reason = speechd_silent({"XDG_RUNTIME_DIR": str(tmp_path)})
    assert reason == "speech-dispatcher is not installed"


def test_where_the_socket_is_looked_for(tmp_path: Path) -> None:
    assert speechd_socket({"SPEECHD_ADDRESS": "unix_socket:/run/x.sock"}) == Path("/run/x.sock")
    expected = tmp_path / "speech-dispatcher" / "speechd.sock"
    assert speechd_socket({"XDG_RUNTIME_DIR": str(tmp_path)}) == expected
    assert speechd_socket({}).parts[-3:] == (".cache", "speech-dispatcher", "speechd.sock")
    assert speechd_silent({"SPEECHD_ADDRESS": "inet_socket:127.0.0.1:6560"}) == ""
