"""Completeness and conflict rules: what a chair must settle before the minutes can be signed.

Each rule is a small function over a meeting that yields `Hit`s; the table `RULES` gives it a
stable code and one severity. A blocker is a decision left implicit or a plan that cannot
work; a warning is something a chair should look at but may reasonably leave. Codes, triggers
and the reasons behind them are in docs/rules.md. Plain Python: no Qt, no store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import combinations
from typing import Any

from strategy_minutes.desktop.meeting import clocks, spec, wording
from strategy_minutes.desktop.meeting.fieldtypes import parse_date, parse_datetime
from strategy_minutes.desktop.meeting.findings import BLOCKER, WARNING, Finding
from strategy_minutes.desktop.meeting.model import CORE_AGENCIES, Item, Meeting, roles_of
from strategy_minutes.desktop.meeting.records import (
    Action,
    ActionStatus,
    Agency,
    AttendanceStatus,
    Attendee,
    Decision,
    Held,
    MappaCategory,
    Person,
    PersonCategory,
    RecipientType,
    Role,
)

YOUNG = (PersonCategory.CHILD, PersonCategory.UNBORN)  # the children of the family, born or not
DEFAULT_INTERVIEW = timedelta(minutes=60)  # the slot assumed when no end time is planned
# The attendance that lets an agency's view shape the plan.
ENGAGED = (AttendanceStatus.PRESENT, AttendanceStatus.REPORT)
SIGNED_STATUSES = ("signed", "addendum")  # the plan was right when signed; it is history now


@dataclass(frozen=True)
class Hit:
    """Where a rule found something, before the table gives it a code and severity."""

    message: str
    kind: str
    item_id: str = ""
    field: str = ""
    key: str = ""  # for meeting-level hits: what names this one to an override (else field)


@dataclass(frozen=True)
class Context:
    meeting: Meeting
    today: date
    now: datetime

    def name(self, item: Item[Any] | None, fallback: str = "someone with no name") -> str:
        return self.meeting.title(item) or fallback


RuleFunction = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str  # for scripts (--json) and the audit trail
    severity: str
    function: RuleFunction
    title: str = ""  # what the chair reads, on screen and in the minutes (never the code)


# -- reading values defensively: a draft may have any field empty --------------------------


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# What a chair types in a free-text field to say there is nothing: it says nothing is there.
_NOTHING = re.compile(
    r"(none|none known|none recorded|nil|no|n/?a|not applicable|no (known )?convictions?"
    r"( known)?|-+)[.!]?",
    re.IGNORECASE,
)


def _said(value: Any) -> str:
    """Free text that says something: empty for blanks and for 'None', 'None known', 'N/A'."""
    text = _text(value)
    return "" if _NOTHING.fullmatch(text) else text


def _day(value: Any) -> date | None:
    try:
        return parse_date(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _moment(value: Any) -> datetime | None:
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _refs(m: Meeting, value: Any) -> list[Item[Any]]:
    """The items a REFS value points at, skipping any since removed."""
    ids = value if isinstance(value, list) else []
    return [i for i in (m.find(v) for v in ids if isinstance(v, str)) if i is not None]


def _label(kind: str, field: str) -> str:
    return spec.kind(kind).field(field).label


def _engaged(
    m: Meeting, agency: str, also: tuple[AttendanceStatus, ...] = ()
) -> list[Item[Attendee]]:
    statuses = (*ENGAGED, *also)
    return [a for a in m.attendees if a.data["agency"] == agency and a.data["status"] in statuses]


Slot = tuple[Item[Decision], datetime, datetime]


def _interviews(m: Meeting) -> list[Slot]:
    """Planned interviews with their [start, end) slot."""
    out: list[Slot] = []
    for d in m.decisions:
        start = _moment(d.data["interview_start"])
        if d.data["interview"] is True and start is not None:
            end = _moment(d.data["interview_end"])
            out.append((d, start, end if end and end > start else start + DEFAULT_INTERVIEW))
    return out


def _overlap(a: Slot, b: Slot) -> bool:
    return a[1] < b[2] and b[1] < a[2]


# -- the rules ----------------------------------------------------------------------------


def meeting_facts_missing(c: Context) -> Iterator[Hit]:
    facts = c.meeting.facts
    asked = c.meeting.section("facts")  # the same record, read by field names in a loop
    for field, ask in (
        ("case_reference", "Give the case reference."),
        ("date", "Give the date of the meeting."),
        ("chair", "Name the chair."),
        ("held", "Say how the meeting is held."),
    ):
        if not _text(asked[field]):
            yield Hit(ask, "facts", field=field, key=field)
    if facts["sexual_abuse_alleged"] is None:
        yield Hit(
            "Say whether sexual abuse is alleged: it decides who must attend and how "
            "the meeting is held.",
            "facts",
            field="sexual_abuse_alleged",
            key="sexual_abuse_alleged",
        )


def _child_decisions(c: Context) -> Iterator[tuple[Item[Person], Item[Any] | None]]:
    for child in c.meeting.children_in_scope():
        rows = c.meeting.for_child("decisions", child.id)
        if not rows:
            yield child, None
        for row in rows:
            yield child, row


def interview_decision_missing(c: Context) -> Iterator[Hit]:
    for child, d in _child_decisions(c):
        who = c.name(child, "a child with no name")
        if d is None:
            yield Hit(
                f"There is no decision row for {who}: add one and decide whether they "
                "are interviewed.",
                "people",
                child.id,
            )
        elif d.data["interview"] is None:
            yield Hit(
                f"Decide whether {who} is interviewed: silence is not a decision.",
                "decisions",
                d.id,
                "interview",
            )
        elif d.data["interview"] is True:
            if not _refs(c.meeting, d.data["interviewers"]):
                yield Hit(f"Name who interviews {who}.", "decisions", d.id, "interviewers")
            if not _text(d.data["interview_type"]):
                yield Hit(
                    f"Say what kind of interview {who} has.", "decisions", d.id, "interview_type"
                )
            if _moment(d.data["interview_start"]) is None:
                yield Hit(
                    f"Give the date and time of {who}'s interview.",
                    "decisions",
                    d.id,
                    "interview_start",
                )


def section_47_decision_missing(c: Context) -> Iterator[Hit]:
    for child, d in _child_decisions(c):
        if d is not None and d.data["section_47"] is None:
            yield Hit(
                f"Decide whether a section 47 enquiry starts for "
                f"{c.name(child, 'a child with no name')}.",
                "decisions",
                d.id,
                "section_47",
            )


def medical_decision_missing(c: Context) -> Iterator[Hit]:
    for child, d in _child_decisions(c):
        if d is not None and d.data["medical"] is None:
            yield Hit(
                f"Decide whether {c.name(child, 'a child with no name')} has a medical "
                "examination.",
                "decisions",
                d.id,
                "medical",
            )


def _child_name(c: Context, decision: Item[Any]) -> str:
    return c.name(c.meeting.find(decision.data["child"]), "a child with no name")


def _place(d: Item[Decision]) -> str:
    return " ".join(_text(d.data["interview_place"]).casefold().split())


def siblings_interviewed_together(c: Context) -> Iterator[Hit]:
    """Together means in the same place, or by the same interviewer, at overlapping times;
    two children seen at the same hour by different teams in different places are not."""
    for a, b in combinations(_interviews(c.meeting), 2):
        if a[0].data["child"] == b[0].data["child"] or not _overlap(a, b):
            continue  # a shared start overlaps too
        same_place = bool(_place(a[0])) and _place(a[0]) == _place(b[0])
        shared = {i.id for i in _refs(c.meeting, a[0].data["interviewers"])} & {
            i.id for i in _refs(c.meeting, b[0].data["interviewers"])
        }
        if same_place or shared:
            how = "in the same place" if same_place else "by the same interviewer"
            yield Hit(
                f"{_child_name(c, a[0])} and {_child_name(c, b[0])} are planned to be "
                f"interviewed {how} at overlapping times; children are spoken to "
                "individually, not together.",
                "decisions",
                b[0].id,
                "interview_start",
            )


def interviewer_double_booked(c: Context) -> Iterator[Hit]:
    for a, b in combinations(_interviews(c.meeting), 2):
        if not _overlap(a, b):
            continue
        shared = {i.id for i in _refs(c.meeting, a[0].data["interviewers"])}
        for person in _refs(c.meeting, b[0].data["interviewers"]):
            if person.id in shared:
                yield Hit(
                    f"{c.name(person)} is down to interview {_child_name(c, a[0])} and "
                    f"{_child_name(c, b[0])} at overlapping times.",
                    "decisions",
                    b[0].id,
                    "interviewers",
                )


def interview_in_past(c: Context) -> Iterator[Hit]:
    if c.meeting.status in SIGNED_STATUSES:
        return
    for d, start, _end in _interviews(c.meeting):
        if start < c.now:
            yield Hit(
                f"{_child_name(c, d)}'s interview is planned for "
                f"{wording.long_datetime(start.isoformat(timespec='minutes'))}, which has "
                "passed: update the plan.",
                "decisions",
                d.id,
                "interview_start",
            )


def _support_rule(
    c: Context,
    people: list[Item[Person]],
    kind: str,
    ref_field: str,
    needed: tuple[str, ...],
    what: str,
) -> Iterator[Hit]:
    """Each person needs an item of `kind` about them with every `needed` field filled."""
    for person in people:
        who = c.name(person)
        items = c.meeting.for_child(kind, person.id, ref_field)
        if not items:
            yield Hit(f"There is no {what} for {who}.", "people", person.id)
        for item in items:
            for field in (f for f in needed if not _text(item.data[f])):
                yield Hit(
                    f"The {what} for {who} does not say: {_label(kind, field).lower()}.",
                    kind,
                    item.id,
                    field,
                )


def child_perpetrator_plan_missing(c: Context) -> Iterator[Hit]:
    yield from _support_rule(
        c,
        c.meeting.child_perpetrators(),
        "child_plans",
        "child",
        ("safety", "living", "school", "support"),
        "plan under the 'children who present a risk of harm to others' procedure",
    )


def sibling_support_missing(c: Context) -> Iterator[Hit]:
    yield from _support_rule(
        c,
        c.meeting.siblings(),
        "sibling_support",
        "child",
        ("may_discuss", "supporter"),
        "sibling support",
    )


def non_abusing_parent_support_missing(c: Context) -> Iterator[Hit]:
    yield from _support_rule(
        c,
        c.meeting.non_abusing_parents(),
        "parent_support",
        "parent",
        ("support", "supporter"),
        "support plan",
    )


def think_family_not_considered(c: Context) -> Iterator[Hit]:
    tf = c.meeting.section("think_family")
    for key, label in spec.THINK_FAMILY_FACTORS:
        if not _text(tf[key]):
            yield Hit(
                f"Think Family: say whether {label.lower()} was considered.",
                "think_family",
                field=key,
                key=key,
            )
        elif not _text(tf[f"{key}_note"]):
            yield Hit(
                f"Think Family: add a note on {label.lower()}.",
                "think_family",
                field=f"{key}_note",
                key=key,
            )


def core_agency_missing(c: Context) -> Iterator[Hit]:
    labels = dict(spec.AGENCIES.options)
    for agency in CORE_AGENCIES:
        if agency == Agency.EDUCATION:  # a school's apologies still mean it is involved
            if not _engaged(c.meeting, agency, also=(AttendanceStatus.APOLOGIES,)):
                yield Hit(
                    "Education is not involved: invite the children's school or setting.",
                    "attendees",
                    field="agency",
                    key=agency,
                )
        elif not _engaged(c.meeting, agency):
            yield Hit(
                f"{labels[agency]} is neither present nor sending a report.",
                "attendees",
                field="agency",
                key=agency,
            )


def _paediatrician(a: Item[Attendee]) -> bool:
    role = _text(a.data["role"]).casefold()
    return "paediatric" in role or "pediatric" in role


def paediatrician_missing(c: Context) -> Iterator[Hit]:
    medicals = [_child_name(c, d) for d in c.meeting.decisions if d.data["medical"] is True]
    if any(_paediatrician(a) for a in _engaged(c.meeting, "health")):
        return
    if medicals:
        yield Hit(
            f"A medical is planned for {', '.join(medicals)} but no paediatrician is "
            "present or sending a report.",
            "attendees",
            field="role",
        )
    elif c.meeting.facts["sexual_abuse_alleged"] is True:
        yield Hit(
            "Sexual abuse is alleged but no paediatrician is present or sending a report.",
            "attendees",
            field="role",
        )


def _adults(m: Meeting) -> list[Item[Person]]:
    return [p for p in m.people if p.data["category"] not in YOUNG]


def probation_missing(c: Context) -> Iterator[Hit]:
    if _engaged(c.meeting, "probation"):
        return
    for p in _adults(c.meeting):
        if p.data["registered_sex_offender"] is True or p.data["in_prison"] is True:
            what = "a registered sex offender" if p.data["registered_sex_offender"] else "in prison"
            yield Hit(
                f"{c.name(p)} is {what} but probation is neither present nor sending a report.",
                "people",
                p.id,
            )


def meeting_held_as_discussion(c: Context) -> Iterator[Hit]:
    facts = c.meeting.facts
    if facts["sexual_abuse_alleged"] is True and facts["held"] == Held.PHONE:
        yield Hit(
            "Sexual abuse is alleged, so hold a meeting with every agency rather than a "
            "phone discussion.",
            "facts",
            field="held",
            key="held",
        )


def _risky(p: Item[Person]) -> bool:
    return (
        p.data["registered_sex_offender"] is True
        or p.data["mappa_category"]
        in (MappaCategory.CATEGORY_1, MappaCategory.CATEGORY_2, MappaCategory.CATEGORY_3)
        or bool(_said(p.data["convictions"]) or _said(p.data["concerns_without_conviction"]))
    )


def _risky_adults(m: Meeting) -> list[Item[Person]]:
    return [p for p in _adults(m) if _risky(p)]


def grooming_not_considered(c: Context) -> Iterator[Hit]:
    adults = _risky_adults(c.meeting)
    if not adults:
        return
    names = ", ".join(c.name(a) for a in adults)
    grooming = c.meeting.section("grooming")
    for field, whom in (
        ("children", "the children"),
        ("parents", "the parents and carers"),
        ("professionals", "the professionals"),
    ):
        if grooming[field] is not True:
            yield Hit(
                f"Consider whether {whom} may have been groomed by {names}.",
                "grooming",
                field=field,
                key=field,
            )


def prison_contact_missing(c: Context) -> Iterator[Hit]:
    for p in _adults(c.meeting):
        if p.data["registered_sex_offender"] is True and p.data["in_prison"] is True:
            plans = c.meeting.for_child("prison_contact", p.id, "prisoner")
            if not any(_text(i.data["governor_application"]) for i in plans):
                yield Hit(
                    f"Record how contact with {c.name(p)} in prison is controlled, "
                    "including any application to the governor.",
                    "people",
                    p.id,
                )


def _names(m: Meeting, value: Any, person: Item[Any]) -> bool:
    """Whether a field that names someone names this person: by reference when it was
    picked; by the name within the text when it was typed (before names were picked)."""
    if not isinstance(value, str) or not value.strip():
        return False
    if m.find(value) is not None:
        return value == person.id
    name = _text(person.data["name"]).casefold()
    return bool(name) and name in value.casefold()


def _someone(m: Meeting, value: Any) -> str:
    """Who a field that names someone names, as a chair reads it."""
    return m.title_of(value) if m.find(value) is not None else _text(value)


def risky_adult_not_shared(c: Context) -> Iterator[Hit]:
    m = c.meeting
    parents = [p for p in m.people if p.data["parental_responsibility"] is True]
    for adult in _risky_adults(m):
        who = c.name(adult)
        items = m.for_child("information_sharing", adult.id, "about")
        told = [
            i
            for i in items
            if i.data["recipient_type"] == RecipientType.PARENT
            or getattr(m.find(i.data["recipient"]), "kind", "") == "people"
        ]
        if not [p for p in parents if p.id != adult.id]:
            yield Hit(
                f"No one is recorded as having parental responsibility: record who has "
                f"it, so they can be told about the risk from {who}.",
                "people",
                adult.id,
            )
        for parent in parents:
            if parent.id != adult.id and not any(
                _names(m, i.data["recipient"], parent) for i in told
            ):
                yield Hit(
                    f"{c.name(parent)} has parental responsibility but is not listed to "
                    f"be told about the risk from {who}.",
                    "people",
                    adult.id,
                )
        if not any(i.data["recipient_type"] == RecipientType.PROFESSIONAL for i in items):
            yield Hit(
                f"No professional working with the children is listed to be told about "
                f"the risk from {who}.",
                "people",
                adult.id,
            )
        for i in items:
            whom = _someone(m, i.data["recipient"]) or "someone"
            if m.find(i.data["by"]) is None:
                yield Hit(f"Say who tells {whom} about {who}.", "information_sharing", i.id, "by")
            due = _day(i.data["due"])
            if due is None:
                yield Hit(
                    f"Say by when {whom} is told about {who}.", "information_sharing", i.id, "due"
                )
            elif i.data["done"] is not True and due < c.today:
                yield Hit(
                    f"Telling {whom} about {who} was due on {wording.long_date(due)} and is not "
                    "recorded as done.",
                    "information_sharing",
                    i.id,
                    "done",
                )


def complex_abuse_procedure_suggested(c: Context) -> Iterator[Hit]:
    m = c.meeting
    homes = {
        p.data["household"]
        for p in m.people
        if p.data["category"] in YOUNG and m.find(p.data["household"]) is not None
    }
    procedures = m.facts["procedures"] or []
    if len(homes) >= 3 and "complex_abuse" not in procedures:
        yield Hit(
            f"Children in {len(homes)} households may be at risk: consider the "
            "organised and complex abuse procedure.",
            "facts",
            field="procedures",
            key="procedures",
        )


def harm_to_others_procedure_suggested(c: Context) -> Iterator[Hit]:
    procedures = c.meeting.facts["procedures"] or []
    children = c.meeting.child_perpetrators()
    if children and "harm_to_others" not in procedures:
        yield Hit(
            f"{c.name(children[0])} is a child alleged to have harmed another: use the "
            "'children who present a risk of harm to others' procedure.",
            "facts",
            field="procedures",
            key="procedures",
        )


def medical_consent_missing(c: Context) -> Iterator[Hit]:
    for d in c.meeting.decisions:
        if d.data["medical"] is True and not _text(d.data["medical_consent"]):
            yield Hit(
                f"Record the consent route for {_child_name(c, d)}'s medical.",
                "decisions",
                d.id,
                "medical_consent",
            )


def school_holiday_contact_missing(c: Context) -> Iterator[Hit]:
    for child in c.meeting.people_with(category=PersonCategory.CHILD):
        if _text(child.data["school"]) and not _text(child.data["school_holiday_contact"]):
            yield Hit(
                f"Add the holiday safeguarding contact for {c.name(child)}'s school, "
                "so it can be reached out of term.",
                "people",
                child.id,
                "school_holiday_contact",
            )


def _action_name(n: int, a: Item[Action]) -> str:
    """What a chair calls an action: its words, or its number in the minutes' table."""
    words = _text(a.data["description"]).rstrip(".")
    return f"Action '{words}'" if words else f"Action {n}"


