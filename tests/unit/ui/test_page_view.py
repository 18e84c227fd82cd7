"""The page pane says when its text goes on below, and its scroll bar can be seen; its links
are big buttons under the text too.

A "More below" button (words and a down arrow) over a fade at the bottom of the text column
shows while there is more text below and goes at the end; a tap brings about one screenful.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Library, Page
from kiosk.content.render import PageRenderer
from kiosk.content.source import load_content
from kiosk.selftest.touch import touch_device
from kiosk.ui.i18n import UiLanguage
from kiosk.ui.page_browser import (
    MAX_LINK_BUTTON_CHARS,
    MAX_LINK_BUTTONS,
    LinkButton,
    PageBrowser,
    wrap_to,
)
from kiosk.ui.page_view import PageView
from kiosk.ui.palette import Palette
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import Picture
from tests.helpers import write_content
from tests.kiosk_fixtures import press_key, running_kiosk, settle
from tests.paths import BUNDLED_CONTENT

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


# --- Link buttons under the text --------------------------------------------------------------

LINKING_PAGES = ("welcome", "where-it-hurts", "hip-joint", "cartilage", "compensation")
"""Bundled pages whose text links on ("Next, see ..."); "ready" links to the form and sources."""
DISPLAY_PANES = {"small": SMALL_PANE, "landscape": LANDSCAPE_PANE, "portrait": PORTRAIT_PANE}
BUTTON_HTML = (
    "<p>Some text about the hip.</p><p>Next, see <a href='page:cartilage'>the smooth layer "
    "inside the joint</a>, or <a href='action:request-visit'>ask for a visit</a>; again "
    "<a href='page:cartilage'>the layer</a>.</p>"
)


def _browser(qtbot: QtBot, theme: Theme, size: QSize, root: Path) -> PageBrowser:
    browser = PageBrowser(theme.document_css(), root, theme=theme)
    browser.setStyleSheet(theme.stylesheet())
    browser.set_end_space(theme.spacing)
    qtbot.addWidget(browser)
    browser.resize(size)
    with qtbot.waitExposed(browser):
        browser.show()
    return browser


def _text_bottom(browser: PageBrowser) -> int:
    """The bottom of the last line of text, in viewport pixels."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition(browser.document().lastBlock().previous().position())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    return browser.cursorRect(cursor).bottom()


def test_each_place_the_text_links_to_is_a_big_button(qtbot: QtBot, tmp_path: Path) -> None:
    theme = Theme()
    browser = _browser(qtbot, theme, QSize(900, 900), tmp_path)
    browser.show_html(BUTTON_HTML)
    QApplication.processEvents()
    buttons = browser.link_buttons
    assert [(b.target, b.accessibleName()) for b in buttons] == [
        ("page:cartilage", "the smooth layer inside the joint"),
        ("action:request-visit", "ask for a visit"),
    ]
    assert [b.text() for b in buttons] == [b.accessibleName() for b in buttons]
    for button in buttons:
        assert button.isVisible() and button.height() >= theme.target >= 72
        assert button.y() > _text_bottom(browser), "under the text, not over it"
    with qtbot.waitSignal(browser.link_activated) as followed:
        QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert followed.args == ["page:cartilage"]
    browser.show_html("<p>No links here.</p>")
    assert browser.link_buttons == []
    browser.show_html(BUTTON_HTML)
    assert len(browser.link_buttons) == 2  # the buttons made before serve again


def test_no_theme_no_buttons(qtbot: QtBot, tmp_path: Path) -> None:
    browser = PageBrowser(Theme().document_css(), tmp_path)
    qtbot.addWidget(browser)
    browser.show_html(BUTTON_HTML)
    assert browser.link_buttons == [] and browser.findChildren(LinkButton) == []


