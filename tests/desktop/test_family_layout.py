"""The family map's layout, without a display: who goes where, lines clear of third persons."""

from __future__ import annotations

import copy
import itertools
from datetime import date

import pytest
from strategy_minutes.desktop.meeting import demo, jsonformat, spec
from strategy_minutes.desktop.meeting.family_boxes import ELSEWHERE, KEY_CHIP, NAME, age_text
from strategy_minutes.desktop.meeting.family_layout import MapLayout, best_layout, layout
from strategy_minutes.desktop.meeting.model import Item, Meeting, normalise
from strategy_minutes.desktop.meeting.plane import Point, Rect, Route
from strategy_minutes.desktop.meeting.text_measure import ESTIMATE, TextStyle, elide

TODAY = date(2026, 11, 24)


@pytest.fixture
def meeting() -> Meeting:
    return jsonformat.from_json(demo.demo_json(TODAY), TODAY)


def with_baby(m: Meeting) -> Meeting:
    """The demo plus an unborn baby whose parents live apart: lines that must detour."""
    mother = m.items_of("households")[0].id
    ids = {p["name"]: p.id for p in m.items_of("people")}
    m.items_of("people").append(
        Item(
            "p-baby",
            "people",
            normalise(
                spec.PEOPLE,
                {
                    "name": "Baby Penrose",
                    "category": "unborn",
                    "household": mother,
                    "role": "sibling",
                },
            ),
        )
    )
    for n, parent in enumerate(("Dana Penrose", "Roy Penrose")):
        m.items_of("relationships").append(
            Item(
                f"r-x{n}",
                "relationships",
                normalise(
                    spec.RELATIONSHIPS,
                    {"person": ids[parent], "relationship": "parent", "other_person": "p-baby"},
                ),
            )
        )
    return m


def test_ages_follow_the_date_of_birth() -> None:
    assert age_text("2016-11-25", TODAY) == "aged 9"
    assert age_text("2016-11-24", TODAY) == "aged 10"
    assert age_text("2025-06-01", TODAY) == "aged 17 months"
    assert age_text(None, TODAY) == "age not recorded"


def test_a_box_per_person_inside_their_household_and_a_line_per_relationship(
    meeting: Meeting,
) -> None:
    plan = layout(meeting, TODAY)
    assert [g.title for g in plan.groups] == ["Mother's home", "Father's home", ELSEWHERE]
    assert sorted(p.id for p in plan.people) == sorted(p.id for p in meeting.items_of("people"))
    assert len(plan.links) == len(meeting.items_of("relationships")) == 8
    for box in plan.people:
        home = next(g for g in plan.groups if g.id == box.group)
        assert home.x < box.x and box.x + box.w < home.x + home.w
        assert home.y < box.y and box.y + box.h < home.y + home.h
    assert plan.width > plan.height  # one band by default
    roy = next(p for p in plan.people if p.name == "Roy Penrose")
    assert [b.text for b in roy.badges][:2] == [
        "Registered sex offender",
        "In prison: HMP Eastmoor (fictional)",
    ]
    assert roy.detail == "Adult, aged 52"


@pytest.mark.parametrize("width,height", [(1366, 768), (780, 740), (600, 1200), (3000, 500)])
def test_lines_never_run_under_a_third_person_nor_labels_over_anyone(
    meeting: Meeting, width: int, height: int
) -> None:
    plan = best_layout(with_baby(meeting), TODAY, width, height)
    assert len(plan.links) == 10
    for link in plan.links:
        ends = {link.source, link.target}
        for box in plan.people:
            if box.id not in ends:
                inside = box.rect.adjusted(8, 8, -8, -8)
                assert not link.route.meets(inside, margin=1.0), (link.label, box.name)
            if link.label_rect is not None:
                assert not link.label_rect.intersects(box.rect), (link.label, box.name)
    labels = [link.label_rect for link in plan.links if link.label_rect is not None]
    assert len(labels) >= 8
    for a, b in itertools.combinations(labels, 2):
        assert not a.intersects(b)


def test_directed_lines_end_in_an_arrow_at_the_target(meeting: Meeting) -> None:
    plan = layout(meeting, TODAY)
    for link in plan.links:
        target = plan.person(link.target)
        assert target is not None
        if link.directed:
            assert link.arrow is not None and link.arrow[0] == link.route.end
            assert target.y - 0.1 <= link.route.end.y <= target.y + target.h + 0.1
        else:
            assert link.arrow is None
    assert {link.label for link in plan.links if not link.directed} == {"half-siblings"}


def test_the_key_sits_under_everything_drawn_and_inside_the_picture(meeting: Meeting) -> None:
    plan = layout(with_baby(meeting), TODAY)
    lowest = max(
        [g.y + g.h for g in plan.groups]
        + [p.y + p.h for p in plan.people]
        + [pt.y for link in plan.links for pt in link.route.points]
    )
    assert plan.legend.key_at.y > lowest
    assert [b.text for b, _ in plan.legend.chips][0] == "Subject child"
    box = plan.bounds
    for _, chip in plan.legend.chips:
        assert box.x < chip.x and chip.right < box.right and chip.bottom < box.bottom
    for g in plan.groups:
        assert box.x < g.x and g.x + g.w < box.right and box.y < g.y
    assert "Blue outline" not in plan.legend.notes  # only on screen, where one can choose
    assert "Blue outline" in layout(meeting, TODAY, interactive=True).legend.notes


