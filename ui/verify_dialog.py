"""Check a signed Word copy of the minutes, and carry the register of trusted signers.

Verification is `desktop.signoff.verify.verify_document`, as `strategy-minutes verify`
uses, against the register of the open data folder and the versions signed in it. The
verdict is said in words (VALID, INVALID, CANNOT BE READ) with the sentences that explain
it, failures first, and who signed what.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting.wording import when_signed
from strategy_minutes.desktop.signoff import register as signer_register
from strategy_minutes.desktop.signoff import verify as checking
from strategy_minutes.desktop.stores import Store, signed_versions, trusted_signers
from strategy_minutes.ui import theme

VERDICTS = {
    checking.VALID: ("VALID", "good"),
    checking.INVALID: ("INVALID", "problem"),
    checking.UNREADABLE: ("CANNOT BE READ", "warning"),
}


class VerifyDialog(QDialog):
    """Choose a .docx (and its password), verify it, read the verdict."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.verdict: checking.Verdict | None = None
        self.setWindowTitle("Verify signed minutes")
        self.resize(680, 420)
        self.path = QLineEdit(self)
        browse = QPushButton("&Choose…", self)
        browse.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("only if the copy has one")
        form = QFormLayout()
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path)
        form.addRow(file_label, where)
        form.addRow("&Password:", self.password)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.signer = QLabel(self)  # who signed what, when, with which key: at a glance
        self.signer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.register_said = QLabel(self)
        self.register_said.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        verify = buttons.addButton("&Verify", QDialogButtonBox.ButtonRole.ActionRole)
        verify.setDefault(True)
        verify.clicked.connect(self.verify)
        export = buttons.addButton("E&xport signers…", QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(self.export_register)
        import_ = buttons.addButton("&Import signers…", QDialogButtonBox.ButtonRole.ActionRole)
        import_.clicked.connect(self.import_register)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.heading)
        box.addWidget(self.signer)
        box.addWidget(self.details, 1)
        box.addWidget(self.register_said)
        box.addWidget(buttons)

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Verify a Word copy", self.path.text(), "Word documents (*.docx)"
        )
        if name:
            self.path.setText(name)
            self.verify()

    def verify(self) -> None:
        path = Path(self.path.text().strip())
        if not self.path.text().strip() or not path.is_file():
            self.verdict = None
            self._show(checking.UNREADABLE, ["Choose the Word file to verify."])
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:  # a second at most: the file is read and digested, nothing is rendered
            self.verdict = checking.verify_document(
                path,
                trusted_signers(self.store),
                password=self.password.text() or None,
                versions=signed_versions(self.store),
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show(self.verdict.code, self.verdict.lines)

    def _show(self, code: int, lines: list[str]) -> None:
        word, meaning = VERDICTS[code]
        self.heading.setText(word)
        theme.style_text(self.heading, meaning)
        self.details.setText("\n\n".join(lines))
        # who signed, at a glance, only for a valid copy: a failing one just claims a signer
        verdict = self.verdict if code == checking.VALID else None
        record = verdict.record if verdict is not None else None
        self.signer.setVisible(record is not None)
        if verdict is not None and record is not None:
            signer = record["signer"]
            self.signer.setText(
                f"Signed by: {signer['name']}\nRole: {signer['role'] or '(none given)'}\n"
                f"Signed at: {when_signed(record['signed_at'])}\n"
                f"Key fingerprint: {signer['fingerprint']}\n"
                f"Version {record['version']}, copy for: {record['audience']}"
                + "".join(
                    f"\nAlso signed: {s['what']} by {s['name']}"
                    f"{'' if s['known'] else ' (key not in the register)'}"
                    for s in verdict.signed_by[1:]
                )
            )

    def export_register(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the register of signers", "signers.json", "JSON (*.json)"
        )
        if not name:
            return
        try:
            count = signer_register.export(self.store, Path(name))
        except (signer_register.RegisterProblem, OSError) as exc:
            self.register_said.setText(f"The register was not written: {exc}")
            return
        self.register_said.setText(f"Wrote {count} signer(s) to {name}.")

    def import_register(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Import a register of signers", "", "JSON (*.json)"
        )
        if not name:
            return
        try:
            try:
                count, _changes = signer_register.import_file(self.store, Path(name))
            except signer_register.ImportRefused as refused:  # a rename or a second key
                answer = QMessageBox.question(
                    self,
                    "Rename or replace a trusted key?",
                    f"{refused}\n\nImport it anyway? The change is recorded in the register's "
                    "audit trail.",
                )
                if answer != QMessageBox.StandardButton.Yes:
                    self.register_said.setText(str(refused))
                    return
                count, _changes = signer_register.import_file(self.store, Path(name), True)
        except signer_register.RegisterProblem as exc:
            self.register_said.setText(str(exc))
            return
        except OSError as exc:
            self.register_said.setText(
                f"{Path(name).name} could not be read ({exc.strerror}); nothing was imported."
            )
            return
        self.register_said.setText(f"Imported {count} signer(s) from {Path(name).name}.")
