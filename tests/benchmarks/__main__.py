"""Run the kiosk's benchmarks and print every figure with its target and PASS/MISS.

Usage::

    .venv/bin/python -m tests.benchmarks [--quick] [--json FILE] [--only NAME ...]

Progress goes to stderr, the report to stdout. A MISS is a finding, not a failure: the exit
status is 0 when every benchmark ran, 1 when one could not produce its figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from tests.benchmarks import (
    bundle,
    chromium,
    content,
    idle_cpu,
    load,
    look_change,
    memory,
    outbox,
    page_turn,
    pictures,
    read_aloud,
    soak,
    staff,
    startup,
)
from tests.benchmarks.common import BenchmarkError, Figure, fmt_mib, fmt_ms

NAMES = (
    "startup",
    "page_turn",
    "memory",
    "load",
    "chromium",
    "outbox",
    "soak",
    "bundle",
    "idle_cpu",
    "look_change",
    "read_aloud",
    "content",
    "pictures",
    "staff",
)
STARTUP_RATIO_TARGET = 0.5


def _progress(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _chromium_version(binary: str | None) -> str:
    if binary is None:
        return "not installed"
    try:
        done = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return done.stdout.strip() or "?"


def _environment() -> dict[str, Any]:
    return {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "pyside6": _version("PySide6-Essentials"),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "qt_platform": os.environ["QT_QPA_PLATFORM"],
        "chromium": _chromium_version(chromium.find_chromium()),
    }


def _failed(number: str, name: str, error: Exception) -> Figure:
    return Figure(number, name, None, "", shown="not measured", notes=str(error).splitlines())


class Run:
    """Runs the chosen benchmarks, collecting figures; one failure does not stop the others."""

    def __init__(self, quick: bool, only: Sequence[str]) -> None:
        self.quick = quick
        self.only = set(only or NAMES)
        self.failures = 0
        self.chromium_missing = False
        self.figures: dict[str, list[Figure]] = {}
        self.raw: dict[str, Any] = {}

    def step(self, name: str, title: str, action: Callable[[], None]) -> None:
        if name not in self.only:
            return
        _progress(f"{title}...")
        started = time.perf_counter()
        try:
            action()
        except (BenchmarkError, RuntimeError, OSError, AssertionError) as error:
            self.failures += 1
            self.figures[name] = [_failed("?", title, error)]
            _progress(f"{title}: FAILED: {error}")
            return
        _progress(f"{title}: done in {time.perf_counter() - started:.0f} s")

    def run(self) -> None:
        self.step("startup", "1. cold start", self._startup)
        self.step("page_turn", "2. page turns", self._page_turn)
        self.step("memory", "3+4. memory and soak", self._memory)
        self.step("load", "5. load 200 pages", self._load)
        self.step("chromium", "6. Chromium peer", self._chromium)
        self.step("outbox", "7. visit outbox", self._outbox)
        self.step("bundle", "9. frozen bundle", self._bundle)
        self.step("soak", "8. soak: simulated visits", self._soak)
        self.step("idle_cpu", "10. idle CPU on the attract screen", self._idle_cpu)
        self.step("look_change", "11. text size and contrast taps", self._look_change)
        self.step("read_aloud", "12. read-aloud: Listen to first audio, memory", self._read_aloud)
        self.step("content", "13. content that cannot break the kiosk", self._content)
        self.step("pictures", "14. pictures: check and full-screen draw", self._pictures)
        self.step("staff", "15. staff panel refresh", self._staff)

    def _startup(self) -> None:
        figure, raw = startup.measure(self.quick)
        self.figures["startup"] = [figure]
        self.raw["startup"] = raw

    def _page_turn(self) -> None:
        self.figures["page_turn"] = page_turn.measure(self.quick)

    def _memory(self) -> None:
        found, stability = memory.measure(self.quick)
        self.figures["memory"] = found
        self.figures["stability"] = [stability]

    def _load(self) -> None:
        self.figures["load"] = load.measure(self.quick)

    def _outbox(self) -> None:
        self.figures["outbox"] = outbox.measure(self.quick)

    def _bundle(self) -> None:
        self.figures["bundle"] = bundle.measure(self.quick)

    def _soak(self) -> None:
        self.figures["soak"] = soak.measure(self.quick)

    def _idle_cpu(self) -> None:
        self.figures["idle_cpu"] = idle_cpu.measure(self.quick)

    def _look_change(self) -> None:
        self.figures["look_change"] = look_change.measure(self.quick)

    def _read_aloud(self) -> None:
        self.figures["read_aloud"] = read_aloud.measure(self.quick)

    def _content(self) -> None:
        self.figures["content"] = content.measure(self.quick)

    def _pictures(self) -> None:
        self.figures["pictures"] = pictures.measure(self.quick)

    def _staff(self) -> None:
        self.figures["staff"] = staff.measure(self.quick)

    def _chromium(self) -> None:
        result = chromium.measure(self.quick)
        self.raw["chromium"] = result
        self.chromium_missing = result is None
        self.figures["chromium"] = self._peer_figures(result)

    def _peer_figures(self, result: chromium.ChromiumResult | None) -> list[Figure]:
        if result is None:
            return []
        figures = [
            Figure(
                "6a",
                "Chromium start-up to the first page (headless screenshot)",
                result.startup_median_ms,
                "ms",
                shown=fmt_ms(result.startup_median_ms),
                notes=result.notes()[:1],
                details={"runs_ms": result.startup_ms},
            ),
            Figure(
                "6b",
                "Chromium memory (PSS, all processes) after showing every page",
                result.pss_kib / 1024,
                "MiB",
                shown=fmt_mib(result.pss_kib),
                notes=result.notes()[1:],
                details={"pss_kib": result.pss_kib, "processes": result.processes},
            ),
        ]
        return figures

    def ratios(self) -> list[Figure]:
        """Figure 1's target and the kiosk/Chromium ratios, once both sides are measured."""
        peer = self.raw.get("chromium")
        kiosk_start = next(iter(self.figures.get("startup", [])), None)
        kiosk_memory = next(iter(self.figures.get("memory", [])), None)
        if peer is None:
            if kiosk_start is not None:
                kiosk_start.target = "<= half of Chromium's start-up: chromium not measured"
            return []
        peer_ms = peer.startup_median_ms
        figures: list[Figure] = []
        if kiosk_start is not None and kiosk_start.value is not None:
            kiosk_start.limit = STARTUP_RATIO_TARGET * peer_ms
            kiosk_start.inclusive = True
            kiosk_start.target = (
                f"<= {fmt_ms(kiosk_start.limit)}, half of Chromium's {fmt_ms(peer_ms)}, see 6"
            )
            ratio = kiosk_start.value / peer_ms
            figures.append(
                Figure(
                    "6c",
                    "Ratio kiosk start-up / Chromium start-up",
                    ratio,
                    "",
                    shown=f"{ratio:.2f} ({fmt_ms(kiosk_start.value)} / {fmt_ms(peer_ms)})",
                    limit=STARTUP_RATIO_TARGET,
                    inclusive=True,
                    target=f"<= {STARTUP_RATIO_TARGET}",
                    notes=[
                        "the kiosk figure stops at its first painted frame; Chromium's includes "
                        "writing a PNG and exiting"
                    ],
                )
            )
        if kiosk_memory is not None and kiosk_memory.value is not None:
            peer_mib = peer.pss_kib / 1024
            ratio = kiosk_memory.value / peer_mib
            figures.append(
                Figure(
                    "6d",
                    "Ratio kiosk PSS / Chromium PSS (both after showing every page)",
                    ratio,
                    "",
                    shown=f"{ratio:.2f} ({kiosk_memory.value:.1f} MiB / {peer_mib:.1f} MiB)",
                )
            )
        return figures