def _open_actions(m: Meeting) -> Iterator[tuple[str, Item[Action]]]:
    """Actions still to be done: not done or dropped (progress recorded after signing counts),
    and not carried on to a review meeting."""
    for n, a in enumerate(m.actions, start=1):
        if m.action_pending(a):
            yield _action_name(n, a), a


def action_incomplete(c: Context) -> Iterator[Hit]:
    for what, a in _open_actions(c.meeting):
        if not _text(a.data["description"]):
            yield Hit(f"{what} does not say what is to be done.", "actions", a.id, "description")
        if c.meeting.find(a.data["owner"]) is None and not _text(a.data["owner_agency"]):
            yield Hit(f"{what} has no owner.", "actions", a.id, "owner")
        if _day(a.data["due"]) is None:
            yield Hit(f"{what} has no due date.", "actions", a.id, "due")


def action_overdue(c: Context) -> Iterator[Hit]:
    for what, a in _open_actions(c.meeting):
        due = _day(a.data["due"])
        if due is not None and due < c.today:
            yield Hit(
                f"{what} was due on {wording.long_date(due)} and is still open.",
                "actions",
                a.id,
                "status",
            )


def action_due_on_non_working_day(c: Context) -> Iterator[Hit]:
    nation = c.meeting.facts["nation"]
    for what, a in _open_actions(c.meeting):
        due = _day(a.data["due"])
        if due is not None and not clocks.is_working_day(due, nation):
            day = "a weekend" if due.weekday() >= 5 else "a bank holiday"
            yield Hit(
                f"{what} is due on {wording.long_date(due)}, {day}: no one may be at work "
                "to do it.",
                "actions",
                a.id,
                "due",
            )


