"""The first start-up steps, Qt-free: which settings apply, and which data folder is used."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config, load_config, resolve_config_path

log = logging.getLogger("kiosk")


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in force and how many problems the file had (each one logged)."""

    config: Config
    problems: int


def load_settings(args: argparse.Namespace) -> Settings:
    """Read the settings file the command line and environment point to; ``--lang`` wins over
    the file's default language. A bad file never stops the kiosk: its problems are logged."""
    result = load_config(resolve_config_path(getattr(args, "config", None), os.environ))
    if result.source is not None:
        log.info("config: reading %s", result.source)
    for problem in result.problems:
        log.warning("config: %s", problem)
    config = result.config
    if getattr(args, "lang", None):
        config = dataclasses.replace(config, default_language=args.lang)
    return Settings(config, len(result.problems))


def prepare_data_dir(preferred: Path) -> Path:
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
