"""Markdown -> an HTML fragment for QTextBrowser's limited HTML4 subset.

:func:`render_page` renders one page; :class:`PageRenderer` is the cached form the reader screen
calls with a page and its text column width.

Rules:

* Headings become ``<p class="h1">``, ``<p class="h2">`` or ``<p class="h3">`` (h4-h6 -> h3),
  because QTextBrowser ignores font sizes on ``h1``..``h6``; style them through the document's
  default stylesheet (``p.h1 { ... }``).
* Raw HTML is never passed through: it is escaped and shown as text.
* Links: only ``page:<slug>`` (optionally only slugs in ``known_pages``) and
  ``action:request-visit`` stay ``<a href>``; every other link, and autolinks, become their
  plain text.
* Pictures ``![alt](file.svg)`` are looked up like illustrations (language folder, then
  ``images/``, inside the content folder, ``.svg``/``.png``) and written as
  ``<img src="kiosk-image:/abs/path" width="W" height="H" alt="...">`` with absolute pixel sizes
  fitted to ``column_width``; otherwise they are replaced by their alt text.
* ``{emergency_number}`` (:data:`EMERGENCY_NUMBER_PLACEHOLDER`) in the text is replaced by the
  clinic's emergency number (setting ``clinic.emergency_number``), its spaces made non-breaking
  so the number never splits over two lines. It is put in as text after the Markdown is parsed,
  so it is never read as Markdown. Any other ``{...}`` stays as it was typed.
* Text the loader would refuse (:func:`kiosk.content.limits.markdown_problem`: too long, too
  deeply quoted, too many list items, a huge word...) is not given to Markdown: it is shown as
  plain paragraphs, cut to the limits, so opening it can never freeze the screen.
* Never raises; the output contains only the tags ``p ul ol li strong em a img br hr
  blockquote pre code`` and never ``<script``, ``<style``, ``on...=``, ``href="http`` or
  ``javascript:`` (quotes and such words in text are written as character references).
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection
from pathlib import Path

import markdown
from markdown.treeprocessors import Treeprocessor

from kiosk.content.images import image_size, kiosk_image_url, resolve_image, scaled_size
from kiosk.content.limits import (
    MAX_BODY_CHARS,
    MAX_BODY_LINES,
    MAX_WORD_CHARS,
    markdown_problem,
)
from kiosk.content.links import (
    MAX_BRACKETS,
    REQUEST_VISIT_ACTION,
    is_allowed_href,
    is_external,
    page_link_slug,
)
from kiosk.content.model import Deck, Library, Page

DEFAULT_COLUMN_WIDTH = 800
"""Text column width in pixels used when the caller does not give one."""
EMERGENCY_NUMBER_PLACEHOLDER = "{emergency_number}"
"""Written in a page's text where the clinic's emergency number goes."""
DEFAULT_EMERGENCY_NUMBER = "911"
"""The emergency number when the caller gives none (the default of ``clinic.emergency_number``)."""

SizeFunction = Callable[[Path], tuple[int, int] | None]
"""Returns the intrinsic pixel size of a picture file, or None (see :func:`image_size`)."""

_ALLOWED_TAGS = frozenset(
    {"p", "ul", "ol", "li", "strong", "em", "a", "img", "br", "hr", "blockquote", "pre", "code"}
)
_HEADING_CLASS = {"h1": "h1", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
_JS_RE = re.compile(r"(?i)(java|vb)(\s*script\s*):")
_ON_RE = re.compile(r"(?i)(on\w*\s*)=")
_SAFE_TAG_RE = re.compile(
    r"<(?!/?(?:p|ul|ol|li|strong|em|a|img|br|hr|blockquote|pre|code)[\s>/])", re.I
)
_EVENT_ATTR_RE = re.compile(r"<[^>]*\son\w*\s*=", re.I)
_START_RE = re.compile(r"[0-9]{1,9}")


def _fill(text: str, emergency_number: str) -> str:
    """``text`` with the emergency number written where the placeholder stands."""
    if EMERGENCY_NUMBER_PLACEHOLDER not in text:
        return text
    return text.replace(EMERGENCY_NUMBER_PLACEHOLDER, emergency_number.replace(" ", "\u00a0"))


def _defang(text: str) -> str:
    """Write quotes, ``javascript:`` and ``on...=`` in text as character references."""
    if '"' in text:
        text = text.replace('"', "&quot;")
    if ":" in text:
        text = _JS_RE.sub(r"\1\2&#58;", text)
    if "=" in text:
        text = _ON_RE.sub(r"\1&#61;", text)
    return text


class _KioskTreeprocessor(Treeprocessor):
    """Rewrites the parsed tree to the kiosk's whitelist (runs after Markdown's own steps)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.root_dir: Path | None = None
        self.language_dir: Path | None = None
        self.column_width = DEFAULT_COLUMN_WIDTH
        self.known_pages: Collection[str] | None = None
        self.size_of: SizeFunction = image_size
        self.emergency_number = DEFAULT_EMERGENCY_NUMBER

    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter()):
            if element is root:
                continue
            tag = element.tag
            if tag in _HEADING_CLASS:
                element.tag = "p"
                element.attrib = {"class": _HEADING_CLASS[tag]}
            elif tag == "a":
                href = element.get("href") or ""
                if self._link_allowed(href):
                    element.attrib = {"href": href}
                else:
                    _unwrap(parents, element, "")
            elif tag == "img":
                self._image(parents, element)
            elif tag == "ol" and _START_RE.fullmatch(element.get("start") or ""):
                element.attrib = {"start": str(int(element.get("start") or "1"))}
            elif tag in _ALLOWED_TAGS:
                element.attrib = {}
            else:
                _unwrap(parents, element, "")
        number = self.emergency_number
        for element in root.iter():
            if element.text:
                element.text = _defang(_fill(element.text, number))
            if element.tail:
                element.tail = _defang(_fill(element.tail, number))

    def _link_allowed(self, href: str) -> bool:
        if not is_allowed_href(href):
            return False
        if href == REQUEST_VISIT_ACTION or self.known_pages is None:
            return True
        return page_link_slug(href) in self.known_pages

    def _image(self, parents: dict[ET.Element, ET.Element], element: ET.Element) -> None:
        alt = (element.get("alt") or "").strip()
        src = (element.get("src") or "").strip()
        size: tuple[int, int] | None = None
        path: Path | None = None
        if self.root_dir is not None and self.language_dir is not None and src:
            try:
                if not is_external(src):
                    path = resolve_image(src, root=self.root_dir, language_dir=self.language_dir)
                    size = self.size_of(path)
            except Exception:  # unusable picture or failing size function: show the alt text
                path = None
        if path is None or size is None:
            _unwrap(parents, element, alt)
            return
        width, height = scaled_size(size, max(1, self.column_width))
        element.attrib = {
            "src": kiosk_image_url(path),
            "width": str(width),
            "height": str(height),
            "alt": _defang(alt),
        }


