"""What the chair withheld from the parents' copy of a meeting stays withheld at its review.

A chair who withholds a mother's new address from the copy for parents must not find it
shared by default in the review's copy a week later. Each case below is a decision a chair
could have made on the meeting reviewed, and what the review must make of it. All names and
addresses are fictional (the demo family).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from strategy_minutes.desktop.case.review import new_review
from strategy_minutes.desktop.meeting import audiences, disclosure, spec
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.wording import long_date
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import lifecycle
from strategy_minutes.exporters.docx_minutes import minutes_bytes

from tests.desktop.test_case_over_time import HELD
from tests.exporters.conftest import package_text

REASON = "The mother has moved to a refuge."


def _mothers_home(m: Meeting) -> Any:
    return next(h for h in m.items_of("households") if h.data["name"] == "Mother's home")


def _place(m: Meeting, what: str) -> tuple[str, str]:
    """(target, field) a chair's decision names, for each place the table below uses."""
    if what == "household address":
        return _mothers_home(m).id, "address"
    if what == "a whole person":
        return m.people[0].id, ""
    if what == "a kept fact":
        return spec.FACTS.name, "venue"
    if what == "a fact the review does not keep":
        return spec.FACTS.name, "date"
    if what == "a child's decision (not carried)":
        return m.decisions[0].id, "interview_reason"
    if what == "an open action":
        return m.actions[1].id, "description"
    raise AssertionError(what)


def _copy_of(old: Meeting, review: Meeting, target: str) -> str:
    """The review's copy of an item of the meeting reviewed (matched by what it carries)."""
    if target == spec.FACTS.name:
        return target
    for kind in ("households", "people"):
        for n, item in enumerate(old.items_of(kind)):
            if item.id == target:
                return review.items_of(kind)[n].id
    return next(a.id for a in review.actions if a.data["carried_action"] == target)


@pytest.mark.parametrize(
    ("what", "decision", "carried"),
    [
        ("household address", "withhold", True),
        ("household address", "share", False),  # shared again only if the chair says so
        ("a whole person", "withhold", True),
        ("a kept fact", "withhold", True),
        ("a fact the review does not keep", "withhold", False),
        ("a child's decision (not carried)", "withhold", False),
        ("an open action", "withhold", True),
    ],
)
def test_a_withheld_part_stays_withheld_at_the_review(
    service: MeetingService, what: str, decision: str, carried: bool
) -> None:
    meeting_id = service.add_demo(HELD)
    old = service.get(meeting_id)
    target, field = _place(old, what)
    service.decide_disclosure(meeting_id, target, field, decision, REASON)
    lifecycle.sign(service.store, service.get(meeting_id))
    old = service.get(meeting_id)
    review = service.get(new_review(service, meeting_id, HELD + timedelta(days=7)))

    decided = disclosure.decisions(review)
    if not carried:
        assert all(REASON not in (d.data["reason"] or "") for d in review.items_of("disclosure"))
        return
    place = (_copy_of(old, review, target), field)
    assert decided.get(place) == "withhold", decided
    (made,) = [d for d in review.items_of("disclosure") if d.data["target"] == place[0]]
    held = long_date(HELD.isoformat())
    assert made.data["reason"] == f"Withheld at the meeting of {held}: {REASON}"


def test_the_reviews_copy_for_parents_leaves_out_a_person_withheld_before(
    service: MeetingService,
) -> None:
    """End to end: a person shared by default, whom the chair withheld from the parents' copy
    of the meeting reviewed, is not named in the review's copy for a parent either."""
    meeting_id = service.add_demo(HELD)
    sibling = next(p for p in service.get(meeting_id).people if p.data["name"] == "Oscar Penrose")
    service.decide_disclosure(meeting_id, sibling.id, "", "withhold", REASON)
    lifecycle.sign(service.store, service.get(meeting_id))
    review = service.get(new_review(service, meeting_id, HELD + timedelta(days=7)))
    parent = package_text(minutes_bytes(review, audiences.PARENT))
    full = package_text(minutes_bytes(review, audiences.FULL))
    assert "Oscar Penrose" in full
    assert "Oscar" not in parent


def test_people_not_yet_to_be_told_stay_withheld_until_the_review_decides_again(
    service: MeetingService,
) -> None:
    """The demo's decisions say Gareth and Callum must not be told yet. The review's own
    decisions start empty, so without this they would be named in its copy for a parent."""
    meeting_id = service.add_demo(HELD)
    lifecycle.sign(service.store, service.get(meeting_id))
    review = service.get(new_review(service, meeting_id, HELD + timedelta(days=7)))
    assert review.decisions == []
    withheld = {
        review.title_of(d.data["target"] or "")
        for d in review.items_of("disclosure")
        if d.data["decision"] == "withhold" and not d.data["field"]
    }
    assert {"Gareth Penrose", "Callum Penrose"} <= withheld
    parent = package_text(minutes_bytes(review, audiences.PARENT))
    assert "Gareth" not in parent and "Callum" not in parent
