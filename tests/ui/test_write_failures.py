"""A store that stops taking writes (full disk, read-only) while the chair types: the window
says so, the field is marked unsaved and keeps the typed text, and nothing half-done stays.

The failures are real SQLite failures on the store's own connection: `query_only` makes the
database refuse every write ("attempt to write a readonly database"), and `max_page_count`
at the current size makes it full ("database or disk is full"), as a full disk would.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from strategy_minutes.ui.main_window import MainWindow

from tests.ui.helpers import CTRL_SHIFT, open_window, press, type_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

LONG = "Mrs Example reported the concern to the school nurse on Monday. " * 400  # ~25 kB


def _read_only(window: MainWindow) -> None:
    window.store.db.execute("PRAGMA query_only = ON")


def _full(window: MainWindow) -> None:
    pages = window.store.db.execute("PRAGMA page_count").fetchone()[0]
    window.store.db.execute(f"PRAGMA max_page_count = {pages}")


def _writable(window: MainWindow) -> None:
    window.store.db.execute("PRAGMA query_only = OFF")
    window.store.db.execute("PRAGMA max_page_count = 1073741823")


FAILURES = [
    pytest.param(_read_only, "read-only", id="read-only"),
    pytest.param(_full, "full", id="disk-full"),
]


def _warnings() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "Not saved"
    ]


@pytest.mark.parametrize(("fail", "said"), FAILURES)
def test_a_field_the_store_refuses_is_shown_unsaved_with_its_text_kept(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch, fail, said: str
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    window.new_action.trigger()
    assert window.editing is not None and window.editor is not None
    meeting_id = window.editing.meeting_id
    facts = window.editor.page("facts").form
    venue = facts.editors["venue"]
    fail(window)

    venue.setFocus()
    type_text(LONG[:200] + LONG)
    press(qtbot, Qt.Key.Key_Return)

    assert venue.text() == LONG[:200] + LONG  # kept, as typed
    assert said in facts.problems["venue"].text()
    assert facts.problems["venue"].text().startswith("Not saved")
    assert facts.problems["venue"].isVisibleTo(facts)
    assert [field for _k, _i, field, _why in window.editor.unsaved()] == ["venue"]
    assert said in window.statusBar().currentMessage()
    boxes = _warnings()
    assert len(boxes) == 1 and said in boxes[0].text()
    assert not window.editing.stack.count()  # nothing to undo: nothing was done

    press(qtbot, Qt.Key.Key_Return)  # the chair reads it and goes back to typing
    assert not _warnings()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    venue.setFocus()
    venue.end(False)
    type_text(" More.", venue)  # typing on says nothing twice
    qtbot.keyClick(venue, Qt.Key.Key_Return)
    assert not _warnings()
    assert said in facts.problems["venue"].text()

    _writable(window)
    store_value = window.service.get(meeting_id).facts["venue"]
    assert not store_value  # nothing half-written while it failed
    type_text(" Done.", venue)
    qtbot.keyClick(venue, Qt.Key.Key_Return)
    assert window.service.get(meeting_id).facts["venue"] == LONG[:200] + LONG + " More. Done."
    assert not window.editor.unsaved()
    assert not facts.problems["venue"].isVisibleTo(facts)


def test_adding_an_item_the_store_refuses_adds_nothing_and_says_why(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(A new item is too small to overflow a page reliably, so only the read-only case.)"""
    window = open_window(qtbot, data_dir, monkeypatch)
    window.new_action.trigger()
    assert window.editing is not None and window.editor is not None
    meeting_id = window.editing.meeting_id
    _read_only(window)
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)  # add a person
    assert window.editing.meeting.items_of("people") == []
    assert window.service.get(meeting_id).items_of("people") == []
    assert window.editing.stack.count() == 0
    assert "read-only" in window.statusBar().currentMessage()
    assert len(_warnings()) == 1
    for box in _warnings():
        box.close()
    _writable(window)
    window.add_item("people")
    assert len(window.service.get(meeting_id).items_of("people")) == 1
    assert window.editing.stack.count() == 1
