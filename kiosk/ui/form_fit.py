"""How the visit form makes room for its on-screen keyboard on every screen and text size.

:class:`FormFit` knows the form's stacked parts (title bar, answers, display-controls bar,
bottom bar, discard question, keyboard) and the screen's height, and takes room one step at a
time until the form fits: the intro line first, then smaller keys, then the title bar (or, in
portrait, the display controls' bar). Send and Cancel always stay: a patient must never have
to find a hidden way to finish. The form calls :meth:`FormFit.fit` when the keyboard rises or
falls and when it is resized.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.theme import Theme


@dataclass(frozen=True, slots=True)
class FormParts:
    """The form's parts, top to bottom, that take height."""

    form: QWidget
    top: QWidget
    title: QLabel
    intro: QLabel
    answers: QWidget
    controls_bar: QWidget
    nav: QWidget
    question: QWidget
    keyboard: OnScreenKeyboard


class FormFit:
    def __init__(self, theme: Theme, parts: FormParts) -> None:
        self._theme = theme
        self._parts = parts

    def fit(self, up: bool, *, portrait: bool) -> None:
        """Make room (for the keyboard when ``up``), one step at a time, until the form fits.

        The intro line steps aside first: on a landscape screen while the keyboard is up, and
        wherever the form would not fit with it (1366x768 at the largest text, with the note
        that some answers need another look). Where that is not enough the keys shrink to the
        smallest touch size, and then the title bar (title and display controls) folds away
        until the keyboard goes down. In portrait the title bar stays (it keeps the form inside
        the reach band); the display controls' own bar folds instead.
        """
        p = self._parts
        room = self.room()
        self._step_title(room)
        if not up:
            p.keyboard.set_compact(False)
            p.top.setVisible(True)
            p.controls_bar.setVisible(portrait)
            p.intro.setVisible(self.needed_height(False, with_intro=True) <= room)
            return
        # Only ever shrink while the keyboard is up: showing a part again would grow the
        # layout (and a fullscreen window with it) at once, before it could be measured.
        if not portrait and p.form.width() > p.form.height():
            p.intro.setVisible(False)
        if self.needed_height(True) > room:
            p.intro.setVisible(False)
        if self.needed_height(True) > room:
            p.keyboard.set_compact(True)
        if self.needed_height(True) > room:
            (p.controls_bar if portrait else p.top).setVisible(False)

    def _step_title(self, room: int) -> None:
        """The title steps down to heading size where at title size one line would take more
        than an eighth of the screen's height (1366x768 at the largest text)."""
        title = self._parts.title
        big = QFontMetrics(self._theme.font(self._theme.title_px, bold=True)).height()
        role = "title" if big * 8 <= room else "field"
        if title.property("role") != role:
            title.setProperty("role", role)
            title.style().unpolish(title)
            title.style().polish(title)

    def needed_height(self, keyboard: bool, *, with_intro: bool = False) -> int:
        """The form's minimum height, with the keyboard up (it may not show yet) or not, and
        with the intro line as if shown."""
        p = self._parts
        parts: list[QWidget] = [p.top, p.answers, p.controls_bar, p.nav, p.question]
        if keyboard:
            parts.append(p.keyboard)
        needed = sum(
            part.minimumSizeHint().height()
            for part in parts
            if part is p.keyboard or not part.isHidden()
        )
        if with_intro and p.intro.isHidden() and not p.top.isHidden():
            width = max(1, p.title.width())
            needed += p.intro.heightForWidth(width) + self._theme.spacing // 4
        return needed

    def room(self) -> int:
        """The height the form may use: the screen's when fullscreen, else the window's."""
        window = self._parts.form.window()
        screen = window.screen()
        if window.isFullScreen() and screen is not None:
            return screen.geometry().height()
        return window.height()
