"""Every size limit on page text, settings and the content folder, each with why that number.

The content folder may be edited by hand, synced from a share or filled by mistake; whatever is
in it, loading must finish in well under 5 s and 200 MB, and any page the loader accepts must
open (Markdown + QTextBrowser layout at 1920x1080, the largest text step) in under 100 ms.
The numbers below were measured with python-markdown 3.11.3 and PySide6 6.11.3 (figures in
``tests/benchmarks/content.py``); each is several times what a real kiosk page needs.

:func:`markdown_problem` checks a page body against the Markdown limits in one linear pass;
the loader refuses a page that fails it and :mod:`kiosk.content.render` falls back to plain
text for one (belt and braces: a page built in code never went through the loader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- The content folder --------------------------------------------------------------------

MAX_LANGUAGES = 8
"""Language folders read; more are ignored with a warning. A clinic offers two or three
languages; eight leaves room for any waiting room while keeping a folder of thousands of
folders from being read at all."""

MAX_PAGES_PER_LANGUAGE = 200
"""Page files read per language; the rest are ignored with a warning (the first ones by file
name are kept). A kiosk deck is 10 to 40 pages; 200 is five times the largest sensible deck
and what the load benchmark generates, and reading 200 pages takes well under a second."""

MAX_IGNORED_REPORTED = 20
"""Badly named files reported one by one per language folder; the rest are counted in one
warning. A folder of 20,000 stray files would otherwise fill the log and the status with
20,000 lines that all say the same."""

MAX_FILE_BYTES = 128 * 1024
"""Largest page or ``deck.yml`` file read. Front matter (:data:`MAX_FRONT_MATTER_CHARS`) plus
a body of :data:`MAX_BODY_CHARS` characters, even in a language of three-byte characters,
fits."""

MAX_LANGUAGE_BYTES = 8 * 1024 * 1024
"""Bytes of page and ``deck.yml`` files read for one language; files after the budget is spent
are not read (with a warning). 40 pages of the largest text allowed take 1.3 MB; 8 MB per
language and at most :data:`MAX_LANGUAGES` languages bound a load to 64 MB read. Files over
:data:`MAX_FILE_BYTES` are refused from their size without being read and cost nothing, so a
250 MB folder of 916 huge pages is cut short in milliseconds, every language keeping the
pages that fit."""

# --- Settings (YAML) -----------------------------------------------------------------------

MAX_FRONT_MATTER_CHARS = 16 * 1024
"""Longest settings block of a page (between the ``---`` lines). A page has eight short
settings (under 1 KB); 16 KB keeps the YAML parser, which is pure Python for odd input, in
milliseconds."""

MAX_DECK_FILE_CHARS = 64 * 1024
"""Longest ``deck.yml``: it may list chapters and locations, a few KB at most."""

MAX_YAML_BRACKETS = 500
"""Settings with more ``[`` and ``{`` than this are refused unread: deep flow nesting crashes
libyaml (C stack) and makes the pure-Python parser take seconds."""

MAX_YAML_ALIASES = 20
"""YAML aliases (``*name``, including ``<<: *name``) allowed in one settings block. Content
needs none; a few are harmless. Aliases are what makes a 1 KB "billion laughs" or merge-key
bomb expand to millions of values (52 s and 733 MB before this limit)."""

MAX_YAML_NODES = 5_000
"""Values a settings block may expand to once aliases are followed (counted on the composed
node graph before anything is built, so a bomb is refused in microseconds). A ``deck.yml``
with 40 chapters and 20 locations has about 250."""

MAX_YAML_DEPTH = 20
"""Deepest nesting of lists and mappings in settings: chapters nest three deep; 20 keeps the
builders' recursion far from Python's and libyaml's stack limits."""

# --- Page text (Markdown) ------------------------------------------------------------------

MAX_BODY_CHARS = 32 * 1024
"""Longest page text (characters). About eight screens of text at the largest text step, ten
times a bundled page (2 to 4 KB) and far more than a patient reads. Python-Markdown takes
about 1 ms per KB, and a 64 KB page took 93 ms to open at text step 3 (over the 100 ms
target once layout is added); 32 KB opens in about 50 ms."""

MAX_BODY_LINES = 800
"""Most lines in a page text. Each line can become a paragraph or a line break: 2,000 lines
with line breaks took 230 ms to open at text step 3 (16,000: 0.4 s to lay out alone); 800 is
twice the lines of a full 32 KB page of prose."""

MAX_QUOTE_DEPTH = 8
"""Deepest block quote (``>`` markers at the start of a line). Python-Markdown re-parses each
level, so 16 KB of ``>`` took 5 s and 64 KB 110 s; a page needs one or two levels."""

MAX_LIST_DEPTH = 8
"""Deepest list nesting (sub-lists): a page needs two or three levels."""

MAX_LIST_ITEMS = 300
"""Most list items in one page: 2,000 items took 0.13 s to render and lay out (30,000: 35 s),
500 took 85 ms to open at text step 3; a page needs a few dozen."""

MAX_WORD_CHARS = 200
"""Longest run of characters without a space. QTextBrowser's line breaking is slow on one huge
word (255 KB: 2.4 s to lay out); medical words are under 40 letters and a link target under
100."""

MAX_BRACKETS = 500
"""Page text with more ``[`` than this is refused by the loader (and shown as plain text by the
renderer): Markdown's link parsing slows down quadratically on long runs of brackets."""

MAX_INLINE_MARKS = 1_000
"""Most ``*``, ``_`` and backtick characters in one page. Each pair can become a bold, italic
or code span, and thousands of tiny spans make the layout slow (5,000 backticks: 0.13 s to
lay out; 2,000 marks: 112 ms to open at text step 3); a page uses a few dozen."""


MAX_LINK_SCAN = 100_000
"""Characters Python-Markdown may have to read, in one page, looking for the end of links:
each ``[`` is read on to its ``]`` and each ``](`` to its ``)`` (or to the end of the
paragraph when there is none), character by character in Python (about 0.2 us each). Ten
unclosed ``[`` in a 64 KB paragraph took 0.12 s, 490 took 8 s; 100,000 is about 20 ms. Real
pages, with every bracket closed, need a few thousand."""

MAX_BACKTICK_SCAN = 1_000_000
"""Backticks in a paragraph times the paragraph's length, summed over the page: the code-span
pattern reads on from every backtick to the end of its paragraph when it does not close
(100 backticks in a 64 KB paragraph: 70 ms). 1,000,000 is about 10 ms; patient pages have
no code at all."""


@dataclass(frozen=True, slots=True)
class TextProblem:
    """Why a page text is refused: the 1-based line in the text and a sentence for staff."""

    line: int
    message: str


_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")
_MARKS_RE = re.compile(r"[*_`]")
_LINK_CHARS_RE = re.compile(r"[\[\]()]")
_LIST_MARKER_RE = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_QUOTE_RE = re.compile(r"[ ]{0,3}>")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _quote_depth(line: str) -> tuple[int, str]:
    """Number of leading ``>`` markers (spaces allowed between them) and the rest of the line."""
    depth = 0
    position = 0
    while True:
        match = _QUOTE_RE.match(line, position)
        if match is None:
            return depth, line[position:]
        depth += 1
        position = match.end()


def _list_depth(rest: str) -> int:
    """How deep a list item on this line nests: its indentation (4 columns a level, as
    Python-Markdown reads it) plus the markers written one after the other (``- - x``)."""
    expanded = rest.expandtabs(4)
    stripped = expanded.lstrip(" ")
    indent = len(expanded) - len(stripped)
    markers = 0
    position = 0
    while True:
        match = _LIST_MARKER_RE.match(stripped, position)
        if match is None:
            break
        markers += 1
        position = match.end()
    return indent // 4 + markers if markers else 0


def _line_of_mark(text: str, number: int) -> int:
    """The line of the ``number``-th ``*``, ``_`` or backtick (where the limit is passed)."""
    for count, match in enumerate(_MARKS_RE.finditer(text), 1):
        if count == number:
            return text.count("\n", 0, match.start()) + 1
    return 1


def _link_scan(paragraph: str) -> int:
    """How many characters the link parser reads in this paragraph (see MAX_LINK_SCAN)."""
    cost = 0
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []
    after_bracket = -2
    for match in _LINK_CHARS_RE.finditer(paragraph):
        char, position = match[0], match.start()
        if char == "[":
            brackets.append(position)
        elif char == "]":
            if brackets:
                cost += position - brackets.pop()
            after_bracket = position
        elif char == "(":
            parens.append((position, after_bracket == position - 1))
        elif parens:
            opened, link = parens.pop()
            if link:
                cost += position - opened
    end = len(paragraph)
    cost += sum(end - position for position in brackets)
    cost += sum(end - position for position, link in parens if link)
    return cost


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """``(first line, text)`` of each run of lines between blank lines."""
    found: list[tuple[int, str]] = []
    start = 0
    line = 1
    for match in _BLANK_LINES_RE.finditer(text):
        found.append((line, text[start : match.start()]))
        line += text.count("\n", start, match.end())
        start = match.end()
    found.append((line, text[start:]))
    return found


def _scan_problem(text: str) -> TextProblem | None:
    """The link and code-span parsing cost of ``text`` against its limits (linear time)."""
    links = 0
    backticks = 0
    for line, paragraph in _paragraphs(text):
        if "[" in paragraph or "(" in paragraph:
            links += _link_scan(paragraph)
            if links > MAX_LINK_SCAN:
                return TextProblem(
                    line,
                    'the paragraph starting on this line has a "[" or "](" that is never '
                    "closed (or too many links): write links as [words](page:name), and "
                    "remove the stray brackets",
                )
        backticks += paragraph.count("`") * len(paragraph)
        if backticks > MAX_BACKTICK_SCAN:
            return TextProblem(
                line,
                "the paragraph starting on this line has too many ` characters: remove "
                "them (the kiosk's pages do not show code)",
            )
    return None


def markdown_problem(text: str) -> TextProblem | None:
    """The first Markdown limit ``text`` breaks (with its line), or None. Linear time."""
    if len(text) > MAX_BODY_CHARS:
        line = text.count("\n", 0, MAX_BODY_CHARS) + 1
        return TextProblem(
            line,
            f"the page text is {len(text) // 1024} KB long; the kiosk shows pages of up to "
            f"{MAX_BODY_CHARS // 1024} KB: split it into several pages",
        )
    lines = text.split("\n")
    if len(lines) > MAX_BODY_LINES:
        return TextProblem(
            MAX_BODY_LINES + 1,
            f"the page text has {len(lines)} lines; the kiosk shows pages of up to "
            f"{MAX_BODY_LINES} lines: split it into several pages",
        )
    marks = text.count("*") + text.count("_") + text.count("`")
    if marks > MAX_INLINE_MARKS:
        return TextProblem(
            _line_of_mark(text, MAX_INLINE_MARKS + 1),
            f"the page text has {marks} of the characters * _ ` (used for bold, italics and "
            f"code); the kiosk allows {MAX_INLINE_MARKS}: remove most of them",
        )
    items = 0
    for number, text_line in enumerate(lines, 1):
        depth, rest = _quote_depth(text_line)
        if depth > MAX_QUOTE_DEPTH:
            return TextProblem(
                number,
                f'this line starts {depth} quotes deep (">" signs); the kiosk allows '
                f"{MAX_QUOTE_DEPTH}: remove most of the > signs",
            )
        nesting = _list_depth(rest)
        if nesting:
            items += 1
            if nesting > MAX_LIST_DEPTH:
                return TextProblem(
                    number,
                    f"this list item is nested {nesting} levels deep; the kiosk allows "
                    f"{MAX_LIST_DEPTH}: indent it less",
                )
            if items > MAX_LIST_ITEMS:
                return TextProblem(
                    number,
                    f"the page has more than {MAX_LIST_ITEMS} list items: split it into "
                    "several pages",
                )
        for word in text_line.split():
            if len(word) > MAX_WORD_CHARS:
                shown = _CONTROL_RE.sub("?", word[:30])
                return TextProblem(
                    number,
                    f'a word of {len(word)} characters without a space ("{shown}..."); the '
                    f"kiosk allows {MAX_WORD_CHARS}: add spaces or shorten it",
                )
    return _scan_problem(text)
