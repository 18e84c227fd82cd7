"""A QTextBrowser tamed for a public touchscreen.

* Links never leave the kiosk: Qt's own link opening is off and every click is forwarded as a
  plain string to the session, which knows only ``page:`` and ``action:`` targets.
* Touch drags scroll kinetically (``touch.py``) instead of selecting text; no context menu.
* A link is a small target inside a line of text, so a tap that lands just beside one (within
  ``LINK_SLOP_PX``) still follows it.
* Body images (``kiosk-image:`` URLs) are rendered sharp at the screen's pixel density.
* While the text goes on below the visible part, a soft fade lies over the bottom of the text
  (:attr:`PageBrowser.more_below`, announced by ``more_below_changed``); it goes at the end so
  the last lines read clearly. :meth:`PageBrowser.scroll_down` turns about one screenful.
* By keys (:mod:`kiosk.ui.keys`): a page with links is one focus stop; Tab and Shift+Tab move
  from link to link (the chosen one shows as selected text), Enter follows it, and past the
  last link Tab goes on to the next control. A page without links takes no focus.
* To a screen reader (:mod:`kiosk.ui.accessibility`) each link is a link object of its own,
  named by its words and followed by its action, lying over the words; the fade is hidden.
* A link in a line of text is one line tall, far below a fingertip's 72 px. Given the theme,
  the browser also shows each page the text links to as a big button (:class:`LinkButton`,
  ``theme.target`` high) under the last line, with the link's words (wrapped to the column):
  the buttons scroll with the text and follow what their link follows. Tab goes from the last
  link in the text on to them; a button that takes the focus is scrolled into view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QPushButton, QScroller, QTextBrowser, QTextEdit, QWidget

from kiosk.content.images import KIOSK_IMAGE_SCHEME, image_size, path_from_kiosk_image_url
from kiosk.ui.accessibility import DECORATIVE
from kiosk.ui.picture_backdrop import on_backdrop
from kiosk.ui.picture_draw import render_picture
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TEXT_TAP_SLOP_PX, TapRescue, enable_kinetic_scrolling, is_tap
from kiosk.ui.widgets import make_big, set_label

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


class PageLink(QWidget):
    """One link of a page's text as a screen reader sees it: an empty widget lying over the
    link's words (touches pass through to the text), named by them, followed by its action."""

    def __init__(self, parent: QWidget, target: str, words: str, follow: Callable[[str], None]):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("role", "page-link")
        self.target = target
        self._follow = follow
        self.setAccessibleName(words)

    def follow(self) -> None:
        self._follow(self.target)


def page_links(text: QTextEdit) -> list[tuple[str, str, int, int]]:
    """Each link in ``text``'s document: its target, its words, where it starts and ends."""
    links: list[tuple[str, str, int, int]] = []
    block = text.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            form = fragment.charFormat()
            if fragment.isValid() and form.isAnchor() and form.anchorHref():
                href, start = form.anchorHref(), fragment.position()
                end = start + fragment.length()
                if links and links[-1][0] == href and links[-1][3] == start:  # one link, styled
                    previous = links.pop()
                    links.append((href, previous[1] + fragment.text(), previous[2], end))
                else:
                    links.append((href, fragment.text(), start, end))
            iterator += 1
        block = block.next()
    return links


def place_links(text: QTextEdit, follow: Callable[[str], None]) -> list[PageLink]:
    """Lay a :class:`PageLink` over each link of ``text``, children of its viewport (so they
    scroll with the text). The ones laid before are moved (after a resize) or renamed; those
    left over are hidden (a screen reader passes over them) and kept for the next page.

    Never deleted nor given back a parent of None: with either, a visit by keys left the
    window's QWindow wrapper invalid at close (PySide 6.11, tests/e2e/test_keys_journey.py
    with a screen reader active). A page has a few links: the kept ones cost nothing."""
    viewport = text.viewport()
    laid = viewport.findChildren(PageLink, options=Qt.FindChildOption.FindDirectChildrenOnly)
    placed = []
    for index, (href, words, start, end) in enumerate(page_links(text)):
        if index < len(laid):
            link = laid[index]
            link.target = href
            link.setAccessibleName(words.strip())
        else:
            link = PageLink(viewport, href, words.strip(), follow)
        link.setGeometry(_span(text, start, end))
        link.show()
        placed.append(link)
    for extra in laid[len(placed) :]:
        extra.hide()
    return placed


