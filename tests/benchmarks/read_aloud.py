"""Figure 12: read-aloud. A tap on "Listen" to the first audio queued, and memory after it.

One child process shows the real kiosk (1920x1080, settings as shipped) and, on every page of
every language in turn, taps the page's "Listen" button with a window-system touch
(:func:`kiosk.selftest.touch.tap`), waits until the engine has begun to speak, lets it
speak a moment, and taps "Listen" ("Stop" by then) again. With read-aloud on, a page turn says
the page's title: each tap comes once that is said (a tap meanwhile would be "Stop"). Each
tap is timed from just before the touch to the engine's ``stateChanged(Speaking)`` (for
speech-dispatcher: its "speech began" event, espeak-ng is producing sound); the time to
``aboutToSynthesize`` (the text handed to the engine) is given beside it. The very first tap
of the run starts the engine (QtTextToSpeech is imported and the engine connects on first use):
it is reported on its own, the figure is over the taps after it.

Engine: ``speechd`` (speech-dispatcher with espeak-ng) when the machine has it, spoken into a
private PulseAudio null sink (:class:`tests.audio_sink.SpeechRig`: nothing is heard, nothing of
the machine's own is used); otherwise Qt's silent ``mock`` engine. The output says which.

* 12a: tap to the engine speaking (first audio queued), median and p95 over the taps after
  the first (p95 < 300 ms); the notes give the time to aboutToSynthesize too.
* 12b: the first tap, with the engine start (INFO).
* 12c: the kiosk's PSS after read-aloud on every page of every language (< 100 MB), with the
  PSS before the first tap for comparison. speech-dispatcher and espeak-ng are other processes:
  12d gives their PSS (INFO).

Qt is imported inside the functions, so that the parent process stays free of Qt.

Run alone: ``python -m tests.benchmarks.read_aloud --child [--rounds N] [--engine mock]``
(``speechd`` needs the environment of a running rig; the parent starts one).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.audio_sink import SpeechRig, missing_programs
from tests.benchmarks.common import (
    Figure,
    emit_result,
    fmt_mib,
    fmt_ms,
    median,
    ms,
    p95,
    process_tree,
    processes_mapping,
    pss_kib,
    pss_now_kib,
    run_child,
)

ROUNDS = 3
QUICK_ROUNDS = 1
TARGET_P95_MS = 300.0
TARGET_PSS_MB = 100.0
SPEAK_S = 0.5
"""How long each page is let speak before the second tap stops it."""
QUICK_SPEAK_S = 0.2
QUEUE_TIMEOUT_MS = 10_000
FIRST_TIMEOUT_MS = 30_000


class _Stamp:
    """When the engine took the first text (``aboutToSynthesize``) and began speaking
    (``stateChanged(Speaking)``) after :meth:`arm`."""

    def __init__(self) -> None:
        self.queued_at: float | None = None
        self.speaking_at: float | None = None

    def arm(self) -> None:
        self.queued_at = self.speaking_at = None

    def queued(self) -> None:
        if self.queued_at is None:
            self.queued_at = time.perf_counter()

    def speaking(self) -> None:
        if self.speaking_at is None:
            self.speaking_at = time.perf_counter()


def _listen_button(kiosk: Any) -> Any:
    from kiosk.ui.display_controls import DisplayControls

    controls = kiosk.window.current_screen.findChild(DisplayControls)
    if controls is None:
        raise RuntimeError("the page has no display controls")
    button = controls.listen_button
    if not button.isVisible():
        raise RuntimeError('"Listen" is not shown on the page (no speech engine?)')
    return button


def _pages(kiosk: Any) -> Iterator[tuple[str, int]]:
    """Show every page of every language in turn (untimed); yield (language, index)."""
    session = kiosk.session
    for deck in list(session.languages):
        kiosk.reset()
        kiosk.show_view(session.set_language(deck.language))
        kiosk.show_view(session.start())
        for page in deck.pages:
            kiosk.show_view(session.open_page(page.slug))
            yield deck.language, session.view.page_index


def _engine(kiosk: Any) -> Any:
    from PySide6.QtTextToSpeech import QTextToSpeech

    return kiosk.read_aloud.findChild(QTextToSpeech)


def child(rounds: int, engine: str, speak_s: float) -> dict[str, Any]:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.selftest.touch import tap, wait_until
    from tests.benchmarks.harness import guard_none_refcount, shipped_kiosk

    guarded = guard_none_refcount()
    stamp = _Stamp()
    samples: list[float] = []
    queued: list[float] = []
    first_ms: float | None = None
    per_language: dict[str, list[float]] = {}
    pages = 0
    with shipped_kiosk(animations=True) as kiosk:
        speech = kiosk.read_aloud
        speech.use_engine(engine)
        pss_before = pss_now_kib()
        connected = None
        for _round in range(rounds):
            for language, _index in _pages(kiosk):
                pages += 1
                # With read-aloud on, a new page says its title first. A tap meanwhile reads
                # the page, but the engine would already be speaking: tap once it is said, so
                # that the clock measures Listen from silence.
                QTest.qWait(50)
                if not wait_until(lambda: speech.state == "idle", QUEUE_TIMEOUT_MS):
                    raise RuntimeError(f"{language} page: the title announcement never ended")
                button = _listen_button(kiosk)
                stamp.arm()
                started = time.perf_counter()
                tap(button)
                tts = _engine(kiosk)
                if tts is None:
                    raise RuntimeError(f"no {engine} engine after the first Listen")
                if tts is not connected:
                    states = type(tts).State
                    tts.aboutToSynthesize.connect(lambda _id: stamp.queued())
                    tts.stateChanged.connect(
                        lambda state, states=states: (
                            stamp.speaking() if state == states.Speaking else None
                        )
                    )
                    connected = tts
                    if tts.state() == states.Speaking:
                        stamp.speaking()  # the first tap: it began before we connected
                timeout = QUEUE_TIMEOUT_MS if first_ms is not None else FIRST_TIMEOUT_MS
                if not wait_until(lambda: stamp.speaking_at is not None, timeout):
                    raise RuntimeError(
                        f"{language} page: not speaking {timeout} ms after Listen "
                        f"(engine state {tts.state()}, {tts.errorString()!r})"
                    )
                assert stamp.speaking_at is not None
                took = ms(stamp.speaking_at - started)
                if first_ms is None:
                    first_ms = took
                else:
                    samples.append(took)
                    per_language.setdefault(language, []).append(took)
                    if stamp.queued_at is not None:
                        queued.append(ms(stamp.queued_at - started))
                QTest.qWait(round(speak_s * 1000))
                tap(_listen_button(kiosk))  # "Stop"
                if not wait_until(lambda: speech.state == "idle", 5000):
                    raise RuntimeError(f"{language} page: the second tap did not stop reading")
        QApplication.processEvents()
        pss_after = pss_now_kib()
        sharing = processes_mapping("libQt6Core")
        used = connected.engine() if connected is not None else engine
    return {
        "engine": used,
        "rounds": rounds,
        "pages": pages,
        "first_ms": first_ms,
        "samples_ms": samples,
        "queued_ms": queued,
        "per_language_ms": per_language,
        "pss_before_kib": pss_before,
        "pss_after_kib": pss_after,
        "sharing_qt": sharing,
        "none_guard": guarded,
    }


def _speech_pss_kib(rig: SpeechRig) -> int:
    """PSS of the rig's speech-dispatcher and its output module (espeak-ng), in KiB."""
    total = 0
    for pid in rig.speech_pids():
        for member in process_tree(pid):
            total += pss_kib(member) or 0
    return total


