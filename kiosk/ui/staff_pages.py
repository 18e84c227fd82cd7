"""The parts of the staff panel's pages: values in words, sections, the usage table, the export
and kiosk controls, and the big buttons and button rows they are made of.

:mod:`kiosk.ui.staff_panel` puts these together; everything here only shows what a
:class:`~kiosk.staff.report.StaffReport` holds and forwards touches as signals. Decisions:

* Every text is plain (``Qt.TextFormat.PlainText``): a content problem may hold ``<`` or ``&``.
  A long run without a space (a file path, a page slug) gets invisible break points
  (:data:`BREAK_EVERY`) so no label is wider than a portrait screen at the largest text; the
  label's accessible name keeps the words without them.
* What staff should act on carries the words "Needs attention:" and a bar beside it (accent on
  the background: 7:1 as text, 3:1 as a mark), never colour alone.
* The usage table is a grid of labels where its columns fit the width, else one block per row
  ("Page views" then "Today: 3", ...): a 6-column table does not fit a portrait screen at the
  largest text, and a table with a scroll bar of its own inside a scrolling page is hard to
  use by touch.
* Buttons flow: side by side where their words fit, else in rows (:class:`Flow`); a button
  whose words can be long (a folder's path, a translation) wraps them (:class:`WordsButton`).
* The default look's buttons mark what the kiosk uses (:meth:`KioskControls.set_default_look`),
  not the last touch; "Exit the kiosk" asks first, inline, with the safe "No" first.
* A report is trusted for its words only, never for its size: texts, lines, rows are capped
  (:data:`MAX_SHOWN_CHARS`, :data:`MAX_LINES`, :data:`MAX_USAGE_ROWS`), so a hostile or
  runaway report cannot freeze the panel.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.report import CONTEXT, MAX_PROBLEMS, Kind, Line, Section, UsageTable
from kiosk.ui.keys import focus_on
from kiosk.ui.theme import Theme
from kiosk.ui.touch import TapRescue
from kiosk.ui.widgets import big_button, make_big, set_label

# The words this module adds itself (units, "never", "yes") are in the translation context
# "StaffPages", written out in each call so pyside6-lupdate finds them.
BREAK_EVERY = 16
"""Characters without a break point after which an invisible one is put (U+200B)."""
BREAK = "\u200b"
MAX_SHOWN_CHARS = 400
"""A value, problem or cell longer than this is cut (with "…"): a label of a megabyte of
text takes seconds to lay out."""
MAX_LINES = 60
"""Lines shown per section (the report's sections hold about ten)."""
MAX_USAGE_ROWS = 100
"""Usage rows shown; the CSV export has them all (the panel says how many more there are)."""
MAX_EXPORT_FOLDERS = 8
"""Export folders offered (USB sticks plugged in at once)."""
TEXT_STEPS = (1, 2, 3)
"""The default text sizes staff can choose (:data:`kiosk.ui.theme.Theme.TEXT_STEPS`)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def shown(text: str) -> str:
    """``text`` on one line, at most :data:`MAX_SHOWN_CHARS` long."""
    one_line = _CONTROL.sub(" ", text)
    if len(one_line) > MAX_SHOWN_CHARS:
        return one_line[: MAX_SHOWN_CHARS - 1] + "…"
    return one_line


def breakable(text: str) -> str:
    """``text`` with an invisible break point in every :data:`BREAK_EVERY` characters
    without a space."""
    return re.sub(rf"(\S{{{BREAK_EVERY}}})(?=\S)", rf"\1{BREAK}", text)


def time_text(when: float | None, now: float) -> str:
    """A Unix time in local time: "today 14:05", "yesterday 09:12", "3 Dec 09:12" (another
    year: "3 Dec 2025 09:12"), "never"; a time no calendar holds: "unknown"."""
    if when is None:
        return QCoreApplication.translate("StaffPages", "never")
    try:
        moment = datetime.fromtimestamp(when)
        today = datetime.fromtimestamp(now).date()
    except (OverflowError, OSError, ValueError):  # nan, infinite, or past year 9999
        return QCoreApplication.translate("StaffPages", "unknown")
    clock = moment.strftime("%H:%M")
    if moment.date() == today:
        return QCoreApplication.translate("StaffPages", "today {0}").format(clock)
    if moment.date() == today - timedelta(days=1):
        return QCoreApplication.translate("StaffPages", "yesterday {0}").format(clock)
    shape = "d MMM" if moment.year == today.year else "d MMM yyyy"
    day = QLocale().toString(QDate(moment.year, moment.month, moment.day), shape)
    return f"{day} {clock}"


def age_text(seconds: float | None) -> str:
    """A duration: "45 s", "12 min", "2 h 5 min", "3 days"; None: "none waiting"."""
    if seconds is None:
        return QCoreApplication.translate("StaffPages", "none waiting")
    whole = max(0, math.floor(seconds)) if math.isfinite(seconds) else 0
    if whole < 60:
        return QCoreApplication.translate("StaffPages", "{0} s").format(whole)
    if whole < 3600:
        return QCoreApplication.translate("StaffPages", "{0} min").format(whole // 60)
    if whole < 86400:
        hours, minutes = divmod(whole // 60, 60)
        return (
            QCoreApplication.translate("StaffPages", "{0} h {1} min").format(hours, minutes)
            if minutes
            else QCoreApplication.translate("StaffPages", "{0} h").format(hours)
        )
    days = whole // 86400
    return (
        QCoreApplication.translate("StaffPages", "1 day")
        if days == 1
        else QCoreApplication.translate("StaffPages", "{0} days").format(days)
    )


def value_text(line: Line, now: float) -> str:
    """A line's value in words, by its :class:`~kiosk.staff.report.Kind`."""
    value = line.value
    if line.kind is Kind.YES_NO:
        return (
            QCoreApplication.translate("StaffPages", "yes")
            if value
            else QCoreApplication.translate("StaffPages", "no")
        )
    if line.kind is Kind.TIME and (value is None or isinstance(value, (int, float))):
        return time_text(None if value is None else float(value), now)
    if line.kind is Kind.AGE and (value is None or isinstance(value, (int, float))):
        return age_text(None if value is None else float(value))
    if value is None:
        return QCoreApplication.translate("StaffPages", "none")
    # The report's own words ("polling only", "none: built-in defaults") are in the catalogue;
    # a path, a version or a problem sentence is not, and comes back as it is.
    return shown(QCoreApplication.translate(CONTEXT, str(value)))


def line_text(line: Line, now: float) -> str:
    """ "Waiting: 3"; a line that needs attention says so first."""
    name = shown(QCoreApplication.translate(CONTEXT, line.label))
    words = f"{name}: {value_text(line, now)}"
    return attention_text(words) if line.attention else words


def attention_text(words: str) -> str:
    return QCoreApplication.translate("StaffPages", "Needs attention: {0}").format(words)


def label(role: str, parent: QWidget | None = None) -> QLabel:
    """A wrapping plain-text label in one of the theme's roles (or the panel's)."""
    made = QLabel(parent)
    made.setProperty("role", role)
    made.setTextFormat(Qt.TextFormat.PlainText)
    made.setWordWrap(True)
    return made


def set_words(target: QLabel, text: str, *, attention: bool = False) -> None:
    """Show ``text`` (with break points) and read it without them; mark it for attention."""
    target.setText(breakable(text))
    target.setAccessibleName(text)
    if bool(target.property("attention")) != attention:
        target.setProperty("attention", attention)
        target.style().unpolish(target)
        target.style().polish(target)
        # Polish alone keeps the old contents margins: the text would run under the bar.
        QCoreApplication.sendEvent(target, QEvent(QEvent.Type.StyleChange))


def _height_at(widget: QWidget, width: int) -> int:
    height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
    return max(height, widget.minimumSizeHint().height(), widget.minimumHeight())


class WordsButton(QPushButton):
    """A big button whose words wrap onto more lines when its row is too narrow (a folder's
    path, a long translation). The words are a label inside it; a tap on them is the
    button's. Enter presses it, as Space does."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_big(self, theme)
        self.setAutoDefault(True)
        self.words = label("button-words", self)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.px(28), theme.spacing // 2, theme.px(28), theme.spacing // 2)
        row.addWidget(self.words)
        # Preferred, not Fixed, in height: a fixed height is the one-line hint, and wrapped
        # words need more.
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_text(self, text: str) -> None:
        set_words(self.words, text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return max(self.minimumHeight(), layout.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        hint = layout.sizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        least = layout.minimumSize()
        return QSize(least.width(), max(least.height(), self.minimumHeight()))


class Flow(QWidget):
    """Buttons side by side, each as wide as its words, when they all fit in one row; else
    in equal columns, as many as the widest fits, in rows (four page buttons: one row of
    four, two rows of two, or four of one)."""

    def __init__(self, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spacing = spacing
        self._items: list[QWidget] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_items(self, items: Sequence[QWidget]) -> None:
        self._items = list(items)
        for item in self._items:
            item.setParent(self)
        self.updateGeometry()
        self._place()

    def _shown(self) -> list[QWidget]:
        return [item for item in self._items if not item.isHidden()]

    def _rows(self, width: int) -> list[list[tuple[QWidget, int]]]:
        """Each row's items with their widths."""
        items = self._shown()
        if not items:
            return []
        gaps = self._spacing * (len(items) - 1)
        hints = [item.sizeHint().width() for item in items]
        if sum(hints) + gaps <= width:
            extra = (width - gaps - sum(hints)) // len(items)
            return [[(item, hint + extra) for item, hint in zip(items, hints, strict=True)]]
        fit = max(1, min(len(items), (width + self._spacing) // (max(hints) + self._spacing)))
        rows = math.ceil(len(items) / fit)
        columns = math.ceil(len(items) / rows)  # 4 in rows of 3 and 1 become rows of 2
        column = max(1, (width - (columns - 1) * self._spacing) // columns)
        return [
            [(item, column) for item in items[i : i + columns]]
            for i in range(0, len(items), columns)
        ]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = self._rows(width)
        heights = [max(_height_at(item, wide) for item, wide in row) for row in rows]
        return sum(heights) + self._spacing * max(0, len(rows) - 1)

    def sizeHint(self) -> QSize:
        items = self._shown()
        width = sum(item.sizeHint().width() for item in items)
        width += self._spacing * max(0, len(items) - 1)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        items = self._shown()
        if not items:
            return QSize(0, 0)
        width = max(max(item.minimumSizeHint().width(), item.minimumWidth()) for item in items)
        return QSize(width, max(_height_at(item, width) for item in items))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        top = 0
        for row in self._rows(self.width()):
            height = max(_height_at(item, wide) for item, wide in row)
            left = 0
            for item, wide in row:
                item.setGeometry(left, top, wide, height)
                left += wide + self._spacing
            top += height + self._spacing


class LabelList(QWidget):
    """A column of wrapping labels whose texts change in place (the scroll position stays)."""

    def __init__(self, role: str, spacing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = role
        self._labels: list[QLabel] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(spacing)

    def set_texts(self, texts: Sequence[tuple[str, bool]]) -> None:
        """``texts``: each label's words and whether it needs attention."""
        while len(self._labels) < len(texts):
            made = label(self._role, self)
            self._column.addWidget(made)
            self._labels.append(made)
        while len(self._labels) > len(texts):
            gone = self._labels.pop()
            self._column.removeWidget(gone)
            gone.hide()
            gone.deleteLater()
        for target, (text, attention) in zip(self._labels, texts, strict=True):
            set_words(target, text, attention=attention)
        self.setVisible(bool(texts))

    @property
    def labels(self) -> tuple[QLabel, ...]:
        return tuple(self._labels)


class SectionView(QWidget):
    """A section: its heading, its lines ("Waiting: 3"), then its problems as a list."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = label("section", self)
        self._lines = LabelList("body", theme.spacing // 3, self)
        self._problems = LabelList("body", theme.spacing // 3, self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing // 2)
        column.addWidget(self.heading)
        column.addWidget(self._lines)
        column.addWidget(self._problems)

    def show_section(self, section: Section, now: float) -> None:
        set_words(self.heading, shown(QCoreApplication.translate(CONTEXT, section.heading)))
        lines = section.lines[:MAX_LINES]
        self._lines.set_texts([(line_text(line, now), line.attention) for line in lines])
        problems = [(f"• {shown(problem)}", False) for problem in section.problems[:MAX_PROBLEMS]]
        extra = len(section.problems) - MAX_PROBLEMS
        if extra > 0:
            problems.append(
                (QCoreApplication.translate("StaffPages", "… and {0} more").format(extra), False)
            )
        if problems:
            total = len(section.problems)
            count = attention_text(
                QCoreApplication.translate("StaffPages", "1 problem")
                if total == 1
                else QCoreApplication.translate("StaffPages", "{0} problems").format(total)
            )
            problems.insert(0, (count, True))
        self._problems.set_texts(problems)


class UsageView(QWidget):
    """The usage table: a grid of labels where its columns fit, else one block per row."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._table = UsageTable((), ())
        self._grid = QWidget(self)
        self._list = QWidget(self)
        self._grid_layout = QGridLayout(self._grid)
        self._grid_layout.setContentsMargins(0, 0, 0, 0)
        self._grid_layout.setHorizontalSpacing(theme.spacing)
        self._grid_layout.setVerticalSpacing(theme.spacing // 2)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSpacing(theme.spacing // 2)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._list.hide()

    def show_table(self, table: UsageTable) -> None:
        if table == self._table:
            return
        self._table = table
        for layout in (self._grid_layout, self._list_layout):
            while (item := layout.takeAt(0)) is not None:
                widget = item.widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        header = [shown(QCoreApplication.translate(CONTEXT, cell)) for cell in table.header]
        for column, text in enumerate(header):
            cell = label("column", self._grid)
            set_words(cell, text)
            self._grid_layout.addWidget(cell, 0, column, Qt.AlignmentFlag.AlignBottom)
        for row_index, row in enumerate(table.rows[:MAX_USAGE_ROWS], start=1):
            cells = [shown(QCoreApplication.translate(CONTEXT, cell)) for cell in row]
            for column, text in enumerate(cells):
                cell = label("body", self._grid)
                set_words(cell, text)
                name = header[column] if column < len(header) else ""
                cell.setAccessibleName(f"{name}: {text}" if name else text)
                self._grid_layout.addWidget(cell, row_index, column, Qt.AlignmentFlag.AlignTop)
            self._add_block(header, cells)
        self._relayout()

    def _add_block(self, header: list[str], cells: list[str]) -> None:
        """One row as a block: its first cell, then "Header: cell" for each of the others."""
        if not cells:
            return
        first = label("column", self._list)
        set_words(first, cells[0])
        self._list_layout.addWidget(first)
        pairs = [
            f"{header[i]}: {cells[i]}" if i < len(header) else cells[i]
            for i in range(1, len(cells))
        ]
        if pairs:
            rest = label("body", self._list)
            set_words(rest, "\n".join(pairs))
            self._list_layout.addWidget(rest)

    @property
    def as_grid(self) -> bool:
        """The table shows as a grid (else as blocks, one per row)."""
        return not self._grid.isHidden()

    def _grid_fits(self, width: int) -> bool:
        """Every cell fits on one line (a grid whose cells wrap word by word is hard to read)."""
        return self._grid_layout.sizeHint().width() <= width

    def _active(self, width: int) -> QWidget:
        return self._grid if self._grid_fits(width) else self._list

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        active = self._active(width)
        layout = active.layout()
        assert layout is not None
        return layout.totalHeightForWidth(width)

    def sizeHint(self) -> QSize:
        return self._grid_layout.sizeHint()

    def minimumSizeHint(self) -> QSize:
        least = self._list_layout.totalMinimumSize()
        return QSize(least.width(), 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        active = self._active(self.width())
        other = self._list if active is self._grid else self._grid
        changed = active.isHidden()
        other.hide()
        active.show()
        active.setGeometry(self.rect())
        if changed:
            self.updateGeometry()


class ExportChoices(QWidget):
    """Where the usage counts can be saved: a big button per folder (a USB stick), or what
    to do when there is none, and "Look for USB sticks again"."""

    export_requested = Signal(Path)
    export_folders_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._folders: tuple[Path, ...] = ()
        self._rescue = TapRescue(self)
        self._heading = label("section", self)
        self._list = Flow(theme.spacing // 2, self)
        self.folder_buttons: list[WordsButton] = []
        self._none = label("body", self)
        self.look_again_button = WordsButton(theme, self)
        self.look_again_button.installEventFilter(self._rescue)
        self.look_again_button.clicked.connect(self.export_folders_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing)
        for part in (self._heading, self._list, self._none, self.look_again_button):
            column.addWidget(part)
        self.set_folders(())

    def set_folders(self, folders: Sequence[Path]) -> None:
        self._folders = tuple(folders[:MAX_EXPORT_FOLDERS])
        for button in self.folder_buttons:
            button.hide()
            button.deleteLater()
        self.folder_buttons = []
        for folder in self._folders:
            button = WordsButton(self._theme)
            button.installEventFilter(self._rescue)
            button.clicked.connect(lambda _=False, path=folder: self.export_requested.emit(path))
            self.folder_buttons.append(button)
        self._list.set_items(self.folder_buttons)
        self._list.setVisible(bool(self._folders))
        self._none.setVisible(not self._folders)
        self.retranslate()

    def retranslate(self) -> None:
        set_words(self._heading, self.tr("Save the counts on a USB stick"))
        set_words(
            self._none, self.tr('Put in a USB stick, then touch "Look for USB sticks again".')
        )
        self.look_again_button.set_text(self.tr("Look for USB sticks again"))
        for button, folder in zip(self.folder_buttons, self._folders, strict=True):
            name = shown(folder.name or str(folder))
            button.set_text(self.tr("Save to {0} ({1})").format(name, shown(str(folder))))


class KioskControls(QWidget):
    """The kiosk's defaults (text size 1 to 3, contrast), cleaning mode, and Exit, which asks
    first, inline: only "Yes" emits ``exit_requested``."""

    default_look_chosen = Signal(int, bool)
    cleaning_requested = Signal()
    exit_requested = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._look = (1, False)
        self._size_heading = label("section", self)
        self.text_size_buttons = {step: self._choice() for step in TEXT_STEPS}
        self._contrast_heading = label("section", self)
        self.contrast_buttons = {high: self._choice() for high in (False, True)}
        self.cleaning_button = WordsButton(theme, self)
        self.exit_button = WordsButton(theme, self)
        self._question = label("body", self)
        self.yes_button = big_button(theme, icon="mdi6.exit-run")
        self.no_button = big_button(
            theme, role="primary", icon="mdi6.undo", icon_colour=theme.palette.on_primary
        )
        self._answers = self._flow([self.no_button, self.yes_button])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(theme.spacing)
        column.addWidget(self._size_heading)
        column.addWidget(self._flow(list(self.text_size_buttons.values())))
        column.addWidget(self._contrast_heading)
        column.addWidget(self._flow(list(self.contrast_buttons.values())))
        for part in (self.cleaning_button, self.exit_button, self._question, self._answers):
            column.addWidget(part)
        self._connect_signals()
        self._question.hide()
        self._answers.hide()
        self._mark()
        self.retranslate()

    def _choice(self) -> QPushButton:
        button = big_button(self._theme, role="language")  # checked: filled, like a choice
        button.setCheckable(True)
        return button

    def _flow(self, items: list[QPushButton]) -> Flow:
        flow = Flow(self._theme.spacing // 2, self)
        flow.set_items(items)
        return flow

    def _connect_signals(self) -> None:
        rescue = TapRescue(self)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses, as Space does
            button.installEventFilter(rescue)
        for step, button in self.text_size_buttons.items():
            button.clicked.connect(lambda _=False, step=step: self._choose(step, None))
        for high, button in self.contrast_buttons.items():
            button.clicked.connect(lambda _=False, high=high: self._choose(None, high))
        self.cleaning_button.clicked.connect(self.cleaning_requested)
        self.exit_button.clicked.connect(self._ask)
        self.yes_button.clicked.connect(lambda: self.answer(yes=True))
        self.no_button.clicked.connect(lambda: self.answer(yes=False))

    def set_default_look(self, step: int, high: bool) -> None:
        if step not in TEXT_STEPS:
            raise ValueError(f"text step must be one of {TEXT_STEPS}, not {step}")
        self._look = (step, high)
        self._mark()

    def _choose(self, step: int | None, high: bool | None) -> None:
        chosen = (self._look[0] if step is None else step, self._look[1] if high is None else high)
        self._mark()  # the mark follows set_default_look, not the tap
        self.default_look_chosen.emit(*chosen)

    def _mark(self) -> None:
        step, high = self._look
        for value, button in self.text_size_buttons.items():
            button.setChecked(value == step)
        for value, button in self.contrast_buttons.items():
            button.setChecked(value == high)

    def _ask(self) -> None:
        by_keys = self.exit_button.hasFocus()
        self.exit_button.hide()
        self._question.show()
        self._answers.show()
        if by_keys:
            focus_on(self.no_button)  # the safe answer

    def answer(self, *, yes: bool) -> None:
        """Answer the exit question (No also when the page is left or the panel closes)."""
        if self._question.isHidden():
            return
        focused = QApplication.focusWidget()
        by_keys = focused is not None and self._answers.isAncestorOf(focused)
        self._question.hide()
        self._answers.hide()
        self.exit_button.show()
        if by_keys:
            focus_on(self.exit_button)
        if yes:
            self.exit_requested.emit()

    def retranslate(self) -> None:
        set_words(self._size_heading, self.tr("Default text size"))
        sizes = (self.tr("Normal"), self.tr("Larger"), self.tr("Largest"))
        for button, size in zip(self.text_size_buttons.values(), sizes, strict=True):
            set_label(button, size)
        set_words(self._contrast_heading, self.tr("Default contrast"))
        set_label(self.contrast_buttons[False], self.tr("Standard"))
        set_label(self.contrast_buttons[True], self.tr("High"))
        self.cleaning_button.set_text(self.tr("Cleaning mode (60 s)"))
        self.exit_button.set_text(self.tr("Exit the kiosk"))
        set_words(
            self._question,
            self.tr(
                "Exit the kiosk? The screen will show the computer's desktop until the kiosk "
                "is started again."
            ),
        )
        set_label(self.yes_button, self.tr("Yes"))
        set_label(self.no_button, self.tr("No"))