def carried_action_progress_missing(c: Context) -> Iterator[Hit]:
    """A review must say what became of each action it carried: done, in progress with a
    note, or dropped with a reason."""
    for n, a in enumerate(c.meeting.actions, start=1):
        if not _text(a.data["carried_action"]):
            continue
        status, what = a.data["status"], _action_name(n, a)
        if status in (None, ActionStatus.OPEN):
            yield Hit(
                f"{what} was carried from the last meeting: record its progress (done, in "
                "progress with a note, or dropped with a reason).",
                "actions",
                a.id,
                "status",
            )
        elif status in (ActionStatus.IN_PROGRESS, ActionStatus.DROPPED) and not _text(
            a.data["progress_note"]
        ):
            need = "a note on its progress" if status == ActionStatus.IN_PROGRESS else "its reason"
            yield Hit(
                f"{what} is {status.replace('_', ' ')}: give {need}.",
                "actions",
                a.id,
                "progress_note",
            )


def _adult_perpetrators(m: Meeting) -> list[Item[Person]]:
    return [
        p
        for p in m.people
        if p.data["category"] == PersonCategory.ADULT and Role.ALLEGED_PERPETRATOR in roles_of(p)
    ]


def _near_children(m: Meeting, adult: Item[Person]) -> list[Item[Person]]:
    """Children in scope the adult lives with, or has contact with by a recorded
    relationship whose contact says something."""
    out = []
    for child in m.children_in_scope():
        home = adult.data["household"]
        together = bool(home) and home == child.data["household"]
        contact = any(
            {r.data["person"], r.data["other_person"]} == {adult.id, child.id}
            and _said(r.data["contact"])
            for r in m.relationships
        )
        if together or contact:
            out.append(child)
    return out


