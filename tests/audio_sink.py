"""A private sound path for tests that must hear real speech.

:class:`SpeechRig` starts, in a folder of its own, a PulseAudio server with one null sink
(``kiosk_null``: it plays into nothing, and its monitor source hears what it plays) and a
speech-dispatcher that speaks with espeak-ng through that server. Clients reach them through
:meth:`SpeechRig.client_env` (``PULSE_SERVER``, ``SPEECHD_ADDRESS``), so nothing on the machine
(a desktop's own PulseAudio or speech-dispatcher, the speakers) is touched. :meth:`record`
records the sink's monitor with ``parec`` into a file that :class:`Recorder` reads while it grows.

It works as root (PulseAudio in user mode, not ``--system``: it only warns) and as a normal user.
Every wait is bounded; every process runs in a session of its own and its whole process group
(speech-dispatcher's espeak-ng module included) is ended on exit.

:func:`read_a_page_aloud` drives a real kiosk (from source or the bundle) under Xvfb by keys
and measures what it said. Run as a script (stdlib only, any python3) it checks a kiosk
program end to end, for ``build_spec/check_bundle.sh``::

    python3 tests/audio_sink.py dist/hip-kiosk/kiosk      # exit 0 spoke, 1 did not, 2 cannot test
"""

from __future__ import annotations

import argparse
import array
import contextlib
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SINK = "kiosk_null"
RATE = 16_000  # Hz, mono, signed 16-bit little-endian: what parec records
WINDOW_S = 0.05  # RMS is measured over 50 ms windows
START_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 5.0

PROGRAMS = ("pulseaudio", "pactl", "parec", "speech-dispatcher", "espeak-ng")
MODULE_DIRS = (
    Path("/usr/lib/speech-dispatcher-modules"),
    Path(f"/usr/lib/{os.uname().machine}-linux-gnu/speech-dispatcher-modules"),
)
MODULE_CONFIG_DIRS = (Path("/etc/speech-dispatcher/modules"),)


def _espeak_module() -> Path | None:
    for folder in MODULE_DIRS:
        if (folder / "sd_espeak-ng").is_file():
            return folder / "sd_espeak-ng"
    return None


def missing_programs() -> list[str]:
    """What this machine lacks for a rig (empty: it can run), as Debian package hints."""
    missing = [name for name in PROGRAMS if shutil.which(name) is None]
    if _espeak_module() is None:
        missing.append("sd_espeak-ng (speech-dispatcher-espeak-ng)")
    if not any((folder / "espeak-ng.conf").is_file() for folder in MODULE_CONFIG_DIRS):
        missing.append("/etc/speech-dispatcher/modules/espeak-ng.conf (speech-dispatcher)")
    return missing


class RigError(RuntimeError):
    """A part of the sound path did not start (the message says which, with its log's end)."""


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"({path.name}: no log)"
    return "\n".join(text.strip().splitlines()[-lines:])


