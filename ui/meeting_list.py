"""The meetings in the store, grouped by case and newest first within each, searchable by
case reference or anyone's name, and filtered to one case.

Built to stay instant with thousands of meetings: the store answers a search from its folded
FTS5 index (storage/listing.py); keystrokes queued together are coalesced into one search; the
first screen of rows is read and painted at once, and the rest of the rows and the case
filter's choices are read on a worker thread (ui/list_loader.py) and appended a chunk per turn
of the event loop; when one meeting changes, only its row is fetched and moved
(`update_meeting`); and column widths are measured once, on the first screen, never over
every row.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting.fieldtypes import uk_date
from strategy_minutes.desktop.meeting.model import STATUSES
from strategy_minutes.desktop.meeting.wording import uk_stamp
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.stores import list_order
from strategy_minutes.ui.list_loader import Ask, ListLoader
from strategy_minutes.ui.rows_model import Index, RowsModel

STATUS_LABELS = dict(STATUSES)
COLUMNS = (
    ("case_reference", "Case reference"),
    ("meeting_date", "Date"),
    ("children", "Subject children"),
    ("chair", "Chair"),
    ("status", "Status"),
    ("updated_at", "Last changed"),
)
STRETCH = 2  # the children's names take the spare width
CASE_WIDTH = 16  # characters the case filter is sized for
FIRST_SCREEN = 60  # rows fetched before the list is first painted (more than a screen holds)
CHUNK = 2500  # rows appended per turn of the event loop after that, once read (~1 ms)
# Keystrokes are coalesced into one search: every key typed before the next turn of the event
# loop. A search costs about a millisecond, so waiting longer would only add latency.
SEARCH_COALESCE_MS = 0
# Work after the first screen waits on a timer, not a zero one: Qt runs a zero single-shot as
# a posted event, queued before the repaint the new rows asked for; a timer comes after it.
AFTER_PAINT_MS = 1


class MeetingListModel(RowsModel):
    headings = tuple(label for _key, label in COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        key = COLUMNS[index.column()][0]
        value = self.rows[index.row()][key]
        if key == "case_reference":
            return value or "(no case reference yet)"
        if key == "status":
            return STATUS_LABELS.get(value, str(value).capitalize())
        if key == "updated_at":  # stored in UTC; shown on the UK clock, to the minute
            return uk_stamp(value)[: len("24/11/2026 10:05")] if value else ""
        if key == "meeting_date":
            return uk_date(value) if value else ""
        return value or ""

    def row_of(self, meeting_id: str) -> int:
        return next((n for n, r in enumerate(self.rows) if r["id"] == meeting_id), -1)

    def place(self, row: dict[str, Any], past_the_end: bool = True) -> int:
        """Put one meeting's fresh row where the list's order puts it; returns its row, or -1
        when it belongs after the last row and `past_the_end` is False (the list is still
        arriving in chunks, and a later chunk brings it)."""
        self.drop(row["id"])
        at = bisect_right(self.rows, list_order(row), key=list_order)  # the rows are in order
        if at == len(self.rows) and not past_the_end:
            return -1
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, row)
        self.endInsertRows()
        return at

    def append_fresh(self, rows: list[dict[str, Any]]) -> None:
        """Append a chunk; a meeting already shown is dropped from its old place first."""
        fresh = {r["id"] for r in rows}
        for at in reversed([n for n, r in enumerate(self.rows) if r["id"] in fresh]):
            self.beginRemoveRows(QModelIndex(), at, at)
            del self.rows[at]
            self.endRemoveRows()
        self.append_rows(rows)

    def drop(self, meeting_id: str) -> None:
        at = self.row_of(meeting_id)
        if at >= 0:
            self.beginRemoveRows(QModelIndex(), at, at)
            del self.rows[at]
            self.endRemoveRows()


class MeetingList(QWidget):
    """Search box, table and the buttons that act on the chosen meeting."""

    open_requested = Signal(str)
    case_requested = Signal(str)  # a case reference
    new_requested = Signal()
    bin_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, service: MeetingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search by case reference or a person's name")
        self.search.setAccessibleName("Search meetings")
        self.search.setClearButtonEnabled(True)
        self._search_due = QTimer(self, singleShot=True, interval=SEARCH_COALESCE_MS)
        self._search_due.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_due.start)
        self._generation = 0  # a newer refresh makes answers still due for an older one moot
        self._loading = False  # rows past the last one shown are still to come
        self._pending: list[dict[str, Any]] = []  # rows the loader read, not yet appended
        self._changed: set[str] = set()  # meetings changed while rows were still to come
        self.loader = ListLoader(service)
        self.loader.rows_loaded.connect(self._rows_loaded)
        self.loader.cases_loaded.connect(self._cases_loaded)
        self.loader.failed.connect(self._load_here)
        loader = self.loader  # not `self`: the worker outlives no list
        self.destroyed.connect(lambda *_: loader.stop())
        self._sized = False
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search)
        self.case_filter = QComboBox(self)
        self.case_filter.setAccessibleName("Show the meetings of one case")
        # Sized for a typical reference, not measured over every case (thousands of them).
        self.case_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.case_filter.setMinimumContentsLength(CASE_WIDTH)
        self._cases: list[str] = []  # the case filter's choices after "All cases", as listed
        self.case_filter.currentIndexChanged.connect(lambda _n: self.refresh())
        case_label = QLabel("&Case:", self)
        case_label.setBuddy(self.case_filter)
        self.show_bin = QCheckBox("Show the &bin", self)
        self.show_bin.setToolTip("Meetings moved to the bin, which can be restored")
        self.show_bin.toggled.connect(self.refresh)

        self.model = MeetingListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Meetings")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STRETCH, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.open_chosen())

        self.new_button = QPushButton("&New meeting", self)
        self.case_button = QPushButton("Ca&se…", self)
        self.case_button.setToolTip(
            "The chosen meeting's case: its meetings, clocks and open actions, and a new review"
        )
        self.case_button.clicked.connect(self._case)
        self.open_button = QPushButton("&Open", self)
        self.bin_button = QPushButton("&Move to bin", self)
        self.restore_button = QPushButton("&Restore", self)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_chosen)
        self.bin_button.clicked.connect(lambda: self._emit(self.bin_requested))
        self.restore_button.clicked.connect(lambda: self._emit(self.restore_requested))
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(case_label)
        top.addWidget(self.case_filter)
        top.addWidget(self.show_bin)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.open_button,
            self.case_button,
            self.bin_button,
            self.restore_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.setFocusProxy(self.table)
        self.refresh()

    def refresh(self) -> None:
        """Search again: the first screen now; the rest of the rows and the case filter's
        choices from the loader's thread (a short search matches thousands of meetings, and
        sorting them all and asking for their cases stalled typing here). When the first
        screen holds every match, their cases are its rows' own and nothing more is asked."""
        self._search_due.stop()
        self._generation += 1
        chosen = self.current_id()
        first = self._fetch(limit=FIRST_SCREEN)
        self.model.set_rows(first)
        self._pending, self._changed = [], set()
        self._loading = len(first) == FIRST_SCREEN
        case = self._chosen_case()
        if self._loading or case:  # a case's choices are those of the whole search
            last = first[-1] if self._loading else None
            binned = self.show_bin.isChecked()
            self.loader.ask(Ask(self._generation, self.search.text(), binned, case, last))
        else:
            self._set_cases(sorted({r["case_key"] for r in first if r["case_key"]}))
        if first and not self._sized:  # measured once, on the first screen only
            for col in range(len(COLUMNS)):
                if col != STRETCH:
                    self.table.resizeColumnToContents(col)
            self._sized = True
        self._select(chosen)
        self._show_empty()

    def stop(self) -> None:
        """Drop the answers still due (the cases, the rest of the rows), and end the loader's
        thread and connection: the store closes."""
        self._generation += 1
        self.loader.stop()

    def update_meeting(self, meeting_id: str) -> None:
        """One meeting changed (edited, made, binned, restored): fetch and move its row only."""
        if self._loading:  # rows still to come may have been read before this change
            self._changed.add(meeting_id)
        shown = self.model.row_of(meeting_id)
        before = self.model.rows[shown]["case_key"] if shown >= 0 else None
        rows = self._fetch(ids=[meeting_id])
        if self._cases_may_differ(before, rows[0]["case_key"] if rows else None):
            self._fill_cases()
        placed = self.model.place(rows[0], past_the_end=not self._loading) if rows else -1
        if placed >= 0:
            self._fit_row(placed)
            self._select(meeting_id)
        else:
            chosen = self.model.row_of(meeting_id)
            self.model.drop(meeting_id)
            if self.model.rows and chosen >= 0:
                self.table.selectRow(min(chosen, len(self.model.rows) - 1))
        self._show_empty()
        self._update()

    def _fit_row(self, row: int) -> None:
        """Widen a column for this one row's value (a new meeting's longer case reference),
        measuring that row alone: never all rows, which would cost seconds at 10,000."""
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            if col != STRETCH:
                wanted = self.table.sizeHintForIndex(self.model.index(row, col)).width() + 1
                if header.sectionSize(col) < wanted:
                    header.resizeSection(col, wanted)

    def _fetch(self, **page: Any) -> list[dict[str, Any]]:
        """Rows of the list as shown: searched, in or out of the bin, of the case chosen,
        grouped by case in the store's query."""
        return self.service.summaries(
            self.search.text(),
            binned=self.show_bin.isChecked(),
            case=self._chosen_case(),
            **page,
        )

    def _rows_loaded(self, generation: int, rows: list[dict[str, Any]]) -> None:
        """The rows after the first screen, read by the loader after the last row shown (a
        meeting made, moved or binned meanwhile shifts nothing, as it would an offset)."""
        if generation == self._generation:
            self._pending = rows
            self._append_later()

    def _append_later(self) -> None:
        generation = self._generation
        QTimer.singleShot(AFTER_PAINT_MS, self, lambda: self._append_chunk(generation))

    def _append_chunk(self, generation: int) -> None:
        """The next chunk of the rows read. A meeting already shown comes again if it moved
        past the rows shown, and replaces its old row; once all are in, each meeting changed
        meanwhile is fetched again (the loader may have read it before the change)."""
        if generation != self._generation:
            return
        chunk, self._pending = self._pending[:CHUNK], self._pending[CHUNK:]
        self.model.append_fresh(chunk)
        if self._pending:
            self._append_later()
            return
        self._loading = False
        changed, self._changed = self._changed, set()
        for meeting_id in sorted(changed):
            self.update_meeting(meeting_id)

    def _load_here(self, generation: int) -> None:
        """The loader could not answer: ask the store on this thread instead."""
        if generation != self._generation:
            return
        if self._loading and not self._pending:
            self._rows_loaded(generation, self._fetch(after=self.model.rows[-1]))
        cases = self.service.cases(self.search.text(), binned=self.show_bin.isChecked())
        self._cases_loaded(generation, cases)

    def _select(self, meeting_id: str) -> None:
        if self.model.rows:
            self.table.selectRow(max(self.model.row_of(meeting_id), 0))
        self._update()

    def _show_empty(self) -> None:
        if self.model.rows:
            self.empty.setText("")
        elif self.search.text().strip():
            self.empty.setText("No meeting matches that search.")
        elif self.show_bin.isChecked():
            self.empty.setText("The bin is empty.")
        else:
            self.empty.setText("No meetings yet: choose New meeting (Ctrl+N) to start one.")
        self.empty.setVisible(not self.model.rows)

    def _cases_may_differ(self, before: str | None, after: str | None) -> bool:
        """Whether one meeting's change, from case `before` to case `after` (None: not listed,
        or not yet fetched), may change the case filter's choices. Asked so that closing a
        meeting whose case stayed the same asks the store nothing about the other cases."""
        if after and after not in self._cases:
            return True  # a case new to the list
        if before is None:
            return True  # not shown before (new, or not fetched yet): its old case unknown
        if not before or before == after:
            return False
        # It left its case: the case stays a choice while a meeting the list shows is in it.
        return not self.service.summaries(
            self.search.text(), binned=self.show_bin.isChecked(), case=before, limit=1
        )

    def _cases_loaded(self, generation: int, cases: list[str]) -> None:
        if generation != self._generation:
            return  # a newer search asks for its own
        chosen = self._chosen_case()
        self._set_cases(cases)
        if self._chosen_case() != chosen:  # the case chosen has no meeting this search lists
            self.refresh()

    def _chosen_case(self) -> str:
        at = self.case_filter.currentIndex()
        return self._cases[at - 1] if 0 < at <= len(self._cases) else ""

    def _fill_cases(self) -> None:
        """The case filter's choices: every case among the meetings the search lists, asked
        of the store's index (the list itself may still be arriving in chunks). Compared with
        the choices shown in Python and filled in one call: at 10,000 meetings there may be
        thousands of cases, and a call per item costs milliseconds each keystroke."""
        self._set_cases(self.service.cases(self.search.text(), binned=self.show_bin.isChecked()))

    def _set_cases(self, cases: list[str]) -> None:
        wanted = self._chosen_case()
        if cases == self._cases:
            return
        self._cases = cases
        self.case_filter.blockSignals(True)
        self.case_filter.clear()
        self.case_filter.addItems(["All cases", *cases])
        self.case_filter.setCurrentIndex(cases.index(wanted) + 1 if wanted in cases else 0)
        self.case_filter.blockSignals(False)

    def _case(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.model.rows):
            self.case_requested.emit(self.model.rows[row]["case_reference"] or "")

    def current_id(self) -> str:
        row = self.table.currentIndex().row()
        return self.model.rows[row]["id"] if 0 <= row < len(self.model.rows) else ""

    def open_chosen(self) -> None:
        if not self.show_bin.isChecked():  # a binned meeting is restored before it is opened
            self._emit(self.open_requested)

    def _emit(self, signal: Any) -> None:
        if self.current_id():
            signal.emit(self.current_id())

    def _update(self) -> None:
        chosen = bool(self.current_id())
        binned = self.show_bin.isChecked()
        self.open_button.setEnabled(chosen and not binned)
        self.case_button.setEnabled(chosen and not binned)
        self.bin_button.setEnabled(chosen and not binned)
        self.restore_button.setEnabled(chosen and binned)
        self.new_button.setEnabled(not binned)
