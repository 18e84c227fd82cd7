"""The staff panel: what it shows (all of the report, nothing else), how values are worded,
every signal from a real click, the idle close, the keys, the exit question, the fit at every
display and text step, and hostile reports that would freeze it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.staff.report import Kind, Line, Section, StaffReport, UsageTable
from kiosk.ui.keys import Action
from kiosk.ui.palette import HIGH_CONTRAST, STANDARD, contrast_ratio
from kiosk.ui.staff_controls import MAX_EXPORT_FOLDERS
from kiosk.ui.staff_pages import (
    BREAK,
    BREAK_EVERY,
    MAX_LINES,
    MAX_SHOWN_CHARS,
    MAX_USAGE_ROWS,
    age_text,
    breakable,
    time_text,
    value_text,
)
from kiosk.ui.staff_panel import MAX_CHANNELS, PAGES, StaffPanel
from kiosk.ui.theme import Theme, load_bundled_fonts

DISPLAYS = {"landscape": (1920, 1080), "portrait": (1080, 1920), "small": (1366, 768)}
TOLERANCE_PX = 1
LONG_IDLE_MS = 600_000
"""An idle time no test waits out."""
HEADER = ("What", "Which", "Today", "Last 7 days", "Last 30 days", "All days kept")


_WINDOWS: list[QWidget] = []
"""The windows the panels cover, kept for the test (qtbot holds its widgets weakly)."""


@pytest.fixture(autouse=True)
def _windows_kept() -> Iterator[None]:
    yield
    _WINDOWS.clear()


@pytest.fixture(autouse=True)
def _english_dates() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def _report(problems: int = 2, problem_chars: int = 40, usage_rows: int = 3) -> StaffReport:
    """A report whose every text value is distinctive (``v-...``), so its words can be found."""
    problem = "v-problem {0} <b>not bold</b> & " + "word " * (problem_chars // 5)
    return StaffReport(
        content=Section(
            "Content",
            (
                Line("Folder", "v-folder/srv/kiosk/content"),
                Line("Loaded", None, Kind.TIME),
                Line("Pages", 42, Kind.COUNT),
                Line("Past review date", 3, Kind.COUNT, attention=True),
            ),
            tuple(problem.format(i)[:problem_chars] for i in range(problems)),
        ),
        requests=Section(
            "Requests",
            (
                Line("Waiting", 2, Kind.COUNT),
                Line("Oldest waiting", 7500.0, Kind.AGE),
                Line("Last delivery", None, Kind.TIME),
            ),
        ),
        kiosk=Section(
            "This kiosk",
            (Line("Version", "v-version-0.1.0"), Line("Kiosk mode", True, Kind.YES_NO)),
            ("v-settings problem",),
        ),
        usage=UsageTable(
            HEADER,
            tuple(
                ("Page views", f"v-page-{i}", "fewer than 5", "12", "120", "1200")
                for i in range(usage_rows)
            ),
            note="v-note: usage counts restarted",
        ),
        channels=(Section("Email", (Line("Last error", "v-smtp refused"),)),),
    )


def _healthy() -> StaffReport:
    return StaffReport(
        Section("Content", (Line("Pages", 4, Kind.COUNT),)),
        Section("Requests", (Line("Waiting", 0, Kind.COUNT),)),
        Section("This kiosk", (Line("Version", "1"),)),
        UsageTable(HEADER, ()),
    )


def _panel(
    qtbot: QtBot,
    size: tuple[int, int] = (1366, 768),
    theme: Theme | None = None,
    idle_ms: int = LONG_IDLE_MS,
) -> StaffPanel:
    window = QWidget()
    qtbot.addWidget(window)
    _WINDOWS.append(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    panel = StaffPanel(theme or Theme(), window, idle_ms=idle_ms)
    return panel


def _words(panel: StaffPanel) -> list[str]:
    """Every label's words a reader of the screen sees now (break points taken out)."""
    return [
        label.text().replace(BREAK, "")
        for label in panel.findChildren(QLabel)
        if label.text() and label.isVisibleTo(panel)
    ]


