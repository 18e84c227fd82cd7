"""Where the kiosk's log lines go: the console from the first step, then a rotated file in the
data folder, with Qt's own warnings routed into the same log instead of a console nobody reads.

The kiosk logs no patient data (requests appear by id only), so these files may be read by
staff and IT.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt loads only for the commands that show a window
    from PySide6.QtCore import QMessageLogContext, QtMsgType

log = logging.getLogger("kiosk")
qt_log = logging.getLogger("qt")

FORMAT = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
LOG_FILE_BYTES = 2_000_000
LOG_FILE_BACKUPS = 5
QUIET_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)
"""Harmless notices of the offscreen platform (self-test, tests) kept out of the logs."""


def log_to_console(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setFormatter(FORMAT)
    root.addHandler(console)


def log_to_file(data_dir: Path) -> None:
    """Also log to ``<data_dir>/logs/kiosk.log`` (rotated); console only if it cannot be."""
    try:
        handler = logging.handlers.RotatingFileHandler(
            data_dir / "logs" / "kiosk.log",
            maxBytes=LOG_FILE_BYTES,
            backupCount=LOG_FILE_BACKUPS,
            encoding="utf-8",
        )
    except OSError as error:
        log.warning("cannot write logs to %s (%s); logging to the console only", data_dir, error)
        return
    handler.setFormatter(FORMAT)
    logging.getLogger().addHandler(handler)


def route_qt_messages() -> None:
    """Send Qt's own warnings into our log."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message not in QUIET_QT_MESSAGES:
            qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
