"""Figure 10: what the idle kiosk costs all day on the attract screen, in CPU (issue 9).

The real kiosk, as a clinic runs it: ``python -m kiosk run`` (fullscreen, kiosk mode) with a
temporary data folder and a settings file holding only ``[display] animations = true`` (the
breathing ring around "Touch to start") or ``false`` (nothing moves; the same code path as a
patient's "Stop motion", which stops the frame timer). It shows on its own Xvfb server at
1920x1080x24 (``Xvfb -displayfd``: the server takes a free display number itself), platform
xcb, no window manager. After the log says the start-up is complete (the visit requests are
taken) it settles for :data:`SETTLE_S`, then its CPU time (utime + stime in
``/proc/<pid>/stat``, every thread; no psutil) is read over :data:`MEASURE_S` of wall time:
percent of one core. Target: at most 1 %. The X server's own share is noted beside it.

Where Chromium is installed, the peer is Chromium in ``--kiosk`` mode on the same Xvfb server
(not headless: it draws to the display like the kiosk), showing the static attract page of
figure 6 (same headline, welcome, button, language buttons, picture and fonts; no motion),
measured the same way over all its processes after :data:`CHROMIUM_SETTLE_S`; the ratio
kiosk (motion on) / Chromium is printed. Otherwise: "chromium not measured". Without Xvfb the
figure reads "not measured: Xvfb not installed".

Run alone::

    .venv/bin/python -m tests.benchmarks.idle_cpu [--quick]
    .venv/bin/python -m tests.benchmarks --only idle_cpu [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks import chromium
from tests.benchmarks.common import (
    REPO,
    BenchmarkError,
    Figure,
    child_env,
    end_process,
    process_tree,
)

SCREEN = "1920x1080x24"
SETTLE_S = 5.0
MEASURE_S = 20.0
QUICK_SETTLE_S = 3.0
QUICK_MEASURE_S = 8.0
CHROMIUM_SETTLE_S = 10.0
START_TIMEOUT_S = 60.0
TARGET_PERCENT = 1.0
STARTED_MARK = "start-up: visit requests are taken"
"""The last start-up line of ``kiosk run`` (the outbox opens after the first frame)."""


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system, all threads) a process has used so far; None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ...": utime and stime are fields 14 and 15, the 12th and 13th after ')'
    fields = stat.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Reading:
    """Percent of one core over a measured window, for the program and the X server."""

    percent: float
    server_percent: float
    seconds: float


def measure_cpu(pids: list[int], server: int, seconds: float) -> Reading:
    """CPU of ``pids`` (and the X server ``server``) over ``seconds`` of wall time."""
    watched = list(pids)
    before = {pid: cpu_seconds(pid) for pid in [*watched, server]}
    started = time.monotonic()
    time.sleep(seconds)
    after = {pid: cpu_seconds(pid) for pid in [*watched, server]}
    wall = time.monotonic() - started

    def used(pid: int) -> float:
        first, last = before[pid], after[pid]
        return last - first if first is not None and last is not None else 0.0

    return Reading(
        percent=100.0 * sum(used(pid) for pid in watched) / wall,
        server_percent=100.0 * used(server) / wall,
        seconds=wall,
    )


@dataclass
class Display:
    number: int
    process: subprocess.Popen[bytes]

    @property
    def name(self) -> str:
        return f":{self.number}"


@contextlib.contextmanager
def xvfb(binary: str) -> Iterator[Display]:
    """An Xvfb server of our own on a free display number (it picks one and tells us)."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        answer = os.read(read_end, 32).decode().strip() if ready else ""
        if not answer.isdigit():
            raise BenchmarkError("Xvfb did not start (no display number within 20 s)")
        yield Display(int(answer), process)
    finally:
        os.close(read_end)
        end_process(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    end_process(process, timeout_s=15)  # the kiosk shuts down cleanly on SIGTERM


def _tail(path: Path, lines: int = 12) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def kiosk_reading(display: Display, animations: bool, settle_s: float, measure_s: float) -> Reading:
    """Start ``kiosk run`` on ``display``, wait for its start-up, settle, measure, stop it."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-idle-") as tmp:
        folder = Path(tmp)
        settings = folder / "kiosk.toml"
        settings.write_text(f"[display]\nanimations = {str(animations).lower()}\n")
        data, log = folder / "data", folder / "console.log"
        env = child_env()
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display.name)
        command = [sys.executable, "-m", "kiosk", "run", "--data-dir", str(data)]
        with log.open("wb") as console:
            process = subprocess.Popen(
                [*command, "--config", str(settings)],
                cwd=REPO,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while STARTED_MARK not in log.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise BenchmarkError(
                        f"idle_cpu: the kiosk did not start (exit {process.poll()})\n{_tail(log)}"
                    )
                time.sleep(0.2)
            time.sleep(settle_s)
            reading = measure_cpu([process.pid], display.process.pid, measure_s)
            if process.poll() is not None:
                raise BenchmarkError(f"idle_cpu: the kiosk exited while measured\n{_tail(log)}")
        finally:
            _stop(process)
    return reading


def chromium_reading(binary: str, display: Display, quick: bool) -> Reading:
    """Chromium in kiosk mode on ``display`` showing the static attract page: CPU of all its
    processes (those alive at both ends of the window)."""
    flags = [flag for flag in chromium.FLAGS if not flag.startswith("--headless")]
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-idle-chromium-") as tmp:
        site = chromium.write_site(Path(tmp) / "site")
        profile = Path(tmp) / "profile"
        env = child_env()
        env["DISPLAY"] = display.name
        process = subprocess.Popen(
            [
                binary,
                *flags,
                "--kiosk",
                "--window-position=0,0",
                f"--user-data-dir={profile}",
                site.first.as_uri(),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(QUICK_SETTLE_S if quick else CHROMIUM_SETTLE_S)
            if process.poll() is not None:
                raise BenchmarkError(f"idle_cpu: Chromium exited ({process.returncode})")
            pids = sorted(set(process_tree(process.pid)) | set(chromium._ours(process, profile)))
            reading = measure_cpu(
                pids, display.process.pid, QUICK_MEASURE_S if quick else MEASURE_S
            )
        finally:
            chromium._stop(process, profile)  # every helper, by pid
    return reading


def _percent(value: float) -> str:
    return f"{value:.2f} % of one core"


def figures(
    on: Reading, off: Reading, peer: Reading | None, settle_s: float, peer_missing: str
) -> list[Figure]:
    how = (
        f"`python -m kiosk run` fullscreen on Xvfb {SCREEN}, platform xcb; CPU time "
        f"(utime+stime, /proc/<pid>/stat) over {on.seconds:.0f} s after the start-up "
        f"and {settle_s:.0f} s to settle"
    )
    found = [
        Figure(
            "10a",
            "Idle CPU on the attract screen, motion on (the breathing ring)",
            on.percent,
            "%",
            shown=_percent(on.percent),
            limit=TARGET_PERCENT,
            inclusive=True,
            target=f"<= {TARGET_PERCENT:.0f} % of one core",
            notes=[how, f"the X server meanwhile: {_percent(on.server_percent)}"],
            details={"server_percent": on.server_percent, "seconds": on.seconds},
        ),
        Figure(
            "10b",
            "Idle CPU on the attract screen, motion off (display.animations = false)",
            off.percent,
            "%",
            shown=_percent(off.percent),
            limit=TARGET_PERCENT,
            inclusive=True,
            target=f"<= {TARGET_PERCENT:.0f} % of one core",
            notes=[
                "what a patient's Stop motion leaves: the frame timer stops as it does here",
                f"the X server meanwhile: {_percent(off.server_percent)}",
            ],
            details={"server_percent": off.server_percent, "seconds": off.seconds},
        ),
    ]
    if peer is None:
        found.append(
            Figure(
                "10c",
                "Idle CPU of Chromium showing the attract page",
                None,
                "%",
                shown=peer_missing,
            )
        )
        return found
    found.append(
        Figure(
            "10c",
            "Idle CPU of Chromium (--kiosk, same Xvfb) showing the static attract page",
            peer.percent,
            "%",
            shown=_percent(peer.percent),
            notes=[
                "all of Chromium's processes; the page of figure 6 (same headline, button, "
                "picture and fonts, no motion)",
                f"the X server meanwhile: {_percent(peer.server_percent)}",
            ],
            details={"server_percent": peer.server_percent, "seconds": peer.seconds},
        )
    )
    if peer.percent > 0:
        ratio = on.percent / peer.percent
        shown = f"{ratio:.2f} ({on.percent:.2f} % / {peer.percent:.2f} %)"
    else:
        ratio, shown = None, "not measured: Chromium used no measurable CPU"
    found.append(
        Figure(
            "10d",
            "Ratio idle CPU kiosk (motion on) / Chromium (static page)",
            ratio,
            "",
            shown=shown,
        )
    )
    return found


def measure(quick: bool) -> list[Figure]:
    server = shutil.which("Xvfb")
    if server is None:
        return [
            Figure(
                "10",
                "Idle CPU on the attract screen",
                None,
                "%",
                shown="not measured: Xvfb not installed",
            )
        ]
    settle_s = QUICK_SETTLE_S if quick else SETTLE_S
    measure_s = QUICK_MEASURE_S if quick else MEASURE_S
    binary = chromium.find_chromium()
    with xvfb(server) as display:
        on = kiosk_reading(display, True, settle_s, measure_s)
        off = kiosk_reading(display, False, settle_s, measure_s)
        peer = chromium_reading(binary, display, quick) if binary is not None else None
    return figures(on, off, peer, settle_s, "chromium not measured")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.idle_cpu")
    parser.add_argument("--quick", action="store_true", help="shorter settle and measurement")
    args = parser.parse_args(argv)
    for figure in measure(args.quick):
        print("\n".join(figure.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