def report(run: Run, environment: dict[str, Any], mode: str) -> list[Figure]:
    ratios = run.ratios()
    order = [
        *("startup", "page_turn", "memory", "load", "chromium", "outbox", "soak", "bundle"),
        "idle_cpu",
        "look_change",
        "read_aloud",
        "content",
        "pictures",
        "staff",
    ]
    figures = [figure for name in order for figure in run.figures.get(name, [])]
    figures += ratios + run.figures.get("stability", [])
    env = environment
    print(
        f"Kiosk benchmarks ({mode} run), {env['when']}: Python {env['python']}, PySide6 "
        f"{env['pyside6']}, {env['cpus']} CPUs, load average at start "
        f"{env['load_average'][0]:.2f}, QT_QPA_PLATFORM={env['qt_platform']}, "
        f"Chromium: {env['chromium']}"
    )
    print()
    for figure in figures:
        print("\n".join(figure.lines()))
    if run.chromium_missing:
        print("chromium not installed: ratio skipped")
    counts = {verdict: sum(f.verdict == verdict for f in figures) for verdict in ("PASS", "MISS")}
    print()
    print(f"{counts['PASS']} PASS, {counts['MISS']} MISS, {run.failures} not measured")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks",
        description="Performance benchmarks of the kiosk (offscreen). Prints each figure with "
        "its target and PASS/MISS. Exit 0 when every benchmark ran (MISS included).",
    )
    parser.add_argument("--quick", action="store_true", help="fewer iterations: a smoke check")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=NAMES,
        metavar="NAME",
        help=f"run only these benchmarks ({', '.join(NAMES)})",
    )
    args = parser.parse_args(argv)
    environment = _environment()
    run = Run(args.quick, args.only or ())
    started = time.perf_counter()
    run.run()
    _progress(f"all done in {time.perf_counter() - started:.0f} s")
    figures = report(run, environment, "quick" if args.quick else "full")
    if args.json is not None:
        document = {
            "mode": "quick" if args.quick else "full",
            "environment": environment,
            "seconds": time.perf_counter() - started,
            "figures": [figure.as_json() for figure in figures],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
