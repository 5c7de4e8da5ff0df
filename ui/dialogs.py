"""Dialogs about the store's protection: the passphrase, and the one-time recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.stores import MIN_PASSPHRASE
from strategy_minutes.ui import theme


class PassphraseDialog(QDialog):
    """Asks for the store's passphrase; twice, and checked, when one is being chosen."""

    def __init__(self, folder: Path, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confirm = confirm
        self.setWindowTitle("Strategy Minutes: passphrase")
        if confirm:
            text = (
                f"There is no OS keyring on this computer, so the new store in {folder} "
                f"will be protected by a passphrase. Choose one of at least "
                f"{MIN_PASSPHRASE} characters; it cannot be recovered without the recovery "
                "key shown next."
            )
        else:
            text = f"The store in {folder} is protected by a passphrase."
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("Passphrase")
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("The same passphrase again")
        self.problem = QLabel(self)
        theme.style_text(self.problem, "problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        first_label = QLabel("&Passphrase:", self)
        first_label.setBuddy(self.first)
        form.addRow(first_label, self.first)
        if confirm:
            second_label = QLabel("The &same again:", self)
            second_label.setBuddy(self.second)
            form.addRow(second_label, self.second)
        else:
            self.second.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def problem_text(self) -> str:
        if not self.first.text():
            return "Type the passphrase."
        if self.confirm and len(self.first.text()) < MIN_PASSPHRASE:
            return f"Choose a passphrase of at least {MIN_PASSPHRASE} characters."
        if self.confirm and self.first.text() != self.second.text():
            return "The two passphrases are not the same; type them again."
        return ""

    def accept(self) -> None:
        problem = self.problem_text()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(
    folder: Path, confirm: bool, parent: QWidget | None = None, problem: str = ""
) -> str | None:
    """The passphrase typed, or None if the chair cancelled; `problem` says why it is asked
    again (the last one was not right)."""
    dialog = PassphraseDialog(folder, confirm, parent)
    if problem:
        dialog.problem.setText(problem)
        dialog.problem.show()
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


class RecoveryKeyDialog(QDialog):
    """Shown once, when a store is created: the key an admin keeps to recover the data."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Strategy Minutes: recovery key")
        intro = QLabel(
            "A new encrypted store has been created. This is its recovery key. If the key in "
            "the OS keyring or the passphrase is ever lost, the meetings can be opened again "
            "only with it. Give it to an administrator to keep somewhere safe and offline "
            "(not on this laptop). After this, only an administrator can show it again, on "
            "this laptop, with the store unlocked.",
            self,
        )
        intro.setWordWrap(True)
        self.code = QLineEdit(code, self)
        self.code.setReadOnly(True)
        self.code.setAccessibleName("Recovery key")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code.setFont(mono)
        copy = QPushButton("&Copy", self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(code))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


def show_recovery_key(code: str, parent: QWidget | None = None) -> None:
    RecoveryKeyDialog(code, parent).exec()
