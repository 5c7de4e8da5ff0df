"""The family map's lines: one per relationship, routed clear of third persons, labelled.

A line that ran under a third person would seem to connect them, so each line goes straight
where that is clear, and otherwise out to the free space between rows and down a gutter
beside the target's column. Its label goes where it covers no person, label or other line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from strategy_minutes.desktop.meeting.family_boxes import (
    BOTTOM_PAD,
    GROUP_GAP,
    GROUP_PAD,
    H_GAP,
    LABEL,
    TITLE_H,
    V_GAP,
    GroupBox,
    PersonBox,
)
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.plane import Point, Rect, Route
from strategy_minutes.desktop.meeting.text_measure import TextMeasure

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
# Where along a line its label may go, in order of preference.
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8)
LINE_WIDTH = 1.8
ARROW_LENGTH, ARROW_HALF_WIDTH = 12.0, 6.0


@dataclass(frozen=True)
class LinkLine:
    id: str
    source: str  # person id
    target: str
    label: str
    directed: bool  # arrow from source to target ("parent of")
    contact: str
    route: Route
    label_rect: Rect | None  # None when no free place was found: the tooltip still says it

    @property
    def tooltip(self) -> str:
        return f"{self.label}: {self.contact}" if self.contact else self.label

    @property
    def arrow(self) -> tuple[Point, Point, Point] | None:
        """The arrow head at the target, pointing along the line's last piece."""
        if not self.directed:
            return None
        end, before = self.route.end, self.route.points[-2]
        length = math.hypot(end.x - before.x, end.y - before.y) or 1.0
        ux, uy = (end.x - before.x) / length, (end.y - before.y) / length
        a, b = ARROW_LENGTH, ARROW_HALF_WIDTH
        return (
            end,
            Point(end.x - (ux * a + uy * b), end.y - (uy * a - ux * b)),
            Point(end.x - (ux * a - uy * b), end.y - (uy * a + ux * b)),
        )


def _gutters(b: PersonBox, g: GroupBox) -> list[float]:
    """The free columns of space left and right of a person: between columns, or outside the
    household's box (not hugging its border) for the first and last column."""
    left = g.x - GROUP_GAP / 2 if b.x == g.x + GROUP_PAD else b.x - H_GAP / 2
    right = (
        g.x + g.w + GROUP_GAP / 2 if b.x + b.w == g.x + g.w - GROUP_PAD else b.x + b.w + H_GAP / 2
    )
    return [left, right]


def _detour(start: Point, run: float, gutter: float, b: PersonBox) -> Route:
    """Out to a free row of space, along it to a gutter, along that, into b's side."""
    middle = b.y + b.h / 2
    side = b.x if gutter < b.x else b.x + b.w
    return Route(
        (start, Point(start.x, run), Point(gutter, run), Point(gutter, middle), Point(side, middle))
    )


def _ends(
    pairs: list[tuple[PersonBox, PersonBox]],
) -> tuple[list[tuple[str, str]], dict[tuple[int, int], Point]]:
    """Which sides each line leaves and enters by, and where on them.

    Ends are spread along a person's edge in the order of the other ends, so lines into one
    person do not meet.
    """
    ends: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    sides: list[tuple[str, str]] = []
    for i, (a, b) in enumerate(pairs):
        if a.y + a.h <= b.y:
            side = ("bottom", "top")
        elif b.y + b.h <= a.y:
            side = ("top", "bottom")
        else:
            side = ("bottom", "bottom")
        ends.setdefault((a.id, side[0]), []).append((b.x + b.w / 2, i, 0))
        ends.setdefault((b.id, side[1]), []).append((a.x + a.w / 2, i, 1))
        sides.append(side)
    boxes = {p.id: p for pair in pairs for p in pair}
    anchor: dict[tuple[int, int], Point] = {}
    for (pid, edge), found in ends.items():
        box = boxes[pid]
        found.sort()
        for k, (_, i, end) in enumerate(found):
            share = 0.5 if len(found) == 1 else 0.2 + 0.6 * k / (len(found) - 1)
            anchor[(i, end)] = Point(
                box.x + box.w * share, box.y + box.h if edge == "bottom" else box.y
            )
    return sides, anchor


