"""The editor with its neighbours: live findings beside it and the family map inside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.ui import override_dialog
from strategy_minutes.ui.item_table import ListPage
from strategy_minutes.ui.main_window import MainWindow
from strategy_minutes.ui.meeting_editor import FamilyMapPage

from tests.ui.helpers import focused, open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _demo_window(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, str]:
    meeting_id = service.add_demo()
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.open_meeting(meeting_id)
    return window, meeting_id


def test_findings_follow_each_edit_lead_to_the_field_and_can_be_overridden(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, meeting_id = _demo_window(qtbot, data_dir, service, monkeypatch)
    editing, editor, panel = window.editing, window.editor, window.findings
    assert editing is not None and editor is not None
    assert panel.model.rows == []  # the demo meeting passes every rule
    decision = editing.meeting.items_of("decisions")[0]
    editing.set_field("decisions", decision.id, "interview", None)  # silence is no decision
    qtbot.waitUntil(lambda: any(f.rule == "interview-decision-missing" for f in panel.model.rows))
    finding = next(f for f in panel.model.rows if f.rule == "interview-decision-missing")
    assert finding.item_id == decision.id

    panel.finding_chosen.emit(finding.kind, finding.item_id, finding.field)
    page = editor.page("decisions")
    assert editor.current_kind() == "decisions" and isinstance(page, ListPage)
    assert page.form.item_id == decision.id
    assert focused() is page.form.editors[finding.field or "child"]

    monkeypatch.setattr(
        override_dialog,
        "ask",
        lambda parent, f, others: ("Decided after the medical; recorded then.", [f]),
    )
    panel.override_requested.emit(finding.rule, finding.target)
    override = editing.meeting.items_of("overrides")[-1]
    assert (override["rule"], override["target"]) == (finding.rule, decision.id)
    stored = window.service.get(meeting_id).items_of("overrides")
    assert [o["reason"] for o in stored][-1] == "Decided after the medical; recorded then."
    qtbot.waitUntil(
        lambda: all(
            f.overridden for f in panel.model.rows if f.rule == "interview-decision-missing"
        )
    )
    window.undo_action.trigger()  # the override is an edit like any other
    assert window.service.get(meeting_id).items_of("overrides") == stored[:-1]


def test_the_family_map_keeps_in_step_and_leads_to_the_person(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = _demo_window(qtbot, data_dir, service, monkeypatch)
    editing, editor = window.editing, window.editor
    assert editing is not None and editor is not None
    page = editor.show_section("family_map")
    assert isinstance(page, FamilyMapPage)
    people = {p.id for p in editing.meeting.items_of("people")}
    assert set(page.view.nodes) == people

    newborn = editing.add_item("people", {"name": "Baby Penrose", "category": "unborn"})
    qtbot.waitUntil(lambda: newborn in page.view.nodes)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: newborn not in page.view.nodes)

    roy = next(p.id for p in editing.meeting.items_of("people") if p["name"] == "Roy Penrose")
    page.view.person_chosen.emit(roy)
    people_page = editor.page("people")
    assert editor.current_kind() == "people" and isinstance(people_page, ListPage)
    assert people_page.form.item_id == roy
