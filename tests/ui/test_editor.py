"""The meeting editor driven by keyboard: what is typed is saved, undone, checked and kept."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage.store import open_store
from strategy_minutes.ui import fields, override_dialog
from strategy_minutes.ui.fields import ComboEditor
from strategy_minutes.ui.item_table import ListPage
from strategy_minutes.ui.main_window import MainWindow
from strategy_minutes.ui.meeting_editor import MeetingEditor
from strategy_minutes.ui.section_form import ItemForm

from tests.ui.helpers import CTRL, CTRL_SHIFT, focused, open_window, press, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
NAMES = ("Siân Llywelyn", "Zofia Wiśniewska", "ليلى حداد")


def _new_meeting(qtbot: QtBot, window: MainWindow) -> str:
    window.new_action.trigger()
    assert window.editing is not None
    return window.editing.meeting_id


def _form(window: MainWindow, kind: str) -> ItemForm:
    assert window.editor is not None
    return window.editor.page(kind).form


def test_names_in_three_scripts_survive_closing_and_reopening(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    assert focused() is _form(window, "facts").editors["case_reference"]
    type_text("SM-2026-001")
    press(qtbot, Qt.Key.Key_Return)
    for name in NAMES:
        press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)  # add an attendee; the cursor is in Name
        assert focused() is _form(window, "attendees").editors["name"]
        type_text(name)
        press(qtbot, Qt.Key.Key_Tab)  # leaving the field saves it
    assert window.statusBar().currentMessage() == "Saved"
    window.close()

    window = open_window(qtbot, data_dir, monkeypatch)
    assert window.meetings.model.rows[0]["case_reference"] == "SM-2026-001"
    window.meetings.open_chosen()
    assert window.editing is not None and window.editing.meeting_id == meeting_id
    page = window.editor.show_section("attendees")
    assert isinstance(page, ListPage)
    shown = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert shown == list(NAMES)
    assert [a["status"] for a in window.editing.meeting.items_of("attendees")] == ["present"] * 3


def test_undo_and_redo_reach_the_store(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    type_text("SM-7")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    type_text("Maisie Example")
    press(qtbot, Qt.Key.Key_Return)

    def stored() -> tuple[str, list[str]]:
        m = window.service.get(meeting_id)
        return m.facts["case_reference"], [p["name"] for p in m.items_of("people")]

    assert stored() == ("SM-7", ["Maisie Example"])
    # Ctrl+Z from inside a field with nothing of its own to undo reaches the meeting's stack.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored() == ("SM-7", [None])
    window.undo_action.trigger()  # the person is removed
    assert stored() == ("SM-7", [])
    window.undo_action.trigger()
    assert stored() == (None, [])
    assert window.editor.current_kind() == "facts"  # undo shows what it changed back
    assert focused() is _form(window, "facts").editors["case_reference"]
    assert _form(window, "facts").editors["case_reference"].text() == ""
    window.redo_action.trigger()
    window.redo_action.trigger()
    qtbot.keyClick(window.editor.sections, Qt.Key.Key_Y, CTRL)  # the second redo key
    assert stored() == ("SM-7", ["Maisie Example"])
    assert _form(window, "people").editors["name"].text() == "Maisie Example"
    shortcuts = {s.toString() for s in window.redo_action.shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= shortcuts


def test_bad_input_is_explained_inline_and_the_text_is_kept(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    facts = _form(window, "facts")
    facts.editors["start_time"].setFocus()
    type_text("10:00")
    press(qtbot, Qt.Key.Key_Tab)
    type_text("9.30")  # the end time, typed loosely: saved as 09:30, and before the start
    press(qtbot, Qt.Key.Key_Tab)
    assert window.service.get(meeting_id).facts["end_time"] == "09:30"
    assert facts.problems["end_time"].isVisibleTo(facts)
    assert "not after" in facts.problems["end_time"].text()

    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    people = _form(window, "people")
    dob = people.editors["date_of_birth"]
    dob.setFocus()
    type_text("31/02/2020")  # no such day
    press(qtbot, Qt.Key.Key_Return)
    assert dob.text() == "31/02/2020"
    assert "is not a date" in people.problems["date_of_birth"].text()
    assert people.problems["date_of_birth"].isVisibleTo(people)
    people.editors["name"].setFocus()  # other fields keep working meanwhile
    type_text("Lily Example")
    press(qtbot, Qt.Key.Key_Return)
    person = window.service.get(meeting_id).items_of("people")[0]
    assert (person["name"], person["date_of_birth"]) == ("Lily Example", None)
    assert dob.text() == "31/02/2020"  # still there after another field was saved

    dob.setFocus()
    dob.selectAll()
    future = (date.today() + timedelta(days=40)).strftime("%d/%m/%Y")
    type_text(future)
    press(qtbot, Qt.Key.Key_Return)
    assert (
        window.service.get(meeting_id).items_of("people")[0]["date_of_birth"]
        == (date.today() + timedelta(days=40)).isoformat()
    )
    assert "in the future" in people.problems["date_of_birth"].text()

    # A refused cell in the table lands in the form with its reason, nothing dropped.
    page = window.editor.show_section("people")
    assert isinstance(page, ListPage)
    col = next(n for n, f in enumerate(page.model.fields) if f.name == "expected_date")
    assert not page.model.setData(page.model.index(0, col), "next spring")
    assert people.editors["expected_date"].text() == "next spring"
    assert "is not a date" in people.problems["expected_date"].text()

    # Moving to another row and back keeps what was refused; closing asks before losing it.
    page.add()
    page.select(person.id)
    assert people.editors["expected_date"].text() == "next spring"
    asked: list[str] = []

    def stay(parent: object, title: str, text: str, *buttons: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "warning", stay)
    window.close()
    assert window.isVisible() and window.editing is not None
    assert "next spring" in asked[0] and focused() is people.editors["expected_date"]
    people.editors["expected_date"].clear()
    window.close()
    assert not window.isVisible()


def test_each_section_is_a_keystroke_away(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    _new_meeting(qtbot, window)
    editor = window.editor
    assert editor is not None
    press(qtbot, Qt.Key.Key_5, CTRL)
    assert editor.current_kind() == "people"
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert editor.current_kind() == "relationships"
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert editor.current_kind() == "households"
    press(qtbot, Qt.Key.Key_1, CTRL)
    assert editor.current_kind() == "facts"
    assert focused() is _form(window, "facts").editors["case_reference"]
    press(qtbot, Qt.Key.Key_G, CTRL)
    assert focused() is editor.sections
    press(qtbot, Qt.Key.Key_End)
    assert editor.current_kind() == "overrides"
    type_text("T")  # typing a letter finds the section
    assert editor.current_kind() == "think_family"
    press(qtbot, Qt.Key.Key_T, CTRL_SHIFT)
    assert editor.current_kind() == "actions"
    assert focused() is _form(window, "actions").editors["description"]
    # every input says what it is to a screen reader
    for kind in ("facts", "attendees", "decisions"):
        form = _form(window, kind)
        assert all(e.accessibleName() for e in form.editors.values())


def test_owner_is_picked_from_attendees_and_the_grid_gets_a_row_per_child(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = service.add_demo()
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.open_meeting(meeting_id)
    editing = window.editing
    assert editing is not None

    actions = window.editor.show_section("actions")
    owner = actions.form.editors["owner"]
    assert isinstance(owner, ComboEditor)
    attendees = [owner.itemText(n) for n in range(owner.count())]
    assert "DC Zofia Wiśniewska" in attendees and "Siân Llywelyn" in attendees
    # a new attendee is offered at once; a renamed one is renamed in the picker too
    window.editor.add_item("attendees")
    type_text("Ffion Bowen")
    press(qtbot, Qt.Key.Key_Return)
    window.editor.show_section("actions")
    assert owner.findText("Ffion Bowen") >= 0

    grid = window.editor.show_section("decisions")
    assert isinstance(grid, ListPage) and grid.seed_button is not None
    assert not grid.seed_button.isEnabled()  # every child in scope already has a row
    before = grid.model.rowCount()
    grid.select(editing.meeting.items_of("decisions")[0].id)
    grid.remove_current()
    assert grid.model.rowCount() == before - 1 and grid.seed_button.isEnabled()
    grid.seed_button.click()
    assert grid.model.rowCount() == before
    assert not grid.seed_button.isEnabled()
    window.undo_action.trigger()
    assert grid.model.rowCount() == before - 1


def test_long_text_typed_just_before_closing_is_saved(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    reason = _form(window, "facts").editors["reason"]
    reason.setFocus()
    type_text("Maisie told her teacher.\nLily may also be at risk.")
    window.close()  # before the typing pause has passed
    store = open_store(data_dir, lambda confirm: None)
    try:
        reason = MeetingService(store).get(meeting_id).facts["reason"]
    finally:
        store.close()
    assert reason == "Maisie told her teacher.\nLily may also be at risk."


def test_cells_are_edited_in_place_with_the_field_editors(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    type_text("Siân Llywelyn")
    press(qtbot, Qt.Key.Key_Return)
    page = window.editor.show_section("attendees")
    assert isinstance(page, ListPage)
    table, model = page.table, page.model
    col = {f.name: n for n, f in enumerate(model.fields)}
    table.setCurrentIndex(model.index(0, col["role"]))
    table.setFocus()
    press(qtbot, Qt.Key.Key_F2)  # edit the cell
    type_text("Team manager")
    press(qtbot, Qt.Key.Key_Return)
    table.setCurrentIndex(model.index(0, col["status"]))
    press(qtbot, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, ComboEditor) and combo.currentText() == "Present"
    press(qtbot, Qt.Key.Key_Down)  # the next answer: apologies
    attendee = window.service.get(meeting_id).items_of("attendees")[0]
    assert (attendee["role"], attendee["status"]) == ("Team manager", "apologies")
    assert model.index(0, col["status"]).data() == "Apologies"
    assert page.form.editors["status"].currentText() == "Apologies"


def test_scrolling_past_a_choice_does_not_change_it(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    held = _form(window, "facts").editors["held"]
    assert held.currentText() == "In person"
    centre = QPointF(held.rect().center())
    wheel = QWheelEvent(
        centre,
        held.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(held, wheel)
    assert held.currentText() == "In person"
    assert window.service.get(meeting_id).facts["held"] == "in_person"


def test_a_duplicate_person_and_a_reference_to_a_removed_one_are_explained(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = service.new_meeting("SM-DUP")
    first = service.add_item(
        meeting_id,
        "people",
        {
            "name": "Zofia Nowak",
            "category": "child",
            "role": "subject_child",
            "date_of_birth": "2016-03-01",
        },
    )
    service.add_item(meeting_id, "decisions", {"child": first})
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.open_meeting(meeting_id)
    editor = window.editor
    second = editor.add_item("people")
    people = _form(window, "people")
    type_text("zofia nowak ")  # same person, typed differently
    press(qtbot, Qt.Key.Key_Tab)
    people.editors["date_of_birth"].setFocus()
    type_text("1/3/2016")
    press(qtbot, Qt.Key.Key_Return)
    assert "already in the family map" in people.problems["name"].text()
    assert people.item_id == second

    page = editor.show_section("people")
    assert isinstance(page, ListPage)
    page.select(first)
    page.remove_current()
    decisions = _form(window, "decisions")
    editor.show_section("decisions")
    assert decisions.editors["child"].currentText() == "(removed)"
    assert "refers to something not in this meeting" in decisions.problems["child"].text()
    window.undo_action.trigger()  # the person comes back, and the decision is whole again
    editor.show_section("decisions")
    assert decisions.editors["child"].currentText() == "Zofia Nowak"
    assert not decisions.problems["child"].isVisibleTo(decisions)


def test_a_new_meeting_can_be_filled_in_without_a_mouse(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL_SHIFT)  # not a list: said so, nothing added
    assert "not a list" in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_2, CTRL)
    page = window.editor.page("attendees")
    assert isinstance(page, ListPage) and focused() is page.add_button  # nothing to list yet
    press(qtbot, Qt.Key.Key_Space)
    form = _form(window, "attendees")
    assert focused() is form.editors["name"]
    type_text("Hannah Reid")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.editors["role"]
    type_text("Social worker")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.editors["agency"]
    press(qtbot, Qt.Key.Key_Down)  # the first agency: children's social care
    attendee = window.service.get(meeting_id).items_of("attendees")[0]
    assert (attendee["name"], attendee["role"], attendee["agency"]) == (
        "Hannah Reid",
        "Social worker",
        "childrens_social_care",
    )


def test_signed_minutes_open_read_only(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = service.new_meeting("SM-SIGNED")
    service.add_item(meeting_id, "attendees", {"name": "Hannah Reid", "status": "present"})
    service.repo.set_status(meeting_id, "signed")
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.open_meeting(meeting_id)
    editor = window.editor
    page = editor.show_section("attendees")
    assert isinstance(page, ListPage)
    name = page.form.editors["name"]
    assert name.text() == "Hannah Reid" and name.isReadOnly()
    assert not page.form.editors["status"].isEnabled()
    assert not page.add_button.isEnabled() and not page.remove_button.isEnabled()
    assert not page.model.flags(page.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    assert "read-only" in window.statusBar().currentMessage()
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    monkeypatch.setattr(
        override_dialog, "ask", lambda *a, **k: pytest.fail("a signed meeting takes no override")
    )
    window.findings.override_requested.emit("core-agency-missing", "police")
    assert "read-only" in window.statusBar().currentMessage()
    assert window.service.get(meeting_id).items_of("attendees")[0]["name"] == "Hannah Reid"
    assert window.service.get(meeting_id).items_of("overrides") == []
    assert window.editing.stack.count() == 0


def test_long_text_is_saved_after_a_pause_in_typing(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fields, "TYPING_PAUSE_MS", 50)
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    reason = _form(window, "facts").editors["reason"]
    reason.setFocus()
    type_text("Disclosure at school")
    assert window.service.get(meeting_id).facts["reason"] is None  # not one save per key
    qtbot.waitUntil(
        lambda: window.service.get(meeting_id).facts["reason"] == "Disclosure at school"
    )
    assert reason.hasFocus()  # the chair kept typing where they were


def test_a_spell_of_typing_in_long_text_undoes_as_one(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fields, "TYPING_PAUSE_MS", 30)
    window = open_window(qtbot, data_dir, monkeypatch)
    meeting_id = _new_meeting(qtbot, window)
    form = _form(window, "facts")
    reason = form.editors["reason"]

    def stored() -> str | None:
        return window.service.get(meeting_id).facts["reason"]

    reason.setFocus()
    for words, so_far in (
        ("Maisie told", "Maisie told"),
        (" her teacher.", "Maisie told her teacher."),
    ):
        type_text(words)
        qtbot.waitUntil(lambda so_far=so_far: stored() == so_far)  # saved in each pause
    press(qtbot, Qt.Key.Key_Tab)  # leaving ends the spell
    form.editors["sexual_abuse_alleged"].setFocus()
    reason.setFocus()  # a new spell
    type_text(" Lily too.")
    press(qtbot, Qt.Key.Key_Tab)
    assert stored() == "Maisie told her teacher. Lily too."
    window.undo_action.trigger()
    assert stored() == "Maisie told her teacher."  # the second spell
    window.undo_action.trigger()
    assert stored() is None  # the whole first spell, not a pause's worth
    window.redo_action.trigger()
    assert stored() == "Maisie told her teacher."


def test_switching_meetings_leaves_one_editor_on_screen(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    first = window.service.add_demo()
    second = window.service.new_meeting("SM-SWITCH")
    window.open_meeting(first)
    old = window.editor
    window.open_meeting(second)
    assert old is not None and not old.isVisible()
    visible = [w for w in window.editor_page.findChildren(MeetingEditor) if w.isVisible()]
    assert visible == [window.editor]
    window.close()
