"""The command line: one table of commands drives ``--help`` and dispatch.

Each command's work is imported only when it runs (``kiosk validate`` never loads Qt, ``kiosk
run`` never loads the validator's reading-level code). Exit codes: :class:`kiosk.exit_codes.
ExitCode`; the README lists them for IT.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.config import lookup_order_text
from kiosk.exit_codes import ExitCode
from kiosk.inbox.arguments import add_arguments as _inbox_arguments
from kiosk.usage.command import add_arguments as _usage_arguments

log = logging.getLogger("kiosk")


def _config_option(parser: argparse.ArgumentParser) -> None:
    help_text = f"settings file (default: {lookup_order_text(after_option=True)})"
    escaped = help_text.replace("%", "%%")  # argparse formats help with %
    parser.add_argument("--config", type=Path, metavar="FILE", help=escaped)


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder for logs, the lock file and the visit outbox (default: config, then platform)",
    )


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        help="content folder to show (default: config, then bundled pages)",
    )


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="run in a normal window that can be closed (for laptops)",
    )
    _content_option(parser)
    _config_option(parser)
    _data_dir_option(parser)
    parser.add_argument(
        "--lang", metavar="CODE", help="language shown before a patient picks one, e.g. en or es"
    )


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="DIR",
        help="content folder (default: the one the kiosk shows: content_dir in the settings "
        "file, else the bundled pages)",
    )
    _config_option(parser)


def _preview_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="DIR",
        help="content folder to show (default: content_dir in the settings file, else the "
        "bundled pages)",
    )
    _config_option(parser)
    parser.add_argument("--lang", metavar="CODE", help="language shown first, e.g. en or es")


def _self_test_arguments(parser: argparse.ArgumentParser) -> None:
    _content_option(parser)
    _config_option(parser)


def _outbox_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="outbox_command", metavar="ACTION", required=True)
    status = actions.add_parser(
        "status",
        help="pending requests, oldest waiting, last delivery and last error",
        description="Pending count, oldest pending age, last successful delivery and the last "
        "error per channel. No patient data is shown. Exit 1 if the outbox cannot be read.",
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    _config_option(status)
    _data_dir_option(status)


def _config_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    actions.add_parser(
        "defaults",
        help="print a commented settings file with every default",
        description="Print a settings file listing every setting at its default, each with "
        "its description and allowed values. It can be saved as kiosk.toml and edited.",
    )
    check = actions.add_parser(
        "check",
        help="list every problem in a settings file",
        description="Check a settings file. Prints one 'key = value: rule' line per problem; "
        "exit 0 when there is none, 1 when there are (the kiosk would still start, using "
        "the default for each bad value).",
    )
    check.add_argument("file", type=Path, metavar="FILE", help="the settings file to check")


def _staff_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    pin = actions.add_parser(
        "pin",
        help="make the hash of a new staff PIN for kiosk.toml",
        description="Ask for a new staff PIN twice (it is not shown) and print the [staff] "
        "lines holding its salted hash, to put in kiosk.toml. The PIN itself is never stored. "
        "Exit 1 if the PIN is refused or the two differ.",
    )
    pin.add_argument(
        "--stdin",
        action="store_true",
        help="read the PIN from the first line of standard input (for scripts)",
    )


@dataclass(frozen=True, slots=True)
class Command:
    handler: str
    """``module:function``, imported when the command runs; it takes the parsed arguments and
    returns the exit code."""
    summary: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]


COMMANDS: dict[str, Command] = {
    "run": Command(
        "kiosk.boot.startup:run",
        "show the kiosk (fullscreen unless --windowed)",
        "Show the kiosk, fullscreen unless --windowed.",
        _run_arguments,
    ),
    "validate": Command(
        "kiosk.commands:validate",
        "check a content folder and list every problem",
        "Check a content folder: DIR, or the folder the kiosk shows (content_dir in its "
        "settings file, else the bundled pages). The first line names the folder checked; then "
        "'path:line: error|warning: message' per problem. Exit 0 when there are no errors, 1 "
        "when there are, 78 when the settings file cannot say which folder the kiosk shows.",
        _validate_arguments,
    ),
    "preview": Command(
        "kiosk.boot.preview:preview",
        "show a content folder in a window for staff, reloaded on every save",
        "For a staff laptop: the kiosk in a normal window on DIR (or the folder the kiosk "
        "shows), reloaded as soon as a file is saved, with each problem listed over the page "
        "it concerns (problems of other files over the menu). No visit request can be sent "
        "from it. Close the window to stop.",
        _preview_arguments,
    ),
    "self-test": Command(
        "kiosk.boot.startup:self_test",
        "visit every page in every language and report",
        "Start the real application, visit every page in every language with synthetic "
        "touches, return to the start, print one summary line. Works with "
        "QT_QPA_PLATFORM=offscreen. Exit 0 only if all went well.",
        _self_test_arguments,
    ),
    "outbox": Command(
        "kiosk.commands:outbox",
        "the queue of visit requests waiting for the clinic",
        "Requests patients sent that are waiting to reach the clinic.",
        _outbox_arguments,
    ),
    "inbox": Command(
        "kiosk.commands:inbox",
        "the front desk: read the visit requests in the drop folder",
        "For the clinic's PC: list, show, export and mark handled the visit requests the "
        "kiosk sealed into the drop folder, with the clinic's private key. Without an action, "
        "'list' is assumed. Exit 1 if the key is missing or wrong.",
        _inbox_arguments,
    ),
    "config": Command(
        "kiosk.commands:config",
        "the settings file: print the defaults, check a file",
        "Write a starting settings file, or check one before putting it in place.",
        _config_arguments,
    ),
    "staff": Command(
        "kiosk.staff.command:staff",
        "the staff panel's PIN: make its hash for the settings file",
        "The staff panel opens with a hidden gesture and the staff PIN; the settings file "
        "holds only the PIN's salted hash, made here.",
        _staff_arguments,
    ),
    "usage": Command(
        "kiosk.usage.command:usage",
        "anonymous daily usage counts (page views, languages, the form)",
        "Print the kiosk's usage counts: daily totals only, counts under 5 shown as 'fewer "
        "than 5'. --csv prints the same table as CSV.",
        _usage_arguments,
    ),
}
DEFAULT_COMMAND = "run"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Hip-pain education kiosk for clinic waiting rooms.",
        epilog=f"Without a command, '{DEFAULT_COMMAND}' is assumed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.summary, description=command.description)
        command.arguments(sub)
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    args = list(argv)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, DEFAULT_COMMAND)
    return build_parser().parse_args(args)


def command_modules() -> list[str]:
    """The modules the table names (for the PyInstaller spec: it cannot see string imports)."""
    return sorted({command.handler.split(":")[0] for command in COMMANDS.values()})


def _handler(command: Command) -> Callable[[argparse.Namespace], int]:
    module_name, function = command.handler.split(":")
    handler: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(module_name), function
    )
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """The process's entry point (``argv`` None): files private and no core dumps for every
    command (``inbox`` shows patient data too); a call with ``argv`` (tests) leaves the calling
    process as it is."""
    if argv is None:
        from kiosk.boot.hardening import harden_process

        harden_process()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return int(_handler(COMMANDS[args.command])(args))
    except KeyboardInterrupt:
        return ExitCode.FAILED
    except BrokenPipeError:  # e.g. `kiosk validate | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except Exception:
        log.exception("unexpected internal error; exiting so the supervisor restarts the kiosk")
        return ExitCode.INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