def adult_safety_plan_missing(c: Context) -> Iterator[Hit]:
    """An adult alleged to harm who lives with or sees a child in scope needs a safety and
    contact plan; any plan recorded, needed or not, must say each of its four things."""
    m = c.meeting
    for adult in _adult_perpetrators(m):
        children = _near_children(m, adult)
        if children and not m.for_child("adult_plans", adult.id, "person"):
            names = ", ".join(c.name(ch) for ch in children)
            yield Hit(
                f"{c.name(adult)} is alleged to harm and lives with or sees {names}: record a "
                "safety and contact plan (where they live, contact with the children, bail or "
                "police conditions, who monitors).",
                "people",
                adult.id,
            )
    for plan in m.adult_plans:
        who = c.name(m.find(plan.data["person"]), "an adult with no name")
        for field in ("living", "contact", "conditions", "monitoring"):
            if not _text(plan.data[field]):
                yield Hit(
                    f"The safety and contact plan for {who} does not say: "
                    f"{_label('adult_plans', field).lower()}.",
                    "adult_plans",
                    plan.id,
                    field,
                )


def child_views_missing(c: Context) -> Iterator[Hit]:
    for child, d in _child_decisions(c):
        if d is None:
            continue
        who = c.name(child, "a child with no name")
        if not _text(d.data["views"]):
            yield Hit(f"Record {who}'s views and wishes.", "decisions", d.id, "views")
        elif not _text(d.data["views_how"]):
            yield Hit(f"Say how {who}'s views were obtained.", "decisions", d.id, "views_how")


