"""The "Are you still there?" card laid over whatever screen the patient left.

Two answers, one touch each: "I'm still here" (``still_here``; a touch anywhere beside the
buttons means the same) and "I need more time" (``more_time``: the idle watcher then waits twice
as long this visit, see :mod:`kiosk.ui.idle`). The countdown says how many seconds are left and
that the screen will start over.

By keys (:mod:`kiosk.ui.keys`): the focus goes to "I'm still here" when the card shows and
back where it was when it goes. Any key answers "I'm still here" at once (:mod:`kiosk.ui.idle`
takes every key as activity), so "I need more time" is for touch.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.speech.script import Script, Utterance
from kiosk.ui.keys import Action
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import big_button, set_label


class IdleOverlay(QWidget):
    """Covers the whole window; a touch on it (or its first button) means "I am still here",
    its second button asks for more time."""

    still_here = Signal()
    more_time = Signal()

    def __init__(self, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self._theme = theme
        self._seconds = 0
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)

        card = QFrame(self)
        card.setObjectName("IdleCard")
        card.setStyleSheet(
            f"#IdleCard {{ background: {theme.palette.surface}; border-radius: {theme.radius}px; }}"
        )
        card.setMaximumWidth(theme.px(900))
        self._question = QLabel(card)
        self._question.setProperty("role", "title")
        self._question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._question.setWordWrap(True)
        self._explanation = QLabel(card)
        self._explanation.setProperty("role", "body")
        self._explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._explanation.setWordWrap(True)
        self.still_here_button = big_button(
            theme, role="primary", icon="mdi6.gesture-tap", icon_colour=theme.palette.on_primary
        )
        self.still_here_button.clicked.connect(self.still_here)
        self.more_time_button = big_button(theme, icon="mdi6.timer-plus-outline")
        self.more_time_button.clicked.connect(self.more_time)
        for button in (self.still_here_button, self.more_time_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        inner = self._inner = QVBoxLayout(card)
        inner.addWidget(self._question)
        inner.addWidget(self._explanation)
        inner.addWidget(self.still_here_button)
        inner.addWidget(self.more_time_button)

        # Centred by stretches rather than by an alignment flag: an aligned card gets its
        # minimum height, not the height its wrapped lines need at its width (cut off at the
        # larger text steps).
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(theme.margin, theme.margin, theme.margin, theme.margin)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._outer = outer
        self._roomy(True)
        self.hide()
        self.retranslate()

    def show_countdown(self, seconds: int) -> None:
        self._seconds = seconds
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def _roomy(self, roomy: bool) -> None:
        """Wide margins and gaps in the card, or (when the card would not fit the window's
        height, large text on a short screen) half of them."""
        theme = self._theme
        margin = theme.margin * 2 if roomy else theme.margin
        self._inner.setContentsMargins(margin, margin, margin, margin)
        self._inner.setSpacing(theme.spacing * 2 if roomy else theme.spacing)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self._roomy(True)
        if self._outer.totalHeightForWidth(size.width()) > size.height():
            self._roomy(False)
        super().resizeEvent(event)

    def retranslate(self) -> None:
        self._question.setText(self.tr("Are you still there?"))
        self._explanation.setText(
            self.tr(
                "To keep your information private, this screen will start over in {0} seconds."
            ).format(self._seconds)
        )
        set_label(self.still_here_button, self.tr("I'm still here"))
        set_label(self.more_time_button, self.tr("I need more time"))
        self.setAccessibleName(self._question.text())

    def speech_script(self, language: str) -> Script:
        """The warning as read aloud (once, as it comes up), in ``language``: the question,
        the countdown, and the two answers."""
        said = (
            self._question.text(),
            self._explanation.text(),
            self.tr("Touch the screen or press any key if you are still here."),
            self.tr('Or touch "I need more time".'),
        )
        return tuple(Utterance(text, language) for text in said)

    # --- Keys (kiosk.ui.keys.KeyScope): the focus stays on the card while it shows -----------

    def focus_order(self) -> list[QWidget]:
        return [self.still_here_button, self.more_time_button]

    def first_focus(self) -> QWidget | None:
        return self.still_here_button

    def key_action(self, action: Action) -> bool:
        if action is Action.BACK:
            self.still_here.emit()
            return True
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # the release comes here too: a touch beside the buttons is an answer

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.still_here.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._theme.palette.scrim))
        painter.end()
