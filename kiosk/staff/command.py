"""``kiosk staff pin``: make the staff PIN's hash for IT to put in kiosk.toml.

The PIN is asked twice without echo (``getpass``), or read from the first line of standard
input with ``--stdin`` for scripts. An acceptable PIN (:func:`kiosk.staff.pin.pin_problem`)
gives the ``[staff]`` lines on stdout, so ``kiosk staff pin >> kiosk.toml`` works, and what to
do with them on stderr. The PIN is never printed, logged or written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.exit_codes import ExitCode
from kiosk.staff.pin import PIN_MAX_DIGITS, hash_pin, pin_problem

STDIN_LINE_MAX = PIN_MAX_DIGITS + 2
"""Characters read from stdin with ``--stdin``: a PIN and its line ending; a longer line is
refused as too long without reading the rest."""


def staff(args: argparse.Namespace) -> int:
    """Run ``kiosk staff ACTION`` (the only action is ``pin``)."""
    pin = _read_pin_line() if args.stdin else _ask_pin_twice()
    if pin is None:
        return ExitCode.FAILED
    problem = pin_problem(pin)
    if problem:
        sys.stderr.write(f"{problem} Nothing was printed; try again.\n")
        return ExitCode.FAILED
    sys.stdout.write(f'[staff]\npin_hash = "{hash_pin(pin)}"\n')
    sys.stderr.write(
        "Put these two lines in kiosk.toml (in place of any [staff] pin_hash there) and restart "
        "the kiosk. The PIN itself is not stored anywhere.\n"
    )
    return ExitCode.OK


def _read_pin_line() -> str:
    line = sys.stdin.readline(STDIN_LINE_MAX + 1)
    return line.removesuffix("\n").removesuffix("\r")


def _ask_pin_twice() -> str | None:
    try:
        first = getpass.getpass("New staff PIN: ")
        second = getpass.getpass("The same PIN again: ")
    except EOFError:
        sys.stderr.write("\nNo PIN was typed. Nothing was printed.\n")
        return None
    if first != second:
        sys.stderr.write("The two PINs are not the same. Nothing was printed; try again.\n")
        return None
    return first