def _wait(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and everything in its process group: SIGTERM, then SIGKILL."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sent)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; its group (a spawned output module) may not be yet.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        return


class Recorder:
    """``parec`` recording the null sink's monitor into ``path`` (raw s16le mono at RATE)."""

    def __init__(self, path: Path, process: subprocess.Popen[bytes]) -> None:
        self.path = path
        self.process = process

    def samples(self) -> array.array[int]:
        data = self.path.read_bytes() if self.path.exists() else b""
        samples = array.array("h")
        samples.frombytes(data[: len(data) // 2 * 2])
        if sys.byteorder == "big":
            samples.byteswap()
        return samples

    def seconds(self) -> float:
        return len(self.samples()) / RATE

    def rms_windows(self) -> list[float]:
        """The RMS level (0..32767) of each WINDOW_S of the recording so far."""
        samples = self.samples()
        size = int(RATE * WINDOW_S)
        levels = []
        for start in range(0, len(samples) - size + 1, size):
            window = samples[start : start + size]
            levels.append(math.sqrt(sum(value * value for value in window) / size))
        return levels

    def loud_seconds(self, threshold: float) -> float:
        """How much of the recording so far is above ``threshold`` RMS."""
        return sum(level > threshold for level in self.rms_windows()) * WINDOW_S

    def first_sound_after(self, start_s: float, threshold: float) -> float | None:
        """Seconds from ``start_s`` (a position in the recording) to its first window above
        ``threshold`` RMS; None when there is none yet."""
        for index, level in enumerate(self.rms_windows()):
            at = index * WINDOW_S
            if at >= start_s and level > threshold:
                return at - start_s
        return None

    def quiet_tail_seconds(self, threshold: float) -> float:
        """How long the recording has been at or below ``threshold`` RMS, up to now."""
        quiet = 0
        for level in reversed(self.rms_windows()):
            if level > threshold:
                break
            quiet += 1
        return quiet * WINDOW_S

    def wait_for_sound(self, threshold: float, seconds: float, timeout: float) -> float:
        """Wait until at least ``seconds`` of the recording are above ``threshold`` RMS;
        return the loud time found (less than ``seconds`` when ``timeout`` ran out)."""
        found = 0.0

        def loud_enough() -> bool:
            nonlocal found
            found = self.loud_seconds(threshold)
            return found >= seconds or self.process.poll() is not None

        _wait(loud_enough, timeout, interval=0.2)
        return found


class SpeechRig:
    """PulseAudio with a null sink plus speech-dispatcher (espeak-ng) in ``root``.

    Use as a context manager; :meth:`client_env` is what a client needs to speak into the sink.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        # The sockets live in a short folder of their own: a Unix socket's path has at most
        # 107 bytes, and a test's tmp_path can be long.
        self.runtime = Path(tempfile.mkdtemp(prefix="speech-rig-"))
        self.pulse_socket = self.runtime / "pulse.sock"
        self.speechd_socket = self.runtime / "speechd.sock"
        self.logs = root / "logs"
        self._processes: list[subprocess.Popen[bytes]] = []
        self._speechd: subprocess.Popen[bytes] | None = None

    # --- the environment ---------------------------------------------------------------------

    def client_env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ if base is None else base)
        env.update(
            PULSE_SERVER=f"unix:{self.pulse_socket}",
            SPEECHD_ADDRESS=f"unix_socket:{self.speechd_socket}",
            XDG_RUNTIME_DIR=str(self.runtime),
        )
        env.pop("PULSE_SINK", None)
        return env

    def _server_env(self) -> dict[str, str]:
        # A HOME of its own: PulseAudio keeps its cookie and state under ~/.config/pulse.
        env = self.client_env()
        env["HOME"] = str(self.root / "home")
        return env

    def _spawn(self, argv: list[str], log: str) -> subprocess.Popen[bytes]:
        with (self.logs / log).open("wb") as out:
            process = subprocess.Popen(
                argv,
                env=self._server_env(),
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._processes.append(process)
        return process

    # --- PulseAudio --------------------------------------------------------------------------

    def _pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["pactl", *args],
            env=self.client_env(),
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )

    def _start_pulse(self) -> None:
        pulse = self._spawn(
            [
                "pulseaudio",
                "-n",  # no default.pa: only the two modules below
                "--daemonize=no",
                "--exit-idle-time=-1",
                "--use-pid-file=no",
                "--disable-shm=yes",
                "--log-target=stderr",
                "-L",
                f"module-native-protocol-unix auth-anonymous=1 socket={self.pulse_socket}",
                "-L",
                f"module-null-sink sink_name={SINK} rate={RATE} channels=1",
            ],
            "pulseaudio.log",
        )

        def answers() -> bool:
            if pulse.poll() is not None:
                return True
            return (
                self.pulse_socket.exists() and SINK in self._pactl("list", "short", "sinks").stdout
            )

        if not _wait(answers, START_TIMEOUT_S) or pulse.poll() is not None:
            raise RigError(f"PulseAudio did not start:\n{_tail(self.logs / 'pulseaudio.log')}")
        self._pactl("set-default-sink", SINK)

    # --- speech-dispatcher -------------------------------------------------------------------

    def _start_speechd(self) -> None:
        config = self.root / "speechd"
        config.mkdir()
        (config / "modules").symlink_to(next(d for d in MODULE_CONFIG_DIRS if d.is_dir()))
        (config / "speechd.conf").write_text(
            f'LogLevel 3\nLogDir "{self.logs}"\nDefaultVolume 100\n'
            'AudioOutputMethod "pulse"\n'
            'AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
            'DefaultModule espeak-ng\nDefaultLanguage "en"\n',
            encoding="utf-8",
        )
        speechd = self._spawn(
            [
                "speech-dispatcher",
                "--run-single",
                "--timeout",
                "0",
                "--communication-method",
                "unix_socket",
                "--socket-path",
                str(self.speechd_socket),
                "--config-dir",
                str(config),
                "--pid-file",
                str(self.runtime / "speechd.pid"),
                "--log-dir",
                str(self.logs),
            ],
            "speech-dispatcher.out",
        )
        self._speechd = speechd
        up = _wait(lambda: speechd.poll() is not None or self.speechd_socket.exists(), 30)
        if not up or speechd.poll() is not None:
            raise RigError(
                "speech-dispatcher did not start:\n"
                f"{_tail(self.logs / 'speech-dispatcher.out')}\n"
                f"{_tail(self.logs / 'speech-dispatcher.log')}"
            )

    # --- recording and speaking --------------------------------------------------------------

    @contextlib.contextmanager
    def record(self, name: str = "recording.raw") -> Iterator[Recorder]:
        """Record the null sink's monitor while the block runs."""
        path = self.root / name
        with path.open("wb") as out, (self.logs / f"{name}.parec.log").open("wb") as err:
            process = subprocess.Popen(
                [
                    "parec",
                    f"--device={SINK}.monitor",
                    "--format=s16le",
                    f"--rate={RATE}",
                    "--channels=1",
                    "--raw",
                    "--latency-msec=50",
                ],
                env=self.client_env(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        recorder = Recorder(path, process)
        try:
            # parec is recording once the monitor has a source output (its stream).
            def streaming() -> bool:
                if process.poll() is not None:
                    return True
                return bool(self._pactl("list", "short", "source-outputs").stdout.strip())

            if not _wait(streaming, 10) or process.poll() is not None:
                raise RigError(f"parec did not record:\n{_tail(self.logs / f'{name}.parec.log')}")
            yield recorder
        finally:
            stop_group(process)

    def say(self, text: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """``spd-say --wait`` through this rig's speech-dispatcher."""
        return subprocess.run(
            ["spd-say", "--wait", "--language", "en", text],
            env=self.client_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    # --- life cycle --------------------------------------------------------------------------

    def __enter__(self) -> SpeechRig:
        for folder in (self.logs, self.root / "home"):
            folder.mkdir(parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        try:
            self._start_pulse()
            self._start_speechd()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        # speech-dispatcher first (its module holds a PulseAudio stream), then PulseAudio.
        while self._processes:
            stop_group(self._processes.pop())
        shutil.rmtree(self.runtime, ignore_errors=True)

    def speech_pids(self) -> list[int]:
        """speech-dispatcher's process id (its output modules are its children)."""
        return [
            process.pid
            for process in self._processes
            if process is self._speechd and process.poll() is None
        ]

    def running(self) -> list[int]:
        """Process ids of the rig's processes still alive (empty after close)."""
        return [process.pid for process in self._processes if process.poll() is None]


# --- a real kiosk, read aloud ---------------------------------------------------------------

THRESHOLD = 200.0
"""RMS (of 32767) above which a 50 ms window counts as sound; the null sink's silence is 0."""
SOUND_TIMEOUT_S = 20.0
KEY_GAP_S = 1.2
"""After each key: past the screen change (and its slide) before the next key."""
KIOSK_PROGRAMS = ("Xvfb", "xdotool")


@contextlib.contextmanager
def x_display() -> Iterator[str]:
    """A private Xvfb server; yields its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    try:
        if not number:
            raise RigError("Xvfb did not start")
        yield f":{number}"
    finally:
        stop_group(server)


@dataclass
class PageReading:
    """What came out of the sink while a kiosk was asked to read its first page aloud."""

    before_f1_s: float = 0.0
    """Sound before F1 (none expected: nothing speaks unasked)."""
    loud_s: float = 0.0
    """Sound within SOUND_TIMEOUT_S of F1 (waiting stops at 2 s)."""
    went_on: bool = False
    """Still speaking 1.5 s later: a page is read, not a word."""
    stopped: bool = False
    """Silent from 2 s after the second F1 for 2 s."""
    peak_rms: float = 0.0
    first_sound_s: float | None = None
    """From F1 to the first sound in the recording (the engine starts on this first use)."""
    exit_code: int | None = None
    """None: the kiosk was still running when the check ended (as it should)."""
    problems: list[str] = field(default_factory=list)

    @property
    def spoke(self) -> bool:
        return (
            not self.problems
            and self.before_f1_s == 0
            and self.loud_s >= 2.0
            and self.went_on
            and self.stopped
            and self.exit_code is None
        )

    def summary(self) -> str:
        first = "-" if self.first_sound_s is None else f"{self.first_sound_s:.2f} s"
        return (
            f"{self.loud_s:.1f} s of sound after F1 (first sound after {first}, peak RMS "
            f"{self.peak_rms:.0f}), "
            f"{self.before_f1_s:.1f} s before it, went on: {self.went_on}, stopped by F1: "
            f"{self.stopped}, kiosk exit: {self.exit_code}"
            + (f"; {'; '.join(self.problems)}" if self.problems else "")
        )


def _key(env: dict[str, str], name: str, gap: float = KEY_GAP_S) -> None:
    subprocess.run(["xdotool", "key", name], env=env, check=True, timeout=10)
    time.sleep(gap)


def _kiosk_window(env: dict[str, str], kiosk: subprocess.Popen[bytes]) -> str | None:
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
    return None


def read_a_page_aloud(kiosk_command: Sequence[str], work: Path, rig: SpeechRig) -> PageReading:
    """Start ``kiosk_command run`` (speech.engine = "speechd", a data folder in ``work``)
    under a private Xvfb, speaking into ``rig``; by keys open the first topic's page, press
    F1 (Help: read this screen aloud), later F1 again (stop); return what the sink heard."""
    config = work / "kiosk.toml"
    config.write_text('[speech]\nengine = "speechd"\n', encoding="utf-8")
    data = work / "data"
    reading = PageReading()
    with x_display() as display, rig.record(f"kiosk-{time.monotonic_ns()}.raw") as recording:
        env = rig.client_env({**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        env.pop("KIOSK_CONFIG", None)
        command = [*kiosk_command, "run", "--config", str(config), "--data-dir", str(data)]
        with (work / "kiosk.out").open("wb") as out:
            kiosk = subprocess.Popen(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            window = _kiosk_window(env, kiosk)
            if window is None:
                reading.problems.append(f"the kiosk window never appeared (exit {kiosk.poll()})")
                return reading
            time.sleep(1.0)  # past start-up
            subprocess.run(
                ["xdotool", "windowfocus", "--sync", window], env=env, check=True, timeout=10
            )
            # No control has the focus yet: Enter shows the ring on "Touch to start", Enter
            # presses it, and a key user lands on the first topic: Enter opens its page.
            for name in ("Return", "Return", "Return"):
                _key(env, name)
            reading.before_f1_s = recording.loud_seconds(THRESHOLD)
            f1_at = recording.seconds()
            _key(env, "F1", gap=0)
            reading.loud_s = recording.wait_for_sound(THRESHOLD, 2.0, SOUND_TIMEOUT_S)
            reading.first_sound_s = recording.first_sound_after(f1_at, THRESHOLD)
            if reading.loud_s >= 2.0:
                before = recording.loud_seconds(THRESHOLD)
                time.sleep(1.5)
                reading.went_on = recording.loud_seconds(THRESHOLD) > before
                _key(env, "F1", gap=2.0)
                at_stop = recording.loud_seconds(THRESHOLD)
                time.sleep(2.0)
                reading.stopped = (
                    recording.loud_seconds(THRESHOLD) == at_stop
                    and recording.quiet_tail_seconds(THRESHOLD) >= 1.9
                )
            reading.peak_rms = max(recording.rms_windows(), default=0.0)
        finally:
            reading.exit_code = kiosk.poll()
            stop_group(kiosk)
    log = data / "logs" / "kiosk.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    reading.problems += [line for line in lines if "read_aloud" in line and " INFO " not in line]
    return reading


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 tests/audio_sink.py",
        description="Check that a kiosk program reads a page aloud: a private PulseAudio null "
        "sink, speech-dispatcher with espeak-ng, Xvfb; Enter x3 then F1. Exit 0 when it spoke, "
        "1 when it did not, 2 when a program needed for the check is missing.",
    )
    parser.add_argument(
        "kiosk", nargs=argparse.REMAINDER, help="the kiosk command, e.g. dist/hip-kiosk/kiosk"
    )
    args = parser.parse_args(argv)
    if not args.kiosk:
        parser.error("name the kiosk command")
    missing = [name for name in KIOSK_PROGRAMS if shutil.which(name) is None]
    missing += missing_programs()
    if missing:
        print(f"cannot check speech: missing {', '.join(missing)}")
        return 2
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-") as folder:
        work = Path(folder)
        try:
            with SpeechRig(work / "rig") as rig:
                reading = read_a_page_aloud(args.kiosk, work, rig)
        except RigError as error:
            print(f"speech check could not run: {error}")
            return 1
        if not reading.spoke:
            print((work / "kiosk.out").read_text(encoding="utf-8", errors="replace")[-3000:])
    print(("spoke: " if reading.spoke else "did not speak: ") + reading.summary())
    return 0 if reading.spoke else 1


if __name__ == "__main__":
    sys.exit(main())
