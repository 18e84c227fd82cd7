"""Reading content files safely: size and UTF-8 checks, the ``---`` front matter, and YAML.

Everything here turns hostile or broken input into a :class:`ContentFileError` or a list of
:class:`~kiosk.content.model.Problem` with the right file line; nothing raises past the caller.
YAML is read with the safe loader only (the C one when available and the text is not deeply
nested, since libyaml recurses on the C stack), one value at a time so a bad value is reported
at its own line. Before any value is built, the composed node graph is checked against the
limits of :mod:`kiosk.content.limits` (aliases, expanded size, depth; see
:func:`graph_problem`), so a 1 KB alias or merge-key bomb is refused in microseconds instead of
expanding to millions of values.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from kiosk.content.limits import (
    MAX_FILE_BYTES,
    MAX_YAML_ALIASES,
    MAX_YAML_BRACKETS,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
)
from kiosk.content.model import Problem, Severity

_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_MAX_LINE_FOR_C = 1000


class ContentFileError(Exception):
    """A file that cannot be used at all; carries the 1-based line and a message for staff."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def too_big_message(size: int) -> str:
    """What staff read about a content file over :data:`MAX_FILE_BYTES` (``size`` bytes)."""
    del size  # the size read is only a lower bound: say the limit, not a wrong size
    return (
        f"the file is larger than {MAX_FILE_BYTES // 1024} KiB: "
        "split it into smaller pages or shrink it"
    )


