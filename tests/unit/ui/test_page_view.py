"""The page pane says when its text goes on below, and its scroll bar can be seen.

A "More below" button (words and a down arrow) over a fade at the bottom of the text column
shows while there is more text below and goes at the end; a tap brings about one screenful.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Library, Page
from kiosk.content.render import PageRenderer
from kiosk.content.source import load_content
from kiosk.selftest.touch import touch_device
from kiosk.ui.i18n import UiLanguage
from kiosk.ui.page_view import PageView
from kiosk.ui.palette import Palette
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import Picture
from tests.helpers import write_content

LANDSCAPE_PANE = QSize(1920, 840)
"""About the page area of the reader at 1920x1080 (between the top and the navigation bars)."""
PORTRAIT_PANE = QSize(1080, 1680)
PANES = {"landscape": LANDSCAPE_PANE, "portrait": PORTRAIT_PANE}
SMALL_PANE = QSize(1366, 530)
"""About the page area at 1366x768, the smallest screen the kiosk supports."""
NON_TEXT_CONTRAST = 3.0
"""WCAG 2.2 SC 1.4.11: parts of a control needed to see it and its state, against what is beside."""


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two opaque colours, from 1 (same) to 21 (black on white)."""

    def luminance(colour: QColor) -> float:
        def linear(channel: float) -> float:
            if channel <= 0.04045:
                return channel / 12.92
            return float(((channel + 0.055) / 1.055) ** 2.4)

        return (
            0.2126 * linear(colour.redF())
            + 0.7152 * linear(colour.greenF())
            + 0.0722 * linear(colour.blueF())
        )

    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#C9BFA9"), QColor("#FBF7EF")) == pytest.approx(1.71, abs=0.01)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return load_content(write_content(tmp_path / "content"))


def _page(library: Library, slug: str, language: str = "en") -> Page:
    deck = library.deck(language)
    assert deck is not None
    page = deck.page(slug)
    assert page is not None
    return page


@pytest.fixture
def make_pane(qtbot: QtBot, library: Library) -> Iterator[PageView]:
    theme = Theme()
    pane = PageView(theme, PageRenderer(library))
    pane.setStyleSheet(theme.stylesheet())
    qtbot.addWidget(pane)
    pane.resize(LANDSCAPE_PANE)
    with qtbot.waitExposed(pane):
        pane.show()
    yield pane


def _show(pane: PageView, library: Library, slug: str, size: QSize | None = None) -> None:
    if size is not None:
        pane.resize(size)
    pane.show_page(_page(library, slug))
    QApplication.processEvents()


def _cue_showing(pane: PageView) -> bool:
    browser = pane.browser
    shown = (pane.more_button.isVisible(), browser.fade.isVisible(), browser.more_below)
    assert len(set(shown)) == 1, f"button, fade and state disagree: {shown}"
    return shown[0]


@pytest.mark.parametrize("shape", PANES)
def test_cue_shows_on_a_long_page_only(make_pane: PageView, library: Library, shape: str) -> None:
    _show(make_pane, library, "third", PANES[shape])
    assert make_pane.browser.verticalScrollBar().maximum() > 0, "the long page must overflow"
    assert _cue_showing(make_pane)
    _show(make_pane, library, "second")
    assert make_pane.browser.verticalScrollBar().maximum() == 0
    assert not _cue_showing(make_pane)


@pytest.mark.parametrize("shape", PANES)
def test_cue_goes_at_the_end_and_comes_back_above_it(
    make_pane: PageView, library: Library, shape: str
) -> None:
    _show(make_pane, library, "third", PANES[shape])
    bar = make_pane.browser.verticalScrollBar()
    changes: list[bool] = []
    make_pane.browser.more_below_changed.connect(changes.append)
    bar.setValue(bar.maximum())
    assert not _cue_showing(make_pane)
    bar.setValue(bar.maximum() - 1)
    assert _cue_showing(make_pane)
    assert changes == [False, True]


def test_cue_follows_keys(make_pane: PageView, library: Library) -> None:
    _show(make_pane, library, "third")
    bar = make_pane.browser.verticalScrollBar()
    QTest.keyClick(make_pane.browser, Qt.Key.Key_Space)  # a read-only text's "page down"
    assert bar.value() > 0
    assert _cue_showing(make_pane)
    for _ in range(200):
        if bar.value() == bar.maximum():
            break
        QTest.keyClick(make_pane.browser, Qt.Key.Key_Space)
    assert bar.value() == bar.maximum()
    assert not _cue_showing(make_pane)


