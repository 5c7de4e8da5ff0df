"""The disclosure review shows the chair's own reason beside each decision (one carried from
the meeting reviewed says where it was made), and that reason never reaches a parent's copy:
it may name what it withholds. Fictional family (the demo)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.case.review import new_review
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import lifecycle
from strategy_minutes.exporters.docx_minutes import minutes_bytes
from strategy_minutes.ui.disclosure_review import DisclosureReview

from tests.desktop.test_case_over_time import HELD
from tests.exporters.conftest import package_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
REASON = "His new school in Eastbrook is not to be known to his father."


def test_a_carried_decision_shows_its_reason_to_the_chair_and_never_to_a_parent(
    qtbot: QtBot, service: MeetingService
) -> None:
    meeting_id = service.add_demo(HELD)
    oscar = next(p for p in service.get(meeting_id).people if p.data["name"] == "Oscar Penrose")
    service.decide_disclosure(meeting_id, oscar.id, "", "withhold", REASON)
    lifecycle.sign(service.store, service.get(meeting_id))
    review = service.get(new_review(service, meeting_id, HELD + timedelta(days=7)))

    dialog = DisclosureReview(service, review)
    qtbot.addWidget(dialog)
    shown = {row.text(0): row.text(2) for row, _entry in dialog.rows.values()}
    why = next(text for where, text in shown.items() if "Oscar Penrose" in where)
    assert why.startswith("Decided by the chair: Withheld at the meeting of ")
    assert why.endswith(REASON)

    for copy in (review, service.get(meeting_id)):
        parent = package_text(minutes_bytes(copy, audiences.PARENT))
        assert "Eastbrook" not in parent and "new school" not in parent
