"""The theme's text steps are the session's: as many scales as a patient can step through."""

from __future__ import annotations

import pytest

from kiosk.session import TEXT_STEPS
from kiosk.ui.theme import Theme


def test_one_scale_per_session_text_step_growing() -> None:
    assert len(Theme.TEXT_STEPS) == TEXT_STEPS
    assert Theme.TEXT_STEPS[0] == 1.0 and list(Theme.TEXT_STEPS) == sorted(Theme.TEXT_STEPS)


@pytest.mark.parametrize("step", range(1, TEXT_STEPS + 1))
def test_a_theme_knows_its_step(step: int) -> None:
    assert Theme().at_text_step(step).text_step == step
