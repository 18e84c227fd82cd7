"""Scripts for read-aloud: what is said, in which language, and which part of the screen it is.

A :data:`Script` is a tuple of :class:`Utterance`; the engine wrapper speaks them in order, each
in its own language (a Spanish page read on an English screen stays Spanish). Everything here
is plain Python: the words a screen adds ("Picture:") come from the caller, translated there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from kiosk.content.model import Page
from kiosk.content.render import DEFAULT_EMERGENCY_NUMBER, render_markdown


@dataclass(frozen=True, slots=True)
class Utterance:
    """One stretch of speech: ``text`` in ``language`` (a code such as ``en`` or ``es``).

    ``part`` names what is being read, for the visible sign on the screen: ``"title"``,
    ``"picture"``, ``"body"``, or ``""`` for anything without a place of its own.
    """

    text: str
    language: str
    part: str = ""


Script = tuple[Utterance, ...]

PICTURE_INTRO = "Picture: {0}"
"""The default introduction of a picture's description (screens pass a translated one)."""

_BLOCKS = frozenset({"p", "li", "blockquote", "pre"})
_SPACE_RE = re.compile(r"\s+")
_END_RE = re.compile(r"[.!?:;…。]$")


class _TextBlocks(HTMLParser):
    """Collects the text of each paragraph and list item of a rendered page, markup dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        """(text, the block's tag)"""
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
            self._open.append(tag)
        elif tag == "br":
            self._text.append(" ")
        elif tag == "img":  # a picture inside the text: its description stands for it
            alt = dict(attrs).get("alt") or ""
            self._text.append(f" {alt} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
            if self._open:
                self._open.pop()

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def _flush(self) -> None:
        text = _SPACE_RE.sub(" ", "".join(self._text)).strip()
        self._text = []
        if text:
            self.blocks.append((text, self._open[-1] if self._open else "p"))

    def close(self) -> None:
        super().close()
        self._flush()


def plain_paragraphs(
    markdown_text: str, *, emergency_number: str = DEFAULT_EMERGENCY_NUMBER
) -> tuple[str, ...]:
    """The page text as plain paragraphs for speech: no markup, link text kept, each list
    item a sentence of its own (ending in a full stop when it has no ending of its own), the
    clinic's emergency number where the page names it."""
    parser = _TextBlocks()
    parser.feed(render_markdown(markdown_text, emergency_number=emergency_number))
    parser.close()
    paragraphs: list[str] = []
    for text, tag in parser.blocks:
        text = html.unescape(text)
        if tag == "li" and not _END_RE.search(text):
            text += "."
        paragraphs.append(text)
    return tuple(paragraphs)


def page_script(
    page: Page,
    language: str,
    *,
    picture_intro: str = PICTURE_INTRO,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
) -> Script:
    """A page as read aloud: its title, its picture's description introduced as a picture
    (``picture_intro`` with ``{0}`` for the description), then the body paragraph by
    paragraph, all in ``language`` (the page's)."""
    script = [Utterance(page.title.strip(), language, "title")] if page.title.strip() else []
    alt = page.alt.strip()
    if alt:
        script.append(Utterance(picture_intro.format(alt), language, "picture"))
    body = plain_paragraphs(page.body_markdown, emergency_number=emergency_number)
    script += [Utterance(text, language, "body") for text in body]
    return tuple(script)


def spell(code: str) -> str:
    """A reference code spelt out, one character at a time: ``"HK7Q"`` -> ``"H, K, 7, Q"``.

    Commas make every engine pause between the characters, so each letter and digit is said
    on its own (never "hook" for ``HK``, nor "seventy" for ``70``). Separators in the code
    (spaces, dashes) are dropped: they are not read.
    """
    return ", ".join(char for char in code.upper() if char.isalnum())
