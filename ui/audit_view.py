"""The meeting's audit trail: every change, who made it, when, old and new; and its check.

Cells are made by `desktop.signoff.trail`, as the `audit` command's lines are, so the two say
a change the same way. The check is the `audit --verify` command's (`desktop.signoff.anchors`):
the hash chain, the meeting's content against it, and its newest signed head.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting.wording import uk_stamp
from strategy_minutes.desktop.signoff import trail
from strategy_minutes.desktop.stores import Entry, Store
from strategy_minutes.ui import theme

COLUMNS = ("#", "When (UK time)", "Who", "Action", "What", "Old", "New")


def cells(entry: Entry) -> tuple[str, ...]:
    """One entry as the columns show it: the pieces of `trail.line`."""
    return (
        str(entry.seq),
        uk_stamp(entry.at),
        entry.actor,
        entry.action,
        trail.what(entry),
        trail.short(entry.old),
        trail.short(entry.new),
    )


class AuditView(QDialog):
    def __init__(self, store: Store, meeting_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.meeting_id = store, meeting_id
        self.setWindowTitle("Audit trail")
        self.resize(980, 560)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Audit trail: every change, oldest first")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        check = buttons.addButton("&Check the trail", QDialogButtonBox.ButtonRole.ActionRole)
        check.clicked.connect(self.check)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addWidget(self.outcome)
        box.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        entries = self.store.repo.audit_entries(self.meeting_id)
        self.table.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            for c, text in enumerate(cells(entry)):
                item = QTableWidgetItem(text)
                if c >= 5:  # the whole value, when the cell shortens it
                    item.setToolTip(trail.short(entry.old if c == 5 else entry.new, 2000))
                self.table.setItem(r, c, item)
        self.table.scrollToBottom()

    def check(self) -> None:
        from strategy_minutes.desktop.signoff import anchors

        checked = anchors.check(self.store, self.meeting_id)
        notes = "".join(f" {n}" for n in checked.notes)
        if checked.problems:
            self.outcome.setText("The trail is broken: " + " ".join(checked.problems) + notes)
            theme.style_text(self.outcome, "problem")
        else:
            self.outcome.setText(
                f"The audit trail is intact: {self.table.rowCount()} entries.{notes}"
            )
            theme.style_text(self.outcome, "good")
