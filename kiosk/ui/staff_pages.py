"""The parts of the staff panel's pages: values in words, sections, the usage table, and the
big buttons and button rows they (and :mod:`kiosk.ui.staff_controls`) are made of.

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
* A report is trusted for its words only, never for its size: texts, lines, rows are capped
  (:data:`MAX_SHOWN_CHARS`, :data:`MAX_LINES`, :data:`MAX_USAGE_ROWS`), so a hostile or
  runaway report cannot freeze the panel.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff.report import CONTEXT, MAX_PROBLEMS, Kind, Line, Section, UsageTable
from kiosk.ui.theme import Theme
from kiosk.ui.widgets import make_big

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
