"""The meetings of one case, in order, with their clocks and the actions still open.

Meetings belong to a case by their case reference, compared normalised (case and spaces do
not count: 'nf/2026/0142' and 'NF / 2026 / 0142' are one case), because the reference is
typed by hand at each meeting. The clocks are the procedures' (DOMAIN §11, docs/rules.md
"Clocks"): the initial child protection conference is due 15 working days after the strategy
meeting that started the enquiry; each meeting's minutes go out within one working day; and
the last meeting sets the date of the next review.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from strategy_minutes.desktop.meeting import clocks
from strategy_minutes.desktop.meeting.fieldtypes import parse_date
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.desktop.meeting.records import Action
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage import listing

normalise = listing.case_key  # one rule for the case views and the list's indexed case key


def day(value: Any) -> date | None:
    try:
        return parse_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class OpenAction:
    """An action still to be done, wherever in the case it was agreed or carried to."""

    meeting_id: str
    meeting_date: str
    action_id: str
    description: str
    owner: str
    agency: str
    due: str
    status: str
    note: str
    first_agreed: str  # the date of the meeting that first agreed it

    def as_json(self) -> dict[str, str]:
        return dict(self.__dict__)


def owner_of(m: Meeting, a: Item[Action]) -> str:
    """Who owns an action: the attendee picked, else the owner when it was first agreed."""
    return m.title_of(a.data["owner"]) if a.data["owner"] else a.data["origin_owner"] or ""


def open_actions(m: Meeting) -> list[OpenAction]:
    out = []
    for a in m.actions:
        if m.action_pending(a):
            status, note = m.action_status(a)
            out.append(
                OpenAction(
                    m.id,
                    m.facts["date"] or "",
                    a.id,
                    a.data["description"] or "",
                    owner_of(m, a),
                    a.data["owner_agency"] or "",
                    a.data["due"] or "",
                    status,
                    note,
                    a.data["origin_date"] or m.facts["date"] or "",
                )
            )
    return out


def started_enquiry(m: Meeting) -> bool:
    return any(d.data["section_47"] is True for d in m.decisions)


@dataclass
class Case:
    reference: str
    meetings: list[Meeting]  # oldest first

    @property
    def first(self) -> Meeting | None:
        """The strategy meeting that started the enquiry (else the first meeting)."""
        starters = [m for m in self.meetings if started_enquiry(m)] or self.meetings
        return starters[0] if starters else None

    def conference_due(self) -> date | None:
        first = self.first
        held = day(first.facts["date"]) if first else None
        if first is None or held is None:
            return None
        return clocks.initial_conference_due(held, first.facts["nation"])

    def conference_date(self) -> str:
        """The conference date recorded at the latest meeting that records one."""
        dates = [
            m.outcome["conference_date"] for m in self.meetings if m.outcome["conference_date"]
        ]
        return dates[-1] if dates else ""

    def next_review(self) -> str:
        """The review date set by the latest meeting that sets one."""
        dates = [m.outcome["review_date"] for m in self.meetings if m.outcome["review_date"]]
        return dates[-1] if dates else ""

    def open_actions(self) -> list[OpenAction]:
        return [a for m in self.meetings for a in open_actions(m)]

    def as_json(self) -> dict[str, Any]:
        due = self.conference_due()
        return {
            "case_reference": self.reference,
            "meetings": [meeting_json(m) for m in self.meetings],
            "initial_conference_due": due.isoformat() if due else None,
            "initial_conference_date": self.conference_date() or None,
            "next_review": self.next_review() or None,
            "open_actions": [a.as_json() for a in self.open_actions()],
        }


def minutes_due(m: Meeting) -> date | None:
    held = day(m.facts["date"])
    return clocks.minutes_due(held, m.facts["nation"]) if held else None


def meeting_json(m: Meeting) -> dict[str, Any]:
    due = minutes_due(m)
    return {
        "id": m.id,
        "date": m.facts["date"],
        "status": m.status,
        "meeting_type": m.facts["meeting_type"],
        "reviews": m.facts["reviews"],
        "minutes_due": due.isoformat() if due else None,
        "review_date": m.outcome["review_date"],
    }


def _oldest_first(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.facts["date"] or "9999", m.created_at))


def case_of(service: MeetingService, reference: str) -> Case:
    """Every meeting (not in the bin) whose reference names the same case, oldest first:
    only that case's meetings are read, found through the list's index of case keys."""
    rows = service.summaries(case=normalise(reference)) if normalise(reference) else []
    return Case(reference.strip(), _oldest_first([service.get(r["id"]) for r in rows]))


def all_cases(service: MeetingService) -> Iterator[Case]:
    """Every case in the data folder, one at a time; meetings with no case reference are a
    case each. The list's rows come grouped by case, so only one case's meetings are loaded
    at once, however many meetings the store holds."""
    for key, rows in groupby(service.summaries(), key=lambda r: r["case_key"]):
        listed = list(rows)
        groups = [listed] if key else [[r] for r in listed]
        for group in groups:
            meetings = _oldest_first([service.get(r["id"]) for r in group])
            yield Case(group[0]["case_reference"] or "", meetings)
