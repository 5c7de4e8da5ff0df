"""Sign-off from the app: sign, review comments, addendum, management oversight.

Each dialog calls the same `desktop.signoff` functions as the `sign`, `comments`, `addendum`
and `oversight` commands, and says what went wrong in one sentence, as they do.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import comments, lifecycle, oversight, trail
from strategy_minutes.desktop.signoff.keys import signing_key
from strategy_minutes.desktop.stores import KeyProblem
from strategy_minutes.ui import theme
from strategy_minutes.ui.rows_model import Index, RowsModel


def _sentence_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _say(label: QLabel, sentence: str, ok: bool) -> None:
    label.setText(sentence)
    theme.style_text(label, None if ok else "problem")


class SignDialog(QDialog):
    """What stands in the way of signing, who signs, with which key; then sign."""

    go_to_findings = Signal()
    show_comments = Signal()

    def __init__(
        self, service: MeetingService, meeting_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting_id = service, meeting_id
        self.signed_version: int | None = None
        self.setWindowTitle("Sign the minutes")
        self.resize(560, 440)
        meeting = service.get(meeting_id)
        self.blockers = QListWidget(self)
        self.heading = _sentence_label(self)
        self.review = _sentence_label(self)  # when a review copy went out, what came back
        self.name = QLineEdit(meeting.facts.get("chair") or "", self)
        self.role = QLineEdit(meeting.facts.get("chair_role") or "", self)
        self.fingerprint = _sentence_label(self)
        form = QFormLayout()
        form.addRow("Signer's &name:", self.name)
        form.addRow("&Role:", self.role)
        form.addRow("Key fingerprint:", self.fingerprint)
        self.outcome = _sentence_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.findings_button = buttons.addButton(
            "Go to the &findings", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.comments_button = buttons.addButton(
            "Co&mments…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sign_button = buttons.addButton("&Sign", QDialogButtonBox.ButtonRole.ActionRole)
        self.findings_button.clicked.connect(self._to_findings)
        self.comments_button.clicked.connect(self.show_comments)
        self.sign_button.clicked.connect(self.sign)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.review)
        box.addWidget(self.blockers, 1)
        box.addLayout(form)
        box.addWidget(self.outcome, 1)  # the room the list leaves when nothing blocks
        box.addWidget(buttons)
        try:
            self.fingerprint.setText(signing_key(service.store).fingerprint)
        except KeyProblem as exc:
            self.fingerprint.setText(str(exc))
        self.refresh()

    def refresh(self) -> None:
        """Read again what blocks signing (after a finding is fixed or a comment resolved)."""
        meeting = self.service.get(self.meeting_id)
        state = lifecycle.status(self.service.store, self.meeting_id)
        reasons = lifecycle.blockers(self.service.store, meeting)
        self.blockers.clear()
        self.blockers.addItems(reasons)
        self.blockers.setVisible(bool(reasons))
        review = comments.review_sentence(self.service.store, self.meeting_id)
        self.review.setText(review)
        self.review.setVisible(bool(review) and state != lifecycle.SIGNED)
        if state == lifecycle.SIGNED:
            self.heading.setText("This meeting is already signed; open an addendum to change it.")
        elif reasons:
            self.heading.setText("Signing is refused while these stand:")
        else:
            self.heading.setText(
                "Nothing stands in the way: the minutes can be signed as they are."
            )
        self.sign_button.setEnabled(state != lifecycle.SIGNED and not reasons)
        self.findings_button.setVisible(bool(reasons))
        self.comments_button.setVisible(any("comment" in r for r in reasons))

    def _to_findings(self) -> None:
        self.go_to_findings.emit()
        self.reject()

    def sign(self) -> None:
        meeting = self.service.get(self.meeting_id)
        try:
            row = lifecycle.sign(self.service.store, meeting, self.name.text(), self.role.text())
        except lifecycle.SignRefused as refused:
            _say(self.outcome, f"{refused} " + " ".join(refused.reasons), ok=False)
            self.refresh()
            return
        except (lifecycle.SignoffProblem, KeyProblem) as exc:
            _say(self.outcome, str(exc), ok=False)
            return
        self.signed_version = row.version
        _say(
            self.outcome,
            lifecycle.signed_sentence(row, meeting.facts.get("case_reference") or "the minutes"),
            ok=True,
        )
        self.refresh()


COLUMNS = ("Where", "Author", "Date", "Comment", "Status")


class CommentsModel(RowsModel):
    """The meeting's review comments as `comments.listing` gives them, one row each."""

    headings = COLUMNS

    @staticmethod
    def status(row: dict[str, Any]) -> str:
        if not row["resolution"]:
            return "Open"
        return row["resolution"].capitalize() + (f": {row['reason']}" if row["reason"] else "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        values = (
            row["where"],
            row["author"] or "?",
            (row["made_at"] or "")[:10],
            row["text"],
            self.status(row),
        )
        if role == Qt.ItemDataRole.DisplayRole:
            value = values[index.column()]
            return trail.short(value, 120) if index.column() == 3 else value
        if role == Qt.ItemDataRole.ToolTipRole:
            quoted = f"\n\nOn: “{row['quoted']}”" if row["quoted"] else ""
            return f"{row['text']}{quoted}\n\nFrom {row['source_file']}"
        return None


