"""The case over time in the app: what needs attention across the data folder, one case's
meetings with its clocks and open actions, recording progress, and the settings N and M.

Each window reads through desktop services (`desktop.case`, `desktop.signoff.progress`);
each line of the attention list and of a case's open actions goes to the place to act: the
meeting, opened at the item and field concerned.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.case import settings
from strategy_minutes.desktop.case.attention import CONCERNS, Line, attention
from strategy_minutes.desktop.case.cases import Case, case_of
from strategy_minutes.desktop.case.review import new_review
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.model import STATUSES
from strategy_minutes.desktop.meeting.wording import long_date
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import progress
from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem
from strategy_minutes.ui.rows_model import Index, RowsModel

AGENCY = dict(spec.AGENCIES.options)
STATUS = dict(STATUSES)
ACTION_STATUS = dict(spec.ACTION_STATUSES.options)


class Rows(RowsModel):
    """Rows of (heading, key) columns; values shown as they are."""

    def __init__(self, columns: tuple[tuple[str, str], ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.columns = columns
        self.headings = tuple(h for h, _k in columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return str(self.rows[index.row()].get(self.columns[index.column()][1]) or "")


def read_only_table(model: Rows, name: str, parent: QWidget, stretch: int) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for col in range(len(model.headings)):
        header.setSectionResizeMode(
            col,
            QHeaderView.ResizeMode.Stretch
            if col == stretch
            else QHeaderView.ResizeMode.ResizeToContents,
        )
    return table


class AttentionView(QDialog):
    """Needs attention: every overdue action, review, conference, lingering draft and missing
    oversight across the data folder; Enter or a double click goes to the place to act."""

    go_to = Signal(str, str, str, str)  # meeting id, kind, item id, field

    def __init__(self, service: MeetingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Needs attention")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = Rows(
            (
                ("Concern", "concern_label"),
                ("Case", "case_reference"),
                ("Working days", "working_days"),
                ("Owner", "who"),
                ("What", "sentence"),
            ),
            self,
        )
        self.table = read_only_table(self.model, "Things that need attention", self, 4)
        self.table.activated.connect(lambda _i: self.open_chosen())
        go = QPushButton("&Go to it", self)
        go.clicked.connect(self.open_chosen)
        settings_button = QPushButton("&Settings…", self)
        settings_button.clicked.connect(self.change_settings)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(go)
        buttons.addWidget(settings_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1100, 560)
        self.refresh()

    def refresh(self) -> None:
        labels = dict(CONCERNS)
        self.lines: list[Line] = attention(self.service)
        self.model.set_rows(
            [
                {
                    **ln.as_json(),
                    "concern_label": labels[ln.concern],
                    "case_reference": ln.case_reference or "(no case reference)",
                    "who": ", ".join(x for x in (ln.owner, AGENCY.get(ln.agency, "")) if x),
                }
                for ln in self.lines
            ]
        )
        limits = settings.load(self.service.store)
        self.summary.setText(
            (
                f"{len(self.lines)} thing(s) across every meeting in this data folder need "
                "attention, most overdue first. Choose one and press Enter to go to it."
                if self.lines
                else "Nothing is overdue across the meetings in this data folder."
            )
            + f" Drafts are flagged after {limits.draft_days} working days, signed minutes "
            f"without management oversight after {limits.oversight_days}."
        )
        if self.lines:
            self.table.selectRow(0)

    def open_chosen(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.lines):
            ln = self.lines[row]
            self.go_to.emit(ln.meeting_id, ln.kind, ln.item_id, ln.field)
            self.accept()

    def change_settings(self) -> None:
        if SettingsDialog(self.service, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()


class SettingsDialog(QDialog):
    """N and M, kept in the encrypted store."""

    def __init__(self, service: MeetingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("When a meeting needs attention")
        now = settings.load(service.store)
        self.draft_days = QSpinBox(self)
        self.oversight_days = QSpinBox(self)
        for box, value in (
            (self.draft_days, now.draft_days),
            (self.oversight_days, now.oversight_days),
        ):
            box.setRange(0, settings.LARGEST)
            box.setSuffix(" working days")
            box.setValue(value)
        form = QFormLayout(self)
        note = QLabel(
            f"Defaults: {settings.DRAFT_DAYS} and {settings.OVERSIGHT_DAYS} working days "
            "(minutes go out within one working day; a week for comments and for a manager's "
            "first look is this app's default). Kept in the encrypted store.",
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow("Minutes left in draft or review after:", self.draft_days)
        form.addRow("Signed minutes without oversight after:", self.oversight_days)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        settings.save(
            self.service.store,
            settings.Thresholds(self.draft_days.value(), self.oversight_days.value()),
        )
        self.accept()


class ProgressDialog(QDialog):
    """Progress on one action: on signed minutes it becomes its own signed entry."""

    def __init__(
        self, service: MeetingService, meeting_id: str, action_id: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting_id, self.action_id = service, meeting_id, action_id
        meeting = service.get(meeting_id)
        action = meeting.find(action_id)
        self.setWindowTitle("Record progress on an action")
        self.status = QComboBox(self)
        for value in progress.STATUSES:
            self.status.addItem(ACTION_STATUS[value], str(value))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("Where it stands, or why it was dropped")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        what = QLabel(meeting.title(action), self)
        what.setWordWrap(True)
        form.addRow("Action:", what)
        form.addRow("&Status:", self.status)
        form.addRow("&Note:", self.note)
        if meeting.status == "signed":
            form.addRow(
                QLabel(
                    "These minutes are signed: the progress is kept as its own signed entry "
                    "beside them, and the minutes themselves do not change.",
                    self,
                )
            )
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.said = ""

    def save(self) -> None:
        try:
            self.said = progress.record(
                self.service.store,
                self.service.get(self.meeting_id),
                self.action_id,
                str(self.status.currentData()),
                self.note.text(),
            )
        except SignoffProblem as why:
            self.problem.setText(str(why))
            return
        self.accept()


class CaseView(QDialog):
    """One case: its meetings in order with their status and clocks, and its open actions."""

    open_meeting = Signal(str, str, str, str)  # meeting id, kind, item id, field

    def __init__(self, service: MeetingService, reference: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.service, self.reference = service, reference
        self.setWindowTitle(f"Case {reference or '(no case reference)'}")
        self.clocks = QLabel(self)
        self.clocks.setWordWrap(True)
        self.clocks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meetings = Rows(
            (
                ("Date", "date"),
                ("Meeting", "type"),
                ("Status", "status"),
                ("Minutes due", "minutes_due"),
                ("Review date", "review_date"),
            ),
            self,
        )
        self.meeting_table = read_only_table(self.meetings, "Meetings of this case", self, 1)
        self.meeting_table.activated.connect(lambda _i: self._open_meeting())
        self.action_rows = Rows(
            (
                ("Action", "description"),
                ("Owner", "who"),
                ("Due", "due_text"),
                ("Status", "status_text"),
                ("Agreed", "first_agreed_text"),
            ),
            self,
        )
        self.action_table = read_only_table(self.action_rows, "Open actions of this case", self, 0)
        self.action_table.activated.connect(lambda _i: self._open_action())
        self.review_button = QPushButton("&New review meeting", self)
        self.review_button.setToolTip(
            "A review of the latest meeting: the family and every open action carried"
        )
        self.review_button.clicked.connect(self.new_review)
        self.progress_button = QPushButton("Record &progress…", self)
        self.progress_button.clicked.connect(self.record_progress)
        open_button = QPushButton("&Open meeting", self)
        open_button.clicked.connect(self._open_meeting)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(open_button)
        top.addWidget(self.review_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clocks)
        layout.addWidget(QLabel("Meetings, oldest first:", self))
        layout.addWidget(self.meeting_table, 2)
        layout.addLayout(top)
        layout.addWidget(QLabel("Open actions:", self))
        layout.addWidget(self.action_table, 3)
        layout.addLayout(bottom)
        self.resize(1100, 620)
        self.refresh()

    def refresh(self) -> None:
        self.case: Case = case_of(self.service, self.reference)
        data = self.case.as_json()
        self.meetings.set_rows(
            [
                {
                    **m,
                    "date": long_date(m["date"]),
                    "type": "Review" if m["meeting_type"] == "review" else "First meeting",
                    "status": STATUS.get(m["status"], m["status"]),
                    "minutes_due": long_date(m["minutes_due"]),
                    "review_date": long_date(m["review_date"]),
                }
                for m in data["meetings"]
            ]
        )
        self.open_list = self.case.open_actions()
        self.action_rows.set_rows(
            [
                {
                    **a.as_json(),
                    "who": ", ".join(x for x in (a.owner, AGENCY.get(a.agency, "")) if x),
                    "due_text": long_date(a.due),
                    "status_text": ACTION_STATUS.get(a.status, a.status)
                    + (f": {a.note}" if a.note else ""),
                    "first_agreed_text": long_date(a.first_agreed),
                }
                for a in self.open_list
            ]
        )
        conference = data["initial_conference_date"]
        self.clocks.setText(
            f"Initial child protection conference due by "
            f"{long_date(data['initial_conference_due']) or '(no meeting date yet)'}"
            + (
                f"; date recorded: {long_date(conference)}."
                if conference
                else "; no date recorded."
            )
            + f"  Next review: {long_date(data['next_review']) or 'not set'}."
            + f"  {len(self.open_list)} open action(s)."
        )
        if self.case.meetings:
            self.meeting_table.selectRow(len(self.case.meetings) - 1)
        if self.open_list:
            self.action_table.selectRow(0)
        self.progress_button.setEnabled(bool(self.open_list))

    def _chosen_meeting(self) -> str:
        row = self.meeting_table.currentIndex().row()
        return self.case.meetings[row].id if 0 <= row < len(self.case.meetings) else ""

    def _open_meeting(self) -> None:
        if chosen := self._chosen_meeting():
            self.open_meeting.emit(chosen, "facts", "", "")
            self.accept()

    def _open_action(self) -> None:
        row = self.action_table.currentIndex().row()
        if 0 <= row < len(self.open_list):
            a = self.open_list[row]
            self.open_meeting.emit(a.meeting_id, "actions", a.action_id, "status")
            self.accept()

    def new_review(self) -> None:
        if not self.case.meetings:
            return
        latest = self.case.meetings[-1]
        review_id = new_review(self.service, latest.id)
        self.open_meeting.emit(review_id, "actions", "", "")
        self.accept()

    def record_progress(self) -> None:
        row = self.action_table.currentIndex().row()
        if not 0 <= row < len(self.open_list):
            return
        a = self.open_list[row]
        dialog = ProgressDialog(self.service, a.meeting_id, a.action_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(self, "Progress recorded", dialog.said)
            self.refresh()
