"""Cleaning mode: the screen ignores every touch for a minute so staff can wipe it.

:class:`CleaningOverlay` covers the whole window with a calm dark screen ("Cleaning mode",
why, and a large countdown) while an :class:`InputBlock` on the QApplication swallows every
touch, mouse, wheel, stylus, key and gesture event. When the countdown ends the block goes, the
overlay hides and ``finished`` is emitted.

Decisions:

* The block is an application event filter installed when cleaning starts: Qt asks the most
  recently installed application filter first, so it comes before every filter installed at
  start-up (the idle watcher, the key navigator) and nothing below it sees the wiping.
* Nothing under the overlay changes: it never takes the focus, and with no input reaching any
  widget the focus and the screen showing stay as they were.
* The overlay's colours are the palette's ink and background, the darker one as the fill (the
  same pair as body text, so 7:1 or more in both palettes): a dark screen in both.
* A screen reader's "press" on a button is not an input event and is not blocked; nobody uses
  one while wiping the glass.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.palette import relative_luminance
from kiosk.ui.theme import Theme

CLEANING_SECONDS = 60
"""How long touches are off by default: time to wipe a screen and let it dry."""
MAX_CLEANING_SECONDS = 600
"""The longest cleaning mode runs, whatever it is asked for: the kiosk is never off for long."""
SECOND_MS = 1000
"""One second of the countdown (tests pass a shorter one)."""
COUNTDOWN_PX = 160
"""The countdown's size at text step 1 (it shrinks when the window is too short for it)."""
COUNTDOWN_SHRINK = (1.0, 0.75, 0.5)
"""The countdown's sizes to try, as parts of :data:`COUNTDOWN_PX`, largest first."""

BLOCKED_EVENTS = frozenset(
    {
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.NonClientAreaMouseButtonPress,
        QEvent.Type.NonClientAreaMouseButtonRelease,
        QEvent.Type.NonClientAreaMouseButtonDblClick,
        QEvent.Type.NonClientAreaMouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.TabletEnterProximity,
        QEvent.Type.TabletLeaveProximity,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.InputMethod,
        QEvent.Type.ContextMenu,
        QEvent.Type.Gesture,
        QEvent.Type.GestureOverride,
        QEvent.Type.NativeGesture,
    }
)
"""Everything a finger, mouse, stylus, touchpad, keyboard or input method sends."""


class InputBlock(QObject):
    """An application event filter that swallows every input event (:data:`BLOCKED_EVENTS`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in BLOCKED_EVENTS:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # "not a shortcut": the key then comes as a key press, swallowed too
        return True


def _dark_and_light(theme: Theme) -> tuple[str, str]:
    """The palette's ink and background, darker first."""
    ink, background = theme.palette.ink, theme.palette.background
    if relative_luminance(ink) <= relative_luminance(background):
        return ink, background
    return background, ink


class CleaningOverlay(QWidget):
    """Covers its parent window while cleaning mode runs; ``finished`` when it ends."""

    finished = Signal()

    def __init__(self, theme: Theme, parent: QWidget, *, second_ms: int = SECOND_MS) -> None:
        super().__init__(parent)
        self.setObjectName("CleaningOverlay")
        self._theme = theme
        self.fill, self.ink = _dark_and_light(theme)
        """The screen's colour and its words' colour."""
        self._left = 0
        self._block = InputBlock(self)
        self._blocking = False
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._tick = QTimer(self, interval=max(1, second_ms))
        self._tick.timeout.connect(self._count_down)
        self._init_labels()
        parent.installEventFilter(self)  # follows the window's size
        self.hide()
        self.retranslate()

    def _init_labels(self) -> None:
        self._title = QLabel(self)
        self._title.setObjectName("CleaningTitle")
        self._explanation = QLabel(self)
        self._explanation.setObjectName("CleaningText")
        self._countdown = QLabel(self)
        self._countdown.setObjectName("CleaningCountdown")
        self._unit = QLabel(self)
        self._unit.setObjectName("CleaningText")
        column = self._column = QVBoxLayout(self)
        margin = self._theme.margin
        column.setContentsMargins(margin, margin, margin, margin)
        column.setSpacing(self._theme.spacing)
        column.addStretch(1)
        for label in (self._title, self._explanation, self._countdown, self._unit):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            column.addWidget(label)
        column.addStretch(1)
        self._set_countdown_size(COUNTDOWN_SHRINK[0])

    def _set_countdown_size(self, share: float) -> None:
        theme = self._theme
        self.setStyleSheet(
            f"#CleaningOverlay QLabel {{ color: {self.ink}; background: transparent;"
            f' font-family: "{theme.family}"; }}'
            f" #CleaningTitle {{ font-size: {theme.px(theme.title_px)}px; font-weight: bold; }}"
            f" #CleaningText {{ font-size: {theme.px(theme.body_px)}px; }}"
            f" #CleaningCountdown {{ font-size: {theme.px(round(COUNTDOWN_PX * share))}px;"
            " font-weight: bold; }"
        )

    # --- Running ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._blocking

    @property
    def seconds_left(self) -> int:
        return self._left if self._blocking else 0

    def start(self, seconds: int = CLEANING_SECONDS) -> None:
        """Turn touches off for ``seconds`` (1 to :data:`MAX_CLEANING_SECONDS`) and cover the
        window with the countdown."""
        self._left = min(max(seconds, 1), MAX_CLEANING_SECONDS)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self._block)  # again on top if it was already there
            app.installEventFilter(self._block)
        self._blocking = True
        self._show_count()
        self._follow_parent()
        self.raise_()
        self.show()
        self._tick.start()

    def stop(self) -> None:
        """End cleaning mode now without ``finished`` (teardown)."""
        self._tick.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self._block)
        self._blocking = False
        self._left = 0
        self.hide()

    def _count_down(self) -> None:
        self._left -= 1
        if self._left > 0:
            self._show_count()
            return
        self.stop()
        self.finished.emit()

    def _show_count(self) -> None:
        self._countdown.setText(str(self._left))
        unit = self.tr("second left") if self._left == 1 else self.tr("seconds left")
        self._unit.setText(unit)
        self._countdown.setAccessibleName(f"{self._left} {unit}")

    def retranslate(self) -> None:
        self._title.setText(self.tr("Cleaning mode"))
        self._explanation.setText(self.tr("Touches are off so the screen can be wiped."))
        self.setAccessibleName(self._title.text())
        self._show_count()

    # --- Size and paint --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._follow_parent()
        return False

    def _follow_parent(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        for share in COUNTDOWN_SHRINK:
            self._set_countdown_size(share)
            self._column.invalidate()
            if self._column.totalHeightForWidth(parent.width()) <= parent.height():
                break

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.fill))
        painter.end()
