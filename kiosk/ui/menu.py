"""The topic menu: one big tile per page, grouped under chapter headings, in a
finger-scrollable grid.

Each chapter of ``deck.yml`` heads its tiles once (a label across the grid, read as a heading),
in the order the chapters are declared; tiles without a chapter come first, with no heading.
A tile keeps its page's number, so the numbers still match the reader's "3 of 7".

Tiles are not buttons: a button inside a kinetic scroll area swallows the press, so a flick that
starts on it would not scroll. A tile reacts to a *tap* (press and release close together) and
leaves drags to the scroller. For keys and screen readers each tile carries a button
(:class:`TileKey`) that mouse and touch pass through: it takes the focus, draws the focus ring,
is named by the tile's title and is pressed by Enter or Space (:mod:`kiosk.ui.keys`).

By keys: the arrows move between the tiles as a grid (and on to the buttons around it); the
focus starts on the first tile; Page Down and Page Up scroll the list; Back and Home do nothing
(this is home).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Deck, Page
from kiosk.speech.script import Script, Utterance
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.keys import Action, focusable, reading_order
from kiosk.ui.theme import Theme
from kiosk.ui.touch import enable_kinetic_scrolling, is_flicking, is_tap
from kiosk.ui.widgets import ScreenWidget, bar, big_button, hold_width, set_label

MAX_COLUMNS = 4


class ChapterHeading(QLabel):
    """A chapter's title above its tiles: a label across the whole grid, wrapping rather than
    widening it (its class name tells :mod:`kiosk.ui.accessibility` it is a heading)."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.setProperty("role", "tile")  # primary on the background, bold
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)


class TileKey(QPushButton):
    """The tile as keys and screen readers see it: a button lying over the whole tile that
    mouse and touch pass through (so a flick on a tile still scrolls), drawn only as the focus
    ring (``#TileKey`` in the theme's style sheet)."""

    def __init__(self, tile: Tile) -> None:
        super().__init__(tile)
        self.setObjectName("TileKey")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clicked.connect(lambda: tile.tapped.emit(tile.slug))