def _all_words(panel: StaffPanel) -> list[str]:
    words: list[str] = []
    for page in PAGES:
        panel.show_page(page)
        QApplication.processEvents()
        words += _words(panel)
    return words


# --- Values in words ---------------------------------------------------------------------------


def test_times_are_local_today_yesterday_or_a_date() -> None:
    now = datetime(2026, 12, 5, 16, 0).timestamp()
    assert time_text(datetime(2026, 12, 5, 14, 5).timestamp(), now) == "today 14:05"
    assert time_text(datetime(2026, 12, 4, 9, 12).timestamp(), now) == "yesterday 09:12"
    assert time_text(datetime(2026, 12, 3, 9, 12).timestamp(), now) == "3 Dec 09:12"
    assert time_text(datetime(2025, 1, 31, 23, 59).timestamp(), now) == "31 Jan 2025 23:59"
    assert time_text(None, now) == "never"


@given(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True))
def test_any_time_is_worded(when: float, now: float) -> None:
    assert time_text(when, now)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (45, "45 s"),
        (12 * 60 + 5, "12 min"),
        (2 * 3600 + 5 * 60, "2 h 5 min"),
        (2 * 3600, "2 h"),
        (86400 + 5, "1 day"),
        (3 * 86400, "3 days"),
        (-30, "0 s"),
        (None, "none waiting"),
    ],
)
def test_ages_are_durations(seconds: float | None, words: str) -> None:
    assert age_text(seconds) == words


@given(st.floats(allow_nan=True, allow_infinity=True) | st.none())
def test_any_age_is_worded(seconds: float | None) -> None:
    assert age_text(seconds)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (Line("x", True, Kind.YES_NO), "yes"),
        (Line("x", False, Kind.YES_NO), "no"),
        (Line("x", 7, Kind.COUNT), "7"),
        (Line("x", "a <b>", Kind.TEXT), "a <b>"),
        (Line("x", "two\nlines", Kind.TEXT), "two lines"),
        (Line("x", None, Kind.TEXT), "none"),
        (Line("x", "not a time", Kind.TIME), "not a time"),
    ],
)
def test_values_are_worded_by_kind(line: Line, words: str) -> None:
    assert value_text(line, time.time()) == words


@given(st.text(max_size=300))
def test_break_points_are_invisible_and_bound_every_run(text: str) -> None:
    broken = breakable(text)
    assert broken.replace(BREAK, "") == text
    for run in broken.replace(BREAK, " ").split():
        assert len(run) <= BREAK_EVERY


# --- What it shows -----------------------------------------------------------------------------


def test_it_shows_all_of_the_report_and_nothing_else(qtbot: QtBot) -> None:
    panel = _panel(qtbot, (1920, 1080))
    panel.open()
    static = set(_all_words(panel))  # before any report: the panel's own words only
    report = _report()
    panel.show_report(report)
    panel.set_export_folders([Path("/media/kiosk/v-STICK")])
    panel.show_message("v-message")
    problems = report.content.problems
    expected = {
        "Needs attention: 4",  # the health line: one line and three problems
        "Content",
        "Folder: v-folder/srv/kiosk/content",
        "Loaded: never",
        "Pages: 42",
        "Needs attention: Past review date: 3",
        "Needs attention: 2 problems",
        *(f"• {problem}" for problem in problems),
        "Requests",
        "Waiting: 2",
        "Oldest waiting: 2 h 5 min",
        "Last delivery: never",
        "Email",
        "Last error: v-smtp refused",
        "This kiosk",
        "Version: v-version-0.1.0",
        "Kiosk mode: yes",
        "Needs attention: 1 problem",
        "• v-settings problem",
        *HEADER,
        *(cell for row in report.usage.rows for cell in row),
        "v-note: usage counts restarted",
        "v-message",
        "Save to v-STICK (/media/kiosk/v-STICK)",  # the words on the folder's button
    }
    assert set(_all_words(panel)) - static == expected
    assert "<b>not bold</b> &" in problems[0]  # shown as it is, never as markup


