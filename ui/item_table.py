"""A list of items (attendees, people, the decision grid...) as a table plus a detail form.

The table model reads the open meeting's items and redraws only the cells, rows or columns an
edit touched. Cells are edited in place with the same editors as the forms (long text and
multiple picks are edited in the detail form underneath).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting import defaults, spec, validation
from strategy_minutes.desktop.meeting.fieldtypes import Editor, YesNo
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.desktop.services import InvalidValue, NotSaved
from strategy_minutes.desktop.signoff.lifecycle import ReadOnly
from strategy_minutes.ui import theme
from strategy_minutes.ui.fields import UNANSWERED, ComboEditor, editable_in_cell, make_editor
from strategy_minutes.ui.section_form import ItemForm
from strategy_minutes.ui.undo import Editing

Index = QModelIndex | QPersistentModelIndex
CELL_TEXT_LIMIT = 80
COLUMN_MIN, COLUMN_MAX = 70, 220  # pixels

# What a new item starts with, so a chair is not asked what is nearly always so.
NEW_ITEM_DEFAULTS: dict[str, dict[str, Any]] = {
    "attendees": {"status": "present"},
    "actions": {"status": "open"},
}

# Lists whose form must fit one item on a laptop screen: two columns, rare details folded.
COMPACT_KINDS = frozenset({"decisions"})

# Lists that want one row per person of some sort: the button that adds the missing rows.
SEEDS: dict[str, tuple[str, str, Callable[[Meeting], list[Item]]]] = {
    "decisions": ("Add a row for each child in scope", "child", lambda m: m.children_in_scope()),
    "child_plans": (
        "Add a plan for each child alleged to harm others",
        "child",
        lambda m: m.child_perpetrators(),
    ),
    "sibling_support": (
        "Add a row for each sibling",
        "child",
        lambda m: m.siblings(),
    ),
    "parent_support": (
        "Add a row for each non-abusing parent",
        "parent",
        lambda m: m.non_abusing_parents(),
    ),
}


def table_columns(kind: spec.Kind) -> tuple[spec.Field, ...]:
    """The spec's fields, the short decisive answers first so a chair can scan the rows.

    The item's name, then choices, yes/no, dates and picks, then free text, then long text,
    then where the information came from; the spec's order is kept within each group.
    """

    def rank(f: spec.Field) -> int:
        if f.name == kind.title_field:
            return 0
        if f in spec.COMMON_ITEM_FIELDS:
            return 4
        return 1 if f.type.short else 3 if f.type.editor == Editor.PARAGRAPHS else 2

    return tuple(sorted(kind.all_fields(), key=rank))


class ItemTableModel(QAbstractTableModel):
    """One row per item of a kind, one column per field of the spec."""

    refused = Signal(str, str, object, str)  # item id, field, the refused value, why

    def __init__(self, editing: Editing, kind: spec.Kind) -> None:
        super().__init__(editing)
        self.editing, self.kind = editing, kind
        self.fields = table_columns(kind)
        self._items: list[Item] = list(editing.meeting.items_of(kind.name))
        self._problems: dict[str, dict[str, str]] = {}
        self._check()
        editing.field_changed.connect(self._field_changed)
        editing.item_added.connect(self._item_added)
        editing.item_removed.connect(self._item_removed)
        editing.saved.connect(self._recheck)

    # -- the model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self.fields)

    def item(self, row: int) -> Item:
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        return next((n for n, i in enumerate(self._items) if i.id == item_id), -1)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802 (Qt API)
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.fields[section].label
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.fields[section].help or None
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, f = self._items[index.row()], self.fields[index.column()]
        value = item.data[f.name]
        unanswered = isinstance(f.type, YesNo) and value is None  # silence is not an answer: say so
        if role == Qt.ItemDataRole.DisplayRole:
            if unanswered:
                return UNANSWERED
            text = self.editing.meeting.display(f, value)
            first = text.split("\n", 1)[0]
            return first if len(first) <= CELL_TEXT_LIMIT else first[:CELL_TEXT_LIMIT] + "…"
        if role == Qt.ItemDataRole.EditRole:
            return value
        problem = self._problems.get(item.id, {}).get(f.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem or self.editing.meeting.display(f, value) or None
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return theme.tint("problem", QApplication.palette())
        if role == Qt.ItemDataRole.ForegroundRole and unanswered:
            return theme.ink("quiet", QApplication.palette(), QPalette.ColorRole.Base)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (
            index.isValid()
            and editable_in_cell(self.fields[index.column()])
            and not self.editing.read_only_reason
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(
        self,
        index: Index,
        value: Any,  # noqa: N802 (Qt API)
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item, f = self._items[index.row()], self.fields[index.column()]
        try:
            self.editing.set_field(self.kind.name, item.id, f.name, value)
        except (InvalidValue, ReadOnly, NotSaved) as problem:
            self.refused.emit(item.id, f.name, value, str(problem))
            return False
        return True

    # -- keeping in step -------------------------------------------------------------------
    def _columns_referring_to(self, kind: str) -> list[int]:
        return [n for n, f in enumerate(self.fields) if f.lists(kind)]

    def _redraw_columns(self, columns: list[int]) -> None:
        if self._items:
            for col in columns:
                self.dataChanged.emit(self.index(0, col), self.index(len(self._items) - 1, col))

    def _field_changed(self, kind: str, item_id: str, field: str) -> None:
        if kind == self.kind.name:
            row = self.row_of(item_id)
            col = next((n for n, f in enumerate(self.fields) if f.name == field), -1)
            if row >= 0 and col >= 0:
                cell = self.index(row, col)
                self.dataChanged.emit(cell, cell)
        else:
            self._redraw_columns(self._columns_referring_to(kind))

    def _item_added(self, kind: str, item_id: str, row: int) -> None:
        if kind == self.kind.name:
            self.beginInsertRows(QModelIndex(), row, row)
            self._items.insert(row, self.editing.meeting.items_of(kind)[row])
            self.endInsertRows()
        else:
            self._redraw_columns(self._columns_referring_to(kind))

    def _item_removed(self, kind: str, item_id: str, _row: int) -> None:
        if kind == self.kind.name:
            row = self.row_of(item_id)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[row]
            self.endRemoveRows()
        else:
            self._redraw_columns(self._columns_referring_to(kind))

    def _check(self) -> dict[str, dict[str, str]]:
        old, self._problems = self._problems, {}
        for item in self._items:
            for p in validation.item_problems(
                self.editing.meeting, self.kind.name, item.id, item.data
            ):
                self._problems.setdefault(item.id, {}).setdefault(p.field, p.message)
        return old

    def _recheck(self) -> None:
        old = self._check()
        last = len(self.fields) - 1
        for row, item in enumerate(self._items):
            if old.get(item.id) != self._problems.get(item.id):
                self.dataChanged.emit(
                    self.index(row, 0),
                    self.index(row, last),
                    [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
                )


class FieldDelegate(QStyledItemDelegate):
    """Edits a cell with the editor the spec's field type calls for."""

    def __init__(self, model: ItemTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,  # noqa: N802
        index: Index,
    ) -> QWidget:
        f = self.model.fields[index.column()]
        editor = make_editor(f, lambda: self.model.editing.meeting, parent)
        editor.setAccessibleName(f.label)
        if isinstance(editor, ComboEditor):  # a choice is saved as soon as it is made
            editor.committed.connect(lambda: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt API)
        editor.set_value(index.data(Qt.ItemDataRole.EditRole))  # type: ignore[attr-defined]

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,  # noqa: N802 (Qt API)
        index: Index,
    ) -> None:
        if not self.model.editing.meeting.find(self.model.item(index.row()).id):
            return
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)  # type: ignore


