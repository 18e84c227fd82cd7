"""Qt-free check that a qtawesome icon name such as ``mdi6.bone`` exists.

Importing :mod:`qtawesome` imports Qt, which the content validator must not need. So the icon
names are read straight from the charmap JSON files qtawesome ships in its ``fonts`` folder,
located with :func:`importlib.util.find_spec` (which finds the package without importing it).

Only the prefixes in :data:`ICON_PREFIXES` are allowed on the kiosk. When qtawesome or its
charmap file for a prefix cannot be found or read, every *well-formed* name with that prefix is
accepted (the check degrades to a spelling check instead of failing the whole content folder).
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import threading
from pathlib import Path

ICON_PREFIXES: dict[str, str] = {
    "mdi6": "materialdesignicons6-webfont-charmap-",
    "fa6s": "fontawesome6-solid-webfont-charmap-",
    "fa6": "fontawesome6-regular-webfont-charmap-",
    "fa6b": "fontawesome6-brands-webfont-charmap-",
    "ph": "phosphor-charmap-",
}
"""Allowed icon prefixes -> the start of the name of their charmap file in qtawesome/fonts.

The matching font file has the same name without ``charmap-`` and ending ``.ttf``.
"""

# qtawesome's own naming. It looks like a page slug (kiosk.content.names) but follows the icon
# fonts, not the content's file names, so it is kept apart.
_NAME_RE = re.compile(r"(?P<prefix>[a-z0-9]+)\.(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)")


def split_icon_name(name: str) -> tuple[str, str] | None:
    """``"mdi6.bone"`` -> ``("mdi6", "bone")``; None when not well-formed or prefix not allowed."""
    match = _NAME_RE.fullmatch(name)
    if match is None or match["prefix"] not in ICON_PREFIXES:
        return None
    return match["prefix"], match["name"]


def qtawesome_fonts_dir() -> Path | None:
    """The ``fonts`` folder of the installed qtawesome package, found without importing it."""
    try:
        spec = importlib.util.find_spec("qtawesome")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        fonts = Path(location) / "fonts"
        if fonts.is_dir():
            return fonts
    return None


class IconCatalog:
    """Icon names per prefix, loaded lazily from a qtawesome ``fonts`` folder and cached.

    ``fonts_dir=None`` means "qtawesome not found": every well-formed name is accepted.
    """

    def __init__(self, fonts_dir: Path | None) -> None:
        self.fonts_dir = fonts_dir
        self._charmaps: dict[str, dict[str, int] | None] = {}
        self._lock = threading.Lock()

    def names(self, prefix: str) -> frozenset[str] | None:
        """All icon names of a prefix, or None when its charmap cannot be found or read."""
        charmap = self._charmap(prefix)
        return None if charmap is None else frozenset(charmap)

    def _charmap(self, prefix: str) -> dict[str, int] | None:
        with self._lock:
            if prefix not in self._charmaps:
                self._charmaps[prefix] = self._load(prefix)
            return self._charmaps[prefix]

    def _load(self, prefix: str) -> dict[str, int] | None:
        stem = ICON_PREFIXES.get(prefix)
        if stem is None or self.fonts_dir is None:
            return None
        charmap: dict[str, int] = {}
        found = False
        try:
            files = sorted(self.fonts_dir.glob(f"{stem}*.json"))
        except OSError:
            return None
        for file in files:
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                found = True
                for key, value in data.items():
                    try:
                        charmap[str(key)] = int(str(value), 16)
                    except ValueError:
                        continue
        return charmap if found else None

    def glyph(self, name: str) -> tuple[Path, int] | None:
        """The font file and code point that draw ``name``, or None if unknown/unavailable."""
        parts = split_icon_name(name)
        if parts is None or self.fonts_dir is None:
            return None
        prefix, short = parts
        charmap = self._charmap(prefix)
        if charmap is None or short not in charmap:
            return None
        stem = ICON_PREFIXES[prefix].replace("charmap-", "")
        fonts = sorted(self.fonts_dir.glob(f"{stem}*.ttf"))
        return (fonts[-1], charmap[short]) if fonts else None

    def exists(self, name: str) -> bool:
        """True when ``name`` is an allowed-prefix icon that qtawesome can draw."""
        parts = split_icon_name(name)
        if parts is None:
            return False
        prefix, short = parts
        known = self.names(prefix)
        return known is None or short in known

    def suggestion(self, name: str) -> str | None:
        """The closest existing icon name for a misspelt one, or None."""
        parts = split_icon_name(name)
        if parts is not None:
            prefix, short = parts
            candidates = [(prefix, short)]
        else:
            prefix_part, _, short = name.strip().lower().partition(".")
            if not short:
                return None
            candidates = [(p, short) for p in ICON_PREFIXES if p.startswith(prefix_part[:2])]
        for prefix, short in candidates:
            known = self.names(prefix)
            if not known:
                continue
            if short in known:
                return f"{prefix}.{short}"
            # Typos rarely change the first letter; filtering keeps this fast on big charmaps.
            same_start = [known_name for known_name in known if known_name[:1] == short[:1]]
            close = difflib.get_close_matches(short, same_start, n=1, cutoff=0.75)
            if close:
                return f"{prefix}.{close[0]}"
        return None


_default: IconCatalog | None = None
_default_lock = threading.Lock()


def default_catalog() -> IconCatalog:
    """The process-wide catalog reading the installed qtawesome's fonts (created once)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = IconCatalog(qtawesome_fonts_dir())
        return _default