def test_the_health_line_says_all_is_well_only_when_it_is(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.open()
    assert "All is well" not in _words(panel)  # nothing checked yet is not well-being
    panel.show_report(_healthy())
    assert "All is well" in _words(panel)
    panel.show_report(_report(problems=2))  # 1 attention line + 2 + 1 problems
    assert "Needs attention: 4" in _words(panel)
    assert "All is well" not in _words(panel)


def test_a_new_report_keeps_the_page_and_its_scroll_position(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_report(_report(problems=50, problem_chars=300))
    panel.open()
    panel.show_page("requests")
    panel.show_page("content")
    QApplication.processEvents()
    bar = panel.page("content").verticalScrollBar()
    assert bar.maximum() > 600
    bar.setValue(600)
    panel.show_report(_report(problems=50, problem_chars=300))
    QApplication.processEvents()
    assert panel.current_page == "content"
    assert bar.value() == 600


def test_without_a_usb_stick_it_says_what_to_do(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_report(_report())
    panel.open()
    panel.show_page("usage")
    panel.set_export_folders([])
    hint = 'Put in a USB stick, then touch "Look for USB sticks again".'
    assert hint in _words(panel)
    assert panel.export.folder_buttons == []
    panel.set_export_folders([Path("/media/a"), Path("/media/b")])
    assert hint not in _words(panel)
    assert [b.isVisibleTo(panel) for b in panel.export.folder_buttons] == [True, True]


def test_needs_attention_is_marked_by_words_and_a_bar_not_colour_alone(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_report(_report())
    panel.open()
    marked = [lab for lab in panel.findChildren(QLabel) if lab.property("attention")]
    assert marked
    for lab in marked:
        assert lab.text().startswith("Needs attention: ")
        assert lab.contentsRect().left() > 0  # the bar and its gap: the words start after it
    panel.show_report(_healthy())
    health = next(lab for lab in panel.findChildren(QLabel) if lab.text() == "All is well")
    assert not health.property("attention")
    assert health.contentsRect().left() == 0
    for palette in (STANDARD, HIGH_CONTRAST):
        for ink in (palette.ink, palette.primary, palette.accent):
            assert contrast_ratio(ink, palette.background) >= 7
        assert contrast_ratio(palette.accent, palette.background) >= 3


def test_it_covers_the_window_and_follows_its_size_and_language(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_report(_report())
    panel.open()
    window = panel.window()
    assert panel.geometry() == window.rect()
    window.resize(1080, 1920)
    QApplication.processEvents()
    assert panel.geometry() == window.rect()
    before = _all_words(panel)
    QApplication.sendEvent(panel, QEvent(QEvent.Type.LanguageChange))
    assert _all_words(panel) == before  # no translator installed: the same English words


def test_the_current_page_is_marked_for_screen_readers_too(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.open()
    panel.show_page("usage")
    for name, button in panel.page_buttons.items():
        assert button.isChecked() == (name == "usage")
        face = QAccessible.queryAccessibleInterface(button)
        assert face is not None
        assert face.state().checked == (name == "usage")
    with pytest.raises(ValueError, match="no staff page"):
        panel.show_page("secrets")


# --- Signals from real clicks ------------------------------------------------------------------


def _click(panel: StaffPanel, button: QAbstractButton) -> None:
    for name in PAGES:
        if panel.page(name).isAncestorOf(button):
            panel.show_page(name)
            panel.page(name).ensureWidgetVisible(button)
    QApplication.processEvents()
    assert button.isVisible()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("press", "signal", "arguments"),
    [
        (lambda p: p.close_button, "close_requested", []),
        (lambda p: p.reload_button, "reload_requested", []),
        (lambda p: p.try_now_button, "try_now_requested", []),
        (lambda p: p.export.look_again_button, "export_folders_requested", []),
        (lambda p: p.export.folder_buttons[1], "export_requested", [Path("/media/b")]),
        (lambda p: p.controls.text_size_buttons[3], "default_look_chosen", [3, False]),
        (lambda p: p.controls.contrast_buttons[True], "default_look_chosen", [1, True]),
        (lambda p: p.controls.cleaning_button, "cleaning_requested", []),
    ],
)
def test_every_action_is_a_signal_from_a_real_click(
    qtbot: QtBot,
    press: Callable[[StaffPanel], QAbstractButton],
    signal: str,
    arguments: list[object],
) -> None:
    panel = _panel(qtbot)
    panel.show_report(_report())
    panel.set_export_folders([Path("/media/a"), Path("/media/b")])
    panel.open()
    with qtbot.waitSignal(getattr(panel, signal), timeout=1000) as blocker:
        _click(panel, press(panel))
    assert blocker.args == arguments


def test_the_page_buttons_change_the_page(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.open()
    for name in reversed(PAGES):
        _click(panel, panel.page_buttons[name])
        assert panel.current_page == name
        assert panel.page(name).isVisible()
        _click(panel, panel.page_buttons[name])  # a second touch keeps it chosen
        assert panel.page_buttons[name].isChecked()


def test_the_default_look_is_marked_by_what_the_kiosk_uses(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.open()
    panel.set_default_look(2, True)
    chosen: list[tuple[int, bool]] = []
    panel.default_look_chosen.connect(lambda step, high: chosen.append((step, high)))
    _click(panel, panel.controls.text_size_buttons[3])
    assert chosen == [(3, True)]
    assert [b.isChecked() for b in panel.controls.text_size_buttons.values()] == [
        False,
        True,
        False,
    ]
    panel.set_default_look(3, False)
    assert [b.isChecked() for b in panel.controls.text_size_buttons.values()] == [
        False,
        False,
        True,
    ]
    assert [b.isChecked() for b in panel.controls.contrast_buttons.values()] == [True, False]
    with pytest.raises(ValueError, match="text step"):
        panel.set_default_look(4, False)


def test_exit_needs_yes(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.open()
    exits: list[bool] = []
    panel.exit_requested.connect(lambda: exits.append(True))
    _click(panel, panel.controls.exit_button)
    question = "Exit the kiosk? The screen will show the computer's desktop until the kiosk is "
    assert any(text.startswith(question) for text in _words(panel))
    assert not panel.controls.exit_button.isVisibleTo(panel)
    _click(panel, panel.controls.no_button)
    assert exits == []
    assert panel.controls.exit_button.isVisibleTo(
        panel
    ) and not panel.controls.yes_button.isVisibleTo(panel)
    _click(panel, panel.controls.exit_button)
    panel.show_page("content")  # leaving the page forgets the question
    assert not panel.controls.yes_button.isVisibleTo(panel)
    _click(panel, panel.controls.exit_button)
    _click(panel, panel.controls.yes_button)
    assert exits == [True]


def test_the_exit_question_is_scrolled_into_view_on_a_short_screen(qtbot: QtBot) -> None:
    panel = _panel(qtbot, theme=Theme().at_text_step(3))
    panel.open()
    panel.show_report(_report(problems=30))
    panel.show_page("kiosk")
    page = panel.page("kiosk")
    page.ensureWidgetVisible(panel.controls.exit_button, 0, 0)
    _click(panel, panel.controls.exit_button)
    yes = panel.controls.yes_button

    def yes_in_view() -> bool:
        top = yes.mapTo(page.viewport(), yes.rect().topLeft()).y()
        return top >= 0 and top + yes.height() <= page.viewport().height()

    qtbot.waitUntil(yes_in_view, timeout=2000)


# --- Idle, keys --------------------------------------------------------------------------------


def test_it_asks_to_close_when_left_alone(qtbot: QtBot) -> None:
    panel = _panel(qtbot, idle_ms=300)
    panel.open()
    started = time.monotonic()
    with qtbot.waitSignal(panel.close_requested, timeout=3000):
        pass
    assert time.monotonic() - started >= 0.25
    with pytest.raises(ValueError, match="idle_ms"):
        StaffPanel(Theme(), QWidget(), idle_ms=0)
    with pytest.raises(ValueError, match="idle_ms"):
        StaffPanel(Theme(), QWidget(), idle_ms=2**31)


def test_use_inside_it_keeps_it_open(qtbot: QtBot) -> None:
    panel = _panel(qtbot, idle_ms=500)
    panel.show_report(_report())
    panel.open()
    closes: list[bool] = []
    panel.close_requested.connect(lambda: closes.append(True))
    label = next(lab for lab in panel.findChildren(QLabel) if lab.isVisible())
    for turn in range(8):  # 1.6 s of use, each well within the idle time
        qtbot.wait(200)
        if turn % 2:
            QTest.keyClick(panel, Qt.Key.Key_A)
        else:
            QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert closes == []
    panel.close_panel()
    qtbot.wait(800)
    assert closes == [], "a closed panel has no idle time running"


def test_esc_and_back_ask_to_close(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.open()
    with qtbot.waitSignal(panel.close_requested, timeout=1000):
        QTest.keyClick(panel, Qt.Key.Key_Escape)
    with qtbot.waitSignal(panel.close_requested, timeout=1000):
        assert panel.key_action(Action.BACK)
    assert not panel.key_action(Action.HOME)


def test_tab_goes_round_the_panel_only_and_enter_presses(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    window = panel.window()
    under = QPushButton("Under the panel", window)  # a screen's button, covered by the panel
    under.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    under.show()
    panel.show_report(_report())
    panel.open()
    with qtbot.waitActive(window):
        window.activateWindow()
    order = panel.focus_order()
    assert order[0] is panel.close_button and len(order) >= 6
    seen = []
    for _ in range(len(order) + 2):
        QTest.keyClick(QApplication.focusWidget() or panel, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not under and focused is not None and panel.isAncestorOf(focused)
        seen.append(focused)
    assert set(order) <= set(seen)
    QTest.keyClick(QApplication.focusWidget() or panel, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is seen[-2]
    target = panel.page_buttons["usage"]
    target.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(target, Qt.Key.Key_Return)
    assert panel.current_page == "usage"
    panel.page_buttons["kiosk"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(panel.page_buttons["kiosk"], Qt.Key.Key_Space)
    assert panel.current_page == "kiosk"
    panel.close_panel()
    assert QApplication.focusWidget() is not under


# --- Fit ---------------------------------------------------------------------------------------


def _clipped(panel: StaffPanel) -> list[str]:
    """Visible labels and buttons whose words need more room than they were given."""
    clipped = []
    for widget in panel.findChildren(QWidget):
        if not widget.isVisibleTo(panel) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + TOLERANCE_PX:
                clipped.append(f"{widget.text()[:40]!r}: {needed} > {widget.height()}")
        elif isinstance(widget, QAbstractButton) and widget.text():  # noqa: SIM102
            if widget.sizeHint().width() > widget.width() + TOLERANCE_PX:
                clipped.append(f"button {widget.text()!r}: {widget.sizeHint().width()}")
    return clipped


def _cases() -> list[object]:
    return [
        pytest.param(display, step, high, id=f"{display}-{step}-{'high' if high else 'standard'}")
        for display in DISPLAYS
        for step in (1, 3)
        for high in (False, True)
    ]


@pytest.mark.parametrize(("display", "step", "high"), _cases())
def test_every_page_fits_the_window(qtbot: QtBot, display: str, step: int, high: bool) -> None:
    width, height = DISPLAYS[display]
    theme = Theme(family=load_bundled_fonts()).at_text_step(step).with_contrast(high)
    panel = _panel(qtbot, (width, height), theme)
    report = _report(problems=50, problem_chars=300, usage_rows=40)
    long_path = "/srv/kiosk/" + "x" * 120
    report = StaffReport(
        Section(report.content.heading, (Line("Folder", long_path),), report.content.problems),
        report.requests,
        Section(report.kiosk.heading, report.kiosk.lines, report.content.problems),
        report.usage,
        report.channels,
    )
    panel.show_report(report)
    panel.set_export_folders([Path("/media/kiosk/" + "STICK" * 20), Path("/media/b")])
    panel.open()
    panel.show_message("v-message " * 20, attention=True)
    for name in PAGES:
        panel.show_page(name)
        if name == "kiosk":
            panel.controls.exit_button.click()  # the question shows too
        QApplication.processEvents()
        layout = panel.layout()
        assert layout is not None
        least = layout.totalMinimumSize()
        assert least.width() <= width, (name, least.width())
        assert layout.totalMinimumHeightForWidth(width) <= height, name
        assert panel.size().toTuple() == (width, height)
        page = panel.page(name)
        content = page.widget()
        assert content is not None
        assert content.width() <= page.viewport().width() + TOLERANCE_PX, name
        assert _clipped(panel) == [], name
        for button in panel.findChildren(QAbstractButton):
            if button.isVisibleTo(panel):
                assert button.height() >= theme.target >= Theme.MIN_TOUCH_TARGET, button.text()
                assert button.accessibleName(), button.text()


@pytest.mark.parametrize(
    ("size", "step", "as_grid"), [((1920, 1080), 1, True), ((1080, 1920), 3, False)]
)
def test_the_usage_table_is_a_grid_where_it_fits_else_one_block_per_row(
    qtbot: QtBot, size: tuple[int, int], step: int, as_grid: bool
) -> None:
    panel = _panel(qtbot, size, Theme(family=load_bundled_fonts()).at_text_step(step))
    panel.show_report(_report(usage_rows=2))
    panel.open()
    panel.show_page("usage")
    QApplication.processEvents()
    assert panel.usage_view.as_grid is as_grid
    words = _words(panel)
    if as_grid:
        assert {"Today", "v-page-1", "fewer than 5"} <= set(words)
    else:
        assert "Which: v-page-1\nToday: fewer than 5\nLast 7 days: 12" in "\n".join(words)


def test_page_down_and_up_scroll_the_page(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_report(_report(problems=50, problem_chars=300))
    panel.open()
    QApplication.processEvents()
    bar = panel.page("content").verticalScrollBar()
    QTest.keyClick(panel, Qt.Key.Key_PageDown)
    assert bar.value() == bar.pageStep() > 0
    assert panel.key_action(Action.PREVIOUS_PAGE)
    assert bar.value() == 0


# --- Hostile reports ---------------------------------------------------------------------------


def test_a_runaway_report_is_capped_and_shown_quickly(qtbot: QtBot) -> None:
    huge = "x" * 100_000
    lines = tuple(Line(f"line {i} " + huge, huge) for i in range(5_000))
    problems = tuple(huge for _ in range(5_000))
    report = StaffReport(
        Section("Content", lines, problems),
        Section("Requests", lines),
        Section("This kiosk", lines, problems),
        UsageTable(HEADER, tuple((huge, str(i), "1", "2", "3", "4") for i in range(100_000))),
        tuple(Section(f"channel {i}", lines[:3]) for i in range(1_000)),
    )
    panel = _panel(qtbot, (1080, 1920))
    started = time.monotonic()
    panel.show_report(report)
    panel.set_export_folders([Path(f"/media/{i}") for i in range(1_000)])
    panel.open()
    QApplication.processEvents()
    assert time.monotonic() - started < 10, "a busy machine takes a second or two, not more"
    words = _all_words(panel)
    assert max(len(text) for text in words) <= 2 * MAX_SHOWN_CHARS + 50  # a label and a value
    assert sum(text.startswith("line ") for text in words) == 3 * MAX_LINES + MAX_CHANNELS * 3
    assert sum(text.startswith("• ") for text in words) == 2 * 50
    assert "… and 4950 more" in words
    assert len(panel.export.folder_buttons) == MAX_EXPORT_FOLDERS
    more = 100_000 - MAX_USAGE_ROWS
    assert f"… and {more} more rows: save the counts to see them all." in words
    assert not any(t == str(MAX_USAGE_ROWS) for t in words)  # row 100 and later are not shown
