"""The out-of-service screen tells staff how many content problems there are, in words that
read right for one and for many."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.ui.out_of_service import OutOfServiceScreen
from kiosk.ui.theme import Theme


@pytest.mark.parametrize(("count", "words"), [(1, "(1 problem in"), (3, "(3 problems in")])
def test_the_staff_line_counts_the_problems(qtbot: QtBot, count: int, words: str) -> None:
    screen = OutOfServiceScreen(Theme())
    qtbot.addWidget(screen)
    screen.set_problem_count(count)
    texts = [label.text() for label in screen.findChildren(QLabel)]
    assert any(words in text for text in texts), texts
