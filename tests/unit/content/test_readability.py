"""Reading-level measurement: what text is measured and on which scale."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.content.readability import plain_text, reading_level, scale_for


def test_markdown_marks_and_link_targets_are_not_read() -> None:
    text = plain_text(
        "## Your hip\n\nSee **the** [next page](page:cartilage) now\n\n- one\n- two\n"
    )
    assert text == "Your hip. See the next page now. one. two."


def test_existing_sentence_ends_are_kept() -> None:
    assert plain_text("Is it you?\n\nYes!\n\nA list:\n- item\n") == "Is it you? Yes! A list: item."


def test_english_scale_is_grade_and_spanish_is_ease() -> None:
    english = reading_level("The hip is a ball in a cup. It lets you walk.", "en")
    spanish = reading_level("La cadera es una bola en una taza. Le deja caminar.", "es-MX")
    assert english is not None and english.ok and english.score <= 6
    assert spanish is not None and spanish.ok and spanish.score >= 70
    assert scale_for("fr") is None
    assert reading_level("Bonjour.", "fr") is None


def test_long_words_and_sentences_raise_the_grade() -> None:
    easy = reading_level("The hip is a ball in a cup. It lets you walk.", "en")
    hard = reading_level(
        "Osteoarthritic degeneration of acetabular cartilage constitutes a predominant "
        "aetiological determinant of persistent coxalgia in individuals of advancing age.",
        "en",
    )
    assert easy is not None and hard is not None
    assert hard.score > easy.score + 6
    assert not hard.ok


def test_empty_text_is_measured_as_nothing() -> None:
    level = reading_level("   \n\n", "en")
    assert level is not None and level.words == 0


@given(st.text(max_size=400), st.sampled_from(["en", "es", "es-419", "fr", "EN"]))
def test_any_text_in_any_language_never_crashes(text: str, language: str) -> None:
    level = reading_level(text, language)
    if level is not None:
        assert level.words >= 0
        assert isinstance(level.describe(), str)