class CommentsDialog(QDialog):
    """Import returned review copies, read the comments where they were made, resolve them."""

    changed = Signal()
    go_to = Signal(str, str)  # kind, item id ("" for a section): where a comment was made

    def __init__(
        self, service: MeetingService, meeting_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting_id = service, meeting_id
        self.setWindowTitle("Review comments")
        self.resize(900, 480)
        self.model = CommentsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Review comments")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip("Enter or double-click: go to the item to make the change")
        self.table.activated.connect(self._go_to)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("why (needed to decline)")
        import_button = QPushButton("&Import returned copies…", self)
        import_button.clicked.connect(self.import_files)
        self.accept_button = QPushButton("&Accepted (changed in the app)", self)
        self.decline_button = QPushButton("&Declined", self)
        self.accept_button.clicked.connect(lambda: self.resolve(comments.ACCEPTED))
        self.decline_button.clicked.connect(lambda: self.resolve(comments.DECLINED))
        resolve = QHBoxLayout()
        reason_label = QLabel("&Reason:", self)
        reason_label.setBuddy(self.reason)
        resolve.addWidget(reason_label)
        resolve.addWidget(self.reason, 1)
        resolve.addWidget(self.accept_button)
        resolve.addWidget(self.decline_button)
        self.outcome = _sentence_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(import_button)
        top.addStretch(1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addLayout(resolve)
        box.addWidget(self.outcome)
        box.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        meeting = self.service.get(self.meeting_id)
        self.model.set_rows(comments.listing(self.service.store, meeting))

    def import_files(self, paths: list[str] | None = None) -> None:
        if not paths:
            paths, _filter = QFileDialog.getOpenFileNames(
                self, "Import returned review copies", "", "Word documents (*.docx)"
            )
        if not paths:
            return
        meeting = self.service.get(self.meeting_id)
        said, refused = [], []
        for name in paths:
            try:
                new, again = comments.import_file(self.service.store, meeting, Path(name))
            except comments.CommentProblem as exc:
                refused.append(str(exc))
                continue
            said.append(comments.imported_sentence(Path(name).name, new, again))
        _say(self.outcome, " ".join(refused + said), ok=not refused)
        self.refresh()
        self.changed.emit()

    def _go_to(self, index: QModelIndex) -> None:
        row = self.model.rows[index.row()]
        if row["kind"]:
            self.go_to.emit(row["kind"], row["item_id"] or "")
            self.accept()

    def current(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def resolve(self, resolution: str) -> None:
        row = self.current()
        if row is None:
            _say(self.outcome, "Choose a comment in the list first.", ok=False)
            return
        try:
            comments.resolve(
                self.service.store, self.meeting_id, row["id"], resolution, self.reason.text()
            )
        except comments.CommentProblem as exc:
            _say(self.outcome, str(exc).replace(" (--reason)", ""), ok=False)
            return
        _say(
            self.outcome,
            f"Comment by {row['author'] or 'an unnamed reviewer'} marked {resolution}.",
            ok=True,
        )
        self.reason.clear()
        at = self.model.rows.index(row)
        self.refresh()
        self.table.selectRow(at)
        self.changed.emit()


class AddendumDialog(QDialog):
    """Open a signed meeting for a change, with the reason the addendum records."""

    def __init__(
        self, service: MeetingService, meeting_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting_id = service, meeting_id
        self.version: int | None = None
        self.setWindowTitle("Open an addendum")
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(
            "Why the signed minutes must change (recorded and shown in later copies)"
        )
        self.outcome = _sentence_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.open_button = buttons.addButton(
            "&Open addendum", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.open_addendum)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        reason_label = QLabel("&Reason:", self)
        reason_label.setBuddy(self.reason)
        box.addWidget(reason_label)
        box.addWidget(self.reason, 1)
        box.addWidget(self.outcome)
        box.addWidget(buttons)

    def open_addendum(self) -> None:
        try:
            self.version = lifecycle.open_addendum(
                self.service.store, self.meeting_id, self.reason.toPlainText()
            )
        except lifecycle.SignoffProblem as exc:
            _say(self.outcome, str(exc), ok=False)
            return
        self.accept()


class OversightDialog(QDialog):
    """A manager's review of the signed plan, kept as its own signed entry."""

    def __init__(
        self, service: MeetingService, meeting_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting_id = service, meeting_id
        self.entry: dict[str, Any] | None = None
        self.setWindowTitle("Record management oversight")
        self.name = QLineEdit(self)
        self.on = QLineEdit(f"{date.today():%d/%m/%Y}", self)
        self.on.setPlaceholderText("dd/mm/yyyy")
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("What the manager found and decided")
        form = QFormLayout()
        form.addRow("Manager's &name:", self.name)
        form.addRow("&Date of review:", self.on)
        form.addRow("&Note:", self.note)
        self.outcome = _sentence_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton("&Record and sign", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form, 1)
        box.addWidget(self.outcome)
        box.addWidget(buttons)

    def record(self) -> None:
        try:
            self.entry = oversight.record(
                self.service.store,
                self.meeting_id,
                self.name.text(),
                self.note.toPlainText(),
                self.on.text().strip(),
            )
        except (lifecycle.SignoffProblem, KeyProblem) as exc:
            _say(self.outcome, str(exc), ok=False)
            return
        self.accept()
