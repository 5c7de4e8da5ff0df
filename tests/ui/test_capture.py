"""Capture at the speed of talk: type-ahead by any part of a label, forms that show only what
applies (saying what they keep), follow-on defaults, and the whole record entered with the
keyboard alone by the capture benchmark's own driver."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.ui.fields import ComboEditor, best_match
from strategy_minutes.ui.item_table import ListPage

from bench import capture
from tests.ui.helpers import CTRL_SHIFT, open_window, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
THINK = ["", "Concern", "No concern", "Not yet known"]
RELATIONS = ["", "Parent", "Step-parent", "Partner", "Sibling", "Half-sibling"]


@pytest.mark.parametrize(
    ("labels", "typed", "found"),
    [
        (THINK, "c", 1),
        (THINK, "n", 2),
        (THINK, "not", 3),
        (THINK, "y", 3),  # a word inside the label
        (THINK, "known", 3),
        (RELATIONS, "si", 4),
        (RELATIONS, "half", 5),
        (RELATIONS, "ss", 4),  # the same letter again: the next entry with it
        (["", "Chris Invented", "Jo Placeholder"], "inv", 1),
        (["", "Chris Invented", "Jo Placeholder"], "hold", 2),
        (THINK, "zz", -1),
    ],
)
def test_type_ahead_finds_any_part_of_a_label(labels: list[str], typed: str, found: int) -> None:
    assert best_match(labels, typed, after=2 if typed == "ss" else -1) == found


def test_think_family_answers_begin_with_the_word_that_differs() -> None:
    labels = [label for _v, label in spec.kind("think_family").field("neglect").choices]
    assert len({label.split()[0] for label in labels}) == len(labels)
    assert len({label[0] for label in labels}) == len(labels)  # one letter chooses each
    assert not any(label.startswith("Considered") for label in labels)


def _letters(widget: ComboEditor, text: str) -> None:
    for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            widget, QKeyEvent(event_type, 0, Qt.KeyboardModifier.NoModifier, text)
        )


def test_a_no_hides_the_details_and_says_what_it_keeps(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, data_dir, monkeypatch)
    window.new_action.trigger()
    assert window.editor is not None and window.editing is not None
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    page = window.editor.show_section("decisions")
    assert isinstance(page, ListPage)
    page.add()
    form = page.form
    interview = form.editors["interview"]
    assert isinstance(interview, ComboEditor)
    assert not form.cells["interview_place"].isVisibleTo(form)  # unanswered: no details yet
    _letters(interview, "y")
    assert interview.value() is True
    assert form.cells["interview_place"].isVisibleTo(form)
    place = form.editors["interview_place"]
    place.setFocus()
    qtbot.keyClicks(place, "ABE suite")
    press(qtbot, Qt.Key.Key_Tab)
    QApplication.processEvents()
    interview.setFocus()
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    _letters(interview, "n")
    assert interview.value() is False
    assert not form.cells["interview_place"].isVisibleTo(form)
    assert form.kept.isVisibleTo(form) and "Place: ABE suite" in form.kept.text()
    item = window.editing.meeting.find(form.item_id or "")
    assert item is not None and item.data["interview_place"] == "ABE suite"  # nothing lost


def test_the_whole_record_can_be_entered_with_the_keyboard_alone(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The capture benchmark's driver uses keys only; the stored record is the one meant."""
    window = open_window(qtbot, data_dir, monkeypatch)
    window.resize(*capture.SCREEN)
    result = capture.run(window)
    assert result.problems == []
