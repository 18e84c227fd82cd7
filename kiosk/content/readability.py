"""Reading level of a page, so staff see when wording drifts above what patients can read.

English pages aim at US grade 6 or below on the Flesch-Kincaid scale; Spanish pages at 70 or
more on Fernández-Huerta's reading-ease scale (easy). Both use textstat (syllables from
pyphen's dictionaries, no network). Only the body text is measured: Markdown marks and link
targets are removed, and each paragraph, heading and bullet counts as a sentence of its own,
because that is how a reader takes them in.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from textstat.textstat import textstatistics


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    locale: str
    measure: Callable[[textstatistics, str], float]
    target: float
    higher_is_easier: bool

    def meets(self, score: float) -> bool:
        return score >= self.target if self.higher_is_easier else score <= self.target

    def describe(self, score: float) -> str:
        if self.higher_is_easier:
            return f"{self.name} {score:.0f} (target {self.target:.0f} or more)"
        return f"{self.name} {score:.1f} (target {self.target:.0f} or below)"


SCALES: dict[str, Scale] = {
    "en": Scale("Flesch-Kincaid grade", "en_US", textstatistics.flesch_kincaid_grade, 6.0, False),
    "es": Scale("Fernández-Huerta ease", "es", textstatistics.fernandez_huerta, 70.0, True),
}
"""Reading-level scale per base language code; other languages are not measured."""


@dataclass(frozen=True, slots=True)
class ReadingLevel:
    scale: Scale
    score: float
    words: int

    @property
    def ok(self) -> bool:
        return self.scale.meets(self.score)

    def describe(self) -> str:
        return self.scale.describe(self.score)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|_|`)")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_ENDS_SENTENCE = re.compile(r"[.!?:;…]$")
_lock = threading.Lock()


def plain_text(markdown_text: str) -> str:
    """The words a patient reads, one sentence-ending per paragraph, heading or bullet."""
    sentences: list[str] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            text = " ".join(paragraph).strip()
            if text:
                sentences.append(text if _ENDS_SENTENCE.search(text) else text + ".")
            paragraph.clear()

    for raw in markdown_text.splitlines():
        line = _MARKS.sub("", _LINK.sub(r"\1", raw)).strip()
        if not line:
            close()
            continue
        if _BLOCK_START.match(raw):
            close()
            line = _BLOCK_START.sub("", _MARKS.sub("", _LINK.sub(r"\1", raw))).strip()
        paragraph.append(line)
    close()
    return " ".join(sentences)


@cache
def _statistics(locale: str) -> textstatistics:
    statistics = textstatistics()
    statistics.set_lang(locale)
    return statistics


def scale_for(language: str) -> Scale | None:
    return SCALES.get(language.split("-")[0].lower())


def reading_level(markdown_text: str, language: str) -> ReadingLevel | None:
    """The page's level on its language's scale; None when the language has no scale."""
    scale = scale_for(language)
    if scale is None:
        return None
    text = plain_text(markdown_text)
    with _lock:  # textstat caches per instance and is not thread-safe
        statistics = _statistics(scale.locale)
        words = statistics.lexicon_count(text)
        score = scale.measure(statistics, text) if words else 0.0
    return ReadingLevel(scale, float(score), words)
