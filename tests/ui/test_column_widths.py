"""Columns show what is typed into them at once, not once the meeting is reopened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot
from strategy_minutes.ui.item_table import COLUMN_MAX, ListPage

from tests.ui.helpers import CTRL, open_window, press, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_new_meetings_table_widens_as_values_are_typed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, tmp_path / "data", monkeypatch)
    window.new_action.trigger()
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert window.editor is not None
    page = window.editor.page("attendees")
    assert isinstance(page, ListPage)
    header = page.table.horizontalHeader()
    name = next(n for n, f in enumerate(page.model.fields) if f.name == "name")
    role = next(n for n, f in enumerate(page.model.fields) if f.name == "role")
    empty = header.sectionSize(name), header.sectionSize(role)
    press(qtbot, Qt.Key.Key_Space)  # Add: the cursor lands in the new attendee's name
    type_text("Bartholomew Featherstone-Okonkwo")
    press(qtbot, Qt.Key.Key_Tab)
    type_text("Detective sergeant, public protection unit")
    press(qtbot, Qt.Key.Key_Tab)
    for col, was in zip((name, role), empty, strict=True):
        needed = page.table.sizeHintForIndex(page.model.index(0, col)).width()
        assert needed > was  # the label alone was narrower than the value
        assert header.sectionSize(col) >= min(needed, COLUMN_MAX)  # shown whole, or capped
    assert header.sectionSize(role) == COLUMN_MAX  # a long value is capped, not sprawling
    # a shorter value later never narrows the column under the chair's eyes
    widened = header.sectionSize(name)
    window.editing.set_field(  # type: ignore[union-attr]
        "attendees", page.model.item(0).id, "name", "Ann Lee"
    )
    assert header.sectionSize(name) == widened


def test_the_meeting_list_fits_a_new_meetings_row_without_measuring_every_row(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, tmp_path / "data", monkeypatch)
    window.service.new_meeting("SM-1")
    window.meetings.refresh()
    table = window.meetings.table
    header = table.horizontalHeader()
    before = header.sectionSize(0)
    window.new_action.trigger()
    type_text("SM-2026-0147-ADDENDUM-NORTHFIELD")  # the cursor starts in the case reference
    press(qtbot, Qt.Key.Key_Tab)
    window.close_meeting()
    model = window.meetings.model
    row = model.row_of(window.meetings.current_id())
    assert model.index(row, 0).data() == "SM-2026-0147-ADDENDUM-NORTHFIELD"
    assert header.sectionSize(0) >= table.sizeHintForIndex(model.index(row, 0)).width() > before
    assert all(
        header.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents
        for c in range(header.count())
    )  # issue 13: never measured over every row