def _span(text: QTextEdit, start: int, end: int) -> QRect:
    """The viewport rectangle around the words from ``start`` to ``end``."""
    cursor = QTextCursor(text.document())
    cursor.setPosition(start)
    first = text.cursorRect(cursor)
    cursor.setPosition(end)
    last = text.cursorRect(cursor)
    if first.top() == last.top():
        return QRect(first.topLeft(), last.bottomRight()).normalized()
    return QRect(0, first.top(), text.viewport().width(), last.bottom() - first.top() + 1)


MAX_LINK_BUTTONS = 6
"""Most buttons under a page's text, one per place it links to, in the text's order; a page
with more links keeps the rest in its text only (a kiosk page has one or two)."""
MAX_LINK_BUTTON_CHARS = 80
"""Longest words on a link button (and its name); longer ones are cut at a word, with "…"."""


class LinkButton(QPushButton):
    """A big button under the page's text for one place the text links to."""

    def __init__(self, parent: QWidget, on_focus: Callable[[LinkButton], None]) -> None:
        super().__init__(parent)
        self.target = ""
        """What the link follows (``page:<slug>`` or ``action:request-visit``)."""
        self._on_focus = on_focus

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._on_focus(self)


def link_targets(links: list[tuple[str, str, int, int]]) -> list[tuple[str, str]]:
    """Each target of ``links`` (from :func:`page_links`) once, with the words of its first
    link, in the text's order, at most :data:`MAX_LINK_BUTTONS`."""
    chosen: dict[str, str] = {}
    for target, words, _start, _end in links:
        words = " ".join(words.split())[: MAX_LINK_BUTTON_CHARS + 1]
        if target and words and target not in chosen:
            chosen[target] = _cut(words)
            if len(chosen) == MAX_LINK_BUTTONS:
                break
    return list(chosen.items())


def _cut(words: str) -> str:
    if len(words) <= MAX_LINK_BUTTON_CHARS:
        return words
    head = words[: MAX_LINK_BUTTON_CHARS - 1]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head + "…"


def wrap_to(button: QPushButton, words: str, width: int) -> str:
    """``words`` in lines that keep ``button`` at most ``width`` pixels wide (a word too long
    for a line of its own is broken inside)."""

    button.ensurePolished()

    def fits(text: str) -> bool:
        button.setText(text)
        return button.sizeHint().width() <= width

    lines: list[str] = []
    line = ""
    for word in words.split(" "):
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while len(line) > 1 and not fits(line):
            cut = len(line) - 1
            while cut > 1 and not fits(line[:cut]):
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    return "\n".join(lines)


SCROLL_MS = 450
"""How long :meth:`PageBrowser.scroll_down` glides: quick, but slow enough to see the text move."""