def medical_reason_missing(c: Context) -> Iterator[Hit]:
    for d in c.meeting.decisions:
        if d.data["medical"] is not None and not _text(d.data["medical_reason"]):
            yield Hit(
                f"Give the reason for the medical decision for {_child_name(c, d)}.",
                "decisions",
                d.id,
                "medical_reason",
            )


def interpreter_needs_missing(c: Context) -> Iterator[Hit]:
    for p in c.meeting.people:
        if p.data["interpreter_needed"] is True and not _text(p.data["interpreter_needs"]):
            yield Hit(
                f"{c.name(p)} needs an interpreter: say in which language, and any other need.",
                "people",
                p.id,
                "interpreter_needs",
            )


def immediate_safety_missing(c: Context) -> Iterator[Hit]:
    if c.meeting.children_in_scope() and not _text(c.meeting.outcome["immediate_safety"]):
        yield Hit(
            "Say how the children are kept safe until the next step (where they stay, whom "
            "they may see, who checks).",
            "outcome",
            field="immediate_safety",
            key="immediate_safety",
        )


def review_date_missing(c: Context) -> Iterator[Hit]:
    if _day(c.meeting.section("outcome")["review_date"]) is None:
        yield Hit(
            "Set the date of the review meeting, so the plan does not drift.",
            "outcome",
            field="review_date",
            key="review_date",
        )


