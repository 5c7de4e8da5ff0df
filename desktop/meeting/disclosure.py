"""What the copy for a parent shares, what it withholds, and why: the disclosure review.

Closed by default for what is sensitive by nature. Each field of the spec has a disclosure
class (`spec.DISCLOSURE`); a withheld-by-default field, or a whole item of a withheld-by-default
kind, stays out of the copy until the chair releases it with a reason. The chair may also
withhold any item or field that would be shared. An item's restriction (police-sensitive,
health-confidential, third-party) always withholds it: the chair changes the restriction to
share it. People whom a decision says must not be told yet are withheld, names and all.

Free text that would be shared is then scanned for the names of people who are withheld or
not yet to be told, and for passages of withheld text. A hit withholds that field until the
chair decides it, and stops an export from the command line.

The chair's decisions are items of the meeting (`spec.DISCLOSURE_DECISIONS`), so they are
audited like any edit and signed with the record: a signed copy uses exactly the decisions
that were signed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import LongText, Text
from strategy_minutes.desktop.meeting.model import Meeting

from strategy_minutes.folding import fold, plain

SHARE, WITHHOLD = "share", "withhold"
SIGNED = "signed"
# Kinds no copy for a parent carries at all: the chair's own working records.
NOT_FOR_PARENTS = frozenset(k.name for k in spec.KINDS if spec.item_disclosure(k).standing)
RESTRICTION_LABELS = dict(spec.RESTRICTIONS.options)
WITHHELD_RESTRICTIONS = frozenset({"police_sensitive", "health_confidential", "third_party"})
FREE_TEXT = (Text, LongText)
PROPER_NAME_CLASSES = frozenset(
    {"police_hold", "investigation_plan", "adult_risk", "adult_risk_record"}
)
FOLLOWS = {"action_history": "action"}  # kind -> the field naming the item it belongs to
NOT_SCANNED = frozenset({"attendees"})  # professionals' names and teams are not the family's
MIN_PASSAGE = 20  # characters: a withheld passage shorter than this is too common to search
TITLE_CHARS = 70  # of an item's name in `place`: two people's names and the tie between them


@dataclass(frozen=True)
class Entry:
    """One thing the chair may be asked about: an item (field "") or one field of it.

    `target` is the item's id, or the section's name for a section. `source` says what
    decided it: "restriction", "default" (its disclosure class), "chair", "hit" (the scan),
    "standing" (never shared; nothing to decide) or "shared" (a whole item shared by default).
    """

    kind: str
    target: str
    field: str
    shared: bool
    reason: str
    source: str
    hit: str = ""  # what the scan found, as a sentence for the chair; empty when nothing
    discreet: bool = False  # the copy may not say what this is (spec.Disclosure.discreet)

    @property
    def decidable(self) -> bool:
        return self.source not in ("restriction", "standing")

    @property
    def undecided(self) -> bool:
        """Withheld only by default (or by the scan) and not yet confirmed by the chair."""
        return self.source in ("default", "hit")

    @property
    def label(self) -> str:
        k = spec.kind(self.kind)
        return k.field(self.field).label if self.field else k.label


@dataclass
class Review:
    """Every withheld item and field of a meeting's copy for a parent, and every item shared."""

    meeting: Meeting
    entries: list[Entry] = field(default_factory=list)

    @property
    def withheld(self) -> list[Entry]:
        return [e for e in self.entries if not e.shared]

    def withheld_whole(self) -> set[str]:
        return {e.target for e in self.withheld if not e.field}

    def withheld_fields(self, target: str) -> set[str]:
        return {e.field for e in self.withheld if e.field and e.target == target}

    def undecided(self) -> list[Entry]:
        """Withheld by default or by a scan hit, with no decision of the chair's yet."""
        return [e for e in self.withheld if e.source == "default"]

    def hits(self) -> list[Entry]:
        return [e for e in self.withheld if e.source == "hit"]

    def place(self, e: Entry) -> str:
        """Where an entry is in the full record, for the chair: section, item, field."""
        k = spec.kind(e.kind)
        parts = [k.label]
        if k.is_list:
            item = self.meeting.find(e.target)
            n = next((n for n, i in enumerate(self.meeting.items_of(e.kind), 1) if i is item), 0)
            title = self.meeting.title(item)
            title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"
            parts.append(f"item {n}" + (f" ({title})" if title else ""))
        if e.field:
            parts.append(k.field(e.field).label)
        return ", ".join(parts)