class BottomFade(QWidget):
    """A gradient from clear to the page's background, lying over the bottom of the text.

    Touches pass through it to the text below, so a swipe that starts on the fade scrolls."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setProperty("a11y", DECORATIVE)
        self.colour = QColor(Qt.GlobalColor.white)
        self.solid = 0
        """Height of the fully covered band at the bottom, under a button lying over the fade."""

    def paintEvent(self, event: QPaintEvent) -> None:
        ramp_end = max(1, self.height() - self.solid)
        gradient = QLinearGradient(0, 0, 0, ramp_end)
        clear = QColor(self.colour)
        clear.setAlpha(0)
        gradient.setColorAt(0.0, clear)
        gradient.setColorAt(1.0, self.colour)
        painter = QPainter(self)
        painter.fillRect(0, 0, self.width(), ramp_end, gradient)
        painter.fillRect(0, ramp_end, self.width(), self.height() - ramp_end, self.colour)
        painter.end()


class PageBrowser(QTextBrowser):
    """Shows one rendered page body; emits ``link_activated`` with the raw link target."""

    link_activated = Signal(str)
    more_below_changed = Signal(bool)
    """The text now does (True) or no longer does (False) go on below the visible part."""

    def __init__(
        self,
        document_css: str,
        root: Path,
        parent: QWidget | None = None,
        backdrop: str = "",
        *,
        theme: Theme | None = None,
    ) -> None:
        """With ``theme``, the page's links are also big buttons under the text."""
        super().__init__(parent)
        self._root = root
        self._backdrop = backdrop
        self._theme = theme
        self._buttons: list[LinkButton] = []
        self._rescue = TapRescue(self)
        self._reserved = -1
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.document().setDefaultStyleSheet(document_css)
        self.document().setDocumentMargin(0)
        # The room for the link buttons is set on the page's last block after each setHtml:
        # no undo history of it is wanted.
        self.document().setUndoRedoEnabled(False)
        self.anchorClicked.connect(self._forward_link)
        self._pressed_at: QPoint | None = None
        enable_kinetic_scrolling(self.viewport())
        self._more_below = False
        self._fade = BottomFade(self)
        self._fade.hide()
        self._cue: QWidget | None = None
        self._cue_gap = self._cue_ramp = 0
        self._end_space = 0
        self._glide_target = 0
        self._has_links = False
        self._link_count = 0
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._check_more_below)
        bar.valueChanged.connect(self._check_more_below)

    @property
    def more_below(self) -> bool:
        """True while some of the text lies below the visible part."""
        return self._more_below

    @property
    def fade(self) -> BottomFade:
        return self._fade

    @property
    def link_buttons(self) -> list[LinkButton]:
        """The big buttons under the text showing now, in order."""
        return [button for button in self._buttons if not button.isHidden()]

    def set_cue(self, cue: QWidget, colour: QColor, *, gap: int, ramp: int) -> None:
        """Lay ``cue`` (a "more below" button) over the bottom of the text, centred, ``gap``
        pixels above the edge, on a fade into ``colour``: ``ramp`` pixels from clear to solid,
        then solid behind the cue. Both show only while there is more below."""
        self._cue = cue
        cue.setParent(self)
        self._cue_gap, self._cue_ramp = gap, ramp
        self._fade.colour = QColor(colour)
        self._place_cue()
        self._check_more_below()

    def set_end_space(self, pixels: int) -> None:
        """Room below the last line, so scrolled to the end it does not touch the edge."""
        self._end_space = pixels

    def scroll_down(self, *, animated: bool = True) -> None:
        """Bring the next part of the text into view: about one screenful, keeping the lines
        that lay under the fade in sight at the top."""
        bar = self.verticalScrollBar()
        visible = self.viewport().height()
        step = max(visible - self._fade.height(), visible // 2, 1)
        scroller = QScroller.scroller(self.viewport())
        start = bar.value()
        if scroller.state() == QScroller.State.Scrolling:
            start = max(start, self._glide_target)  # a second tap mid-glide goes on from there
        target = min(bar.maximum(), start + step)
        if animated:
            self._glide_target = target
            scroller.scrollTo(QPointF(0, target), SCROLL_MS)
        else:
            scroller.stop()
            bar.setValue(target)

    def _check_more_below(self) -> None:
        bar = self.verticalScrollBar()
        more = bar.value() < bar.maximum()
        self._fade.setVisible(more)
        if self._cue is not None:
            self._cue.setVisible(more)
        if more != self._more_below:
            self._more_below = more
            self.more_below_changed.emit(more)

    def _place_cue(self) -> None:
        viewport = self.viewport().geometry()
        gap = self._cue_gap
        cue_height = 0
        if self._cue is not None:
            hint = self._cue.sizeHint().expandedTo(self._cue.minimumSize())
            width = min(hint.width(), viewport.width())
            cue_height = hint.height()
            self._cue.setGeometry(
                viewport.center().x() - width // 2,
                viewport.bottom() + 1 - gap - cue_height,
                width,
                cue_height,
            )
        solid = gap + cue_height + gap if self._cue is not None else 0
        # On a short column (a small screen) the ramp shrinks so the fade keeps to about a third.
        ramp = min(self._cue_ramp, max(viewport.height() // 3 - solid, self._cue_ramp // 4))
        height = min(viewport.height(), ramp + solid)
        self._fade.solid = min(solid, height)
        self._fade.setGeometry(
            viewport.left(), viewport.bottom() + 1 - height, viewport.width(), height
        )
        self._fade.raise_()
        if self._cue is not None:
            self._cue.raise_()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            # The viewport also narrows when the scroll bar appears, without a resize of ours.
            self._place_cue()
            self._place_links()
            self._lay_buttons()
        return super().viewportEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._place_cue()  # the cue's size changed (new words after a language change)
        return super().event(event)

    def _place_links(self) -> None:
        """The links as a screen reader sees them, over their words (again after a resize)."""
        if self._has_links or self._link_count:
            self._link_count = len(place_links(self, self.link_activated.emit))

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
        # The end space is an empty block in the page itself: setting the root frame's bottom
        # margin after every setHtml made the process grow by about 0.1 MiB per 1,000 pages.
        spacer = f'<p style="margin: {self._end_space}px 0 0 0; font-size: 1px;">&nbsp;</p>'
        with_buttons = self._theme is not None
        self.setHtml(html + spacer if self._end_space or with_buttons else html)
        self._reserved = -1
        self._has_links = "href=" in html
        self.verticalScrollBar().setValue(0)
        self._place_links()
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if self._has_links else Qt.FocusPolicy.NoFocus)
        self._lay_buttons()

    def _lay_buttons(self) -> None:
        """One big button per place the text links to, in rows under its last line; the room
        they take is the top margin of the page's last (empty) block."""
        theme = self._theme
        if theme is None:
            return
        width = self.viewport().width()
        targets = link_targets(page_links(self)) if self._has_links and width > 0 else []
        while len(self._buttons) < len(targets):
            self._buttons.append(self._new_button(theme))
        gap = theme.spacing // 2
        places: list[tuple[LinkButton, QRect]] = []
        x = y = row = 0
        for button, (target, words) in zip(self._buttons, targets, strict=False):
            button.target = target
            set_label(button, wrap_to(button, words, width), words)
            hint = button.sizeHint().expandedTo(button.minimumSize())
            size = QSize(min(hint.width(), width), hint.height())
            if x > 0 and x + size.width() > width:
                x, y, row = 0, y + row + gap, 0
            places.append((button, QRect(QPoint(x, y), size)))
            x, row = x + size.width() + gap, max(row, size.height())
        height = y + row
        reserved = self._end_space + (theme.spacing + height if places else 0)
        last = self.document().lastBlock()
        if reserved != self._reserved:
            self._reserved = reserved
            cursor = QTextCursor(last)
            block = cursor.blockFormat()
            block.setTopMargin(reserved)
            cursor.setBlockFormat(block)
        self.document().documentLayout().blockBoundingRect(last)  # lays the text out so far
        line_top = last.layout().position().y()
        top = round(line_top) - self._end_space - height - self.verticalScrollBar().value()
        for button, place in places:
            button.setGeometry(place.translated(0, top))
            button.show()
        for extra in self._buttons[len(places) :]:
            extra.hide()

    def _new_button(self, theme: Theme) -> LinkButton:
        # Kept once made, hidden when not needed (like the PageLinks: see place_links).
        button = LinkButton(self.viewport(), self._bring_into_view)
        make_big(button, theme)
        button.installEventFilter(self._rescue)
        button.clicked.connect(lambda: self.link_activated.emit(button.target))
        # Made after the controls that follow the text, it would come after them by Tab
        # (the browser takes the focus now: setTabOrder passes over a widget that does not).
        QWidget.setTabOrder(self._buttons[-1] if self._buttons else self, button)
        return button

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab: link to link in the text, then on to the buttons under it (they follow the
        text in the focus chain), then the control after the text; Shift+Tab the same way back."""
        focused = self.window().focusWidget()
        if isinstance(focused, LinkButton) and self.isAncestorOf(focused):
            if not next and focused is self.link_buttons[0]:
                cursor = self.textCursor()  # back onto the last link of the text
                cursor.movePosition(QTextCursor.MoveOperation.End)
                self.setTextCursor(cursor)
                self.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
            # Along the focus chain: QTextBrowser's own step would go back into the text.
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def _bring_into_view(self, button: LinkButton) -> None:
        """Scroll so the whole of ``button`` shows (it took the focus by keys): the buttons end
        the text, so to its end, where the fade and "More below" no longer cover them, unless
        that would take the button's top out of sight (many buttons on a short screen)."""
        bar = self.verticalScrollBar()
        to_end = bar.maximum() - bar.value()
        if button.y() - to_end < 0:
            bar.setValue(bar.value() + button.y())
        else:
            bar.setValue(bar.maximum())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        by_tab = reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if by_tab and not self.textCursor().hasSelection():  # straight onto the first link
            self.focusNextPrevChild(reason == Qt.FocusReason.TabFocusReason)

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
        pixmap = on_backdrop(render_picture(path, size, self.devicePixelRatioF()), self._backdrop)
        if pixmap.isNull():
            # Refused at draw time (the file changed since the page was made): a clear image,
            # since for a null one Qt draws its broken-file icon in the picture's place.
            blank = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
            blank.fill(Qt.GlobalColor.transparent)
            return blank
        return pixmap.toImage()
