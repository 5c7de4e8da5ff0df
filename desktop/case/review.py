"""A review meeting made from the meeting it reviews, so nothing is typed twice or lost.

The family (households, people, relationships) and what is known of the risk (each person's
risk fields, the safety and contact plans for adults, contact with a prisoner) are copied.
Every action that is still open is carried: it keeps where it was first agreed (meeting, date,
owner) and arrives with its status history (each status it had, at the meeting and recorded
after signing), and the review must then record its progress: done, in progress with a note,
or dropped with a reason (rule `carried-action-progress-missing`). Attendance, decisions and
the outcome are the review's own. The review names the meeting it reviews by id.

What the chair withheld from the parents' copy of the meeting reviewed stays withheld in the
review's (a parent's new address is not shared by default a week later); what the chair chose
to share is decided again, knowing what has changed.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from strategy_minutes.desktop.case.cases import owner_of
from strategy_minutes.desktop.meeting import disclosure, spec
from strategy_minutes.desktop.meeting.fieldtypes import Someone
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.desktop.meeting.records import ActionStatus, DisclosureChoice, MeetingType
from strategy_minutes.desktop.meeting.wording import long_date
from strategy_minutes.desktop.services import MeetingService

COPIED = ("households", "people", "relationships", "adult_plans", "prison_contact")
FACTS_KEPT = (
    "case_reference",
    "held",
    "venue",
    "chair",
    "chair_role",
    "nation",
    "procedures",
    "sexual_abuse_alleged",
)


def _copy(old: Meeting, new_ids: dict[str, str]) -> dict[str, list[Item[Any]]]:
    items: dict[str, list[Item[Any]]] = {}
    for name in COPIED:
        k = spec.kind(name)
        for item in old.items_of(name):
            data = dict(item.data)
            for f in k.all_fields():
                ids = f.type.ids(data[f.name])
                if isinstance(f.type, Someone):  # a name as typed is no id: it stays as it is
                    ids = [i for i in ids if old.find(i) is not None]
                if ids:  # references follow the copies; to anything not copied, nothing
                    kept = [new_ids[i] for i in ids if i in new_ids]
                    data[f.name] = (
                        kept if isinstance(data[f.name], list) else next(iter(kept), None)
                    )
            items.setdefault(name, []).append(Item(new_ids[item.id], name, data))
    return items


def _history(old: Meeting, action: Item[Any], new_action: str) -> list[Item[Any]]:
    """The status history the carried action arrives with: what earlier reviews carried,
    its status at the meeting reviewed, and each progress recorded after that was signed."""
    held = old.facts["date"] or ""
    where = f"meeting of {long_date(held)}" if held else "the meeting reviewed"
    rows: list[dict[str, Any]] = [
        {**h.data, "action": new_action}
        for h in old.action_history
        if h.data["action"] == action.id
    ]
    rows.append(
        {
            "action": new_action,
            "date": held or None,
            "status": action.data["status"] or ActionStatus.OPEN,
            "note": action.data["progress_note"],
            "by": old.facts["chair"],
            "where": where,
        }
    )
    rows += [
        {
            "action": new_action,
            "date": p.date,
            "status": p.status,
            "note": p.note or None,
            "by": p.name,
            "where": f"after signing the {where}",
        }
        for p in old.progress
        if p.action_id == action.id
    ]
    return [Item(str(uuid.uuid4()), "action_history", r) for r in rows]


def _still_withheld(old: Meeting, new_ids: dict[str, str]) -> list[Item[Any]]:
    """The chair's decisions to withhold a part of the meeting reviewed that the review
    carries (a copied person, household or plan, a carried action, a fact kept), each on its
    copy, with where it was decided; decisions to share are not carried. People a decision
    said must not be told yet are withheld too: the review's decisions start empty, and until
    the chair decides again they would be shared by default."""
    held = old.facts["date"] or ""
    where = f"the meeting of {long_date(held)}" if held else "the meeting reviewed"
    out: list[Item[Any]] = []
    for d in old.items_of(spec.DISCLOSURE_DECISIONS.name):
        target, field = d.data["target"] or "", d.data["field"] or ""
        if d.data["decision"] != DisclosureChoice.WITHHOLD:
            continue
        if target in new_ids:
            target = new_ids[target]
        elif not (target == spec.FACTS.name and field in FACTS_KEPT):
            continue
        reason = f"Withheld at {where}: {d.data['reason'] or 'no reason given'}"
        out.append(_withhold(target, field, reason))
    decided = {(d.data["target"], d.data["field"]) for d in out}
    for person in sorted(disclosure.not_yet_told(old)):  # the decisions are the review's own
        if person in new_ids and (new_ids[person], None) not in decided:
            said = f"At {where} a decision said this person must not be told yet."
            out.append(_withhold(new_ids[person], "", said))
    return out


def _withhold(target: str, field: str, reason: str) -> Item[Any]:
    data = {
        "target": target,
        "field": field or None,
        "decision": DisclosureChoice.WITHHOLD,
        "reason": reason,
    }
    return Item(str(uuid.uuid4()), spec.DISCLOSURE_DECISIONS.name, data)


def review_of(old: Meeting, on: date | None = None) -> Meeting:
    """The review meeting made from `old` (not yet stored)."""
    held = (on or date.today()).isoformat()
    facts = {name: old.section("facts")[name] for name in FACTS_KEPT}
    facts.update(
        date=held,
        meeting_type=MeetingType.REVIEW,
        reviews=old.id,
        previous_meeting=" ".join(
            x for x in (old.facts["case_reference"], long_date(old.facts["date"] or "")) if x
        )
        or None,
    )
    new_ids = {i.id: str(uuid.uuid4()) for name in COPIED for i in old.items_of(name)}
    items = _copy(old, new_ids)
    actions: list[Item[Any]] = []
    history: list[Item[Any]] = []
    for a in old.actions:
        if not old.action_pending(a):
            continue
        new_id = str(uuid.uuid4())
        actions.append(
            Item(
                new_id,
                "actions",
                {
                    "description": a.data["description"],
                    "owner": None,  # owners are picked from this meeting's attendance
                    "owner_agency": a.data["owner_agency"],
                    "due": a.data["due"],
                    "status": ActionStatus.OPEN,
                    "origin_meeting": a.data["origin_meeting"] or old.id,
                    "origin_date": a.data["origin_date"] or old.facts["date"],
                    "origin_owner": a.data["origin_owner"] or owner_of(old, a) or None,
                    "carried_action": a.id,
                    "source_agency": a.data["source_agency"],
                    "restriction": a.data["restriction"] or "none",
                },
            )
        )
        history += _history(old, a, new_id)
        new_ids[a.id] = new_id
    items["actions"] = actions
    items["action_history"] = history
    items[spec.DISCLOSURE_DECISIONS.name] = _still_withheld(old, new_ids)
    return Meeting(str(uuid.uuid4()), "draft", {"facts": facts}, items)


def new_review(service: MeetingService, meeting_id: str, on: date | None = None) -> str:
    """Create and store the review of a meeting; returns its id."""
    return service.add(review_of(service.get(meeting_id), on))
