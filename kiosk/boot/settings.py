"""The first start-up steps, Qt-free: which settings apply, and which data folder is used."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import APP_DIR_NAME, Config, load_config, platform_data_dir, resolve_config_path
from kiosk.config_delivery import delivery_warnings

log = logging.getLogger("kiosk")


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in force, the file they came from and its problems (each one logged)."""

    config: Config
    source: Path | None = None
    """The settings file read (None: none was found, every setting at its default)."""
    problem_texts: tuple[str, ...] = ()
    """Each problem of the file in plain words, as ``kiosk config check`` prints it."""

    @property
    def problems(self) -> int:
        return len(self.problem_texts)


def load_settings(args: argparse.Namespace) -> Settings:
    """Read the settings file the command line and environment point to; ``--lang`` wins over
    the file's default language. A bad file never stops the kiosk: its problems are logged."""
    result = load_config(resolve_config_path(getattr(args, "config", None), os.environ))
    if result.source is not None:
        log.info("config: reading %s", result.source)
    for problem in result.problems:
        log.warning("config: %s", problem)
    for warning in delivery_warnings(result.config.delivery):
        log.warning("config: %s", warning.removeprefix("warning: "))
    config = result.config
    if getattr(args, "lang", None):
        config = dataclasses.replace(config, default_language=args.lang)
    texts = tuple(str(problem) for problem in result.problems)
    return Settings(config, result.source, texts)


@dataclass(frozen=True, slots=True)
class DataDir:
    """The data folder in use, and why it is not the configured one (empty when it is)."""

    path: Path
    problem: str = ""


def prepare_data_dir(preferred: Path, environ: Mapping[str, str] | None = None) -> DataDir:
    """The data folder, created private (0700) if needed.

    When ``preferred`` cannot be used, the kiosk falls back only to a folder that is private to
    its own account: the platform's per-user data folder, then ``<temp>/hip-kiosk-<uid>``. A
    fallback that exists but belongs to another account, or that others can open, is refused
    (another user could read a request there or swap the key). The last resort is a new
    private temporary folder. Each step is logged; :attr:`DataDir.problem` says what happened,
    for status.json and the metrics.
    """
    environ = os.environ if environ is None else environ
    why = _unusable(preferred)
    if not why:
        return DataDir(preferred)
    problem = f"the data folder {preferred} cannot be used ({why})"
    candidates = [platform_data_dir(environ), Path(tempfile.gettempdir()) / _per_user_name()]
    for candidate in candidates:
        if candidate == preferred:
            continue
        refused = _unusable(candidate)
        if not refused:
            log.error("%s; using %s until this is fixed", problem, candidate)
            return DataDir(candidate, f"{problem}; using {candidate}")
        log.warning("fallback data folder %s refused (%s)", candidate, refused)
    scratch = Path(tempfile.mkdtemp(prefix=f"{APP_DIR_NAME}-"))  # 0700, new, ours
    (scratch / "logs").mkdir(exist_ok=True)
    log.error("%s; using the temporary folder %s until this is fixed", problem, scratch)
    return DataDir(scratch, f"{problem}; using the temporary folder {scratch}")


def _per_user_name() -> str:
    uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return f"{APP_DIR_NAME}-{uid}"


def _unusable(folder: Path) -> str:
    """Why ``folder`` cannot be the data folder ("" when it can); creates it (0700) if missing."""
    try:
        if folder.exists() and not folder.is_dir():
            return "it is a file, not a folder"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            info = os.stat(folder, follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode):
                return "it is not a folder"
            if info.st_uid != os.geteuid():
                return "it belongs to another account"
            if info.st_mode & 0o077:
                os.chmod(folder, 0o700)
                log.warning("data folder %s was open to other accounts; made it private", folder)
        (folder / "logs").mkdir(mode=0o700, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        return error.strerror or type(error).__name__
    return ""
