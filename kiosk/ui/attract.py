"""The attract screen: a large picture, a headline, "Touch to start" and the language buttons.

A soft ring breathes around the start button so the screen never looks frozen
(:mod:`kiosk.ui.halo`: it shows all day, so it is built to cost almost nothing; WCAG 2.2.2
asks that a patient can also stop it). The frames run only while the screen is visible and
the motion is on. "Stop motion" stops it for this patient (the configured default comes back with
:meth:`AttractScreen.forget_motion_choice`, which the window calls when it forgets a visit);
with ``display.animations = false`` nothing moves and the toggle is not shown.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QHideEvent,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Deck
from kiosk.speech.script import Script, Utterance
from kiosk.ui.display_controls import DisplayControls
from kiosk.ui.halo import Halo, MotionToggle
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import (
    QWIDGETSIZE_MAX,
    Picture,
    ScreenWidget,
    big_button,
    hold_width,
    set_label,
)

WELCOME_PX = 40
START_PX = 44
START_PADDING_PX = 56
TIGHTEST = 5
"""The last of the steps by which the screen makes room (see AttractScreen._tighten)."""


class AttractScreen(ScreenWidget):
    start_requested = Signal()
    language_chosen = Signal(str)
    motion_toggled = Signal(bool)
    """The patient touched the motion toggle: True when they started the motion again."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._language = ""
        self._animations_enabled = True
        self._motion = True
        self.language_buttons: dict[str, QPushButton] = {}

        self._picture = Picture(self, backdrop=theme.palette.picture_backdrop)
        self._headline = QLabel(self)
        self._headline.setProperty("role", "headline")
        self._headline.setWordWrap(True)
        self._welcome = QLabel(self)
        self._welcome.setProperty("role", "body")
        self._welcome.setWordWrap(True)
        self.start_button = big_button(
            theme, role="accent", icon="mdi6.gesture-tap", icon_colour=theme.palette.on_accent
        )
        self.start_button.setMinimumHeight(theme.target + theme.px(40))
        self._start_style = self._start_styles(START_PX)[0]
        self.start_button.setStyleSheet(self._start_style)
        self.start_button.clicked.connect(self.start_requested)
        self.motion_button = MotionToggle(theme, self)
        self.motion_button.clicked.connect(self._motion_touched)
        # Text size and contrast; the language has its own buttons here, one per language.
        self.display_controls = DisplayControls(theme, self, speech_apart=True)
        self._languages = QWidget(self)
        self._languages_row = QHBoxLayout(self._languages)
        self._languages_row.setContentsMargins(0, 0, 0, 0)
        self._languages_row.setSpacing(theme.spacing)
        self._languages.hide()  # until a deck offers more than one language
        self.halo = Halo(theme, self.start_button, self)

        # The start button keeps the ring's width clear above and below (the ring repaints
        # only its own band, so nothing else may lie under it).
        text_column = QVBoxLayout()
        text_column.setSpacing(theme.spacing)
        text_column.addStretch(1)
        text_column.addWidget(self._headline)
        text_column.addWidget(self._welcome)
        self._ring_room = (QSpacerItem(0, 0), QSpacerItem(0, 0))
        text_column.addItem(self._ring_room[0])
        text_column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        text_column.addItem(self._ring_room[1])
        text_column.addStretch(1)
        self._text_column = text_column
        # Picture beside the words (landscape) or above them (portrait).
        self._content = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._content.setSpacing(theme.margin * 2)
        self._content.addWidget(self._picture, 6)
        self._content.addLayout(text_column, 5)
        # The language buttons, the motion toggle and the display controls, in as many rows
        # as the width needs (see _arrange_controls).
        self._controls = QVBoxLayout()
        self._controls.setSpacing(theme.spacing)
        self._arrangement: tuple[object, ...] = ()
        self._laid_out_for = (0, 0)

        self._main = QVBoxLayout(self)
        self._main.setSpacing(theme.spacing)
        self._main.addLayout(self._content, 1)
        self._main.addLayout(self._controls)
        self.retranslate()

    # --- Motion -----------------------------------------------------------------------------

    @property
    def animations_enabled(self) -> bool:
        """The configured default (``display.animations``). Setting it also sets the motion:
        off, nothing moves and the toggle is hidden; on, the ring breathes until a patient
        stops it."""
        return self._animations_enabled

    @animations_enabled.setter
    def animations_enabled(self, enabled: bool) -> None:
        self._animations_enabled = enabled
        self.motion_button.setVisible(enabled)
        self._rearrange()
        self.set_motion(enabled)

    @property
    def motion(self) -> bool:
        """Whether the ring breathes (while the screen shows)."""
        return self._motion

    def set_motion(self, on: bool) -> None:
        """Start or stop the ring, at once if the screen shows. Never on when the
        configuration turned animations off."""
        self._motion = on and self._animations_enabled
        self.motion_button.show_motion(self._motion)
        if self._motion and self.isVisible():
            if not self.halo.breathing:
                self.halo.start()
        else:
            self.halo.stop()

    def forget_motion_choice(self) -> None:
        """Back to the configured default (the next patient starts afresh)."""
        self.set_motion(self._animations_enabled)

    @property
    def animating(self) -> bool:
        """Whether frames are being drawn right now."""
        return self.halo.breathing

    def _motion_touched(self) -> None:
        self.set_motion(not self.motion_button.isChecked())
        self.motion_toggled.emit(self._motion)

    # --- Content and language --------------------------------------------------------------

    def show_deck(self, deck: Deck, languages: tuple[Deck, ...]) -> None:
        """Show the welcome of ``deck`` with one button per available language."""
        self._language = deck.language
        self._headline.setText(deck.welcome_title or deck.language_name)
        self._welcome.setText(deck.welcome_text)
        self._welcome.setVisible(bool(deck.welcome_text))
        self._picture.set_picture(deck.attract_illustration, deck.welcome_title)
        codes = [other.language for other in languages] if len(languages) > 1 else []
        if codes != list(self.language_buttons):
            self._rebuild_language_buttons(languages if codes else ())
        for code, button in self.language_buttons.items():
            button.setChecked(code == deck.language)
        self._rearrange()

    def _rebuild_language_buttons(self, languages: tuple[Deck, ...]) -> None:
        while (item := self._languages_row.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.language_buttons.clear()
        for other in languages:
            button = big_button(self._theme, role="language", parent=self._languages)
            button.setCheckable(True)
            set_label(button, other.language_name)
            button.clicked.connect(
                lambda _=False, code=other.language: self.language_chosen.emit(code)
            )
            self._languages_row.addWidget(button)
            hold_width(button, [other.language_name])
            self.language_buttons[other.language] = button
        self._languages.setVisible(bool(languages))
        self._rearrange()

    def first_focus(self) -> QWidget | None:
        return self.start_button  # by keys, as by touch, the one thing to do here

    def speech_script(self) -> Script:
        """The welcome, what to do (touch anywhere, or Enter) and how to listen by keys."""
        said = [self._headline.text()]
        if self._welcome.isVisibleTo(self):
            said.append(self._welcome.text())
        said += [
            self.tr("Touch the screen anywhere to start, or press Enter."),
            self.tr(
                "To hear a screen read aloud, touch Listen or press the Help key. "
                "The Tab key and the arrows move between the buttons."
            ),
        ]
        return tuple(Utterance(text, self._language) for text in said if text.strip())

    def retranslate(self) -> None:
        # The language change reaches this screen before its children: the display controls
        # take their new labels first, so the rows below are arranged for their new widths.
        self.display_controls.retranslate()
        set_label(self.start_button, self.tr("Touch to start"))
        self._hold_start_width()
        self.setAccessibleName(self.tr("Welcome"))
        self.motion_button.retranslate()
        self._rearrange()

    # --- Layout -----------------------------------------------------------------------------

    def place_for_reach(self) -> None:
        self._rearrange()

    def _rearrange(self) -> None:
        """The labels, the buttons shown or the reach band changed: lay out again, at once
        (the layout requests their new sizes post would come after the next frame, and until
        then the rows would keep the sizes they cached for the groups of buttons)."""
        for group in (self._languages, self.display_controls, self.display_controls.speech_row):
            if group is not None:
                group.updateGeometry()
        self._lay_out(*self._window_size())
        self._main.activate()

    def _window_size(self) -> tuple[int, int]:
        """The size this screen is shown at: the window's. The stack places only the screen
        it shows, so a screen not yet shown still has its first, tiny size."""
        size = self.window().size()
        return size.width(), size.height()

    def minimumSizeHint(self) -> QSize:
        """Laid out for the window's size first: the window takes its minimum size from every
        screen in its stack, shown or not, before it places any of them, and a layout for a
        narrow size (all the buttons stacked) would make it grow past the display."""
        if self._laid_out_for != self._window_size():
            self._lay_out(*self._window_size())
        return super().minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._lay_out(event.size().width(), event.size().height())
        super().resizeEvent(event)
        self._main.activate()  # lay out now, so the very first frame has the right shape

    def _lay_out(self, width: int, height: int) -> None:
        """Shape the screen for ``width`` x ``height``: the picture beside the words, or above
        them in portrait (where it fills the rows out of a seated patient's reach), and the
        controls in as many rows as the width needs. When that needs more room than there
        is (large text), step by step: tighter margins, the headline at title size and the
        welcome at body size, no picture beside the words, a lower start button."""
        if width <= 0 or height <= 0:
            return
        self._laid_out_for = (width, height)
        portrait = height > width
        self._content.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._content.setStretch(0, 5 if portrait else 6)
        self._content.setStretch(1, 4 if portrait else 5)
        for tightness in range(TIGHTEST + 1):
            self._tighten(tightness, width, height, portrait)
            needed = self._main.totalMinimumSize()
            wrapped = self._main.totalMinimumHeightForWidth(width)
            if needed.width() <= width and max(needed.height(), wrapped) <= height:
                break
        # Shown or hidden only now: showing a widget lays out its parents up to the window at
        # once, and a trial that does not fit would make the window grow.
        self._picture.setVisible(self._picture.maximumWidth() > 0)

    def _tighten(self, tightness: int, width: int, height: int, portrait: bool) -> None:
        """Lay the screen out at ``tightness``, each step adding to the ones before: 0 is
        roomy; 1 narrower margins; 2 the headline at title size, the welcome at body size;
        3 a lower start button and the least margins above and below; 4 no picture beside
        the words; 5 the start button's words at button size, half the gaps."""
        theme = self._theme
        side = theme.margin * 2 if tightness == 0 else max(theme.margin, self.halo.reach)
        ends = (theme.margin * 2, theme.margin, theme.margin, theme.spacing)[min(tightness, 3)]
        self._main.setContentsMargins(side, ends, side, ends)
        gap = theme.spacing // 2 if tightness >= 5 else theme.spacing
        for box in (self._main, self._controls, self._text_column):
            box.setSpacing(gap)
        inner = width - 2 * side
        self._arrange_controls(inner)
        picture = portrait or tightness < 4
        self._picture.setMaximumWidth(QWIDGETSIZE_MAX if picture else 0)
        beside = theme.spacing * 2 if portrait else theme.margin * 2
        self._content.setSpacing(beside if picture else 0)
        # In portrait everything below the picture lies in reach (the band is in window rows;
        # the screen fills the window).
        self._picture.setMinimumHeight(max(0, self.reach.top - ends) if portrait else 0)
        column = (inner - beside) * 5 // 11 if picture and not portrait else inner
        self._fit_start_button(column, START_PX if tightness < 5 else theme.button_px)
        self.start_button.setMinimumHeight(theme.target + (theme.px(40) if tightness < 3 else 0))
        for spacer in self._ring_room:  # the ring's room above and below the start button
            spacer.changeSize(0, max(0, self.halo.reach - gap))
        compact = tightness >= 2
        welcome = f"font-size: {theme.px(theme.body_px if compact else WELCOME_PX)}px;"
        if self._welcome.styleSheet() != welcome:
            self._welcome.setStyleSheet(welcome)
        self._fit_headline(column, height, title=compact)
        items = (self._controls.itemAt(i) for i in range(self._controls.count()))
        rows = [item.layout() for item in items if item is not None]
        for layout in (self._main, self._content, self._text_column, self._controls, *rows):
            if layout is not None:
                layout.invalidate()  # a sub-layout keeps its cached sizes otherwise

    def _arrange_controls(self, width: int) -> None:
        """The language buttons, then the motion toggle, then the display controls, each
        on the current row while it fits in ``width``, else on a new one; the display
        controls stack into a column of their own when not even a row of them fits."""
        controls = self.display_controls
        spacing = self._controls.spacing()
        speech = controls.speech_row
        units = [w for w in (self._languages, speech, self.motion_button) if not w.isHidden()]
        rows: list[list[QWidget]] = []
        used = 0
        for unit in units:
            needed = unit.minimumSizeHint().width()
            if rows and used + spacing + needed <= width:
                rows[-1].append(unit)
                used += spacing + needed
            else:
                rows.append([unit])
                used = needed
        in_a_row = controls.width_for(len(controls.units))
        if rows and used + spacing + in_a_row <= width:
            controls.set_columns(len(controls.units))
            rows[-1].append(controls)
        else:
            controls.flow(width)
            rows.append([controls])
        arrangement = (*(tuple(row) for row in rows), controls.columns)
        if arrangement == self._arrangement:
            return
        self._arrangement = arrangement
        while (item := self._controls.takeAt(0)) is not None:
            if (layout := item.layout()) is not None:
                while layout.takeAt(0) is not None:
                    pass
                layout.deleteLater()
        for row in rows:
            line = QHBoxLayout()
            line.setSpacing(spacing)
            for unit in row:
                # On a single line the languages keep left and the rest keep right.
                if len(rows) == 1 and unit is not self._languages and line.count() == 1:
                    line.addStretch(1)
                line.addWidget(unit)
            if len(rows) > 1 or line.count() == 1:
                line.addStretch(1)
            self._controls.addLayout(line)

    def _hold_start_width(self) -> None:
        hold_width(self.start_button, [self.start_button.text()], self._start_style)

    def _start_styles(self, font_px: int) -> tuple[str, str]:
        """The start button's own style: roomy padding, and the theme's usual padding."""
        theme = self._theme
        font = f"font-size: {theme.px(font_px)}px;"
        return (
            f"{font} padding: 0 {theme.px(START_PADDING_PX)}px;",
            f"{font} padding: 0 {theme.px(28)}px;",
        )

    def _fit_start_button(self, width: int, font_px: int) -> None:
        """Words at ``font_px``; roomy padding when ``width`` (the column's) has room."""
        roomy, tight = self._start_styles(font_px)
        if self._start_style not in (roomy, tight):
            self._start_style = roomy
            self._hold_start_width()
        shown = self.start_button.minimumSizeHint().width()
        if self._start_style == tight:
            shown += 2 * (self._theme.px(START_PADDING_PX) - self._theme.px(28))
        style = roomy if shown <= width else tight
        if style != self._start_style:
            self._start_style = style
            self._hold_start_width()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A touch anywhere that is not a button starts the visit: lifted on the screen, not
        slid off it (nor ended by the staff gesture, which ends a held press off the window)."""
        if self.rect().contains(event.position().toPoint()):
            self.start_requested.emit()

    def _fit_headline(self, width: int, height: int, *, title: bool) -> None:
        """The headline at headline size when at ``width`` it takes at most a fifth of the
        screen's ``height``, else (or with ``title``) at title size: a long translation on a
        short screen (Spanish at 1366x768) would otherwise need more lines than the layout
        can give it and be cut off."""
        label, theme = self._headline, self._theme
        big = QFontMetrics(theme.font(theme.headline_px, bold=True))
        needed = big.boundingRect(
            QRect(0, 0, max(1, width), 100_000), Qt.TextFlag.TextWordWrap, label.text()
        ).height()
        role = "headline" if needed <= height // 5 and not title else "title"
        if label.property("role") != role:
            label.setProperty("role", role)
            label.style().unpolish(label)
            label.style().polish(label)

    def showEvent(self, event: QShowEvent) -> None:
        if self._motion:
            self.halo.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.halo.pause()
        super().hideEvent(event)
