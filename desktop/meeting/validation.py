"""Is a value well-formed, and does an item make sense? Messages are for the chair.

Two levels: `value_problem` checks one value against its field's type (an impossible date, a
choice that does not exist); `item_problems` checks an item against the rest of the meeting
(a birth date in the future, an end before a start, the same person twice, a reference to
nothing). The editor shows both inline; the importer refuses a file that has either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.spec import FieldType

MAX_TEXT = 100_000  # characters: a long statement fits; a pasted file by mistake does not


@dataclass(frozen=True)
class Problem:
    kind: str
    item_id: str  # empty for a section
    field: str
    message: str


def parse_date(value: str) -> date:
    if len(value) != 10:
        raise ValueError(value)
    return date.fromisoformat(value)


def parse_time(value: str) -> tuple[int, int]:
    hours, sep, minutes = value.partition(":")
    if not sep or len(hours) != 2 or len(minutes) != 2 or not (hours + minutes).isdigit():
        raise ValueError(value)
    h, m = int(hours), int(minutes)
    if h > 23 or m > 59:
        raise ValueError(value)
    return h, m


def parse_datetime(value: str) -> datetime:
    day, sep, clock = value.partition("T")
    if not sep:
        raise ValueError(value)
    h, m = parse_time(clock)
    return datetime.combine(parse_date(day), datetime.min.time()).replace(hour=h, minute=m)


_FORMATS = {
    FieldType.DATE: (parse_date, "a date such as 2026-11-24"),
    FieldType.TIME: (parse_time, "a time such as 09:30"),
    FieldType.DATETIME: (parse_datetime, "a date and time such as 2026-11-24T09:30"),
}


def value_problem(f: spec.Field, value: Any) -> str | None:
    if value is None:
        return None
    t = f.type
    if t in (FieldType.CHOICES, FieldType.REFS):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"{f.label} should be a list."
        if t == FieldType.CHOICES:
            bad = [v for v in value if v not in dict(f.choices)]
            return f"{f.label}: {bad[0]!r} is not one of the choices." if bad else None
        return None
    if t == FieldType.YESNO:
        return None if isinstance(value, bool) else f"{f.label} should be yes or no."
    if not isinstance(value, str):
        return f"{f.label} should be text."
    if len(value) > MAX_TEXT:
        return f"{f.label} is longer than {MAX_TEXT:,} characters."
    if t == FieldType.CHOICE and value not in dict(f.choices):
        return f"{f.label}: {value!r} is not one of the choices."
    if t in _FORMATS:
        parse, example = _FORMATS[t]
        try:
            parse(value)
        except ValueError:
            return f"{f.label}: {value!r} is not {example}."
    return None


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
    if born and born > today and d.get("category") != "unborn":
        out.append(
            (
                "date_of_birth",
                "Date of birth is in the future; for an unborn baby, "
                "choose 'Unborn baby' and give the expected date.",
            )
        )
    name = (d.get("name") or "").strip().casefold()
    if name:
        for other in m.list("people"):  # earlier people only: the later copy is the duplicate
            if other.id == item_id:
                break
            if (other["name"] or "").strip().casefold() == name and other["date_of_birth"] == d.get(
                "date_of_birth"
            ):
                out.append(
                    (
                        "name",
                        f"{d['name']} is already in the family map with the same date of birth.",
                    )
                )
                break
    return out


def _ids(value: Any) -> list[str]:
    return [value] if isinstance(value, str) and value else list(value or [])


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
        elif f.type in (FieldType.REF, FieldType.REFS) and any(
            m.find(v) is None for v in _ids(value)
        ):
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
        for item in m.list(k.name):
            out += item_problems(m, k.name, item.id, item.data, today)
    return out
