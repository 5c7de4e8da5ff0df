"""The family map's layout: households as boxes, people in them, relationships as lines.

A chair reads the map at a glance in the room, and the minutes carry the same map, so where
everything goes is decided here, once, as a pure function of the meeting: deterministic (a
column of boxes per household, adults above children), every colour with its meaning in
words (never colour alone), every line routed clear of third persons, and the key placed
under it all. Painters (the GUI's scene, the Word exporter's shapes) draw the result and
decide nothing but how each box is stroked. Text widths come from a `TextMeasure`: the GUI
passes Qt's font metrics, others use the estimate from a table of character widths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from strategy_minutes.desktop.meeting.family_boxes import (
    BADGE_H,
    GROUP_GAP,
    KEY,
    KEY_CHIP,
    LEGEND_BADGES,
    MARGIN,
    NO_PEOPLE,
    NOTE,
    NOTHING,
    OUTLINE,
    SELECTION,
    Badge,
    GroupBox,
    PersonBox,
    Placement,
    group_width,
    households,
    place,
)
from strategy_minutes.desktop.meeting.family_routes import LINE_WIDTH, LinkLine, place_links
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.plane import Point, Rect
from strategy_minutes.desktop.meeting.text_measure import ESTIMATE, TextMeasure


@dataclass(frozen=True)
class Legend:
    """The key under the map: a chip per badge colour, then what arrows and dashes mean."""

    key_at: Point  # where "Key" is written
    chips: tuple[tuple[Badge, Rect], ...]
    notes: str
    notes_at: Point


@dataclass(frozen=True)
class MapLayout:
    groups: tuple[GroupBox, ...]
    people: tuple[PersonBox, ...]
    links: tuple[LinkLine, ...]
    width: float  # of the households (the map without its key)
    height: float
    legend: Legend
    nothing_at: Point | None  # where NO_PEOPLE is written when there is no one to draw
    bounds: Rect  # the whole picture: map, lines, labels and key, with a margin

    def person(self, person_id: str) -> PersonBox | None:
        return next((p for p in self.people if p.id == person_id), None)


def _legend(top: float, width: float, interactive: bool, measure: TextMeasure) -> Legend:
    """Explains colours, boxes and lines; every badge already says its meaning in words."""
    x, y = 48.0, top
    chips = []
    for badge in LEGEND_BADGES:
        w = measure.width(badge.text, KEY_CHIP) + 16
        if x + w > max(width, 600):
            x, y = 48.0, y + BADGE_H + 6
        chips.append((badge, Rect(x, y, w, BADGE_H)))
        x += w + 8
    notes = 'Arrow: "A → parent of → B" means A is the parent of B.   Dashed box: unborn baby.' + (
        "   Blue outline: the person chosen." if interactive else ""
    )
    return Legend(Point(0, top), tuple(chips), notes, Point(48, y + BADGE_H + 8))


def _finish(
    meeting: Meeting, plan: Placement, measure: TextMeasure, interactive: bool
) -> MapLayout:
    """Lines, their labels and the key added to the households and people placed."""
    links = place_links(meeting, plan.groups, plan.people, measure)
    extents = [g.rect.grown(OUTLINE / 2) for g in plan.groups]
    extents += [p.rect.grown(SELECTION) for p in plan.people]
    for link in links:
        extents.append(link.route.extent().grown(LINE_WIDTH / 2))
        extents += [link.label_rect] if link.label_rect else []
    nothing_at = None
    if not plan.people:
        nothing_at = Point(0, plan.height + 16)
        width = measure.width(NO_PEOPLE, NOTHING)
        extents.append(Rect(nothing_at.x, nothing_at.y, width, measure.height(NOTHING)))
    drawn = extents[0]
    for r in extents[1:]:
        drawn = drawn.united(r)
    legend = _legend(drawn.bottom + 28, plan.width, interactive, measure)
    key = Rect(legend.key_at.x, legend.key_at.y, measure.width("Key", KEY), measure.height(KEY))
    notes = Rect(
        legend.notes_at.x,
        legend.notes_at.y,
        measure.width(legend.notes, NOTE),
        measure.height(NOTE),
    )
    for r in [key, notes] + [rect for _, rect in legend.chips]:
        drawn = drawn.united(r)
    return MapLayout(
        plan.groups,
        plan.people,
        links,
        plan.width,
        plan.height,
        legend,
        nothing_at,
        drawn.grown(MARGIN),
    )


def layout(
    meeting: Meeting,
    today: date | None = None,
    band_width: float = math.inf,
    measure: TextMeasure = ESTIMATE,
    interactive: bool = False,
) -> MapLayout:
    """Where every household, person, relationship and key entry goes, in one band of
    households by default (or bands no wider than `band_width`). Ages are as of `today`;
    `interactive` adds the key's note on the outline of the person chosen on screen."""
    plan = place(meeting, today or date.today(), band_width)
    return _finish(meeting, plan, measure, interactive)


def _legend_height(width: float) -> float:
    """About how tall the key is under a map this wide (it wraps to the map's width)."""
    chips = sum(len(b.text) * 7.2 + 24 for b in LEGEND_BADGES)
    rows = math.ceil(chips / (max(width, 600) - 48))
    return 28 + rows * (BADGE_H + 6) + 30


def best_layout(
    meeting: Meeting,
    today: date | None,
    width: float,
    height: float,
    measure: TextMeasure = ESTIMATE,
    interactive: bool = False,
) -> MapLayout:
    """The banding of households that shows the map largest in a width x height area.

    A wide family in a tall pane reads better with households in two bands than squeezed into
    one; ties go to fewer bands.
    """
    today = today or date.today()
    groups_in, members = households(meeting)
    widths = [group_width(members[g[0]]) for g in groups_in]
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
        plan = place(meeting, today, band_width)
        if best is not None and plan == best:
            continue
        scale = min(
            width / (plan.width + 32), height / (plan.height + _legend_height(plan.width) + 32)
        )
        if best is None or scale > best_scale * 1.02:
            best, best_scale = plan, scale
    assert best is not None
    return _finish(meeting, best, measure, interactive)
