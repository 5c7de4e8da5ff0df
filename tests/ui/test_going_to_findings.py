"""Going to a finding shows it, and an override says what it sets aside and for whom.

A field scrolled out of sight with the cursor in it let typing change an answer unseen; an
override dialog that did not name its finding, or had to be repeated for every child, made
overrides careless. These tests drive the real window at laptop size.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QScrollArea
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting.findings import WARNING, Finding
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.ui import override_dialog
from strategy_minutes.ui.item_table import ListPage
from strategy_minutes.ui.main_window import MainWindow
from strategy_minutes.ui.override_dialog import OverrideDialog

from tests.ui.helpers import focused, open_window, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _demo(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    meeting_id = service.add_demo()
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.resize(1366, 768)
    window.open_meeting(meeting_id)
    return window


def _choose(window: MainWindow, rule: str, nth: int = 0) -> Finding:
    panel = window.findings
    rows = [n for n, f in enumerate(panel.model.rows) if f.rule == rule]
    panel.list.setCurrentIndex(panel.model.index(rows[nth]))
    panel.list.setFocus()
    return panel.model.rows[rows[nth]]


def test_going_to_a_finding_scrolls_to_the_field_marks_it_and_puts_the_keyboard_there(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _demo(qtbot, data_dir, service, monkeypatch)
    editing, editor = window.editing, window.editor
    assert editing is not None and editor is not None
    decision = next(d for d in editing.meeting.items_of("decisions") if d["medical"] is True)
    editing.set_field("decisions", decision.id, "medical_consent", None)
    qtbot.waitUntil(
        lambda: any(f.rule == "medical-consent-missing" for f in window.findings.model.rows)
    )
    finding = _choose(window, "medical-consent-missing")
    page = editor.page("decisions")
    assert isinstance(page, ListPage)

    press(qtbot, Qt.Key.Key_Return)  # Enter on the finding

    form = page.form
    assert editor.current_kind() == "decisions" and form.item_id == decision.id
    assert focused() is form.editors["medical_consent"]  # the keyboard is there
    assert form.highlighted == "medical_consent"  # and the row is marked
    cell = form.cells["medical_consent"]
    area = cell.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    viewport = area.viewport()

    def in_sight() -> bool:
        top = cell.mapTo(viewport, QPoint(0, 0)).y()
        return top >= 0 and top + cell.height() <= viewport.height()

    qtbot.waitUntil(in_sight)  # scrolled into view, not left below the fold
    said = window.findings.at
    assert said.isVisibleTo(window.findings)
    assert finding.message in said.text() and finding.title in said.text()
    assert said.text().startswith("Showing finding 1 of ")


def test_the_override_dialog_names_its_finding_and_wraps_the_reason(qtbot: QtBot) -> None:
    finding = Finding(
        "interview-decision-missing",
        WARNING,
        "Say whether Amy is to be interviewed.",
        "decisions",
        "d-amy",
        "interview",
        target="d-amy",
    )
    dialog = OverrideDialog(finding, [])
    qtbot.addWidget(dialog)
    assert finding.message in dialog.what.text() and finding.title in dialog.what.text()
    assert dialog.what.wordWrap()
    assert dialog.reason.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    assert dialog.also.isHidden()  # nothing else to cover
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # no override without a reason
    dialog.reason.setPlainText("Amy has already given an account to the police.")
    assert ok.isEnabled() and dialog.chosen() == [finding]


def test_one_reason_overrides_the_same_warning_for_several_children_in_one_step(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _demo(qtbot, data_dir, service, monkeypatch)
    editing = window.editing
    assert editing is not None
    decisions = editing.meeting.items_of("decisions")
    assert len(decisions) >= 2
    with editing.macro("test"):
        for d in decisions:
            editing.set_field("decisions", d.id, "interview", None)
    rule = "interview-decision-missing"
    qtbot.waitUntil(
        lambda: len([f for f in window.findings.model.rows if f.rule == rule]) == len(decisions)
    )
    finding = _choose(window, rule)
    shown: list[OverrideDialog] = []

    def answer(dialog: OverrideDialog) -> int:
        shown.append(dialog)
        dialog.reason.setPlainText("Each child was spoken to at school this morning.")
        dialog.tick_all()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OverrideDialog, "exec", answer)
    undo_before = editing.stack.count()
    window.findings.override.click()

    (dialog,) = shown
    assert dialog.finding == finding
    assert {f.target for f in dialog.others} == {d.id for d in decisions} - {finding.target}
    overrides = editing.meeting.items_of("overrides")
    assert {o["target"] for o in overrides} == {d.id for d in decisions}
    assert {o["reason"] for o in overrides} == {"Each child was spoken to at school this morning."}
    qtbot.waitUntil(lambda: all(f.overridden for f in window.findings.model.rows if f.rule == rule))
    assert editing.stack.count() == undo_before + 1  # one step
    window.undo_action.trigger()
    assert editing.meeting.items_of("overrides") == []


def test_a_cancelled_override_records_nothing(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _demo(qtbot, data_dir, service, monkeypatch)
    editing = window.editing
    assert editing is not None
    d = editing.meeting.items_of("decisions")[0]
    editing.set_field("decisions", d.id, "interview", None)
    qtbot.waitUntil(lambda: bool(window.findings.model.rows))
    _choose(window, "interview-decision-missing")
    monkeypatch.setattr(override_dialog, "ask", lambda *a: None)
    window.findings.override.click()
    assert editing.meeting.items_of("overrides") == []


def test_answers_the_app_fills_in_are_passed_by_tab_and_kept_visible(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subject child is a child, and a new person starts in the household of the one before:
    the app fills those in, Tab goes on to the next open question, and the chair sees them."""
    window = open_window(qtbot, data_dir, monkeypatch)
    window.new_action.trigger()
    editing, editor = window.editing, window.editor
    assert editing is not None and editor is not None
    home = editing.add_item("households", {"name": "Main household"})
    editing.add_item("people", {"name": "Carla", "role": "other", "household": home})
    editor.add_item("people")
    page = editor.page("people")
    assert isinstance(page, ListPage)
    form = page.form
    assert form.editors["household"].value() == home  # carried from the person before
    form.editors["role"].setFocus()
    role = form.editors["role"]
    qtbot.keyClicks(role, "s")  # type-ahead, as a chair picks it
    assert role.value() == "subject_child"
    assert form.editors["category"].value() == "child"  # follows the role
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.editors["date_of_birth"]  # past category and household
    assert form.editors["category"].isVisibleTo(form)
    window.undo_action.trigger()
    person = editing.meeting.find(form.item_id or "")
    assert person is not None and person.data["category"] is None  # one undo step
    assert person.data["role"] is None
