"""The ``kiosk inbox`` actions. Each returns an exit code: OK, FAILED (no key, a wrong key, a
folder or file that cannot be used, a reference not found) or USAGE (a missing folder option,
a reference that is not one). Words are for front-desk staff; no stack traces."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import uuid
from pathlib import Path
from typing import TextIO

from kiosk.exit_codes import ExitCode
from kiosk.inbox import folder as drop_folder
from kiosk.inbox import words
from kiosk.inbox.arguments import FOLDER_ENV, KEY_ENV
from kiosk.inbox.folder import FolderProblem, Item, Scan
from kiosk.inbox.keys import ClinicKey, KeyProblem, load_key, new_key, recipient_line
from kiosk.visit.drop import HANDLED_FOLDER

PROBLEMS_SHOWN = 20
"""Problem files named one by one in ``list``; more are counted."""


class Output:
    """Lines to staff: never fails on a character the console cannot show."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err

    @staticmethod
    def _write(stream: TextIO, line: str) -> None:
        try:
            stream.write(line + "\n")
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "ascii"
            stream.write(line.encode(encoding, "replace").decode(encoding) + "\n")

    def say(self, line: str = "") -> None:
        self._write(self.out, line)

    def problem(self, line: str) -> None:
        self._write(self.err, line)


def _folder(args: argparse.Namespace) -> Path | None:
    given = getattr(args, "folder", None) or os.environ.get(FOLDER_ENV, "")
    return Path(given).expanduser() if str(given).strip() else None


def _key(args: argparse.Namespace, say: Output) -> ClinicKey:
    key = load_key(getattr(args, "key", None) or os.environ.get(KEY_ENV))
    if key.warning:
        say.problem(key.warning)
    return key


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def _wrong_key_text(scan: Scan, folder: Path) -> str:
    sealed = sum(1 for item in scan.items if item.wrong_key)
    return (
        f"None of the {_count(sealed, 'sealed request')} in {folder} opens with this key. "
        "Is it the clinic's private key for this folder (the one whose public line is in the "
        "kiosk's settings)?"
    )


def _problem_lines(problems: list[Item], say: Output) -> None:
    if not problems:
        return
    say.say()
    say.say(f"{_count(len(problems), 'file')} cannot be opened:")
    for item in problems[:PROBLEMS_SHOWN]:
        say.say(f"  {words.file_name(item)}: {item.problem}.")
    if len(problems) > PROBLEMS_SHOWN:
        say.say(f"  ... and {len(problems) - PROBLEMS_SHOWN:,} more.")
    say.say("  See 'If a file cannot be opened' in the front-desk guide.")


def _capped_line(scan: Scan, say: Output) -> None:
    if scan.capped:
        say.say()
        say.say(
            f"Only the oldest {scan.read:,} of {scan.files:,} files were read. Mark these "
            "handled (kiosk inbox done) to see the rest."
        )


def list_requests(args: argparse.Namespace, say: Output) -> int:
    folder = _folder(args)
    assert folder is not None
    key = _key(args, say)
    scan = drop_folder.scan(folder, key.identities)
    handled = drop_folder.count_files(folder / HANDLED_FOLDER)
    requests = scan.requests
    if requests:
        say.say(f"New visit requests in {folder}: {len(requests):,}, oldest first.")
        say.say()
        for line in words.table([words.list_row(item) for item in requests], words.LIST_HEADINGS):
            say.say(line)
    else:
        say.say(f"No new visit requests in {folder}.")
    _problem_lines(scan.problems, say)
    _capped_line(scan, say)
    say.say()
    say.say(f"{_count(handled, 'request')} marked handled (in {folder / HANDLED_FOLDER}).")
    if requests:
        say.say("To see one: kiosk inbox show REF. When it is dealt with: kiosk inbox done REF.")
    if scan.only_wrong_key:
        say.problem(_wrong_key_text(scan, folder))
        return ExitCode.FAILED
    return ExitCode.OK


def _reference(text: str, say: Output) -> tuple[str, uuid.UUID | None] | None:
    parsed = drop_folder.parse_reference(text)
    if parsed is None:
        say.problem(
            f"'{words.clean(text, 60)}' is not a reference. A reference looks like 1A2-B3C "
            "(the patient's code, also in the list), or the full request number."
        )
    return parsed


def _find_one(folder: Path, key: ClinicKey, text: str, say: Output) -> tuple[int, list[Item]]:
    """The files of the one request ``text`` names, or an exit code and a message."""
    parsed = _reference(text, say)
    if parsed is None:
        return ExitCode.USAGE, []
    reference, full = parsed
    found, capped = drop_folder.find(folder, key.identities, reference, full)
    ids = {item.request.id for item in found if item.request is not None}
    if not found:
        more = " (only the oldest files were searched: see kiosk inbox list)" if capped else ""
        say.problem(f"No request {reference} in {folder}{more}.")
        return ExitCode.FAILED, []
    if len(ids) > 1:
        say.problem(
            f"{reference} is the reference of {len(ids)} requests. Use the request number instead:"
        )
        for item in found:
            assert item.request is not None
            say.problem(
                f"  {item.request.id}  received {words.received(item.request)}  "
                f"{words.clean(item.request.name, words.NAME_WIDTH)}"
            )
        return ExitCode.FAILED, []
    return ExitCode.OK, found


