"""The family map: households as groups, people as nodes, relationships as lines, risk visible.

A chair reads it at a glance in the room, so the layout is deterministic (a column of boxes per
household, adults above children), every colour comes with words (never colour alone), and
the picture is rebuilt from the meeting whenever the data changes. `layout` is the pure
geometry; `render_image` draws the same picture offscreen so the minutes can carry it.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)
from strategy_minutes.desktop.meeting.fieldtypes import parse_date
from strategy_minutes.desktop.meeting.model import Item, Meeting

ELSEWHERE = "Elsewhere / no household"

# Geometry in scene units (pixels at 100%): fixed so that the layout needs no font metrics.
NODE_W = 248.0
PAD = 8.0
NAME_H = 22.0
DETAIL_H = 18.0
BADGE_H = 21.0  # one line
BADGE_LINE = 15.0  # each further line
BADGE_CHARS = 30  # fit on one line of a badge, with room to spare
BADGE_GAP = 4.0
H_GAP = 28.0  # between people side by side
V_GAP = 76.0  # between rows of people: room for relationship lines and labels
BOTTOM_PAD = 58.0  # below the last row: room for lines between people side by side
GROUP_PAD = 18.0
TITLE_H = 44.0  # household name and address
GROUP_GAP = 56.0
MAX_COLUMNS = 3  # people per row inside a household
MAX_GROUPS_PER_ROW = 4

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
SYMMETRIC = {"partner", "sibling", "half_sibling", "cousin", "other"}
LINK_LABELS = {
    "parent": "parent of",
    "step_parent": "step-parent of",
    "partner": "partners",
    "sibling": "siblings",
    "half_sibling": "half-siblings",
    "grandparent": "grandparent of",
    "aunt_uncle": "aunt/uncle of",
    "cousin": "cousins",
    "other": "related",
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
    def summary(self) -> str:
        """One sentence for tooltips and screen readers."""
        parts = [self.name or "Unnamed person", self.detail] + [b.text for b in self.badges]
        return "; ".join(parts) + "."


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


@dataclass(frozen=True)
class LinkLine:
    id: str
    source: str  # person id
    target: str
    label: str
    directed: bool  # arrow from source to target ("parent of")
    contact: str


@dataclass(frozen=True)
class MapLayout:
    groups: tuple[GroupBox, ...]
    people: tuple[PersonBox, ...]
    links: tuple[LinkLine, ...]
    width: float
    height: float

    def person(self, person_id: str) -> PersonBox | None:
        return next((p for p in self.people if p.id == person_id), None)


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


def _detail(p: Item, today: date) -> str:
    category = p["category"] or ""
    label = CATEGORY_LABELS.get(category, "Category not recorded")
    if category == "unborn":
        try:
            due = parse_date(p["expected_date"]) if p["expected_date"] else None
        except ValueError:
            due = None
        return f"{label}, due {_uk_date(due)}" if due else f"{label}, due date not recorded"
    return f"{label}, {age_text(p['date_of_birth'], today)}"


def badges(p: Item) -> tuple[Badge, ...]:
    """Role and risk flags of a person, most serious risk first after the role, then whether
    they have parental responsibility."""
    out: list[Badge] = []
    role = p["role"]
    if role == "alleged_perpetrator":
        who = "child" if p["category"] in ("child", "unborn") else "adult"
        out.append(Badge(f"Alleged perpetrator ({who})", "alleged_perpetrator"))
    elif role in ROLE_BADGES:
        out.append(Badge(ROLE_BADGES[role], role))
    if p["registered_sex_offender"]:
        out.append(Badge("Registered sex offender", "rso"))
    if p["in_prison"]:
        out.append(Badge(f"In prison: {p['prison']}" if p["prison"] else "In prison", "prison"))
    category, level = p["mappa_category"], p["mappa_level"]
    if (category and category != "none") or level:
        words = [
            f"category {category}" if category and category != "none" else "",
            f"level {level}" if level else "",
        ]
        out.append(Badge("MAPPA " + ", ".join(w for w in words if w), "mappa"))
    if (p["convictions"] or "").strip():
        out.append(Badge("Convictions recorded", "convictions"))
    if (p["concerns_without_conviction"] or "").strip():
        out.append(Badge("Concerns without conviction", "concerns"))
    if p["parental_responsibility"]:  # who consents and who must be told
        out.append(Badge("Parental responsibility", "responsibility"))
    return tuple(out)


def _node_height(flags: tuple[Badge, ...]) -> float:
    return 2 * PAD + NAME_H + DETAIL_H + sum(b.height + BADGE_GAP for b in flags)


def _tiers(members: list[Item]) -> tuple[list[list[Item]], list[list[Item]]]:
    """Adults on top, children and unborn babies below; each row at most MAX_COLUMNS wide."""
    adults = [p for p in members if p["category"] == "adult"]
    young = [p for p in members if p["category"] != "adult"]
    return (
        [adults[i : i + MAX_COLUMNS] for i in range(0, len(adults), MAX_COLUMNS)],
        [young[i : i + MAX_COLUMNS] for i in range(0, len(young), MAX_COLUMNS)],
    )


def _group_width(members: list[Item]) -> float:
    adults, young = _tiers(members)
    columns = max([len(r) for r in adults + young] + [1])
    return 2 * GROUP_PAD + columns * NODE_W + (columns - 1) * H_GAP


def _households(meeting: Meeting) -> tuple[list[tuple[str, str, str]], dict[str, list[Item]]]:
    """The group boxes in order (id, title, subtitle), and who is drawn in each."""
    households = meeting.items_of("households")
    known = {h.id for h in households}
    members: dict[str, list[Item]] = {h.id: [] for h in households}
    elsewhere: list[Item] = []
    for p in meeting.items_of("people"):
        (members[p["household"]] if p["household"] in known else elsewhere).append(p)
    groups_in = [(h.id, h["name"] or "Unnamed household", h["address"] or "") for h in households]
    if elsewhere:
        groups_in.append(("", ELSEWHERE, "No household recorded for them"))
        members[""] = elsewhere
    return groups_in, members


def layout(meeting: Meeting, today: date | None = None, band_width: float = math.inf) -> MapLayout:
    """Where every household, person and relationship goes: deterministic, no Qt needed.

    Households side by side share their rows (adults, then children), so every line from an
    adult to a child runs through the gap between the rows and never under another person.
    Households go side by side in bands no wider than `band_width` (one band by default).
    """
    today = today or date.today()
    groups_in, members = _households(meeting)
    bands: list[list[tuple[str, str, str]]] = []
    used = 0.0
    for g in groups_in:
        w = _group_width(members[g[0]])
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
                            p["name"] or "",
                            _detail(p, today),
                            p["category"] or "",
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

    placed = {p.id for p in people}
    links = tuple(
        LinkLine(
            r.id,
            r["person"],
            r["other_person"],
            LINK_LABELS.get(r["relationship"] or "", "related"),
            (r["relationship"] or "other") not in SYMMETRIC,
            r["contact"] or "",
        )
        for r in meeting.items_of("relationships")
        if r["person"] in placed
        and r["other_person"] in placed
        and r["person"] != r["other_person"]
    )
    width = max([g.x + g.w for g in groups] + [0.0])
    height = max([g.y + g.h for g in groups] + [0.0])
    return MapLayout(tuple(groups), tuple(people), links, width, height)


def _legend_height(width: float) -> float:
    """About how tall the key is under a map this wide (it wraps to the map's width)."""
    chips = sum(len(b.text) * 7.2 + 24 for b in LEGEND_BADGES)
    rows = math.ceil(chips / (max(width, 600) - 48))
    return 28 + rows * (BADGE_H + 6) + 30


def best_layout(meeting: Meeting, today: date | None, width: float, height: float) -> MapLayout:
    """The banding of households that shows the map largest in a width x height area.

    A wide family in a tall pane reads better with households in two bands than squeezed into
    one; ties go to fewer bands.
    """
    groups_in, members = _households(meeting)
    widths = [_group_width(members[g[0]]) for g in groups_in]
    candidates = sorted(
        {
            sum(widths[i : j + 1]) + GROUP_GAP * (j - i)
            for i in range(len(widths))
            for j in range(i, len(widths))
        },
        reverse=True,
    ) or [math.inf]
    best, best_scale = None, 0.0
    for band_width in candidates:
        plan = layout(meeting, today, band_width)
        if best is not None and plan == best:
            continue
        scale = min(
            width / (plan.width + 32), height / (plan.height + _legend_height(plan.width) + 32)
        )
        if best is None or scale > best_scale * 1.02:
            best, best_scale = plan, scale
    assert best is not None
    return best


# -- drawing ---------------------------------------------------------------------------------


def _font(px: int, bold: bool = False) -> QFont:
    f = QFont(QGuiApplication.font())
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def _elided(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


def _draw_badge(painter: QPainter, rect: QRectF, badge: Badge, font: QFont) -> None:
    fill, ink = TONES[badge.tone]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(rect, 5, 5)
    painter.setPen(QColor(ink))
    painter.setFont(font)
    text_rect = rect.adjusted(7, 0, -7, 0)
    text = "\n".join(_elided(line, font, text_rect.width()) for line in badge.lines)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


class PersonNode(QGraphicsItem):
    """A person: name, category and age, then role and risk badges in words and colour."""

    def __init__(self, box: PersonBox) -> None:
        super().__init__()
        self.box = box
        self.current = False
        self.setPos(box.x, box.y)
        self.setZValue(2)
        self.setToolTip(box.summary)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, self.box.w + 8, self.box.h + 8)

    def rect(self) -> QRectF:
        return QRectF(0, 0, self.box.w, self.box.h)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        b = self.box
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = {"child": "#eef4fc", "unborn": "#f4f0fa"}.get(b.category, "#fafafa")
        pen = QPen(QColor("#0b57d0" if self.current else "#5f6b7a"), 3.5 if self.current else 1.4)
        if b.category == "unborn":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(self.rect(), 8, 8)
        inner = b.w - 2 * PAD
        name_font = _font(15, bold=True)
        painter.setFont(name_font)
        painter.setPen(QColor("#111111"))
        painter.drawText(
            QRectF(PAD, PAD, inner, NAME_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            _elided(b.name or "Unnamed person", name_font, inner),
        )
        detail_font = _font(13)
        painter.setFont(detail_font)
        painter.setPen(QColor("#333333"))
        painter.drawText(
            QRectF(PAD, PAD + NAME_H, inner, DETAIL_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            _elided(b.detail, detail_font, inner),
        )
        badge_font = _font(12, bold=True)
        top = PAD + NAME_H + DETAIL_H + BADGE_GAP
        for badge in b.badges:
            _draw_badge(painter, QRectF(PAD, top, inner, badge.height), badge, badge_font)
            top += badge.height + BADGE_GAP


LINE_COLOUR = "#44515f"
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8)


def _gutters(b: PersonBox, g: GroupBox) -> list[float]:
    """The free columns of space left and right of a person: between columns, or outside the
    household's box (not hugging its border) for the first and last column."""
    left = g.x - GROUP_GAP / 2 if b.x == g.x + GROUP_PAD else b.x - H_GAP / 2
    right = (
        g.x + g.w + GROUP_GAP / 2 if b.x + b.w == g.x + g.w - GROUP_PAD else b.x + b.w + H_GAP / 2
    )
    return [left, right]


def _detour(start: QPointF, run: float, gutter: float, b: PersonBox) -> QPainterPath:
    """Out to a free row of space, along it to a gutter, along that, into b's side."""
    middle = b.y + b.h / 2
    side = b.x if gutter < b.x else b.x + b.w
    path = QPainterPath(start)
    for x, y in ((start.x(), run), (gutter, run), (gutter, middle), (side, middle)):
        path.lineTo(x, y)
    return path


def _routes(plan: MapLayout) -> list[QPainterPath]:
    """One path per link, never under a third person.

    Between rows: straight, or, where that would cross someone, down the gutter beside the
    target's column. Between people side by side: a U below their row. Ends are spread along a
    person's edge in the order of the other ends, so lines into one person do not meet.
    """
    boxes = {p.id: p for p in plan.people}
    groups = {g.id: g for g in plan.groups}

    def row_bottom(box: PersonBox) -> float:
        return max(p.y + p.h for p in plan.people if p.y == box.y)

    ends: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    sides: list[tuple[str, str]] = []
    for i, link in enumerate(plan.links):
        a, b = boxes[link.source], boxes[link.target]
        if a.y + a.h <= b.y:
            side = ("bottom", "top")
        elif b.y + b.h <= a.y:
            side = ("top", "bottom")
        else:
            side = ("bottom", "bottom")
        ends.setdefault((a.id, side[0]), []).append((b.x + b.w / 2, i, 0))
        ends.setdefault((b.id, side[1]), []).append((a.x + a.w / 2, i, 1))
        sides.append(side)
    anchor: dict[tuple[int, int], QPointF] = {}
    for (pid, edge), found in ends.items():
        box = boxes[pid]
        found.sort()
        for k, (_, i, which) in enumerate(found):
            share = 0.5 if len(found) == 1 else 0.2 + 0.6 * k / (len(found) - 1)
            anchor[(i, which)] = QPointF(
                box.x + box.w * share, box.y + box.h if edge == "bottom" else box.y
            )
    paths: list[QPainterPath] = []
    dips: dict[float, int] = {}
    gutters: dict[float, int] = {}
    stroker = QPainterPathStroker()
    for i, (link, side) in enumerate(zip(plan.links, sides, strict=True)):
        a, b = boxes[link.source], boxes[link.target]
        start, end = anchor[(i, 0)], anchor[(i, 1)]
        path = QPainterPath(start)
        if side == ("bottom", "bottom"):  # below everyone in the row between them
            left, right = min(a.x, b.x), max(a.x + a.w, b.x + b.w)
            level = max(
                p.y + p.h
                for p in plan.people
                if p.y in (a.y, b.y) and left <= p.x and p.x + p.w <= right
            )
            k = dips[level] = dips.get(level, -1) + 1
            depth = min(24.0 + 14 * k, BOTTOM_PAD - 8) * 4 / 3
            path.cubicTo(QPointF(start.x(), level + depth), QPointF(end.x(), level + depth), end)
            paths.append(path)
            continue
        path.lineTo(end)
        others = [QRectF(p.x, p.y, p.w, p.h) for p in plan.people if p.id not in (a.id, b.id)]
        if any(path.intersects(r) for r in others):
            if side[0] == "bottom":
                run = row_bottom(a) + min(V_GAP, BOTTOM_PAD) / 2
            elif a.y == groups[a.group].y + TITLE_H + GROUP_PAD:  # first row: above the box
                run = groups[a.group].y - GROUP_GAP / 2
            else:
                run = a.y - V_GAP / 2
            for gutter in sorted(_gutters(b, groups[b.group]), key=lambda x: abs(x - start.x())):
                k = gutters.get(gutter, -1) + 1
                detour = _detour(start, run, gutter + (k % 3 - 1) * 5, b)
                outline = stroker.createStroke(detour)  # the line itself, not what it encloses
                if not any(outline.intersects(r) for r in others):
                    gutters[gutter], path = k, detour  # lines sharing a gutter run side by side
                    break
        paths.append(path)
    return paths


def _label_spot(
    path: QPainterPath, size: QSizeF, obstacles: list[QRectF], other_lines: list[QPainterPath]
) -> QRectF | None:
    """The first spot along the path where the label covers no person, label or other line."""
    rects = [
        QRectF(path.pointAtPercent(t) - QPointF(size.width() / 2, size.height() / 2), size)
        for t in LABEL_SPOTS
    ]
    free = [r for r in rects if not any(r.intersects(o) for o in obstacles)]
    clear = [r for r in free if not any(line.intersects(r) for line in other_lines)]
    spots = clear or free
    return spots[0] if spots else None


def _add_link(
    scene: QGraphicsScene,
    link: LinkLine,
    path: QPainterPath,
    obstacles: list[QRectF],
    other_lines: list[QPainterPath],
) -> None:
    line = scene.addPath(path, QPen(QColor(LINE_COLOUR), 1.8))
    line.setZValue(1)
    tip = f"{link.label}: {link.contact}" if link.contact else link.label
    line.setToolTip(tip)
    if link.directed:
        last = path.elementAt(path.elementCount() - 2)
        end, before = path.pointAtPercent(1.0), QPointF(last.x, last.y)
        length = math.hypot(end.x() - before.x(), end.y() - before.y()) or 1.0
        ux, uy = (end.x() - before.x()) / length, (end.y() - before.y()) / length
        head = QPolygonF(
            [
                end,
                end - QPointF(ux * 12 + uy * 6, uy * 12 - ux * 6),
                end - QPointF(ux * 12 - uy * 6, uy * 12 + ux * 6),
            ]
        )
        arrow = scene.addPolygon(head, QPen(Qt.PenStyle.NoPen), QBrush(QColor(LINE_COLOUR)))
        arrow.setZValue(3)
    font = _font(12)
    metrics = QFontMetricsF(font)
    size = QSizeF(metrics.horizontalAdvance(link.label) + 10, metrics.height() + 4)
    rect = _label_spot(path, size, obstacles, other_lines)
    if rect is None:
        return  # no free place: the line's tooltip still says what it is
    obstacles.append(rect.adjusted(-3, -3, 3, 3))
    back = scene.addRect(rect, QPen(QColor("#9aa5b1"), 1), QBrush(QColor("#ffffff")))
    back.setZValue(4)
    back.setToolTip(tip)
    text = scene.addSimpleText(link.label, font)
    text.setBrush(QColor("#222222"))
    text.setPos(rect.x() + 5, rect.y() + 2)
    text.setZValue(5)


def _add_group(scene: QGraphicsScene, g: GroupBox) -> QRectF:
    rect = QRectF(g.x, g.y, g.w, g.h)
    path = QPainterPath()
    path.addRoundedRect(rect, 14, 14)
    elsewhere = not g.id
    pen = QPen(QColor("#7d8793"), 1.6, Qt.PenStyle.DashLine if elsewhere else Qt.PenStyle.SolidLine)
    box = scene.addPath(path, pen, QBrush(QColor("#f3f3f1" if elsewhere else "#e8eef3")))
    box.setZValue(0)
    title_font, sub_font = _font(16, bold=True), _font(13)
    inner = g.w - 2 * GROUP_PAD
    title = scene.addSimpleText(_elided(g.title, title_font, inner), title_font)
    title.setPos(g.x + GROUP_PAD, g.y + 8)
    sub = scene.addSimpleText(_elided(g.subtitle, sub_font, inner), sub_font)
    sub.setBrush(QColor("#3d4650"))
    sub.setPos(g.x + GROUP_PAD, g.y + 8 + 22)
    parts = [title, sub]
    if g.empty:
        parts.append(scene.addSimpleText("No one recorded as living here", _font(13)))
        parts[-1].setPos(g.x + GROUP_PAD, g.y + TITLE_H + GROUP_PAD)
    for item in parts:
        item.setZValue(0.5)
        item.setToolTip(f"{g.title}: {g.subtitle}" if g.subtitle else g.title)
    return QRectF(g.x, g.y, g.w, TITLE_H)


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


def _add_legend(scene: QGraphicsScene, top: float, width: float, interactive: bool) -> None:
    """Explains colours, boxes and lines; every badge already says its meaning in words."""
    head, small = _font(13, bold=True), _font(12, bold=True)
    label = scene.addSimpleText("Key", head)
    label.setPos(0, top)
    x, y = 48.0, top
    metrics = QFontMetricsF(small)
    for badge in LEGEND_BADGES:
        w = metrics.horizontalAdvance(badge.text) + 16
        if x + w > max(width, 600):
            x, y = 48.0, y + BADGE_H + 6
        painter_item = scene.addRect(
            QRectF(x, y, w, BADGE_H), QPen(Qt.PenStyle.NoPen), QBrush(QColor(TONES[badge.tone][0]))
        )
        text = scene.addSimpleText(badge.text, small)
        text.setBrush(QColor(TONES[badge.tone][1]))
        text.setPos(x + 8, y + (BADGE_H - metrics.height()) / 2)
        painter_item.setZValue(0)
        x += w + 8
    notes = 'Arrow: "A → parent of → B" means A is the parent of B.   Dashed box: unborn baby.' + (
        "   Blue outline: the person chosen." if interactive else ""
    )
    text = scene.addSimpleText(notes, _font(13))
    text.setPos(48, y + BADGE_H + 8)


def build_scene(
    scene: QGraphicsScene, plan: MapLayout, interactive: bool = True
) -> dict[str, PersonNode]:
    """Draw a layout into a (cleared) scene; returns the person nodes by id."""
    scene.clear()
    obstacles = [_add_group(scene, g) for g in plan.groups]
    nodes: dict[str, PersonNode] = {}
    for box in plan.people:
        node = PersonNode(box)
        scene.addItem(node)
        nodes[box.id] = node
        obstacles.append(node.rect().translated(box.x, box.y).adjusted(-3, -3, 3, 3))
    paths = _routes(plan)
    stroker = QPainterPathStroker()
    stroker.setWidth(2)
    strokes = [stroker.createStroke(p) for p in paths]
    for n, (link, path) in enumerate(zip(plan.links, paths, strict=True)):
        _add_link(scene, link, path, obstacles, strokes[:n] + strokes[n + 1 :])
    if not plan.people:
        empty = scene.addSimpleText("No people recorded yet: add them under People.", _font(15))
        empty.setPos(0, plan.height + 16)
    _add_legend(scene, scene.itemsBoundingRect().bottom() + 28, plan.width, interactive)
    scene.setSceneRect(scene.itemsBoundingRect().adjusted(-16, -16, 16, 16))
    return nodes


def render_image(
    meeting: Meeting, width_px: int, today: date | None = None, height_px: int | None = None
) -> QImage:
    """The family map as a white-backed image `width_px` wide, for documents.

    Ages are as of `today`. With `height_px`, households are arranged to read best in about
    width_px x height_px (the image keeps the map's proportions); without it, in one band.
    Needs a running QGuiApplication (the offscreen platform will do) for fonts.
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("render_image needs a QGuiApplication for its fonts")
    plan = best_layout(meeting, today, width_px, height_px) if height_px else layout(meeting, today)
    scene = QGraphicsScene()
    build_scene(scene, plan, interactive=False)
    source = scene.sceneRect()
    height = max(1, round(width_px * source.height() / source.width()))
    image = QImage(width_px, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, width_px, height), source)
    painter.end()
    return image


# -- the widget ------------------------------------------------------------------------------


class _Canvas(QGraphicsView):
    """The graphics view; hands keys, clicks and resizes to its FamilyMapView."""

    def __init__(self, owner: FamilyMapView) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.owner._key(event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self.hasFocus() and self.owner._step(1 if forward else -1):
            return True
        return super().focusNextPrevChild(forward)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.owner._focus_entered(event.reason())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for item in self.items(event.position().toPoint()):
            if isinstance(item, PersonNode):
                self.owner._choose(item.box.id)
                event.accept()
                return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.owner.relayout()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.owner.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
        else:
            super().wheelEvent(event)


class FamilyMapView(QWidget):
    """The drawn family map of one meeting; emits person_chosen(item id) on click or Enter."""

    person_chosen = Signal(str)
    MAX_SCALE = 1.5  # a small family is not blown up beyond this
    MAX_ZOOM = 4.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.canvas = _Canvas(self)
        self.canvas.setScene(self.scene)
        self.canvas.setAccessibleName("Family map")
        self.setAccessibleName("Family map")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.canvas)
        self.setFocusProxy(self.canvas)
        self.meeting: Meeting | None = None
        self.today: date | None = None
        self.map_layout: MapLayout | None = None
        self.nodes: dict[str, PersonNode] = {}
        self.current = ""
        self.zoom = 1.0
        self._describe()

    def set_meeting(self, meeting: Meeting, today: date | None = None) -> None:
        """Show this meeting; cheap to call on every change (nothing redrawn if unchanged)."""
        self.meeting, self.today = meeting, today
        self.relayout()

    def relayout(self) -> None:
        """Arrange the households to read best in the space there is, then fit the view."""
        if self.meeting is None:
            return
        size = self.canvas.viewport().size()
        plan = (
            best_layout(self.meeting, self.today, size.width(), size.height())
            if not size.isEmpty()
            else layout(self.meeting, self.today)
        )
        if plan == self.map_layout:
            self.fit()
            return
        self.map_layout = plan
        self.nodes = build_scene(self.scene, plan)
        if self.current not in self.nodes:
            self.current = ""
        self._mark()
        self.fit()

    def select_person(self, person_id: str) -> None:
        """Outline a person (for example the one being edited) without emitting."""
        if person_id in self.nodes:
            self.current = person_id
            self._mark()

    def fit(self) -> None:
        """Show the whole map, enlarged by the chair's zoom (+ and - keys, Ctrl+wheel)."""
        rect = self.scene.sceneRect()
        view = self.canvas.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        scale = (
            min(
                (view.width() - 4) / rect.width(),
                (view.height() - 4) / rect.height(),
                self.MAX_SCALE,
            )
            * self.zoom
        )
        self.canvas.resetTransform()
        self.canvas.scale(scale, scale)
        if self.zoom > 1 and self.current:
            self.canvas.centerOn(self.nodes[self.current])
        else:
            self.canvas.centerOn(rect.center())

    def zoom_by(self, factor: float) -> None:
        self.zoom = min(self.MAX_ZOOM, max(1.0, self.zoom * factor))
        self.fit()

    # -- keyboard and mouse ------------------------------------------------------------------
    def _choose(self, person_id: str) -> None:
        self.current = person_id
        self._mark()
        self.person_chosen.emit(person_id)

    def _step(self, delta: int) -> bool:
        order = list(self.nodes)
        if not order:
            return False
        if self.current not in order:
            index = 0 if delta > 0 else len(order) - 1
        else:
            index = order.index(self.current) + delta
            if not 0 <= index < len(order):
                return False
        self.current = order[index]
        self._mark()
        return True

    def _focus_entered(self, reason: Qt.FocusReason) -> None:
        """Tab enters at the first person, Shift+Tab at the last; otherwise keep the choice."""
        order = list(self.nodes)
        if not order:
            return
        if reason == Qt.FocusReason.BacktabFocusReason:
            self.current = order[-1]
        elif reason == Qt.FocusReason.TabFocusReason or not self.current:
            self.current = order[0]
        self._mark()

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self.current:
                self._choose(self.current)
            return bool(self.current)
        zooms: dict[int, float] = {  # event.key() is an int; Qt.Key is an IntEnum
            Qt.Key.Key_Plus: 1.25,
            Qt.Key.Key_Equal: 1.25,
            Qt.Key.Key_Minus: 0.8,
            Qt.Key.Key_0: 0.0,
        }  # 0: back to the whole map
        if key in zooms:
            self.zoom_by(zooms[key])
            return True
        directions: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key not in directions or not self.nodes:
            return False
        if self.current not in self.nodes:
            self._step(1)
            return True
        dx, dy = directions[key]
        here = self.nodes[self.current].sceneBoundingRect().center()
        best, best_cost = "", math.inf
        for pid, node in self.nodes.items():
            c = node.sceneBoundingRect().center()
            along = (c.x() - here.x()) * dx + (c.y() - here.y()) * dy
            across = abs((c.x() - here.x()) * dy) + abs((c.y() - here.y()) * dx)
            if pid != self.current and along > 1 and along + 2 * across < best_cost:
                best, best_cost = pid, along + 2 * across
        if best:
            self.current = best
            self._mark()
        return True

    def _mark(self) -> None:
        for pid, node in self.nodes.items():
            if node.current != (pid == self.current):
                node.current = pid == self.current
                node.update()
        if self.current:
            self.canvas.ensureVisible(self.nodes[self.current], 8, 8)
        self._describe()

    def _describe(self) -> None:
        """Screen readers hear the person under the keyboard cursor and how to move."""
        node = self.nodes.get(self.current)
        where = node.box.summary if node else "No person selected."
        self.canvas.setAccessibleDescription(
            f"{where} Arrow keys or Tab move between people; Enter opens the person; "
            "plus and minus zoom, 0 shows the whole map."
        )
