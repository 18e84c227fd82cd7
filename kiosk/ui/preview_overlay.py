"""The problem panel of ``kiosk preview``: over the screen a member of staff is looking at, the
content problems that concern it. A patient never sees it (``kiosk run`` does not build it).

What it lists (:func:`concerns`, plain Python):

- on a page: the problems of that page's file and of its picture, as ``kiosk validate`` prints
  them (``en/03-hip-joint.md:4: error: ...``);
- on the menu, the start screen and "out of service": the problems of every file that is not a
  page shown (``deck.yml``, pages left out, pictures, the folder itself), the pages left out
  because of errors first (a page that vanished from the menu is named where staff look for
  it), and the page that was showing if a save has just left it out.

Staff read it from a laptop's distance: large text, light on black at 7:1 or more (the
high-contrast palette; checked in the tests), errors marked by words, not only by colour.
"Hide list" folds it to one line.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.model import Library, Problem, Severity
from kiosk.session import Screen, View
from kiosk.text import printable
from kiosk.ui.palette import HIGH_CONTRAST

_STAFF = HIGH_CONTRAST
"""The panel wears the high-contrast palette whatever the patient's look: it must stand apart
from the page under it, and light on black reads best from a laptop's distance."""
BACKGROUND = _STAFF.background
"""Black: white on it is 21:1, :data:`ERROR_TEXT` on it 15:1 (WCAG AAA asks 7:1)."""
TEXT = _STAFF.ink
ERROR_TEXT = _STAFF.primary
"""Errors in light yellow (and bold, and saying "error"): never told by colour alone."""
BUTTON_TEXT = _STAFF.on_primary
BUTTON_BACKGROUND = _STAFF.primary
TEXT_PX = 22
"""Problem lines: about 6 mm on a laptop's screen, read from arm's length."""
HEADING_PX = 26
MAX_SHARE = 0.4
"""The panel never covers more than this share of the window's height (the list scrolls)."""


@dataclass(frozen=True, slots=True)
class Concerns:
    """What the panel lists over one view."""

    page: str
    """The page file shown (relative to the content folder); "" over the menu and start screen."""
    problems: tuple[Problem, ...]
    left_out: tuple[str, ...] = ()
    """Page files left out because of errors (over the menu and start screen)."""
    lost: str = ""
    """The page that was showing before the last save left it out ("" when none)."""


def shown_path(path: Path, root: Path) -> str:
    """``path`` relative to the content folder when inside it, escaped for display."""
    try:
        text = path.relative_to(root).as_posix() or "."
    except ValueError:
        text = str(path)
    return printable(text)


def _sorted(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, str(p.path))))


def concerns(view: View, library: Library, lost: Path | None = None) -> Concerns | None:
    """What to list over ``view`` (None: nothing, e.g. the visit form)."""
    root = library.root
    if view.screen is Screen.PAGE and view.page is not None:
        page = view.page
        own = {page.source, page.illustration}
        return Concerns(
            shown_path(page.source, root), _sorted([p for p in library.problems if p.path in own])
        )
    if view.screen not in (Screen.MENU, Screen.ATTRACT, Screen.OUT_OF_SERVICE):
        return None
    shown = {page.source for deck in library.decks for page in deck.pages}
    others = [p for p in library.problems if p.path not in shown]
    left_out = sorted(
        {p.path for p in others if p.severity is Severity.ERROR and p.path.suffix == ".md"}
    )
    return Concerns(
        "",
        _sorted(others),
        tuple(shown_path(path, root) for path in left_out),
        shown_path(lost, root) if lost is not None and lost not in shown else "",
    )


def problem_line(problem: Problem, root: Path) -> str:
    """One problem as ``kiosk validate`` prints it: ``path:line: error: message``."""
    where = shown_path(problem.path, root)
    return f"{where}:{problem.line}: {problem.severity.value}: {printable(problem.message)}"


