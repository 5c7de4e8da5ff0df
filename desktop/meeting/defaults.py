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
    elif kind == "actions" and field == "owner":
        owner = meeting.find(value)
        if owner is not None and owner.kind == "attendees" and owner.data["agency"]:
            out["owner_agency"] = owner.data["agency"]
    elif kind == "people" and field == "role" and value in CATEGORY_OF_ROLE:
        out["category"] = CATEGORY_OF_ROLE[value]
    return {k: v for k, v in out.items() if record.get(k) in (None, "", [])}
