"""Figure 11: a tap on "Larger text" or "High contrast" to the re-laid-out screen painted.

One process shows the real window at 1920x1080 (kiosk settings as shipped). On each of the
screens a patient meets (attract, topic menu, a page, the visit form with a name typed, the
thank-you screen), the screen's own "Larger text" button is tapped with a window-system touch
(:func:`kiosk.selftest.touch.tap`) three times (steps 2, 3 and back to 1) and its "High
contrast" button twice (on, off). Each tap is timed from just before the touch to the end of
the first whole frame in which the *new* screen (built for the new look) has painted: the
paint probe watches every widget and accepts the first paint of the window's current screen
that is not the screen tapped on. Between taps the screens built ahead in idle moments are
left to finish, and the previous look's screens to be deleted, as between two touches of a
patient.

Qt is imported inside the functions, so that the parent process stays free of Qt.

Run alone: ``python -m tests.benchmarks.look_change --child [--rounds N]``.
"""

from __future__ import annotations

import sys
from typing import Any

from tests.benchmarks.common import Figure, fmt_ms, median, ms, p95, rounds_main, run_child

ROUNDS = 10
QUICK_ROUNDS = 3
TARGET_P95_MS = 100.0
SCREENS = ("attract", "menu", "page", "form", "thank-you")


def _go_to(kiosk: Any, screen: str) -> None:
    """Put the kiosk on ``screen`` (untimed; the steps themselves are not measured)."""
    session = kiosk.session
    kiosk.reset()
    if screen == "attract":
        return
    kiosk.show_view(session.start())
    if screen == "page":
        kiosk.show_view(session.open_page("hip-joint"))
    elif screen in ("form", "thank-you"):
        kiosk.show_view(session.request_visit())
        kiosk.window.request_form.name_field.setText("Ana")
        if screen == "thank-you":
            kiosk.window.show_thanks("BENCH-001")
            kiosk.show_view(session.request_sent())


def _time_taps(kiosk: Any, rounds: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from kiosk.selftest.touch import tap, wait_until
    from kiosk.ui.display_controls import DisplayControls
    from kiosk.ui.main_window import RETIRE_AFTER_MS
    from tests.benchmarks.harness import PaintProbe

    window = kiosk.window
    app = QApplication.instance()
    assert app is not None
    probe = PaintProbe()
    app.installEventFilter(probe)
    samples: dict[str, list[float]] = {
        f"{s} {b}": [] for s in SCREENS for b in ("text", "contrast")
    }

    def built_ahead() -> bool:
        return not window.building_ahead

    try:
        for _ in range(rounds):
            for screen in SCREENS:
                _go_to(kiosk, screen)
                for button_name, taps in (("text", 3), ("contrast", 2)):
                    for _ in range(taps):
                        wait_until(built_ahead, 5000)
                        # The previous look's screens are deleted a moment after the new one
                        # has painted (RETIRE_AFTER_MS); here, between taps, untimed.
                        QTest.qWait(RETIRE_AFTER_MS + 50)
                        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                        QApplication.processEvents()
                        old = window.current_screen
                        controls = old.findChild(DisplayControls)
                        assert controls is not None, screen
                        button = (
                            controls.text_size_button
                            if button_name == "text"
                            else controls.contrast_button
                        )

                        def is_new_screen(widget: QWidget, old: QWidget = old) -> bool:
                            return widget is window.current_screen and widget is not old

                        probe.arm(is_new_screen)
                        started = probe.clock()
                        tap(button)
                        if not probe.wait() or probe.frame_at is None:
                            raise RuntimeError(f"{screen}: no new frame after {button_name}")
                        samples[f"{screen} {button_name}"].append(ms(probe.frame_at - started))
    finally:
        app.removeEventFilter(probe)
    return samples


def child(rounds: int) -> dict[str, Any]:
    from tests.benchmarks.harness import guard_none_refcount, shipped_kiosk

    guarded = guard_none_refcount()
    with shipped_kiosk(animations=True, data_dir=True) as kiosk:
        samples = _time_taps(kiosk, rounds)
    return {"rounds": rounds, "samples": samples, "none_guard": guarded}


def figures(result: dict[str, Any]) -> list[Figure]:
    samples: dict[str, list[float]] = result["samples"]
    every = [value for values in samples.values() for value in values]
    per_screen = [
        f"{name}: median {fmt_ms(median(values))}, p95 {fmt_ms(p95(values))}"
        for name, values in samples.items()
    ]
    return [
        Figure(
            "11",
            'Tap on "Larger text" / "High contrast" to the new screen painted',
            p95(every),
            "ms",
            shown=f"median {fmt_ms(median(every))}, p95 {fmt_ms(p95(every))}",
            limit=TARGET_P95_MS,
            target=f"p95 < {TARGET_P95_MS:.0f} ms",
            notes=[
                f"{len(every)} taps by touch at 1920x1080 over {result['rounds']} rounds of "
                "attract, menu, page, form (a name typed) and thank-you; 3 text-size and 2 "
                "contrast taps on each; clock from just before the tap to the end of the first "
                "whole frame of the rebuilt screen",
                *per_screen,
            ],
            details={"samples_ms": samples},
        )
    ]


def measure(quick: bool) -> list[Figure]:
    rounds = QUICK_ROUNDS if quick else ROUNDS
    return figures(run_child("look_change", ["--rounds", str(rounds)], timeout_s=600))


def main(argv: list[str]) -> int:
    return rounds_main("look_change", argv, ROUNDS, child, figures)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
