"""Every window and dialog, walked as a screen reader sees it, and a record typed keys only.

The walk uses Qt's accessibility interfaces in-process (what AT-SPI, UI Automation and
VoiceOver are fed): each control the keyboard can reach must have a name to announce and a
control's role. Dialogs are opened the way the app opens them wherever a menu or button does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting.findings import WARNING, Finding
from strategy_minutes.ui import crash_dialog
from strategy_minutes.ui.case_views import ProgressDialog, SettingsDialog
from strategy_minutes.ui.dialogs import PassphraseDialog, RecoveryKeyDialog
from strategy_minutes.ui.disclosure_review import DisclosureReview
from strategy_minutes.ui.main_window import MainWindow
from strategy_minutes.ui.meeting_editor import PAGES
from strategy_minutes.ui.override_dialog import OverrideDialog
from strategy_minutes.ui.signoff_dialogs import AddendumDialog, OversightDialog

from tests.ui.accessibility import problems
from tests.ui.helpers import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _walk(widget: QWidget) -> list[str]:
    widget.show()
    QApplication.processEvents()
    return [str(p) for p in problems(widget)]


def _modal(trigger: Callable[[], object]) -> list[str]:
    """Walk the dialog a trigger opens with exec() (a message box, an input dialog) from
    inside its own event loop, then close it; or the window-modal one it leaves open."""
    found: list[list[str]] = []

    def walk_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            found.append(_walk(dialog))
            dialog.close()

    QTimer.singleShot(0, walk_and_close)
    trigger()
    QApplication.processEvents()
    assert found, "the trigger opened no dialog"
    return found[0]


def _a_finding(target: str = "d-amy") -> Finding:
    return Finding(
        "interview-decision-missing",
        WARNING,
        "Say whether the child is to be interviewed.",
        "decisions",
        target,
        "interview",
        target=target,
    )


def _dialogs(window: MainWindow, meeting_id: str) -> dict[str, Callable[[], list[str]]]:
    """Each dialog of the app, as a way to open it and walk it."""
    from strategy_minutes.ui.meeting_menu import MeetingMenu

    service = window.service
    menu = window.findChild(MeetingMenu)
    meeting = service.get(meeting_id)
    action_id = meeting.items_of("actions")[0].id

    def via_menu(action: str) -> Callable[[], list[str]]:
        def run() -> list[str]:
            getattr(menu, action).trigger()
            assert menu.dialog is not None
            return _walk(menu.dialog)

        return run

    def via_window(open_it: Callable[[], object], attribute: str) -> Callable[[], list[str]]:
        def run() -> list[str]:
            open_it()
            return _walk(getattr(window, attribute))

        return run

    def made(make: Callable[[], QWidget]) -> Callable[[], list[str]]:
        return lambda: _walk(make())

    return {
        "export": via_menu("export_action"),
        "review copy": via_menu("review_action"),
        "comments": via_menu("comments_action"),
        "sign": via_menu("sign_action"),
        "audit trail": via_menu("audit_action"),
        "verify": via_menu("verify_action"),
        "disclosure review": made(lambda: DisclosureReview(service, meeting, window)),
        "addendum": made(lambda: AddendumDialog(service, meeting_id, window)),
        "oversight": made(lambda: OversightDialog(service, meeting_id, window)),
        "override": made(lambda: OverrideDialog(_a_finding(), [_a_finding("d-ben")], window)),
        "needs attention": via_window(window.attention_action.trigger, "case_dialog"),
        "case": via_window(window.case_action.trigger, "case_dialog"),
        "attention settings": made(lambda: SettingsDialog(service, window)),
        "action progress": made(lambda: ProgressDialog(service, meeting_id, action_id, window)),
        "help": via_window(window.help_action.trigger, "help_dialog"),
        "about": made(window.about_box),
        "passphrase, new store": made(lambda: PassphraseDialog(Path("store"), True, window)),
        "passphrase": made(lambda: PassphraseDialog(Path("store"), False, window)),
        "recovery key": made(lambda: RecoveryKeyDialog("ABCD " * 13, window)),
        "unexpected problem": lambda: _modal(
            lambda: crash_dialog._show(RuntimeError, RuntimeError("a test"), None)
        ),
        "move to bin": lambda: _modal(lambda: QMessageBox.question(window, "Move", "Move?")),
    }


def test_every_window_and_dialog_names_each_control_and_gives_it_a_controls_role(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, tmp_path / "data", monkeypatch)
    meeting_id = window.service.add_demo(date.today())
    window.meetings.refresh()
    found = {"meeting list": _walk(window)}
    window.open_meeting(meeting_id)
    assert window.editor is not None
    for page, _label in PAGES:
        window.editor.show_section(page)
        found[f"editor, {page}"] = _walk(window)
    for name, walk in _dialogs(window, meeting_id).items():
        found[name] = walk()
        for dialog in window.findChildren(QDialog):
            dialog.close()
    walked = len(found)
    assert walked >= len(PAGES) + 20
    said = [f"{name}: {p}" for name, problems_ in found.items() for p in problems_]
    unnamed = "\n".join(said)
    assert not unnamed, "\n" + unnamed
