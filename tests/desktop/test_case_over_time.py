"""A case over time: sign, progress a week later, a review built from the meeting, and drift
made visible across the data folder."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from strategy_minutes.desktop.case import settings
from strategy_minutes.desktop.case.attention import attention, working_days_since
from strategy_minutes.desktop.case.cases import case_of, normalise
from strategy_minutes.desktop.case.review import new_review
from strategy_minutes.desktop.meeting import clocks, jsonformat, rules
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import lifecycle, oversight, progress
from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem
from strategy_minutes.storage import audit


def _quiet_tuesday() -> date:
    """A Tuesday after today with no bank holiday in the fortnight after it: signing checks
    the plan against today, so the meeting is held in the future."""
    day = date.today() + timedelta(days=7)
    while day.weekday() != 1 or not all(
        clocks.is_working_day(day + timedelta(days=n))
        for n in range(15)
        if (day + timedelta(days=n)).weekday() < 5
    ):
        day += timedelta(days=1)
    return day


HELD = _quiet_tuesday()
WEEK_LATER = HELD + timedelta(days=7)


def _signed_demo(service: MeetingService) -> str:
    meeting_id = service.add_demo(HELD)
    lifecycle.sign(service.store, service.get(meeting_id))
    return meeting_id


def test_progress_on_signed_minutes_is_its_own_signed_entry(service: MeetingService) -> None:
    meeting_id = _signed_demo(service)
    before = service.get(meeting_id)
    action = before.actions[1]
    said = progress.record(service.store, before, action.id, "done", "Seen on Friday", "Ana")
    assert "signed minutes (version 1) are unchanged" in said
    after = service.get(meeting_id)
    assert after.actions[1].data == action.data  # the signed record is not edited
    assert after.status == "signed"
    assert after.action_status(after.actions[1]) == ("done", "Seen on Friday")
    assert lifecycle.current_signed(service.store, after) is not None  # still stands signed
    entries = [e for e in audit.entries(service.store.db, meeting_id) if e.action == "progress"]
    assert len(entries) == 1 and entries[0].item_id == action.id


@pytest.mark.parametrize(
    ("status", "note", "problem"),
    [
        ("in_progress", "", "needs a note"),
        ("dropped", "  ", "needs the reason"),
        ("open", "x", "not a status"),
        ("cancelled", "x", "not a status"),
    ],
)
def test_progress_refuses_what_says_nothing(
    service: MeetingService, status: str, note: str, problem: str
) -> None:
    meeting_id = service.add_demo(HELD)
    meeting = service.get(meeting_id)
    with pytest.raises(SignoffProblem, match=problem):
        progress.record(service.store, meeting, meeting.actions[0].id, status, note)
    assert service.get(meeting_id).actions[0].data == meeting.actions[0].data


def test_progress_on_a_draft_is_an_edit_of_the_action(service: MeetingService) -> None:
    meeting_id = service.add_demo(HELD)
    meeting = service.get(meeting_id)
    progress.record(service.store, meeting, meeting.actions[2].id, "dropped", "Parents told")
    action = service.get(meeting_id).actions[2]
    assert (action.data["status"], action.data["progress_note"]) == ("dropped", "Parents told")
    assert progress.entries(service.store, meeting_id) == []


def test_progress_entries_carry_their_signature_and_version(service: MeetingService) -> None:
    meeting_id = _signed_demo(service)
    meeting = service.get(meeting_id)
    progress.record(service.store, meeting, meeting.actions[0].id, "done", "", "Ana")
    carried = progress.stored(service.store, meeting_id, 1)
    signed = lifecycle.current_signed(service.store, meeting)
    assert signed is not None
    [entry] = oversight.check(carried, meeting_id, signed.record_sha256)
    assert entry["status"] == "done" and entry["format"] == oversight.PROGRESS_FORMAT
    tampered = [dict(carried[0], record=carried[0]["record"][:-4] + "AAAA")]
    with pytest.raises(ValueError):
        oversight.check(tampered, meeting_id, signed.record_sha256)
    assert progress.stored(service.store, meeting_id, 2) == []


def test_the_review_carries_the_family_and_the_open_actions(service: MeetingService) -> None:
    meeting_id = _signed_demo(service)
    first = service.get(meeting_id)
    done, ongoing = first.actions[0], first.actions[1]
    progress.record(service.store, first, done.id, "done", "Interviews held", "Ana")
    progress.record(service.store, first, ongoing.id, "in_progress", "Booked for Monday", "Ana")
    review = service.get(new_review(service, meeting_id, WEEK_LATER))

    assert review.facts["reviews"] == meeting_id and review.facts["meeting_type"] == "review"
    assert review.facts["date"] == WEEK_LATER.isoformat()
    assert [p.data["name"] for p in review.people] == [p.data["name"] for p in first.people]
    assert len(review.relationships) == len(first.relationships)
    old_names = {p.id: p.data["name"] for p in first.people}
    new_names = {p.id: p.data["name"] for p in review.people}
    for old, new in zip(first.relationships, review.relationships, strict=True):
        assert new_names[new.data["person"]] == old_names[old.data["person"]]
    assert review.attendees == [] and review.decisions == []  # the review's own

    carried = {a.data["carried_action"]: a for a in review.actions}
    assert done.id not in carried and set(carried) == {a.id for a in first.actions[1:]}
    medical = carried[ongoing.id]
    assert medical.data["origin_meeting"] == meeting_id
    assert medical.data["origin_date"] == HELD.isoformat()
    assert medical.data["origin_owner"] == first.title_of(ongoing.data["owner"])
    assert medical.data["status"] == "open" and medical.data["owner"] is None
    history = [h.data for h in review.action_history if h.data["action"] == medical.id]
    assert [(h["status"], h["note"]) for h in history] == [
        ("open", None),
        ("in_progress", "Booked for Monday"),
    ]
    # The meeting reviewed stops chasing what was carried; the review chases it now.
    first = service.get(meeting_id)
    assert all(not first.action_pending(a) for a in first.actions)
    assert "carried-action-progress-missing" in {f.rule for f in rules.check(review, WEEK_LATER)}


def test_a_review_of_a_review_keeps_where_the_action_was_first_agreed(
    service: MeetingService,
) -> None:
    first_id = service.add_demo(HELD)
    second = service.get(new_review(service, first_id, WEEK_LATER))
    service.set_field(second.id, "actions", second.actions[0].id, "status", "in_progress")
    third = service.get(new_review(service, second.id, WEEK_LATER + timedelta(days=7)))
    action = next(a for a in third.actions if a.data["carried_action"] == second.actions[0].id)
    assert action.data["origin_meeting"] == first_id
    assert action.data["origin_date"] == HELD.isoformat()
    statuses = [h.data["status"] for h in third.action_history if h.data["action"] == action.id]
    assert statuses == ["in_progress", "in_progress"]  # at the first meeting, then the second


def test_attention_lists_drift_and_goes_to_the_place_to_act(service: MeetingService) -> None:
    meeting_id = _signed_demo(service)
    later = HELD + timedelta(days=28)
    lines = attention(service, later)
    concerns = {ln.concern for ln in lines}
    assert {"action-overdue", "review-overdue", "oversight-missing"} <= concerns
    overdue = [ln for ln in lines if ln.concern == "action-overdue"]
    assert all(
        ln.meeting_id == meeting_id and ln.kind == "actions" and ln.item_id for ln in overdue
    )
    assert all(ln.working_days >= 1 and ln.owner and ln.agency for ln in overdue)
    # Progress and a review end the drift they answer.
    meeting = service.get(meeting_id)
    for a in meeting.actions:
        progress.record(service.store, meeting, a.id, "done", "", "Ana")
    oversight.record(service.store, meeting_id, "Alex Morgan", "Plan on track.", later.isoformat())
    lines = attention(service, later)
    assert not [ln for ln in lines if ln.concern in ("action-overdue", "oversight-missing")]


def test_a_draft_left_too_long_needs_attention_after_n_working_days(
    service: MeetingService,
) -> None:
    service.add_demo(HELD)
    settings.save(service.store, settings.Thresholds(draft_days=3, oversight_days=5))
    assert settings.load(service.store) == settings.Thresholds(3, 5)
    on_time = HELD + timedelta(days=3)  # Friday: 3 working days after a Tuesday
    assert "left-in-draft" not in {ln.concern for ln in attention(service, on_time)}
    late = HELD + timedelta(days=6)  # the Monday after
    assert "left-in-draft" in {ln.concern for ln in attention(service, late)}


@pytest.mark.parametrize("bad", [-1, 251, "5"])
def test_settings_refuse_what_is_not_a_count_of_days(service: MeetingService, bad: Any) -> None:
    with pytest.raises(ValueError, match="whole number"):
        settings.save(service.store, settings.Thresholds(draft_days=bad))
    assert settings.load(service.store) == settings.Thresholds()


def test_the_conference_clock_stops_when_its_date_is_recorded(service: MeetingService) -> None:
    meeting_id = service.add_demo(HELD)
    service.set_field(meeting_id, "outcome", None, "conference_date", None)
    late = HELD + timedelta(days=30)
    assert "conference-overdue" in {ln.concern for ln in attention(service, late)}
    in_time = clocks.add_working_days(HELD, 10).isoformat()
    service.set_field(meeting_id, "outcome", None, "conference_date", in_time)
    assert "conference-overdue" not in {ln.concern for ln in attention(service, late)}
    too_late = (HELD + timedelta(days=60)).isoformat()
    service.set_field(meeting_id, "outcome", None, "conference_date", too_late)
    assert "conference-overdue" in {ln.concern for ln in attention(service, late)}


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    assert working_days_since(date(2026, 12, 24), date(2026, 12, 29), "england") == 1
    assert working_days_since(date(2026, 11, 27), date(2026, 11, 28), None) == 0


@pytest.mark.parametrize(
    ("a", "b"), [("NF/2026/0142", "nf / 2026 / 0142"), ("DEMO-1", " demo-1 "), ("ab 1", "AB1")]
)
def test_case_references_match_whatever_the_spacing_and_case(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_a_case_lists_its_meetings_in_order_with_clocks(service: MeetingService) -> None:
    first_id = service.add_demo(HELD)
    review_id = new_review(service, first_id, WEEK_LATER)
    service.new_meeting("ANOTHER-1", HELD)
    ref = service.get(first_id).facts["case_reference"]
    case = case_of(service, f"  {ref.lower()} ")
    assert [m.id for m in case.meetings] == [first_id, review_id]
    data = case.as_json()
    assert data["initial_conference_due"] == clocks.add_working_days(HELD, 15).isoformat()
    assert data["meetings"][0]["minutes_due"] == (HELD + timedelta(days=1)).isoformat()
    assert {a["meeting_id"] for a in data["open_actions"]} == {review_id}


def test_old_files_still_import(tmp_path: Path) -> None:
    data = demo_json(HELD)
    data["format"] = "strategy-minutes/1"
    for key in ("adult_plans", "action_history"):
        del data[key]
    data["actions"][0].update(status="cancelled", progress_note=None)
    for a in data["actions"]:
        for name in ("progress_note", "origin_meeting", "origin_date", "origin_owner"):
            a.pop(name, None)
    data["facts"]["previous_meeting"] = "C964F5AC-3DE4-4E73-AA8B-426DE939C8ED"
    meeting = jsonformat.from_json(json.loads(json.dumps(data)), HELD)
    assert meeting.actions[0].data["status"] == "dropped"
    assert meeting.facts["reviews"] == "c964f5ac-3de4-4e73-aa8b-426de939c8ed"
    assert jsonformat.to_json(meeting)["format"] == "strategy-minutes/2"


def test_commands_of_the_case(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli("demo").stdout.strip()
    assert cli("sign", first).returncode == 0
    shown = json.loads(cli("show", first, "--json").stdout)
    action = shown["actions"][1]["id"]
    assert shown["action_status"][action]["status"] == "open"
    done = cli("progress", first, action[:8], "--status", "done", "--note", "Held on Monday")
    assert done.returncode == 0, done.stderr
    assert cli("progress", first, action, "--status", "in_progress").returncode == 2
    assert cli("progress", first, action, "--status", "open").returncode == 2
    assert cli("progress", first, "no-such-action", "--status", "done").returncode == 2
    shown = json.loads(cli("show", first, "--json").stdout)
    assert shown["action_status"][action] == {
        "status": "done",
        "note": "Held on Monday",
        "carried_to": None,
    }
    made = cli("review", first[:8])
    assert made.returncode == 0, made.stderr
    review = made.stdout.strip()
    listed = {r["id"]: r for r in json.loads(cli("list", "--json").stdout)}
    assert listed[review]["reviews"] == first
    assert listed[first]["action_status"][shown["actions"][2]["id"]]["carried_to"] == review
    for meeting_id in (first, review):  # the list's statuses, read in bulk, are show's
        again = json.loads(cli("show", meeting_id, "--json").stdout)
        assert listed[meeting_id]["action_status"] == again["action_status"]
    ref = shown["facts"]["case_reference"]
    case = cli("case", ref.lower(), "--json")
    assert case.returncode == 0
    assert [m["id"] for m in json.loads(case.stdout)["meetings"]] == [first, review]
    assert cli("case", "NO-SUCH-CASE").returncode == 2
    assert cli("review", "no-such-meeting").returncode == 2
    attention_now = cli("attention", "--json")
    assert attention_now.returncode in (0, 1)
    assert (attention_now.returncode == 1) == bool(json.loads(attention_now.stdout))
