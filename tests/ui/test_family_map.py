"""The family map draws the demo family as a chair needs it, and follows clicks, keys and edits."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainterPathStroker
from PySide6.QtWidgets import QGraphicsPathItem, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from strategy_minutes.desktop.meeting import demo, jsonformat, spec
from strategy_minutes.desktop.meeting.family_boxes import ELSEWHERE
from strategy_minutes.desktop.meeting.family_layout import layout
from strategy_minutes.desktop.meeting.model import Item, Meeting, normalise
from strategy_minutes.ui.family_map import MEASURE, FamilyMapView, PersonNode

TODAY = date(2026, 11, 24)
# The offscreen platform says this whenever a window is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def meeting() -> Meeting:
    return jsonformat.from_json(demo.demo_json(TODAY), TODAY)


@pytest.fixture
def view(qtbot: QtBot, meeting: Meeting) -> FamilyMapView:
    w = FamilyMapView()
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.set_meeting(meeting, TODAY)
    w.show()
    qtbot.waitExposed(w)
    return w


def person(m: Meeting, name: str) -> Item:
    return next(p for p in m.items_of("people") if p["name"] == name)


def badge_texts(view: FamilyMapView, m: Meeting, name: str) -> list[str]:
    return [b.text for b in view.nodes[person(m, name).id].box.badges]


def test_a_node_per_person_a_group_per_household_a_line_per_relationship(
    view: FamilyMapView, meeting: Meeting
) -> None:
    nodes = [i for i in view.scene.items() if isinstance(i, PersonNode)]
    assert sorted(n.box.id for n in nodes) == sorted(p.id for p in meeting.items_of("people"))
    plan = view.map_layout
    assert plan is not None
    assert [g.title for g in plan.groups] == ["Mother's home", "Father's home", ELSEWHERE]
    assert len(plan.links) == len(meeting.items_of("relationships")) == 8
    mother = plan.groups[0]
    maisie = plan.person(person(meeting, "Maisie Penrose").id)
    assert maisie is not None and mother.x < maisie.x < mother.x + mother.w
    labels = {i.text() for i in view.scene.items() if hasattr(i, "text")}
    assert {"parent of", "half-siblings", "aunt/uncle of"} <= labels


def test_the_uncle_shows_as_a_registered_sex_offender_in_prison_living_elsewhere(
    view: FamilyMapView, meeting: Meeting
) -> None:
    assert badge_texts(view, meeting, "Roy Penrose") == [
        "Registered sex offender",
        "In prison: HMP Eastmoor (fictional)",
        "MAPPA category 1, level 2",
        "Convictions recorded",
        "Concerns without conviction",
    ]
    roy = view.nodes[person(meeting, "Roy Penrose").id].box
    elsewhere = view.map_layout.groups[-1]  # type: ignore[union-attr]
    assert elsewhere.id == "" and elsewhere.x < roy.x < elsewhere.x + elsewhere.w
    assert roy.detail == "Adult, aged 52"
    assert "Registered sex offender" in roy.summary


def test_roles_and_ages_are_written_on_each_person(view: FamilyMapView, meeting: Meeting) -> None:
    assert badge_texts(view, meeting, "Maisie Penrose") == ["Subject child"]
    assert badge_texts(view, meeting, "Oscar Penrose") == ["Sibling"]
    assert badge_texts(view, meeting, "Callum Penrose") == ["Alleged perpetrator (child)"]
    assert badge_texts(view, meeting, "Dana Penrose") == [
        "Non-abusing parent or carer",
        "Parental responsibility",
    ]
    assert badge_texts(view, meeting, "Gareth Penrose") == ["Parental responsibility"]
    assert view.nodes[person(meeting, "Lily Penrose").id].box.detail == "Child, aged 7"


def test_clicking_a_person_chooses_them(
    qtbot: QtBot, view: FamilyMapView, meeting: Meeting
) -> None:
    lily = view.nodes[person(meeting, "Lily Penrose").id]
    where = view.canvas.mapFromScene(lily.sceneBoundingRect().center())
    with qtbot.waitSignal(view.person_chosen) as chosen:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert chosen.args == [lily.box.id]
    assert lily.current


def test_keyboard_moves_between_people_and_enter_chooses(
    qtbot: QtBot, view: FamilyMapView, meeting: Meeting
) -> None:
    ids = {p["name"]: p.id for p in meeting.items_of("people")}
    view.canvas.setFocus(Qt.FocusReason.TabFocusReason)
    assert view.current == ids["Dana Penrose"]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Down)
    assert view.current == ids["Maisie Penrose"]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert view.current == ids["Lily Penrose"]
    assert "Lily Penrose" in view.canvas.accessibleDescription()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Tab)
    assert view.current == ids["Oscar Penrose"]
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert view.current == ids["Callum Penrose"]
    with qtbot.waitSignal(view.person_chosen) as chosen:
        qtbot.keyClick(view.canvas, Qt.Key.Key_Return)
    assert chosen.args == [ids["Callum Penrose"]]
    assert view.canvas.accessibleName() == "Family map"


def test_a_change_to_the_meeting_redraws_the_map(view: FamilyMapView, meeting: Meeting) -> None:
    nodes = view.nodes
    view.set_meeting(meeting, TODAY)
    assert view.nodes is nodes  # unchanged data: nothing redrawn
    roy = person(meeting, "Roy Penrose")
    roy.data["in_prison"] = False
    mother = meeting.items_of("households")[0].id
    meeting.items_of("people").append(
        Item(
            "p-baby",
            "people",
            normalise(
                spec.PEOPLE,
                {
                    "name": "Baby Penrose",
                    "category": "unborn",
                    "expected_date": "2027-02-01",
                    "household": mother,
                    "role": "sibling",
                },
            ),
        )
    )
    view.set_meeting(meeting, TODAY)
    assert badge_texts(view, meeting, "Roy Penrose")[:2] == [
        "Registered sex offender",
        "MAPPA category 1, level 2",
    ]
    baby = view.nodes["p-baby"].box
    assert baby.detail == "Unborn baby, due 1 Feb 2027"
    assert sum(isinstance(i, PersonNode) for i in view.scene.items()) == 8


def test_the_map_is_painted_in_the_badges_colours(view: FamilyMapView) -> None:
    image = view.grab().toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert QColor("#b00020").name() in colours  # the sex-offender badge is drawn


def test_lines_never_run_under_a_third_person(view: FamilyMapView, meeting: Meeting) -> None:
    people = meeting.items_of("people")
    mother = meeting.items_of("households")[0].id
    dana, roy = person(meeting, "Dana Penrose").id, person(meeting, "Roy Penrose").id
    people.append(
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
    relationships = meeting.items_of("relationships")
    for n, (a, b) in enumerate([(dana, "p-baby"), (roy, "p-baby")]):
        relationships.append(
            Item(
                f"r-x{n}",
                "relationships",
                normalise(
                    spec.RELATIONSHIPS, {"person": a, "relationship": "parent", "other_person": b}
                ),
            )
        )
    view.set_meeting(meeting, TODAY)
    lines = [i for i in view.scene.items() if isinstance(i, QGraphicsPathItem) and i.zValue() == 1]
    assert len(lines) == len(relationships) == 10
    stroker = QPainterPathStroker()
    strokes = [stroker.createStroke(line.path()) for line in lines]
    for node in view.nodes.values():
        inside = node.sceneBoundingRect().adjusted(8, 8, -8, -8)
        assert not [s for s in strokes if s.intersects(inside)], node.box.name


def test_tab_from_the_last_person_leaves_the_map(qtbot: QtBot, meeting: Meeting) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    box = QVBoxLayout(window)
    view, after = FamilyMapView(), QLineEdit()
    box.addWidget(view)
    box.addWidget(after)
    view.set_meeting(meeting, TODAY)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    after.setFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert view.canvas.hasFocus()
    assert view.current == person(meeting, "Roy Penrose").id
    qtbot.keyClick(view.canvas, Qt.Key.Key_Tab)
    assert after.hasFocus()


def test_plus_and_minus_zoom_and_zero_shows_the_whole_map(
    qtbot: QtBot, view: FamilyMapView
) -> None:
    whole = view.canvas.transform().m11()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    assert view.canvas.transform().m11() == pytest.approx(whole * 1.25**2)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
    assert view.canvas.transform().m11() == pytest.approx(whole * 1.25)
    qtbot.keyClick(view.canvas, Qt.Key.Key_0)
    assert view.canvas.transform().m11() == pytest.approx(whole)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)  # never smaller than the whole map
    assert view.canvas.transform().m11() == pytest.approx(whole)


def test_a_draft_with_gaps_still_draws(qtbot: QtBot) -> None:
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
    view = FamilyMapView()
    qtbot.addWidget(view)
    view.set_meeting(draft, TODAY)
    plan = view.map_layout
    assert plan is not None
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
    assert "Unnamed person" in view.nodes["p-1"].box.summary


def test_a_narrow_pane_shows_households_in_two_bands_drawn_larger(
    qtbot: QtBot, meeting: Meeting
) -> None:
    view = FamilyMapView()
    qtbot.addWidget(view)
    view.resize(780, 740)
    view.set_meeting(meeting, TODAY)
    view.show()
    qtbot.waitExposed(view)
    assert len({g.y for g in view.map_layout.groups}) == 2  # type: ignore[union-attr]
    one_band = layout(meeting, TODAY, measure=MEASURE)
    one_band_scale = 780 / one_band.width  # one band is squeezed by its width
    assert view.canvas.transform().m11() > 1.25 * one_band_scale  # so words are drawn larger
