"""After a request is saved: "Thank you", the short reference code and what happens next.

It never shows what the patient typed (name, phone): only the reference code.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Deck
from kiosk.speech.script import Script, Utterance, spell
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.keys import Action
from kiosk.ui.theme import Theme
from kiosk.ui.touch import enable_kinetic_scrolling
from kiosk.ui.widgets import (
    QWIDGETSIZE_MAX,
    ScreenWidget,
    bar,
    big_button,
    screen_column,
    set_label,
)

TIGHTEST = 2
"""The last of the steps by which the card makes room (see ThankYouScreen._tighten)."""


class ThankYouScreen(ScreenWidget):
    """Signal ``done`` when the patient taps "Done".

    The display controls sit in the top bar, flowing into as many rows as its width needs; on
    a portrait screen whose top is out of a seated patient's reach they move down into the
    bottom bar, above "Done". When the card needs more height than there is (large text on
    a short screen) it tightens (smaller tick, title-size headline, smaller code, half the
    gaps), and past that it scrolls: "Done" stays in its bar.
    """

    done = Signal()
    language_chosen = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._code = ""
        self._language = ""
        self._callback = ""
        p = theme.palette
        self._top = top = bar("TopBar", self)
        top.setMinimumHeight(theme.spacing)
        self.display_controls = DisplayControls(theme, top)
        self.display_controls.language_chosen.connect(self.language_chosen)
        self.language_button = self.display_controls.language_button
        self._top_row = QHBoxLayout(top)
        self._top_row.addStretch(1)
        self._top_row.addWidget(self.display_controls)

        middle = QWidget()
        # The tick sits beside "Thank you" rather than above it, and the gaps are tight, so
        # the whole card fits between the bars on a 1366x768 screen.
        self._tick = self._label("", middle)
        self._tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._headline = self._label("headline", middle)
        self._saved = self._label("body", middle)
        self._code_caption = self._label("small", middle)
        card = QWidget(middle)
        card.setObjectName("CodeCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        card.setStyleSheet(
            f"#CodeCard {{ background: {p.surface}; border: 4px solid {p.primary};"
            f" border-radius: {theme.radius}px; }}"
        )
        self._code_label = self._label("", card)
        self._card_row = QHBoxLayout(card)
        self._card_row.addWidget(self._code_label)
        self._next = self._label("body", middle)

        title_row = QHBoxLayout()
        title_row.setSpacing(theme.spacing)
        title_row.addStretch(1)
        title_row.addWidget(self._tick)
        title_row.addWidget(self._headline)
        title_row.addStretch(1)
        self._column = column = QVBoxLayout(middle)
        column.addStretch(1)
        column.addLayout(title_row)
        for widget in (self._saved, self._code_caption):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        self._before_next = QSpacerItem(0, 0)
        column.addItem(self._before_next)
        column.addWidget(self._next)
        column.addStretch(2)
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("ThanksScroll")
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its words and Done take the focus
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(middle)
        enable_kinetic_scrolling(self._scroll.viewport())

        self._nav = nav = bar("NavBar", self)
        self.done_button = big_button(
            theme, role="primary", icon="mdi6.check-bold", icon_colour=p.on_primary, parent=nav
        )
        self.done_button.setMinimumWidth(theme.px(420))
        self.done_button.clicked.connect(self.done)
        self._nav_rows = QVBoxLayout(nav)
        self._nav_rows.setSpacing(theme.spacing)
        self._nav_rows.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)

        screen_column(self, top, self._scroll, nav)
        self._controls_below = False
        self._tightness = -1
        self._tighten(0)
        self.retranslate()

    # --- Layout -----------------------------------------------------------------------------

    def place_for_reach(self) -> None:
        self._rearrange()

    def _rearrange(self) -> None:
        """The labels, the languages or the reach band changed: lay out again, for the
        window's size (a screen the stack has not shown yet still has its first, tiny size),
        and at once (the layout requests that would follow come after the next frame)."""
        size = self.window().size()
        self.display_controls.updateGeometry()
        self._lay_out(size.width(), size.height())
        for layout in (self._top_row, self._nav_rows, self.layout()):
            if layout is not None:
                layout.activate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._lay_out(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _lay_out(self, width: int, height: int) -> None:
        """The display controls above (or, in a portrait screen's unreachable top, below) the
        card, in as many rows as fit; the card tightened when it would need to scroll."""
        if width <= 0 or height <= 0:
            return
        theme = self._theme
        below = height > width and self.reach.top > 0
        if below != self._controls_below:
            self._controls_below = below
            self._move_controls(below)
        self.display_controls.flow(width - 2 * theme.margin)
        self.display_controls.updateGeometry()  # else its bar keeps the size it cached
        for tightness in range(TIGHTEST + 1):
            self._tighten(tightness)
            bars = self._nav_rows.totalMinimumSize().height()
            bars += self._top_row.totalMinimumSize().height() if not below else theme.spacing
            column = self._column.totalHeightForWidth(width)
            if (
                bars + column <= height
                and self._column.totalMinimumSize().width() <= width
                and self._card_width() <= width - theme.px(16)  # room for the scroll bar
            ):
                break

    def _card_width(self) -> int:
        """The width the code card needs, measured afresh (a layout's cached minimum can still
        hold the code's previous, smaller font: under X the card ran off a portrait screen)."""
        self._code_label.ensurePolished()
        row = self._card_row.contentsMargins()
        column = self._column.contentsMargins()
        border = 8  # the card's 4 px frame on both sides
        return (
            self._code_label.sizeHint().width()
            + row.left()
            + row.right()
            + column.left()
            + column.right()
            + border
        )

    def _move_controls(self, below: bool) -> None:
        controls = self.display_controls
        if below:
            self._top_row.removeWidget(controls)
            controls.setParent(self._nav)
            self._nav_rows.insertWidget(0, controls, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            self._nav_rows.removeWidget(controls)
            controls.setParent(self._top)
            self._top_row.addWidget(controls)
        controls.show()
        # An empty top bar stays a thin strip, as on the screens without controls up there.
        self._top.setMaximumHeight(self._theme.spacing if below else QWIDGETSIZE_MAX)

    def _tighten(self, tightness: int) -> None:
        """0: roomy; 1: a smaller tick and code, the headline at title size, half the gaps;
        2: a smaller code still, and half the bars' margins (what is left scrolls)."""
        if tightness == self._tightness:
            return
        self._tightness = tightness
        theme, p = self._theme, self._theme.palette
        compact = tightness > 0
        self._tick.setPixmap(
            icon_pixmap("mdi6.check-decagram", theme.px(64 if compact else 100), p.secondary)
        )
        self._headline.setProperty("role", "title" if compact else "headline")
        self._headline.style().unpolish(self._headline)
        self._headline.style().polish(self._headline)
        self._code_label.setStyleSheet(
            f"font-size: {theme.px((96, 64, 56)[tightness])}px; font-weight: bold;"
            f" color: {p.primary}; letter-spacing: {theme.px(8)}px;"
        )
        side = theme.margin * (1 if compact else 2)
        self._card_row.setContentsMargins(side, theme.spacing // 2, side, theme.spacing // 2)
        gap = theme.spacing // (4 if compact else 2)
        self._column.setSpacing(gap)
        side = theme.margin * (1 if compact else 3)
        self._column.setContentsMargins(side, gap if compact else theme.spacing, side, gap)
        self._before_next.changeSize(0, gap)
        bar_gap = theme.spacing // (2 if tightness == 2 else 1)
        self._top_row.setContentsMargins(theme.margin, bar_gap // 2, theme.margin, bar_gap // 2)
        self._nav_rows.setContentsMargins(theme.margin, bar_gap, theme.margin, bar_gap)
        self._column.invalidate()

    @staticmethod
    def _label(role: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        if role:
            label.setProperty("role", role)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(role != "")
        return label

    @property
    def code(self) -> str:
        return self._code

    def show_languages(self, current: str, languages: tuple[Deck, ...]) -> None:
        """The patient may read "thank you" and the next steps in another language too."""
        self._language = current
        # One to a row while the language switch appears: showing it lays its parents out at
        # once, and beside the others it could be wider than the window (which would grow).
        self.display_controls.set_columns(1)
        self.display_controls.show_languages(current, languages)
        self._rearrange()

    def show_reference(self, code: str) -> None:
        """Show the request's short reference code (e.g. ``A1F-3C9``)."""
        self._code = code
        self.retranslate()

    def set_callback_text(self, text: str) -> None:
        """What staff say here about the clinic's call (the deck's ``callback_text``, in the
        deck's language); empty: the built-in sentence, translated."""
        if text != self._callback:
            self._callback = text
            self.retranslate()

    @property
    def next_steps(self) -> str:
        return self._next.text()

    def clear(self) -> None:
        self.show_reference("")

    def first_focus(self) -> QWidget | None:
        return self.done_button

    def speech_script(self) -> Script:
        """Thanks, the reference code spelt out character by character (twice: it is what
        the patient may want to note), the next steps and Done."""
        said = [self._headline.text(), self._saved.text()]
        if self._code:
            spelt = spell(self._code)
            said.append(self.tr("Your reference code is: {0}.").format(spelt))
            said.append(self.tr("Again: {0}.").format(spelt))
        said += [
            self._next.text(),
            self.tr('When you have finished, touch "{0}".').format(self.done_button.text()),
        ]
        return tuple(Utterance(text, self._language) for text in said if text.strip())

    def key_action(self, action: Action) -> bool:
        """Back on the thank-you screen is Done: the visit is over, there is nothing before."""
        if action is Action.BACK:
            self.done_button.click()
            return True
        return False

    def retranslate(self) -> None:
        # The language change reaches this screen before its children: the display controls
        # take their new labels first, so they flow for their new widths.
        self.display_controls.retranslate()
        self._headline.setText(self.tr("Thank you"))
        self._saved.setText(self.tr("We have your request."))
        self._code_caption.setText(self.tr("Your reference code"))
        self._code_label.setText(self._code)
        self._code_label.setAccessibleName(
            self.tr("Your reference code is {0}").format(" ".join(self._code))
        )
        callback = self._callback or self.tr(
            "The clinic will call you, usually within one working day."
        )
        self._next.setText(callback + " " + self.tr("You can show this code at the front desk."))
        set_label(self.done_button, self.tr("Done"))
        self._rearrange()
