"""Figures 3 and 4: memory (PSS) after visiting every page in every language, and its growth
over thousands of further page turns; plus a stability reading.

One child process shows the real kiosk (1920x1080, settings as shipped) and runs the
self-test (:func:`kiosk.selftest.runner.run_self_test`: every page of every language by real
touches). Figure 3 is the process's PSS (``Pss:`` of ``/proc/self/smaps_rollup``) after it.
PSS splits shared pages between the processes that map them, so it reads lower while other
processes (a test run, say) have the same Qt libraries loaded; the output says when they do.

Then the slide is turned off (to keep the soak fast) and the kiosk turns 5,000 more pages,
driven by touch on Next (``--soak touch``, the default) or through
``KioskApp.show_view(session.next())`` followed by ``processEvents()`` and a forced
``window.repaint()`` (``--soak render``; about as fast). Past the last page of a language it
switches to the next language on the topic menu. Figure 4 is the PSS growth across the soak,
``gc.collect()`` before every reading; deferred deletions are flushed as the event loop would.

Stability: how many references to ``None`` the idle attract screen (slide and breathing ring
on again) and the soak lose (see :func:`tests.benchmarks.harness.guard_none_refcount`), and so
when an unguarded kiosk would abort.

Qt is imported inside the functions: the parent process imports this module and must stay
free of Qt, whose shared pages would lower the child's PSS.

Run alone: ``python -m tests.benchmarks.memory --child [--turns N] [--soak touch|render]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from tests.benchmarks.common import (
    Figure,
    emit_result,
    fmt_mib,
    processes_mapping,
    pss_now_kib,
    run_child,
    smaps_rollup_kib,
)

SOAK_TURNS = 5000
QUICK_SOAK_TURNS = 500
SAMPLES = 5
"""PSS readings spread over the soak (besides the one before it)."""
TARGET_PSS_MIB = 90.0
TARGET_GROWTH_MIB = 3.0
ATTRACT_SECONDS = 3.0


def _turn(kiosk: Any, by_touch: bool) -> bool:
    """One step forward; True when it showed a new page (not the topic menu)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from kiosk.selftest.touch import tap
    from kiosk.session import Screen

    session, window = kiosk.session, kiosk.window
    if by_touch:
        if session.view.screen is Screen.MENU:
            if len(session.languages) > 1:
                tap(window.menu.language_button)
            tap(window.menu.start_button)
        else:
            tap(window.reader.next_button)
    else:
        view = session.view
        if view.screen is Screen.MENU:
            others = [deck for deck in session.languages if deck is not view.deck]
            if others:
                kiosk.show_view(session.set_language(others[0].language))
        kiosk.show_view(session.next())
        QApplication.processEvents()
        window.repaint()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return session.view.screen is Screen.PAGE


