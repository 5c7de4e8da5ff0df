"""Export the open meeting's minutes as a Word file: choose who it is for, see what they get.

The file is written by the same function as `strategy-minutes export` (`write_copy`), on a
QThread, so the window stays alive while a long meeting is laid out. The worker gets plain
data and makes no Qt objects (the family map is drawn as Word shapes, without Qt), so nothing
of Qt's is made or destroyed off the UI thread. `write_copy` writes under a temporary name and
renames, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.exports import file_name, write_copy
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff.document import approval_for
from strategy_minutes.ui import theme
from strategy_minutes.ui.disclosure_review import DisclosureReview


class ExportWorker(QThread):
    """Writes one copy off the UI thread; says how far it got, then what happened."""

    progressed = Signal(int, int)
    succeeded = Signal(str, str)  # path, what the copy carries
    failed = Signal(str)  # one sentence

    def __init__(
        self,
        service: MeetingService,
        meeting: Meeting,
        out: Path,
        audience: str,
        password: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting, self.out = service, meeting, out
        self.audience, self.password = audience, password

    def run(self) -> None:
        try:
            path, said = write_copy(
                self.service,
                self.meeting,
                self.out,
                self.audience,
                self.password,
                progress=self.progressed.emit,
            )
        except OSError as exc:
            self.failed.emit(
                f"{self.out.name} could not be written ({exc.strerror or exc}); "
                "nothing was saved under that name."
            )
        except Exception as exc:  # noqa: BLE001 (a thread's error must reach the chair)
            self.failed.emit(f"The export failed ({exc}); nothing was saved under {self.out.name}.")
        else:
            self.succeeded.emit(str(path), said)


def withheld_lines(meeting: Meeting, audience: str) -> list[str]:
    """What a copy leaves out and why, as the copy's own closing list says it (never the text)."""
    v = audiences.view(meeting, audience)
    return [f"{w.section}, {w.item}: {w.reason}" for w in v.listed()]


