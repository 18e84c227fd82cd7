"""The shapes of names in the content folder, each written once: slugs and language codes.

A slug names a page (``03-hip-joint.md`` -> ``hip-joint``, linked as ``page:hip-joint``) or a
chapter in ``deck.yml``. A language code names a language folder (``en``, ``pt-BR``) and the
language the kiosk shows first (``default_language`` in the settings).

The patterns are plain text without anchors, so they can be built into bigger ones (the page
file name, the ``page:`` link); test a whole name with ``fullmatch`` or the functions below.
"""

from __future__ import annotations

import re

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""Lower-case letters and digits, in words joined by single dashes: ``hip-joint``."""

LANGUAGE_PATTERN = r"[a-z]{2,3}(-[A-Za-z0-9]+)?"
"""A language code: two or three lower-case letters, optionally a dash and a region or script
(``en``, ``es``, ``pt-BR``)."""

_SLUG_RE = re.compile(SLUG_PATTERN)
_LANGUAGE_RE = re.compile(LANGUAGE_PATTERN)


def is_slug(value: object) -> bool:
    """True for a text that is a slug in full (``hip-joint``; not ``Hip``, ``a--b``, ``-a``)."""
    return isinstance(value, str) and _SLUG_RE.fullmatch(value) is not None


def is_language_code(value: object) -> bool:
    """True for a text that is a language code in full (``en``, ``pt-BR``; not ``EN``)."""
    return isinstance(value, str) and _LANGUAGE_RE.fullmatch(value) is not None
