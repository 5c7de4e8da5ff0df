"""The interview schedule and the actions as an iCalendar file for the people who own them.

Calendars sync to phones, whose lock screens and notifications show an event's title and
place to anyone nearby. So a title never names a child or says what an action is about: an
interview reads "Interview: M.P. (case REF)" (the child's initials) and an action "Action 3
(case REF)". The detail (the child's name, the place, who interviews, the action's text)
goes in the description, marked CLASS:CONFIDENTIAL, and only in the `detailed` calendar the
chair exports for the full record; the plain calendar carries dates, initials and the case
reference only. A withheld-from-parents item is never a reason to leave an event out: these
files go to professionals.

UIDs are built from item ids, so importing a newer file updates the same events.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, Todo, vCalAddress, vText
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import parse_date, parse_datetime
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.desktop.meeting.records import Attendee
from strategy_minutes.desktop.meeting.wording import LONDON, long_datetime

UID_DOMAIN = "strategy-minutes.invalid"
INTERVIEW_LENGTH = timedelta(hours=1)  # when no end was recorded
INTERVIEW_TYPE = spec.kind("decisions").field("interview_type")


def initials(name: str) -> str:
    """'Maisie Penrose' -> 'M.P.'; any script, one letter per word."""
    return "".join(f"{word[0]}." for word in name.split() if word[0].isalpha()) or "?"


def _address(contact: str | None) -> vCalAddress | None:
    text = (contact or "").strip()
    if "@" not in text or " " in text:
        return None
    return vCalAddress(f"mailto:{text}")


def _person(attendee: Item[Any] | None, role: str = "") -> vCalAddress | None:
    """An attendee's email as a calendar address; ROLE only where RFC 5545 allows it."""
    if attendee is None:
        return None
    address = _address(attendee.data["contact"])
    if address is not None:
        address.params["CN"] = vText(attendee.data["name"] or "")
        if role:
            address.params["ROLE"] = vText(role)
    return address


def _moment(value: str | None) -> datetime | None:
    try:
        return parse_datetime(value).replace(tzinfo=LONDON) if value else None
    except ValueError:
        return None


def _chair(meeting: Meeting) -> Item[Attendee] | None:
    chair = (meeting.facts["chair"] or "").strip()
    return next(
        (a for a in meeting.attendees if (a.data["name"] or "").strip() == chair and chair),
        None,
    )


def meeting_calendar(
    meeting: Meeting, *, detailed: bool = True, stamp: datetime | None = None
) -> bytes:
    """The .ics bytes: one VEVENT per planned interview, one VTODO per action with a due date."""
    ref = meeting.facts["case_reference"] or "no case reference"
    cal = Calendar()
    cal.add("prodid", "-//Strategy Minutes//Interview schedule and actions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Strategy meeting {ref}")
    stamp = stamp or datetime.now(UTC)
    organiser = _person(_chair(meeting))

    def common(component: Event | Todo, item: Item[Any], summary: str) -> None:
        component.add("uid", f"{item.id}@{UID_DOMAIN}")
        component.add("dtstamp", stamp)
        component.add("summary", summary)
        component.add("class", "CONFIDENTIAL")
        if organiser is not None:
            component.add("organizer", organiser)

    for d in meeting.decisions:
        start = _moment(d.data["interview_start"])
        if not d.data["interview"] or start is None:
            continue
        child = meeting.title(meeting.find(d.data["child"]))
        event = Event()
        common(event, d, f"Interview: {initials(child)} (case {ref})")
        event.add("dtstart", start)
        event.add("dtend", _moment(d.data["interview_end"]) or start + INTERVIEW_LENGTH)
        interviewers = [meeting.find(i) for i in d.data["interviewers"]]
        for person in interviewers:
            address = _person(person, "REQ-PARTICIPANT")
            if address is not None:
                event.add("attendee", address)
        if detailed:
            if d.data["interview_place"]:
                event.add("location", d.data["interview_place"])
            who = ", ".join(meeting.title(p) for p in interviewers if p is not None)
            kind = meeting.display(INTERVIEW_TYPE, d.data["interview_type"])
            event.add(
                "description",
                "\n".join(
                    x
                    for x in (
                        f"Child: {child}",
                        f"Interview: {kind}" if kind else "",
                        f"Interviewers: {who}" if who else "",
                        f"Place: {d.data['interview_place']}" if d.data["interview_place"] else "",
                        f"When: {long_datetime(d.data['interview_start'])}",
                    )
                    if x
                ),
            )
        cal.add_component(event)

    for n, a in enumerate(meeting.actions, start=1):
        try:
            due = parse_date(a.data["due"]) if a.data["due"] else None
        except ValueError:
            due = None
        if due is None:
            continue
        todo = Todo()
        common(todo, a, f"Action {n} (case {ref})")
        todo.add("due", due)
        todo.add(
            "status",
            {"done": "COMPLETED", "cancelled": "CANCELLED"}.get(
                a.data["status"] or "", "NEEDS-ACTION"
            ),
        )
        owner = _person(meeting.find(a.data["owner"]), "REQ-PARTICIPANT")
        if owner is not None:
            todo.add("attendee", owner)
        if detailed:
            todo.add("description", a.data["description"] or "")
        cal.add_component(todo)
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()  # icalendar leaves its return type unannotated
    return ical
