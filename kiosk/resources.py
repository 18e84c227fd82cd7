"""One choke-point for the files the kiosk ships: fonts, translations, the bundled content.

The same relative names work in three layouts:

* a source checkout or editable install: ``<repo>/assets`` and ``<repo>/content``;
* an installed wheel: ``kiosk/_bundled/assets`` and ``kiosk/_bundled/content``;
* a PyInstaller bundle: ``<sys._MEIPASS>/assets`` and ``<sys._MEIPASS>/content``
  (the spec copies them there).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidate_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        roots.append(Path(frozen_root))
    roots.append(_PACKAGE_DIR / "_bundled")
    roots.append(_PACKAGE_DIR.parent)
    return roots


@cache
def _root_holding(top: str) -> Path:
    for root in _candidate_roots():
        if (root / top).is_dir():
            return root / top
    raise FileNotFoundError(f"the kiosk's own {top!r} folder is missing from this installation")


def _checked(name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"resource names are relative and stay inside the bundle: {name!r}")
    return relative


def asset_path(name: str) -> Path:
    """Absolute path of a file under ``assets/`` (``"fonts/OFL.txt"``)."""
    return _root_holding("assets") / _checked(name)


def bundled_content_dir() -> Path:
    """The content folder that ships with the kiosk, used when no other is configured."""
    return _root_holding("content")