def show(args: argparse.Namespace, say: Output) -> int:
    folder = _folder(args)
    assert folder is not None
    key = _key(args, say)
    code, found = _find_one(folder, key, args.reference, say)
    if code != ExitCode.OK:
        return code
    first = found[0]
    assert first.request is not None
    say.say(f"Visit request {first.request.reference}")
    for line in words.detail_lines(first):
        say.say(line)
    for other in found[1:]:
        say.say(f"  Also in: {words.file_name(other)} ({words.status(other)})")
    return ExitCode.OK


def done(args: argparse.Namespace, say: Output) -> int:
    folder = _folder(args)
    assert folder is not None
    key = _key(args, say)
    worst = ExitCode.OK
    for text in args.references:
        code, found = _find_one(folder, key, text, say)
        if code != ExitCode.OK:
            worst = max(worst, ExitCode(code))
            continue
        request = found[0].request
        assert request is not None
        waiting = [item for item in found if not item.handled]
        if not waiting:
            say.say(f"{request.reference} was already marked handled.")
            continue
        try:
            for item in waiting:
                drop_folder.mark_handled(item)
        except OSError as error:
            say.problem(
                f"{request.reference} could not be moved to {folder / HANDLED_FOLDER} "
                f"({error.strerror}). Nothing was deleted."
            )
            worst = ExitCode.FAILED
            continue
        say.say(
            f"{request.reference} marked handled ({words.clean(request.name, words.NAME_WIDTH)})."
        )
    return worst


def export(args: argparse.Namespace, say: Output) -> int:
    folder = _folder(args)
    assert folder is not None
    key = _key(args, say)
    scans = [drop_folder.scan(folder, key.identities)]
    if args.all:
        scans.append(drop_folder.scan(folder, key.identities, handled=True))
    items = [item for scan in scans for item in scan.requests]
    if not items and any(scan.only_wrong_key for scan in scans):
        say.problem(_wrong_key_text(scans[0], folder))
        return ExitCode.FAILED
    target: Path = args.csv
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, 0o600)
    except FileExistsError:
        say.problem(f"{target} already exists. Choose a new file name (nothing was written).")
        return ExitCode.FAILED
    except OSError as error:
        say.problem(f"{target} cannot be created ({error.strerror}).")
        return ExitCode.FAILED
    try:
        # utf-8-sig: spreadsheet programs then read accents (Spanish names) correctly.
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(words.CSV_HEADINGS)
            for item in items:
                writer.writerow(words.csv_row(item))
    except OSError as error:
        target.unlink(missing_ok=True)
        say.problem(f"{target} could not be written ({error.strerror}); it was removed.")
        return ExitCode.FAILED
    kind = "new and handled" if args.all else "new"
    say.say(f"Wrote {_count(len(items), kind + ' request')} to {target}.")
    for scan in scans:
        _problem_lines(scan.problems, say)
        _capped_line(scan, say)
    return ExitCode.OK


def make_key(args: argparse.Namespace, say: Output) -> int:
    public = new_key(args.out)
    say.say(f"Wrote the clinic's private key to {args.out}.")
    say.say(
        "Keep it safe and keep a backup copy (for example on a USB stick in a locked drawer): "
        "without it the sealed requests cannot be read. Never give it to anyone, not even IT."
    )
    say.say()
    say.say("Give IT this line for the kiosk's settings (kiosk.toml, section [delivery]):")
    say.say()
    say.say(recipient_line(public))
    return ExitCode.OK


def public_key(args: argparse.Namespace, say: Output) -> int:
    key = _key(args, say)
    say.say("The line for the kiosk's settings (kiosk.toml, section [delivery]):")
    for public in key.public_keys:
        say.say(recipient_line(public))
    return ExitCode.OK


ACTIONS = {
    "list": list_requests,
    "show": show,
    "export": export,
    "done": done,
    "new-key": make_key,
    "public-key": public_key,
}
NEEDS_FOLDER = ("list", "show", "export", "done")


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    say = Output(out or sys.stdout, err or sys.stderr)
    action = getattr(args, "inbox_command", None) or "list"
    if action in NEEDS_FOLDER and _folder(args) is None:
        say.problem(
            "No folder given. Use --folder DIR (the drop folder the kiosk writes to), "
            f"or set {FOLDER_ENV}."
        )
        return ExitCode.USAGE
    try:
        return ACTIONS[action](args, say)
    except (KeyProblem, FolderProblem) as problem:
        say.problem(str(problem))
        return ExitCode.FAILED
