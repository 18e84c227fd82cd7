"""A QTextBrowser tamed for a public touchscreen.

* Links never leave the kiosk: Qt's own link opening is off and every click is forwarded as a
  plain string to the session, which knows only ``page:`` and ``action:`` targets.
* Touch drags scroll kinetically (``touch.py``) instead of selecting text; no context menu.
* A link is a small target inside a line of text, so a tap that lands just beside one (within
  ``LINK_SLOP_PX``) still follows it.
* Body images (``kiosk-image:`` URLs) are rendered sharp at the screen's pixel density.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QMouseEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from kiosk.content.images import KIOSK_IMAGE_SCHEME, image_size, path_from_kiosk_image_url
from kiosk.ui.touch import TEXT_TAP_SLOP_PX, enable_kinetic_scrolling, is_tap
from kiosk.ui.widgets import render_picture

LINK_SLOP_PX = 28
"""How far beside a link a fingertip may land and still follow it."""
_NEAR_OFFSETS = tuple(
    sorted(
        (
            (dx, dy)
            for dx in range(-LINK_SLOP_PX, LINK_SLOP_PX + 1, 7)
            for dy in range(-LINK_SLOP_PX, LINK_SLOP_PX + 1, 7)
        ),
        key=lambda offset: offset[0] ** 2 + offset[1] ** 2,
    )
)


class PageBrowser(QTextBrowser):
    """Shows one rendered page body; emits ``link_activated`` with the raw link target."""

    link_activated = Signal(str)

    def __init__(self, document_css: str, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.document().setDefaultStyleSheet(document_css)
        self.document().setDocumentMargin(0)
        self.anchorClicked.connect(self._forward_link)
        self._pressed_at: QPoint | None = None
        enable_kinetic_scrolling(self.viewport())

    def _forward_link(self, url: QUrl) -> None:
        self.link_activated.emit(url.toString())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed_at, self._pressed_at = self._pressed_at, None
        at = event.position().toPoint()
        if pressed_at is None or not is_tap(pressed_at, at, TEXT_TAP_SLOP_PX):
            return
        if self.anchorAt(at):
            return  # a direct hit: Qt already reported it through anchorClicked
        target = self.link_near(at)
        if target:
            self.link_activated.emit(target)

    def link_near(self, at: QPoint) -> str:
        """The link closest to ``at`` (viewport coordinates) within the slop, or ``""``."""
        for dx, dy in _NEAR_OFFSETS:
            target = self.anchorAt(at + QPoint(dx, dy))
            if target:
                return target
        return ""

    def show_html(self, html: str) -> None:
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def setSource(
        self,
        name: QUrl | str,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """Never navigate: with openLinks off this is only reached programmatically."""

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        name = QUrl(name)
        if name.scheme() != KIOSK_IMAGE_SCHEME:
            return None  # nothing outside the content folder is ever loaded
        path: Path | None = path_from_kiosk_image_url(name.toString(), root=self._root)
        if path is None:
            return None
        natural = image_size(path)
        width = self.viewport().width()
        if natural is not None:
            w, h = natural
            shown_w = min(w, max(1, width))
            size = QSize(shown_w, max(1, round(h * shown_w / max(w, 1))))
        else:
            size = QSize(max(1, width), max(1, width))
        pixmap = render_picture(path, size, self.devicePixelRatioF())
        return pixmap.toImage() if not pixmap.isNull() else None