def _unwrap(parents: dict[ET.Element, ET.Element], element: ET.Element, text: str) -> None:
    """Replace ``element`` in its parent by ``text``, its own text and its children."""
    parent = parents.get(element)
    if parent is None:
        return
    index = list(parent).index(element)
    children = list(element)
    leading = text + (element.text or "")
    tail = element.tail or ""
    parent.remove(element)
    if index == 0:
        parent.text = (parent.text or "") + leading
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + leading
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
        parents[child] = parent
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail


def _new_markdown() -> tuple[markdown.Markdown, _KioskTreeprocessor]:
    md = markdown.Markdown(output_format="html", extensions=["sane_lists"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.postprocessors.deregister("raw_html")
    processor = _KioskTreeprocessor(md)
    md.treeprocessors.register(processor, "kiosk", -10)
    return md, processor


_local = threading.local()


def _markdown_for_thread() -> tuple[markdown.Markdown, _KioskTreeprocessor] | None:
    """This thread's Markdown instance (Markdown objects are not thread-safe), or None if busy."""
    if getattr(_local, "busy", False):
        return None
    if not hasattr(_local, "md"):
        _local.md = _new_markdown()
    pair: tuple[markdown.Markdown, _KioskTreeprocessor] = _local.md
    return pair


def _plain(markdown_text: str, emergency_number: str) -> str:
    """Fallback: the text as escaped paragraphs, used if Markdown conversion fails."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", markdown_text) if part.strip()]
    return "\n".join(
        "<p>"
        + _defang(html.escape(_fill(part, emergency_number), quote=False)).replace("\n", "<br>")
        + "</p>"
        for part in paragraphs
    )


_LONG_WORD_RE = re.compile(rf"\S{{{MAX_WORD_CHARS}}}")


def _bounded_plain(markdown_text: str, emergency_number: str) -> str:
    """Plain paragraphs of text that breaks the Markdown limits, cut so it lays out fast:
    at most :data:`MAX_BODY_CHARS` characters and :data:`MAX_BODY_LINES` lines, and words cut
    every :data:`MAX_WORD_CHARS` characters (one huge word is slow to lay out)."""
    text = "\n".join(markdown_text[:MAX_BODY_CHARS].split("\n")[:MAX_BODY_LINES])
    text = _LONG_WORD_RE.sub(lambda match: match[0] + " ", text)
    return _plain(text, emergency_number)


def render_markdown(
    markdown_text: str,
    *,
    root: Path | None = None,
    language_dir: Path | None = None,
    column_width: int = DEFAULT_COLUMN_WIDTH,
    known_pages: Collection[str] | None = None,
    size_of: SizeFunction = image_size,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
) -> str:
    """Convert page Markdown to a QTextBrowser-safe HTML fragment; never raises.

    ``root`` is the content folder and ``language_dir`` the page's language folder; without
    both, pictures are replaced by their alt text. ``column_width`` is the text column width
    in pixels that pictures are shrunk to fit. ``known_pages`` (optional) restricts
    ``page:`` links to those slugs. ``size_of`` reads a picture's intrinsic size.
    ``emergency_number`` is written where the text says ``{emergency_number}``.
    """
    text = markdown_text if isinstance(markdown_text, str) else ""
    if markdown_problem(text) is not None:
        # The loader refuses this text; a page built in code may not.
        return _bounded_plain(text, emergency_number)
    if text.count("[") > MAX_BRACKETS:
        return _plain(text, emergency_number)  # Markdown would take seconds on this
    pair = _markdown_for_thread()
    shared = pair is not None
    md, processor = pair if pair is not None else _new_markdown()
    if shared:
        _local.busy = True
    try:
        md.reset()
        processor.root_dir = root
        processor.language_dir = language_dir
        processor.column_width = column_width
        processor.known_pages = known_pages
        processor.size_of = size_of
        processor.emergency_number = emergency_number
        output = md.convert(text)
    except Exception:  # never raise on content; show it as plain text instead
        output = _plain(text, emergency_number)
    finally:
        if shared:
            _local.busy = False
        processor.size_of = image_size
        processor.known_pages = None
    if _SAFE_TAG_RE.search(output) or _EVENT_ATTR_RE.search(output):
        # Belt and braces: never show anything outside the whitelist.
        output = _plain(text, emergency_number)
    return output


def render_page(
    page: Page,
    *,
    root: Path,
    column_width: int = DEFAULT_COLUMN_WIDTH,
    deck: Deck | None = None,
    size_of: SizeFunction = image_size,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
) -> str:
    """Render a loaded page; with ``deck``, ``page:`` links to slugs not in it become text."""
    known = {other.slug for other in deck.pages} if deck is not None else None
    return render_markdown(
        page.body_markdown,
        root=root,
        language_dir=page.source.parent,
        column_width=column_width,
        known_pages=known,
        size_of=size_of,
        emergency_number=emergency_number,
    )


class PageRenderer:
    """Renders page bodies for a text column width; cached because pages repeat all day.

    Call it with a page of the current library and the column width in pixels. The HTML is
    kept per (page file, width); the cache is emptied when it reaches :attr:`MAX_CACHED`
    entries (a kiosk shows a few dozen pages at one or two widths) and when the library
    changes (:meth:`use_library`). ``emergency_number``: the clinic's (``clinic.emergency_number``).
    """

    MAX_CACHED = 256

    def __init__(
        self, library: Library, *, emergency_number: str = DEFAULT_EMERGENCY_NUMBER
    ) -> None:
        self._library = library
        self._emergency_number = emergency_number
        self._cache: dict[tuple[Path, int], str] = {}

    def use_library(self, library: Library) -> None:
        """Render from ``library`` from now on (after staff edited the content)."""
        self._library = library
        self._cache.clear()

    @property
    def root(self) -> Path:
        """The content folder of the current library."""
        return self._library.root

    @property
    def emergency_number(self) -> str:
        """The number written for ``{emergency_number}`` (read-aloud says the same)."""
        return self._emergency_number

    def __call__(self, page: Page, width: int) -> str:
        key = (page.source, width)
        rendered = self._cache.get(key)
        if rendered is None:
            if len(self._cache) >= self.MAX_CACHED:
                self._cache.clear()
            deck = self._library.deck(page.source.parent.name)
            rendered = render_page(
                page,
                root=self.root,
                column_width=max(1, width),
                deck=deck,
                emergency_number=self._emergency_number,
            )
            self._cache[key] = rendered
        return rendered