class Tile(QFrame):
    """A page's tile: icon, number, title and teaser; emits ``tapped`` with the page slug."""

    tapped = Signal(str)

    def __init__(
        self, theme: Theme, page: Page, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.slug = page.slug
        self._pressed_at: QPoint | None = None
        p = theme.palette
        self.setObjectName("Tile")  # its look, pressed or not, is in the theme's style sheet
        self.setMinimumHeight(max(theme.target, theme.px(210)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(f"{number}. {page.title}")
        self.setAccessibleDescription(page.summary)
        self.key = TileKey(self)
        self.key.setAccessibleName(self.accessibleName())
        self.key.setAccessibleDescription(page.summary)

        icon = QLabel(self)
        icon_size = theme.px(84)
        icon.setPixmap(icon_pixmap(page.icon, icon_size, p.primary))
        icon.setFixedSize(icon_size, icon_size)
        number_label = QLabel(str(number), self)
        number_label.setProperty("role", "small")
        number_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        title = QLabel(page.title, self)
        title.setProperty("role", "tile")
        title.setWordWrap(True)
        summary = QLabel(page.summary, self)
        summary.setWordWrap(True)
        summary.setProperty("role", "small")
        summary.setVisible(bool(page.summary))

        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(number_label, 1, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(theme.spacing, theme.spacing, theme.spacing, theme.spacing)
        column.setSpacing(theme.spacing // 2)
        column.addLayout(head)
        column.addWidget(title)
        column.addWidget(summary)
        column.addStretch(1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.key.setGeometry(self.rect())
        self.key.raise_()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_at = event.globalPosition().toPoint()
        self._show_pressed(True)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pressed_at is not None and not is_tap(
            self._pressed_at, event.globalPosition().toPoint()
        ):
            self._cancel()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed_at = self._pressed_at
        self._cancel()
        released_at = event.globalPosition().toPoint()
        if pressed_at is None:
            # Qt 6.11 drops the press of a tap that follows another one within the
            # double-click time when the list scrolls kinetically (see touch.TapRescue): a
            # release inside the tile that never saw its press is that tap. The end of a
            # flick is told apart by the menu (it ignores taps while the list moves).
            pressed_at = released_at
        if is_tap(pressed_at, released_at) and self.rect().contains(event.position().toPoint()):
            self.tapped.emit(self.slug)

    def _cancel(self) -> None:
        self._pressed_at = None
        self._show_pressed(False)

    def _show_pressed(self, pressed: bool) -> None:
        """Toggle ``#Tile[pressed="true"]`` in the theme's style sheet and restyle the tile."""
        self.setProperty("pressed", pressed)
        self.style().unpolish(self)
        self.style().polish(self)


class MenuScreen(ScreenWidget):
    """The title and hint on top, the tiles, Start reading / Request a visit at the bottom.

    The display controls sit beside the title where they fit, else on a row of their own under
    it; in portrait, where the top of the screen is out of a seated patient's reach, they move
    down above the bottom buttons, and the title and hint fill the top down to where reach
    begins, so the tiles start within reach (see :meth:`_arrange`)."""

    page_chosen = Signal(str)
    read_from_start = Signal()
    visit_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._deck: Deck | None = None
        self._columns = 0
        self._arranged: tuple[object, ...] = ()
        self._tiles_width = 0
        """The width the tile grid gets (the screen's, less a column of buttons beside it)."""
        self.tiles: list[Tile] = []
        self.headings: list[ChapterHeading] = []
        self._groups: list[tuple[ChapterHeading | None, list[Tile]]] = []
        """The tiles in menu order, each chapter's under its heading (None: no chapter)."""
        self._stretch_row = 0

        self._header = header = bar("TopBar", self)
        self._title = QLabel(header)
        self._title.setProperty("role", "title")
        self._title.setWordWrap(True)
        self._hint = QLabel(header)
        self._hint.setProperty("role", "small")
        self._hint.setWordWrap(True)
        self.start_button = big_button(
            theme,
            role="primary",
            icon="mdi6.book-open-variant",
            icon_colour=theme.palette.on_primary,
        )
        self.start_button.clicked.connect(self.read_from_start)
        self.visit_button = big_button(
            theme, role="accent", icon="mdi6.calendar-check", icon_colour=theme.palette.on_accent
        )
        self.visit_button.clicked.connect(self.visit_requested)
        for button in (self.start_button, self.visit_button):
            # Never narrower than the label: a tight row puts one above the other instead.
            button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)
        self.display_controls = DisplayControls(theme, header)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button

        self._titles = QVBoxLayout()
        self._titles.setSpacing(theme.spacing // 3)
        self._titles.addStretch(1)
        self._titles.addWidget(self._title)
        self._titles.addWidget(self._hint)
        self._titles.addStretch(1)
        self._header_row = QHBoxLayout()
        self._header_row.setSpacing(theme.spacing)
        self._header_row.addLayout(self._titles, 1)
        self._header_rows = QVBoxLayout(header)
        self._header_rows.setContentsMargins(
            theme.margin, theme.spacing, theme.margin, theme.spacing
        )
        self._header_rows.setSpacing(theme.spacing)
        self._header_rows.addLayout(self._header_row, 1)

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(theme.margin, theme.margin, theme.margin, theme.margin)
        self._grid.setSpacing(theme.spacing)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._grid_host)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go tile by tile
        enable_kinetic_scrolling(self.scroll_area.viewport())

        self._footer = footer = bar("NavBar", self)
        self._actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._actions.setSpacing(theme.spacing)
        self._actions.addWidget(self.start_button, 1)
        self._actions.addWidget(self.visit_button, 1)
        self._footer_rows = QVBoxLayout(footer)
        self._footer_rows.setContentsMargins(
            theme.margin, theme.spacing, theme.margin, theme.spacing
        )
        self._footer_rows.setSpacing(theme.spacing)
        self._footer_rows.addStretch(1)  # in a column on the right, the buttons sit low
        self._footer_rows.addLayout(self._actions)

        self._left = QVBoxLayout()
        self._left.setSpacing(0)
        self._left.addWidget(header)
        self._left.addWidget(self.scroll_area, 1)
        self._left.addWidget(footer)
        self._outer = QHBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self._outer.addLayout(self._left, 1)
        self.retranslate()

    def _arrange(self) -> None:
        """Place the display controls and the bottom buttons for this size and reach band:
        ``below`` (portrait, the top out of reach), ``beside`` the title, on a ``row`` of their
        own under it, or, on a short screen at large text, with the bottom buttons in a
        ``column`` on the right, so the tiles keep their height."""
        theme = self._theme
        room = self.width() - 2 * theme.margin
        controls = self.display_controls
        spacing = theme.spacing
        self._hold_labels()
        actions = _hint_width(self.start_button) + spacing + _hint_width(self.visit_button)
        in_row = actions <= room
        header_top = 0
        if self.reach.top > 0:
            place = "below"
            # The tiles start where reach begins: the title and hint fill the top.
            header_top = max(0, self.reach.top - self.mapTo(self.window(), QPoint(0, 0)).y())
        elif self._title_line() + spacing + controls.width_for(controls.shown_count) <= room:
            place = "beside"
        else:
            place = "row"
        if place != "below" and self._tile_room(place, room, in_row) < self._tile_height():
            place = "column"
        widths = (self._title_line(), controls.width_for(controls.shown_count), actions)
        stacked = self._column_columns()
        arranged = (place, in_row, room, header_top, widths, self.height(), stacked)
        if arranged == self._arranged:
            return
        self._arranged = arranged
        self._tiles_width = self.width()
        if place == "column":
            self._tiles_width -= max(
                controls.width_for(stacked),
                _hint_width(self.start_button),
                _hint_width(self.visit_button),
            )
            self._tiles_width -= 2 * theme.margin
        # A title that would take more than a fifth of a short screen steps down a size.
        self._set_title_role("title")
        titles_width = self._tiles_width - 2 * theme.margin
        if place == "column" and self._title.heightForWidth(titles_width) > self.height() // 5:
            self._set_title_role("tile")
        for layout in (self._header_row, self._header_rows, self._footer_rows, self._outer):
            layout.removeWidget(controls)
        self._left.removeWidget(self._footer)
        self._outer.removeWidget(self._footer)
        if place == "column":
            self._outer.addWidget(self._footer)
        else:
            self._left.addWidget(self._footer)
        if place in ("below", "column"):
            self._footer_rows.insertWidget(1, controls)
            if place == "below":
                controls.flow(room)
            else:
                controls.set_columns(stacked)
        elif place == "beside":
            self._header_row.addWidget(controls, 0, Qt.AlignmentFlag.AlignVCenter)
            controls.set_columns(controls.shown_count)
        else:
            self._header_rows.addWidget(controls)
            controls.flow(room)
        # A row of controls under the title: tighter gaps keep the tiles' height.
        gap = theme.spacing // 2 if place == "row" else theme.spacing
        self._header_rows.setContentsMargins(theme.margin, gap, theme.margin, gap)
        self._header_rows.setSpacing(gap)
        in_row = in_row and place != "column"
        self._actions.setDirection(
            QBoxLayout.Direction.LeftToRight if in_row else QBoxLayout.Direction.TopToBottom
        )
        self._header.setMinimumHeight(header_top)
        self._place_tiles()

    def _title_line(self) -> int:
        """The title's width on one line (a word-wrapped label's size hint is narrower)."""
        self._title.setWordWrap(False)
        width = self._title.sizeHint().width()
        self._title.setWordWrap(True)
        return width

    def _set_title_role(self, role: str) -> None:
        if self._title.property("role") != role:
            self._title.setProperty("role", role)
            self._title.style().unpolish(self._title)
            self._title.style().polish(self._title)

    def _tile_height(self) -> int:
        return max((tile.minimumSizeHint().height() for tile in self.tiles), default=0)

    def _tile_room(self, place: str, room: int, in_row: bool) -> int:
        """About the height the tiles would keep with the controls ``beside`` the title or on
        a ``row`` of their own."""
        theme = self._theme
        controls = self.display_controls
        header = theme.spacing + theme.spacing // 3
        header += self._title.heightForWidth(room) + self._hint.heightForWidth(room)
        if place == "row":
            count = max(1, controls.shown_count)
            columns = next((c for c in range(count, 0, -1) if controls.width_for(c) <= room), 1)
            rows = -(-count // columns)
            header += rows * (theme.target + theme.spacing)
        actions = 1 if in_row else 2
        footer = actions * theme.target + (actions + 1) * theme.spacing
        return self.height() - header - footer - 2 * theme.margin

    def _column_rows(self, columns: int) -> int:
        return -(-max(1, self.display_controls.shown_count) // max(1, columns))

    def _column_columns(self) -> int:
        """In a column on the right the display controls stack one to a row, or (with the
        read-aloud buttons on a short screen) as few more to a row as keep that column, with
        the two buttons under it, within the window's height."""
        theme = self._theme
        count = max(1, self.display_controls.shown_count)
        for columns in range(1, count + 1):
            buttons = self._column_rows(columns) + 2
            if buttons * theme.target + (buttons + 1) * theme.spacing <= self.window().height():
                return columns
        return count

    def place_for_reach(self) -> None:
        self._arrange()

    def showEvent(self, event: QShowEvent) -> None:
        # Laid out while being built, the words were measured before the theme's fonts
        # reached them: measure again now that they have.
        self._arrange()
        super().showEvent(event)

    def _hold_labels(self) -> None:
        """Keep the bottom buttons as wide as their labels; measured while the screen is being
        built (before the theme reached it) the width comes out short, so measure again."""
        for button in (self.start_button, self.visit_button):
            if button.minimumWidth() < button.sizeHint().width():
                hold_width(button, [button.text()])

    def minimumSizeHint(self) -> QSize:
        """What the narrowest and the shortest arrangement need, whatever the arrangement now
        (the window follows its screens' minimum; one taken from the arrangement of the
        moment would keep it from narrowing or shortening to its screen): the width of the
        controls in one column, the buttons one above the other and one tile column; the
        height of the buttons in a column on the right, or of the title, hint and a tile row
        beside them."""
        theme = self._theme
        spacing = theme.spacing
        controls = self.display_controls
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        tile = max((t.minimumSizeHint().width() for t in self.tiles), default=0)
        stacked = self._column_columns()
        column = max(
            controls.width_for(stacked),
            _hint_width(self.start_button),
            _hint_width(self.visit_button),
        )
        width = max(column, self._title.minimumSizeHint().width(), tile + scrollbar)
        buttons = self._column_rows(stacked) + 2
        right = buttons * theme.target + (buttons + 1) * spacing
        left = max(1, self.width() - column - 4 * theme.margin)
        titles = self._title.heightForWidth(left) + self._hint.heightForWidth(left)
        height = max(right, titles + 2 * spacing + spacing // 3 + theme.target)
        return QSize(width + 2 * theme.margin, height)

    def show_deck(self, deck: Deck, languages: tuple[Deck, ...]) -> None:
        self.display_controls.show_languages(deck.language, languages)
        if deck is not self._deck:
            self._deck = deck
            self._rebuild_tiles()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def _rebuild_tiles(self) -> None:
        for widget in [*self.tiles, *self.headings]:
            widget.deleteLater()
        self.tiles, self.headings, self._groups = [], [], []
        if self._deck is None:
            return
        for chapter, pages in _grouped(self._deck):
            heading = None
            if chapter is not None:
                heading = ChapterHeading(chapter, self._grid_host)
                self.headings.append(heading)
            tiles = []
            for number, page in pages:
                tile = Tile(self._theme, page, number, self._grid_host)
                tile.tapped.connect(self._tile_tapped)
                tiles.append(tile)
            self._groups.append((heading, tiles))
            self.tiles.extend(tiles)
        self._columns = 0
        self._place_tiles()

    # --- Keys (kiosk.ui.keys.KeyScope) -----------------------------------------------------

    def focus_order(self) -> list[QWidget]:
        """The bars' controls in reading order, the tiles (in grid order) where the list is."""
        keys = [tile.key for tile in self.tiles]
        others = [w for w in focusable(self) if w not in keys and w is not self.scroll_area]
        order: list[QWidget] = []
        for widget in reading_order([*others, self.scroll_area]):
            order.extend(keys if widget is self.scroll_area else [widget])
        return order

    def first_focus(self) -> QWidget | None:
        return self.tiles[0].key if self.tiles else None

    def key_action(self, action: Action) -> bool:
        bar = self.scroll_area.verticalScrollBar()
        if action is Action.NEXT_PAGE:
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        elif action is Action.PREVIOUS_PAGE:
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
        else:
            return action in (Action.BACK, Action.HOME)  # the menu is home: nothing to do
        return True

    def speech_script(self) -> Script:
        """The heading and hint, each chapter's title and its topics (number, title, teaser),
        then the two buttons."""
        if self._deck is None:
            return ()
        said = [self._title.text(), self._hint.text()]
        for chapter, pages in _grouped(self._deck):
            if chapter is not None:
                said.append(f"{chapter}.")
            for number, page in pages:
                teaser = f" {page.summary.strip()}" if page.summary.strip() else ""
                said.append(f"{number}. {page.title}.{teaser}")
        buttons = [b.text() for b in (self.start_button, self.visit_button) if b.isVisibleTo(self)]
        if len(buttons) == 2:
            said.append(self.tr('Or touch "{0}" or "{1}".').format(*buttons))
        elif buttons:
            said.append(self.tr('Or touch "{0}".').format(buttons[0]))
        return tuple(Utterance(text, self._deck.language) for text in said if text.strip())

    def _tile_tapped(self, slug: str) -> None:
        if is_flicking(self.scroll_area.viewport()):
            return  # the finger was flicking the list, not choosing a tile
        self.page_chosen.emit(slug)

    def _columns_that_fit(self) -> int:
        """As many columns (at most 4, each about ``px(430)`` wide) as fit side by side at
        the tiles' own minimum width, so no tile is ever pushed past the right edge."""
        theme = self._theme
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        width = self._tiles_width or self.width()
        available = width - 2 * theme.margin - scrollbar
        widest = max((tile.minimumSizeHint().width() for tile in self.tiles), default=1)
        columns = max(1, min(MAX_COLUMNS, width // max(1, theme.px(430))))
        while columns > 1 and columns * widest + (columns - 1) * theme.spacing > available:
            columns -= 1
        return columns

    def _place_tiles(self) -> None:
        """Each group's heading on a row of its own across the grid, its tiles in rows under
        it; the rows below the last take the spare height."""
        columns = self._columns_that_fit()
        if columns == self._columns:
            return
        self._columns = columns
        for widget in [*self.tiles, *self.headings]:
            self._grid.removeWidget(widget)
        row = 0
        for heading, tiles in self._groups:
            if heading is not None:
                self._grid.addWidget(heading, row, 0, 1, columns)
                row += 1
            for index, tile in enumerate(tiles):
                self._grid.addWidget(tile, row + index // columns, index % columns)
            row += -(-len(tiles) // columns)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._grid.setRowStretch(self._stretch_row, 0)
        self._stretch_row = row
        self._grid.setRowStretch(row, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()
        self._place_tiles()

    def retranslate(self) -> None:
        self._title.setText(self.tr("Choose a topic"))
        self._hint.setText(
            self.tr("Touch a topic to read about it. Slide your finger up or down to see more.")
        )
        set_label(self.start_button, self.tr("Start reading"))
        set_label(self.visit_button, self.tr("Request a visit"))
        self._hold_labels()
        self.language_button.retranslate()
        self._arranged = ()  # new words, new widths
        self._arrange()


def _grouped(deck: Deck) -> list[tuple[str | None, list[tuple[int, Page]]]]:
    """The pages (with their numbers) by chapter: those without one (or with one the deck does
    not declare) first, then each declared chapter's in the order of ``deck.yml``; a chapter
    without pages is left out."""
    numbered = list(enumerate(deck.pages, start=1))
    declared = {chapter.id for chapter in deck.chapters}
    groups: list[tuple[str | None, list[tuple[int, Page]]]] = [
        (None, [(n, page) for n, page in numbered if page.chapter not in declared])
    ]
    for chapter in deck.chapters:
        groups.append((chapter.title, [(n, p) for n, p in numbered if p.chapter == chapter.id]))
    return [(title, pages) for title, pages in groups if pages]


def _hint_width(widget: QWidget) -> int:
    return widget.sizeHint().expandedTo(widget.minimumSizeHint()).width()
