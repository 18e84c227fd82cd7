"""``kiosk run`` and ``kiosk self-test``, each as one sequence: settings, data folder, logging,
Qt application, guards, :class:`~kiosk.app.KioskApp`, request desk, event loop, teardown.

One log line marks each step of ``run``, so a kiosk that stops half-way through start-up says
where. The request desk (the encrypted outbox and its delivery worker) opens after the first
frame: its crypto libraries are not free to load and the attract screen should not wait.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.app import KioskApp
from kiosk.boot.crashsignal import CrashHandler, ErrorTally, SignalHandler
from kiosk.boot.display import display_problem
from kiosk.boot.hardening import harden_process
from kiosk.boot.logs import log_to_console, log_to_file, route_qt_messages
from kiosk.boot.settings import Settings, load_settings, prepare_data_dir
from kiosk.content.source import content_root, load_content
from kiosk.exit_codes import ExitCode
from kiosk.memory import forget_source_lines, return_freed_memory_promptly
from kiosk.staff_side import SettingsInfo
from kiosk.ui.window_guard import WindowGuard

log = logging.getLogger("kiosk")

DESK_DELAY_MS = 300
"""The visit form is offered this long after start-up, once the attract screen is up."""
LOCK_WAIT_MS = 100
SELF_TEST_SIZE = (1920, 1080)


def qt_application(name: str = "hip-kiosk") -> QApplication:
    """The QApplication (created once, named ``name``: run and self-test, or the preview)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName(name)
    qapp.setApplicationVersion(__version__)
    return qapp


def _single_instance_lock(data_dir: Path) -> QLockFile | None:
    """The data folder's kiosk lock, or None (logged) when another kiosk holds it.

    The lock is per data folder: two kiosks sharing one outbox would deliver each other's
    requests twice and fight over its key. Two kiosks with different data folders may run on one
    machine (e.g. two screens), each with its own settings file."""
    lock = QLockFile(str(data_dir / "kiosk.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(LOCK_WAIT_MS):
        log.error(
            "another kiosk is already running with the data folder %s (lock %s)",
            data_dir,
            lock.fileName(),
        )
        return None
    return lock


def _no_display() -> bool:
    """True (one plain line on stderr) when Qt would find no screen: Qt would abort."""
    problem = display_problem()
    if problem:
        sys.stderr.write(f"kiosk: {problem}\n")
    return bool(problem)


def _open_desk_later(kiosk: KioskApp, settings: Settings, data_dir: Path) -> None:
    def open_desk() -> None:
        from kiosk.visit.desk import RequestDesk

        desk = RequestDesk.open(settings.config, data_dir)
        kiosk.attach_desk(desk)
        if desk is not None:
            desk.start()
            log.info("start-up: visit requests are taken")
        forget_source_lines()  # every module of the kiosk is imported by now

    QTimer.singleShot(DESK_DELAY_MS, open_desk)


def run(args: argparse.Namespace) -> int:
    """Show the kiosk until its event loop ends; returns the exit code."""
    hardening = harden_process()
    return_freed_memory_promptly()
    if _no_display():
        return ExitCode.NO_DISPLAY
    log_to_console()
    settings = load_settings(args)
    data = prepare_data_dir(args.data_dir or settings.config.effective_data_dir())
    data_dir = data.path
    log_to_file(data_dir)
    route_qt_messages()
    log.info("start-up: settings read, data folder %s", data_dir)
    if hardening.note:
        log.warning("start-up: %s", hardening.note)
    qapp = qt_application()
    crash = CrashHandler(qapp)
    crash.activate()
    lock = _single_instance_lock(data_dir)
    if lock is None:
        return ExitCode.ALREADY_RUNNING
    library = load_content(content_root(settings.config, args.content))
    kiosk = KioskApp(
        qapp,
        library,
        settings.config,
        kiosk_mode=not args.windowed,
        data_dir=data_dir,
        settings=SettingsInfo(settings.source, settings.problem_texts),
    )
    kiosk.upkeep.data_dir_problem = data.problem
    kiosk.show()
    guard = WindowGuard(
        qapp,
        kiosk.window,
        kiosk_mode=not args.windowed,
        fullscreen=settings.config.kiosk.fullscreen,
    )
    log.info("start-up: window shown")
    _open_desk_later(kiosk, settings, data_dir)
    signals = SignalHandler(qapp)
    signals.activate()
    log.info("kiosk %s started", __version__)
    code = qapp.exec()
    signals.deactivate()
    guard.stop()
    if code == ExitCode.RESTART:
        log.info("exiting with code %d for the daily restart", ExitCode.RESTART)
    elif code == ExitCode.STAFF_EXIT:
        log.info("exiting with code %d: staff closed the kiosk", ExitCode.STAFF_EXIT)
    kiosk.close()  # stops the delivery worker; undelivered requests wait safely on disk
    lock.unlock()
    return code


def self_test(args: argparse.Namespace) -> int:
    """Start the real kiosk in a window, tour it with synthetic touches, print one line."""
    from kiosk.selftest.runner import run_self_test
    from kiosk.visit.desk import RequestDesk

    harden_process()
    return_freed_memory_promptly()
    if _no_display():
        return ExitCode.NO_DISPLAY
    log_to_console(logging.WARNING)
    settings = load_settings(args)
    config = dataclasses.replace(
        settings.config, kiosk=dataclasses.replace(settings.config.kiosk, hide_cursor=False)
    )
    route_qt_messages()
    qapp = qt_application()
    errors = ErrorTally()
    errors.activate()
    # The form is opened and cancelled, never sent: a throw-away outbox keeps the real one clean.
    with tempfile.TemporaryDirectory(prefix="kiosk-self-test-") as scratch:
        kiosk = KioskApp(
            qapp,
            load_content(content_root(config, args.content)),
            config,
            kiosk_mode=False,
            desk=RequestDesk.open(config, Path(scratch)),
        )
        kiosk.window.resize(*SELF_TEST_SIZE)
        kiosk.window.show()
        result = run_self_test(kiosk)
        result.failures.extend(f"internal error {name}" for name in errors.names)
        print(result.summary())
        kiosk.close()
    errors.deactivate()
    return ExitCode.OK if result.ok else ExitCode.FAILED