def test_the_key_wraps_to_the_width_of_the_map(meeting: Meeting) -> None:
    narrow = best_layout(meeting, TODAY, 780, 740)
    wide = layout(meeting, TODAY)
    assert len({r.y for _, r in narrow.legend.chips}) > len({r.y for _, r in wide.legend.chips})
    for _, chip in narrow.legend.chips:
        assert chip.right <= max(narrow.width, 600)


def test_households_wrap_into_bands_when_the_area_is_narrow(meeting: Meeting) -> None:
    wide = best_layout(meeting, TODAY, 1400, 500)
    assert {g.y for g in wide.groups} == {0.0}  # all side by side
    tall = best_layout(meeting, TODAY, 780, 740)
    assert len({g.y for g in tall.groups}) == 2
    assert tall.width < wide.width


def test_the_map_can_be_arranged_for_a_page(meeting: Meeting) -> None:
    strip = layout(meeting, TODAY)
    page = best_layout(meeting, TODAY, 1000, 1000)
    assert page.bounds.h / page.bounds.w > 1.5 * strip.bounds.h / strip.bounds.w


def test_the_same_meeting_always_lays_out_the_same(meeting: Meeting) -> None:
    again = copy.deepcopy(meeting)
    assert layout(meeting, TODAY) == layout(again, TODAY)
    assert best_layout(meeting, TODAY, 780, 740) == best_layout(again, TODAY, 780, 740)


def test_a_draft_with_gaps_still_lays_out() -> None:
    draft = Meeting(
        "m-1",
        items={
            "households": [
                Item("h-1", "households", {}),
                Item("h-2", "households", {"name": "Nan's"}),
            ],
            "people": [
                Item("p-1", "people", {"household": "h-1"}),
                Item("p-2", "people", {"category": "unborn", "household": "h-gone"}),
            ],
            "relationships": [
                Item("r-1", "relationships", {"person": "p-1", "other_person": "p-x"}),
                Item("r-2", "relationships", {"person": "p-1", "other_person": "p-2"}),
            ],
        },
    )
    plan = layout(draft, TODAY)
    assert [(g.title, g.empty) for g in plan.groups] == [
        ("Unnamed household", False),
        ("Nan's", True),
        (ELSEWHERE, False),
    ]
    assert [p.detail for p in plan.people] == [
        "Category not recorded, age not recorded",
        "Unborn baby, due date not recorded",
    ]
    assert [(link.label, link.directed) for link in plan.links] == [("related", False)]
    assert plan.people[0].summary.startswith("Unnamed person;")
    assert plan.nothing_at is None


def test_an_empty_meeting_says_there_is_no_one_yet() -> None:
    plan: MapLayout = layout(Meeting("m-2"), TODAY)
    assert plan.people == () and plan.groups == () and plan.nothing_at is not None
    assert plan.legend.key_at.y > plan.nothing_at.y


@pytest.mark.parametrize(
    "text,style,low,high",
    [
        ("Registered sex offender", KEY_CHIP, 111, 123),  # Carlito bold 12 px: 116.7
        ("Maisie Penrose", NAME, 90, 100),  # Carlito bold 15 px: 94.8
        ("iiii", TextStyle(10), 8, 10),
        ("WWWW", TextStyle(10), 34, 38),
        ("Wiśniewska", TextStyle(10), 45, 52),  # Carlito: 47.6; ś is outside the table
    ],
)
def test_estimated_widths_are_close_to_the_font_the_minutes_use(
    text: str, style: TextStyle, low: float, high: float
) -> None:
    assert low <= ESTIMATE.width(text, style) <= high


def test_elide_keeps_what_fits_and_marks_what_was_cut() -> None:
    style = TextStyle(10)
    assert elide("Dana Penrose", style, 500) == "Dana Penrose"
    cut = elide("A very long household name indeed", style, 80)
    assert cut.endswith("…") and ESTIMATE.width(cut, style) <= 80
    assert "A very long household name indeed".startswith(cut[:-1])
    assert elide("Anything", style, 1) == ""


@pytest.mark.parametrize(
    "route,rect,margin,meets",
    [
        (Route((Point(0, 0), Point(10, 10))), Rect(4, 4, 2, 2), 0, True),
        (Route((Point(0, 0), Point(10, 0))), Rect(0, 1, 10, 5), 0, False),
        (Route((Point(0, 0), Point(10, 0))), Rect(0, 1, 10, 5), 1.0, True),
        (Route((Point(0, 0), Point(0, 10), Point(10, 10))), Rect(2, 2, 4, 4), 0, False),
        (
            Route((Point(0, 0), Point(0, 40), Point(40, 40), Point(40, 0)), True),
            Rect(15, 25, 10, 10),
            0,
            True,
        ),
        (
            Route((Point(0, 0), Point(0, 40), Point(40, 40), Point(40, 0)), True),
            Rect(15, 5, 10, 10),
            0,
            False,
        ),
    ],
)
def test_routes_know_what_they_cross(route: Route, rect: Rect, margin: float, meets: bool) -> None:
    assert route.meets(rect, margin) is meets


def test_a_point_along_a_route_is_measured_by_length() -> None:
    route = Route((Point(0, 0), Point(0, 10), Point(30, 10)))
    assert route.at(0.5) == Point(10, 10)
    assert route.at(0) == Point(0, 0) and route.at(1) == Point(30, 10)