@contextlib.contextmanager
def _environment(extra: dict[str, str]) -> Iterator[None]:
    """The benchmark's children inherit ``os.environ`` (common.child_env): add ``extra``."""
    saved = dict(os.environ)
    os.environ.update(extra)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def figures(result: dict[str, Any], why_engine: str, speech_pss: int | None) -> list[Figure]:
    samples: list[float] = result["samples_ms"]
    engine = result["engine"]
    limit_mib = TARGET_PSS_MB * 1e6 / 2**20
    before, after = result["pss_before_kib"], result["pss_after_kib"]
    sharing = result["sharing_qt"]
    queued: list[float] = result["queued_ms"]
    queued_note = (
        [
            f"to the text handed to the engine (aboutToSynthesize): median "
            f"{fmt_ms(median(queued))}, p95 {fmt_ms(p95(queued))}"
        ]
        if queued
        else []
    )
    per_language = [
        f"{language}: median {fmt_ms(median(values))}, p95 {fmt_ms(p95(values))}"
        for language, values in result["per_language_ms"].items()
    ]
    found = [
        Figure(
            "12a",
            f'Tap on "Listen" to the engine speaking ({engine} engine)',
            p95(samples),
            "ms",
            shown=f"median {fmt_ms(median(samples))}, p95 {fmt_ms(p95(samples))}",
            limit=TARGET_P95_MS,
            target=f"p95 < {TARGET_P95_MS:.0f} ms",
            notes=[
                f"engine {engine}: {why_engine}",
                f"{len(samples)} taps by touch at 1920x1080 after the first, on every page of "
                f"every language, {result['rounds']} round(s); clock from just before the tap "
                "to the engine's stateChanged(Speaking) (speechd: speech-dispatcher's "
                '"speech began" event)',
                *per_language,
                *queued_note,
            ],
            details={"samples_ms": samples},
        ),
        Figure(
            "12b",
            'The first "Listen" of the run (QtTextToSpeech imported, the engine started)',
            result["first_ms"],
            "ms",
            shown=fmt_ms(result["first_ms"]),
        ),
        Figure(
            "12c",
            "Kiosk memory (PSS) after read-aloud on every page of every language",
            after / 1024,
            "MiB",
            shown=f"{fmt_mib(after)} ({after / 1024 - before / 1024:+.1f} MiB from before the "
            "first Listen)",
            limit=limit_mib,
            target=f"< {TARGET_PSS_MB:.0f} MB ({limit_mib:.1f} MiB)",
            notes=[
                f"PSS before the first Listen (the kiosk shown, engine not loaded): "
                f"{fmt_mib(before)}; {result['pages']} pages read",
                f"{len(sharing)} other process(es) mapped libQt6Core meanwhile (PSS reads lower "
                "when they share its pages)"
                if sharing
                else "no other process mapped libQt6Core meanwhile",
            ],
            details={"before_kib": before, "after_kib": after},
        ),
    ]
    if speech_pss is not None:
        found.append(
            Figure(
                "12d",
                "speech-dispatcher and its espeak-ng module (PSS, other processes)",
                speech_pss / 1024,
                "MiB",
                shown=fmt_mib(speech_pss),
            )
        )
    return found