def test_tab_goes_from_the_links_in_the_text_to_the_buttons_and_shows_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    theme = Theme()
    host = QWidget()
    qtbot.addWidget(host)
    browser = PageBrowser(theme.document_css(), tmp_path, host, theme=theme)
    after = QPushButton("After", host)
    host.setStyleSheet(theme.stylesheet())
    host.resize(700, 300)
    browser.setGeometry(0, 0, 700, 220)
    after.setGeometry(0, 230, 200, 60)
    with qtbot.waitExposed(host):
        host.show()
    long_text = "".join(f"<p>Line {n} of the text about the hip.</p>" for n in range(20))
    browser.show_html(long_text + BUTTON_HTML)
    QApplication.processEvents()
    first, second = browser.link_buttons
    assert first.y() > browser.viewport().height(), "below the visible part at first"
    browser.setFocus(Qt.FocusReason.TabFocusReason)
    stops: list[QWidget] = []
    for _ in range(5):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget() or host)
        if stops[-1] is first:
            assert browser.viewport().rect().contains(first.geometry()), "scrolled into view"
    assert stops == [browser, browser, first, second, after]  # two more links, the buttons
    QTest.keyClick(after, Qt.Key.Key_Backtab)
    QTest.keyClick(second, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is first
    QTest.keyClick(first, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is browser
    assert browser.textCursor().selectedText() == "the layer"  # the last link of the text


@pytest.mark.parametrize("step", [1, 2, 3])
@pytest.mark.parametrize("display", DISPLAY_PANES)
@pytest.mark.parametrize("language", ["en", "es"])
def test_link_buttons_fit_the_text_column(
    qtbot: QtBot, display: str, step: int, language: str
) -> None:
    """On each bundled page that links on, in the page pane at this size and step: each button
    whole, at least a touch target high, no words clipped, all below the text and all in view
    when the text is scrolled to its end."""
    theme = Theme().at_text_step(step)
    library = load_content(BUNDLED_CONTENT)
    pane = PageView(theme, PageRenderer(library))
    pane.setStyleSheet(theme.stylesheet())
    qtbot.addWidget(pane)
    pane.resize(DISPLAY_PANES[display])
    with qtbot.waitExposed(pane):
        pane.show()
    browser = pane.browser
    for slug in LINKING_PAGES:
        pane.show_page(_page(library, slug, language))
        QApplication.processEvents()
        buttons = browser.link_buttons
        assert len(buttons) == 1, slug
        bar = browser.verticalScrollBar()
        bar.setValue(bar.maximum())
        QApplication.processEvents()
        assert not pane.more_button.isVisible()
        for button in buttons:
            assert button.height() >= theme.target
            width = browser.viewport().width()
            assert button.sizeHint().width() <= button.width() <= width, button.text()
            assert browser.viewport().rect().contains(button.geometry()), (slug, button.text())
            assert button.y() > _text_bottom(browser), slug
            assert " ".join(button.text().split()) == button.accessibleName()


def test_a_hostile_page_of_links_keeps_its_buttons_bounded(qtbot: QtBot, tmp_path: Path) -> None:
    theme = Theme().at_text_step(3)
    browser = _browser(qtbot, theme, QSize(500, 700), tmp_path)
    words = " ".join(["longword"] * 2_000) + " " + "x" * 3_000
    links = "".join(f"<a href='page:p{n}'>{words if n == 0 else n}</a> " for n in range(2_000))
    started = time.monotonic()
    browser.show_html(f"<p>{links}</p>")
    QApplication.processEvents()
    assert time.monotonic() - started < 20.0  # a real freeze fails; a busy machine does not
    buttons = browser.link_buttons
    assert len(buttons) == MAX_LINK_BUTTONS
    assert len(buttons[0].accessibleName()) <= MAX_LINK_BUTTON_CHARS
    assert buttons[0].accessibleName().endswith("…")
    for button in buttons:
        assert button.sizeHint().width() <= browser.viewport().width()


def test_a_word_too_long_for_the_column_is_broken_inside(qtbot: QtBot, tmp_path: Path) -> None:
    theme = Theme().at_text_step(3)
    browser = _browser(qtbot, theme, QSize(300, 600), tmp_path)
    word = "Fisioterapeutaespecialista" * 2
    browser.show_html(f"<p><a href='page:long'>{word}</a></p>")
    QApplication.processEvents()
    (button,) = browser.link_buttons
    assert "\n" in button.text() and button.text().replace("\n", "") == word
    assert button.sizeHint().width() <= browser.viewport().width()


def test_a_button_taking_the_focus_is_shown_clear_of_the_fade(qtbot: QtBot, tmp_path: Path) -> None:
    theme = Theme()
    browser = _browser(qtbot, theme, QSize(700, 340), tmp_path)
    browser.set_cue(QPushButton("More below"), QColor("white"), gap=8, ramp=40)
    long_text = "".join(f"<p>Line {n} of the text about the hip.</p>" for n in range(20))
    browser.show_html(long_text + BUTTON_HTML)
    QApplication.processEvents()
    assert browser.more_below
    browser.link_buttons[1].setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert not browser.more_below and not browser.fade.isVisible()
    for button in browser.link_buttons:
        assert browser.viewport().rect().contains(button.geometry())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ", min_size=1, max_size=30),
        min_size=1,
        max_size=12,
    ),
    width=st.integers(160, 1200),
    step=st.integers(1, 3),
)
def test_wrapped_words_keep_every_letter_and_fit(
    qtbot: QtBot, words: list[str], width: int, step: int
) -> None:
    theme = Theme().at_text_step(step)
    button = QPushButton()
    button.setStyleSheet(theme.stylesheet())
    qtbot.addWidget(button)
    text = " ".join(words)
    wrapped = wrap_to(button, text, width)
    assert wrapped.replace("\n", "").replace(" ", "") == text.replace(" ", "")
    for line in wrapped.split("\n"):
        button.setText(line)
        assert len(line) == 1 or button.sizeHint().width() <= width, line


def test_in_the_kiosk_keys_reach_a_link_button_and_enter_follows_it(qtbot: QtBot) -> None:
    """By keys alone, as a patient with a keypad: Tab from the top of the page reaches the
    button under the text (scrolled into view), and Enter on it opens the page it names."""
    with running_kiosk(BUNDLED_CONTENT, size=(1366, 768), text_step=3) as kiosk:
        kiosk.show_view(kiosk.session.start())
        kiosk.show_view(kiosk.session.open_page("cartilage"))
        settle(kiosk)
        browser = kiosk.window.reader.slider.current.browser
        (button,) = browser.link_buttons
        for _ in range(30):
            if button.hasFocus():
                break
            press_key(kiosk, Qt.Key.Key_Tab)
        assert button.hasFocus(), "Tab never reached the button under the text"
        assert browser.viewport().rect().contains(button.geometry())
        press_key(kiosk, Qt.Key.Key_Return)
        view = kiosk.session.view
        assert view.page is not None and view.page.slug == "compensation"
