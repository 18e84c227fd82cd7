"""The page reader: progress and the call to action on top, the page, big Back/Home/Next below.

Page turns slide: the next page is laid out in a second, off-screen pane and both panes glide
sideways together. A one-finger swipe turns the page too (see ``swipe.py``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QParallelAnimationGroup,
    QPoint,
    QPropertyAnimation,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.content.model import Deck
from kiosk.session import Direction, View
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.page_view import HtmlRenderer, PageView
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import ScreenWidget, bar, big_button, screen_column, set_label

SLIDE_MS = 260
FIRST_FRAME_MS = 16


class ProgressDots(QWidget):
    """A row of dots, the current page filled: "where am I, how much is left" at a glance."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._count = 0
        self._current = -1
        self.setMinimumHeight(theme.px(28))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_progress(self, current: int, count: int) -> None:
        self._current, self._count = current, count
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._count <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        diameter = self._theme.px(20)
        gap = min(
            self._theme.px(22),
            max(4, (self.width() - diameter * self._count) // max(1, self._count - 1)),
        )
        total = self._count * diameter + (self._count - 1) * gap
        x = (self.width() - total) / 2
        y = (self.height() - diameter) / 2
        for index in range(self._count):
            done = index <= self._current
            colour = self._theme.colour("primary" if done else "outline")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour if done else QColor(colour.lighter(115)))
            grow = self._theme.px(6) if index == self._current else 0
            painter.drawEllipse(
                QRectF(x - grow / 2, y - grow / 2, diameter + grow, diameter + grow)
            )
            x += diameter + gap
        painter.end()


class PageSlider(QWidget):
    """Holds two page panes and slides between them; the visible one always fills the box."""

    def __init__(self, theme: Theme, render: HtmlRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.animations_enabled = True
        self._panes = (PageView(theme, render, self), PageView(theme, render, self))
        self._front = 0
        self._panes[1].hide()
        self._group = QParallelAnimationGroup(self)
        self._slides: list[QPropertyAnimation] = []
        for _ in range(2):
            animation = QPropertyAnimation(self._group)
            animation.setPropertyName(b"pos")
            animation.setDuration(SLIDE_MS)
            animation.setEasingCurve(QEasingCurve.Type.OutCubic)
            self._group.addAnimation(animation)
            self._slides.append(animation)
        self._group.finished.connect(self._settle)

    @property
    def current(self) -> PageView:
        return self._panes[self._front]

    @property
    def animating(self) -> bool:
        return self._group.state() == QParallelAnimationGroup.State.Running

    @property
    def panes(self) -> tuple[PageView, PageView]:
        """Both page panes, the one showing and the one waiting off screen."""
        return self._panes

    def show_page(self, view: View) -> None:
        page = view.page
        if page is None:
            return
        if self._group.state() == QParallelAnimationGroup.State.Running:
            self._group.stop()
            self._settle()
        if (
            self.current.page is None
            or not self.animations_enabled
            or not self.isVisible()
            or view.direction is Direction.NONE
            or self.current.page == page
        ):
            self.current.setGeometry(self.rect())
            self.current.show_page(page)
            self.current.show()
            return
        old, new = self.current, self._panes[1 - self._front]
        width = self.width()
        offset = width if view.direction is Direction.FORWARD else -width
        new.setGeometry(self.rect().translated(offset, 0))
        new.show_page(page)
        new.show()
        new.raise_()
        for animation, widget, start, end in (
            (self._slides[0], old, QPoint(0, 0), QPoint(-offset, 0)),
            (self._slides[1], new, QPoint(offset, 0), QPoint(0, 0)),
        ):
            animation.setTargetObject(widget)
            animation.setStartValue(start)
            animation.setEndValue(end)
        self._front = 1 - self._front
        self._group.start()
        # Show the first step of the slide at once: the finger sees the page move in the same
        # frame as the tap, not one animation tick (up to 16 ms) later.
        self._group.setCurrentTime(FIRST_FRAME_MS)

    def _settle(self) -> None:
        self._panes[1 - self._front].hide()
        self.current.move(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        for pane in self._panes:
            pane.resize(event.size())
        self.current.move(0, 0)
        super().resizeEvent(event)


class ReaderScreen(ScreenWidget):
    back_requested = Signal()
    next_requested = Signal()
    home_requested = Signal()
    visit_requested = Signal()
    link_activated = Signal(str)
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, render: HtmlRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: View | None = None
        """True when "Request a visit" opens the form (then it shows on every page)."""

        top = bar("TopBar", self)
        self._progress_text = QLabel(top)
        self._progress_text.setProperty("role", "small")
        self._progress_text.setMinimumWidth(theme.px(200))
        self._dots = ProgressDots(theme, top)
        self.visit_button = big_button(
            theme, role="accent", icon="mdi6.calendar-check", icon_colour=theme.palette.on_accent
        )
        self.visit_button.clicked.connect(self.visit_requested)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(
            theme.margin, theme.spacing // 2, theme.margin, theme.spacing // 2
        )
        top_row.setSpacing(theme.spacing)
        top_row.addWidget(self._progress_text)
        top_row.addWidget(self._dots, 1)
        top_row.addWidget(self.visit_button)
        self.display_controls = DisplayControls(theme, top)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button
        top_row.addWidget(self.display_controls)

        self.slider = PageSlider(theme, render, self)
        for pane in self.slider.panes:
            pane.link_activated.connect(self.link_activated)

        nav = bar("NavBar", self)
        self.back_button = big_button(theme, icon="mdi6.arrow-left")
        self.home_button = big_button(theme, icon="mdi6.home")
        self.next_button = big_button(
            theme, role="primary", icon="mdi6.arrow-right", icon_colour=theme.palette.on_primary
        )
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.back_button.clicked.connect(self.back_requested)
        self.home_button.clicked.connect(self.home_requested)
        self.next_button.clicked.connect(self.next_requested)
        nav_row = QHBoxLayout(nav)
        nav_row.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        nav_row.setSpacing(theme.spacing)
        for button in (self.back_button, self.home_button, self.next_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            nav_row.addWidget(button, 1)

        screen_column(self, top, self.slider, nav)
        self.retranslate()

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        self.display_controls.show_languages(current, languages)

    def show_view(self, view: View) -> None:
        self._view = view
        self.slider.show_page(view)
        self._dots.set_progress(view.page_index, view.page_count)
        # Without a form the button leads to the visit page: hide it there, it would lead nowhere.
        self.visit_button.setVisible(view.form_available or not view.on_visit_page)
        self.retranslate()

    def retranslate(self) -> None:
        view = self._view
        set_label(self.visit_button, self.tr("Request a visit"))
        set_label(self.home_button, self.tr("Home"), self.tr("Home: all topics"))
        last = view is None or not view.has_next
        if view is not None and not view.has_previous:
            set_label(self.back_button, self.tr("Back"), self.tr("Back to all topics"))
        else:
            set_label(self.back_button, self.tr("Back"), self.tr("Previous page"))
        if last:
            set_label(self.next_button, self.tr("Finish"), self.tr("Finish and see all topics"))
        else:
            set_label(self.next_button, self.tr("Next"), self.tr("Next page"))
        if view is not None and view.page_count:
            text = self.tr("Page {0} of {1}").format(view.page_index + 1, view.page_count)
            self._progress_text.setText(text)
            self._dots.setAccessibleName(text)
