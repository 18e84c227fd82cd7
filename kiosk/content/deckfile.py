"""A language's optional ``deck.yml``: its name, welcome texts, attract picture, chapters, and
what the visit form says in this language (the clinic locations' names, the callback sentence).

A broken ``deck.yml`` never hides pages: every problem is reported and the setting falls back
to its default. When the chapter list could not be read completely, pages naming a chapter
get a warning instead of an error (see :attr:`DeckSettings.chapters_trusted`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kiosk.content.frontmatter import (
    ContentFileError,
    Field,
    Unreadable,
    parse_settings,
    read_content_file,
)
from kiosk.content.images import ImageNotUsable, ImageResolver
from kiosk.content.limits import MAX_DECK_FILE_CHARS
from kiosk.content.model import Chapter, Problem, Severity
from kiosk.content.names import is_slug

DECK_FILE = "deck.yml"
DECK_FIELDS = (
    "language_name",
    "welcome_title",
    "welcome_text",
    "attract_illustration",
    "visit_page",
    "chapters",
    "locations",
    "callback_text",
)
_CHAPTER_KEYS = ("id", "title")
CALLBACK_MAX = 200
"""Longest callback sentence (characters): it must fit the thank-you card at the largest text."""
LOCATION_NAME_MAX = 60
"""Longest display name of a clinic location (characters), as for a choice button's words."""


@dataclass(slots=True)
class DeckSettings:
    """What ``deck.yml`` says (or the defaults), plus the problems found in it."""

    path: Path
    language_name: str
    welcome_title: str = ""
    welcome_text: str = ""
    attract_illustration: Path | None = None
    visit_page: str | None = None
    """Slug as written; the loader checks it against the pages that are shown."""
    visit_page_line: int = 1
    chapters: tuple[Chapter, ...] = ()
    chapters_trusted: bool = True
    """False when ``deck.yml`` or its chapter list had errors (unknown chapters then only warn)."""
    location_names: tuple[tuple[str, str], ...] = ()
    """(location as configured in ``clinic.locations``, its name in this language)."""
    callback_text: str = ""
    """What the thank-you screen says about the clinic's call; empty: the built-in sentence."""
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, Severity.ERROR, message))

    def warning(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, Severity.WARNING, message))


def _text(settings: DeckSettings, fields: dict[str, Field], name: str) -> str | None:
    item = fields.get(name)
    if item is None or item.value is None:
        return None
    if isinstance(item.value, Unreadable):
        settings.error(item.line, f'"{name}" cannot be read: {item.value.reason}')
        return None
    if not isinstance(item.value, str):
        settings.error(
            item.line, f'"{name}" must be text: put the value in quotes, e.g. {name}: "..."'
        )
        return None
    return item.value.strip()