def read_content_file(path: Path) -> str:
    """The text of a UTF-8 content file with line endings normalised to ``\\n``.

    Raises :class:`ContentFileError` when the file is too big, unreadable or not UTF-8
    (at the line of the first bad byte).
    """
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "it cannot be opened"
        raise ContentFileError(1, f"the file cannot be read ({reason})") from error
    if len(data) > MAX_FILE_BYTES:
        raise ContentFileError(1, too_big_message(len(data)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentFileError(
            line,
            "the file is not saved as UTF-8 text (bad character on this line): "
            'save it again with the encoding "UTF-8"',
        ) from error
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A page file split into its settings block and its Markdown body."""

    yaml_text: str
    yaml_first_line: int
    """File line of the first settings line (2: right after the opening ``---``)."""
    closing_line: int
    """File line of the closing ``---``."""
    body: str
    body_first_line: int


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---`` / settings / ``---`` / body; raise :class:`ContentFileError` if malformed."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise ContentFileError(
            1,
            'the page must start with a line "---", then its settings (title, icon, ...), '
            'then another "---" line, then the text',
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]),
                yaml_first_line=2,
                closing_line=index + 1,
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    raise ContentFileError(
        1,
        'the settings block that starts with "---" on line 1 is never closed: '
        'add a line with only "---" after the last setting',
    )


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Placeholder for a YAML value that could not be turned into data."""

    reason: str


@dataclass(frozen=True, slots=True)
class Field:
    """One known setting: its value (or :class:`Unreadable`), file line and YAML node."""

    value: object
    line: int
    node: yaml.Node


@dataclass(slots=True)
class Settings:
    """The known settings of a YAML mapping, or ``fields=None`` when it could not be read."""

    fields: dict[str, Field] | None
    problems: list[Problem]


def _pick_loader(text: str) -> type[yaml.SafeLoader]:
    """libyaml when nesting is surely shallow (it recurses on the C stack), else pure Python.

    Nesting depth is at most the number of brackets (checked by the caller) plus the longest
    line (each block level needs one more column of indentation or a "- " on the line).
    """
    if _FAST_LOADER is None:
        return yaml.SafeLoader
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > _MAX_LINE_FOR_C:
        return yaml.SafeLoader  # pure Python: deep nesting ends in a catchable RecursionError
    return _FAST_LOADER


def _yaml_error_line(error: BaseException, text: str, first_line: int) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None and isinstance(getattr(mark, "line", None), int):
        return first_line + int(mark.line)
    position = getattr(error, "position", None)
    if isinstance(position, int):
        return first_line + text[:position].count("\n")
    return first_line


def _yaml_reason(error: BaseException) -> str:
    problem = getattr(error, "problem", None)
    if isinstance(problem, str) and problem:
        return problem[:120]
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    return "it is not valid YAML"


def _value_reason(error: BaseException) -> str:
    if isinstance(error, yaml.constructor.ConstructorError):
        problem = str(getattr(error, "problem", "") or "")
        if "tag" in problem:
            return "it uses a special YAML tag (starting with !), which is not allowed"
        if "recursive" in problem:
            return "it refers to itself"
        return "it is not a plain value"
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    if isinstance(error, ValueError | OverflowError):
        return "it is not a valid value (for a date, check that the day exists)"
    return "it cannot be read"


class _GraphTooBig(Exception):
    """Raised inside :func:`graph_problem`'s walk to stop at the first limit reached."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def graph_problem(node: yaml.Node) -> tuple[int, str] | None:
    """``(0-based line, reason)`` when a composed YAML graph breaks a limit, else None.

    Counts, in one pass over the graph as composed (aliases are shared nodes, nothing is
    copied), the aliases (a node reached a second time), the values the document would expand
    to once built, and the nesting depth. Time and memory are linear in the text, however
    much the aliases would expand.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    aliases = 0

    def walk(current: yaml.Node, depth: int) -> int:
        nonlocal aliases
        key = id(current)
        line = int(current.start_mark.line)
        if key in sizes or key in on_path:
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise _GraphTooBig(
                    line,
                    f"it uses more than {MAX_YAML_ALIASES} YAML aliases (* or <<: *): "
                    "write each value out in full",
                )
            return sizes.get(key, 1)
        if depth > MAX_YAML_DEPTH:
            raise _GraphTooBig(
                line,
                f"it is nested more than {MAX_YAML_DEPTH} levels deep: "
                "write each setting as a simple name: value line",
            )
        on_path.add(key)
        total = 1
        children: list[yaml.Node] = []
        if isinstance(current, yaml.SequenceNode):
            children = list(current.value)
        elif isinstance(current, yaml.MappingNode):
            children = [part for pair in current.value for part in pair]
        for child in children:
            total += walk(child, depth + 1)
            if total > MAX_YAML_NODES:
                raise _GraphTooBig(
                    line,
                    f"it would expand to more than {MAX_YAML_NODES} values (YAML aliases "
                    "repeated inside each other): write each value out in full",
                )
        on_path.discard(key)
        sizes[key] = total
        return total

    try:
        walk(node, 0)
    except _GraphTooBig as too_big:
        return too_big.line, too_big.reason
    return None


def parse_settings(
    text: str,
    *,
    path: Path,
    first_line: int,
    known: Collection[str],
    what: str,
    max_chars: int,
) -> Settings:
    """Read a YAML mapping; construct only the ``known`` keys, warn about the others.

    ``first_line`` is the file line of the YAML text's first line; ``what`` names the block in
    messages (e.g. ``"the settings between the --- lines"``); a text longer than ``max_chars``
    is refused unread. The node graph is checked (:func:`graph_problem`) before any value is
    built, so alias bombs are refused in bounded time and memory.
    """
    problems: list[Problem] = []

    def error(line: int, message: str) -> Settings:
        problems.append(Problem(path, line, Severity.ERROR, message))
        return Settings(None, problems)

    if len(text) > max_chars:
        return error(
            first_line,
            f"{what} cannot be read: {len(text) // 1024} KB is more than the "
            f"{max_chars // 1024} KB allowed; write each setting as a short name: value line",
        )
    if text.count("[") + text.count("{") > MAX_YAML_BRACKETS:
        return error(
            first_line,
            f"{what} cannot be read (more than {MAX_YAML_BRACKETS} brackets [ or {{): "
            "write each setting as a simple name: value line",
        )
    loader = _pick_loader(text)(text)
    try:
        try:
            node = loader.get_single_node()
        except Exception as exc:  # any YAML failure is a content problem
            line = _yaml_error_line(exc, text, first_line)
            context = getattr(exc, "context_mark", None)
            started = first_line + context.line if context is not None else line
            where = (
                f"on lines {started} to {line}"
                if isinstance(started, int) and started < line
                else "on this line or just above it"
            )
            if isinstance(exc, yaml.reader.ReaderError):
                return error(
                    line,
                    f"{what} cannot be read: this line contains an invisible control "
                    "character; retype the line",
                )
            return error(
                line,
                f"{what} cannot be read ({_yaml_reason(exc)}): "
                f"check the colons, quotes, brackets and indentation {where}",
            )
        if node is None:
            return Settings({}, problems)
        too_big = graph_problem(node)
        if too_big is not None:
            return error(first_line + too_big[0], f"{what} cannot be read: {too_big[1]}")
        if not isinstance(node, yaml.MappingNode):
            return error(
                first_line + node.start_mark.line,
                f"{what} must be lines of the form name: value",
            )
        fields: dict[str, Field] = {}
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key not in known:
                shown = key[:40] if isinstance(key, str) else "(not a name)"
                problems.append(
                    Problem(
                        path,
                        line,
                        Severity.WARNING,
                        f'unknown setting "{shown}" is ignored: check its spelling '
                        f"(known settings: {', '.join(known)})",
                    )
                )
                continue
            if key in fields:
                problems.append(
                    Problem(
                        path,
                        line,
                        Severity.WARNING,
                        f'"{key}" is set twice (also on line {fields[key].line}): '
                        "only this last one is used, delete the other",
                    )
                )
            try:
                value: object = loader.construct_object(value_node, deep=True)
            except Exception as exc:  # hostile values become problems
                value = Unreadable(_value_reason(exc))
            fields[key] = Field(value, line, value_node)
        return Settings(fields, problems)
    except Exception as exc:  # last resort: never raise on content
        return error(first_line, f"{what} cannot be read ({_yaml_reason(exc)})")
    finally:
        with contextlib.suppress(Exception):
            loader.dispose()
