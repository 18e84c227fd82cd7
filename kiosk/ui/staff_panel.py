"""The staff panel: a card over the whole kiosk window for front-desk staff (issue 13).

It shows a :class:`~kiosk.staff.report.StaffReport` on four pages (Content, Requests, Usage,
This kiosk) and forwards what staff ask for as signals; the composition root does the work and
says how it went with :meth:`StaffPanel.show_message`. It has no input of its own but the
report, the export folders and the default look, so it can show nothing else (never patient
data). The parts of the pages (sections, the usage table, the export and kiosk controls) are
in :mod:`kiosk.ui.staff_pages`. Decisions:

* The header (title, a one-line health summary, Close), the page buttons and the status line
  stay in place; only the page scrolls (kinetic, one scroll area per page, so each keeps its
  place when a new report comes in: labels change their words in place).
* It closes itself: no touch, click or key inside it for ``idle_ms`` emits
  ``close_requested`` (an application event filter while open, and every button's ``clicked``,
  which a screen reader's press sends without an input event). Esc and Close emit the same.
* Keys: Tab and Shift+Tab go round its controls only (never to the screen under it), Enter
  and Space press, Esc closes. It is also a :class:`~kiosk.ui.keys.KeyScope` for the window's
  key navigator (Back closes).
* "Exit the kiosk" asks first, inline (Yes / No), and only Yes emits ``exit_requested``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.report import StaffReport
from kiosk.ui import accessibility
from kiosk.ui.idle import ACTIVITY_EVENTS
from kiosk.ui.keys import Action, action_for, focus_on, focusable, reading_order
from kiosk.ui.staff_controls import ExportChoices, KioskControls
from kiosk.ui.staff_pages import (
    MAX_USAGE_ROWS,
    Flow,
    SectionView,
    UsageView,
    WordsButton,
    attention_text,
    label,
    set_words,
    shown,
)
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue, enable_kinetic_scrolling
from kiosk.ui.widgets import big_button, set_label

PAGES = ("content", "requests", "usage", "kiosk")
"""The pages, in the order of their buttons; :meth:`StaffPanel.show_page` takes these names."""
MAX_CHANNELS = 12
"""Delivery channels shown (a clinic has one to three)."""
MAX_STATUS_CHARS = 120
"""The status line says what happened in a sentence or two (a longer message is cut): it stays
on screen under the page, which must keep room at the largest text on a 768 px screen."""
MAX_IDLE_MS = 2**31 - 1
"""The longest idle time a Qt timer can wait (about 24 days)."""
PAGE_BUTTON_PADDING = 16
"""Side padding of the page buttons (the theme's is 28): the four fit one row at the largest
text on a 1366 px wide screen."""
W = TypeVar("W", bound=QWidget)


def _count_attention(report: StaffReport) -> int:
    sections = (report.content, report.requests, report.kiosk, *report.channels)
    return sum(len(s.problems) + sum(line.attention for line in s.lines) for s in sections)


class _Page(QScrollArea):
    """One page: a column that scrolls by finger; its own buttons are rescued from dropped
    taps (the parts with buttons of their own, in staff_pages, rescue theirs)."""

    def __init__(self, theme: Theme, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"StaffPage-{name}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Page Up and Down scroll it (key_action)
        content = QWidget()
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(0, 0, theme.spacing, 0)  # room for the scroll bar
        self.column.setSpacing(theme.spacing)
        self.setWidget(content)
        enable_kinetic_scrolling(self.viewport())
        self._rescue = TapRescue(self)
        self._theme = theme

    def add(self, widget: W) -> W:
        self.column.addWidget(widget)
        return widget

    def button(self) -> WordsButton:
        made = self.add(WordsButton(self._theme))
        made.installEventFilter(self._rescue)
        return made


class StaffPanel(QWidget):
    """Covers its parent (the kiosk window) while open. ``export_requested`` carries a Path."""

    close_requested = Signal()
    reload_requested = Signal()
    try_now_requested = Signal()
    export_folders_requested = Signal()
    export_requested = Signal(Path)
    default_look_chosen = Signal(int, bool)
    cleaning_requested = Signal()
    exit_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget, *, idle_ms: int) -> None:
        super().__init__(parent)
        if not 0 < idle_ms <= MAX_IDLE_MS:
            raise ValueError(f"idle_ms must be 1 to {MAX_IDLE_MS}, not {idle_ms}")
        self.setObjectName("StaffPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # holds the keys, is not a Tab stop
        self.setStyleSheet(theme.stylesheet() + self._own_style(theme))
        self._theme = theme
        self._report: StaffReport | None = None
        self._page = PAGES[0]
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._idle.timeout.connect(self.close_requested)
        self._init_header()
        self._init_pages()
        self._init_layout()
        self._connect_signals()
        self.hide()
        self.retranslate()

    @staticmethod
    def _own_style(theme: Theme) -> str:
        p = theme.palette
        return f"""
        #StaffPanel {{ background: {p.background}; }}
        QLabel[role="section"] {{ font-size: {theme.px(34)}px; font-weight: bold;
            color: {p.primary}; }}
        QLabel[role="column"] {{ font-size: {theme.px(theme.body_px)}px; font-weight: bold;
            color: {p.primary}; }}
        QLabel[role="button-words"] {{ font-size: {theme.px(theme.button_px)}px;
            font-weight: bold; color: {p.primary}; background: transparent; }}
        QLabel[attention="true"] {{ color: {p.accent}; font-weight: bold;
            border: 0px solid {p.accent}; border-left-width: {theme.px(8)}px;
            padding-left: {theme.px(12)}px; }}
        """

    def _init_header(self) -> None:
        theme = self._theme
        self._title = label("tile", self)
        self._health = label("body", self)
        self.close_button = big_button(
            theme, role="primary", icon="mdi6.close", icon_colour=theme.palette.on_primary
        )
        self.close_button.setAutoDefault(True)
        self.page_buttons: dict[str, QPushButton] = {}
        for name in PAGES:
            button = big_button(theme, role="language")  # checked: filled, like a choice
            button.setCheckable(True)
            button.setAutoDefault(True)
            padding = theme.px(PAGE_BUTTON_PADDING)
            ring = max(0, padding - (theme.FOCUS_RING - 3))  # the ring's border takes room
            button.setStyleSheet(
                f"QPushButton {{ padding: 0 {padding}px; }}"
                f" QPushButton:focus {{ padding: 0 {ring}px; }}"
            )
            self.page_buttons[name] = button
        self._tabs = Flow(theme.spacing // 2, self)
        self._tabs.set_items(list(self.page_buttons.values()))
        self._status = label("body", self)

    def _init_pages(self) -> None:
        theme = self._theme
        self._stack = QStackedWidget(self)
        self._pages = {name: _Page(theme, name, self._stack) for name in PAGES}
        for page in self._pages.values():
            self._stack.addWidget(page)

        content = self._pages["content"]
        self._content = SectionView(theme)
        content.add(self._content)
        self.reload_button = content.button()

        requests = self._pages["requests"]
        self._requests = SectionView(theme)
        requests.add(self._requests)
        self._channels = [SectionView(theme) for _ in range(MAX_CHANNELS)]
        for view in self._channels:
            requests.add(view).hide()
        self.try_now_button = requests.button()

        usage = self._pages["usage"]
        self._usage_heading = usage.add(label("section"))
        self.usage_view = UsageView(theme)
        usage.add(self.usage_view)
        self._usage_more = usage.add(label("body"))
        self._usage_note = usage.add(label("body"))
        self.export = usage.add(ExportChoices(theme))

        kiosk = self._pages["kiosk"]
        self._kiosk = SectionView(theme)
        kiosk.add(self._kiosk)
        self.controls = kiosk.add(KioskControls(theme))
        for page in self._pages.values():
            page.column.addStretch(1)

    def _init_layout(self) -> None:
        theme = self._theme
        self._top = top = QGridLayout()
        top.setHorizontalSpacing(theme.spacing)
        top.setVerticalSpacing(theme.spacing // 4)
        top.setColumnStretch(1, 1)
        top.addWidget(self._title, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.close_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        self._health_beside: bool | None = None
        self._arrange_header(0)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        column.setSpacing(theme.spacing // 2)
        column.addLayout(top)
        column.addWidget(self._tabs)
        column.addWidget(self._stack, 1)
        column.addWidget(self._status)

    def _arrange_header(self, width: int) -> None:
        """The health summary between the title and Close where it fits on one line, else
        under them (a portrait screen at large text)."""
        margins = self._theme.margin * 2 + self._top.horizontalSpacing() * 2
        needed = self.close_button.sizeHint().width()
        for words in (self._title, self._health):
            words.ensurePolished()  # the style sheet's font, bar and padding
            gaps = words.contentsMargins().left() + words.contentsMargins().right()
            needed += words.fontMetrics().horizontalAdvance(words.text()) + gaps + 1
        beside = width == 0 or needed + margins <= width
        if beside == self._health_beside:
            return
        self._health_beside = beside
        self._top.removeWidget(self._health)
        if beside:
            self._top.addWidget(self._health, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        else:
            self._top.addWidget(self._health, 1, 0, 1, 3)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange_header(event.size().width())
        super().resizeEvent(event)

    def _connect_signals(self) -> None:
        self.close_button.clicked.connect(self.close_requested)
        for name, button in self.page_buttons.items():
            button.clicked.connect(lambda _=False, name=name: self.show_page(name))
        self.reload_button.clicked.connect(self.reload_requested)
        self.try_now_button.clicked.connect(self.try_now_requested)
        self.export.export_folders_requested.connect(self.export_folders_requested)
        self.export.export_requested.connect(self.export_requested)
        self.export.export_requested.connect(self._still_used)  # its buttons come and go
        self.controls.default_look_chosen.connect(self.default_look_chosen)
        self.controls.cleaning_requested.connect(self.cleaning_requested)
        self.controls.exit_requested.connect(self.exit_requested)
        # Queued: the question is laid out first, then scrolled to (on a short screen at large
        # text it opens below the fold, and staff would see nothing happen).
        self.controls.exit_button.clicked.connect(
            self._show_exit_question, Qt.ConnectionType.QueuedConnection
        )
        for button in self.findChildren(QPushButton):
            button.clicked.connect(self._still_used)

    def _show_exit_question(self) -> None:
        if self.controls.yes_button.isVisibleTo(self.controls):
            self._pages["kiosk"].ensureWidgetVisible(self.controls.yes_button, 0, 0)

    # --- What it shows ---------------------------------------------------------------------

    def show_report(self, report: StaffReport) -> None:
        """Show ``report`` in place of the last one (the page and its scroll position stay)."""
        self._report = report
        now = time.time()
        count = _count_attention(report)
        healthy = report.healthy and count == 0
        health = self.tr("All is well") if healthy else attention_text(str(count))
        set_words(self._health, health, attention=not healthy)
        self._arrange_header(self.width())
        self._content.show_section(report.content, now)
        self._requests.show_section(report.requests, now)
        for index, view in enumerate(self._channels):
            if index < len(report.channels):
                view.show_section(report.channels[index], now)
            view.setVisible(index < len(report.channels))
        self.usage_view.show_table(report.usage)
        more = len(report.usage.rows) - MAX_USAGE_ROWS
        if more > 0:
            set_words(
                self._usage_more,
                self.tr("… and {0} more rows: save the counts to see them all.").format(more),
            )
        self._usage_more.setVisible(more > 0)
        set_words(self._usage_note, shown(report.usage.note))
        self._usage_note.setVisible(bool(report.usage.note))
        self._kiosk.show_section(report.kiosk, now)

    def set_export_folders(self, folders: Sequence[Path]) -> None:
        """The folders usage can be saved to (USB sticks), one big button each."""
        self.export.set_folders(folders)

    def set_default_look(self, step: int, high: bool) -> None:
        """Mark the kiosk's default text size (1 to 3) and contrast."""
        self.controls.set_default_look(step, high)

    def show_message(self, text: str, attention: bool = False) -> None:
        """Say how an action went, on the status line and to a screen reader."""
        said = shown(text)
        if len(said) > MAX_STATUS_CHARS:
            said = said[: MAX_STATUS_CHARS - 1] + "…"
        words = attention_text(said) if attention and text else said
        set_words(self._status, words, attention=attention and bool(text))
        accessibility.announce(self, words, assertive=attention)

    def show_page(self, name: str) -> None:
        if name not in PAGES:
            raise ValueError(f"no staff page {name!r}: one of {PAGES}")
        self._page = name
        self._stack.setCurrentWidget(self._pages[name])
        for page_name, button in self.page_buttons.items():
            button.setChecked(page_name == name)
        if name != "kiosk":
            self.controls.answer(yes=False)

    @property
    def current_page(self) -> str:
        return self._page

    def page(self, name: str) -> QScrollArea:
        """The scroll area of page ``name``."""
        return self._pages[name]

    # --- Open, close, idle -------------------------------------------------------------------

    def open(self) -> None:
        """Cover the window, on the first page, and start the idle time."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show_page(PAGES[0])
        self.show_message("")
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._idle.start()

    def close_panel(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle.stop()
        self.controls.answer(yes=False)
        focused = QApplication.focusWidget()
        if focused is not None and (focused is self or self.isAncestorOf(focused)):
            self.window().setFocus(Qt.FocusReason.OtherFocusReason)  # no ring left under it
        self.hide()

    def _still_used(self) -> None:
        if self.isVisible():
            self._idle.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY_EVENTS and self._inside(watched):
            self._idle.start()
        elif kind == QEvent.Type.Resize and watched is self.parentWidget():
            assert isinstance(watched, QWidget)
            self.setGeometry(watched.rect())
        return False

    def _inside(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched is self or self.isAncestorOf(watched)
        return watched is self.window().windowHandle()  # keys the window's navigator takes

    # --- Keys --------------------------------------------------------------------------------

    def focus_order(self) -> list[QWidget]:
        return reading_order(focusable(self))

    def first_focus(self) -> QWidget | None:
        return self.page_buttons[self._page]

    def key_action(self, action: Action) -> bool:
        """Back closes; Page Down and Page Up scroll the page (its text has no Tab stops)."""
        if action is Action.BACK:
            self.close_requested.emit()
            return True
        if action in (Action.NEXT_PAGE, Action.PREVIOUS_PAGE):
            bar = self._pages[self._page].verticalScrollBar()
            step = bar.pageStep() if action is Action.NEXT_PAGE else -bar.pageStep()
            bar.setValue(bar.value() + step)
            return True
        return False

    def focusNextPrevChild(self, next: bool) -> bool:
        order = self.focus_order()
        if not order:
            return False
        focused = QApplication.focusWidget()
        if focused in order:
            target = order[(order.index(focused) + (1 if next else -1)) % len(order)]
        else:
            target = order[0] if next else order[-1]
        focus_on(target, forward=next)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = action_for(event.key())
        if action in (Action.BACK, Action.NEXT_PAGE, Action.PREVIOUS_PAGE):
            event.accept()
            self.key_action(action)
            return
        super().keyPressEvent(event)

    # --- Words -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        set_words(self._title, self.tr("Staff panel"))
        set_label(self.close_button, self.tr("Close"))
        names = (self.tr("Content"), self.tr("Requests"), self.tr("Usage"), self.tr("This kiosk"))
        for button, name in zip(self.page_buttons.values(), names, strict=True):
            set_label(button, name)
        self.reload_button.set_text(self.tr("Reload the pages now"))
        self.try_now_button.set_text(self.tr("Try sending now"))
        set_words(self._usage_heading, self.tr("Usage counts"))
        self.export.retranslate()
        self.controls.retranslate()
        if self._report is None:
            set_words(self._health, self.tr("Not checked yet"))
        else:
            self.show_report(self._report)
        self.setAccessibleName(self._title.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
