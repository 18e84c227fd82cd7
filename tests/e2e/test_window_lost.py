"""A kiosk whose window another program destroys exits with WINDOW_LOST, so the supervisor
starts it again, instead of running on behind a black screen; a window that covers it under a
desktop window manager is covered only for a moment. Real X server (Xvfb), real kiosk process,
the window destroyed with ``xdotool windowclose``, covered by ``xmessage`` under openbox."""

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
from tests.xserver import xvfb

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)


@pytest.fixture
def x_display() -> Iterator[str]:
    with xvfb(1366, 768) as display:
        yield display


def _run_kiosk(env: dict[str, str], data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _active_window(env: dict[str, str]) -> str:
    return subprocess.run(
        ["xdotool", "getactivewindow"], env=env, capture_output=True, text=True, check=False
    ).stdout.strip()


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
    kiosk = _run_kiosk(env, tmp_path / "data")
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


@pytest.mark.skipif(
    not (shutil.which("openbox") and shutil.which("xmessage")),
    reason="needs a desktop window manager (openbox) and xmessage",
)
def test_a_window_that_covers_the_kiosk_is_covered_only_for_a_moment(
    x_display: str, tmp_path: Path
) -> None:
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    manager = subprocess.Popen(
        ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    kiosk = _run_kiosk(env, tmp_path / "data")
    cover: subprocess.Popen[bytes] | None = None
    try:
        window = _find_window(env, kiosk, time.monotonic() + 60)
        deadline = time.monotonic() + 10
        while _active_window(env) != window and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _active_window(env) == window, "the kiosk never had the focus"
        cover = subprocess.Popen(
            ["xmessage", "-geometry", "400x200+50+50", "a window that covers the kiosk"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while _active_window(env) == window and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _active_window(env) != window, "the covering window never took the focus"
        deadline = time.monotonic() + 15  # RECLAIM_AFTER_MS is 3 s
        while _active_window(env) != window and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _active_window(env) == window, "the kiosk did not take the screen back"
        assert kiosk.poll() is None
    finally:
        for process in (cover, kiosk, manager):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(10)
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "taking the screen back" in log
