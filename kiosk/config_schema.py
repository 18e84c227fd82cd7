"""The machinery behind the settings: rules with their wording, one declaration per setting,
and short, safe renderings of values for problem messages and the generated default file.

:mod:`kiosk.config` holds the declarations themselves; nothing here knows about a setting.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SHORT = 60
"""Values in messages are cut to this many characters: a problem line never dumps a file."""
META = "kiosk.setting"
"""Dataclass field metadata key carrying (description, rule)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A constraint on a value of the right type, with its wording for IT."""

    text: str
    """Completes "must be ...", e.g. ``between 10 and 3600``."""
    test: Callable[[Any], bool]


def between(low: float, high: float) -> Rule:
    """Inclusive bounds for a number."""
    return Rule(f"between {low} and {high}", lambda value: low <= value <= high)


def one_of(*allowed: str) -> Rule:
    """A fixed set of words."""
    return Rule("one of " + ", ".join(map(json.dumps, allowed)), lambda value: value in allowed)


def matches(pattern: str, explanation: str) -> Rule:
    """Text matching ``pattern`` in full; ``explanation`` says it in words."""
    regex = re.compile(pattern)
    return Rule(f"{explanation} (matching {pattern})", lambda v: regex.fullmatch(v) is not None)


def each(rule: Rule, *, non_empty: bool = True) -> Rule:
    """A list whose every item obeys ``rule`` (and which has at least one item)."""
    text = ("at least one, each " if non_empty else "each ") + rule.text

    def test(value: Any) -> bool:
        return (bool(value) or not non_empty) and all(rule.test(item) for item in value)

    return Rule(text, test)


def setting(default: T, description: str, rule: Rule | None = None) -> T:
    """Declare a setting as the default of a field in one of the dataclasses below."""
    return field(default=default, metadata={META: (description, rule)})


TYPE_TEXT: dict[type, str] = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "text in quotes",
    Path: 'a file or folder path in quotes, or "" for the default',
    tuple: 'a list of texts in quotes such as ["a", "b"]',
}


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: dotted TOML name, value type, default, description for IT and rule."""

    name: str
    type: type
    default: object
    description: str
    rule: Rule | None = None

    @property
    def table(self) -> str:
        """The dotted name of the TOML table holding this key; ``""`` for the top level."""
        return self.name.rpartition(".")[0]

    @property
    def key(self) -> str:
        """The key inside its table."""
        return self.name.rpartition(".")[2]

    @property
    def rule_text(self) -> str:
        """Type and rule in words, e.g. ``a whole number, between 10 and 3600``."""
        kind = TYPE_TEXT[self.type]
        return kind if self.rule is None else f"{kind}, {self.rule.text}"


def key_text(table: str, key: object) -> str:
    text = str(key)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        text = json.dumps(text[:SHORT], ensure_ascii=False)
    return truncate(f"{table}.{text}" if table else text)


def truncate(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 3] + "..."


def show(value: object) -> str:
    """A short TOML-like rendering of ``value`` for problem messages; never a huge dump."""
    return truncate(_render(value, 0))


def _render(value: object, depth: int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value[: SHORT + 1], ensure_ascii=False)
    if isinstance(value, int) and value.bit_length() > 128:
        return "a very large number"
    if isinstance(value, dict):
        items = [
            f"{key_text('', k)} = {_render(v, depth + 1)}" for k, v in islice(value.items(), 4)
        ]
        return "{}" if not value else "{...}" if depth > 1 else _join("{ ", items, len(value), " }")
    if isinstance(value, list):
        items = [_render(item, depth + 1) for item in value[:4]]
        return "[]" if not value else "[...]" if depth > 1 else _join("[", items, len(value), "]")
    return str(value)  # numbers, dates and times


def _join(opening: str, items: list[str], count: int, closing: str) -> str:
    return opening + ", ".join(items + (["..."] if count > len(items) else [])) + closing


def toml_value(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | Path):
        return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return repr(value)


def comment(text: str) -> list[str]:
    return textwrap.wrap(
        text, 96, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False
    )
