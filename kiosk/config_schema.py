"""The machinery behind the settings, knowing no setting by name.

* Rules with their wording for IT (:func:`between`, :func:`one_of`, :func:`matches`,
  :func:`each`) and :func:`setting`, which declares one setting as a dataclass field.
* :class:`Schema`: gathers every :class:`Option` from the settings dataclasses, reads parsed
  TOML into them -- converting each raw value, reporting a :class:`ConfigProblem` for a bad
  value or an unknown key (with the closest known name) -- and writes the generated texts:
  the commented default file and the Markdown reference table.
* Short, safe renderings of values for problem messages (:func:`show`) and the default file.

Types of a setting: ``bool``, ``int``, ``float``, ``str``, ``Path | None`` and
``tuple[str, ...]`` (a TOML array of strings, e.g. ``locations = ["Main clinic", "North"]``; see
:func:`each`); :data:`TYPE_TEXT` words each for IT.

:mod:`kiosk.config` declares the settings themselves and finds and reads the file.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Generic, TypeVar, get_type_hints

T = TypeVar("T")
R = TypeVar("R")

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
    """Declare a setting as the default of a field in a settings dataclass of :mod:`kiosk.config`.

    The field's metadata carries the description and rule for :class:`Schema` to gather.
    """
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


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """Something wrong in the config file; ``key`` is empty for the file as a whole."""

    key: str
    value_repr: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.key} = {self.value_repr}: {self.message}" if self.key else self.message


class Schema(Generic[R]):
    """Every setting declared in the settings dataclass ``root`` and the tables nested in it.

    A field whose type is a dataclass is a table (``[idle]``); every other field must be
    declared with :func:`setting`. Built once, at import of :mod:`kiosk.config`.
    """

    def __init__(self, root: type[R]) -> None:
        self.root = root
        self.tables: dict[str, type[Any]] = {"": root}
        """Dotted table name -> the dataclass holding its settings; ``""`` is the top level."""
        self.options: tuple[Option, ...] = tuple(self._gather(root, ""))
        """Every setting, in declaration order."""
        self.by_name: dict[str, Option] = {option.name: option for option in self.options}

    def _gather(self, cls: type[Any], prefix: str) -> Iterator[Option]:
        hints = get_type_hints(cls)
        for spec in dataclasses.fields(cls):
            name, hint = f"{prefix}{spec.name}", hints[spec.name]
            if isinstance(hint, type) and dataclasses.is_dataclass(hint):
                self.tables[name] = hint
                yield from self._gather(hint, f"{name}.")
                continue
            kind = Path if hint == Path | None else tuple if hint == tuple[str, ...] else hint
            if META not in spec.metadata or kind not in TYPE_TEXT:
                raise TypeError(
                    f"{name}: declare as bool|int|float|str|Path|None|tuple[str, ...] = setting()"
                )
            yield Option(name, kind, spec.default, *spec.metadata[META])

    # --- Reading ------------------------------------------------------------------------------

    def read(self, data: Mapping[str, object], base: Path, problems: list[ConfigProblem]) -> R:
        """``root`` built from parsed TOML, every bad key reported into ``problems``.

        A bad value gets its default; relative paths are resolved against ``base``.
        """
        config: R = self._read_table(data, "", base, problems)
        return config

    def _read_table(
        self, data: Mapping[str, object], table: str, base: Path, out: list[ConfigProblem]
    ) -> Any:
        kwargs: dict[str, object] = {}
        for key, raw in data.items():
            name = key_text(table, key)
            if name in self.by_name:
                kwargs[self.by_name[name].key] = _convert(self.by_name[name], raw, base, out)
            elif name in self.tables and isinstance(raw, dict):
                kwargs[name.rpartition(".")[2]] = self._read_table(raw, name, base, out)
            elif name in self.tables:
                why = f"must be a table [{name}]; using the defaults for its settings"
                out.append(ConfigProblem(name, show(raw), "a table", why))
            else:
                out.append(self._unknown(name, raw))
        return self.tables[table](**kwargs)

    def _unknown(self, name: str, raw: object) -> ConfigProblem:
        kind = "table" if isinstance(raw, dict) else "setting"
        names = [table for table in self.tables if table] if kind == "table" else list(self.by_name)
        close = difflib.get_close_matches(name[:100], names, n=1)
        hint = (
            f"; did you mean {f'[{close[0]}]' if kind == 'table' else close[0]}?" if close else ""
        )
        return ConfigProblem(name, show(raw), f"a known {kind}", f"unknown {kind}, ignored{hint}")

    # --- Generated text -----------------------------------------------------------------------

    def defaults_toml(self, header: str) -> str:
        """A config file listing every setting at its default, each with its description and
        rule as comments, under the comment ``header``; it parses to the defaults."""
        lines = comment(header)
        for table, cls in self.tables.items():
            if table:
                lines += ["", "", *comment((cls.__doc__ or "").strip()), f"[{table}]"]
            for option in (option for option in self.options if option.table == table):
                allowed = f"Allowed: {option.rule_text}. Default: {toml_value(option.default)}."
                lines += ["", *comment(option.description), *comment(allowed)]
                lines.append(f"{option.key} = {toml_value(option.default)}")
        return "\n".join(lines) + "\n"

    def reference_markdown(self) -> str:
        """A Markdown table of every setting for the IT documentation."""
        rows = ["| Setting | Allowed values | Default | Description |", "|---|---|---|---|"]
        for option in self.options:
            default = f"`{toml_value(option.default)}`"
            cells = (f"`{option.name}`", option.rule_text, default, option.description)
            rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        return "\n".join(rows) + "\n"


def _convert(option: Option, raw: object, base: Path, problems: list[ConfigProblem]) -> object:
    """``raw`` as the option's value; if unusable, a problem naming the rule, and the default."""
    broken = TYPE_TEXT[option.type]
    try:
        value = _coerce(option.type, raw, base)
        if option.rule is None or option.rule.test(value):
            return value
        broken = option.rule.text
    except (TypeError, ValueError, ArithmeticError, RuntimeError):  # RuntimeError: no home for ~
        pass
    using = "the default" if option.default is None else toml_value(option.default)
    problems.append(
        ConfigProblem(option.name, show(raw), broken, f"must be {broken}; using {using}")
    )
    return option.default


def _coerce(kind: type, raw: object, base: Path) -> object:
    """``raw`` as a value of ``kind``, or TypeError. TOML ``true`` is not a number."""
    if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    if kind is Path and isinstance(raw, str) and "\0" not in raw:
        path = Path(raw).expanduser()
        return None if not raw.strip() else path if path.is_absolute() else base / path
    if kind is tuple and isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        return tuple(raw)
    if kind is not Path and isinstance(raw, kind) and isinstance(raw, bool) == (kind is bool):
        return raw
    raise TypeError(kind)


# --- Renderings -----------------------------------------------------------------------------


def key_text(table: str, key: object) -> str:
    """The dotted name of ``key`` in ``table`` for messages; odd keys quoted, long ones cut."""
    text = str(key)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        text = json.dumps(text[:SHORT], ensure_ascii=False)
    return truncate(f"{table}.{text}" if table else text)


def truncate(text: str) -> str:
    """``text`` cut to :data:`SHORT` characters, ending ``...`` when cut."""
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
    """``value`` written as TOML (``None``, an empty path, as ``""``)."""
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
    """``text`` as ``# `` comment lines wrapped to 96 characters."""
    return textwrap.wrap(
        text, 96, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False
    )
