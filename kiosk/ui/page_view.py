"""One page laid out for the screen's shape: picture beside the text where the text column stays
wide enough, else above it (in portrait filling the top of the screen, out of a seated patient's
reach), with the title across the top.

While the text goes on below what fits, a "More below" button with a down arrow lies over a fade
at the bottom of the text column (in both shapes): it says so in words, not only by the fade,
and a tap turns about one screenful for those who do not swipe. It goes at the end of the text.

A page with a ``home_url`` shows its QR code with a caption (:class:`kiosk.ui.qr_code.TakeHomeCode`)
where it takes no room the text needs: under the picture beside the text, beside the picture
above the text, else beside the text when the text column stays wide enough; on a pane too
small for any of these, no code (the text comes first).

Page turns slide (:class:`PageSlider`): the next page is laid out in a second, off-screen pane
and both panes glide sideways together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QParallelAnimationGroup,
    QPoint,
    QPropertyAnimation,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.model import Page
from kiosk.session import Direction, View
from kiosk.ui.page_browser import PageBrowser
from kiosk.ui.qr_code import TakeHomeCode
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import QWIDGETSIZE_MAX, Picture, big_button, hold_width, set_label

SLIDE_MS = 260
FIRST_FRAME_MS = 16
FADE_RAMP_PX = 64
"""Height of the fade above the "More below" button, from clear to the page background."""
TEXT_COLUMN_PX = 500
"""The narrowest text column (logical pixels, scaled by the text step) beside the picture."""
READING_MEASURE_PX = 900
"""Widest the text runs when a page has no picture beside it (at text step 1; it grows with the
text): about 75 characters a line, the longest line older readers follow back easily."""
PICTURE_MIN_PX = 150
"""Below this height (logical) a picture above the text is left out on a short pane."""


class HtmlRenderer(Protocol):
    """Renders a page body for a text column of the given width (pixels)."""

    @property
    def root(self) -> Path:
        """The content folder: the only place body images may be loaded from."""

    @property
    def emergency_number(self) -> str:
        """The clinic's emergency number, written where a page says ``{emergency_number}``."""

    def __call__(self, page: Page, width: int) -> str: ...


def _pictured(page: Page | None) -> bool:
    """The body is laid out for a picture: the page has one (or none is shown yet)."""
    return page is None or page.illustration is not None


