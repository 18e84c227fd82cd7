"""The page reader: progress, the call to action and the display controls in a bar above the
page (below it in portrait, beside it on a short screen at large text), big Back/Home/Next below.

Progress is words, "3 of 7" (read out as "Page 3 of 7"), counting the reading path only (see
:mod:`kiosk.session`): dots for pages to come could not reach 3:1 on the sand bar. On the visit
page, the path's end, Next becomes the call to action ("Request a visit", or without the form
"Back to topics") and a "Sources" button in the bar opens the pages after the path, which show
no number.

Page turns slide (``page_view.PageSlider``). A one-finger swipe turns the page too (see
``swipe.py``).

By keys (:mod:`kiosk.ui.keys`): the focus starts on Next (Enter again and again reads on);
Page Down is Next, Page Up the previous page (not past the first), Back (Esc, Backspace) is the
Back button (from the first page, the topics), Home is Home.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QPoint,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.links import PAGE_LINK_PREFIX
from kiosk.content.model import Deck
from kiosk.session import NextStep, View
from kiosk.speech.script import Script, Utterance, page_script
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import make_icon
from kiosk.ui.keys import Action
from kiosk.ui.page_view import HtmlRenderer, PageSlider, PageView
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import Picture, ScreenWidget, bar, big_button, hold_width, set_label


class ReadingFrame(QWidget):
    """The visible sign of what read-aloud is reading on a page: a thick frame in the accent
    colour round the title, the picture or the text, with a speaker badge on its corner (a
    shape, not a colour alone: it is at least 3:1 against the page in both palettes)."""

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("ReadingFrame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._theme = theme
        self.line = max(4, theme.px(6))
        self.badge = theme.px(44)
        self._icon = make_icon("mdi6.volume-high", theme.px(30), theme.palette.on_accent).pixmap(
            theme.px(30), theme.px(30)
        )
        self.target: QWidget | None = None
        self.hide()

    def follow(self, target: QWidget | None) -> None:
        """Frame ``target`` (None: no frame)."""
        self.target = target
        self.place()

    def place(self) -> None:
        target, parent = self.target, self.parentWidget()
        if target is None or parent is None or not target.isVisible():
            self.hide()
            return
        grow = self.line + self._theme.px(4)
        top_left = target.mapTo(parent, QPoint(0, 0))
        box = target.rect().translated(top_left).adjusted(-grow, -grow, grow, grow)
        self.setGeometry(box.intersected(parent.rect()))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self._theme.colour("accent")
        pen = QPen(accent, self.line)
        half = self.line / 2
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = self._theme.px(12)
        painter.drawRoundedRect(
            QRectF(self.rect()).adjusted(half, half, -half, -half), radius, radius
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(QRectF(0, 0, self.badge, self.badge))
        offset = (self.badge - self._icon.deviceIndependentSize().width()) / 2
        painter.drawPixmap(QPoint(round(offset), round(offset)), self._icon)
        painter.end()


class ReaderScreen(ScreenWidget):
    """Where the controls go (see :meth:`_arrange`): the controls bar (page counter,
    "Request a visit" or "Sources", the display controls) lies above the page, or below it
    when the top of the screen is out of a seated patient's reach, or beside it when a short
    screen would keep too little height for the text; Back/Home/Next are always at the
    bottom."""

    back_requested = Signal()
    next_requested = Signal()
    home_requested = Signal()
    visit_requested = Signal()
    link_activated = Signal(str)
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, render: HtmlRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._view: View | None = None
        self._arranged: tuple[object, ...] = ()
        self._held: tuple[str, ...] = ()
        self._init_controls_bar(theme)
        self._render = render
        self.slider = PageSlider(theme, render, self)
        for pane in self.slider.panes:
            pane.link_activated.connect(self.link_activated)
        self._init_nav(theme)
        self.reading_frame = ReadingFrame(theme, self)
        self._reading = ""

        self._middle = QHBoxLayout()
        self._middle.setContentsMargins(0, 0, 0, 0)
        self._middle.setSpacing(0)
        self._middle.addWidget(self.slider, 1)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self._bar)
        self._column.addLayout(self._middle, 1)
        self._column.addWidget(self._nav)
        self.retranslate()

    def _init_controls_bar(self, theme: Theme) -> None:
        self._bar = bar("TopBar", self)
        self.progress = QLabel(self._bar)
        self.progress.setProperty("role", "small")  # muted ink on sand: 7:1 and more
        self.visit_button = big_button(
            theme, role="accent", icon="mdi6.calendar-check", icon_colour=theme.palette.on_accent
        )
        self.sources_button = big_button(theme, icon="mdi6.book-open-variant")
        for button in (self.visit_button, self.sources_button):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.visit_button.clicked.connect(self.visit_requested)
        self.sources_button.clicked.connect(self._open_sources)
        self.display_controls = DisplayControls(theme, self._bar)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button
        self._first_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._first_row.setSpacing(theme.spacing)
        self._first_row.addWidget(self.progress, 1)
        self._first_row.addWidget(self.visit_button)
        self._first_row.addWidget(self.sources_button)
        self._bar_rows = QVBoxLayout(self._bar)
        self._bar_rows.setContentsMargins(
            theme.margin, theme.spacing // 2, theme.margin, theme.spacing // 2
        )
        self._bar_rows.setSpacing(theme.spacing)
        self._bar_rows.addLayout(self._first_row)
        self._first_row.addWidget(self.display_controls)

    def _init_nav(self, theme: Theme) -> None:
        self._nav = bar("NavBar", self)
        self.back_button = big_button(theme, icon="mdi6.arrow-left")
        self.home_button = big_button(theme, icon="mdi6.home")
        self.next_button = big_button(
            theme, role="primary", icon="mdi6.arrow-right", icon_colour=theme.palette.on_primary
        )
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.back_button.clicked.connect(self.back_requested)
        self.home_button.clicked.connect(self.home_requested)
        self.next_button.clicked.connect(self.next_requested)
        self._nav_grid = QGridLayout(self._nav)
        self._nav_grid.setContentsMargins(theme.margin, theme.spacing, theme.margin, theme.spacing)
        self._nav_grid.setSpacing(theme.spacing)
        self._nav_rows = 0
        for button in self._nav_buttons:
            # Never narrower than the label: a tight row moves Home up instead (see _arrange).
            button.setSizePolicy(QSizePolicy.Policy.MinimumExpanding, QSizePolicy.Policy.Fixed)

    @property
    def _nav_buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return (self.back_button, self.home_button, self.next_button)

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        self.display_controls.show_languages(current, languages)
        self._arrange()

    def show_view(self, view: View) -> None:
        self._view = view
        self.slider.show_page(view)
        # On the visit page Next is the call to action; the bar offers the sources instead.
        self.visit_button.setVisible(not view.on_visit_page)
        self.sources_button.setVisible(view.after_path is not None)
        self.progress.setVisible(view.on_path)
        self.retranslate()

    def _open_sources(self) -> None:
        view = self._view
        page = view.after_path if view is not None else None
        if page is not None:
            self.link_activated.emit(PAGE_LINK_PREFIX + page.slug)

    def place_for_reach(self) -> None:
        self._arrange()

    # --- Read-aloud --------------------------------------------------------------------------

    def speech_script(self) -> Script:
        """The page showing, in its language: title, the picture described, the text."""
        view = self._view
        if view is None or view.page is None or view.deck is None:
            return ()
        return page_script(
            view.page,
            view.deck.language,
            picture_intro=self.tr("Picture: {0}"),
            emergency_number=self._render.emergency_number,
        )

    def short_title(self) -> Script:
        """ "Page 3 of 8. Your hip joint." (a page turn with read-aloud on)."""
        view = self._view
        if view is None or view.page is None or view.deck is None:
            return ()
        said = view.page.title
        if view.on_path:
            said = f"{self.progress.accessibleName()}. {said}"
        return (Utterance(said, view.deck.language, "title"),)

    def show_reading(self, part: str) -> None:
        self._reading = part
        self.reading_frame.follow(self._reading_target(part))

    @property
    def reading(self) -> str:
        """The part of the page read-aloud is at ("" when it is not reading here)."""
        return self._reading

    def _reading_target(self, part: str) -> QWidget | None:
        pane: PageView = self.slider.current
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        if part == "title":
            titles = [
                label
                for label in pane.findChildren(QLabel, options=direct)
                if label.property("role") == "title"
            ]
            return titles[0] if titles else None
        if part == "picture":
            return pane.findChild(Picture, options=direct)
        if part == "body":
            return pane.browser
        return None

    def showEvent(self, event: QShowEvent) -> None:
        # Laid out while being built, the words were measured before the theme's fonts
        # reached them: measure again now that they have.
        self._arrange()
        super().showEvent(event)

    def minimumSizeHint(self) -> QSize:
        """What the narrowest arrangement needs, whatever the arrangement now: the window
        follows its screens' minimum, and one taken from a wide arrangement would keep the
        window from narrowing to the screen it is shown on (the arrangement follows the size).
        The height is that of the bar as a column beside the page, its tallest shape."""
        theme = self._theme
        spacing = theme.spacing
        back, home, forward = (_hint_width(button) for button in self._nav_buttons)
        controls = self.display_controls
        columns = self._beside_columns()
        width = max(
            home,
            back + spacing + forward,
            controls.width_for(columns),
            _hint_width(self.visit_button),
            _hint_width(self.sources_button),
            self._info_width(),
        )
        column = self._beside_height(columns)
        return QSize(width + 2 * theme.margin, column + self._nav.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()
        self.reading_frame.place()

    def _arrange(self) -> None:
        """Lay the bars out for this width, height and reach band, never wider than the screen:
        rows that do not fit break onto the next one."""
        theme = self._theme
        room = self.width() - 2 * theme.margin
        self._hold_widths()
        self._place_nav(room)
        shape = self._bar_shape(room)
        text_top = 0
        if shape == "below":
            # The page starts at the top of the window: its text starts where reach begins.
            text_top = max(0, self.reach.top - self.mapTo(self.window(), QPoint(0, 0)).y())
        arranged = (
            shape,
            room,
            text_top,
            self._one_row_width(),
            self._bar_button_width(),
            self._beside_columns(),
        )
        if arranged == self._arranged:
            return
        self._arranged = arranged
        self._shape_bar(shape, room)
        self._move_bar(shape)
        for pane in self.slider.panes:
            pane.set_text_top(text_top)

    def _place_nav(self, room: int) -> None:
        """Back, Home, Next in one row; where they do not fit, Home above Back and Next."""
        spacing = self._nav_grid.spacing()
        widths = [_hint_width(b) for b in self._nav_buttons]
        rows = 1 if sum(widths) + 2 * spacing <= room else 2
        if rows == self._nav_rows:
            return
        self._nav_rows = rows
        for button in self._nav_buttons:
            self._nav_grid.removeWidget(button)
        if rows == 1:
            for column, button in enumerate(self._nav_buttons):
                self._nav_grid.addWidget(button, 0, column)
        else:
            self._nav_grid.addWidget(self.home_button, 0, 0, 1, 2)
            self._nav_grid.addWidget(self.back_button, 1, 0)
            self._nav_grid.addWidget(self.next_button, 1, 1)
        for column in range(3):
            self._nav_grid.setColumnStretch(column, 1 if column < 4 - rows else 0)

    def _bar_shape(self, room: int) -> str:
        """``"above"``, ``"below"`` (the top is out of reach) or ``"beside"`` the page."""
        if self.reach.top > 0:
            return "below"
        theme = self._theme
        if self.width() > self.height():
            # Stacked above the page, how much height would the text keep?
            rows = 1 if self._one_row_width() <= room else 1 + self._controls_rows(room)
            bar_height = rows * theme.target + (rows - 1) * theme.spacing + theme.spacing
            nav_height = self._nav_rows * theme.target + (self._nav_rows + 1) * theme.spacing
            left = self.height() - bar_height - nav_height
            side = self.display_controls.width_for(self._beside_columns()) + 2 * theme.margin
            if left < self.height() * 2 // 5 and self.width() - side >= self.width() * 2 // 5:
                return "beside"
        return "above"

    def _bar_button_width(self) -> int:
        """The width "Request a visit" or "Sources" takes in the bar with its gap (0: none)."""
        shown = [b for b in (self.visit_button, self.sources_button) if not b.isHidden()]
        return sum(_hint_width(b) + self._theme.spacing for b in shown)

    def _one_row_width(self) -> int:
        controls = self.display_controls
        return (
            self._info_width()
            + self._bar_button_width()
            + self._theme.spacing
            + controls.width_for(controls.shown_count)
        )

    def _beside_rows(self, columns: int) -> int:
        return -(-max(1, self.display_controls.shown_count) // max(1, columns))

    def _beside_height(self, columns: int) -> int:
        """The bar's height as a column beside the page (its tallest shape), the display
        controls ``columns`` to a row: the counter, "Request a visit" (or "Sources"), the
        controls, with the tighter gaps that shape has (see :meth:`_shape_bar`)."""
        theme = self._theme
        gap = theme.spacing // 3
        info = self.progress.sizeHint().height()
        rows = [info, *(theme.target for _ in range(self._beside_rows(columns) + 1))]
        return sum(rows) + gap * (len(rows) - 1) + 2 * gap

    def _beside_columns(self) -> int:
        """Beside the page the display controls make one column, or (with the read-aloud
        buttons on a short screen) as few more as keep the bar within the window's height."""
        count = max(1, self.display_controls.shown_count)
        room = self.window().height() - self._nav.minimumSizeHint().height()
        return next((c for c in range(1, count + 1) if self._beside_height(c) <= room), count)

    def _info_width(self) -> int:
        return self.progress.sizeHint().width() if not self.progress.isHidden() else 0

    def _controls_rows(self, room: int) -> int:
        controls = self.display_controls
        count = max(1, controls.shown_count)
        columns = next((c for c in range(count, 0, -1) if controls.width_for(c) <= room), 1)
        return -(-count // columns)

    def _shape_bar(self, shape: str, room: int) -> None:
        """The bar's own rows: all in one; or counter and visit (one above the other where
        they do not fit side by side), then the display controls flowed into as many rows as
        they need; beside the page, one column."""
        controls = self.display_controls
        spacing = self._theme.spacing
        self._first_row.removeWidget(controls)
        self._bar_rows.removeWidget(controls)
        self._bar_rows.setStretch(0, 0)
        beside = shape == "beside"
        gap = spacing // 3 if beside else spacing  # a column on a short screen: tighter
        for rows in (self._bar_rows, self._first_row):
            rows.setSpacing(gap)
        controls.set_row_gap(gap)
        ends = gap if beside else spacing // 2
        margin = self._theme.margin
        self._bar_rows.setContentsMargins(margin, ends, margin, ends)
        if beside:
            self._first_row.setDirection(QBoxLayout.Direction.TopToBottom)
            self._bar_rows.addWidget(controls, 1, Qt.AlignmentFlag.AlignTop)
            controls.set_columns(self._beside_columns())
            return
        if self._one_row_width() <= room:
            self._first_row.setDirection(QBoxLayout.Direction.LeftToRight)
            self._first_row.addWidget(controls)
            controls.set_columns(controls.shown_count)
            return
        side_by_side = self._info_width() + self._bar_button_width() <= room
        self._first_row.setDirection(
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        self._bar_rows.addWidget(controls)
        controls.flow(room)

    def _move_bar(self, shape: str) -> None:
        self._column.removeWidget(self._bar)
        self._middle.removeWidget(self._bar)
        if shape == "above":
            self._column.insertWidget(0, self._bar)
        elif shape == "below":
            self._column.insertWidget(1, self._bar)
        else:
            self._middle.addWidget(self._bar)

    def first_focus(self) -> QWidget | None:
        return self.next_button

    def key_action(self, action: Action) -> bool:
        view = self._view
        if action is Action.PREVIOUS_PAGE:
            if view is not None and view.has_previous:
                self.back_button.click()
            return True
        buttons = {
            Action.BACK: self.back_button,
            Action.HOME: self.home_button,
            Action.NEXT_PAGE: self.next_button,
        }
        button = buttons.get(action)
        if button is None:
            return False
        button.click()
        return True

    def retranslate(self) -> None:
        view = self._view
        set_label(self.visit_button, self.tr("Request a visit"))
        set_label(self.sources_button, self.tr("Sources"))
        set_label(self.home_button, self.tr("Home"), self.tr("Home: all topics"))
        if view is not None and not view.has_previous:
            set_label(self.back_button, self.tr("Back"), self.tr("Back to all topics"))
        else:
            set_label(self.back_button, self.tr("Back"), self.tr("Previous page"))
        step = view.next_step if view is not None else NextStep.MENU
        if step is NextStep.PAGE:
            set_label(self.next_button, self.tr("Next"), self.tr("Next page"))
        elif step is NextStep.REQUEST_FORM:
            set_label(self.next_button, self.tr("Request a visit"))
        else:
            set_label(self.next_button, self.tr("Back to topics"), self.tr("Finish: all topics"))
        if view is not None and view.on_path:
            place, count = view.page_index + 1, view.path_length
            self.progress.setText(self.tr("{0} of {1}").format(place, count))
            self.progress.setAccessibleName(self.tr("Page {0} of {1}").format(place, count))
        self._hold_widths()
        self._arrange()

    def _hold_widths(self) -> None:
        """Keep each button as wide as the longest label it can show (a tight row breaks
        onto the next instead of squeezing a word), measured again only in a new language."""
        labels = {
            self.visit_button: [self.tr("Request a visit")],
            self.sources_button: [self.tr("Sources")],
            self.back_button: [self.tr("Back")],
            self.home_button: [self.tr("Home")],
            # Not "Request a visit": held on every page it made the nav bar wrap into two rows
            # on a short or narrow screen at the largest text; on the visit page alone the bar
            # may take its second row.
            self.next_button: [self.tr("Next"), self.tr("Back to topics")],
        }
        held = tuple(text for texts in labels.values() for text in texts)
        # Measured before the theme reached the buttons (while the screen is being built), the
        # widths come out short: measure again until a button holds at least its own label.
        short = any(b.minimumWidth() < b.sizeHint().width() for b in labels)
        if held != self._held or short:
            self._held = held
            for button, texts in labels.items():
                hold_width(button, texts)


def _hint_width(widget: QWidget) -> int:
    return widget.sizeHint().expandedTo(widget.minimumSizeHint()).width()
