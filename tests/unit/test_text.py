"""one_line: any text becomes one short line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.text import one_line


def test_examples() -> None:
    assert one_line("  Connection\nrefused\t(111) ", 200) == "Connection refused (111)"
    assert one_line("abcdef", 3) == "abc"
    assert one_line("ab  cd", 3) == "ab "  # cut after squeezing, not stripped again
    assert one_line("", 10) == ""
    assert one_line(" \n\t ", 10) == ""


@given(st.text(), st.integers(min_value=0, max_value=300))
def test_any_text_becomes_one_capped_line(text: str, limit: int) -> None:
    line = one_line(text, limit)
    assert len(line) <= limit
    assert not line.startswith(" ") and "  " not in line
    assert all(char == " " or not char.isspace() for char in line)  # no newline, no tab
    assert " ".join(text.split()).startswith(line)  # only cut, never changed
    # Once more changes nothing, except a space the cut left at the end (see the examples).
    assert one_line(line, limit) == line.removesuffix(" ")