class PageView(QWidget):
    link_activated = Signal(str)

    def __init__(self, theme: Theme, render: HtmlRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.animations_enabled = True
        """False: "More below" jumps instead of gliding (the kiosk's animations setting)."""
        self._theme = theme
        self._render = render
        self._page: Page | None = None
        self._rendered_width = -1
        self._text_top = 0

        self._title = QLabel(self)
        self._title.setProperty("role", "title")
        self._title.setWordWrap(True)
        self._title.setAccessibleName("")
        self._picture = Picture(self, backdrop=theme.palette.picture_backdrop)
        # Given the theme, the browser also shows the page's links as big buttons under the text.
        self._browser = PageBrowser(
            theme.document_css(),
            render.root,
            self,
            backdrop=theme.palette.picture_backdrop,
            theme=theme,
        )
        self._browser.link_activated.connect(self.link_activated)
        self.more_button = big_button(theme, icon="mdi6.arrow-down")
        self.more_button.clicked.connect(self._scroll_down)
        self._browser.set_cue(
            self.more_button,
            theme.colour("background"),
            gap=theme.spacing // 2,
            ramp=theme.px(FADE_RAMP_PX),
        )
        self._browser.set_end_space(theme.spacing)
        # A little air between the text and the scroll bar beside it.
        self._browser.setViewportMargins(0, 0, theme.spacing // 2, 0)

        self.home_code = TakeHomeCode(theme, self)
        self._side = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._side.setSpacing(theme.spacing)
        self._side.addWidget(self._picture, 1)
        self._text_row = QHBoxLayout()
        self._text_row.setSpacing(theme.margin)
        self._text_row.addWidget(self._browser, 1)
        self._text_row.addStretch(0)  # the room a capped text column leaves

        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.setSpacing(theme.margin)
        self._body.addLayout(self._side, 4)
        self._body.addLayout(self._text_row, 6)

        self._outer = outer = QVBoxLayout(self)
        # A gap above the bottom bar, so a picture that fills the height keeps its corners.
        outer.setContentsMargins(theme.margin, theme.margin // 2, theme.margin, theme.spacing // 2)
        outer.setSpacing(theme.spacing)
        outer.addWidget(self._title)
        outer.addLayout(self._body, 1)
        self.retranslate()

    @property
    def page(self) -> Page | None:
        return self._page

    @property
    def browser(self) -> PageBrowser:
        return self._browser

    def set_text_top(self, pixels: int) -> None:
        """Where the text (and the "More below" button on it) may start at the earliest, in
        this pane's pixels: in portrait the title and picture fill the top of the screen, which
        a seated patient cannot reach. 0: no limit."""
        if pixels != self._text_top:
            self._text_top = pixels
            self._hold_text_top()

    def _hold_text_top(self) -> None:
        needed = 0
        if self._text_top > 0 and self.height() > self.width():
            margins = self._outer.contentsMargins()
            above = margins.top() + self._outer.spacing() + self._body.spacing()
            if not self._title.isHidden():
                width = self.width() - margins.left() - margins.right()
                above += self._title.heightForWidth(width)
            needed = self._text_top - above
        self._picture.setMinimumHeight(max(0, needed))

    def retranslate(self) -> None:
        set_label(self.more_button, self.tr("More below"), self.tr("Scroll down to read more"))
        hold_width(self.more_button, [self.more_button.text()])
        self.home_code.retranslate()
        if not self.size().isEmpty():  # the caption's new words may need another line
            self._shape_body(self.size())

    def _hold_more_width(self) -> None:
        # Measured while the pane was being built (before the theme reached it), the width can
        # come out short of the label: measure again.
        if self.more_button.minimumWidth() < self.more_button.sizeHint().width():
            hold_width(self.more_button, [self.more_button.text()])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _scroll_down(self) -> None:
        self._browser.scroll_down(animated=self.animations_enabled)

    def show_page(self, page: Page) -> None:
        self._title.setText(page.title)
        self._title.setAccessibleName(page.title)
        # The text, to a screen reader: named by the page (it takes the focus when it has
        # links), its links objects of their own (kiosk.ui.accessibility).
        self._browser.setAccessibleName(page.title)
        previous, self._page = self._page, page
        self._picture.set_picture(page.illustration, page.alt)
        had_code = self.home_code.has_code
        self.home_code.set_address(page.home_url)
        changed = _pictured(page) != _pictured(previous) or had_code != self.home_code.has_code
        if changed and not self.size().isEmpty():
            self._shape_body(self.size())  # a picture or code came or went: lay out anew
        self._hold_text_top()
        self._rendered_width = -1
        self._render_body()

    def _render_body(self) -> None:
        if self._page is None:
            return
        width = self._browser.viewport().width()
        if width == self._rendered_width:
            return
        self._rendered_width = width
        self._browser.show_html(self._render(self._page, width))

    def _shape_body(self, size: QSize) -> None:
        """Picture beside the text where the text column stays wide enough to read, else
        above it; on a short pane (a small screen at large text) the title steps down a size
        and the picture gives way to the text, unless it fills the top of a portrait screen
        (see :meth:`set_text_top`)."""
        theme = self._theme
        margins = self._outer.contentsMargins()
        inner = size.width() - margins.left() - margins.right()
        self._title_role("title")
        if self._title.heightForWidth(inner) > size.height() // 5:
            self._title_role("tile")
        beside = size.width() >= size.height() and inner * 6 // 11 >= theme.px(TEXT_COLUMN_PX)
        if beside:
            self._body.setDirection(QBoxLayout.Direction.LeftToRight)
            self._body.setStretch(0, 5)
            self._body.setStretch(1, 6)
        else:
            self._body.setDirection(QBoxLayout.Direction.TopToBottom)
            self._body.setStretch(0, 4)
            self._body.setStretch(1, 6)
        body = size.height() - margins.top() - margins.bottom() - self._outer.spacing()
        body -= self._title.heightForWidth(inner)
        roomy = body * 2 // 5 >= theme.px(PICTURE_MIN_PX)
        # A page without a picture (none given, or one the load refused) gives the text the room.
        pictured = _pictured(self._page)
        picture_shown = pictured and (beside or roomy or self._text_top > 0)
        self._picture.setVisible(picture_shown)
        if not picture_shown:  # an empty column keeps its share of the room: give it none
            self._body.setStretch(0, 0)
        measure = theme.px(READING_MEASURE_PX) if not pictured else QWIDGETSIZE_MAX
        self._browser.setMaximumWidth(measure)
        if beside and picture_shown:
            text_width = (inner - self._body.spacing()) * 6 // 11
        else:
            text_width = min(inner, measure)
        self._place_code(beside, picture_shown, body, text_width)

    def _place_code(self, beside: bool, picture_shown: bool, body: int, text_width: int) -> None:
        """Put the page's code where it takes no room the text needs (see the module docstring),
        or leave it out."""
        code = self.home_code
        for layout in (self._side, self._text_row):
            layout.removeWidget(code)
        if not code.has_code:
            code.hide()
            return
        theme = self._theme
        needed = code.needed_height()
        code.setFixedHeight(needed)  # a squeezed caption would run over the code
        picture_min = theme.px(PICTURE_MIN_PX)
        gap = self._side.spacing()
        if beside and picture_shown and body - needed - gap >= picture_min:
            self._side.setDirection(QBoxLayout.Direction.TopToBottom)
            self._side.addWidget(code, 0, Qt.AlignmentFlag.AlignHCenter)
        elif picture_shown and needed <= (body if beside else body * 2 // 5):
            # Beside: the picture column is too short to share, but wide enough (its picture
            # is held by its height); above the text: the picture's row.
            self._side.setDirection(QBoxLayout.Direction.LeftToRight)
            self._side.addWidget(code, 0, Qt.AlignmentFlag.AlignTop)
        elif needed <= body and text_width - code.width() - self._text_row.spacing() >= theme.px(
            TEXT_COLUMN_PX
        ):
            self._text_row.insertWidget(1, code, 0, Qt.AlignmentFlag.AlignTop)
        else:
            code.hide()
            return
        code.show()

    def _title_role(self, role: str) -> None:
        if self._title.property("role") != role:
            self._title.setProperty("role", role)
            self._title.style().unpolish(self._title)
            self._title.style().polish(self._title)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._hold_more_width()
        self._shape_body(event.size())
        self._hold_text_top()
        super().resizeEvent(event)
        self._outer.activate()
        self._render_body()


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