def test_cue_follows_a_resize(make_pane: PageView, library: Library) -> None:
    _show(make_pane, library, "second", QSize(1920, 240))  # a short page in a low box
    assert make_pane.browser.verticalScrollBar().maximum() > 0
    assert _cue_showing(make_pane)
    make_pane.resize(PORTRAIT_PANE)
    QApplication.processEvents()
    assert not _cue_showing(make_pane)


def test_a_new_page_starts_at_the_top_with_its_cue(make_pane: PageView, library: Library) -> None:
    _show(make_pane, library, "third")
    bar = make_pane.browser.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert not _cue_showing(make_pane)
    _show(make_pane, library, "first")
    _show(make_pane, library, "third")
    assert bar.value() == 0
    assert _cue_showing(make_pane)


@pytest.mark.parametrize("shape", [*PANES, "small"])
def test_the_button_lies_on_the_fade_only(
    make_pane: PageView, library: Library, shape: str
) -> None:
    _show(make_pane, library, "third", PANES.get(shape, SMALL_PANE))
    browser, button = make_pane.browser, make_pane.more_button
    fade, viewport = browser.fade.geometry(), browser.viewport().geometry()
    assert button.parentWidget() is browser
    assert fade.contains(button.geometry()), "the button may only cover the faded lines"
    assert viewport.contains(fade)
    assert fade.bottom() == viewport.bottom()
    assert fade.width() == viewport.width()
    assert fade.height() <= viewport.height() * 0.4, "most of the text stays clear"
    assert abs(button.geometry().center().x() - viewport.center().x()) <= 1
    assert button.height() >= Theme.MIN_TOUCH_TARGET
    assert button.width() >= Theme.MIN_TOUCH_TARGET


def test_the_button_says_it_in_words_and_with_an_arrow(
    make_pane: PageView, library: Library
) -> None:
    _show(make_pane, library, "third")
    button = make_pane.more_button
    assert button.text() == "More below"
    assert button.accessibleName() == "Scroll down to read more"
    assert not button.icon().isNull()