class ProblemPanel(QFrame):
    """A banner across the top of the kiosk window listing the problems of what it shows."""

    def __init__(self, window: QWidget, font_family: str = "") -> None:
        super().__init__(window)
        self.setObjectName("PreviewPanel")
        self._window = window
        self._concerns: Concerns | None = None
        self._root = Path()
        self._failure = ""
        self._folded = False
        family = f"font-family: '{font_family}';" if font_family else ""
        self.setStyleSheet(
            f"#PreviewPanel {{ background: {BACKGROUND}; border-bottom: 4px solid {ERROR_TEXT}; }}"
            f"#PreviewPanel QLabel {{ color: {TEXT}; background: transparent;"
            f" font-size: {TEXT_PX}px; {family} }}"
            f"#PreviewPanel QLabel#PreviewHeading {{ font-size: {HEADING_PX}px;"
            " font-weight: bold; }"
            f"#PreviewPanel QScrollArea, #PreviewPanel QScrollArea > QWidget > QWidget "
            f"{{ background: {BACKGROUND}; border: none; }}"
            f"#PreviewPanel QPushButton {{ color: {BUTTON_TEXT}; background: {BUTTON_BACKGROUND};"
            f" border: 2px solid {TEXT}; border-radius: 8px; padding: 6px 18px;"
            f" font-size: {TEXT_PX}px; font-weight: bold; {family} }}"
        )

        self.heading = QLabel(self)
        self.heading.setObjectName("PreviewHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fold_button = QPushButton(self)
        self.fold_button.setMinimumHeight(48)
        self.fold_button.clicked.connect(self._toggle)

        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list_area = QScrollArea(self)
        self.list_area.setWidget(self.details)
        self.list_area.setWidgetResizable(True)
        self.list_area.setFrameShape(QFrame.Shape.NoFrame)
        self.list_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 12, 20, 12)
        column.setSpacing(8)
        column.addLayout(top)
        column.addWidget(self.list_area)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        window.installEventFilter(self)
        self.hide()

    # --- What it shows ----------------------------------------------------------------------

    def show_concerns(self, found: Concerns | None, root: Path) -> None:
        """List ``found`` (None hides the panel)."""
        self._concerns = found
        self._root = root
        self._refresh()

    def show_failure(self, what: str) -> None:
        """The folder could not be read again at all: said first, until the next good reload."""
        self._failure = what
        self._refresh()

    def clear_failure(self) -> None:
        self._failure = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The problem lines listed now (plain text, as ``kiosk validate`` prints them)."""
        found = self._concerns
        if found is None:
            return ()
        return tuple(problem_line(problem, self._root) for problem in found.problems)

    def _refresh(self) -> None:
        found = self._concerns
        if found is None and not self._failure:
            self.hide()
            return
        self.heading.setText(self._heading(found))
        self.details.setText(self._details(found))
        self.fold_button.setText(self.tr("Show list") if self._folded else self.tr("Hide list"))
        self.list_area.setVisible(not self._folded and bool(self.details.text()))
        self._place()
        self.raise_()
        self.show()

    def _heading(self, found: Concerns | None) -> str:
        if found is None:
            return self.tr("Preview")
        count = len(found.problems)
        if found.page:
            if not count:
                return self.tr("Preview: no problems in {0}").format(found.page)
            return self.tr("Preview: problems in {0}: {1}").format(found.page, count)
        if not count:
            return self.tr("Preview: no problems in the content folder")
        return self.tr("Preview: problems outside the pages shown: {0}").format(count)

    def _details(self, found: Concerns | None) -> str:
        paragraphs: list[str] = []
        if self._failure:
            paragraphs.append(
                self._paragraph(
                    self.tr(
                        "The folder could not be read again ({0}). This is the last version."
                    ).format(self._failure),
                    error=True,
                )
            )
        if found is not None and found.lost:
            paragraphs.append(
                self._paragraph(
                    self.tr(
                        "The page you were on, {0}, is now left out because of errors. Fix them "
                        "and save: it comes back."
                    ).format(found.lost),
                    error=True,
                )
            )
        if found is not None and found.left_out:
            paragraphs.append(
                self._paragraph(
                    self.tr("Left out of the menu because of errors: {0}").format(
                        ", ".join(found.left_out)
                    ),
                    error=True,
                )
            )
        if found is not None:
            for problem in found.problems:
                paragraphs.append(
                    self._paragraph(
                        problem_line(problem, self._root),
                        error=problem.severity is Severity.ERROR,
                    )
                )
        return "".join(paragraphs)

    @staticmethod
    def _paragraph(text: str, *, error: bool) -> str:
        style = f"color: {ERROR_TEXT}; font-weight: bold;" if error else f"color: {TEXT};"
        return f'<p style="{style} margin: 0 0 6px 0;">{html.escape(text)}</p>'

    def _toggle(self) -> None:
        self._folded = not self._folded
        self._refresh()

    @property
    def folded(self) -> bool:
        return self._folded

    # --- Where it sits ----------------------------------------------------------------------

    def _place(self) -> None:
        """Across the top of the window, as tall as its lines need, at most :data:`MAX_SHARE`
        of the window (the list scrolls beyond)."""
        width = self._window.width()
        margins = self.contentsMargins()
        column = self.layout()
        assert column is not None
        inner = column.contentsMargins()
        text_width = max(1, width - inner.left() - inner.right() - margins.left() - margins.right())
        button = self.fold_button.sizeHint().width()
        heading = max(
            self.heading.heightForWidth(text_width - button - 12),
            self.fold_button.sizeHint().height(),
        )
        height = inner.top() + inner.bottom() + heading + 4
        if self.list_area.isVisibleTo(self):
            needed = self.details.heightForWidth(text_width - 20)
            limit = int(self._window.height() * MAX_SHARE) - height - column.spacing()
            height += column.spacing() + max(0, min(needed, limit))
        self.setGeometry(0, 0, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize and not self.isHidden():
            self._place()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self.isHidden():
            self._refresh()
        super().changeEvent(event)
