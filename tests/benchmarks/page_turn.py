"""Figure 2: page turn latency, from a real touch on Next to the first paint of the new page.

One process shows the real window at 1920x1080 with the page slide on (as shipped). Each turn
taps Next with :func:`kiosk.selftest.touch.tap` (a window-system touch event) and times, from
just before the tap, the end of the first paint of the page view that now shows the new page
(``PageSlider.current``, checked to hold the new page). Between turns the slide is left to
finish. Past the last page Next returns to the topic menu; there the language is switched and
"Start reading" tapped (not timed), so the turns cycle through every page of every language.

The same turns are then timed with the slide off, for information: that is the cost of the
tap, the session and the page layout alone.

Qt is imported inside the functions, so that the parent process stays free of Qt.

Run alone: ``python -m tests.benchmarks.page_turn --child [--turns N]``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tests.benchmarks.common import Figure, emit_result, fmt_ms, median, ms, p95, run_child

TURNS = 200
QUICK_TURNS = 40
TARGET_P95_MS = 16.0


def _time_turns(kiosk: Any, turns: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QWidget

    from kiosk.content.model import Page
    from kiosk.selftest.touch import tap
    from kiosk.session import Screen
    from tests.benchmarks.harness import PaintProbe, next_language_and_start, settle

    window, session = kiosk.window, kiosk.session
    slider = window.reader.slider
    probe = PaintProbe()
    for view in slider.panes:
        view.installEventFilter(probe)
    paint_ms: list[float] = []
    frame_ms: list[float] = []
    pages: set[tuple[str, str]] = set()
    try:
        while len(paint_ms) < turns:
            settle(kiosk)
            view = session.view
            if view.screen is Screen.MENU:
                next_language_and_start(kiosk)
                continue
            if view.screen is not Screen.PAGE or view.deck is None:
                raise RuntimeError(f"unexpected screen {view.screen.value}")
            if not view.has_next:
                tap(window.reader.home_button)  # the end of the path: back to the topics, untimed
                continue
            new_page = view.deck.pages[view.page_index + 1]

            def shows_new_page(widget: QWidget, page: Page = new_page) -> bool:
                return widget is slider.current and getattr(widget, "page", None) == page

            probe.arm(shows_new_page)
            started = probe.clock()
            tap(window.reader.next_button)
            if not probe.wait() or probe.painted_at is None or probe.frame_at is None:
                raise RuntimeError(f"page {new_page.slug} was never painted after Next")
            paint_ms.append(ms(probe.painted_at - started))
            frame_ms.append(ms(probe.frame_at - started))
            pages.add((view.deck.language, new_page.slug))
    finally:
        for view in slider.panes:
            view.removeEventFilter(probe)
    return {"paint_ms": paint_ms, "frame_ms": frame_ms, "pages": len(pages)}


def child(turns: int) -> dict[str, Any]:
    from tests.benchmarks.harness import guard_none_refcount, open_first_page, shipped_kiosk

    guarded = guard_none_refcount()
    with shipped_kiosk(animations=True) as kiosk:
        open_first_page(kiosk)
        animated = _time_turns(kiosk, turns)
        kiosk.window.set_animations(False)
        still = _time_turns(kiosk, turns)
    return {"turns": turns, "animated": animated, "still": still, "none_guard": guarded}


def figures(result: dict[str, Any]) -> list[Figure]:
    animated, still = result["animated"], result["still"]
    paint, frame = animated["paint_ms"], animated["frame_ms"]
    notes = [
        f"{len(paint)} turns by touch on Next at 1920x1080, slide on as shipped, cycling through "
        f"every language ({animated['pages']} distinct pages reached by Next; each language's "
        "first page opens from the topic menu, untimed); clock from just before the tap to the "
        "end of the new PageView's first paintEvent; the slide left to finish between turns",
        f"whole frame (children painted and flushed): median {fmt_ms(median(frame))}, "
        f"p95 {fmt_ms(p95(frame))}",
        f"the new page enters the screen only at the slide's first animation tick: with the "
        f"slide off the same turn paints in median {fmt_ms(median(still['paint_ms']))}, "
        f"p95 {fmt_ms(p95(still['paint_ms']))} (whole frame p95 "
        f"{fmt_ms(p95(still['frame_ms']))})",
    ]
    return [
        Figure(
            "2",
            "Page turn, tap Next to first paint of the new page",
            p95(paint),
            "ms",
            shown=f"median {fmt_ms(median(paint))}, p95 {fmt_ms(p95(paint))}",
            limit=TARGET_P95_MS,
            target=f"p95 < {TARGET_P95_MS:.0f} ms",
            notes=notes,
            details={
                "median_ms": median(paint),
                "p95_ms": p95(paint),
                "frame_median_ms": median(frame),
                "frame_p95_ms": p95(frame),
                "slide_off_median_ms": median(still["paint_ms"]),
                "slide_off_p95_ms": p95(still["paint_ms"]),
                "samples_ms": paint,
                "slide_off_samples_ms": still["paint_ms"],
            },
        )
    ]


def measure(quick: bool) -> list[Figure]:
    turns = QUICK_TURNS if quick else TURNS
    return figures(run_child("page_turn", ["--turns", str(turns)], timeout_s=600))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.page_turn")
    parser.add_argument("--child", action="store_true", help="measure and print the raw result")
    parser.add_argument("--turns", type=int, default=TURNS)
    args = parser.parse_args(argv)
    if args.child:
        emit_result(child(args.turns))
    else:
        for figure in figures(child(args.turns)):
            print("\n".join(figure.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
