"""The main window: the meeting list, the open meeting's editor, menus and the status line.

QSettings keeps only the window's geometry and layout; case data never goes there.

The window is made in two steps so that it shows at once: the constructor needs only Qt, and
`attach` (once the store is open) builds the rest. Modules that bring in the store, the rules
and the editor are imported where they are first used, after the window is on screen.
"""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from strategy_minutes.desktop.services import MeetingService
    from strategy_minutes.desktop.stores import Store
    from strategy_minutes.ui.meeting_editor import MeetingEditor
    from strategy_minutes.ui.undo import Editing

SAVED_MS = 3000
REGISTER_CHECK_MS = 60_000  # how often the status bar asks whether the register is there


def settings() -> QSettings:
    """Window geometry only: named explicitly so it works whoever created the QApplication."""
    return QSettings("Strategy Minutes", "Strategy Minutes")


def _keys(*keys: QKeySequence | QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Distinct key sequences (a platform's standard list may already hold one we add)."""
    out: list[QKeySequence] = []
    for k in keys:
        seqs = (
            QKeySequence.keyBindings(k)
            if isinstance(k, QKeySequence.StandardKey)
            else [QKeySequence(k)]
        )
        out += [s for s in seqs if not s.isEmpty() and s not in out]
    return out


def _exempt_from_full_collections() -> None:
    """Move what exists once the first store is attached (Qt's bindings, the modules, the
    field spec, the window) out of reach of Python's full garbage collections: it lives as long
    as the app. A full collection walked it all, 25 to 50 ms, and at 10,000 meetings the rows
    of a few searches set one off: a pause while the chair types or opens a meeting.
    Measured over 40 opens and closes: one 42 ms collection before, none after. Once a process
    (the tests make hundreds of windows, and those may go)."""
    if not gc.isenabled() or gc.get_freeze_count():
        return
    gc.collect()
    gc.freeze()


class MainWindow(QMainWindow):
    register_answer = Signal(str, int, str)  # url, waiting, problem ('' when reachable)

    def __init__(self, store: Store | None = None, service: MeetingService | None = None) -> None:
        """The window alone; with a store, everything (else `attach` it once it is open)."""
        super().__init__()
        self.store: Store | None = None
        self.editing: Editing | None = None
        self.editor: MeetingEditor | None = None
        self._closed = False
        self._not_saved_said = ""  # the storage problem last shown, until a change saves
        self.setWindowTitle("Strategy Minutes")
        geometry = settings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if store is not None:
            self.attach(store, service)
        else:
            self.statusBar().showMessage("Opening the encrypted store…")

    def attach(self, store: Store, service: MeetingService | None = None) -> None:
        """Fill the window for an open store: the list, the editor's place, findings, menus."""
        from strategy_minutes.desktop.services import MeetingService
        from strategy_minutes.ui.findings_panel import FindingsPanel
        from strategy_minutes.ui.meeting_list import MeetingList

        self.store, self.service = store, service or MeetingService(store)
        service = self.service
        self.statusBar().clearMessage()
        self.undo_group = QUndoGroup(self)

        self.meetings = MeetingList(service, self)
        self.meetings.open_requested.connect(self.open_meeting)
        self.meetings.new_requested.connect(self.new_meeting)
        self.meetings.bin_requested.connect(self.move_to_bin)
        self.meetings.restore_requested.connect(self.restore_meeting)
        self.meetings.case_requested.connect(self.show_case)

        self.editor_page = QWidget(self)
        self.meeting_heading = QLabel(self.editor_page)
        back = QPushButton("&Back to meetings", self.editor_page)
        back.setToolTip("Close this meeting (Ctrl+W); everything is already saved")
        back.clicked.connect(self.close_meeting)
        top = QHBoxLayout()
        top.addWidget(self.meeting_heading, 1)
        top.addWidget(back)
        self.editor_box = QVBoxLayout(self.editor_page)
        self.editor_box.addLayout(top)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.meetings)
        self.pages.addWidget(self.editor_page)
        self.setCentralWidget(self.pages)

        self.findings = FindingsPanel(self)
        self.findings.finding_chosen.connect(self.go_to)
        self.findings.override_requested.connect(self.override)
        self.findings_dock = QDockWidget("Findings", self)
        self.findings_dock.setObjectName("findings")
        self.findings_dock.setWidget(self.findings)
        self.findings_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.findings_dock], [320], Qt.Orientation.Horizontal)
        self._check_due = QTimer(self, singleShot=True, interval=0)  # once per batch of edits
        self._check_due.timeout.connect(self.check)
        self.findings_dock.hide()  # until a meeting is open

        self.location = QLabel(f"Data in {store.folder}, protected by {store.protected_by}", self)
        self.register_state = QLabel(self)
        self.register_state.setContentsMargins(0, 0, 16, 0)  # apart from the data folder's label
        self.statusBar().addPermanentWidget(self.register_state)
        self.statusBar().addPermanentWidget(self.location)
        self.register_answer.connect(self._register_answered)
        self._register_timer = QTimer(self, interval=REGISTER_CHECK_MS)
        self._register_timer.timeout.connect(self.check_register)
        self._register_timer.start()
        self.check_register()
        if store.unclean_shutdown:
            self.statusBar().showMessage(
                "Strategy Minutes did not close cleanly last time: the store passed its "
                "integrity check and nothing saved was lost."
            )
        self._build_menus()
        self._update_actions()
        window_state = settings().value("window/state")
        if window_state is not None:
            self.restoreState(window_state)
        _exempt_from_full_collections()

    # -- menus and shortcuts ---------------------------------------------------------------
    def _action(
        self, menu: object, text: str, slot: object, *keys: object, editor_only: bool = False
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(_keys(*keys))  # type: ignore[arg-type]
        action.triggered.connect(slot)
        menu.addAction(action)  # type: ignore[attr-defined]
        if editor_only:
            self._editor_actions.append(action)
        return action

    def _build_menus(self) -> None:
        from strategy_minutes.ui.meeting_editor import PAGES, SECTION_KEYS

        self._editor_actions: list[QAction] = []
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self.new_action = self._action(
            file, "&New meeting", self.new_meeting, QKeySequence.StandardKey.New
        )
        self.close_action = self._action(
            file,
            "&Close meeting",
            self.close_meeting,
            QKeySequence.StandardKey.Close,
            editor_only=True,
        )
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(_keys(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            _keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
        )
        self.undo_action.triggered.connect(self._reveal_last_change)
        self.redo_action.triggered.connect(self._reveal_last_change)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        for text, kind, key in (
            ("Add &attendee", "attendees", "Ctrl+Shift+A"),
            ("Add &person", "people", "Ctrl+Shift+P"),
            ("Add ac&tion", "actions", "Ctrl+Shift+T"),
            ("Add &item to this list", "", "Ctrl+Shift+N"),
        ):
            self._action(
                edit, text, lambda _=False, k=kind: self.add_item(k), key, editor_only=True
            )

        go = bar.addMenu("&Go")
        self._action(go, "&Go to section…", self.focus_sections, "Ctrl+G", editor_only=True)
        self._action(go, "&Next section", lambda: self._step(1), "Ctrl+PgDown", editor_only=True)
        self._action(go, "&Previous section", lambda: self._step(-1), "Ctrl+PgUp", editor_only=True)
        go.addSeparator()
        for n, (name, label) in enumerate(PAGES[:SECTION_KEYS]):
            self._action(
                go,
                label,
                lambda _=False, page=name: self.show_section(page),
                f"Ctrl+{n + 1}",
                editor_only=True,
            )

        self.view_menu = bar.addMenu("&View")
        self.bin_action = self._action(
            self.view_menu, "Show the &bin", self.meetings.show_bin.toggle
        )
        self.bin_action.setCheckable(True)
        self.meetings.show_bin.toggled.connect(self.bin_action.setChecked)
        findings = self.findings_dock.toggleViewAction()
        findings.setText("&Findings")
        findings.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.view_menu.addAction(findings)
        self._action(
            self.view_menu, "&Go to the findings", self.focus_findings, "F6", editor_only=True
        )
        self.view_menu.addSeparator()
        self.attention_action = self._action(
            self.view_menu, "Needs &attention…", self.show_attention, "Ctrl+Shift+E"
        )
        self.case_action = self._action(
            self.view_menu, "This &case…", lambda: self.show_case(""), "Ctrl+Shift+K"
        )
        self.register_action = self._action(
            self.view_menu, "Team &register (read-only)…", self.show_register
        )

        self.delete_action = QAction("Move to bin", self.meetings.table)
        self.delete_action.setShortcuts(_keys(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self._delete_in_list)
        self.meetings.table.addAction(self.delete_action)
        from strategy_minutes.ui import meeting_menu

        meeting_menu.install(self)
        help_menu = bar.addMenu("&Help")
        self.help_action = self._action(
            help_menu,
            "Keyboard &shortcuts and guides…",
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
        )
        self.guide_action = self._action(help_menu, "The user &guide", self.open_guide)
        help_menu.addSeparator()
        self._action(help_menu, "&About Strategy Minutes", lambda: self.about_box().exec())

    def show_help(self) -> None:
        """Help: the shortcuts as the menus have them now, and the guides (window-modal)."""
        from strategy_minutes.ui.help_dialog import HelpDialog

        self.help_dialog = HelpDialog(self)
        self.help_dialog.open()

    def open_guide(self) -> None:
        """The README in the system's viewer, or one sentence when it is not installed."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        from strategy_minutes.ui.help_dialog import GUIDES, guide_folder

        folder = guide_folder()
        if folder is None:
            self.statusBar().showMessage(
                "The user guide was not installed with this copy of the app.", SAVED_MS
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder / GUIDES[0][0])))

    def about_box(self) -> QMessageBox:
        """Help > About: the name, the version installed and where this window's data lives."""
        from strategy_minutes import __version__

        box = QMessageBox(QMessageBox.Icon.Information, "About Strategy Minutes", "", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Strategy Minutes {__version__}")
        box.setInformativeText(
            "Minutes of child-protection strategy meetings, kept encrypted on this computer.\n\n"
            f"Data folder: {self.store.folder if self.store else 'not open'}"
        )
        return box

    def _update_actions(self) -> None:
        open_ = self.editor is not None
        for action in self._editor_actions:
            action.setEnabled(open_)

    # -- meetings --------------------------------------------------------------------------
    def new_meeting(self) -> None:
        meeting_id = self.service.new_meeting()
        self.open_meeting(meeting_id)
        if self.editor is not None:
            self.editor.go_to("facts", field="case_reference")

    def open_meeting(self, meeting_id: str) -> None:
        from strategy_minutes.ui.meeting_editor import MeetingEditor
        from strategy_minutes.ui.undo import Editing

        if not self.close_meeting():
            return
        self.editing = Editing(self.service, meeting_id, self)
        self.editor = MeetingEditor(self.editing, self.editor_page)
        self.editor_box.addWidget(self.editor, 1)
        self.undo_group.addStack(self.editing.stack)
        self.undo_group.setActiveStack(self.editing.stack)
        self.editing.saved.connect(self._saved)
        self.editing.save_failed.connect(self._save_failed)
        self.editing.field_changed.connect(self._update_heading)
        self._update_heading()
        self.check()
        self.findings_dock.show()
        self.pages.setCurrentWidget(self.editor_page)
        self._update_actions()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_meeting(self) -> bool:
        """Back to the list, saving what is typed first; False if the chair stays to fix text
        the store refused (it cannot be saved as it is, and closing would lose it)."""
        if self.editor is None or self.editing is None:
            return True
        self.editor.flush()
        unsaved = self.editor.unsaved()
        if unsaved and not self._lose_refused_text(unsaved):
            kind, item_id, field, _why = unsaved[0]
            self.editor.go_to(kind, item_id, field)
            return False
        closed = self.editing.meeting_id
        self.undo_group.removeStack(self.editing.stack)
        self.editor_box.removeWidget(self.editor)  # off screen now; deleted when Qt is idle
        self.editor.hide()
        self.editor.deleteLater()
        self.editing.deleteLater()
        self.editor = self.editing = None
        self.findings_dock.hide()  # first: the emptied panel is then not laid out on screen
        self.findings.set_findings([])
        self.pages.setCurrentWidget(self.meetings)
        self.meetings.update_meeting(closed)
        self._update_actions()
        self.meetings.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _lose_refused_text(self, unsaved: list[tuple[str, str, str, str]]) -> bool:
        reasons = "\n".join(f"• {why}" for *_where, why in unsaved[:5])
        answer = QMessageBox.warning(
            self,
            "Text that could not be saved",
            f"Some of what was typed could not be saved as it is:\n{reasons}\n\nClose the "
            "meeting anyway and lose that text?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _delete_in_list(self) -> None:
        if self.meetings.show_bin.isChecked():
            return
        meeting_id = self.meetings.current_id()
        if meeting_id:
            self.move_to_bin(meeting_id)

    def move_to_bin(self, meeting_id: str) -> None:
        answer = QMessageBox.question(
            self,
            "Move to bin",
            "Move this meeting to the bin? It can be restored from View > Show the bin.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.service.move_to_bin(meeting_id)
        self.meetings.update_meeting(meeting_id)
        self.statusBar().showMessage(
            "Moved to the bin; View > Show the bin to restore it.", SAVED_MS * 2
        )

    def restore_meeting(self, meeting_id: str) -> None:
        self.service.restore(meeting_id)
        self.meetings.update_meeting(meeting_id)
        self.statusBar().showMessage("Restored from the bin.", SAVED_MS)

    # -- the case over time ----------------------------------------------------------------
    def show_attention(self) -> None:
        from strategy_minutes.ui.case_views import AttentionView

        view = AttentionView(self.service, self)
        view.go_to.connect(self.open_at)
        self.case_dialog: QDialog = view
        view.open()

    def show_register(self) -> None:
        """Ask for the register (this data folder's, when connected) and open it read-only."""
        from strategy_minutes.desktop.register import status
        from strategy_minutes.ui.register_view import OpenRegisterDialog, RegisterWindow

        url = status.local(self.store)[0] if self.store is not None else None
        ask = OpenRegisterDialog(url or "", self)
        self.register_dialog: QDialog = ask

        def opened() -> None:
            if ask.reader is not None:
                window = RegisterWindow(ask.reader, self)
                self.register_dialog = window
                window.open()

        ask.accepted.connect(opened)
        ask.open()

    def show_case(self, reference: str = "") -> None:
        """The case of the open meeting (or of `reference`, or the meeting chosen in the list)."""
        from strategy_minutes.ui.case_views import CaseView

        if not reference:
            if self.editing is not None:
                reference = self.editing.meeting.facts["case_reference"] or ""
            elif self.meetings.current_id():
                chosen = self.service.get(self.meetings.current_id())
                reference = chosen.facts["case_reference"] or ""
        if not reference.strip():
            self.statusBar().showMessage(
                "Give the meeting a case reference first: meetings belong to a case by it.",
                SAVED_MS * 2,
            )
            return
        view = CaseView(self.service, reference, self)
        view.open_meeting.connect(self.open_at)
        self.case_dialog = view
        view.open()

    def open_at(self, meeting_id: str, kind: str, item_id: str, field: str) -> None:
        """Open a meeting at the place to act: a section, an item, a field."""
        self.open_meeting(meeting_id)
        editing = self.editing
        if self.editor is not None and editing is not None and editing.meeting_id == meeting_id:
            self.editor.go_to(kind or "facts", item_id, field)

    # -- editing ---------------------------------------------------------------------------
    def show_section(self, kind_name: str) -> None:
        if self.editor is not None:
            self.editor.show_section(kind_name)

    def _step(self, delta: int) -> None:
        if self.editor is not None:
            self.editor.step_section(delta)

    def focus_sections(self) -> None:
        if self.editor is not None:
            self.editor.sections.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_item(self, kind_name: str) -> None:
        from strategy_minutes.desktop.services import NotSaved
        from strategy_minutes.desktop.signoff.lifecycle import ReadOnly

        if self.editor is None:
            return
        try:
            added = self.editor.add_item(kind_name)
        except ReadOnly as why:
            self.statusBar().showMessage(str(why), SAVED_MS * 2)
            return
        except NotSaved:  # already said (Editing.save_failed)
            return
        if not added:
            self.statusBar().showMessage(
                "This section is a form, not a list: nothing to add here.", SAVED_MS
            )

    def _reveal_last_change(self) -> None:
        """After undo or redo, show the chair what changed back."""
        if self.editor is not None and self.editing is not None:
            kind, item_id, field = self.editing.last_change
            self.editor.go_to(kind or "facts", item_id, field)

    def _saved(self) -> None:
        self._not_saved_said = ""
        self.statusBar().showMessage("Saved", SAVED_MS)
        self._check_due.start()

    def _save_failed(self, sentence: str) -> None:
        """The store refused a change (full disk, read-only folder): say so where it cannot be
        missed, once per problem (not at every pause in typing), and keep saying it in the
        status bar until a change is saved again. The field keeps the typed text, marked."""
        self.statusBar().showMessage(sentence)
        if sentence == self._not_saved_said:
            return
        self._not_saved_said = sentence
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Not saved",
            f"{sentence}\n\nWhat you typed stays on screen, marked as not saved; it is saved "
            "when you type in the field again once the problem is fixed.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal to the app's event loop: typing goes on behind it

    def check(self) -> None:
        """Run the rules over the open meeting and show what they find."""
        from strategy_minutes.desktop.meeting import rules

        if self.editing is not None:
            self.findings.set_findings(rules.check(self.editing.meeting))

    def focus_findings(self) -> None:
        self.findings_dock.show()
        self.findings.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def go_to(self, kind: str, item_id: str, field: str) -> None:
        if self.editor is not None:
            self.editor.go_to(kind, item_id, field)

    def override(self, rule: str, target: str) -> None:
        """Record the chair's reason for setting a finding aside (it goes into the minutes).

        `target` is what the finding is about (its item id, or for the meeting as a whole a
        field or agency), so the override sets aside that finding and no other."""
        if self.editing is None:
            return
        if self.editing.read_only_reason:
            self.statusBar().showMessage(self.editing.read_only_reason, SAVED_MS * 2)
            return
        from strategy_minutes.ui import override_dialog

        rows = self.findings.model.rows
        finding = next((f for f in rows if (f.rule, f.target) == (rule, target)), None)
        if finding is None:
            return
        others = [f for f in rows if f.rule == rule and not f.overridden and f.target != target]
        answer = override_dialog.ask(self, finding, others)
        if answer is None:
            return
        reason, chosen = answer
        with self.editing.macro("override a finding"):
            for f in chosen:
                self.editing.add_item(
                    "overrides", {"rule": f.rule, "target": f.target, "reason": reason}
                )

    def refresh_status(self) -> None:
        """The store changed a meeting's status outside the editor (a review copy went out)."""
        if self.editing is not None:
            self.editing.meeting.status = self.service.get(self.editing.meeting_id).status
            self._update_heading()
            self.meetings.update_meeting(self.editing.meeting_id)

    def _update_heading(self, *_changed: object) -> None:
        from strategy_minutes.desktop.meeting.model import STATUSES
        from strategy_minutes.desktop.meeting.wording import long_date

        if self.editing is None:
            return
        m = self.editing.meeting
        parts = [
            m.facts.get("case_reference") or "(no case reference yet)",
            long_date(m.facts.get("date")) or "(no date)",
            dict(STATUSES).get(m.status, m.status),
        ]
        self.meeting_heading.setText("  ·  ".join(parts))

    # -- closing ---------------------------------------------------------------------------
    def check_register(self) -> None:
        """Say at once what waits; ask the register on a worker thread, which hands back only
        plain values (the label is changed here, on the GUI thread)."""
        from strategy_minutes.desktop.register import status

        if self.store is None or self._closed:
            return
        url, waiting = status.local(self.store)
        self.register_state.setText(status.sentence(url, waiting, None if url else ""))
        if url is None:
            return

        def ask() -> None:
            self.register_answer.emit(url, waiting, status.probe(url) or "")

        threading.Thread(target=ask, name="register-probe", daemon=True).start()

    def _register_answered(self, url: str, waiting: int, problem: str) -> None:
        from strategy_minutes.desktop.register import status

        if self._closed:
            return
        self.register_state.setText(status.sentence(url, waiting, problem))
        self.register_state.setToolTip(problem or f"The team register answers ({url}).")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        """Save what is typed, remember the window's shape, and let go of the store."""
        if not self._closed:
            if not self.close_meeting():
                event.ignore()
                return
            state = settings()
            state.setValue("window/geometry", self.saveGeometry())
            if self.store is not None:  # a window that never opened a store has no layout
                from strategy_minutes.desktop.signoff import anchors

                self.meetings.stop()  # nothing more is asked of the store once it closes
                state.setValue("window/state", self.saveState())
                anchors.close(self.store)  # signs the heads of the trails changed here
            self._closed = True
        super().closeEvent(event)
