"""The case over time in the window: needs attention, the case window, a new review, progress."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.case import settings
from strategy_minutes.desktop.signoff import lifecycle
from strategy_minutes.ui.case_views import AttentionView, CaseView, ProgressDialog, SettingsDialog

from tests.ui.helpers import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_case_window_makes_a_review_and_opens_it(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    first = window.service.add_demo(date.today() + timedelta(days=1))
    window.meetings.refresh()
    window.meetings.table.selectRow(0)
    window.meetings.case_button.click()
    view = window.case_dialog
    assert isinstance(view, CaseView) and view.isVisible()
    assert [m.id for m in view.case.meetings] == [first]
    assert view.action_rows.rowCount() == 6
    view.review_button.click()
    assert window.editing is not None and window.editing.meeting.facts["reviews"] == first
    assert len(window.editing.meeting.actions) == 6  # nothing done yet: all carried
    assert window.editor is not None and window.editor.current_kind() == "actions"


def test_attention_goes_to_the_action_and_progress_is_recorded_on_signed_minutes(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    service = window.service
    meeting_id = service.add_demo(date.today() + timedelta(days=1))
    lifecycle.sign(service.store, service.get(meeting_id))
    action = service.get(meeting_id).actions[2]
    dialog = ProgressDialog(service, meeting_id, action.id, window)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("dropped"))
    dialog.save()
    assert "needs the reason" in dialog.problem.text()
    dialog.note.setText("Parents already told by police")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert service.get(meeting_id).action_status(action) == (
        "dropped",
        "Parents already told by police",
    )

    settings.save(service.store, settings.Thresholds(draft_days=0, oversight_days=0))
    drifting = service.add_demo(date.today() - timedelta(days=40))
    window.show_attention()
    view = window.case_dialog
    assert isinstance(view, AttentionView)
    overdue = [ln for ln in view.lines if ln.concern == "action-overdue"]
    assert overdue and {ln.meeting_id for ln in overdue} == {drifting}
    assert "left-in-draft" in {ln.concern for ln in view.lines}
    view.table.selectRow(view.lines.index(overdue[0]))
    view.open_chosen()
    assert window.editing is not None and window.editing.meeting_id == drifting
    assert window.editor is not None and window.editor.current_kind() == "actions"
    settings_dialog = SettingsDialog(service, window)
    qtbot.addWidget(settings_dialog)
    assert settings_dialog.draft_days.value() == 0
