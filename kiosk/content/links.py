"""Link rules shared by the loader and the renderer, and a light Markdown scan for links.

Only two kinds of link exist on the kiosk: ``page:<slug>`` (another page of the same language,
:data:`PAGE_LINK_PREFIX`) and ``action:request-visit`` (:data:`REQUEST_VISIT_ACTION`); the
loader checks them, the renderer keeps only them and the session follows them.

The scan finds inline links and pictures (``[text](target)``, ``![alt](file)``), reference
definitions (``[id]: target``), autolinks (``<http://...>``) and raw HTML tags, each with its
1-based line, without converting the Markdown.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from kiosk.content.limits import MAX_BRACKETS as MAX_BRACKETS  # re-exported for the renderer
from kiosk.content.names import SLUG_PATTERN

PAGE_SCHEME = "page"
ACTION_SCHEME = "action"
PAGE_LINK_PREFIX = PAGE_SCHEME + ":"
"""Start of a link to another page: ``page:hip-joint``."""
REQUEST_VISIT_ACTION = ACTION_SCHEME + ":request-visit"
"""The one action link: opens the "request a visit" screen."""

_PAGE_LINK_RE = re.compile(re.escape(PAGE_LINK_PREFIX) + f"({SLUG_PATTERN})")
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_BACKTICKS_RE = re.compile(r"`+")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_INLINE_RE = re.compile(
    r"(?<!\\)(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\((?P<inner>(?:[^()\n\\]|\\.|\([^()\n]*\))*)\)",
    re.S,
)
_REFERENCE_RE = re.compile(
    r"^[ ]{0,3}\[(?P<id>[^\[\]\n]*)\]:[ \t]*\n?[ \t]*(?P<target><[^<>\n]*>|\S+)", re.M
)
_AUTOLINK_RE = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
_AUTOMAIL_RE = re.compile(r"<(?:mailto:)?([^<> !]+@[^@<> ]+)>")
_HTML_RE = re.compile(r"<(/?[a-zA-Z][^<>@ ]*(?: [^<>]*)?|!--(?:(?!<!--|-->).)*--)>", re.S)


def page_link(slug: str) -> str:
    """``"hip-joint"`` -> ``"page:hip-joint"``."""
    return PAGE_LINK_PREFIX + slug


def page_link_slug(target: str) -> str | None:
    """``"page:hip-joint"`` -> ``"hip-joint"``; None for anything else."""
    match = _PAGE_LINK_RE.fullmatch(target)
    return match[1] if match else None


def is_allowed_href(target: str) -> bool:
    """True for a well-formed ``page:<slug>`` or ``action:request-visit``."""
    return target == REQUEST_VISIT_ACTION or page_link_slug(target) is not None


def is_external(target: str) -> bool:
    """True when the target has a URL scheme other than page:/action:, or is ``//host``."""
    stripped = target.strip()
    if stripped.startswith(("//", "\\\\")) or stripped.lower().startswith("www."):
        return True
    match = _SCHEME_RE.match(stripped)
    return match is not None and match[1].lower() not in (PAGE_SCHEME, ACTION_SCHEME)


def _short(text: str, limit: int = 60) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]", "?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def link_problem(
    target: str, *, shown: Collection[str], existing: Collection[str], language: str
) -> str | None:
    """Why a link target is not allowed (a message for staff), or None when it is fine.

    ``shown``: slugs of the language's pages that are shown; ``existing``: all page slugs of the
    language, including pages left out because of errors.
    """
    if not target.strip():
        return "a link has no target: write [text](page:hip-joint) to link to another page"
    if is_external(target):
        return (
            f'links to outside the kiosk are not allowed: remove the link to "{_short(target)}" '
            "(patients cannot leave the kiosk)"
        )
    if target == REQUEST_VISIT_ACTION:
        return None
    if target.lower().startswith(ACTION_SCHEME + ":"):
        return f'unknown action "{_short(target)}": the only action is {REQUEST_VISIT_ACTION}'
    if target.lower().startswith(PAGE_LINK_PREFIX):
        slug = page_link_slug(target)
        if slug is None:
            return (
                f'"{_short(target)}" is not a page name: after page: write the file name '
                "without its number and .md, in lower-case letters, digits and dashes"
            )
        if slug in shown:
            return None
        if slug in existing:
            return f'link to page "{slug}", which has errors and is not shown: fix that page first'
        return (
            f'link to page "{slug}", which does not exist in {language}: '
            "use the file name of a page without its number and .md, e.g. page:hip-joint"
        )
    return (
        f'link target "{_short(target)}" is not allowed: link to another page with '
        "page:<name>, e.g. page:hip-joint, or to " + REQUEST_VISIT_ACTION
    )


@dataclass(frozen=True, slots=True)
class Found:
    """Something the scan found in a page body: its kind, 1-based body line and value."""

    kind: str
    """``"link"``, ``"image"``, ``"autolink"`` or ``"html"``."""
    line: int
    value: str
    """Link target, picture file name, autolink URL or the raw HTML tag."""


def split_target(inner: str) -> str:
    """The target of ``(target "title")`` without its optional title and ``<...>``."""
    inner = inner.strip()
    if inner.startswith("<"):
        end = inner.find(">")
        if end != -1:
            return inner[1:end].strip()
    parts = inner.split(None, 1)
    return parts[0] if parts else ""


def _code_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of inline code spans: a run of backticks up to the next run of the same
    length in the same paragraph. Linear time (a regex here backtracks badly on long runs)."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS_RE.finditer(text)]
    blanks = [match.start() for match in _BLANK_LINE_RE.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        if start > 0 and text[start - 1] == "\\":
            index += 1
            continue
        same = by_length[end - start]
        position = bisect.bisect_right(same, index)
        paragraph_end = bisect.bisect_right(blanks, start)
        limit = blanks[paragraph_end] if paragraph_end < len(blanks) else len(text)
        if position < len(same) and runs[same[position]][0] < limit:
            closing = same[position]
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out (newlines kept, so line numbers stay right)."""
    if not spans:
        return text
    parts: list[str] = []
    previous = 0
    for start, end in spans:
        parts.append(text[previous:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        previous = end
    parts.append(text[previous:])
    return "".join(parts)


def scan_body(body: str) -> Iterator[Found]:
    """Links, pictures, autolinks and raw HTML of a Markdown body (not inside code spans)."""
    masked = _mask(body, _code_spans(body))
    newlines = [match.start() for match in re.finditer("\n", masked)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(newlines, offset - 1) + 1

    for match in _INLINE_RE.finditer(masked):
        kind = "image" if match["bang"] else "link"
        yield Found(kind, line_of(match.start()), split_target(match["inner"]))
    for match in _REFERENCE_RE.finditer(masked):
        target = match["target"]
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        yield Found("link", line_of(match.start()), target.strip())
    for match in _AUTOLINK_RE.finditer(masked):
        yield Found("autolink", line_of(match.start()), match[1])
    for match in _AUTOMAIL_RE.finditer(masked):
        if _AUTOLINK_RE.fullmatch(match[0]) is None:
            yield Found("autolink", line_of(match.start()), "mailto:" + match[1])
    for match in _HTML_RE.finditer(masked):
        if _AUTOLINK_RE.fullmatch(match[0]) is None:
            yield Found("html", line_of(match.start()), _short(match[0], 40))
