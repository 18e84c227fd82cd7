"""Read-aloud without Qt: what the kiosk says for a screen, as a script of utterances.

:mod:`kiosk.speech.script` turns pages and reference codes into :class:`Utterance` sequences;
the engine wrapper that speaks them is :mod:`kiosk.ui.read_aloud`.
"""

from kiosk.speech.script import Script, Utterance, page_script, plain_paragraphs, spell

__all__ = ["Script", "Utterance", "page_script", "plain_paragraphs", "spell"]