def management_oversight_missing(c: Context) -> Iterator[Hit]:
    if not _text(c.meeting.section("outcome")["oversight_manager"]):
        yield Hit(
            "Name the manager who oversees the plan.",
            "outcome",
            field="oversight_manager",
            key="oversight_manager",
        )


RULES: tuple[Rule, ...] = (
    Rule("meeting-facts-missing", BLOCKER, meeting_facts_missing, "Meeting facts missing"),
    Rule(
        "interview-decision-missing", BLOCKER, interview_decision_missing, "Interview not decided"
    ),
    Rule(
        "section-47-decision-missing",
        BLOCKER,
        section_47_decision_missing,
        "Section 47 not decided",
    ),
    Rule("medical-decision-missing", BLOCKER, medical_decision_missing, "Medical not decided"),
    Rule(
        "siblings-interviewed-together",
        BLOCKER,
        siblings_interviewed_together,
        "Siblings interviewed together",
    ),
    Rule(
        "interviewer-double-booked", BLOCKER, interviewer_double_booked, "Interviewer booked twice"
    ),
    Rule("interview-in-past", WARNING, interview_in_past, "Interview time has passed"),
    Rule(
        "child-perpetrator-plan-missing",
        BLOCKER,
        child_perpetrator_plan_missing,
        "No plan for a child who may harm others",
    ),
    Rule(
        "adult-safety-plan-missing",
        BLOCKER,
        adult_safety_plan_missing,
        "No safety plan for the alleged adult",
    ),
    Rule("sibling-support-missing", BLOCKER, sibling_support_missing, "No support for a sibling"),
    Rule(
        "non-abusing-parent-support-missing",
        BLOCKER,
        non_abusing_parent_support_missing,
        "No support for the non-abusing parent",
    ),
    Rule(
        "think-family-not-considered",
        BLOCKER,
        think_family_not_considered,
        "Think Family not considered",
    ),
    Rule("core-agency-missing", BLOCKER, core_agency_missing, "Core agency missing"),
    Rule("paediatrician-missing", BLOCKER, paediatrician_missing, "No paediatrician for a medical"),
    Rule("probation-missing", BLOCKER, probation_missing, "Probation missing"),
    Rule(
        "meeting-held-as-discussion",
        BLOCKER,
        meeting_held_as_discussion,
        "Held as a phone discussion",
    ),
    Rule(
        "risky-adult-not-shared", BLOCKER, risky_adult_not_shared, "Risk from an adult not shared"
    ),
    Rule("grooming-not-considered", BLOCKER, grooming_not_considered, "Grooming not considered"),
    Rule(
        "prison-contact-missing", WARNING, prison_contact_missing, "Prison contact not controlled"
    ),
    Rule(
        "complex-abuse-procedure-suggested",
        WARNING,
        complex_abuse_procedure_suggested,
        "Complex abuse procedure suggested",
    ),
    Rule(
        "harm-to-others-procedure-suggested",
        WARNING,
        harm_to_others_procedure_suggested,
        "Harm to others procedure suggested",
    ),
    Rule(
        "medical-consent-missing", BLOCKER, medical_consent_missing, "Medical consent route missing"
    ),
    Rule(
        "medical-reason-missing",
        WARNING,
        medical_reason_missing,
        "No reason for the medical decision",
    ),
    Rule("child-views-missing", WARNING, child_views_missing, "Child's views not recorded"),
    Rule(
        "interpreter-needs-missing",
        WARNING,
        interpreter_needs_missing,
        "Interpreter needs not recorded",
    ),
    Rule(
        "school-holiday-contact-missing",
        WARNING,
        school_holiday_contact_missing,
        "School holiday contact missing",
    ),
    Rule("action-incomplete", BLOCKER, action_incomplete, "Action incomplete"),
    Rule("action-overdue", WARNING, action_overdue, "Action overdue"),
    Rule(
        "action-due-on-non-working-day",
        WARNING,
        action_due_on_non_working_day,
        "Action due on a non-working day",
    ),
    Rule(
        "carried-action-progress-missing",
        BLOCKER,
        carried_action_progress_missing,
        "No progress on a carried action",
    ),
    Rule(
        "immediate-safety-missing",
        WARNING,
        immediate_safety_missing,
        "Immediate safety not recorded",
    ),
    Rule("review-date-missing", BLOCKER, review_date_missing, "Review date missing"),
    Rule(
        "management-oversight-missing",
        WARNING,
        management_oversight_missing,
        "Management oversight missing",
    ),
)
CODES: tuple[str, ...] = tuple(r.code for r in RULES)
TITLES: dict[str, str] = {r.code: r.title for r in RULES}


