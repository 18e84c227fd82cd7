"""A page to take home: each page with a ``home_url`` shows a QR code that a phone reads back as
exactly that address, in both palettes and at every text step, and the page still fits.

The code is read from a grab of the widget by a real QR reader (zxing-cpp), as a phone would.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import KioskApp
from kiosk.content.pagefile import MAX_HOME_URL_CHARS
from kiosk.ui.page_view import TEXT_COLUMN_PX, PageView
from kiosk.ui.qr_code import (
    CODE_DARK,
    CODE_LIGHT,
    QR_SIDE_PX,
    QUIET_ZONE_MODULES,
    QrCode,
    TakeHomeCode,
    code_matrix,
)
from kiosk.ui.theme import Theme
from tests.kiosk_fixtures import running_kiosk
from tests.paths import BUNDLED_CONTENT

DISPLAYS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1366, 768)}
TIME_GUARD_S = 2.0
"""Loose bound for making and painting the largest code allowed."""
MIN_SIDE_PX = 180
"""The smallest the code may be drawn (logical pixels) so that a phone reads it."""
TOLERANCE_PX = 1
NO_ROOM = {("small", 2), ("small", 3)}
"""Where the page has no room for the code beside or under its text: at 1366x768 with larger
text the text column is already at its narrowest and a code above it would leave a few lines."""


def _address(slug: str) -> str:
    return f"https://clinic.example/home/{slug}?from=kiosk"


def _content_with_addresses(folder: Path, *, skip: str = "") -> Path:
    """A copy of the bundled pages, each (but ``skip``) with a ``home_url`` of its own."""
    root = shutil.copytree(BUNDLED_CONTENT, folder)
    for page in root.glob("*/*.md"):
        slug = page.stem.split("-", 1)[1]
        if slug == skip:
            continue
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("---\n", f"---\nhome_url: {_address(slug)}\n", 1), "utf-8")
    return root


def _read(widget: QWidget) -> list[str]:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    # Not inverted: a phone's reader may not try light-on-dark, so the test does not either.
    return [found.text for found in zxingcpp.read_barcodes(image, try_invert=False)]


def _pane(kiosk: KioskApp) -> PageView:
    return kiosk.window.reader.slider.current


def _open(kiosk: KioskApp, slug: str) -> PageView:
    kiosk.show_view(kiosk.session.start())
    kiosk.show_view(kiosk.session.open_page(slug))
    QApplication.processEvents()
    return _pane(kiosk)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "contrast"])
@pytest.mark.parametrize("step", [1, 3])
def test_the_code_reads_back_as_the_pages_address(
    qtbot: QtBot, tmp_path: Path, step: int, high_contrast: bool
) -> None:
    root = _content_with_addresses(tmp_path / "content")
    with running_kiosk(root, text_step=step, high_contrast=high_contrast) as kiosk:
        for slug in ("welcome", "hip-joint"):
            pane = _open(kiosk, slug)
            code = pane.home_code.code
            assert pane.home_code.isVisible() and code.isVisible()
            assert _read(code) == [_address(slug)]
            assert code.accessibleName() == "QR code: scan to read this page at home"
            assert pane.home_code.caption.text() == "Scan to read this at home"
            assert pane.home_code.caption.isVisible()


def test_no_code_without_an_address(qtbot: QtBot, tmp_path: Path) -> None:
    root = _content_with_addresses(tmp_path / "content", skip="cartilage")
    with running_kiosk(root) as kiosk:
        assert _open(kiosk, "hip-joint").home_code.isVisible()
        pane = _open(kiosk, "cartilage")
        assert not pane.home_code.isVisible()
        assert pane.home_code.code.address is None


def test_the_code_keeps_its_white_square_on_the_dark_palette(qtbot: QtBot) -> None:
    code = QrCode()
    qtbot.addWidget(code)
    code.setStyleSheet(Theme().with_contrast(True).stylesheet())
    code.set_address(_address("welcome"))
    image = code.grab().toImage()
    colours = {
        image.pixelColor(x, y).name().upper()
        for x in range(0, QR_SIDE_PX, 3)
        for y in (0, QR_SIDE_PX // 2)
    }
    assert colours <= {CODE_LIGHT, CODE_DARK}
    for corner in (QPoint(0, 0), QPoint(QR_SIDE_PX - 1, QR_SIDE_PX - 1)):
        assert image.pixelColor(corner) == QColor(CODE_LIGHT)


def test_modules_are_whole_pixels_with_a_quiet_zone(qtbot: QtBot) -> None:
    """Every module is the same whole number of pixels, with no grey edge (no smoothing), and
    four light modules round the code."""
    code = QrCode()
    qtbot.addWidget(code)
    address = _address("compensation")
    code.set_address(address)
    matrix = code_matrix(address)
    module = code.module_pixels()
    assert module >= 2 and code.modules == len(matrix)
    image = code.grab().toImage()
    greys = {
        image.pixelColor(x, y).name().upper() for x in range(QR_SIDE_PX) for y in range(QR_SIDE_PX)
    }
    assert greys == {CODE_LIGHT, CODE_DARK}
    left = (QR_SIDE_PX - module * len(matrix)) // 2
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            box = QRect(left + x * module, left + y * module, module, module)
            seen = {image.pixelColor(p).name().upper() for p in (box.topLeft(), box.bottomRight())}
            assert seen == {CODE_DARK if dark else CODE_LIGHT}, (x, y)
    border = matrix[:QUIET_ZONE_MODULES] + matrix[-QUIET_ZONE_MODULES:]
    assert not any(any(row) for row in border)
    assert not any(any(row[:QUIET_ZONE_MODULES] + row[-QUIET_ZONE_MODULES:]) for row in matrix)


def test_the_longest_address_allowed_reads_and_is_made_fast(qtbot: QtBot) -> None:
    address = "https://clinic.example/" + "a" * (
        MAX_HOME_URL_CHARS - len("https://clinic.example/")
    )
    code = QrCode()
    qtbot.addWidget(code)
    start = time.perf_counter()
    code.set_address(address)
    image_holder = code.grab()
    assert time.perf_counter() - start < TIME_GUARD_S
    assert not image_holder.isNull()
    assert code.module_pixels() >= 2
    assert _read(code) == [address]


def test_the_caption_is_translatable_and_set_again_on_a_language_change(qtbot: QtBot) -> None:
    block = TakeHomeCode(Theme())
    qtbot.addWidget(block)
    block.caption.setText("")
    block.retranslate()
    assert block.caption.text() == "Scan to read this at home"


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    box = QRect(top_left, widget.size())
    return window.rect().adjusted(-TOLERANCE_PX, -TOLERANCE_PX, 1, 1).contains(box)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("display", DISPLAYS)
def test_the_code_fits_beside_or_under_the_text(
    qtbot: QtBot, tmp_path: Path, display: str, step: int, language: str
) -> None:
    width, height = DISPLAYS[display]
    root = _content_with_addresses(tmp_path / "content")
    with running_kiosk(root, size=(width, height), text_step=step) as kiosk:
        kiosk.show_view(kiosk.session.set_language(language))
        for slug in ("welcome", "compensation", "sources"):
            pane = _open(kiosk, slug)
            deck = kiosk.session.view.deck
            assert deck is not None and deck.language == language
            window = kiosk.window
            minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
            assert minimum.width() <= width and minimum.height() <= height, slug
            assert window.size().toTuple() == (width, height)
            block = pane.home_code
            if (display, step) in NO_ROOM:
                assert not block.isVisible(), slug
                continue
            assert block.isVisible(), f"{slug}: no code at {display} step {step}"
            assert block.code.width() >= MIN_SIDE_PX and block.code.height() >= MIN_SIDE_PX
            assert _inside(block, window) and _inside(pane.browser, window)
            caption = block.caption
            assert caption.heightForWidth(caption.width()) <= caption.height() + TOLERANCE_PX
            code_box = QRect(block.mapTo(pane, QPoint(0, 0)), block.size())
            text_box = QRect(pane.browser.mapTo(pane, QPoint(0, 0)), pane.browser.size())
            assert not code_box.intersects(text_box), slug
            assert pane.browser.width() >= Theme().at_text_step(step).px(TEXT_COLUMN_PX) - 1
