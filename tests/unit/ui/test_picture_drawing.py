"""Drawing pictures: what passed the check draws at full screen in bounded time; a file that
changed after the load (garbage, a bomb) draws nothing at all, is never decoded, logs once."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.content.images import kiosk_image_url
from kiosk.ui.page_browser import PageBrowser
from kiosk.ui.picture_draw import render_picture
from kiosk.ui.widgets import Picture
from tests.paths import BUNDLED_CONTENT
from tests.unit.content.picture_files import png_claiming, qt_jpeg, real_png, use_fan_out

FULL_SCREEN = QSize(1920, 1080)
GUARD_S = 5.0
"""Generous guard per draw (target 100 ms: tests/benchmarks/pictures.py measures it)."""


def _refusals(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage().startswith("picture not drawn")]


def _pixels(image: QImage, colour: QColor, *, other: bool = False) -> int:
    """How many sampled pixels are (``other``: are not) ``colour``."""
    step = max(1, image.width() // 64)
    return sum(
        (image.pixelColor(x, y) == colour) != other
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


def test_every_bundled_picture_draws_at_full_screen(qtbot: QtBot) -> None:
    for path in sorted((BUNDLED_CONTENT / "images").glob("*.svg")):
        started = time.perf_counter()
        drawn = render_picture(path, FULL_SCREEN, 1.0)
        assert time.perf_counter() - started < GUARD_S, path.name
        assert not drawn.isNull(), path.name
        assert drawn.width() == 1920 or drawn.height() == 1080, path.name


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_png_and_jpeg_draw_scaled_to_fit(qtbot: QtBot, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"photo{suffix}"
    path.write_bytes(real_png(400, 300) if suffix == ".png" else qt_jpeg(4000, 3000))
    drawn = render_picture(path, QSize(800, 600), 2.0)
    assert not drawn.isNull()
    assert drawn.devicePixelRatio() == 2.0
    assert (drawn.width(), drawn.height()) == (1600, 1200)


def test_a_picture_replaced_by_garbage_after_the_load_draws_nothing_and_logs_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "hip.png"
    path.write_bytes(real_png(200, 100))
    picture = Picture()
    qtbot.addWidget(picture)
    picture.resize(400, 200)
    picture.set_picture(path, "The hip")
    picture.show()
    qtbot.waitExposed(picture)
    black = QColor("black")
    assert _pixels(picture.grab().toImage(), black) > 100  # the PNG's pixels are black
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3000))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    with caplog.at_level(logging.WARNING):
        for size in (QSize(401, 200), QSize(402, 200)):  # a new size redraws from the file
            picture.resize(size)
            grabbed = picture.grab().toImage()
    assert render_picture(path, QSize(100, 100), 1.0).isNull()
    refusals = _refusals(caplog)
    assert len(refusals) == 1
    assert '"hip.png" is damaged' in refusals[0].getMessage()
    assert _pixels(grabbed, black) == 0  # nothing drawn: no picture, no box


def test_a_png_bomb_put_in_place_after_the_load_is_never_decoded(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A header just under Qt's 256 MB limit (8000 x 8000 RGBA): refused before any decode."""
    path = tmp_path / "bomb.png"
    path.write_bytes(png_claiming(8000, 8000))
    with caplog.at_level(logging.WARNING):
        started = time.perf_counter()
        drawn = render_picture(path, FULL_SCREEN, 1.0)
        seconds = time.perf_counter() - started
    assert drawn.isNull()
    assert seconds < 1.0
    assert "8000 x 8000 pixels" in _refusals(caplog)[0].getMessage()


def test_an_svg_changed_into_a_fan_out_is_not_drawn(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "hip.svg"
    path.write_text(use_fan_out(), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        started = time.perf_counter()
        assert render_picture(path, FULL_SCREEN, 1.0).isNull()
    assert time.perf_counter() - started < 1.0
    assert "<use> copies" in _refusals(caplog)[0].getMessage()


def test_page_text_shows_no_broken_picture_icon_for_a_refused_picture(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Qt draws its broken-file icon for an image it cannot load: the browser gives it a clear
    image instead, so the page shows blank space and its text, never a broken picture."""
    root = tmp_path / "content"
    root.mkdir()
    path = root / "hip.png"
    path.write_bytes(real_png(300, 150))
    browser = PageBrowser("", root)
    qtbot.addWidget(browser)
    browser.resize(600, 400)
    browser.setStyleSheet("background: white;")
    path.write_bytes(b"not a picture any more")
    html = f'<p><img src="{kiosk_image_url(path)}" width="300" height="150"></p><p>Text.</p>'
    browser.show_html(html)
    browser.show()
    qtbot.waitExposed(browser)
    image = browser.viewport().grab().toImage()
    picture_area = image.copy(0, 0, 300, 150)
    assert _pixels(picture_area, QColor("white"), other=True) == 0