def test_the_button_speaks_the_patients_language(
    qtbot: QtBot, make_pane: PageView, library: Library
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = UiLanguage(app)
    _show(make_pane, library, "third")
    width_en = make_pane.more_button.width()
    try:
        language.set_language("es")
        qtbot.waitUntil(lambda: make_pane.more_button.text() == "Más abajo")
        assert make_pane.more_button.accessibleName() == "Bajar el texto para leer más"
        # Re-centred for the new words, still on the fade.
        qtbot.waitUntil(lambda: make_pane.more_button.width() != width_en)
        assert make_pane.browser.fade.geometry().contains(make_pane.more_button.geometry())
    finally:
        language.set_language("en")
    qtbot.waitUntil(lambda: make_pane.more_button.text() == "More below")


def test_more_below_turns_about_one_screenful(make_pane: PageView, library: Library) -> None:
    make_pane.animations_enabled = False
    _show(make_pane, library, "third")
    browser = make_pane.browser
    bar = browser.verticalScrollBar()
    make_pane.more_button.click()
    step = browser.viewport().height() - browser.fade.height()
    assert bar.value() == step, "the lines that lay under the fade are now at the top"
    assert step > browser.viewport().height() // 2


def test_more_below_glides_when_animations_are_on(
    qtbot: QtBot, make_pane: PageView, library: Library
) -> None:
    _show(make_pane, library, "third")
    browser = make_pane.browser
    bar = browser.verticalScrollBar()
    step = browser.viewport().height() - browser.fade.height()
    seen: list[int] = []
    bar.valueChanged.connect(seen.append)
    make_pane.more_button.click()
    assert bar.value() < step, "not a jump"
    qtbot.waitUntil(lambda: bar.value() == step)
    assert len(seen) > 2, "the text moved in several steps"


def test_a_second_tap_mid_glide_goes_on_from_where_the_first_was_going(
    qtbot: QtBot, make_pane: PageView, library: Library
) -> None:
    _show(make_pane, library, "third")
    browser = make_pane.browser
    bar = browser.verticalScrollBar()
    step = browser.viewport().height() - browser.fade.height()
    make_pane.more_button.click()
    qtbot.waitUntil(lambda: bar.value() > 0)
    make_pane.more_button.click()
    qtbot.waitUntil(lambda: bar.value() == 2 * step)


def test_more_below_stops_at_the_end_and_the_last_line_reads_clear(
    make_pane: PageView, library: Library
) -> None:
    make_pane.animations_enabled = False
    _show(make_pane, library, "third", PORTRAIT_PANE)
    browser = make_pane.browser
    bar = browser.verticalScrollBar()
    taps = 0
    while make_pane.more_button.isVisible():
        make_pane.more_button.click()
        taps += 1
        assert taps < 50
    assert taps > 1
    assert bar.value() == bar.maximum()
    assert not _cue_showing(make_pane)
    end = QTextCursor(browser.document())
    end.movePosition(QTextCursor.MoveOperation.End)
    end.movePosition(QTextCursor.MoveOperation.PreviousBlock)  # past the empty end-space block
    end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    last_line = browser.cursorRect(end)
    assert browser.viewport().rect().contains(last_line)
    assert browser.viewport().height() - last_line.bottom() >= Theme().spacing // 2


def _drag(widget: QWidget, start: QPoint, dy: int, steps: int = 12) -> None:
    """One finger from ``start`` (in ``widget``) straight up or down by ``dy``."""
    window = widget.window()
    at = widget.mapTo(window, start)
    device = touch_device()
    QTest.touchEvent(window, device).press(0, at, window).commit()
    QApplication.processEvents()
    for step in range(1, steps + 1):
        QTest.qWait(16)
        QTest.touchEvent(window, device).move(
            0, at + QPoint(0, dy * step // steps), window
        ).commit()
        QApplication.processEvents()
    QTest.touchEvent(window, device).release(0, at + QPoint(0, dy), window).commit()
    QApplication.processEvents()


def test_a_swipe_that_starts_on_the_fade_scrolls_the_text(
    qtbot: QtBot, make_pane: PageView, library: Library
) -> None:
    _show(make_pane, library, "third")
    browser = make_pane.browser
    fade = browser.fade.geometry()
    start = QPoint(browser.viewport().geometry().left() + 40, fade.top() + 20)
    assert not make_pane.more_button.geometry().contains(start)
    _drag(browser, start, dy=-300)
    qtbot.waitUntil(lambda: browser.verticalScrollBar().value() > 0)


# --- the scroll bar -------------------------------------------------------------------------


def _palette_name(colour: QColor) -> str:
    """Which palette colour this pixel is; fails on a colour the theme does not define."""
    palette = Palette()
    for field in fields(palette):
        value = getattr(palette, field.name)
        if QColor(value).rgb() == colour.rgb():
            return field.name
    raise AssertionError(f"{colour.name()} is not a palette colour")


@pytest.mark.parametrize("shape", PANES)
def test_scroll_bar_is_wide_and_stands_out(
    make_pane: PageView, library: Library, shape: str
) -> None:
    theme = Theme()
    _show(make_pane, library, "third", PANES[shape])
    bar = make_pane.browser.verticalScrollBar()
    assert bar.isVisible()
    assert bar.width() >= theme.px(12)
    image = make_pane.grab().toImage()
    box = QRect(bar.mapTo(make_pane, QPoint(0, 0)), bar.size())
    x = box.center().x()
    drawn = {
        "handle": image.pixelColor(x, box.top() + theme.px(30)),  # at the top: not scrolled yet
        "groove": image.pixelColor(x, box.bottom() - theme.px(20)),
        "edge": image.pixelColor(box.left(), box.center().y()),
        "page": image.pixelColor(box.left() - 4, box.center().y()),  # between text and bar
    }
    names = {part: _palette_name(colour) for part, colour in drawn.items()}
    assert names["page"] == "background"
    assert contrast_ratio(drawn["handle"], drawn["groove"]) >= NON_TEXT_CONTRAST, names
    assert contrast_ratio(drawn["handle"], drawn["page"]) >= NON_TEXT_CONTRAST, names
    assert contrast_ratio(drawn["edge"], drawn["page"]) >= NON_TEXT_CONTRAST, names


@pytest.mark.parametrize("shape", ["landscape", "portrait"])
def test_a_page_without_its_picture_keeps_a_readable_measure(
    make_pane: PageView, library: Library, shape: str
) -> None:
    """The picture was refused at the load (illustration None): no empty box, and the text does
    not run the whole width of a landscape screen (about 75 characters a line at most)."""
    import dataclasses

    from kiosk.ui.page_view import READING_MEASURE_PX

    page = _page(library, "second")
    assert page.illustration is not None
    make_pane.resize(PANES[shape])
    make_pane.show_page(page)
    QApplication.processEvents()
    with_picture = make_pane.browser.width()
    picture = make_pane.findChild(Picture)
    assert picture is not None and picture.isVisible()
    make_pane.show_page(dataclasses.replace(page, illustration=None))
    QApplication.processEvents()
    assert not picture.isVisible()
    width = make_pane.browser.width()
    assert width <= make_pane._theme.px(READING_MEASURE_PX)
    assert make_pane.browser.x() <= make_pane._theme.margin  # under the title, not centred
    make_pane.show_page(page)  # the picture back: the text beside or under it as before
    QApplication.processEvents()
    assert picture.isVisible() and make_pane.browser.width() == with_picture