def decisions(m: Meeting) -> dict[tuple[str, str], str]:
    """(target, field) -> "share" or "withhold", as the chair decided; field "" for an item."""
    return {
        (d.data["target"] or "", d.data["field"] or ""): d.data["decision"] or ""
        for d in m.items_of(spec.DISCLOSURE_DECISIONS.name)
        if d.data["decision"]
    }


def not_yet_told(m: Meeting) -> set[str]:
    """Ids of the people any decision says must not be told yet."""
    return {p for d in m.decisions for p in d.data["not_yet_told"] or []}


def _records(m: Meeting, k: spec.Kind) -> Iterator[tuple[str, dict[str, Any]]]:
    if k.is_list:
        yield from ((i.id, dict(i.data)) for i in m.items_of(k.name))
    else:
        yield k.name, m.section(k.name)


def _whole(
    m: Meeting, k: spec.Kind, target: str, data: dict[str, Any], chosen: dict[Any, str]
) -> Entry:
    restriction = data.get("restriction") if k.restrictable else None
    if restriction in WITHHELD_RESTRICTIONS:
        reason = RESTRICTION_LABELS[restriction]
        return Entry(k.name, target, "", False, reason, "restriction")
    cls = spec.item_disclosure(k)
    if cls.standing:
        return Entry(k.name, target, "", False, cls.reason, "standing")
    decided = chosen.get((target, ""))
    if decided:
        return Entry(k.name, target, "", decided == SHARE, "Decided by the chair", "chair")
    if cls.withheld:
        return Entry(k.name, target, "", False, cls.reason, "default", "", cls.discreet)
    if k.name == "people" and target in not_yet_told(m):
        reason = "A decision says this person must not be told yet"
        return Entry(k.name, target, "", False, reason, "default", discreet=True)
    return Entry(k.name, target, "", True, "", "shared")


def _fields(
    k: spec.Kind, target: str, data: dict[str, Any], chosen: dict[Any, str], signed: bool
) -> Iterator[Entry]:
    for f in k.all_fields():
        if f.type.is_empty(data.get(f.name)):
            continue  # nothing there to share or to withhold
        cls = spec.disclosure(k.name, f.name)
        decided = chosen.get((target, f.name))
        if cls.standing:
            yield Entry(k.name, target, f.name, False, cls.reason, "standing")
        elif decided == SHARE and cls.after_signing and not signed:
            reason = f"{cls.reason} (released, to be shared once the minutes are signed)"
            yield Entry(k.name, target, f.name, False, reason, "chair")
        elif decided:
            shared = decided == SHARE
            reason = "Decided by the chair"
            yield Entry(k.name, target, f.name, shared, reason, "chair", "", cls.discreet)
        elif cls.withheld:
            yield Entry(k.name, target, f.name, False, cls.reason, "default", "", cls.discreet)


def _norm(text: str) -> str:
    return " ".join(fold(text).split())


_PROPER = re.compile(r"\b(?:[A-Z][\w'’-]*\s+)+[A-Z][\w'’-]*")


def _passages(text: str, proper_names: bool) -> list[str]:
    """What of a withheld text would give it away elsewhere: its sentences and lines long
    enough to recognise and, for text withheld by its nature (a prison, an interview suite),
    its proper names of two words or more ("HMP Eastmoor")."""
    pieces = [_norm(p) for p in re.split(r"[.;:!?\n]+", text)]
    names = [_norm(m.group()) for m in _PROPER.finditer(text)] if proper_names else []
    return [p for p in pieces if len(p) >= MIN_PASSAGE] + [n for n in names if len(n) >= 6]


def _name_patterns(name: str) -> list[re.Pattern[str]]:
    """The full name in any case, and the given name on its own as a name is written
    (capitalised, or in capitals: "Hope" and "HOPE", not "hope"), as whole words of text
    without accents (`folding.plain`), because a note spells a name as it was heard."""
    words = plain(name).split()
    if not words:
        return []
    out = [re.compile(rf"(?<!\w){re.escape(' '.join(words))}(?!\w)", re.IGNORECASE)]
    given = words[0]
    if len(words) > 1 and len(given) >= 3:
        written = "|".join(re.escape(w) for w in dict.fromkeys((given, given.upper())))
        out.append(re.compile(rf"(?<!\w)(?:{written})(?!\w)"))
    return out


