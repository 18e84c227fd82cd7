"""Real speech into a null audio sink: speech-dispatcher with espeak-ng, PulseAudio, the real
kiosk under Xvfb driven by real key presses (xdotool), and a recording of what came out.

:class:`tests.audio_sink.SpeechRig` keeps all of it private to the test (its own PulseAudio
with one null sink, its own speech-dispatcher), so nothing plays on the machine's speakers and
a desktop's own speech services are not touched. First the audio path alone (``spd-say``),
then the kiosk: Enter on "Touch to start", Enter on the first topic, F1 (Help) on the page, and
the recording must hold speech, not silence; F1 again stops it.

Skipped only when a program is missing (Debian: xvfb xdotool pulseaudio pulseaudio-utils
speech-dispatcher speech-dispatcher-espeak-ng espeak-ng).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audio_sink import SpeechRig, missing_programs

MISSING = [name for name in ("Xvfb", "xdotool", "spd-say") if shutil.which(name) is None]
MISSING += missing_programs()
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)}"),
]

THRESHOLD = 200.0
"""RMS (of 32767) above which a 50 ms window counts as sound; the null sink's silence is 0."""
START_TIMEOUT_S = 20.0
KEY_GAP_S = 1.2
"""After each key: past the screen change (and its slide) before the next key."""


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[SpeechRig]:
    with SpeechRig(tmp_path / "rig") as started:
        yield started
    assert started.running() == []


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


def test_the_audio_path_carries_speech(rig: SpeechRig) -> None:
    """spd-say alone: what speech-dispatcher says reaches the null sink, and only then."""
    with rig.record() as recording:
        time.sleep(0.5)
        assert recording.loud_seconds(THRESHOLD) == 0, "sound before anything was said"
        said = rig.say("The hip is a ball and socket joint.")
        assert said.returncode == 0, said.stderr
        loud = recording.wait_for_sound(THRESHOLD, 0.5, START_TIMEOUT_S)
    assert loud >= 0.5, f"only {loud:.2f} s of sound (max RMS {max(recording.rms_windows())})"


def _key(env: dict[str, str], name: str) -> None:
    subprocess.run(["xdotool", "key", name], env=env, check=True, timeout=10)
    time.sleep(KEY_GAP_S)


def _kiosk_window(env: dict[str, str], kiosk: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and kiosk.poll() is None:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--class", "hip-kiosk"],
            env=env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.split()
        if found:
            return found[-1]
        time.sleep(0.3)
    raise AssertionError(f"the kiosk window never appeared (exit code {kiosk.poll()})")


def test_f1_on_a_page_speaks_it_into_the_sink(
    rig: SpeechRig, x_display: str, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[speech]\nengine = "speechd"\n', encoding="utf-8")
    data = tmp_path / "data"
    env = rig.client_env({**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"})
    command = [sys.executable, "-m", "kiosk", "run", "--config", str(config), "--data-dir"]
    with rig.record() as recording:
        kiosk = subprocess.Popen(
            [*command, str(data)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            window = _kiosk_window(env, kiosk)
            time.sleep(1.0)  # past start-up
            subprocess.run(
                ["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10
            )
            # No control has the focus yet: Enter shows the ring on "Touch to start", Enter
            # presses it, and a key user lands on the first topic: Enter opens its page.
            for name in ("Return", "Return", "Return"):
                _key(env, name)
            assert recording.loud_seconds(THRESHOLD) == 0, "the kiosk spoke before F1"

            _key(env, "F1")
            loud = recording.wait_for_sound(THRESHOLD, 2.0, START_TIMEOUT_S)
            assert loud >= 2.0, (
                f"{loud:.2f} s of sound within {START_TIMEOUT_S:.0f} s of F1 "
                f"(max RMS {max(recording.rms_windows(), default=0):.0f})"
            )
            # A page (title, picture, body) is read, not a word: after 2 s it is still speaking.
            before = recording.loud_seconds(THRESHOLD)
            time.sleep(1.5)
            assert recording.loud_seconds(THRESHOLD) > before, "the reading stopped by itself"

            # F1 again stops it: silence within 2 s, and it stays silent.
            subprocess.run(["xdotool", "key", "F1"], env=env, check=True, timeout=10)
            time.sleep(2.0)
            loud_at_stop = recording.loud_seconds(THRESHOLD)
            time.sleep(2.0)
            assert recording.loud_seconds(THRESHOLD) == pytest.approx(loud_at_stop), (
                "still speaking 2 s after the second F1"
            )
            assert recording.quiet_tail_seconds(THRESHOLD) >= 1.9
            assert kiosk.poll() is None
        finally:
            if kiosk.poll() is None:
                kiosk.terminate()
                kiosk.wait(15)
    log = (data / "logs" / "kiosk.log").read_text(encoding="utf-8").splitlines()
    complaints = [line for line in log if "read_aloud" in line and " INFO " not in line]
    assert complaints == []