class ListPage(QWidget):
    """A list kind: its table, Add/Remove, and a form for the chosen row."""

    def __init__(self, editing: Editing, kind: spec.Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing, self.kind = editing, kind
        self.model = ItemTableModel(editing, kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if kind.help:
            hint = QLabel(kind.help, self)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add", self)
        self.add_button.setToolTip(f"Add to {kind.label} (Ctrl+Shift+N)")
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setToolTip("Remove the chosen row (Ctrl+Z brings it back)")
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.seed_button: QPushButton | None = None
        if kind.name in SEEDS:
            self.seed_button = QPushButton(SEEDS[kind.name][0], self)
            self.seed_button.clicked.connect(self.add_missing_rows)
            buttons.addWidget(self.seed_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(kind.label)
        self.table.setItemDelegate(FieldDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the form below
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        header.setFixedHeight(2 * self.fontMetrics().height() + 10)  # labels wrap on 2 lines
        header.setStretchLastSection(False)
        self.size_columns()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.refused.connect(self._refused)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsInserted.connect(lambda _p, first, last: self.fit(range(first, last + 1)))
        self.model.dataChanged.connect(self._fit_changed)
        self.model.rowsRemoved.connect(self._update_buttons)
        remove = QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.table,
            self.remove_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        remove.setWhatsThis("Remove the chosen row")  # as Help > Keyboard shortcuts lists it

        self.form = ItemForm(editing, kind, self, compact=kind.name in COMPACT_KINDS)
        self.setFocusProxy(self.table)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the table to the fields
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setChildrenCollapsible(False)
        self._sized = False
        layout.addWidget(self.splitter, 1)
        editing.saved.connect(self._update_buttons)
        editing.item_added.connect(self._item_added)
        self._update_buttons()
        if self.model.rowCount():
            self.select(self.model.item(0).id)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """First shown: give the table the height of its rows (up to half), the form the rest."""
        super().showEvent(event)
        if self._sized:
            return
        self._sized = True
        total = self.splitter.height()
        rows = max(self.model.rowCount(), 3) + 1  # room to see a new row arrive
        wanted = (
            self.table.horizontalHeader().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + self.table.horizontalScrollBar().sizeHint().height()
            + 4
        )
        table = min(wanted, total // 2)
        self.splitter.setSizes([table, total - table])

    def size_columns(self) -> None:
        """As wide as the values (the header wraps), within limits a chair can scan."""
        header = self.table.horizontalHeader()
        words = self.fontMetrics()
        for col, f in enumerate(self.model.fields):
            label = (
                max(
                    max(words.horizontalAdvance(w) for w in f.label.split()),
                    words.horizontalAdvance(f.label) * 3 // 5,
                )
                + 16
            )  # fits in 2 lines
            content = self.table.sizeHintForColumn(col) if self.model.rowCount() else 0
            header.resizeSection(col, max(COLUMN_MIN, min(COLUMN_MAX, max(content, label))))

    def fit(self, rows: range, columns: range | None = None) -> None:
        """Widen columns to show what was just entered in these rows, up to COLUMN_MAX: a new
        meeting's values show as they are typed, not once it is reopened. Only the changed
        cells are measured, and a column never narrows under the chair's eyes."""
        header = self.table.horizontalHeader()
        grid = 1 if self.table.showGrid() else 0
        for col in columns if columns is not None else range(self.model.columnCount()):
            wanted = max(
                (
                    self.table.sizeHintForIndex(self.model.index(r, col)).width() + grid
                    for r in rows
                ),
                default=0,
            )
            if header.sectionSize(col) < min(wanted, COLUMN_MAX):
                header.resizeSection(col, min(wanted, COLUMN_MAX))

    def _fit_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if not roles or Qt.ItemDataRole.DisplayRole in roles:
            self.fit(range(top.row(), bottom.row() + 1), range(top.column(), bottom.column() + 1))

    # -- actions ----------------------------------------------------------------------------
    def add(self, data: dict[str, Any] | None = None) -> str:
        """Add an item, choose it, and put the cursor in its first field."""
        self.form.flush()
        seeded: dict[str, Any] = {}
        missing = self.missing_rows()
        if missing and not data:  # the next child (or parent) still without a row
            seeded = {SEEDS[self.kind.name][1]: missing[0].id}
        carried = {} if data else defaults.carried(self.editing.meeting, self.kind.name)
        item_id = self.editing.add_item(
            self.kind.name,
            {**NEW_ITEM_DEFAULTS.get(self.kind.name, {}), **seeded, **carried, **(data or {})},
        )
        self.form.imply(item_id, carried)
        self.select(item_id)
        self.form.focus_first_empty()
        return item_id

    def _add_clicked(self) -> None:
        try:
            self.add()
        except NotSaved:  # already said by the window (Editing.save_failed)
            pass

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0 or not self.remove_button.isEnabled():
            return
        self.form.flush()
        try:
            self.editing.remove_item(self.model.item(row).id)
        except NotSaved:  # already said by the window (Editing.save_failed)
            return
        if self.model.rowCount():
            self.select(self.model.item(min(row, self.model.rowCount() - 1)).id)

    def missing_rows(self) -> list[Item]:
        if self.kind.name not in SEEDS:
            return []
        _label, field, people = SEEDS[self.kind.name]
        have = {i.data[field] for i in self.editing.meeting.items_of(self.kind.name)}
        return [p for p in people(self.editing.meeting) if p.id not in have]

    def add_missing_rows(self) -> None:
        _label, field, _people = SEEDS[self.kind.name]
        missing = self.missing_rows()
        if not missing:
            return
        try:
            with self.editing.macro(SEEDS[self.kind.name][0].lower()):
                ids = [self.editing.add_item(self.kind.name, {field: p.id}) for p in missing]
        except NotSaved:  # already said by the window (Editing.save_failed)
            return
        self.select(ids[0])

    def select(self, item_id: str, field: str = "") -> None:
        row = self.model.row_of(item_id)
        if row < 0:
            return
        col = next((n for n, f in enumerate(self.model.fields) if f.name == field), 0)
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, col),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, col))

    # -- reacting --------------------------------------------------------------------------
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.set_item(self.model.item(current.row()).id if current.isValid() else None)
        self._update_buttons()

    def _item_added(self, kind: str, item_id: str, _row: int) -> None:
        if kind == self.kind.name:  # added, or brought back by undo: show it
            self.select(item_id)

    def _refused(self, item_id: str, field: str, value: Any, message: str) -> None:
        self.select(item_id, field)
        self.form.refuse(field, value, message)

    def _update_buttons(self) -> None:
        editable = not self.editing.read_only_reason
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.table.currentIndex().isValid())
        if self.seed_button is not None:
            self.seed_button.setEnabled(editable and bool(self.missing_rows()))

    def flush(self) -> None:
        self.form.flush()