def routes(
    pairs: list[tuple[PersonBox, PersonBox]],
    people: tuple[PersonBox, ...],
    groups: tuple[GroupBox, ...],
) -> list[Route]:
    """One route per (source, target) pair, never under a third person.

    Between rows: straight, or, where that would cross someone, down the gutter beside the
    target's column. Between people side by side: a U below their row.
    """
    by_group = {g.id: g for g in groups}

    def row_bottom(box: PersonBox) -> float:
        return max(p.y + p.h for p in people if p.y == box.y)

    sides, anchor = _ends(pairs)
    out: list[Route] = []
    dips: dict[float, int] = {}
    gutters: dict[float, int] = {}
    for i, ((a, b), side) in enumerate(zip(pairs, sides, strict=True)):
        start, end = anchor[(i, 0)], anchor[(i, 1)]
        if side == ("bottom", "bottom"):  # below everyone in the row between them
            left, right = min(a.x, b.x), max(a.x + a.w, b.x + b.w)
            level = max(
                p.y + p.h
                for p in people
                if p.y in (a.y, b.y) and left <= p.x and p.x + p.w <= right
            )
            k = dips[level] = dips.get(level, -1) + 1
            depth = min(24.0 + 14 * k, BOTTOM_PAD - 8) * 4 / 3  # the curve dips 3/4 of this
            out.append(
                Route(
                    (start, Point(start.x, level + depth), Point(end.x, level + depth), end),
                    curved=True,
                )
            )
            continue
        route = Route((start, end))
        others = [p.rect for p in people if p.id not in (a.id, b.id)]
        if any(route.meets(r) for r in others):
            g = by_group[a.group]
            if side[0] == "bottom":
                run = row_bottom(a) + min(V_GAP, BOTTOM_PAD) / 2
            elif a.y == g.y + TITLE_H + GROUP_PAD:  # first row: above the household's box
                run = g.y - GROUP_GAP / 2
            else:
                run = a.y - V_GAP / 2
            for gutter in sorted(_gutters(b, by_group[b.group]), key=lambda x: abs(x - start.x)):
                k = gutters.get(gutter, -1) + 1
                detour = _detour(start, run, gutter + (k % 3 - 1) * 5, b)
                if not any(detour.meets(r, margin=0.5) for r in others):
                    gutters[gutter], route = k, detour  # lines sharing a gutter run side by side
                    break
        out.append(route)
    return out


def _label_spot(
    route: Route, w: float, h: float, obstacles: list[Rect], other_lines: list[Route]
) -> Rect | None:
    """The first spot along the route where the label covers no person, label or other line."""
    spots = [route.at(t) for t in LABEL_SPOTS]
    rects = [Rect(p.x - w / 2, p.y - h / 2, w, h) for p in spots]
    free = [r for r in rects if not any(r.intersects(o) for o in obstacles)]
    clear = [r for r in free if not any(line.meets(r, margin=1.0) for line in other_lines)]
    found = clear or free
    return found[0] if found else None


def place_links(
    meeting: Meeting,
    groups: tuple[GroupBox, ...],
    people: tuple[PersonBox, ...],
    measure: TextMeasure,
) -> tuple[LinkLine, ...]:
    """Every relationship between two people on the map, routed and labelled."""
    boxes = {p.id: p for p in people}
    linked = []
    for r in meeting.relationships:
        a, b = boxes.get(r.data["person"] or ""), boxes.get(r.data["other_person"] or "")
        if a is not None and b is not None and a.id != b.id:
            linked.append((r, a, b))
    found = routes([(a, b) for _, a, b in linked], people, groups)
    obstacles = [Rect(g.x, g.y, g.w, TITLE_H) for g in groups]
    obstacles += [p.rect.grown(3) for p in people]
    out: list[LinkLine] = []
    for n, ((r, a, b), route) in enumerate(zip(linked, found, strict=True)):
        label = LINK_LABELS.get(r.data["relationship"] or "", "related")
        w, h = measure.width(label, LABEL) + 10, measure.height(LABEL) + 4
        spot = _label_spot(route, w, h, obstacles, found[:n] + found[n + 1 :])
        if spot is not None:
            obstacles.append(spot.grown(3))
        out.append(
            LinkLine(
                r.id,
                a.id,
                b.id,
                label,
                (r.data["relationship"] or "other") not in SYMMETRIC,
                r.data["contact"] or "",
                route,
                spot,
            )
        )
    return tuple(out)