def title(code: str) -> str:
    """What the chair calls a rule; a code from an older or newer app reads as words."""
    return TITLES.get(code) or code.replace("-", " ").capitalize()


def _override_reason(m: Meeting, f: Finding) -> str:
    """The chair's reason when an override matches: the same rule, and as target the item the
    finding points to, or for the meeting as a whole its field, its `target`, or nothing (all
    of that rule's meeting-level findings)."""
    for o in m.overrides:
        target = _text(o.data["target"])
        if _text(o.data["rule"]) != f.rule:
            continue
        if target == f.item_id if f.item_id else target in ("", f.field, f.target):
            return _text(o.data["reason"]) or "Overridden by the chair."
    return ""


def _position(m: Meeting) -> Callable[[Finding], tuple[int, ...]]:
    kinds = {k.name: n for n, k in enumerate(spec.KINDS)}
    items = {i.id: n for k in spec.LISTS for n, i in enumerate(m.items_of(k.name))}
    fields = {(k.name, f.name): n for k in spec.KINDS for n, f in enumerate(k.all_fields())}
    codes = {code: n for n, code in enumerate(CODES)}

    def key(f: Finding) -> tuple[int, ...]:
        return (
            f.severity != BLOCKER,
            f.overridden,
            kinds.get(f.kind, len(kinds)),
            items.get(f.item_id, -1),
            fields.get((f.kind, f.field), -1),
            codes[f.rule],
        )

    return key


def check(meeting: Meeting, today: date | None = None) -> list[Finding]:
    """Every finding on a meeting: standing blockers first, then in the order of the record.

    `today` fixes the clock (tests, and 'as of' checks); without it, the current time.
    """
    now = datetime.now() if today is None else datetime.combine(today, datetime.min.time())
    context = Context(meeting, now.date(), now)
    found = []
    for rule in RULES:
        for hit in rule.function(context):
            finding = Finding(
                rule.code,
                rule.severity,
                hit.message,
                hit.kind,
                hit.item_id,
                hit.field,
                target=hit.item_id or hit.key or hit.field,
                title=rule.title,
            )
            reason = _override_reason(meeting, finding)
            found.append(replace(finding, override_reason=reason) if reason else finding)
    return sorted(found, key=_position(meeting))
