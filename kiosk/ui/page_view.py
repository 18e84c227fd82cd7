"""One page laid out for the screen's shape: picture beside the text in landscape, above it in
portrait, with the title across the top.

While the text goes on below what fits, a "More below" button with a down arrow lies over a fade
at the bottom of the text column (in both shapes): it says so in words, not only by the fade,
and a tap turns about one screenful for those who do not swipe. It goes at the end of the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.model import Page
from kiosk.ui.page_browser import PageBrowser
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import Picture, big_button, set_label

FADE_RAMP_PX = 64
"""Height of the fade above the "More below" button, from clear to the page background."""


class HtmlRenderer(Protocol):
    """Renders a page body for a text column of the given width (pixels)."""

    @property
    def root(self) -> Path:
        """The content folder: the only place body images may be loaded from."""

    def __call__(self, page: Page, width: int) -> str: ...


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

        self._title = QLabel(self)
        self._title.setProperty("role", "title")
        self._title.setWordWrap(True)
        self._title.setAccessibleName("")
        self._picture = Picture(self)
        self._browser = PageBrowser(theme.document_css(), render.root, self)
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

        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.setSpacing(theme.margin)
        self._body.addWidget(self._picture, 4)
        self._body.addWidget(self._browser, 6)

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

    def retranslate(self) -> None:
        set_label(self.more_button, self.tr("More below"), self.tr("Scroll down to read more"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _scroll_down(self) -> None:
        self._browser.scroll_down(animated=self.animations_enabled)

    def show_page(self, page: Page) -> None:
        self._page = page
        self._title.setText(page.title)
        self._title.setAccessibleName(page.title)
        self._picture.set_picture(page.illustration, page.alt)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait:
            self._body.setDirection(QBoxLayout.Direction.TopToBottom)
            self._body.setStretch(0, 4)
            self._body.setStretch(1, 6)
        else:
            self._body.setDirection(QBoxLayout.Direction.LeftToRight)
            self._body.setStretch(0, 5)
            self._body.setStretch(1, 6)
        super().resizeEvent(event)
        self._outer.activate()
        self._render_body()
