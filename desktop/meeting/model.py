"""A meeting in memory: its sections and its lists of items, as the spec declares them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.item import Item as Item
from strategy_minutes.desktop.meeting.records import (
    Action,
    ActionStatus,
    Agency,
    MeetingParts,
    Person,
    PersonCategory,
    Role,
)

STATUSES = (
    ("draft", "Draft"),
    ("review", "Circulated for review"),
    ("signed", "Signed"),
    ("addendum", "Addendum open"),
)


def normalise(kind: spec.Kind, data: Mapping[str, Any]) -> dict[str, Any]:
    """Every declared field present (unset ones empty), unknown keys dropped."""
    return {f.name: data.get(f.name, f.type.empty()) for f in kind.all_fields()}


@dataclass(frozen=True)
class Progress:
    """Progress on an action recorded after its meeting was signed: its own signed entry
    (desktop/signoff/progress.py), never an edit of the signed minutes."""

    action_id: str
    status: str
    note: str
    name: str  # who recorded it
    date: str  # the day the progress was made or learnt
    recorded_at: str


@dataclass
class Meeting(MeetingParts):
    id: str
    status: str = "draft"
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: dict[str, list[Item[Any]]] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None
    # What happened to the actions after the meeting, read from the store beside the record:
    progress: list[Progress] = field(default_factory=list)  # recorded after signing, oldest first
    carried_on: dict[str, str] = field(default_factory=dict)  # action id -> review meeting id

    def __post_init__(self) -> None:
        for k in spec.SECTIONS:
            self.sections[k.name] = normalise(k, self.sections.get(k.name, {}))
        for k in spec.LISTS:
            self.items[k.name] = [
                Item(i.id, k.name, normalise(k, i.data)) for i in self.items.get(k.name, [])
            ]

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Meeting:
        items: dict[str, list[Item[Any]]] = {}
        for row in record["items"]:
            if row["kind"] in spec.BY_NAME:
                items.setdefault(row["kind"], []).append(Item(row["id"], row["kind"], row["data"]))
        return cls(
            record["id"],
            record["status"],
            record["sections"],
            items,
            record["created_at"],
            record["updated_at"],
            record["deleted_at"],
        )

    def section(self, kind: str) -> dict[str, Any]:
        """A section by a name known only at run time; typed code uses `meeting.facts` etc."""
        return self.sections[spec.kind(kind).name]

    def items_of(self, kind: str) -> list[Item[Any]]:
        """A list by a name known only at run time; typed code uses `meeting.people` etc."""
        return self.items[spec.kind(kind).name]

    def find(self, item_id: str | None) -> Item[Any] | None:
        if not item_id:
            return None
        for items in self.items.values():
            for item in items:
                if item.id == item_id:
                    return item
        return None

    def title(self, item: Item[Any] | None) -> str:
        """What a person calls an item: a name, or the name of the person it is about."""
        if item is None:
            return ""
        kind = spec.kind(item.kind)
        if kind is spec.RELATIONSHIPS:
            return self._relationship_title(item)
        if not kind.title_field:
            return ""
        f = kind.field(kind.title_field)
        value = item.data[f.name]
        if f.ref:
            return self.title(self.find(value))
        return f.type.display(value, self.title_of) if value else ""

    def _relationship_title(self, item: Item[Any]) -> str:
        """Both people and the tie between them ("Dana Penrose, parent of Maisie Penrose"):
        the tie alone ("Parent") does not say which relationship is meant."""
        tie = spec.RELATIONSHIPS.field("relationship")
        what = tie.type.display(item.data["relationship"], self.title_of).lower() or "related"
        who = self.title_of(item.data["person"] or "")
        other = self.title_of(item.data["other_person"] or "")
        said = f"{what} of {other}" if other else what
        return f"{who}, {said}" if who else said[:1].upper() + said[1:]

    def title_of(self, item_id: str) -> str:
        return self.title(self.find(item_id))

    def display(self, f: spec.Field, value: Any) -> str:
        """A stored value as a chair reads it."""
        return "" if f.type.is_empty(value) else f.type.display(value, self.title_of)

    # -- questions the rules and views ask often -------------------------------------------
    def people_with(
        self, *, role: Role | None = None, category: PersonCategory | None = None
    ) -> list[Item[Person]]:
        """People holding `role` (as their main role or one of their others) and of `category`."""
        return [
            p
            for p in self.people
            if (role is None or role in roles_of(p))
            and (category is None or p.data["category"] == category)
        ]

    def children_in_scope(self) -> list[Item[Person]]:
        """Children (born) who are the subject of the enquiry or their siblings, by any role
        they hold: a child alleged to harm who is also a sibling at risk is in scope."""
        return [
            p
            for p in self.people
            if p.data["category"] == PersonCategory.CHILD
            and any(r in CHILD_IN_SCOPE for r in roles_of(p))
        ]

    def child_perpetrators(self) -> list[Item[Person]]:
        """Children alleged to harm others: each needs a plan of their own."""
        return self.people_with(role=Role.ALLEGED_PERPETRATOR, category=PersonCategory.CHILD)

    def siblings(self) -> list[Item[Person]]:
        """Siblings who are children: each needs support recorded."""
        return self.people_with(role=Role.SIBLING, category=PersonCategory.CHILD)

    def non_abusing_parents(self) -> list[Item[Person]]:
        return self.people_with(role=Role.NON_ABUSING_PARENT)

    def action_status(self, action: Item[Action]) -> tuple[str, str]:
        return status_now(action.id, action.data, self.progress)

    def action_pending(self, action: Item[Action]) -> bool:
        """Still to be done by someone: not done, not dropped, and not carried to a review
        (the review meeting chases it from then on)."""
        return (
            self.action_status(action)[0] not in CLOSED_ACTION and action.id not in self.carried_on
        )

    def for_child(self, kind: str, child_id: str, field_name: str = "child") -> list[Item[Any]]:
        return [i for i in self.items_of(kind) if i.data[field_name] == child_id]


def status_now(
    action_id: str, data: Mapping[str, Any], progress: list[Progress]
) -> tuple[str, str]:
    """An action's status now, with its note: the latest progress recorded after signing,
    else what the meeting itself says (its `status` and `progress_note`)."""
    later = [p for p in progress if p.action_id == action_id]
    if later:
        return later[-1].status, later[-1].note
    return data["status"] or ActionStatus.OPEN, data["progress_note"] or ""


def roles_of(person: Item[Person]) -> list[str]:
    """Every role a person holds: the main one the family map draws, then any others."""
    main = person.data["role"]
    others = [str(r) for r in person.data["other_roles"] or [] if r != main]
    return ([str(main)] if main else []) + others


def restriction(item: Item[Any]) -> str | None:
    """An item's restriction; kinds that carry none (attendees, overrides) have None."""
    return item.data["restriction"] if spec.kind(item.kind).restrictable else None


CLOSED_ACTION = (ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.CANCELLED)
CHILD_IN_SCOPE = (Role.SUBJECT_CHILD, Role.SIBLING)  # the children a decision is needed for
# The agencies every strategy meeting needs (DOMAIN.md, attendance); the referrer varies.
CORE_AGENCIES = (Agency.CHILDRENS_SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION)
