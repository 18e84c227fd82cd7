"""Figure 1: cold start, from spawning a fresh Python process to the first painted attract frame.

Each run spawns ``python tests/benchmarks/startup_child.py DATA_DIR`` (a fresh interpreter
that starts the kiosk through ``kiosk run --windowed`` with a temporary data folder, the window
at 1920x1080). The child reports ``time.monotonic()`` when the attract screen's first paint
event has completed; CLOCK_MONOTONIC is system-wide, so the parent subtracts its own reading
taken just before ``Popen``. One warm-up run (its figure dropped) first warms the OS file
cache and compiles the bytecode, which the children keep in a temporary
``PYTHONPYCACHEPREFIX`` (an installed kiosk has its bytecode; this keeps the work tree
untouched even where ``PYTHONDONTWRITEBYTECODE`` is set). The figure is the median of the
runs after the warm-up.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.common import BenchmarkError, Figure, child_env, fmt_ms, median, ms

CHILD = Path(__file__).resolve().parent / "startup_child.py"
RUNS = 7
QUICK_RUNS = 3


def _env(pycache: Path) -> dict[str, str]:
    env = child_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def one_run(pycache: Path) -> dict[str, float]:
    """Milliseconds from just before ``Popen`` to each mark the child reported."""
    env = _env(pycache)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-data-") as data_dir:
        spawned = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, str(CHILD), data_dir],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            out, err = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise BenchmarkError("cold start: the kiosk never painted within 60 s") from None
        exited = time.monotonic()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        tail = "\n".join(err.strip().splitlines()[-10:])
        raise BenchmarkError(f"cold start: the child exited {child.returncode}\n{tail}")
    marks: dict[str, float] = json.loads(lines[-1])
    result = {name: ms(value - spawned) for name, value in marks.items()}
    result["exited"] = ms(exited - spawned)
    return result


def measure(quick: bool) -> tuple[Figure, dict[str, Any]]:
    """The figure (its target is set later, from Chromium's start-up) and the raw runs."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-pycache-") as tmp:
        one_run(Path(tmp))  # warm-up: OS file cache, bytecode
        runs = [one_run(Path(tmp)) for _ in range(QUICK_RUNS if quick else RUNS)]
    painted = [run["painted"] for run in runs]

    def mid(name: str) -> str:
        return fmt_ms(median([run[name] for run in runs]))

    figure = Figure(
        "1",
        "Cold start to first painted attract frame",
        median(painted),
        "ms",
        shown=fmt_ms(median(painted)),
        notes=[
            f"median of {len(runs)} fresh processes (`kiosk run --windowed`, 1920x1080, temporary "
            f"data dir) after 1 warm-up run that warms the OS file cache and compiles the "
            f"bytecode (kept in a temporary PYTHONPYCACHEPREFIX); min "
            f"{fmt_ms(min(painted))}, max {fmt_ms(max(painted))}",
            f"medians from Popen: interpreter up {mid('started')}, imports done {mid('imported')}, "
            f"content loaded + KioskApp built {mid('built')}, window shown {mid('shown')}, "
            f"attract paintEvent done {mid('painted')}, whole first frame flushed {mid('frame')}",
        ],
        details={"runs_ms": runs, "painted_ms": painted},
    )
    return figure, {"runs": runs}


if __name__ == "__main__":
    found, _ = measure(quick="--quick" in sys.argv[1:])
    print("\n".join(found.lines()))
