"""Figure 9: the frozen one-folder bundle (``bash build_spec/build.sh`` -> ``dist/hip-kiosk``).

* 9a: its size on disk (``du``-style: every regular file once, symlinks not followed), and
  whether read-aloud is inside: QtTextToSpeech with its speech-dispatcher engine (SAPI/WinRT
  on Windows), and not the tests' mock engine.
* 9b-9d: ``kiosk self-test`` end to end (start, every page in every language, exit) from the
  bundle and from source (``python -m kiosk self-test``), median of 5 runs each after one
  warm-up run of each, offscreen; the figure is the ratio bundle / source (target <= 1.2).
  The self-test waits for its page animations, so both include a few seconds that do not
  depend on how the kiosk was started.
* 9e-9g: ``kiosk validate`` of the bundled content (no Qt window: mostly interpreter and
  import start-up) from the bundle and from source, and their ratio.

Skipped (one SKIP figure) when the bundle has not been built.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.common import (
    REPO,
    BenchmarkError,
    Figure,
    child_env,
    fmt_ms,
    median,
    ms,
)

BUNDLE = REPO / "dist" / "hip-kiosk"
FROZEN = BUNDLE / ("kiosk-cli.exe" if sys.platform == "win32" else "kiosk")
NOT_BUILT = "bundle not built: run bash build_spec/build.sh"
RUNS = 5
QUICK_RUNS = 3
SIZE_TARGET_MB = 150.0
RATIO_TARGET = 1.2
TIMEOUT_S = 180.0


def bundle_size_mb(root: Path = BUNDLE) -> float:
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total / 1_000_000


def speech_plugins(root: Path = BUNDLE) -> list[str]:
    """The text-to-speech engine plugins in the bundle (``speechd``, ``sapi``, ``mock``...)."""
    found = []
    for folder in root.rglob("texttospeech"):
        for path in folder.iterdir():
            stem = path.name.split(".")[0].removeprefix("lib")
            if stem.startswith("qtexttospeech_"):
                found.append(stem.removeprefix("qtexttospeech_"))
    return sorted(found)


def _speech_note(root: Path = BUNDLE) -> str:
    engines = speech_plugins(root)
    module = any(root.rglob("QtTextToSpeech*.so")) or any(root.rglob("QtTextToSpeech*.pyd"))
    wanted = {"sapi", "winrt"} if sys.platform == "win32" else {"speechd"}
    verdict = "read-aloud inside" if module and wanted <= set(engines) else "READ-ALOUD MISSING"
    if "mock" in engines:
        verdict += ", and the mock engine too (it must not ship)"
    return (
        f"speech: {verdict} (QtTextToSpeech module {'present' if module else 'absent'}, "
        f"engines: {', '.join(engines) or 'none'})"
    )


def _time(command: Sequence[str]) -> float:
    """Milliseconds the command takes from spawn to exit; BenchmarkError unless it exits 0."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(command),
            cwd=REPO,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchmarkError(
            f"{' '.join(command)}: still running after {TIMEOUT_S:.0f} s"
        ) from error
    took = ms(time.perf_counter() - started)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-10:])
        raise BenchmarkError(f"{' '.join(command)} exited {done.returncode}\n{tail}")
    return took


def _medians(
    frozen: Sequence[str], source: Sequence[str], runs: int
) -> tuple[list[float], list[float]]:
    """Alternate bundle and source runs (after one warm-up of each) so drift hits both."""
    _time(frozen)
    _time(source)
    frozen_ms, source_ms = [], []
    for _ in range(runs):
        frozen_ms.append(_time(frozen))
        source_ms.append(_time(source))
    return frozen_ms, source_ms


def _runs(values: Sequence[float]) -> str:
    return ", ".join(fmt_ms(value) for value in values)


def _pair(
    numbers: tuple[str, str, str],
    what: str,
    frozen_ms: list[float],
    source_ms: list[float],
    limit: float | None,
) -> list[Figure]:
    frozen, source = median(frozen_ms), median(source_ms)
    ratio = frozen / source
    return [
        Figure(
            numbers[0],
            f"{what} from the bundle, median",
            frozen,
            "ms",
            shown=fmt_ms(frozen),
            notes=[f"{len(frozen_ms)} runs: {_runs(frozen_ms)}"],
            details={"runs_ms": frozen_ms},
        ),
        Figure(
            numbers[1],
            f"{what} from source (python -m kiosk), median",
            source,
            "ms",
            shown=fmt_ms(source),
            notes=[f"{len(source_ms)} runs: {_runs(source_ms)}"],
            details={"runs_ms": source_ms},
        ),
        Figure(
            numbers[2],
            f"Ratio bundle / source, {what}",
            ratio,
            "",
            shown=f"{ratio:.2f} ({fmt_ms(frozen)} / {fmt_ms(source)})",
            limit=limit,
            inclusive=True,
            target=f"<= {limit}" if limit is not None else "",
        ),
    ]


def measure(quick: bool) -> list[Figure]:
    if not FROZEN.is_file():
        print(NOT_BUILT, file=sys.stderr)
        return [Figure("9", "Frozen bundle", None, "", shown=NOT_BUILT)]
    size = bundle_size_mb()
    figures = [
        Figure(
            "9a",
            "Bundle size on disk (dist/hip-kiosk)",
            size,
            "MB",
            shown=f"{size:.0f} MB",
            limit=SIZE_TARGET_MB,
            target=f"< {SIZE_TARGET_MB:.0f} MB",
            notes=[_speech_note()],
            details={"speech_engines": speech_plugins()},
        )
    ]
    runs = QUICK_RUNS if quick else RUNS
    source = [sys.executable, "-m", "kiosk"]
    frozen_ms, source_ms = _medians([str(FROZEN), "self-test"], [*source, "self-test"], runs)
    figures += _pair(("9b", "9c", "9d"), "kiosk self-test", frozen_ms, source_ms, RATIO_TARGET)
    frozen_ms, source_ms = _medians([str(FROZEN), "validate"], [*source, "validate"], runs)
    figures += _pair(
        ("9e", "9f", "9g"), "kiosk validate (bundled content)", frozen_ms, source_ms, None
    )
    return figures


if __name__ == "__main__":
    for figure in measure(quick="--quick" in sys.argv[1:]):
        print("\n".join(figure.lines()))
