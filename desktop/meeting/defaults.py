"""Answers that are nearly always the same, so the chair is not asked for them again.

A chair records while the meeting talks. Where one answer implies another (an interview the
same day is at the meeting's venue, an action's owner brings their agency), the other field
is filled in, only while it is empty: nothing the chair typed is ever replaced. The GUI saves
a follow-on with the answer that caused it, as one undo step.
"""

from __future__ import annotations

import re
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import DateTime, tidy_time
from strategy_minutes.desktop.meeting.model import Meeting

_TIME_ALONE = re.compile(r"^\d{1,2}[:.]?\d{2}$")

# A person's role that settles whether they are a child or an adult.
CATEGORY_OF_ROLE = {
    "subject_child": "child",
    "sibling": "child",
    "non_abusing_parent": "adult",
}


# The fields `follow_ons` and `carried` may fill: the form gives them an Alt+letter first,
# since Tab passes a filled one by.
FILLED_IN: dict[str, frozenset[str]] = {
    "decisions": frozenset(
        {"interview_place", "lead_agency", "section_47_mode", "medical_consent"}
    ),
    "actions": frozenset({"owner_agency"}),
    "information_shared": frozenset({"agency"}),
    "people": frozenset({"category", "parental_responsibility", "household"}),
    "relationships": frozenset({"other_person"}),
    "information_sharing": frozenset({"recipient_type", "by"}),
}


def carried(meeting: Meeting, kind: str) -> dict[str, Any]:
    """What a new item takes from the one added before it: a family is described household
    by household, so a new person starts in the household of the person added before."""
    items = meeting.items_of(kind)
    if kind == "people" and items and items[-1].data["household"]:
        return {"household": items[-1].data["household"]}
    return {}


def complete(meeting: Meeting, field: spec.Field, value: Any) -> Any:
    """A date and time typed as a time alone ('14:00') is on the meeting's day."""
    day = meeting.facts["date"]
    if isinstance(field.type, DateTime) and isinstance(value, str) and day:
        time_alone = _TIME_ALONE.match(value.strip())
        return f"{day}T{tidy_time(value.strip())}" if time_alone else value
    return value


def follow_ons(
    meeting: Meeting, kind: str, record: dict[str, Any], field: str, value: Any
) -> dict[str, Any]:
    """Other fields of the same record to fill, now that `field` is `value`: only empty ones."""
    out: dict[str, Any] = {}
    if kind == "decisions":
        day = meeting.facts["date"]
        venue = meeting.facts["venue"]
        same_day = isinstance(value, str) and bool(day) and value.partition("T")[0] == day
        if field == "interview_start" and same_day and venue:
            out["interview_place"] = venue
        if field == "section_47" and value is True:
            out["lead_agency"] = "childrens_social_care"  # the local authority leads by law
            if meeting.facts["sexual_abuse_alleged"] is True:  # a crime alleged: police join
                out["section_47_mode"] = "joint"
        if field == "medical" and value is True:  # the usual route; the chair says if not
            out["medical_consent"] = "parental_responsibility"
    elif (kind, field) in (("actions", "owner"), ("information_shared", "shared_by")):
        agency = _agency_of(meeting, value)
        if agency:
            out["owner_agency" if kind == "actions" else "agency"] = agency
    elif kind == "people" and field == "role" and value in CATEGORY_OF_ROLE:
        out["category"] = CATEGORY_OF_ROLE[value]
        if value == "non_abusing_parent":  # a parent nearly always holds it; a carer may not
            out["parental_responsibility"] = True
    elif kind == "relationships" and field == "person":
        subject = next(
            (p for p in meeting.people if p.data["role"] == "subject_child"), None
        )  # "X is the ... of" the subject child, unless X is that child
        if subject is not None and subject.id != value:
            out["other_person"] = subject.id
    elif kind == "information_sharing" and field == "recipient":
        out["recipient_type"] = _recipient_type(meeting, value)
    elif kind == "information_sharing" and field == "about":
        # a risky adult's offender manager, when at the meeting, is the one who tells
        about = meeting.find(value) if isinstance(value, str) else None
        contact = about.data["probation_contact"] if about and about.kind == "people" else None
        if _agency_of(meeting, contact):
            out["by"] = contact
    return {k: v for k, v in out.items() if v and record.get(k) in (None, "", [])}


def _agency_of(meeting: Meeting, attendee_id: Any) -> str:
    item = meeting.find(attendee_id) if isinstance(attendee_id, str) else None
    return str(item.data["agency"] or "") if item is not None and item.kind == "attendees" else ""


def _recipient_type(meeting: Meeting, someone: Any) -> str:
    """An attendee is a professional working with the children; a person with parental
    responsibility is a parent; anyone else is left for the chair to say."""
    item = meeting.find(someone) if isinstance(someone, str) else None
    if item is None:
        return ""
    if item.kind == "attendees":
        return "professional"
    if item.kind == "people" and item.data["parental_responsibility"] is True:
        return "parent"
    return ""
