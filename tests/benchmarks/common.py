"""Qt-free pieces shared by the benchmarks: figures and verdicts, statistics, PSS readings from
``/proc``, and running a benchmark module in a child process that reports one JSON result."""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
RESULT_MARK = "@@benchmark-result@@ "
"""Prefix of the one stdout line on which a child process reports its result as JSON."""


class BenchmarkError(RuntimeError):
    """A benchmark could not produce its figure (a child failed, a page never painted...)."""


@dataclass
class Figure:
    """One printed figure: its value, its target and the verdict."""

    number: str
    name: str
    value: float | None
    unit: str
    shown: str = ""
    """How the value is printed (default: the value and its unit)."""
    limit: float | None = None
    """Pass when ``value < limit`` (``value <= limit`` if ``inclusive``); None: no target."""
    inclusive: bool = False
    target: str = ""
    """How the target is printed, e.g. ``"p95 < 16 ms"``."""
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "SKIP"
        if self.limit is None:
            return "INFO"
        passed = self.value <= self.limit if self.inclusive else self.value < self.limit
        return "PASS" if passed else "MISS"

    def lines(self) -> list[str]:
        shown = self.shown or (
            "not measured" if self.value is None else f"{self.value:.1f} {self.unit}"
        )
        target = f" (target {self.target})" if self.target else ""
        head = f"[{self.verdict}] {self.number}. {self.name}: {shown}{target}"
        return [head, *(f"       {note}" for note in self.notes)]

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "limit": self.limit,
            "inclusive": self.inclusive,
            "target": self.target,
            "verdict": self.verdict,
            "notes": self.notes,
            "details": self.details,
        }


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    """95th percentile (``statistics.quantiles(n=20)[-1]``; the value itself for one sample)."""
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20)[-1]


def ms(seconds: float) -> float:
    return seconds * 1000.0


def smaps_rollup_kib(pid: int | str = "self") -> dict[str, int]:
    """The KiB fields of ``/proc/<pid>/smaps_rollup`` (``Rss``, ``Pss``, ``Anonymous``...)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    fields: dict[str, int] = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2 and parts[1] == "kB":
            fields[name] = int(parts[0])
    return fields


def pss_kib(pid: int | str = "self") -> int | None:
    """Proportional set size of a process in KiB (``Pss:`` of ``/proc/<pid>/smaps_rollup``)."""
    return smaps_rollup_kib(pid).get("Pss")


def pss_now_kib() -> int:
    """This process's PSS in KiB after a full garbage collection (for before/after readings)."""
    gc.collect()
    pss = pss_kib()
    if pss is None:
        raise RuntimeError("/proc/self/smaps_rollup is not readable")
    return pss


def processes_mapping(fragment: str) -> list[int]:
    """Other processes that have a file whose path contains ``fragment`` mapped."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            maps = Path(f"/proc/{entry}/maps").read_text()
        except OSError:
            continue
        if fragment in maps:
            found.append(int(entry))
    return found


def _parent_pid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the ')'
    return int(stat.rpartition(")")[2].split()[1])


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it that is still alive."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            parent = _parent_pid(int(entry))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def end_process(process: subprocess.Popen[bytes], timeout_s: float = 10) -> None:
    """Ask ``process`` to end (SIGTERM), and kill it if it has not within ``timeout_s``."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def child_env() -> dict[str, str]:
    """The environment of every process the benchmarks start: offscreen Qt, no site config."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("KIOSK_CONFIG", None)
    return env


def emit_result(data: dict[str, Any]) -> None:
    """In a child process: report the result to the parent (see :func:`run_child`)."""
    print(RESULT_MARK + json.dumps(data), flush=True)


def run_child(module: str, args: Sequence[str], *, timeout_s: float) -> dict[str, Any]:
    """Run ``python -m tests.benchmarks.<module> --child ARGS`` and return its JSON result."""
    command = [sys.executable, "-m", f"tests.benchmarks.{module}", "--child", *args]
    try:
        done = subprocess.run(
            command,
            cwd=REPO,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchmarkError(f"{module}: no result within {timeout_s:.0f} s") from error
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line.removeprefix(RESULT_MARK))
            return result
    tail = "\n".join(done.stderr.strip().splitlines()[-15:])
    raise BenchmarkError(f"{module}: the child exited {done.returncode} without a result\n{tail}")


def fmt_ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms"


def fmt_mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


def rounds_main(
    name: str,
    argv: list[str],
    rounds: int,
    child: Callable[[int], dict[str, Any]],
    figures: Callable[[dict[str, Any]], list[Figure]],
) -> int:
    """``python -m tests.benchmarks.NAME [--child] [--rounds N]`` for a benchmark measured in
    one child process: ``--child`` prints the raw result (what :func:`run_child` reads),
    otherwise the figures are measured in this process and printed."""
    import argparse

    parser = argparse.ArgumentParser(prog=f"python -m tests.benchmarks.{name}")
    parser.add_argument("--child", action="store_true", help="measure and print the raw result")
    parser.add_argument("--rounds", type=int, default=rounds)
    args = parser.parse_args(argv)
    if args.child:
        emit_result(child(args.rounds))
    else:
        for figure in figures(child(args.rounds)):
            print("\n".join(figure.lines()))
    return 0