def measure(quick: bool) -> list[Figure]:
    rounds = QUICK_ROUNDS if quick else ROUNDS
    speak = QUICK_SPEAK_S if quick else SPEAK_S
    missing = missing_programs()
    args = ["--rounds", str(rounds), "--speak", str(speak)]
    if missing:
        print(f"read_aloud: no speechd ({', '.join(missing)} missing): mock", file=sys.stderr)
        result = run_child("read_aloud", [*args, "--engine", "mock"], timeout_s=900)
        return figures(result, f"{', '.join(missing)} missing, so Qt's silent mock", None)
    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-speech-"))
        rig = stack.enter_context(SpeechRig(Path(folder)))
        stack.enter_context(_environment(rig.client_env({})))
        result = run_child("read_aloud", [*args, "--engine", "speechd"], timeout_s=900)
        speech_pss = _speech_pss_kib(rig)
    why = "speech-dispatcher with espeak-ng, into a private PulseAudio null sink"
    return figures(result, why, speech_pss)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.read_aloud")
    parser.add_argument("--child", action="store_true", help="measure and print the raw result")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--engine", default="mock", choices=("mock", "speechd"))
    parser.add_argument("--speak", type=float, default=SPEAK_S, metavar="SECONDS")
    args = parser.parse_args(argv)
    if args.child:
        emit_result(child(args.rounds, args.engine, args.speak))
    else:
        for figure in measure(quick=args.rounds < ROUNDS):
            print("\n".join(figure.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
