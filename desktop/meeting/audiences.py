"""Who a copy of the minutes is for, and therefore what it leaves out.

- `full`: the record the local authority keeps. Everything.
- `review`: the draft of that record sent to attendees for comment. Same content as `full`,
  marked DRAFT, with a bookmark on every item so returned comments find their item.
- `attendee`: the copy circulated to the professionals who took part. Same content as
  `full` except the findings the chair overrode: those are the app's own quality checks and
  the chair's reasons, kept on the full record for managers and audit, not for circulation.
- `parent`: the copy for a parent (for example after a subject access request). Leaves out
  every item marked police-sensitive, health-confidential or third-party, the overridden
  findings and professionals' contact details, and ends with a list of what was withheld and
  why (which section, which item number, which restriction; never the withheld text).
  References from a shown item to a withheld one read "(withheld)".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.model import Item, Meeting, restriction

FULL, ATTENDEE, PARENT, REVIEW = "full", "attendee", "parent", "review"
AUDIENCES = (FULL, ATTENDEE, PARENT, REVIEW)
LABELS = {
    FULL: "Full record",
    ATTENDEE: "Copy for meeting participants",
    PARENT: "Copy for a parent (restricted information withheld)",
    REVIEW: "Draft for comment by participants",
}
WITHHELD_FROM_PARENTS = frozenset({"police_sensitive", "health_confidential", "third_party"})
RESTRICTION_LABELS = dict(spec.RESTRICTIONS.options)
WITHHELD_TEXT = "(withheld)"


@dataclass(frozen=True)
class Withheld:
    """One item left out of a copy: where it was, and why. Never what it said."""

    kind: str
    item_id: str  # "" for a whole section (Think Family, grooming, support, outcome)
    number: int  # 1-based position in its section, as a reader counts
    restriction: str

    @property
    def item(self) -> str:
        return f"Item {self.number}" if self.item_id else "The whole section"

    @property
    def section(self) -> str:
        return spec.kind(self.kind).label

    @property
    def reason(self) -> str:
        return RESTRICTION_LABELS.get(self.restriction, self.restriction)


@dataclass
class View:
    """A meeting as one audience may see it: the items kept, and a note of those left out."""

    audience: str
    meeting: Meeting
    withheld: list[Withheld] = field(default_factory=list)
    left_out_kinds: frozenset[str] = frozenset()

    @property
    def withheld_ids(self) -> set[str]:
        return {w.item_id for w in self.withheld if w.item_id}

    def section_withheld(self, kind: str) -> Withheld | None:
        return next((w for w in self.withheld if w.kind == kind and not w.item_id), None)

    @property
    def shows_contacts(self) -> bool:
        return self.audience != PARENT

    @property
    def is_draft_for_comment(self) -> bool:
        return self.audience == REVIEW


def check_audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    return audience


def _keeps(audience: str, restriction: str | None) -> bool:
    return audience != PARENT or restriction not in WITHHELD_FROM_PARENTS


def view(meeting: Meeting, audience: str) -> View:
    """The audience's copy of the meeting (a new Meeting; the original is not touched)."""
    check_audience(audience)
    left_out = frozenset({"overrides"} if audience in (ATTENDEE, PARENT) else ())
    items: dict[str, list[Item[Any]]] = {}
    withheld: list[Withheld] = []
    sections: dict[str, dict[str, Any]] = {}
    for k in spec.SECTIONS:  # a withheld section keeps only where it came from and why
        record = dict(meeting.section(k.name))
        if k.restrictable and not _keeps(audience, record["restriction"]):
            withheld.append(Withheld(k.name, "", 1, record["restriction"]))
            record = {name: record[name] for name in ("source_agency", "restriction")}
        sections[k.name] = record
    for k in spec.LISTS:
        kept = []
        for n, item in enumerate(meeting.items_of(k.name), start=1):
            if k.name not in left_out and _keeps(audience, restriction(item)):
                kept.append(item)
            elif k.name not in left_out:
                withheld.append(Withheld(k.name, item.id, n, item.data["restriction"]))
        items[k.name] = kept
    copy = Meeting(
        meeting.id,
        meeting.status,
        sections,
        items,
        meeting.created_at,
        meeting.updated_at,
        meeting.deleted_at,
    )
    return View(audience, copy, withheld, left_out)


def audience_preview(meeting: Meeting, audience: str) -> list[tuple[str, int, int]]:
    """(section label, items included, items withheld) in the order the minutes run.

    A section record counts as one item. A section the audience does not get at all counts
    all its items as withheld. For the GUI to show before export what each copy holds.
    """
    v = view(meeting, audience)
    out = []
    for k in spec.KINDS:
        if not k.is_list:
            gone = v.section_withheld(k.name) is not None
            out.append((k.label, 0 if gone else 1, 1 if gone else 0))
        elif k.name in v.left_out_kinds:
            out.append((k.label, 0, len(meeting.items_of(k.name))))
        else:
            out.append(
                (
                    k.label,
                    len(v.meeting.items_of(k.name)),
                    sum(1 for w in v.withheld if w.kind == k.name),
                )
            )
    return out
