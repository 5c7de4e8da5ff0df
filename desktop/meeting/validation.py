"""Is a value well-formed, and does an item make sense? Messages are for the chair.

Two levels: `value_problem` checks one value against its field's type (an impossible date, a
choice that does not exist); `item_problems` checks an item against the rest of the meeting
(a birth date in the future, an end before a start, the same person twice, a reference to
nothing). The editor shows both inline; the importer refuses a file that has either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import (
    parse_date,
    parse_datetime,
    parse_time,
)
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.records import PersonCategory


@dataclass(frozen=True)
class Problem:
    kind: str
    item_id: str  # empty for a section
    field: str
    message: str


def value_problem(f: spec.Field, value: Any) -> str | None:
    return f.type.problem(f.label, value)


def _when(value: Any, parse: Any) -> Any:
    try:
        return parse(value) if value else None
    except ValueError:
        return None


def _person_problems(
    m: Meeting, item_id: str, d: dict[str, Any], today: date
) -> list[tuple[str, str]]:
    out = []
    born = _when(d.get("date_of_birth"), parse_date)
    if born and born > today and d.get("category") != PersonCategory.UNBORN:
        out.append(
            (
                "date_of_birth",
                "Date of birth is in the future; for an unborn baby, "
                "choose 'Unborn baby' and give the expected date.",
            )
        )
    name = (d.get("name") or "").strip().casefold()
    if name:
        for other in m.people:  # earlier people only: the later copy is the duplicate
            if other.id == item_id:
                break
            if (other.data["name"] or "").strip().casefold() == name and other.data[
                "date_of_birth"
            ] == d.get("date_of_birth"):
                out.append(
                    (
                        "name",
                        f"{d['name']} is already in the family map with the same date of birth.",
                    )
                )
                break
    return out


def item_problems(
    m: Meeting, kind: str, item_id: str, data: dict[str, Any], today: date | None = None
) -> list[Problem]:
    today = today or date.today()
    k = spec.kind(kind)
    found: list[tuple[str, str]] = []
    for f in k.all_fields():
        value = data.get(f.name)
        msg = value_problem(f, value)
        if msg:
            found.append((f.name, msg))
        elif f.type.refers_to_nothing(value, lambda v: m.find(v) is not None):
            found.append((f.name, f"{f.label} refers to something not in this meeting."))
    if kind == "people":
        found += _person_problems(m, item_id, data, today)
    spans = {
        "facts": ("start_time", "end_time", parse_time),
        "decisions": ("interview_start", "interview_end", parse_datetime),
    }
    if kind in spans:
        start_name, end_name, parse = spans[kind]
        start, end = _when(data.get(start_name), parse), _when(data.get(end_name), parse)
        if start and end and end <= start:
            found.append(
                (
                    end_name,
                    f"{k.field(end_name).label} is not after {k.field(start_name).label.lower()}.",
                )
            )
    return [Problem(kind, item_id, name, msg) for name, msg in found]


def meeting_problems(m: Meeting, today: date | None = None) -> list[Problem]:
    out = []
    for k in spec.SECTIONS:
        out += item_problems(m, k.name, "", m.section(k.name), today)
    for k in spec.LISTS:
        for item in m.items_of(k.name):
            out += item_problems(m, k.name, item.id, item.data, today)
    return out
