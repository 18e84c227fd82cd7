"""The topic menu: one big tile per page (with its chapter), in a finger-scrollable grid.

Tiles are not buttons: a button inside a kinetic scroll area swallows the press, so a flick that
starts on it would not scroll. A tile reacts to a *tap* (press and release close together) and
leaves drags to the scroller.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Deck, Page
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.theme import Theme
from kiosk.ui.touch import enable_kinetic_scrolling, is_flicking, is_tap
from kiosk.ui.widgets import ScreenWidget, bar, big_button, screen_column, set_label

MAX_COLUMNS = 4


class Tile(QFrame):
    """A page's tile: icon, number, title and teaser; emits ``tapped`` with the page slug."""

    tapped = Signal(str)

    def __init__(
        self, theme: Theme, page: Page, number: int, chapter: str, parent: QWidget | None = None
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

        icon = QLabel(self)
        icon_size = theme.px(84)
        icon.setPixmap(icon_pixmap(page.icon, icon_size, p.primary))
        icon.setFixedSize(icon_size, icon_size)
        number_label = QLabel(f"{chapter}  {number}" if chapter else str(number), self)
        number_label.setProperty("role", "small")
        number_label.setWordWrap(True)  # a long chapter name must not widen the tile
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
    page_chosen = Signal(str)
    read_from_start = Signal()
    visit_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._deck: Deck | None = None
        self._columns = 0
        self.tiles: list[Tile] = []

        header = bar("TopBar", self)
        self._title = QLabel(header)
        self._title.setProperty("role", "title")
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
        self.display_controls = DisplayControls(theme, header)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button

        titles = QVBoxLayout()
        titles.setSpacing(theme.spacing // 3)
        titles.addWidget(self._title)
        titles.addWidget(self._hint)
        self._header_row = QHBoxLayout(header)
        self._header_row.setContentsMargins(
            theme.margin, theme.spacing, theme.margin, theme.spacing
        )
        self._header_row.setSpacing(theme.spacing)
        self._header_row.addLayout(titles, 1)
        self._header_row.addWidget(self.display_controls)

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(theme.margin, theme.margin, theme.margin, theme.margin)
        self._grid.setSpacing(theme.spacing)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._grid_host)
        enable_kinetic_scrolling(self.scroll_area.viewport())

        footer = bar("NavBar", self)
        footer_row = QHBoxLayout(footer)
        footer_row.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        footer_row.setSpacing(theme.spacing)
        footer_row.addWidget(self.start_button, 1)
        footer_row.addWidget(self.visit_button, 1)

        screen_column(self, header, self.scroll_area, footer)
        self.retranslate()

    def show_deck(self, deck: Deck, languages: tuple[Deck, ...]) -> None:
        self.display_controls.show_languages(deck.language, languages)
        if deck is not self._deck:
            self._deck = deck
            self._rebuild_tiles()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def _rebuild_tiles(self) -> None:
        for tile in self.tiles:
            tile.deleteLater()
        self.tiles = []
        if self._deck is None:
            return
        chapters = {chapter.id: chapter.title for chapter in self._deck.chapters}
        for number, page in enumerate(self._deck.pages, start=1):
            chapter = chapters.get(page.chapter or "", "")
            tile = Tile(self._theme, page, number, chapter, self._grid_host)
            tile.tapped.connect(self._tile_tapped)
            self.tiles.append(tile)
        self._columns = 0
        self._place_tiles()

    def _tile_tapped(self, slug: str) -> None:
        if is_flicking(self.scroll_area.viewport()):
            return  # the finger was flicking the list, not choosing a tile
        self.page_chosen.emit(slug)

    def _columns_that_fit(self) -> int:
        """As many columns (at most 4, each about ``px(430)`` wide) as fit side by side at
        the tiles' own minimum width, so no tile is ever pushed past the right edge."""
        theme = self._theme
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        available = self.width() - 2 * theme.margin - scrollbar
        widest = max((tile.minimumSizeHint().width() for tile in self.tiles), default=1)
        columns = max(1, min(MAX_COLUMNS, self.width() // max(1, theme.px(430))))
        while columns > 1 and columns * widest + (columns - 1) * theme.spacing > available:
            columns -= 1
        return columns

    def _place_tiles(self) -> None:
        columns = self._columns_that_fit()
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._grid.setRowStretch(len(self.tiles) // columns + 1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_tiles()

    def retranslate(self) -> None:
        self._title.setText(self.tr("Choose a topic"))
        self._hint.setText(
            self.tr("Touch a topic to read about it. Slide your finger up or down to see more.")
        )
        set_label(self.start_button, self.tr("Start reading"))
        set_label(self.visit_button, self.tr("Request a visit"))
        self.language_button.retranslate()
