"""Who a copy of the minutes is for, and therefore what it leaves out.

- `full`: the record the local authority keeps. Everything.
- `review`: the draft of that record sent to attendees for comment. Same content as `full`,
  marked DRAFT, with a bookmark on every item so returned comments find their item.
- `attendee`: the copy circulated to the professionals who took part. Same content as
  `full` except the findings the chair overrode: those are the app's own quality checks and
  the chair's reasons, kept on the full record for managers and audit, not for circulation.
- `parent`: the copy for a parent (for example after a subject access request). What it
  shares is decided by the disclosure review (`desktop.meeting.disclosure`): closed by default
  for what is sensitive by nature, each exception decided by the chair. It ends with a list
  of what was withheld and why (which section, which item as this copy names it, which
  field; never the withheld text). References from a shown item to a withheld one read
  "(withheld)"; a withheld field of a shown item reads "(withheld)" where the copy shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strategy_minutes.desktop.meeting import disclosure, spec
from strategy_minutes.desktop.meeting.model import Item, Meeting

FULL, ATTENDEE, PARENT, REVIEW = "full", "attendee", "parent", "review"
AUDIENCES = (FULL, ATTENDEE, PARENT, REVIEW)
LABELS = {
    FULL: "Full record",
    ATTENDEE: "Copy for meeting participants",
    PARENT: "Copy for a parent (restricted information withheld)",
    REVIEW: "Draft for comment by participants",
}
RESTRICTION_LABELS = dict(spec.RESTRICTIONS.options)
WITHHELD_TEXT = "(withheld)"
DISCREET_PLACE, DISCREET_SECTION = "Parts of the record", "Other sections"
DISCREET_REASON = "Withheld to protect enquiries or another person's information"
NUMBERED = {"actions": "action"}  # lists whose items the minutes number, and what they call one


@dataclass(frozen=True)
class Withheld:
    """One item or field left out of a copy: where it was, and why. Never what it said."""

    kind: str
    item_id: str  # the item's id; "" for a whole section or a field of a section
    field: str  # "" for a whole item or section
    item: str  # where it was, as this copy names it ("The whole section", "Action 2: Due")
    reason: str
    discreet: bool = False  # listed only as "parts of the record", never by section

    @property
    def section(self) -> str:
        return DISCREET_SECTION if self.discreet else spec.kind(self.kind).label


@dataclass
class View:
    """A meeting as one audience may see it: the items kept, and a note of those left out."""

    audience: str
    meeting: Meeting
    withheld: list[Withheld] = field(default_factory=list)
    left_out_kinds: frozenset[str] = frozenset()

    @property
    def withheld_ids(self) -> set[str]:
        return {w.item_id for w in self.withheld if w.item_id and not w.field}

    def withheld_field(self, item_id: str, name: str) -> bool:
        return any(w.item_id == item_id and w.field == name for w in self.withheld)

    def section_withheld(self, kind: str) -> Withheld | None:
        return next(
            (w for w in self.withheld if w.kind == kind and not w.item_id and not w.field), None
        )

    def listed(self) -> list[Withheld]:
        """The withheld list as the copy prints it: discreet entries as one last line, so
        not even the section they came from is told."""
        plain = [w for w in self.withheld if not w.discreet]
        hidden = [Withheld("", "", "", DISCREET_PLACE, DISCREET_REASON, True)]
        return plain + (hidden if len(plain) < len(self.withheld) else [])

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


def _copy(meeting: Meeting, sections: dict[str, Any], items: dict[str, list[Item[Any]]]) -> Meeting:
    return Meeting(
        meeting.id,
        meeting.status,
        sections,
        items,
        meeting.created_at,
        meeting.updated_at,
        meeting.deleted_at,
    )


def view(meeting: Meeting, audience: str) -> View:
    """The audience's copy of the meeting (a new Meeting; the original is not touched)."""
    check_audience(audience)
    if audience == PARENT:
        return parent_view(meeting, disclosure.review(meeting))
    left_out = frozenset(disclosure.NOT_FOR_PARENTS if audience == ATTENDEE else {"disclosure"})
    items = {
        k.name: [] if k.name in left_out else list(meeting.items_of(k.name)) for k in spec.LISTS
    }
    sections = {k.name: dict(meeting.section(k.name)) for k in spec.SECTIONS}
    return View(audience, _copy(meeting, sections, items), [], left_out)


def parent_view(meeting: Meeting, review: disclosure.Review) -> View:
    """The copy for a parent as the review decides it: withheld items gone, withheld fields
    empty, and the list of what was withheld in the copy's own numbering."""
    whole = review.withheld_whole()
    sections: dict[str, dict[str, Any]] = {}
    for k in spec.SECTIONS:  # a withheld section keeps only where it came from and why
        record = dict(meeting.section(k.name))
        if k.name in whole:
            record = {name: record[name] for name in ("source_agency", "restriction")}
        else:
            for name in review.withheld_fields(k.name):
                record[name] = k.field(name).type.empty()
        sections[k.name] = record
    items: dict[str, list[Item[Any]]] = {}
    for k in spec.LISTS:
        items[k.name] = [
            Item(i.id, k.name, _blanked(k, i.data, review.withheld_fields(i.id)))
            for i in meeting.items_of(k.name)
            if i.id not in whole
        ]
    copy = _copy(meeting, sections, items)
    withheld = [
        _withheld(meeting, copy, e)
        for e in review.withheld
        if e.source != "standing" and e.kind not in disclosure.NOT_FOR_PARENTS
    ]
    return View(PARENT, copy, withheld, disclosure.NOT_FOR_PARENTS)


def _blanked(k: spec.Kind, data: Any, names: set[str]) -> dict[str, Any]:
    return {
        name: k.field(name).type.empty() if name in names else value for name, value in data.items()
    }


def _withheld(meeting: Meeting, copy: Meeting, e: disclosure.Entry) -> Withheld:
    """Where a withheld entry was, named as the copy for a parent names things."""
    k = spec.kind(e.kind)
    if e.discreet:
        return Withheld(e.kind, e.target, e.field, DISCREET_PLACE, DISCREET_REASON, True)
    if not k.is_list:
        where = k.field(e.field).label if e.field else "The whole section"
        return Withheld(e.kind, "", e.field, where, e.reason)
    word = NUMBERED.get(k.name, "item")
    shown = [i.id for i in copy.items_of(k.name)]
    if not e.field:  # not in the copy: say where it would have been among those shown
        before = [i.id for i in meeting.items_of(k.name)]
        after = sum(1 for i in before[: before.index(e.target)] if i in shown)
        where = f"One {word}" + (f", after {word} {after} of this copy" if after else "")
        return Withheld(e.kind, e.target, "", where, e.reason)
    n = shown.index(e.target) + 1
    title = copy.title(copy.find(e.target)) if k.name not in NUMBERED else ""
    where = f"{title or f'{word.capitalize()} {n}'}: {k.field(e.field).label}"
    return Withheld(e.kind, e.target, e.field, where, e.reason)


def audience_preview(meeting: Meeting, audience: str) -> list[tuple[str, int, int]]:
    """(section label, items included, items withheld) in the order the minutes run.

    A section record counts as one item. A section the audience does not get at all counts
    all its items as withheld. For the GUI to show before export what each copy holds.
    """
    v = view(meeting, audience)
    out = []
    for k in spec.KINDS:
        if not k.in_editor:
            continue
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
                    sum(1 for w in v.withheld if w.kind == k.name and w.item_id and not w.field),
                )
            )
    return out
