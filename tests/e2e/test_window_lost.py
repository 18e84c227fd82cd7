"""A kiosk whose window another program destroys exits with WINDOW_LOST, so the supervisor
starts it again, instead of running on behind a black screen. Real X server (Xvfb), real
kiosk process, the window destroyed with ``xdotool windowclose``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.exit_codes import ExitCode

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)


@pytest.fixture
def x_display() -> Iterator[str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _find_window(env: dict[str, str], kiosk: subprocess.Popen[str], deadline: float) -> str:
    while time.monotonic() < deadline and kiosk.poll() is None:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--class", "hip-kiosk"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        if found:
            return found[-1]
        time.sleep(0.3)
    raise AssertionError(f"the kiosk window never appeared (exit code {kiosk.poll()})")


def test_kiosk_exits_with_window_lost_when_its_window_is_destroyed(
    x_display: str, tmp_path: Path
) -> None:
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--data-dir", str(tmp_path / "data")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        window = _find_window(env, kiosk, time.monotonic() + 60)
        time.sleep(1.0)  # past start-up: the request desk opens after the first frame
        subprocess.run(["xdotool", "windowclose", window], env=env, check=True)
        code = kiosk.wait(15)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait(10)
    assert code == ExitCode.WINDOW_LOST
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "destroyed by another program" in log
