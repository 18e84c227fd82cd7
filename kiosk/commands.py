"""The staff and IT commands that need no window: ``validate``, ``outbox status``,
``config defaults|check`` and ``inbox``. Each takes the parsed command line and returns an exit
code; the work itself lives in the Qt-free core and is imported only when its command runs."""

from __future__ import annotations

import argparse
import logging
import sys

from kiosk.exit_codes import ExitCode


def validate(args: argparse.Namespace) -> int:
    """Check DIR, or the folder the kiosk shows (the settings file's ``content_dir``, else the
    bundled pages); the first line says which and why. A settings file that cannot say which
    folder that is: its problems on stderr and exit code ``SETTINGS_UNUSABLE``."""
    from kiosk.content.validate import (
        SETTINGS_UNUSABLE,
        SettingsTrouble,
        choose_folder,
        validate_command,
        write_line,
    )

    try:
        target = choose_folder(args.directory, args.config)
    except SettingsTrouble as trouble:
        for line in str(trouble).splitlines():
            write_line(sys.stderr, line)
        return SETTINGS_UNUSABLE
    for note in target.notes:
        write_line(sys.stderr, note)
    return validate_command(target.root, sys.stdout, heading=target.heading)


def outbox(args: argparse.Namespace) -> int:
    from kiosk.boot.logs import log_to_console
    from kiosk.boot.settings import load_settings
    from kiosk.visit.status import outbox_status_command

    log_to_console(logging.WARNING)
    config = load_settings(args).config
    data_dir = args.data_dir or config.effective_data_dir()
    return outbox_status_command(data_dir, sys.stdout, as_json=args.json)


def config(args: argparse.Namespace) -> int:
    from kiosk.config import defaults_toml, load_config
    from kiosk.config_delivery import delivery_warnings

    if args.config_command == "defaults":
        sys.stdout.write(defaults_toml())
        return ExitCode.OK
    result = load_config(args.file)
    for problem in result.problems:
        print(problem)
    for warning in delivery_warnings(result.config.delivery):
        print(warning)  # a warning alone does not fail the check
    count = len(result.problems)
    if count:
        print(
            f"{args.file}: {count} problem{'s' * (count != 1)}; the kiosk would use the "
            "default for each bad value"
        )
        return ExitCode.FAILED
    print(f"{args.file}: no problems")
    return ExitCode.OK


def inbox(args: argparse.Namespace) -> int:
    from kiosk.inbox.command import run

    return run(args)
