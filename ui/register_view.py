"""The team register, read-only, for an admin or a manager: the published meetings, one
meeting's minutes (shown and exported as `register export-all` writes them), and the drift
view across every chair.

Everything goes through `desktop.register.reader`; nothing here can publish, and the
session is read-only in the database too. Checking a meeting happens when it is opened or
exported, so a row changed in the database is reported there in one sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.case.attention import CONCERNS
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.register.connection import RegisterProblem
from strategy_minutes.desktop.register.reader import Minutes, RegisterReader
from strategy_minutes.ui.background import Background
from strategy_minutes.ui.case_views import AGENCY, Rows, read_only_table


class OpenRegisterDialog(QDialog):
    """The register's URL (this data folder's, when it has one) and the login's password
    (empty: the keyring's or STRATEGY_MINUTES_REGISTER_PASSWORD)."""

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open the team register")
        self.reader: RegisterReader | None = None
        self.url = QLineEdit(url, self)
        self.url.setPlaceholderText("postgresql://LOGIN@HOST/DATABASE?sslmode=verify-full&…")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("from the keyring when left empty")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Register &URL", self.url)
        form.addRow("&Password", self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Admins and managers read every chair's published minutes here.", self)
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 200)

    def try_open(self) -> None:
        try:
            self.reader = RegisterReader.open(self.url.text().strip(), self.password.text() or None)
        except RegisterProblem as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


class MinutesView(QDialog):
    """One published meeting's minutes as signed, read from its checked record."""

    def __init__(self, window: RegisterWindow, minutes: Minutes) -> None:
        super().__init__(window)
        self.minutes = minutes
        self.setWindowTitle(f"Minutes: {minutes.heading}")
        heading = QLabel(minutes.heading, self)
        heading.setWordWrap(True)
        self.text = QPlainTextEdit(minutes.text, self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("The signed minutes")
        export = QPushButton("&Export…", self)
        export.clicked.connect(lambda: window.export_meeting(minutes.meeting_id))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(export)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.resize(900, 640)


class RegisterWindow(QDialog):
    """Published meetings and needs attention, across every chair; read-only."""

    def __init__(self, reader: RegisterReader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.setWindowTitle(f"Team register (read-only): {reader.where}, as {reader.role}")
        self.said = QLabel(self)
        self.said.setWordWrap(True)
        self.meetings = Rows(
            (
                ("Case", "case_reference"),
                ("Date", "date"),
                ("Chair", "chair"),
                ("Status", "status"),
            ),
            self,
        )
        self.meeting_table = read_only_table(self.meetings, "Published meetings", self, 3)
        self.meeting_table.activated.connect(lambda _i: self.open_chosen())
        open_button = QPushButton("&Open", self)
        open_button.clicked.connect(self.open_chosen)
        export = QPushButton("&Export…", self)
        export.clicked.connect(lambda: self.export_meeting(self.chosen() or ""))
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addWidget(export)
        row.addStretch(1)
        published = QWidget(self)
        inner = QVBoxLayout(published)
        inner.addWidget(self.meeting_table, 1)
        inner.addLayout(row)

        self.lines = Rows(
            (
                ("Concern", "concern_label"),
                ("Case", "case_reference"),
                ("Working days", "working_days"),
                ("Owner", "who"),
                ("What", "sentence"),
                ("Chair", "chair"),
            ),
            self,
        )
        self.attention_table = read_only_table(self.lines, "Needs attention", self, 4)
        self.attention_table.activated.connect(lambda i: self.open_line(i.row()))
        self.attention_said = QLabel(self)
        self.attention_said.setWordWrap(True)
        drift = QWidget(self)
        inner = QVBoxLayout(drift)
        inner.addWidget(self.attention_said)
        inner.addWidget(self.attention_table, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar takes the keyboard
        self.tabs.setAccessibleName("The register's views")
        self.tabs.tabBar().setAccessibleName("The register's views")
        self.tabs.addTab(published, "&Published meetings")
        self.tabs.addTab(drift, "Needs &attention")
        self.tabs.currentChanged.connect(self._tab_shown)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.said)
        layout.addWidget(close)
        self._asked = 0  # reads of the drift view asked for; only the newest is shown
        self.finished.connect(lambda _r: self.reader.close())
        self.resize(1100, 640)
        self.refresh()

    def refresh(self) -> None:
        self.meetings.set_rows(self.reader.meetings())
        if self.meetings.rows:
            self.meeting_table.selectRow(0)
        self.said.setText(
            f"{len(self.meetings.rows)} published meeting(s). Each is checked against its "
            "signature when opened or exported."
        )
        self.attention_read = False
        if self.tabs.currentIndex() == 1:
            self.refresh_attention()

    def _tab_shown(self, index: int) -> None:
        if index == 1 and not self.attention_read:
            self.refresh_attention()

    def refresh_attention(self) -> None:
        """The drift view, read when its tab is first shown. It checks the signed record of
        every meeting that may drift (about 40 s across 10,000 published meetings), so it
        runs on a thread of its own, on a second session: the window stays usable, and a
        meeting can be opened meanwhile."""
        self.attention_read = True
        self._asked += 1
        asked = self._asked
        self.lines.set_rows([])
        self.attention_said.setText(
            "Checking the signed record of every published meeting that may need attention…"
        )
        job = Background(lambda: _attention(self.reader), self)
        job.done.connect(lambda found: self._show_attention(asked, *found))
        job.failed.connect(lambda exc: self._attention_failed(asked, exc))
        self.attention_job = job
        job.start()

    def _attention_failed(self, asked: int, exc: Exception) -> None:
        if asked == self._asked:
            said = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if not isinstance(exc, RegisterProblem):
                said = (
                    f"The drift view could not be read from the register ({said}); close "
                    "this window and open it again."
                )
            self.attention_said.setText(said)

    def _show_attention(self, asked: int, lines: list[dict[str, Any]], refused: list[str]) -> None:
        if asked != self._asked:
            return  # a newer read is under way
        labels = dict(CONCERNS)
        self.lines.set_rows(
            [
                {
                    **ln,
                    "concern_label": labels[ln["concern"]],
                    "case_reference": ln["case_reference"] or "(no case reference)",
                    "who": ", ".join(x for x in (ln["owner"], AGENCY.get(ln["agency"], "")) if x),
                }
                for ln in lines
            ]
        )
        self.attention_said.setText(
            (
                f"{len(lines)} thing(s) across every chair's published meetings need attention, "
                "most overdue first (working days, as each laptop counts them)."
                if lines
                else "Nothing published needs attention."
            )
            + "".join(f"\n{sentence}" for sentence in refused)
        )

    def chosen(self) -> str | None:
        row = self.meeting_table.currentIndex().row()
        return self.meetings.rows[row]["meeting_id"] if 0 <= row < len(self.meetings.rows) else None

    def open_line(self, row: int) -> MinutesView | None:
        """The minutes a drift line was read from."""
        if 0 <= row < len(self.lines.rows):
            return self.open_meeting(str(self.lines.rows[row]["meeting_id"]))
        return None

    def open_chosen(self) -> None:
        self.open_meeting(self.chosen() or "")

    def open_meeting(self, meeting_id: str) -> MinutesView | None:
        if not meeting_id:
            return None
        try:
            minutes = self.reader.minutes(meeting_id)
        except RegisterProblem as exc:
            self.said.setText(str(exc))
            return None
        view = MinutesView(self, minutes)
        self.minutes_view = view
        view.open()
        return view

    def export_meeting(self, meeting_id: str, out: Path | None = None) -> Path | None:
        """The full copy, signed file and carried entries, where the person chooses."""
        if not meeting_id:
            return None
        if out is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Export the signed minutes", "", "Word document (*.docx)"
            )
            if not chosen:
                return None
            out = Path(chosen)
        try:
            path = self.reader.export(meeting_id, audiences.FULL, out)
        except (RegisterProblem, OSError) as exc:
            self.said.setText(str(exc))
            return None
        self.said.setText(f"Wrote {path}; `verify` checks it against the signer's key.")
        return path


def _attention(reader: RegisterReader) -> tuple[list[dict[str, Any]], list[str]]:
    """The drift view read on a second session, closed when done (runs on its own thread)."""
    twin = reader.twin()
    try:
        return twin.attention()
    finally:
        twin.close()
