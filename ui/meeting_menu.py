"""The Meeting menu: export, review comments, sign-off, oversight and the audit trail.

`install(window)` adds it to a MainWindow (before View) and puts "Verify a Word file…" in
the File menu, which needs no meeting open. The meeting's actions are enabled only while a
meeting is open. Dialogs open window-modal (`open()`, not `exec()`), one at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.ui.audit_view import AuditView
from strategy_minutes.ui.export_dialog import ExportDialog
from strategy_minutes.ui.signoff_dialogs import (
    AddendumDialog,
    CommentsDialog,
    OversightDialog,
    SignDialog,
)
from strategy_minutes.ui.verify_dialog import VerifyDialog

if TYPE_CHECKING:
    from strategy_minutes.ui.main_window import MainWindow

STATUS_MS = 6000


class MeetingMenu(QMenu):
    """The menu and its actions; `dialog` is the dialog it opened last (tests look at it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("&Meeting", window)
        self.window_ = window
        self.dialog: QDialog | None = None
        self.meeting_actions: list[QAction] = []
        self.export_action = self._add("&Export minutes…", self.export, "Ctrl+E")
        self.review_action = self._add(
            "&Review copy for attendees…", lambda: self.export(audiences.REVIEW)
        )
        self.import_action = self._add(
            "&Import review comments…", lambda: self.comments(import_now=True)
        )
        self.comments_action = self._add("&Comments…", self.comments)
        self.addSeparator()
        self.sign_action = self._add("&Sign minutes…", self.sign)
        self.addendum_action = self._add("Open an &addendum…", self.addendum)
        self.oversight_action = self._add("Record management &oversight…", self.oversight)
        self.addSeparator()
        self.audit_action = self._add("Audit &trail…", self.audit)
        self.verify_action = QAction("&Verify a Word file…", window)
        self.verify_action.triggered.connect(self.verify)
        self.aboutToShow.connect(self.update_actions)
        window.pages.currentChanged.connect(self.update_actions)  # a meeting opened or closed
        self.update_actions()

    def _add(self, text: str, slot: object, key: str = "") -> QAction:
        action = QAction(text, self.window_)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        self.addAction(action)
        self.meeting_actions.append(action)
        return action

    def update_actions(self, *_: object) -> None:
        for action in self.meeting_actions:
            action.setEnabled(self.window_.editing is not None)

    # -- opening dialogs ---------------------------------------------------------------------
    def _meeting_id(self) -> str | None:
        """The open meeting, with what is being typed saved first; None (and why) if none."""
        w = self.window_
        if w.editing is None:
            w.statusBar().showMessage("Open a meeting first.", STATUS_MS)
            return None
        if w.editor is not None:
            w.editor.flush()
        return w.editing.meeting_id

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _reopen(self, meeting_id: str) -> None:
        """Show the meeting again as the store now has it (signed: read-only; addendum: not)."""
        w = self.window_
        if w.editing is not None and w.editing.meeting_id == meeting_id:
            w.open_meeting(meeting_id)

    def export(self, audience: str = audiences.FULL) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            w = self.window_
            dialog = ExportDialog(w.service, w.service.get(meeting_id), audience, w)
            dialog.finished.connect(lambda _r: w.refresh_status())  # a review copy circulates
            self._open(dialog)

    def comments(self, import_now: bool = False) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            dialog = CommentsDialog(self.window_.service, meeting_id, self.window_)
            dialog.go_to.connect(lambda kind, item_id: self.window_.go_to(kind, item_id, ""))
            self._open(dialog)
            if import_now:
                dialog.import_files()

    def sign(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        w = self.window_
        dialog = SignDialog(w.service, meeting_id, w)
        dialog.go_to_findings.connect(w.focus_findings)
        dialog.show_comments.connect(lambda: self._comments_for(dialog))

        def reopen_if_signed(_result: int) -> None:
            if dialog.signed_version is not None:
                self._reopen(meeting_id)

        dialog.finished.connect(reopen_if_signed)
        self._open(dialog)

    def _comments_for(self, sign: SignDialog) -> None:
        """Comments opened from the sign dialog; it reads its blockers again afterwards."""
        comments = CommentsDialog(self.window_.service, sign.meeting_id, sign)
        comments.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        comments.changed.connect(sign.refresh)
        comments.open()

    def addendum(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        w = self.window_
        dialog = AddendumDialog(w.service, meeting_id, w)

        def opened() -> None:
            w.statusBar().showMessage(
                f"Addendum open: changes can be made, then signed as version {dialog.version}.",
                STATUS_MS,
            )
            self._reopen(meeting_id)

        dialog.accepted.connect(opened)
        self._open(dialog)

    def oversight(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        w = self.window_
        dialog = OversightDialog(w.service, meeting_id, w)
        dialog.accepted.connect(
            lambda: w.statusBar().showMessage(
                "Oversight recorded and signed; later copies show it.", STATUS_MS
            )
        )
        self._open(dialog)

    def audit(self) -> None:
        meeting_id = self._meeting_id()
        store = self.window_.store  # open: the menu is installed when a store is attached
        if meeting_id is not None and store is not None:
            self._open(AuditView(store, meeting_id, self.window_))

    def verify(self) -> None:
        if self.window_.store is not None:  # as above
            self._open(VerifyDialog(self.window_.store, self.window_))


def install(window: MainWindow) -> None:
    """Add the Meeting menu and File > Verify to the window; a second call does nothing."""
    if window.findChild(MeetingMenu) is not None:
        return
    menu = MeetingMenu(window)
    bar = window.menuBar()
    view = getattr(window, "view_menu", None)
    if view is not None:
        bar.insertMenu(view.menuAction(), menu)
    else:
        bar.addMenu(menu)
    file = next(
        (m for a in bar.actions() if a.text() == "&File" and isinstance(m := a.menu(), QMenu)),
        None,
    )
    if file is None:
        bar.addAction(menu.verify_action)
        return
    separators = [a for a in file.actions() if a.isSeparator()]
    if separators:  # above Quit
        file.insertAction(separators[-1], menu.verify_action)
    else:
        file.addAction(menu.verify_action)