def _pss_after_malloc_trim() -> int | None:
    """PSS once glibc has handed free heap pages back (None where there is no glibc)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):
        return None
    return pss_now_kib()


def _attract_none_loss(kiosk: Any, seconds: float) -> float:
    """References to None lost per second while the idle attract screen breathes."""
    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk.session import Screen

    kiosk.window.set_animations(True)
    kiosk.reset()
    if kiosk.session.view.screen is not Screen.ATTRACT:
        raise RuntimeError("reset did not show the attract screen")
    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)  # let the first frames pass
    loop.exec()
    before, started = sys.getrefcount(None), time.perf_counter()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    return (before - sys.getrefcount(None)) / (time.perf_counter() - started)


def child(turns: int, by_touch: bool) -> dict[str, Any]:
    from kiosk.selftest.runner import run_self_test
    from kiosk.selftest.touch import tap, wait_until
    from kiosk.session import Screen
    from tests.benchmarks.harness import guard_none_refcount, qt_app, shipped_kiosk

    none_at_start = sys.getrefcount(None)
    guarded = guard_none_refcount()
    qt_app()
    stages = {"qapplication": pss_now_kib()}
    with shipped_kiosk(animations=True) as kiosk:
        stages["attract_shown"] = pss_now_kib()
        result = run_self_test(kiosk)
        if not result.ok:
            raise RuntimeError(result.summary())
        stages["all_pages_visited"] = pss_now_kib()
        rollup = smaps_rollup_kib()
        sharing = processes_mapping("libQt6Core")

        kiosk.window.set_animations(False)
        tap(kiosk.window.attract.start_button)  # the self-test ended on the attract screen
        if not wait_until(lambda: kiosk.session.view.screen is Screen.MENU):
            raise RuntimeError("'touch to start' did not open the topics")
        # Compare like with like: every reading is taken with a page (and its picture) on
        # screen, so the first one is too, after the turn that opens the first page.
        while kiosk.session.view.screen is not Screen.PAGE:
            _turn(kiosk, by_touch)
        readings = [(0, pss_now_kib())]
        none_before = sys.getrefcount(None)
        started = time.perf_counter()
        done = 0
        step = max(1, turns // SAMPLES)
        while done < turns:
            if _turn(kiosk, by_touch):
                done += 1
                if done % step == 0 or done == turns:
                    readings.append((done, pss_now_kib()))
        soak_seconds = time.perf_counter() - started
        trimmed = _pss_after_malloc_trim()
        none_lost_per_turn = (none_before - sys.getrefcount(None)) / turns
        attract_loss = _attract_none_loss(kiosk, ATTRACT_SECONDS)
    return {
        "self_test": result.summary(),
        "stages_kib": stages,
        "rollup_kib": {key: rollup.get(key, 0) for key in ("Rss", "Pss", "Anonymous")},
        "sharing_qt": sharing,
        "soak": {
            "turns": turns,
            "by": "touch" if by_touch else "render",
            "seconds": soak_seconds,
            "readings_kib": readings,
            "after_malloc_trim_kib": trimmed,
        },
        "none": {
            "guarded": guarded,
            "refs_at_start": none_at_start,
            "lost_per_turn": none_lost_per_turn,
            "lost_per_second_attract": attract_loss,
        },
    }


def _growth_shape(readings: list[list[int]], trimmed: int | None) -> str:
    """Whether the growth flattens (a cache filling up) or keeps going (a leak)."""
    middle = readings[len(readings) // 2]
    first, second = middle[1] - readings[0][1], readings[-1][1] - middle[1]
    text = (
        f"growth in the first {middle[0]:,} turns {first / 1024:+.2f} MiB, in the remaining "
        f"{readings[-1][0] - middle[0]:,} turns {second / 1024:+.2f} MiB"
    )
    if trimmed is not None:
        text += (
            f"; after malloc_trim(0) (free heap returned to the system) PSS is "
            f"{fmt_mib(trimmed)}, {(trimmed - readings[0][1]) / 1024:+.2f} MiB from the start"
        )
    return text


def figures(result: dict[str, Any]) -> tuple[list[Figure], Figure]:
    stages, soak, none = result["stages_kib"], result["soak"], result["none"]
    rollup, sharing = result["rollup_kib"], result["sharing_qt"]
    visited = stages["all_pages_visited"]
    readings = soak["readings_kib"]
    growth = readings[-1][1] - readings[0][1]
    how = (
        "by touch on Next"
        if soak["by"] == "touch"
        else "through KioskApp.show_view(session.next()) + processEvents() + window.repaint()"
    )
    trend = ", ".join(f"{turn}: {fmt_mib(kib)}" for turn, kib in readings)
    memory = Figure(
        "3",
        "Memory (PSS) after visiting every page in every language",
        visited / 1024,
        "MiB",
        shown=fmt_mib(visited),
        limit=TARGET_PSS_MIB,
        target=f"< {TARGET_PSS_MIB:.0f} MiB",
        notes=[
            f"{result['self_test']} (real touches, 1920x1080, slide on); gc.collect() first",
            f"PSS along the way: QApplication created {fmt_mib(stages['qapplication'])}, "
            f"attract screen shown {fmt_mib(stages['attract_shown'])}; at the end RSS "
            f"{fmt_mib(rollup['Rss'])}, of it anonymous (heap) {fmt_mib(rollup['Anonymous'])}",
            "no other process had the Qt libraries mapped (PSS = the kiosk's full share)"
            if not sharing
            else f"{len(sharing)} other process(es) had the Qt libraries mapped: PSS reads lower "
            "than on a kiosk machine",
        ],
        details={"stages_kib": stages, "rollup_kib": rollup, "sharing_qt": sharing},
    )
    soak_figure = Figure(
        "4",
        f"PSS growth over {soak['turns']:,} further page turns",
        growth / 1024,
        "MiB",
        shown=f"{growth / 1024:+.2f} MiB",
        limit=TARGET_GROWTH_MIB,
        target=f"< {TARGET_GROWTH_MIB:.0f} MiB",
        notes=[
            f"turns driven {how}, slide off to keep the soak fast, cycling through every "
            f"language; {soak['seconds']:.0f} s; gc.collect() before each reading",
            f"PSS after N turns: {trend}",
            _growth_shape(readings, soak["after_malloc_trim_kib"]),
        ],
        details={"readings_kib": readings, "by": soak["by"], "seconds": soak["seconds"]},
    )
    per_second = none["lost_per_second_attract"]
    refs = none["refs_at_start"]
    lost_turn = none["lost_per_turn"]
    per_turn = (
        f"{lost_turn:.1f} per page turn ({soak['by']}-driven soak, slide off)"
        if lost_turn > 0.5
        else f"no measurable loss per page turn ({soak['by']}-driven soak, slide off)"
    )
    losing = per_second > 0.5 or lost_turn > 0.5
    if losing:
        abort = f"{refs / max(per_second, 1e-9):.0f} s on the idle attract screen"
        if lost_turn > 0.5:
            abort += f", or after about {refs / lost_turn:,.0f} page turns"
        verdict = (
            "every call of a void PySide6 method drops a reference to None; the process aborts "
            f"('Fatal Python error: none_dealloc') when the count reaches 0: after about {abort}"
        )
    else:
        verdict = (
            "no loss: the pinned PySide6 keeps None alive (6.12.0 on CPython 3.11 lost one "
            "reference per void call and aborted the kiosk after about 45 s on the attract screen)"
        )
    stability = Figure(
        "S",
        "Stability: references to None lost by the Qt bindings",
        per_second,
        "refs/s",
        shown=f"{max(per_second, 0):.0f} per second on the idle attract screen; {per_turn}",
        notes=[
            verdict,
            f"None had {refs:,} references at start",
            "the benchmarks pad None's count (ctypes) so that a regression cannot abort them"
            if none["guarded"]
            else "not guarded (None is immortal on this Python)",
        ],
        details=none,
    )
    return [memory, soak_figure], stability


def measure(quick: bool, by: str = "touch") -> tuple[list[Figure], Figure]:
    turns = QUICK_SOAK_TURNS if quick else SOAK_TURNS
    return figures(run_child("memory", ["--turns", str(turns), "--soak", by], timeout_s=900))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.memory")
    parser.add_argument("--child", action="store_true", help="measure and print the raw result")
    parser.add_argument("--turns", type=int, default=SOAK_TURNS)
    parser.add_argument("--soak", choices=("touch", "render"), default="touch")
    args = parser.parse_args(argv)
    result = child(args.turns, by_touch=args.soak == "touch")
    if args.child:
        emit_result(result)
    else:
        found, stability = figures(result)
        for figure in [*found, stability]:
            print("\n".join(figure.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
