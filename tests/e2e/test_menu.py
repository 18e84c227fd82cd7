"""The topic menu by touch on every display: a tile opens its page at the first tap, even
right after "Touch to start", when the list is long enough to scroll."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.selftest.touch import tap, wait_until
from tests.kiosk_fixtures import running_kiosk, tile_for
from tests.paths import BUNDLED_CONTENT

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1280, 800), (1080, 1920)])
def test_a_tile_opens_at_the_first_tap_after_start(qtbot: QtBot, size: tuple[int, int]) -> None:
    with running_kiosk(BUNDLED_CONTENT, size=size) as kiosk:
        tap(kiosk.window.attract.start_button)
        tap(tile_for(kiosk, "hip-joint"))  # within the double-click time of the first tap
        assert wait_until(lambda: kiosk.session.view.page is not None, 1000)
        page = kiosk.session.view.page
        assert page is not None and page.slug == "hip-joint"
