"""Command line: ``kiosk [run]``, ``kiosk validate``, ``kiosk self-test``, ``kiosk outbox
status``, ``kiosk config defaults|check``.

Exit codes: 0 success; 1 content errors (validate), a failed self-test or problems in a
settings file (config check); 2 bad command line; 3 another kiosk is already running on this
machine; 70 an unexpected internal error (a calm "restarting" screen shows for a few seconds,
then the supervisor -- Shell Launcher or systemd -- restarts the kiosk); 75 the daily restart
(``kiosk.daily_restart``): "please start me again", also for the supervisor.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import logging.handlers
import os
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.config import Config, defaults_toml, load_config, resolve_config_path
from kiosk.health import EXIT_RESTART as EXIT_RESTART
from kiosk.memory import return_freed_memory_promptly

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTimer

DESK_DELAY_MS = 300
"""The visit form is offered this long after start-up, once the attract screen is up."""
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ALREADY_RUNNING = 3
EXIT_INTERNAL_ERROR = 70
FATAL_SCREEN_MS = 3000
"""How long the "restarting" screen shows after an unexpected error before the kiosk exits."""
COMMANDS = ("run", "validate", "self-test", "outbox", "config")

log = logging.getLogger("kiosk")


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file (default: $KIOSK_CONFIG, kiosk.toml next to a packaged kiosk, "
        "/etc/hip-kiosk/kiosk.toml or %%ProgramData%%\\hip-kiosk\\kiosk.toml, else defaults)",
    )


def _add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder for logs, the lock file and the visit outbox (default: config, then platform)",
    )


def _add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="content folder to show (default: config, then bundled pages)",
    )


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="run in a normal window that can be closed (for laptops)",
    )
    _add_content_option(parser)
    _add_config_option(parser)
    _add_data_dir_option(parser)
    parser.add_argument(
        "--lang", metavar="CODE", help="language shown before a patient picks one, e.g. en or es"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Hip-pain education kiosk for clinic waiting rooms.",
        epilog="Without a command, 'run' is assumed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="show the kiosk (fullscreen unless --windowed)",
        description="Show the kiosk, fullscreen unless --windowed.",
    )
    _add_run_options(run)
    validate = commands.add_parser(
        "validate",
        help="check a content folder and list every problem",
        description="Check a content folder. Prints 'path:line: error|warning: message' per "
        "problem; exit 0 when there are no errors, 1 when there are.",
    )
    validate.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="DIR",
        help="content folder (default: the bundled content)",
    )
    self_test = commands.add_parser(
        "self-test",
        help="visit every page in every language and report",
        description="Start the real application, visit every page in every language with "
        "synthetic touches, return to the start, print one summary line. Works "
        "with QT_QPA_PLATFORM=offscreen. Exit 0 only if all went well.",
    )
    _add_content_option(self_test)
    _add_config_option(self_test)
    outbox = commands.add_parser(
        "outbox",
        help="the queue of visit requests waiting for the clinic",
        description="Requests patients sent that are waiting to reach the clinic.",
    )
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    status = outbox_commands.add_parser(
        "status",
        help="pending requests, oldest waiting, last delivery and last error",
        description="Pending count, oldest pending age, last successful delivery and the last "
        "error per channel. No patient data is shown. Exit 1 if the outbox cannot "
        "be read.",
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    _add_config_option(status)
    _add_data_dir_option(status)
    config = commands.add_parser(
        "config",
        help="the settings file: print the defaults, check a file",
        description="Write a starting settings file, or check one before putting it in place.",
    )
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_commands.add_parser(
        "defaults",
        help="print a commented settings file with every default",
        description="Print a settings file listing every setting at its default, each with "
        "its description and allowed values. It can be saved as kiosk.toml and edited.",
    )
    check = config_commands.add_parser(
        "check",
        help="list every problem in a settings file",
        description="Check a settings file. Prints one 'key = value: rule' line per problem; "
        "exit 0 when there is none, 1 when there are (the kiosk would still start, using "
        "the default for each bad value).",
    )
    check.add_argument("file", type=Path, metavar="FILE", help="the settings file to check")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    args = list(argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "run")
    return build_parser().parse_args(args)


def _load_settings(args: argparse.Namespace) -> tuple[Config, int]:
    """The settings to use and how many problems the file had (each one logged)."""
    result = load_config(resolve_config_path(getattr(args, "config", None), os.environ))
    if result.source is not None:
        log.info("config: reading %s", result.source)
    for problem in result.problems:
        log.warning("config: %s", problem)
    config = result.config
    if getattr(args, "lang", None):
        config = dataclasses.replace(config, default_language=args.lang)
    return config, len(result.problems)


def _load_config(args: argparse.Namespace) -> Config:
    return _load_settings(args)[0]


_FORMAT = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")


def _log_to_console(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setFormatter(_FORMAT)
    root.addHandler(console)


def _prepare_data_dir(preferred: Path) -> Path:
    """The data folder, created if needed; a temporary one if it cannot be (logged)."""
    try:
        (preferred / "logs").mkdir(parents=True, exist_ok=True)
        return preferred
    except OSError as error:
        fallback = Path(tempfile.gettempdir()) / "hip-kiosk"
        log.error(
            "cannot use data folder %s (%s); using %s until this is fixed",
            preferred,
            error.strerror or error,
            fallback,
        )
        (fallback / "logs").mkdir(parents=True, exist_ok=True)
        return fallback


def _log_to_file(data_dir: Path) -> None:
    try:
        handler = logging.handlers.RotatingFileHandler(
            data_dir / "logs" / "kiosk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as error:
        log.warning("cannot write logs to %s (%s); logging to the console only", data_dir, error)
        return
    handler.setFormatter(_FORMAT)
    logging.getLogger().addHandler(handler)


def _stop_on_sigterm(qapp: QCoreApplication) -> QTimer:
    """Let systemd's stop (SIGTERM) end the event loop cleanly, so the delivery worker stops
    and the outbox closes; requests are safe on disk either way.

    Python only runs signal handlers between bytecodes, and the Qt event loop runs none while
    idle: a slow timer gives the interpreter a moment to notice. Returns that timer.
    """
    from PySide6.QtCore import QTimer

    def stop(signum: int, frame: object) -> None:
        log.info("stop requested (signal %d); shutting down", signum)
        qapp.exit(EXIT_OK)

    signal.signal(signal.SIGTERM, stop)
    ticker = QTimer(qapp, interval=250)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    return ticker


def _exit_on_unhandled_errors(qapp: QCoreApplication, screen_ms: int = FATAL_SCREEN_MS) -> None:
    """An error nobody caught is logged, a calm "restarting" screen covers the kiosk for
    ``screen_ms``, and the kiosk exits (70) so its supervisor restarts it.

    PySide6 reports exceptions raised in slots through ``sys.excepthook`` and carries on,
    which could leave a half-drawn screen in front of a patient; a clean restart is better.
    Errors while the screen shows are logged too; the exit is not postponed. If the screen
    itself cannot be shown, the kiosk exits at once.
    """
    from PySide6.QtCore import QTimer

    shown: list[object] = []  # keeps the screen alive until the exit

    def leave() -> None:
        qapp.exit(EXIT_INTERNAL_ERROR)

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        if shown:
            log.error("another internal error while restarting", exc_info=(kind, value, trace))
            return
        log.critical(
            "unexpected internal error; exiting with code %d so the supervisor restarts the kiosk",
            EXIT_INTERNAL_ERROR,
            exc_info=(kind, value, trace),
        )
        try:
            from kiosk.ui.fatal_error import FatalErrorScreen

            screen = FatalErrorScreen()
            screen.show_over_everything()
        except Exception:
            log.exception("the restart screen could not be shown; exiting at once")
            leave()
            return
        shown.append(screen)
        log.info("showing the 'screen is restarting' notice for %.1f s", screen_ms / 1000)
        QTimer.singleShot(screen_ms, leave)

    sys.excepthook = hook


def _config(args: argparse.Namespace) -> int:
    if args.config_command == "defaults":
        sys.stdout.write(defaults_toml())
        return EXIT_OK
    result = load_config(args.file)
    for problem in result.problems:
        print(problem)
    count = len(result.problems)
    if count:
        print(
            f"{args.file}: {count} problem{'s' * (count != 1)}; the kiosk would use the "
            "default for each bad value"
        )
        return EXIT_FAILED
    print(f"{args.file}: no problems")
    return EXIT_OK


def _outbox(args: argparse.Namespace) -> int:
    from kiosk.visit.status import outbox_status_command

    _log_to_console(logging.WARNING)
    config = _load_config(args)
    data_dir = args.data_dir or config.effective_data_dir()
    return outbox_status_command(data_dir, sys.stdout, as_json=args.json)


def _validate(args: argparse.Namespace) -> int:
    from kiosk.content.validate import validate_command
    from kiosk.resources import bundled_content_dir

    return validate_command(args.directory or bundled_content_dir(), sys.stdout)


def _self_test(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskApp, content_root, load_content, route_qt_messages
    from kiosk.selftest.runner import run_self_test
    from kiosk.visit.desk import RequestDesk

    _log_to_console(logging.WARNING)
    config = _load_config(args)
    config = dataclasses.replace(config, kiosk=dataclasses.replace(config.kiosk, hide_cursor=False))
    route_qt_messages()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    # The form is opened and cancelled, never sent: a throw-away outbox keeps the real one clean.
    scratch = tempfile.TemporaryDirectory(prefix="kiosk-self-test-")
    kiosk = KioskApp(
        qapp,
        load_content(content_root(config, args.content)),
        config,
        kiosk_mode=False,
        desk=RequestDesk.open(config, Path(scratch.name)),
    )
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    slot_errors: list[str] = []

    def hook(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
        log.critical(
            "unexpected internal error during the self-test", exc_info=(kind, value, trace)
        )
        slot_errors.append(kind.__name__)

    sys.excepthook = hook
    result = run_self_test(kiosk)
    result.failures.extend(f"internal error {name}" for name in slot_errors)
    print(result.summary())
    kiosk.close()
    scratch.cleanup()
    return EXIT_OK if result.ok else EXIT_FAILED


def _run(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QLockFile, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskApp, content_root, load_content, route_qt_messages

    _log_to_console()
    config, config_problems = _load_settings(args)
    data_dir = _prepare_data_dir(args.data_dir or config.effective_data_dir())
    _log_to_file(data_dir)
    route_qt_messages()
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("hip-kiosk")
    qapp.setApplicationVersion(__version__)
    _exit_on_unhandled_errors(qapp)
    lock = QLockFile(str(data_dir / "kiosk.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        log.error("another kiosk is already running on this machine (lock %s)", lock.fileName())
        return EXIT_ALREADY_RUNNING
    kiosk = KioskApp(
        qapp,
        load_content(content_root(config, args.content)),
        config,
        kiosk_mode=not args.windowed,
        data_dir=data_dir,
        config_problems=config_problems,
    )
    kiosk.show()

    def open_desk() -> None:  # after the first frame: the outbox's crypto is not free to load
        from kiosk.visit.desk import RequestDesk

        desk = RequestDesk.open(config, data_dir)
        kiosk.attach_desk(desk)
        if desk is not None:
            desk.start()

    QTimer.singleShot(DESK_DELAY_MS, open_desk)
    stop_ticker = _stop_on_sigterm(qapp)
    log.info("kiosk %s started", __version__)
    code = qapp.exec()
    stop_ticker.stop()
    if code == EXIT_RESTART:
        log.info("exiting with code %d for the daily restart", EXIT_RESTART)
    kiosk.close()  # stops the delivery worker; undelivered requests wait safely on disk
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command in ("run", "self-test"):
        return_freed_memory_promptly()
    handlers = {
        "run": _run,
        "validate": _validate,
        "self-test": _self_test,
        "outbox": _outbox,
        "config": _config,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return EXIT_FAILED
    except BrokenPipeError:  # e.g. `kiosk validate | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        log.exception("unexpected internal error; exiting so the supervisor restarts the kiosk")
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