class ExportDialog(QDialog):
    """Audience, preview of what it holds, optional password, file; then export with progress."""

    def __init__(
        self,
        service: MeetingService,
        meeting: Meeting,
        audience: str = audiences.FULL,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.meeting = service, meeting
        self.worker: ExportWorker | None = None
        self.review: DisclosureReview | None = None  # open while the chair decides
        self.written: Path | None = None
        self.setWindowTitle("Export minutes")
        self.resize(640, 720)

        self.audience = QComboBox(self)
        for name in audiences.AUDIENCES:
            self.audience.addItem(audiences.LABELS[name], name)
        self.preview = QTableWidget(0, 3, self)
        self.preview.setHorizontalHeaderLabels(["Section", "Included", "Withheld"])
        self.preview.setAccessibleName("What this copy includes and withholds, by section")
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.withheld = QLabel(self)
        self.withheld.setWordWrap(True)
        self.signed = QLabel(self)
        self.signed.setWordWrap(True)

        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("optional: the file opens only with it")
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.path = QLineEdit(self)
        self.browse = QPushButton("&Choose…", self)
        self.browse.clicked.connect(self.choose_file)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)

        form = QFormLayout()
        form.addRow("&Copy for:", self.audience)
        form.addRow("&Password:", self.password)
        form.addRow("&Again:", self.again)
        file_label = QLabel("&File:", self)
        file_label.setBuddy(self.path)
        form.addRow(file_label, where)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()  # until there is something to show progress of
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.signed)
        box.addWidget(QLabel("What this copy holds:", self))
        box.addWidget(self.preview, 1)
        box.addWidget(self.withheld)
        box.addWidget(self.progress)
        box.addWidget(self.outcome)
        box.addWidget(self.buttons)

        self.audience.currentIndexChanged.connect(self._audience_changed)
        self.audience.setCurrentIndex(audiences.AUDIENCES.index(audience))
        self._audience_changed()

    def chosen(self) -> str:
        return str(self.audience.currentData())

    def _audience_changed(self) -> None:
        audience = self.chosen()
        rows = audiences.audience_preview(self.meeting, audience)
        self.preview.setRowCount(len(rows))
        for r, (label, kept, left_out) in enumerate(rows):
            for c, text in enumerate((label, str(kept), str(left_out) if left_out else "")):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        lines = withheld_lines(self.meeting, audience)
        if audience == audiences.PARENT:
            self.withheld.setText(
                "Withheld from this copy, and listed at its end without their text:\n"
                + ("\n".join(f"• {line}" for line in lines) or "• nothing")
                + "\nAlso left out: the chair's overrides and professionals' contact details."
                + "\nExporting opens the disclosure review first, for you to decide each part."
            )
        elif audience == audiences.ATTENDEE:
            self.withheld.setText(
                "Left out: the findings the chair overrode, and why (kept on the full record)."
            )
        elif audience == audiences.REVIEW:
            self.withheld.setText(
                "Marked DRAFT, for comment; comments made on it in Word or "
                "LibreOffice can be imported onto their items."
            )
        else:
            self.withheld.setText("The whole record, as the local authority keeps it.")
        approval = approval_for(self.service, self.meeting.id, audience)
        self.signed.setText(
            f"Signed as version {approval['version']} by {approval['name']}: the copy carries "
            "the signature, which anyone can verify."
            if approval
            else "Not signed as it stands: the copy is a draft."
            if audience != audiences.REVIEW
            else "A draft sent out for comment."
        )
        current = Path(self.path.text()) if self.path.text() else None
        folder = current.parent if current else Path.home()
        self.path.setText(str(folder / file_name(self.meeting, audience)))

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export minutes to", self.path.text(), "Word documents (*.docx)"
        )
        if name:
            self.path.setText(name if name.lower().endswith(".docx") else name + ".docx")

    def _problem(self) -> str:
        """Why the export cannot start as asked, in one sentence; empty when it can."""
        out = Path(self.path.text().strip())
        if not self.path.text().strip() or out.suffix.lower() != ".docx":
            return "Choose a file ending in .docx to export to."
        if not out.parent.is_dir():
            return f"The folder {out.parent} does not exist; choose another."
        if self.password.text() != self.again.text():
            return "The two passwords differ; type the same password twice (or none)."
        return ""

    def export(self) -> None:
        """Start the export; a copy for a parent first opens the disclosure review, and
        starts only once the chair confirms it (window-modal, without a nested event loop)."""
        problem = self._problem()
        if problem:
            self._show(problem, ok=False)
            return
        if self.chosen() == audiences.PARENT:
            self.review = DisclosureReview(self.service, self.meeting, self)
            self.review.accepted.connect(self._reviewed)
            self.review.rejected.connect(self._not_reviewed)
            self.review.open()
            return
        self._start()

    def _reviewed(self) -> None:
        self.meeting = self.service.get(self.meeting.id)  # with the decisions just recorded
        self._start()

    def _not_reviewed(self) -> None:
        self._show("Nothing was exported: the disclosure review was not confirmed.", ok=False)

    def _start(self) -> None:
        self._busy(True)
        self.progress.show()
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self._show("Exporting…", ok=True)
        self.worker = ExportWorker(
            self.service,
            self.meeting,
            Path(self.path.text().strip()),
            self.chosen(),
            self.password.text() or None,
            self,
        )
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, path: str, said: str) -> None:
        self.written = Path(path)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._show(f"Written to {path}. {said}", ok=True)

    def _failed(self, sentence: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._show(sentence, ok=False)

    def _finished(self) -> None:
        """`finished` comes just before the thread ends: wait for that before letting go."""
        if self.worker is not None:
            self.worker.wait()
            self.worker.deleteLater()
        self._busy(False)
        self.worker = None

    def _busy(self, busy: bool) -> None:
        """While the worker writes, nothing here may change (nor read the store beside it)."""
        for widget in (
            self.export_button,
            self.audience,
            self.password,
            self.again,
            self.path,
            self.browse,
        ):
            widget.setEnabled(not busy)

    def _show(self, sentence: str, ok: bool) -> None:
        self.outcome.setText(sentence)
        theme.style_text(self.outcome, None if ok else "problem")

    def busy(self) -> bool:
        return self.worker is not None

    def reject(self) -> None:
        if self.busy():  # closing mid-export would leave the thread without its dialog
            self._show("Wait for the export to finish.", ok=False)
            return
        super().reject()
