"""The ``kiosk inbox`` command line, apart from its work so that building ``kiosk --help``
loads no cryptography (the table in :mod:`kiosk.cli` calls :func:`add_arguments`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

KEY_ENV = "KIOSK_INBOX_KEY"
"""The private key file's path (or the key itself) when --key is not given."""
FOLDER_ENV = "KIOSK_INBOX_FOLDER"
"""The drop folder when --folder is not given."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``kiosk inbox`` command line (for the table in :mod:`kiosk.cli`)."""

    def common(sub: argparse.ArgumentParser, default: Any) -> None:
        sub.add_argument(
            "--key",
            metavar="FILE",
            default=default,
            help=f"the clinic's private key file (default: ${KEY_ENV})",
        )
        sub.add_argument(
            "--folder",
            metavar="DIR",
            default=default,
            help=f"the drop folder the kiosk writes to (default: ${FOLDER_ENV})",
        )

    common(parser, None)
    actions = parser.add_subparsers(dest="inbox_command", metavar="ACTION")

    def action(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=summary, description=description)
        # SUPPRESS: an option given before the action is not reset by the action's default.
        common(sub, argparse.SUPPRESS)
        return sub

    action(
        "list",
        "new requests, oldest first (the default)",
        "New visit requests in the drop folder, oldest first, and how many are handled. "
        "Files that cannot be opened are named, each with the reason.",
    )
    one = action("show", "every detail of one request", "Every detail of one request.")
    one.add_argument("reference", metavar="REF", help="the reference (1A2-B3C) or request number")
    sheet = action(
        "export",
        "write new requests to a CSV file for a spreadsheet",
        "Write the new requests (all with --all) to a new CSV file, readable only by you.",
    )
    sheet.add_argument("--csv", type=Path, metavar="FILE", required=True, help="file to create")
    sheet.add_argument("--all", action="store_true", help="handled requests too")
    handled = action(
        "done",
        "mark requests handled (moved to handled/, never deleted)",
        "Mark requests handled: each file moves to the folder's handled/ folder, so the list "
        "shows only new ones. Nothing is deleted; marking one twice is fine.",
    )
    handled.add_argument(
        "references", nargs="+", metavar="REF", help="references (1A2-B3C) or request numbers"
    )
    keygen = actions.add_parser(
        "new-key",
        help="make the clinic's key pair (once)",
        description="Write a new private key to FILE (never over an existing file) and print "
        "the public line IT puts in the kiosk's settings. Keep the private key safe and backed "
        "up: without it the sealed requests cannot be read.",
    )
    keygen.add_argument("--out", type=Path, metavar="FILE", required=True, help="file to create")
    again = actions.add_parser(
        "public-key",
        help="print the public line for a private key again",
        description="Print the kiosk settings line (folder_recipient) for a private key file.",
    )
    again.add_argument(
        "--key",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=f"the clinic's private key file (default: ${KEY_ENV})",
    )
