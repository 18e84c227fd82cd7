"""Qt-side helpers of the in-process benchmarks: the real kiosk window, a paint probe that reads
the clock when a widget has finished painting, event-loop waits, and a guard for a PySide6
reference-count bug that would otherwise abort long runs.

Importing this module selects Qt's offscreen platform before Qt is loaded.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import KioskApp
from kiosk.memory import return_freed_memory_promptly
from kiosk.resources import bundled_content_dir
from kiosk.selftest.touch import tap, wait_until
from kiosk.session import Screen
from tests.kiosk_fixtures import LANDSCAPE, running_kiosk

NONE_PAD = 1 << 40
"""References added to ``None`` by :func:`guard_none_refcount`."""


def guard_none_refcount() -> bool:
    """Keep ``None`` alive even if the Qt bindings drop references to it.

    PySide6 6.12.0 on CPython < 3.12 lost one reference to ``None`` per call of a method that
    returns nothing, so a long run aborted with "Fatal Python error: none_dealloc" (the kiosk
    did too, after about 45 s on the attract screen); the project pins 6.11.3, which does not.
    Padding the count lets the benchmarks finish should a future pin regress; they report the
    loss rate separately. No-op (False) on 3.12+, where ``None`` is immortal.
    """
    if sys.version_info >= (3, 12):
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += NONE_PAD
    return True


def qt_app() -> QApplication:
    """The QApplication, created as ``kiosk run`` creates it (same allocator tuning first)."""
    if QApplication.instance() is None:
        return_freed_memory_promptly()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    return app


@contextlib.contextmanager
def shipped_kiosk(*, animations: bool = True, data_dir: bool = False) -> Iterator[KioskApp]:
    """The real kiosk on the bundled content, 1920x1080, settings as shipped (kiosk mode);
    with ``data_dir`` it takes visit requests too (into a temporary data folder)."""
    qt_app()
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory())) if data_dir else None
        kiosk = stack.enter_context(
            running_kiosk(
                bundled_content_dir(), size=LANDSCAPE, animations=animations, data_dir=folder
            )
        )
        handle = kiosk.window.windowHandle()
        if not wait_until(lambda: handle is not None and handle.isExposed(), 5000):
            raise RuntimeError("the kiosk window never appeared")
        QApplication.processEvents()
        yield kiosk


class PaintProbe(QObject):
    """Event filter timing a widget's paint: it lets the widget paint, then reads the clock.

    Armed with a predicate, it catches the first ``QEvent.Paint`` of a watched widget that the
    predicate accepts, delivers it itself (so the paint happens inside Qt's paint pass as
    usual) and records ``painted_at`` right after. ``frame_at`` is taken on the next turn of
    the event loop, once Qt has painted the children and flushed the frame.
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        super().__init__()
        self.clock = clock
        self._accept: Callable[[QWidget], bool] | None = None
        self._loop: QEventLoop | None = None
        self.painted_at: float | None = None
        self.frame_at: float | None = None

    def arm(self, accept: Callable[[QWidget], bool]) -> None:
        self._accept = accept
        self.painted_at = self.frame_at = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        accept = self._accept
        if accept is None or event.type() != QEvent.Type.Paint:
            return False
        if not isinstance(watched, QWidget) or not accept(watched):
            return False
        self._accept = None
        watched.event(event)  # the widget's own paintEvent, inside the current paint pass
        self.painted_at = self.clock()
        QTimer.singleShot(0, self._frame_done)
        return True

    def _frame_done(self) -> None:
        self.frame_at = self.clock()
        if self._loop is not None:
            self._loop.quit()

    def wait(self, timeout_ms: int = 3000) -> bool:
        """Run the event loop until the frame is done; False if it never came."""
        if self.frame_at is None:
            loop = QEventLoop()
            self._loop = loop
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
            self._loop = None
        return self.frame_at is not None


def settle(kiosk: KioskApp, timeout_ms: int = 3000) -> None:
    """Wait for a page slide to finish and for the paints it leaves behind."""
    if not wait_until(lambda: not kiosk.window.reader.slider.animating, timeout_ms):
        raise RuntimeError("a page slide never finished")
    QApplication.processEvents()


def open_first_page(kiosk: KioskApp) -> None:
    """From the attract screen to the first page, with real touches."""
    tap(kiosk.window.attract.start_button)
    if not wait_until(lambda: kiosk.session.view.screen is Screen.MENU):
        raise RuntimeError("'touch to start' did not open the topics")
    tap(kiosk.window.menu.start_button)
    if not wait_until(lambda: kiosk.session.view.screen is Screen.PAGE):
        raise RuntimeError("'start reading' did not open the first page")
    settle(kiosk)


def next_language_and_start(kiosk: KioskApp) -> None:
    """On the topic menu: switch to the next language (if any), then start reading again."""
    session = kiosk.session
    if len(session.languages) > 1:
        deck = session.view.deck
        tap(kiosk.window.menu.language_button)
        if not wait_until(lambda: session.view.deck is not deck):
            raise RuntimeError("the language button did not switch language")
    tap(kiosk.window.menu.start_button)
    if not wait_until(lambda: session.view.screen is Screen.PAGE):
        raise RuntimeError("'start reading' did not open the first page")
    settle(kiosk)
