"""The override dialog: which finding is set aside, why, and for whom.

An override goes into the minutes, so the chair must see what is being set aside: the
finding's severity, title and sentence are shown above the reason. The same warning often
stands for several children (no interview decision for either sibling); they are listed,
ticked off by default, so one reason can cover any of them in one step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting.findings import BLOCKER, Finding


class OverrideDialog(QDialog):
    """Asks for the reason; `chosen()` is the finding and the others ticked to share it."""

    def __init__(
        self, finding: Finding, others: list[Finding], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Override a finding")
        self.finding, self.others = finding, others
        severity = "Blocker" if finding.severity == BLOCKER else "Warning"
        self.what = QLabel(f"<b>{severity}: {finding.title}</b><br>{finding.message}", self)
        self.what.setTextFormat(Qt.TextFormat.RichText)
        self.what.setWordWrap(True)
        self.what.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.what.setAccessibleName("The finding overridden")
        ask = QLabel(
            "&Why does this finding not apply? The reason is recorded in the minutes.", self
        )
        ask.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName("Reason for the override")
        ask.setBuddy(self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addWidget(ask)
        layout.addWidget(self.reason, 1)
        self.also = QListWidget(self)
        self.also.setAccessibleName("The same finding elsewhere: tick to give it this reason too")
        if others:
            also_label = QLabel(
                f"The same finding stands {len(others)} more time"
                + ("" if len(others) == 1 else "s")
                + ". &Tick those this reason covers too:",
                self,
            )
            also_label.setWordWrap(True)
            also_label.setBuddy(self.also)
            for other in others:
                row = QListWidgetItem(other.message, self.also)
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)
            self.also.setCurrentRow(0)
            layout.addWidget(also_label)
            layout.addWidget(self.also)
        else:
            self.also.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Override")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self._update()
        self.resize(520, 360)
        self.reason.setFocus()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def tick_all(self) -> None:
        for n in range(self.also.count()):
            self.also.item(n).setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[Finding]:
        """The finding, then each other one ticked."""
        ticked = [
            other
            for n, other in enumerate(self.others)
            if self.also.item(n).checkState() == Qt.CheckState.Checked
        ]
        return [self.finding, *ticked]


def ask(
    parent: QWidget, finding: Finding, others: list[Finding]
) -> tuple[str, list[Finding]] | None:
    """The reason and the findings it covers, or None if the chair cancelled."""
    dialog = OverrideDialog(finding, others, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    reason = dialog.reason.toPlainText().strip()
    return (reason, dialog.chosen()) if reason else None
