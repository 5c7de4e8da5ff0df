"""The family map's households and people: who is drawn where, and with which badges.

Boxes have fixed sizes (a badge wraps by a count of characters), so placing them needs no
font: a column of boxes per household, adults above children, households side by side in
bands. `family_layout` adds the lines and the key and is what painters call.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

from strategy_minutes.desktop.meeting.fieldtypes import parse_date
from strategy_minutes.desktop.meeting.item import Item
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.plane import Point, Rect
from strategy_minutes.desktop.meeting.records import Person
from strategy_minutes.desktop.meeting.text_measure import TextStyle

ELSEWHERE = "Elsewhere / no household"
EMPTY_HOUSEHOLD = "No one recorded as living here"
NO_PEOPLE = "No people recorded yet: add them under People."

# Geometry in scene units (pixels at 100%): fixed so that boxes need no font metrics.
NODE_W = 248.0
PAD = 8.0
NAME_H = 22.0
DETAIL_H = 18.0
BADGE_H = 21.0  # one line
BADGE_LINE = 15.0  # each further line
BADGE_CHARS = 30  # fit on one line of a badge, with room to spare
BADGE_GAP = 4.0
BADGE_INSET = 7.0  # text from a badge's left and right edges
H_GAP = 28.0  # between people side by side
V_GAP = 76.0  # between rows of people: room for relationship lines and labels
BOTTOM_PAD = 58.0  # below the last row: room for lines between people side by side
GROUP_PAD = 18.0
TITLE_H = 44.0  # household name and address
GROUP_GAP = 56.0
MAX_COLUMNS = 3  # people per row inside a household
MAX_GROUPS_PER_ROW = 4
SELECTION = 4.0  # room around a person for the outline of the one chosen
OUTLINE = 1.6  # width of a household's outline
MARGIN = 16.0  # around the whole picture

# The text styles, in pixels: names and titles bold, details plain.
NAME = TextStyle(15, bold=True)
DETAIL = TextStyle(13)
BADGE = TextStyle(12, bold=True)
TITLE = TextStyle(16, bold=True)
SUBTITLE = TextStyle(13)
EMPTY = TextStyle(13)
LABEL = TextStyle(12)
KEY = TextStyle(13, bold=True)
KEY_CHIP = TextStyle(12, bold=True)
NOTE = TextStyle(13)
NOTHING = TextStyle(15)

# Tones: (fill, text). Each badge also says what it means in words.
TONES: dict[str, tuple[str, str]] = {
    "subject_child": ("#1f4e9c", "#ffffff"),
    "sibling": ("#1d6f5a", "#ffffff"),
    "alleged_perpetrator": ("#6a1b9a", "#ffffff"),
    "non_abusing_parent": ("#2e6b30", "#ffffff"),
    "rso": ("#b00020", "#ffffff"),
    "prison": ("#37474f", "#ffffff"),
    "mappa": ("#b34a00", "#ffffff"),
    "convictions": ("#7a1c1c", "#ffffff"),
    "concerns": ("#f2c744", "#202020"),
    "responsibility": ("#dde3ea", "#1a2530"),
}
ROLE_BADGES = {
    "subject_child": "Subject child",
    "sibling": "Sibling",
    "non_abusing_parent": "Non-abusing parent or carer",
}
CATEGORY_LABELS = {"child": "Child", "adult": "Adult", "unborn": "Unborn baby"}


@dataclass(frozen=True)
class Badge:
    text: str
    tone: str

    @property
    def lines(self) -> list[str]:
        """Wrapped by a generous character count, so layout needs no font metrics."""
        return textwrap.wrap(self.text, BADGE_CHARS) or [""]

    @property
    def height(self) -> float:
        return BADGE_H + BADGE_LINE * (len(self.lines) - 1)

    @property
    def fill(self) -> str:
        return TONES[self.tone][0]

    @property
    def ink(self) -> str:
        return TONES[self.tone][1]


LEGEND_BADGES = (
    Badge("Subject child", "subject_child"),
    Badge("Sibling", "sibling"),
    Badge("Alleged perpetrator", "alleged_perpetrator"),
    Badge("Non-abusing parent or carer", "non_abusing_parent"),
    Badge("Registered sex offender", "rso"),
    Badge("In prison", "prison"),
    Badge("MAPPA", "mappa"),
    Badge("Convictions recorded", "convictions"),
    Badge("Concerns without conviction", "concerns"),
    Badge("Parental responsibility", "responsibility"),
)


@dataclass(frozen=True)
class PersonBox:
    id: str
    name: str
    detail: str  # category and age, e.g. "Child, aged 10"
    category: str
    badges: tuple[Badge, ...]
    group: str  # id of the household box it is drawn in ("" for no household)
    x: float
    y: float
    w: float
    h: float

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, self.w, self.h)

    @property
    def shown_name(self) -> str:
        return self.name or "Unnamed person"

    @property
    def summary(self) -> str:
        """One sentence for tooltips and screen readers."""
        parts = [self.shown_name, self.detail] + [b.text for b in self.badges]
        return "; ".join(parts) + "."

    @property
    def name_rect(self) -> Rect:
        return Rect(self.x + PAD, self.y + PAD, self.w - 2 * PAD, NAME_H)

    @property
    def detail_rect(self) -> Rect:
        return Rect(self.x + PAD, self.y + PAD + NAME_H, self.w - 2 * PAD, DETAIL_H)

    def badge_rects(self) -> list[tuple[Badge, Rect]]:
        """Each badge with where it goes: stacked under the name and detail."""
        out, top = [], self.y + PAD + NAME_H + DETAIL_H + BADGE_GAP
        for badge in self.badges:
            out.append((badge, Rect(self.x + PAD, top, self.w - 2 * PAD, badge.height)))
            top += badge.height + BADGE_GAP
        return out


@dataclass(frozen=True)
class GroupBox:
    id: str  # household id, or "" for people with no household
    title: str
    subtitle: str
    empty: bool  # no one recorded as living there
    x: float
    y: float
    w: float
    h: float

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, self.w, self.h)

    @property
    def elsewhere(self) -> bool:
        return not self.id

    @property
    def title_at(self) -> Point:
        return Point(self.x + GROUP_PAD, self.y + 8)

    @property
    def subtitle_at(self) -> Point:
        return Point(self.x + GROUP_PAD, self.y + 30)

    @property
    def empty_at(self) -> Point:
        return Point(self.x + GROUP_PAD, self.y + TITLE_H + GROUP_PAD)

    @property
    def text_width(self) -> float:
        return self.w - 2 * GROUP_PAD

    @property
    def tooltip(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


def _uk_date(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def age_text(date_of_birth: str | None, today: date) -> str:
    """Age in whole years (months under two), as a chair says it."""
    try:
        born = parse_date(date_of_birth) if date_of_birth else None
    except ValueError:
        born = None
    if born is None:
        return "age not recorded"
    if born > today:
        return f"born {_uk_date(born)}?"
    months = (today.year - born.year) * 12 + today.month - born.month - (today.day < born.day)
    return f"aged {months // 12}" if months >= 24 else f"aged {months} months"


def _detail(p: Item[Person], today: date) -> str:
    category = p.data["category"] or ""
    label = CATEGORY_LABELS.get(category, "Category not recorded")
    if category == "unborn":
        try:
            due = parse_date(p.data["expected_date"]) if p.data["expected_date"] else None
        except ValueError:
            due = None
        return f"{label}, due {_uk_date(due)}" if due else f"{label}, due date not recorded"
    return f"{label}, {age_text(p.data['date_of_birth'], today)}"


def badges(p: Item[Person]) -> tuple[Badge, ...]:
    """Role and risk flags of a person, most serious risk first after the role, then whether
    they have parental responsibility."""
    out: list[Badge] = []
    role = p.data["role"]
    if role == "alleged_perpetrator":
        who = "child" if p.data["category"] in ("child", "unborn") else "adult"
        out.append(Badge(f"Alleged perpetrator ({who})", "alleged_perpetrator"))
    elif role in ROLE_BADGES:
        out.append(Badge(ROLE_BADGES[role], role))
    if p.data["registered_sex_offender"]:
        out.append(Badge("Registered sex offender", "rso"))
    if p.data["in_prison"]:
        out.append(
            Badge(f"In prison: {p.data['prison']}" if p.data["prison"] else "In prison", "prison")
        )
    category, level = p.data["mappa_category"], p.data["mappa_level"]
    if (category and category != "none") or level:
        words = [
            f"category {category}" if category and category != "none" else "",
            f"level {level}" if level else "",
        ]
        out.append(Badge("MAPPA " + ", ".join(w for w in words if w), "mappa"))
    if (p.data["convictions"] or "").strip():
        out.append(Badge("Convictions recorded", "convictions"))
    if (p.data["concerns_without_conviction"] or "").strip():
        out.append(Badge("Concerns without conviction", "concerns"))
    if p.data["parental_responsibility"]:  # who consents and who must be told
        out.append(Badge("Parental responsibility", "responsibility"))
    return tuple(out)


def _node_height(flags: tuple[Badge, ...]) -> float:
    return 2 * PAD + NAME_H + DETAIL_H + sum(b.height + BADGE_GAP for b in flags)


def _tiers(
    members: list[Item[Person]],
) -> tuple[list[list[Item[Person]]], list[list[Item[Person]]]]:
    """Adults on top, children and unborn babies below; each row at most MAX_COLUMNS wide."""
    adults = [p for p in members if p.data["category"] == "adult"]
    young = [p for p in members if p.data["category"] != "adult"]
    return (
        [adults[i : i + MAX_COLUMNS] for i in range(0, len(adults), MAX_COLUMNS)],
        [young[i : i + MAX_COLUMNS] for i in range(0, len(young), MAX_COLUMNS)],
    )


def group_width(members: list[Item[Person]]) -> float:
    adults, young = _tiers(members)
    columns = max([len(r) for r in adults + young] + [1])
    return 2 * GROUP_PAD + columns * NODE_W + (columns - 1) * H_GAP


def households(
    meeting: Meeting,
) -> tuple[list[tuple[str, str, str]], dict[str, list[Item[Person]]]]:
    """The group boxes in order (id, title, subtitle), and who is drawn in each."""
    homes = meeting.households
    known = {h.id for h in homes}
    members: dict[str, list[Item[Person]]] = {h.id: [] for h in homes}
    elsewhere: list[Item[Person]] = []
    for p in meeting.people:
        (members[p.data["household"]] if p.data["household"] in known else elsewhere).append(p)
    groups_in = [
        (h.id, h.data["name"] or "Unnamed household", h.data["address"] or "") for h in homes
    ]
    if elsewhere:
        groups_in.append(("", ELSEWHERE, "No household recorded for them"))
        members[""] = elsewhere
    return groups_in, members


@dataclass(frozen=True)
class Placement:
    """Households and people placed; lines, labels and key not yet."""

    groups: tuple[GroupBox, ...]
    people: tuple[PersonBox, ...]
    width: float
    height: float


def place(meeting: Meeting, today: date, band_width: float) -> Placement:
    """Households side by side share their rows (adults, then children), so every line from an
    adult to a child runs through the gap between the rows and never under another person.
    Households go side by side in bands no wider than `band_width`.
    """
    groups_in, members = households(meeting)
    bands: list[list[tuple[str, str, str]]] = []
    used = 0.0
    for g in groups_in:
        w = group_width(members[g[0]])
        if bands and len(bands[-1]) < MAX_GROUPS_PER_ROW and used + GROUP_GAP + w <= band_width:
            bands[-1].append(g)
            used += GROUP_GAP + w
        else:
            bands.append([g])
            used = w

    groups: list[GroupBox] = []
    people: list[PersonBox] = []
    top = 0.0
    for band in bands:
        tiers = {gid: _tiers(members[gid]) for gid, _, _ in band}
        n_adult = max(len(a) for a, _ in tiers.values())
        n_young = max(len(y) for _, y in tiers.values())
        rows = {
            gid: a + [[]] * (n_adult - len(a)) + y + [[]] * (n_young - len(y))
            for gid, (a, y) in tiers.items()
        }
        heights = [
            max([_node_height(badges(p)) for g in rows.values() for p in g[k]] + [BADGE_H])
            for k in range(n_adult + n_young)
        ]
        group_h = TITLE_H + GROUP_PAD + sum(heights) + V_GAP * max(len(heights) - 1, 0) + BOTTOM_PAD
        x = 0.0
        for gid, title, subtitle in band:
            columns = max([len(r) for r in rows[gid]] + [1])
            y = top + TITLE_H + GROUP_PAD
            for row, height in zip(rows[gid], heights, strict=True):
                for col, p in enumerate(row):
                    b = badges(p)
                    people.append(
                        PersonBox(
                            p.id,
                            p.data["name"] or "",
                            _detail(p, today),
                            p.data["category"] or "",
                            b,
                            gid,
                            x + GROUP_PAD + col * (NODE_W + H_GAP),
                            y,
                            NODE_W,
                            _node_height(b),
                        )
                    )
                y += height + V_GAP
            w = 2 * GROUP_PAD + columns * NODE_W + (columns - 1) * H_GAP
            groups.append(GroupBox(gid, title, subtitle, not members[gid], x, top, w, group_h))
            x += w + GROUP_GAP
        top += group_h + GROUP_GAP
    width = max([g.x + g.w for g in groups] + [0.0])
    height = max([g.y + g.h for g in groups] + [0.0])
    return Placement(tuple(groups), tuple(people), width, height)
