"""Child process of the cold-start benchmark (see ``startup.py``); run as a script, not imported.

It starts the kiosk through the real command line, ``kiosk.cli.main(["run", "--windowed",
"--data-dir", DIR])``, with one change: ``KioskApp.show`` shows the window at 1920x1080
instead of the windowed 1280x800, and first installs an event filter on the attract screen.
When the attract screen's first paint event has been delivered, the filter records
``time.monotonic()`` (CLOCK_MONOTONIC, comparable with the parent's clock), and once the
event loop turns again (children painted, frame flushed) it records a second time, prints one
JSON line and quits the application.

Usage: ``python tests/benchmarks/startup_child.py DATA_DIR``.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kiosk import cli  # noqa: E402
from kiosk.app import KioskApp  # noqa: E402

IMPORTED = time.monotonic()
SIZE = (1920, 1080)


class FirstPaint(QObject):
    """Records the end of the attract screen's first paint event, then ends the run."""

    def __init__(self, marks: dict[str, float]) -> None:
        super().__init__()
        self._marks = marks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or "painted" in self._marks:
            return False
        assert isinstance(watched, QWidget)
        watched.event(event)  # deliver it here so the clock is read after the paint
        self._marks["painted"] = time.monotonic()
        QTimer.singleShot(0, self._frame_done)
        return True

    def _frame_done(self) -> None:
        self._marks["frame"] = time.monotonic()
        print(json.dumps(self._marks), flush=True)
        QApplication.quit()


def main(data_dir: str) -> int:
    marks = {"started": STARTED, "imported": IMPORTED}
    probe = FirstPaint(marks)

    def show(self: KioskApp) -> None:
        marks["built"] = time.monotonic()
        self.window.attract.installEventFilter(probe)
        self.window.resize(*SIZE)  # KioskApp.show's windowed branch, at the benchmark's size
        self.window.show()
        marks["shown"] = time.monotonic()

    KioskApp.show = show  # type: ignore[method-assign]
    return cli.main(["run", "--windowed", "--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