def _key_lines(node: yaml.Node, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and isinstance(key_node.value, str):
                lines.setdefault(key_node.value, first_line + key_node.start_mark.line)
    return lines


def _read_chapters(settings: DeckSettings, item: Field) -> None:
    value, node = item.value, item.node
    if isinstance(value, Unreadable):
        settings.error(item.line, f'"chapters" cannot be read: {value.reason}')
        settings.chapters_trusted = False
        return
    if value is None:
        return
    if (
        not isinstance(value, list)
        or not isinstance(node, yaml.SequenceNode)
        or len(node.value) != len(value)
    ):
        settings.error(
            item.line,
            '"chapters" must be a list of entries, each like "- id: understand" '
            'followed by "  title: Understanding your hip"',
        )
        settings.chapters_trusted = False
        return
    chapters: list[Chapter] = []
    seen: dict[str, int] = {}
    for number, (entry, entry_node) in enumerate(zip(value, node.value, strict=True), 1):
        line = 1 + entry_node.start_mark.line
        keys = _key_lines(entry_node, 1)
        if not isinstance(entry, dict):
            settings.error(
                line, f'chapter {number} must have an "id" and a "title" on separate lines'
            )
            settings.chapters_trusted = False
            continue
        for key in entry:
            if key not in _CHAPTER_KEYS:
                shown = key[:40] if isinstance(key, str) else "(not a name)"
                settings.warning(
                    keys.get(str(key), line), f'unknown chapter setting "{shown}" is ignored'
                )
        chapter_id, title = entry.get("id"), entry.get("title")
        if not is_slug(chapter_id):
            settings.error(
                keys.get("id", line),
                f'chapter {number} needs an "id" made of lower-case letters, digits and '
                'dashes, e.g. "id: understand"',
            )
            settings.chapters_trusted = False
            continue
        assert isinstance(chapter_id, str)
        if not isinstance(title, str) or not title.strip():
            settings.error(
                keys.get("title", line),
                f'chapter "{chapter_id}" needs a "title" in words, '
                'e.g. "title: Understanding your hip"',
            )
            settings.chapters_trusted = False
            continue
        if chapter_id in seen:
            settings.error(
                keys.get("id", line),
                f'chapter id "{chapter_id}" is used twice (also on line {seen[chapter_id]}): '
                "give each chapter its own id",
            )
            continue
        seen[chapter_id] = keys.get("id", line)
        chapters.append(Chapter(id=chapter_id, title=title.strip()))
    settings.chapters = tuple(chapters)


def _read_callback(settings: DeckSettings, fields: dict[str, Field]) -> None:
    text = _text(settings, fields, "callback_text")
    if not text:
        return
    text = " ".join(text.split())  # one paragraph, however the YAML lines were folded
    if len(text) > CALLBACK_MAX:
        settings.error(
            fields["callback_text"].line,
            f'"callback_text" is {len(text)} characters long: keep it to {CALLBACK_MAX} '
            "(one or two short sentences); the built-in sentence is shown instead",
        )
        return
    settings.callback_text = text


def _read_locations(settings: DeckSettings, item: Field) -> None:
    """``locations:`` maps each location as configured (``clinic.locations``) to its name in
    this language; a bad entry is reported and that location keeps its configured name."""
    value = item.value
    if value is None:
        return
    if isinstance(value, Unreadable):
        settings.error(item.line, f'"locations" cannot be read: {value.reason}')
        return
    example = 'e.g. "  Main clinic: Clínica principal" on the line under "locations:"'
    if not isinstance(value, dict):
        settings.error(
            item.line,
            f'"locations" must be lines of the form "configured name: shown name", {example}',
        )
        return
    lines = _key_lines(item.node, 1)
    names: list[tuple[str, str]] = []
    for key, name in value.items():
        shown_key = key[:40] if isinstance(key, str) else "(not a name)"
        line = lines.get(str(key), item.line)
        if not isinstance(key, str) or not key.strip():
            settings.error(line, f'a location in "locations" must be a name in words, {example}')
        elif not isinstance(name, str) or not name.strip():
            settings.error(line, f'location "{shown_key}" needs its shown name in words, {example}')
        elif len(" ".join(name.split())) > LOCATION_NAME_MAX:
            settings.error(
                line,
                f'the shown name of location "{shown_key}" is longer than {LOCATION_NAME_MAX} '
                "characters: shorten it (the configured name is shown meanwhile)",
            )
        else:
            names.append((key.strip(), " ".join(name.split())))
    settings.location_names = tuple(names)


def read_deck_settings(language_dir: Path, *, language: str, images: ImageResolver) -> DeckSettings:
    """Read ``<language_dir>/deck.yml`` if present; never raises."""
    path = language_dir / DECK_FILE
    settings = DeckSettings(path=path, language_name=language)
    if not path.exists() and not path.is_symlink():
        return settings
    try:
        if not path.is_file():
            raise ContentFileError(1, "deck.yml must be a file")
        text = read_content_file(path)
    except (ContentFileError, OSError) as problem:
        line = problem.line if isinstance(problem, ContentFileError) else 1
        message = problem.message if isinstance(problem, ContentFileError) else str(problem)
        settings.error(line, message + "; the default deck settings are used")
        settings.chapters_trusted = False
        return settings
    parsed = parse_settings(
        text,
        path=path,
        first_line=1,
        known=DECK_FIELDS,
        what="deck.yml",
        max_chars=MAX_DECK_FILE_CHARS,
    )
    settings.problems.extend(parsed.problems)
    if parsed.fields is None:
        settings.chapters_trusted = False
        return settings
    fields = parsed.fields
    name = _text(settings, fields, "language_name")
    if name:
        settings.language_name = name
    elif name is not None:
        settings.error(
            fields["language_name"].line,
            '"language_name" is empty: write the language\'s own name, e.g. "Español"',
        )
    settings.welcome_title = _text(settings, fields, "welcome_title") or ""
    settings.welcome_text = _text(settings, fields, "welcome_text") or ""
    picture = fields.get("attract_illustration")
    if picture is not None and picture.value is not None:
        try:
            settings.attract_illustration = images.resolve(picture.value, language_dir)
        except ImageNotUsable as problem:
            settings.error(picture.line, f'"attract_illustration": {problem}')
    visit = _text(settings, fields, "visit_page")
    if visit:
        settings.visit_page = visit
        settings.visit_page_line = fields["visit_page"].line
    if "chapters" in fields:
        _read_chapters(settings, fields["chapters"])
    if "locations" in fields:
        _read_locations(settings, fields["locations"])
    _read_callback(settings, fields)
    return settings
