"""One child's decision fits a 1366x768 laptop without scrolling, in the common case.

A decision was about 25 questions, two or three scrolls per child. The compact form sets them
in two columns (labels above, short answers paired on a line) and folds the details given for
some children only behind one toggle. These tests open the demo meeting at laptop size, the
findings panel open as it starts, and look where each field is drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.ui.item_table import ListPage
from strategy_minutes.ui.main_window import MainWindow

from tests.ui.helpers import focused, open_window, press

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ALT = Qt.KeyboardModifier.AltModifier


def _decision(
    qtbot: QtBot,
    data_dir: Path,
    service: MeetingService,
    monkeypatch: pytest.MonkeyPatch,
    child: str,
) -> tuple[MainWindow, ListPage]:
    meeting_id = service.add_demo()
    service.store.close()
    window = open_window(qtbot, data_dir, monkeypatch)
    window.resize(1366, 768)
    window.open_meeting(meeting_id)
    assert window.editor is not None and window.editing is not None
    page = window.editor.show_section("decisions")
    assert isinstance(page, ListPage)
    meeting = window.editing.meeting
    page.select(next(d.id for d in meeting.decisions if meeting.title(d) == child))
    for _ in range(3):
        QApplication.processEvents()
    assert window.findings.isVisible()  # the narrower form, as a chair first sees it
    return window, page


def _shown(page: ListPage) -> dict[str, QWidget]:
    form = page.form
    return {n: e for n, e in form.editors.items() if e.isVisibleTo(form)}


# Lily: an ABE interview planned, no medical (with a reason); Maisie: the same with a medical.
@pytest.mark.parametrize(("child", "medical"), [("Lily Penrose", False), ("Maisie Penrose", True)])
def test_the_common_decision_fits_without_scrolling(
    qtbot: QtBot,
    data_dir: Path,
    service: MeetingService,
    monkeypatch: pytest.MonkeyPatch,
    child: str,
    medical: bool,
) -> None:
    window, page = _decision(qtbot, data_dir, service, monkeypatch, child)
    form = page.form
    record = form.record()
    assert record is not None and record["section_47"] and record["interview_type"] == "abe"
    assert record["medical"] is medical
    area = form._scroll_area()
    assert area is not None
    assert area.verticalScrollBar().maximum() == 0
    assert area.horizontalScrollBar().maximum() == 0
    viewport = area.viewport()
    seen = QRect(QPoint(0, 0), viewport.size())
    shown = _shown(page)
    wanted = {"interviewers", "interview_start", "interview_place", "views", "family_told"}
    wanted |= {"family_told_by"}
    wanted |= {"medical_by", "medical_when"} if medical else {"medical_reason"}
    assert wanted <= set(shown)
    for name, editor in shown.items():
        for widget in (editor, form.labels[name]):
            drawn = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
            assert seen.contains(drawn), f"{name} is drawn at {drawn}, outside {seen}"
    toggle = form.details.toggle if form.details else None
    assert toggle is not None and toggle.isVisibleTo(form)
    drawn = QRect(toggle.mapTo(viewport, QPoint(0, 0)), toggle.size())
    assert seen.contains(drawn)


def test_tab_goes_down_each_column_then_to_the_next(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = _decision(qtbot, data_dir, service, monkeypatch, "Maisie Penrose")
    form = page.form
    form.focus_field("child")
    order: list[str] = []
    editors = {id(e): n for n, e in form.editors.items()}
    for _ in range(40):
        widget = focused()
        while widget is not None and id(widget) not in editors:
            widget = widget.parentWidget()
        if widget is None:
            break
        order.append(editors[id(widget)])
        press(qtbot, Qt.Key.Key_Tab)
    assert len(order) > 10 and order[0] == "child"
    columns = form.columns
    assert columns is not None

    def place(name: str) -> tuple[int, int, int]:
        at = form.editors[name].mapTo(columns, QPoint(0, 0))
        return (int(at.x() >= columns.width() // 2), at.y(), at.x())

    assert {place(n)[0] for n in order} == {0, 1}  # both columns in use
    assert order == sorted(order, key=place)  # left to right on a line, down, then across


def test_folded_details_keep_their_answers_and_their_alt_letters(
    qtbot: QtBot, data_dir: Path, service: MeetingService, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = _decision(qtbot, data_dir, service, monkeypatch, "Lily Penrose")
    form = page.form
    assert form.details is not None
    toggle = form.details.toggle
    record = form.record()
    assert record is not None and record["police_hold"]
    assert not form.editors["police_hold"].isVisibleTo(form)  # folded, value kept
    held = [n for n in form.details.folded() if not form.kind.field(n).type.is_empty(record.get(n))]
    assert held and f"{len(held)} of " in toggle.text()  # says how many hold an answer
    label = form.labels["police_hold"].text().replace("&&", "  ")
    key = Qt.Key(ord(label[label.index("&") + 1].upper()))
    press(qtbot, key, ALT)  # reaches the folded field: unfolded, and the keyboard in it
    assert toggle.isChecked()
    assert form.editors["police_hold"].isVisibleTo(form)
    assert focused() is form.editors["police_hold"]
    assert form.editors["police_hold"].value() == record["police_hold"]  # nothing lost
    toggle.click()  # folded again
    assert not form.editors["police_hold"].isVisibleTo(form)
    assert window.editor is not None
    window.editor.go_to("decisions", form.item_id or "", "interview_end")  # a finding's field
    assert toggle.isChecked() and form.editors["interview_end"].isVisibleTo(form)