def _scan(m: Meeting, entries: list[Entry], chosen: dict[Any, str]) -> list[Entry]:
    """Fields of shared items whose free text names a withheld person or repeats withheld text."""
    whole = {e.target for e in entries if not e.field and not e.shared}
    gone_fields = {(e.target, e.field) for e in entries if e.field and not e.shared}
    told_not = not_yet_told(m)
    names: list[tuple[str, str, list[re.Pattern[str]]]] = []
    for p in m.people:
        name = (p.data["name"] or "").strip()
        if name and (p.id in whole or p.id in told_not):
            why = "must not be told yet" if p.id in told_not else "is withheld from this copy"
            names.append((name, why, _name_patterns(name)))
    by_nature = {(e.target, e.field) for e in entries if _names_give_away(e)}
    passages: list[tuple[str, str]] = []
    for k in spec.KINDS:
        for target, data in _records(m, k):
            for f in k.all_fields():
                value = data.get(f.name)
                gone = target in whole or (target, f.name) in gone_fields
                if gone and isinstance(f.type, FREE_TEXT) and isinstance(value, str):
                    sensitive = (target, "") in by_nature or (target, f.name) in by_nature
                    found = _passages(value, proper_names=sensitive)
                    passages += [(p, f"{k.label}, {f.label}") for p in found]
    common = {  # the same words shown elsewhere anyway ("Safeguarding line, staffed...")
        _norm(v)
        for k in spec.KINDS
        for target, data in _records(m, k)
        if target not in whole
        for f in k.all_fields()
        if isinstance(v := data.get(f.name), str) and (target, f.name) not in gone_fields
    }
    passages = [(p, where) for p, where in passages if p not in common]
    hits = []
    for k in spec.KINDS:
        for target, data in _records(m, k):
            if target in whole or k.name in NOT_FOR_PARENTS or k.name in NOT_SCANNED:
                continue
            for f in k.all_fields():
                value = data.get(f.name)
                if (
                    f.name == k.title_field == "name"  # a person's own name: see `names`
                    or not isinstance(f.type, FREE_TEXT)
                    or not isinstance(value, str)
                    or (target, f.name) in gone_fields
                    or (target, f.name) in chosen
                ):
                    continue
                hit = _found(value, names, passages)
                if hit:
                    hits.append(Entry(k.name, target, f.name, False, hit, "hit", hit, True))
    return hits


def _names_give_away(e: Entry) -> bool:
    """Whether the proper names in an entry's text are themselves what is withheld: a prison,
    an interview suite, a police hold; not an address, whose street a school may share."""
    if e.source != "default":
        return False
    k = spec.kind(e.kind)
    cls = spec.disclosure(k.name, e.field) if e.field else spec.item_disclosure(k)
    return cls.name in PROPER_NAME_CLASSES


def _found(
    text: str, names: list[tuple[str, str, list[re.Pattern[str]]]], passages: list[tuple[str, str]]
) -> str:
    flat = plain(text)
    for name, why, patterns in names:
        if any(p.search(flat) for p in patterns):
            return f"Names {name}, who {why}"
    normal = _norm(text)
    for passage, where in passages:
        if passage in normal:
            return f"Repeats withheld text ({where})"
    return ""


def review(m: Meeting) -> Review:
    """The copy for a parent of this meeting: each item and field withheld, and why."""
    chosen: dict[Any, str] = decisions(m)
    signed = m.status == SIGNED
    entries: list[Entry] = []
    for k in spec.KINDS:
        for target, data in _records(m, k):
            whole = _whole(m, k, target, data, chosen)
            entries.append(whole)
            if whole.shared:
                entries += _fields(k, target, data, chosen, signed)
    entries = _following(m, entries)
    hits = _scan(m, entries, chosen)
    return Review(m, _in_order(entries + hits))


def _following(m: Meeting, entries: list[Entry]) -> list[Entry]:
    """Items that only say more about another item (an action's history) go where it goes."""
    gone = {e.target for e in entries if not e.field and not e.shared}
    out = []
    for e in entries:
        ref = FOLLOWS.get(e.kind)
        item = m.find(e.target) if ref and e.shared and not e.field else None
        if item is not None and item.data[ref] in gone:
            e = Entry(e.kind, e.target, "", False, "Follows the item it is about", "standing")
        out.append(e)
    return out


def _in_order(entries: list[Entry]) -> list[Entry]:
    """Entries in the order the record runs: kind, item, then fields as the spec lists them."""
    kinds = {k.name: n for n, k in enumerate(spec.KINDS)}
    fields = {(k.name, f.name): n for k in spec.KINDS for n, f in enumerate(k.all_fields())}
    first: dict[tuple[str, str], int] = {}
    for n, e in enumerate(entries):
        first.setdefault((e.kind, e.target), n)
    return sorted(
        entries,
        key=lambda e: (
            kinds[e.kind],
            first[(e.kind, e.target)],
            fields[(e.kind, e.field)] + 1 if e.field else 0,
        ),
    )
