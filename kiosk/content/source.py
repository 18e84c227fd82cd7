"""Which content folder the kiosk shows, loaded with every problem logged for staff."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.config import Config
from kiosk.content.loader import load_library
from kiosk.content.model import Library
from kiosk.resources import bundled_content_dir

log = logging.getLogger(__name__)


def content_root(config: Config, override: Path | None = None) -> Path:
    """The content folder: command line, then config, then the bundled pages."""
    return override or config.content_dir or bundled_content_dir()


def load_content(root: Path) -> Library:
    """Load ``root``; each problem is logged as ``path:line: ...``. Never raises for bad
    content: a library with no usable page makes the kiosk show "out of service"."""
    library = load_library(root)
    for problem in library.problems:
        log.warning("content: %s", problem.format(root))
    if not library.usable:
        log.error("content: no page can be shown from %s; showing 'out of service'", root)
    return library
