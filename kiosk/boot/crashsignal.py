"""Two guards around the event loop, each with ``activate()`` / ``deactivate()``:

- :class:`SignalHandler`: systemd's stop (SIGTERM) or Ctrl+C (SIGINT) ends the event loop
  cleanly (exit 0), so the delivery worker stops and the outbox closes; requests are safe on
  disk either way.
- :class:`CrashHandler`: an error nobody caught is logged, a calm "restarting" screen covers
  the kiosk for a few seconds and the event loop ends with exit 70, so the supervisor
  restarts the kiosk. PySide6 reports exceptions raised in slots through ``sys.excepthook`` and
  carries on, which could leave a half-drawn screen in front of a patient.

Both leave the loop through ``exit(code)`` on the application object rather than raising, and
defer work to the event loop (a signal arrives between any two bytecodes). :class:`ErrorTally`
is the self-test's variant of the crash guard: it counts errors instead of restarting.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from kiosk.exit_codes import Exitable, ExitCode

log = logging.getLogger("kiosk")

FATAL_SCREEN_MS = 3000
"""How long the "restarting" screen shows after an unexpected error before the kiosk exits."""
TICK_MS = 250
"""Without a wake-up pipe (Windows), how often the interpreter gets a moment to see a signal."""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


class SignalHandler(QObject):
    """Turns SIGTERM and SIGINT into a clean end of the event loop.

    Python runs signal handlers only between bytecodes, and the Qt event loop runs none while
    idle. On POSIX the C-level handler writes to a wake-up pipe that a socket notifier watches,
    which wakes the loop at once and costs nothing while no signal comes; elsewhere a slow timer
    gives the interpreter a moment to notice.
    """

    def __init__(self, app: Exitable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._previous: dict[int, Any] = {}
        self._notifier: QSocketNotifier | None = None
        self._pipe: tuple[int, int] | None = None
        self._previous_wakeup_fd = -1
        self._ticker = QTimer(self, interval=TICK_MS)
        self._ticker.timeout.connect(lambda: None)

    def activate(self) -> None:
        for number in STOP_SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)
        if os.name == "posix":
            read_fd, write_fd = os.pipe()
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self._pipe = (read_fd, write_fd)
            self._notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain)
            self._previous_wakeup_fd = signal.set_wakeup_fd(write_fd)
        else:
            self._ticker.start()

    def deactivate(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        self._ticker.stop()
        if self._pipe is not None:
            signal.set_wakeup_fd(self._previous_wakeup_fd)
            assert self._notifier is not None
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
            for fd in self._pipe:
                os.close(fd)
            self._pipe = None

    def _drain(self) -> None:
        """Empty the wake-up pipe; the Python handler runs as this slot runs."""
        if self._pipe is not None:
            with contextlib.suppress(BlockingIOError, InterruptedError):
                while os.read(self._pipe[0], 512):
                    pass

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        log.info("stop requested (signal %d); shutting down", number)
        QTimer.singleShot(0, lambda: self._app.exit(ExitCode.OK))


class _ExceptHookGuard:
    """Installs itself as ``sys.excepthook`` while active."""

    def __init__(self) -> None:
        self._previous: ExceptHook | None = None

    def activate(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def deactivate(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self, kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        raise NotImplementedError


class CrashHandler(_ExceptHookGuard):
    """An unhandled error: log it, cover the kiosk with the restart screen for ``screen_ms``,
    then end the event loop with :attr:`ExitCode.INTERNAL_ERROR`.

    Errors while the screen shows are logged too; the exit is not postponed. If the screen
    itself cannot be shown, the kiosk exits at once.
    """

    def __init__(self, app: Exitable, *, screen_ms: int = FATAL_SCREEN_MS) -> None:
        super().__init__()
        self._app = app
        self._screen_ms = screen_ms
        self._screen: QObject | None = None  # kept alive until the exit

    @property
    def crashed(self) -> bool:
        return self._screen is not None

    def handle(
        self, kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        if self._screen is not None:
            log.error("another internal error while restarting", exc_info=(kind, value, trace))
            return
        log.critical(
            "unexpected internal error; exiting with code %d so the supervisor restarts the kiosk",
            ExitCode.INTERNAL_ERROR,
            exc_info=(kind, value, trace),
        )
        try:
            from kiosk.ui import fatal_error  # only after a crash: it may be what broke

            screen = fatal_error.FatalErrorScreen()
            screen.show_over_everything()
        except Exception:
            log.exception("the restart screen could not be shown; exiting at once")
            self._leave()
            return
        self._screen = screen
        log.info("showing the 'screen is restarting' notice for %.1f s", self._screen_ms / 1000)
        QTimer.singleShot(self._screen_ms, self._leave)

    def _leave(self) -> None:
        self._app.exit(ExitCode.INTERNAL_ERROR)


class ErrorTally(_ExceptHookGuard):
    """The self-test's guard: each unhandled error is logged and counted by its type's name."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle(
        self, kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        log.critical(
            "unexpected internal error during the self-test", exc_info=(kind, value, trace)
        )
        self.names.append(kind.__name__)
