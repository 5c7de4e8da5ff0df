"""A meeting in memory: its sections and its lists of items, as the spec declares them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.spec import FieldType

STATUSES = (
    ("draft", "Draft"),
    ("review", "Circulated for review"),
    ("signed", "Signed"),
    ("addendum", "Addendum open"),
)


def empty_value(f: spec.Field) -> Any:
    return [] if f.type in (FieldType.CHOICES, FieldType.REFS) else None


def normalise(kind: spec.Kind, data: dict[str, Any]) -> dict[str, Any]:
    """Every declared field present (unset ones empty), unknown keys dropped."""
    return {f.name: data.get(f.name, empty_value(f)) for f in kind.all_fields()}


@dataclass
class Item:
    id: str
    kind: str
    data: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.data.get(name)


@dataclass
class Meeting:
    id: str
    status: str = "draft"
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    def __post_init__(self) -> None:
        for k in spec.SECTIONS:
            self.sections[k.name] = normalise(k, self.sections.get(k.name, {}))
        for k in spec.LISTS:
            self.items[k.name] = [
                Item(i.id, k.name, normalise(k, i.data)) for i in self.items.get(k.name, [])
            ]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Meeting:
        items: dict[str, list[Item]] = {}
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

    @property
    def facts(self) -> dict[str, Any]:
        return self.sections["facts"]

    def section(self, kind: str) -> dict[str, Any]:
        return self.sections[kind]

    def list(self, kind: str) -> list[Item]:
        return self.items[kind]

    def find(self, item_id: str | None) -> Item | None:
        if not item_id:
            return None
        for items in self.items.values():
            for item in items:
                if item.id == item_id:
                    return item
        return None

    def title(self, item: Item | None) -> str:
        """What a person calls an item: a name, or the name of the person it is about."""
        if item is None:
            return ""
        kind = spec.kind(item.kind)
        value = item[kind.title_field] if kind.title_field else ""
        f = kind.field(kind.title_field) if kind.title_field else None
        if f is not None and f.type == FieldType.REF:
            return self.title(self.find(value))
        if f is not None and f.type == FieldType.CHOICE:
            return f.choice_label(value)
        return str(value or "")

    def display(self, f: spec.Field, value: Any) -> str:
        """A stored value as a chair reads it."""
        if value is None or value == [] or value == "":
            return ""
        if f.type == FieldType.YESNO:
            return "Yes" if value else "No"
        if f.type == FieldType.CHOICE:
            return f.choice_label(value)
        if f.type == FieldType.CHOICES:
            return "; ".join(f.choice_label(v) for v in value)
        if f.type == FieldType.REF:
            return self.title(self.find(value)) or "(removed)"
        if f.type == FieldType.REFS:
            return "; ".join(self.title(self.find(v)) or "(removed)" for v in value)
        if f.type == FieldType.DATETIME:
            return str(value).replace("T", " ")
        return str(value)

    # -- questions the rules and views ask often -------------------------------------------
    def people(self, *, role: str | None = None, category: str | None = None) -> list[Item]:
        return [
            p
            for p in self.list("people")
            if (role is None or p["role"] == role)
            and (category is None or p["category"] == category)
        ]

    def children_in_scope(self) -> list[Item]:
        """Children (born) who are the subject of the enquiry or their siblings."""
        return [
            p
            for p in self.list("people")
            if p["category"] == "child" and p["role"] in ("subject_child", "sibling")
        ]

    def for_child(self, kind: str, child_id: str, field_name: str = "child") -> list[Item]:
        return [i for i in self.list(kind) if i[field_name] == child_id]
