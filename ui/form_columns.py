"""Fields in two columns, label above field, when the form is wide enough (one otherwise).

A compact form (one child's decision) must fit a 1366x768 laptop without scrolling. Labels
sit above their fields, so a column is as narrow as its field and long choice labels are not
cut short; two short answers in a row (Yes/No, a date, a short choice) share a line when both
fit in half of it. Fields keep the spec's order and read like a newspaper: left to right
along a line, down the first column, then down the second: the order Tab follows. Rows are
laid out again only when fields appear or hide, or the width changes; never while the chair
types, so a field does not jump away from the cursor. Rows are never re-parented (that would
hide them and take the keyboard away), only moved between layouts.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

COLUMN_MIN = 300  # pixels: a column narrower than this makes one column of the form
GAP = 16  # between the columns
SPACING = 6  # between lines, and between the two halves of a line
NARROWEST = 120  # a one-line field may be squeezed to this; it shares a line only at full size


class FormColumns(QWidget):
    """Rows (a label above a field) in order, in lines, split over one or two columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[QWidget, QWidget | None]] = []  # (row, its one-line editor)
        self._grids = [QGridLayout(), QGridLayout()]
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(GAP)
        for grid in self._grids:
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(SPACING)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            box.addLayout(grid, 1)
        self._placed: tuple[tuple[int, tuple[int, ...]], ...] = ()
        self._count = 0  # how many columns are in use

    def add_row(self, row: QWidget, one_line: QWidget | None = None) -> None:
        """A row in spec order; `one_line` is its editor if it may share a line with another."""
        row.setParent(self)
        if one_line is not None:  # as narrow as a column asks (a combo is as wide as its text)
            one_line.setMinimumWidth(min(one_line.minimumSizeHint().width(), NARROWEST))
        self.rows.append((row, one_line))

    def column_count(self) -> int:
        return 2 if self.width() >= 2 * COLUMN_MIN + GAP else 1

    def _lines(self, column_width: int) -> list[tuple[int, ...]]:
        """The rows shown, in lines: two short ones side by side where both fit."""
        half = (column_width - SPACING) // 2
        fits = [editor is not None and row.sizeHint().width() <= half for row, editor in self.rows]
        lines: list[tuple[int, ...]] = []
        for n, (row, _editor) in enumerate(self.rows):
            if row.isHidden():
                continue
            last = lines[-1] if lines else ()
            if fits[n] and len(last) == 1 and fits[last[0]]:
                lines[-1] = (last[0], n)
            else:
                lines.append((n,))
        return lines

    def arrange(self) -> None:
        """Lay out the rows shown, the columns ending as nearly level as they can."""
        count = self._count = self.column_count()
        width = (self.width() - GAP) // 2 if count == 2 else self.width()
        lines = self._lines(width)
        heights = [
            max(self.rows[n][0].sizeHint().height() for n in line) + SPACING for line in lines
        ]
        split = len(lines)
        if count == 2:
            total, above, best = sum(heights), 0, sum(heights)
            for n, h in enumerate(heights):  # n: the first line of the second column
                if max(above, total - above) < best:
                    best, split = max(above, total - above), n
                above += h
        placed = tuple((0 if n < split else 1, line) for n, line in enumerate(lines))
        if placed == self._placed:
            return
        self._placed = placed
        for grid in self._grids:
            for row, _editor in self.rows:
                grid.removeWidget(row)
            for r in range(grid.rowCount()):
                grid.setRowStretch(r, 0)
        at = [0, 0]
        for column, line in placed:
            grid = self._grids[column]
            if len(line) == 2:
                grid.addWidget(self.rows[line[0]][0], at[column], 0)
                grid.addWidget(self.rows[line[1]][0], at[column], 1)
            else:
                grid.addWidget(self.rows[line[0]][0], at[column], 0, 1, 2)
            at[column] += 1
        for column, grid in enumerate(self._grids):
            grid.setRowStretch(at[column], 1)  # lines keep to the top

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.column_count() != self._count or self._count == 2:
            self.arrange()


def labelled(label: QLabel, field: QWidget) -> QWidget:
    """One row: the label above its field."""
    row = QWidget(field.parentWidget())
    box = QGridLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    box.setVerticalSpacing(1)
    box.addWidget(label, 0, 0)
    box.addWidget(field, 1, 0)
    return row
