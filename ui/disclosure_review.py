"""The disclosure review: before a copy for a parent is written, the chair sees and decides it.

Each section lists what the copy will share and what it withholds, and why. Anything withheld
only by default, and any free text that names a withheld person or repeats withheld text,
is marked for the chair's decision; ticking "Share" releases it, unticking withholds it. On
confirming, every such decision is recorded with its reason through the meeting service, so
it is audited like any edit and signed with the minutes. A signed meeting's copy uses the
decisions signed with it: the review then only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting import disclosure, spec
from strategy_minutes.desktop.meeting.disclosure import SHARE, WITHHOLD, Entry, Review
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.services import MeetingService

COLUMNS = ("Part of the record", "Share", "Why")
SIGNED = "signed"


def section_summary(review: Review, kind: str) -> str:
    rows = [e for e in review.entries if e.kind == kind and e.source != "standing"]
    shared = sum(1 for e in rows if e.shared and not e.field)
    withheld = sum(1 for e in rows if not e.shared)
    return f"{shared} shared, {withheld} withheld"


class DisclosureReview(QDialog):
    """Every section's shared and withheld parts, for the chair to decide and confirm."""

    def __init__(
        self, service: MeetingService, meeting: Meeting, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting = service, meeting
        self.review = disclosure.review(meeting)
        self.read_only = meeting.status == SIGNED
        self.rows: dict[int, tuple[QTreeWidgetItem, Entry]] = {}
        self.recorded = 0
        self.setWindowTitle("Disclosure review: the copy for a parent")
        self.resize(900, 640)

        hits, undecided = len(self.review.hits()), len(self.review.undecided())
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            "The minutes as signed use the disclosure decisions signed with them; this shows them."
            if self.read_only
            else "Check what the copy for a parent shares. Tick “Share” to release a part "
            "withheld by default, untick to withhold a part. "
            f"{undecided} part(s) are withheld by default and {hits} place(s) in free text "
            "name a withheld person or repeat withheld text (marked ⚠). Confirming records "
            "every decision below, with its reason, in the audit trail."
        )
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAccessibleName("What the parent copy shares and withholds")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 380)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self._fill()
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Why, for any change you make (required then)")
        self.reason.setEnabled(not self.read_only)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm = self.buttons.addButton(
            "&Confirm and export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setDefault(True)
        self.confirm.clicked.connect(self.accept_review)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(self.tree, 1)
        label = QLabel("&Reason:", self)
        label.setBuddy(self.reason)
        box.addWidget(label)
        box.addWidget(self.reason)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)

    def _fill(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        # The chair's own reasons, shown here only: an entry's reason is what a parent's copy
        # may say of a withheld part, and a chair's reason may name what it withholds.
        said = {
            (d.data["target"] or "", d.data["field"] or ""): d.data["reason"] or ""
            for d in self.meeting.items_of(spec.DISCLOSURE_DECISIONS.name)
        }
        for k in spec.KINDS:
            entries = [
                e
                for e in self.review.entries
                if e.kind == k.name
                and e.source != "standing"
                and (not e.shared or not e.field or e.source == "chair")
            ]
            if not entries:
                continue
            top = QTreeWidgetItem([k.label, "", section_summary(self.review, k.name)])
            top.setFont(0, bold)
            self.tree.addTopLevelItem(top)
            for e in entries:
                where = self.review.place(e).removeprefix(k.label).lstrip(", ") or k.label
                why = e.hit or e.reason or "Shared by default"
                if e.source == "chair" and said.get((e.target, e.field)):
                    why = f"{why}: {said[(e.target, e.field)]}"
                if e.hit:
                    where = f"⚠ {where}"
                row = QTreeWidgetItem([where, "", why])
                row.setToolTip(2, why)
                if e.decidable and not self.read_only:
                    row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    state = Qt.CheckState.Checked if e.shared else Qt.CheckState.Unchecked
                    row.setCheckState(1, state)
                    row.setText(1, "Share")
                else:
                    row.setText(1, "Yes" if e.shared else "No")
                if e.hit or e.undecided:
                    row.setFont(0, bold)
                top.addChild(row)
                self.rows[id(row)] = (row, e)
            top.setExpanded(True)

    def changes(self) -> list[tuple[Entry, bool]]:
        """(entry, share) for each row the chair has changed from what the review said."""
        out = []
        for row, e in self.rows.values():
            if e.decidable and not self.read_only:
                share = row.checkState(1) == Qt.CheckState.Checked
                if share != e.shared:
                    out.append((e, share))
        return out

    def accept_review(self) -> None:
        """Record each change with the chair's reason, and confirm every undecided part as
        the review shows it; then close, ready for the export."""
        if self.read_only:
            self.accept()
            return
        changed = self.changes()
        reason = self.reason.text().strip()
        if changed and not reason:
            self.problem.setText("Give the reason for the changes you made; nothing was recorded.")
            self.problem.setStyleSheet("color: palette(link);")
            return
        changed_ids = {id(e) for e, _ in changed}
        for e, share in changed:
            self._record(e, SHARE if share else WITHHOLD, reason)
        for e in self.review.withheld:
            if e.undecided and id(e) not in changed_ids:
                self._record(e, WITHHOLD, f"Withheld as the review proposed: {e.hit or e.reason}")
        self.accept()

    def _record(self, e: Entry, decision: str, reason: str) -> None:
        self.service.decide_disclosure(self.meeting.id, e.target, e.field, decision, reason)
        self.recorded += 1
