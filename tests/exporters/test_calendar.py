"""The interview schedule and actions as iCalendar, parsed back with icalendar."""

from __future__ import annotations

from datetime import date, datetime

from icalendar import Calendar
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.exporters.calendar import initials, meeting_calendar


def components(data: bytes, name: str) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == name]


def test_interviews_are_events_and_actions_are_todos(meeting: Meeting) -> None:
    events = components(meeting_calendar(meeting), "VEVENT")
    todos = components(meeting_calendar(meeting), "VTODO")
    planned = [d for d in meeting.items_of("decisions") if d["interview"] and d["interview_start"]]
    assert len(events) == len(planned) == 2
    assert len(todos) == len(meeting.items_of("actions"))
    first = min(events, key=lambda e: e.decoded("dtstart"))
    start = first.decoded("dtstart")
    assert isinstance(start, datetime) and (start.hour, start.minute) == (10, 0)
    assert str(start.tzinfo) == "Europe/London"
    assert todos[0].decoded("due") == date.fromisoformat(meeting.items_of("actions")[0]["due"])


def test_titles_never_name_a_child_and_uids_follow_item_ids(meeting: Meeting) -> None:
    data = meeting_calendar(meeting)
    ids = {d.id for d in meeting.items_of("decisions")} | {
        a.id for a in meeting.items_of("actions")
    }
    for c in components(data, "VEVENT") + components(data, "VTODO"):
        summary = str(c["summary"])
        assert "Penrose" not in summary and "DEMO-2026-0147" in summary
        assert str(c["uid"]).split("@")[0] in ids
        assert str(c["class"]) == "CONFIDENTIAL"
    summaries = {str(e["summary"]) for e in components(data, "VEVENT")}
    assert summaries == {
        "Interview: M.P. (case DEMO-2026-0147)",
        "Interview: L.P. (case DEMO-2026-0147)",
    }


def test_detail_only_in_the_detailed_calendar(meeting: Meeting) -> None:
    detailed = meeting_calendar(meeting).decode()
    plain = meeting_calendar(meeting, detailed=False).decode()
    assert "Maisie Penrose" in Calendar.from_ical(detailed).to_ical().decode()
    assert "Penrose" not in plain and "ABE suite" not in plain and "DESCRIPTION" not in plain


def test_email_contacts_become_attendee_and_organizer(meeting: Meeting) -> None:
    for a in meeting.items_of("attendees"):
        a.data["contact"] = f"{a['name'].split()[-1].lower()}@example.org"
    event = components(meeting_calendar(meeting), "VEVENT")[0]
    attendees = [str(a) for a in event.get("attendee")]
    assert "mailto:wiśniewska@example.org".lower() in [a.lower() for a in attendees]
    assert str(event["organizer"]) == "mailto:llywelyn@example.org"


def test_initials_in_any_script() -> None:
    assert initials("Maisie Penrose") == "M.P."
    assert initials("ليلى حداد") == "ل.ح."
    assert initials("") == "?"
