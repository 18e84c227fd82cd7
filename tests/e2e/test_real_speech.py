"""Real speech into a null audio sink: speech-dispatcher with espeak-ng, PulseAudio, the real
kiosk under Xvfb driven by real key presses (xdotool), and a recording of what came out.

:class:`tests.audio_sink.SpeechRig` keeps all of it private to the test (its own PulseAudio
with one null sink, its own speech-dispatcher), so nothing plays on the machine's speakers and
a desktop's own speech services are not touched. First the audio path alone (``spd-say``),
then the kiosk (:func:`tests.audio_sink.read_a_page_aloud`): Enter on "Touch to start", Enter
on the first topic, F1 (Help) on the page, and the recording must hold speech, not silence,
for more than a word; F1 again stops it. ``build_spec/check_bundle.sh`` runs the same check on
the packaged kiosk.

Skipped only when a program is missing (Debian: xvfb xdotool pulseaudio pulseaudio-utils
speech-dispatcher speech-dispatcher-espeak-ng espeak-ng).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audio_sink import (
    KIOSK_PROGRAMS,
    SOUND_TIMEOUT_S,
    THRESHOLD,
    SpeechRig,
    missing_programs,
    read_a_page_aloud,
)

MISSING = [name for name in (*KIOSK_PROGRAMS, "spd-say") if shutil.which(name) is None]
MISSING += missing_programs()
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(bool(MISSING), reason=f"needs {', '.join(MISSING)}"),
]


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[SpeechRig]:
    with SpeechRig(tmp_path / "rig") as started:
        yield started
    assert started.running() == []


def test_the_audio_path_carries_speech(rig: SpeechRig) -> None:
    """spd-say alone: what speech-dispatcher says reaches the null sink, and only then."""
    with rig.record() as recording:
        time.sleep(0.5)
        assert recording.loud_seconds(THRESHOLD) == 0, "sound before anything was said"
        said = rig.say("The hip is a ball and socket joint.")
        assert said.returncode == 0, said.stderr
        loud = recording.wait_for_sound(THRESHOLD, 0.5, SOUND_TIMEOUT_S)
    assert loud >= 0.5, f"only {loud:.2f} s of sound (max RMS {max(recording.rms_windows())})"


def test_f1_on_a_page_speaks_it_into_the_sink(rig: SpeechRig, tmp_path: Path) -> None:
    reading = read_a_page_aloud([sys.executable, "-m", "kiosk"], tmp_path, rig)
    summary = reading.summary()
    assert reading.problems == [], summary
    assert reading.exit_code is None, f"the kiosk exited: {summary}"
    assert reading.before_f1_s == 0, f"the kiosk spoke before F1: {summary}"
    assert reading.loud_s >= 2.0, f"not 2 s of sound within {SOUND_TIMEOUT_S:.0f} s: {summary}"
    assert reading.went_on, f"the reading stopped by itself after a moment: {summary}"
    assert reading.stopped, f"still speaking 2 s after the second F1: {summary}"
    assert reading.spoke
