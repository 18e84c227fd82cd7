"""Is there a display? Checked before Qt starts (Qt aborts without one)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from kiosk.boot.display import NO_DISPLAY_MESSAGE, display_problem, x_server_answers
from kiosk.exit_codes import ExitCode

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 sockets")


@pytest.fixture
def fake_x_server() -> Iterator[str]:
    """A listening socket where an X server for an unused display number would be."""
    for number in range(4100, 4200):
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(f"\0/tmp/.X11-unix/X{number}")  # abstract: no file left behind
        except OSError:
            listener.close()
            continue
        listener.listen(4)
        try:
            yield f":{number}"
        finally:
            listener.close()
        return
    pytest.skip("no free display number")


def test_headless_platforms_need_no_display() -> None:
    for platform in ("offscreen", "offscreen:configfile=x.json", "minimal", "vnc"):
        assert display_problem({"QT_QPA_PLATFORM": platform}, "linux") == ""


def test_no_display_at_all_is_named_in_plain_words() -> None:
    assert display_problem({}, "linux") == NO_DISPLAY_MESSAGE
    assert "QT_QPA_PLATFORM=offscreen" in NO_DISPLAY_MESSAGE
    wayland_only = display_problem({"QT_QPA_PLATFORM": "wayland"}, "linux")
    assert wayland_only.startswith(NO_DISPLAY_MESSAGE)


def test_wayland_session_counts_as_a_display() -> None:
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""


def test_windows_and_macos_are_never_refused() -> None:
    assert display_problem({}, "win32") == ""
    assert display_problem({}, "darwin") == ""


@linux_only
def test_an_x_display_that_answers_is_accepted(fake_x_server: str) -> None:
    assert x_server_answers(fake_x_server)
    assert display_problem({"DISPLAY": fake_x_server}, "linux") == ""
    assert display_problem({"DISPLAY": f"unix{fake_x_server}.0"}, "linux") == ""


@linux_only
def test_an_x_display_that_has_gone_is_refused(fake_x_server: str) -> None:
    gone = f":{int(fake_x_server[1:]) + 1000}"
    assert not x_server_answers(gone)
    assert "does not answer" in display_problem({"DISPLAY": gone}, "linux")
    assert not x_server_answers("127.0.0.1:5999", timeout=0.5)  # TCP port 11999


@linux_only
@pytest.mark.parametrize("command", [[], ["run"], ["self-test"]])
def test_kiosk_without_display_prints_one_line_and_exits_with_its_code(
    command: list[str],
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == ExitCode.NO_DISPLAY
    assert result.stderr.strip().splitlines() == [f"kiosk: {NO_DISPLAY_MESSAGE}"]
