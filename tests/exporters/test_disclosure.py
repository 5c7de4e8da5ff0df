"""Nothing reaches a parent that the chair did not decide to share.

A property over generated meetings (no restriction touched, no chair decision): the copy for
a parent holds none of the text of the fields withheld by default, and no name of a person
the record says must not be told yet, however the free text around them repeats them. Then
the case that started it, a police hold, as a table of what a careless chair would leave in.
"""

from __future__ import annotations

import copy
import io
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategy_minutes.desktop.meeting import audiences, disclosure, fieldtypes, spec
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.jsonformat import from_json
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.exporters.docx_minutes import minutes_bytes

from tests.exporters.conftest import MEETING_DAY, package_text

FREE_TEXT = (fieldtypes.Text, fieldtypes.LongText)


def police_hold_json() -> dict[str, Any]:
    """The demo as a new chair would record it: no restriction touched anywhere, a police hold
    on the mother and the 15-year-old, and free text that repeats what must not get out."""
    data = demo_json(MEETING_DAY)
    for k in spec.KINDS:
        rows = data.get(k.name)
        for row in rows if isinstance(rows, list) else [rows] if rows else []:
            if "restriction" in row:
                row["restriction"] = "none"
    maisie = next(d for d in data["decisions"] if d["child"] == "p-maisie")
    maisie["police_hold"] = "Mother and Callum not to be told until police have spoken to him."
    maisie["not_yet_told"] = ["p-dana", "p-callum"]
    plan = data["child_plans"][0]
    plan["support"] = "Consider whether he has himself been abused by his father."
    return data


def police_hold_meeting() -> Meeting:
    return from_json(police_hold_json(), today=MEETING_DAY)


# (what a police officer or a third party would object to, the text the record holds)
MUST_NOT_SHOW = [
    ("the police hold", "until police have spoken to him"),
    ("where the interview is", "Northfield ABE suite"),
    ("the plan for the 15-year-old", "abused by his father"),
    ("the uncle's convictions", "Sexual offences against a child"),
    ("the uncle's MAPPA level", "MAPPA category"),
    ("the uncle's prison", "HMP Eastmoor"),
    ("a name not to be told", "Callum"),
    ("a name not to be told", "Dana Penrose"),
]


@pytest.fixture(scope="module")
def parent_text() -> str:
    return package_text(minutes_bytes(police_hold_meeting(), audiences.PARENT))


@pytest.fixture(scope="module")
def full_text() -> str:
    return package_text(minutes_bytes(police_hold_meeting(), audiences.FULL))


@pytest.mark.parametrize(("what", "text"), MUST_NOT_SHOW)
def test_the_police_hold_case_shares_none_of_it(
    parent_text: str, full_text: str, what: str, text: str
) -> None:
    assert text in full_text, f"the record holds {what}"
    assert text not in parent_text, what


def test_the_police_hold_is_withheld_while_the_rest_of_the_decision_is_shared(
    parent_text: str,
) -> None:
    assert "spares repetition" in parent_text  # the reason for the interview decision
    assert "Hold asked for by police" not in parent_text  # not even that there is one
    assert audiences.DISCREET_REASON.replace("'", "&apos;") in parent_text or (
        audiences.DISCREET_REASON in parent_text
    )
    assert "Interview and medical arrangements" in parent_text


def test_the_chair_sees_every_place_the_copy_would_have_leaked() -> None:
    review = disclosure.review(police_hold_meeting())
    hits = {review.place(e): e.hit for e in review.hits()}
    assert any("Callum" in hit for hit in hits.values()), hits
    assert all(e.undecided for e in review.hits())
    kinds = {e.kind for e in review.undecided()}
    assert {"information_shared", "child_plans", "prison_contact", "decisions"} <= kinds


def test_withheld_list_numbers_items_as_the_copy_does() -> None:
    m = police_hold_meeting()
    m.actions[1].data["restriction"] = "police_sensitive"  # the second action of the record
    listed = [w for w in audiences.view(m, audiences.PARENT).listed() if w.kind == "actions"]
    assert any(w.item == "One action, after action 1 of this copy" for w in listed), listed
    assert not any(w.item == "Item 2" for w in listed)


# -- the property ----------------------------------------------------------------------------
BASE = police_hold_json()
PEOPLE = [p["id"] for p in BASE["people"]]


def _rows(data: dict[str, Any], k: spec.Kind) -> list[dict[str, Any]]:
    rows = data.get(k.name)
    return rows if isinstance(rows, list) else [rows] if rows else []


@st.composite
def meetings(draw: st.DrawFn) -> tuple[Meeting, list[str], list[str]]:
    """A meeting whose every free-text field holds a unique marker, some of which repeat a
    withheld field's text or a withheld name; no restriction and no chair decision."""
    data = copy.deepcopy(BASE)
    data["disclosure"] = []
    quiet = draw(st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True))
    data["decisions"][0]["not_yet_told"] = quiet
    for n, p in enumerate(data["people"]):
        p["name"] = f"Given{n:02d} Family{n:02d}"
    names = [p["name"] for p in data["people"] if p["id"] in quiet]
    secrets: list[str] = []
    counter = 0
    for k in spec.KINDS:
        for row in _rows(data, k):
            for f in k.fields:
                if not isinstance(f.type, FREE_TEXT) or f.name == "name":
                    continue
                counter += 1
                cls = spec.disclosure(k.name, f.name)
                if cls.withheld and not cls.standing:
                    row[f.name] = f"Withheld passage number {counter:04d} QW{counter:04d}QW"
                    secrets.append(f"QW{counter:04d}QW")
                elif k.name not in ("attendees",) and secrets and draw(st.booleans()):
                    echo = draw(st.sampled_from(["secret", "name", "plain"]))
                    if echo == "secret":
                        row[f.name] = f"As noted: withheld passage number {secrets[-1][2:6]} "
                        row[f.name] += f"{secrets[-1]}."
                    elif echo == "name" and names:
                        row[f.name] = f"Spoken to {draw(st.sampled_from(names))} today."
    return from_json(data, today=MEETING_DAY), secrets, names


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_a_parent_copy_made_with_the_defaults_shares_nothing_withheld(
    case: tuple[Meeting, list[str], list[str]],
) -> None:
    m, secrets, names = case
    everything = package_text(minutes_bytes(m, audiences.PARENT))
    for secret in secrets:
        assert secret not in everything
    for name in names:
        assert name not in everything
        assert name.split()[0] not in everything


def test_a_withheld_action_text_says_withheld_in_every_table_it_would_fill() -> None:
    """The actions table and the review's progress table both print an action's text; a chair
    who withholds it sees "(withheld)" in each, not an empty cell, and the text in neither."""
    data = police_hold_json()
    action = data["actions"][0]
    action["restriction"] = "none"
    data["actions"].append(action | {"id": "a-carried", "carried_action": action["id"]})
    data["disclosure"] = [
        {"id": f"d-{n}", "target": target, "field": "description", "decision": "withhold"}
        | {"reason": "Names the uncle"}
        for n, target in enumerate((action["id"], "a-carried"))
    ]
    m = from_json(data, today=MEETING_DAY)
    copy_bytes = minutes_bytes(m, audiences.PARENT)
    assert action["description"] not in package_text(copy_bytes)
    tables = {t.rows[0].cells[1].text: t for t in docx.Document(io.BytesIO(copy_bytes)).tables}
    actions = [row.cells[1].text for row in tables["Action"].rows[1:]]
    progress = [row.cells[0].text for row in tables["First agreed"].rows[1:]]
    assert actions[:1] == [audiences.WITHHELD_TEXT] and actions[-1] == audiences.WITHHELD_TEXT
    assert progress == [audiences.WITHHELD_TEXT]


# How a note written in a hurry names someone who must not be told yet: (text, named?)
NAME_SPELLINGS = [
    ("Callum Penrose to be seen first.", True),
    ("CALLUM PENROSE to be seen first.", True),
    ("callum penrose to be seen first.", True),
    ("Callum's phone to be seized.", True),
    ("CALLUM to be seen first.", True),
    ("Spoke to Callum.", True),
    ("Spoke to Cállum.", True),  # an accent added by autocorrect
    ("The callumny of it.", False),  # not the word
    ("Mr Penrose was not present.", False),  # the family's name, shared by those told
]


@pytest.mark.parametrize(("text", "named"), NAME_SPELLINGS)
def test_the_scan_finds_a_withheld_name_however_it_is_spelt(text: str, named: bool) -> None:
    data = police_hold_json()
    data["disclosure"] = []
    data["facts"]["reason"] = text
    review = disclosure.review(from_json(data, today=MEETING_DAY))
    hits = [e for e in review.hits() if e.kind == "facts" and e.field == "reason"]
    assert bool(hits) is named, (text, hits)


@pytest.mark.parametrize("text", ["Told Lukasz today.", "LUKASZ MAZUR told today."])
def test_a_name_with_letters_the_keyboard_lacks_is_found_typed_without_them(text: str) -> None:
    data = police_hold_json()
    data["disclosure"] = []
    callum = next(p for p in data["people"] if p["id"] == "p-callum")
    callum["name"] = "Łukasz Mazur"  # a name from no real case
    data["facts"]["reason"] = text
    review = disclosure.review(from_json(data, today=MEETING_DAY))
    assert any(e.kind == "facts" and e.field == "reason" for e in review.hits()), text


def test_a_section_whose_items_are_all_withheld_does_not_claim_none_were_recorded(
    parent_text: str, full_text: str
) -> None:
    """'None recorded' under a section whose every item was withheld would tell a parent, or a
    court, that the agencies shared nothing; the copy says only what is true either way."""
    assert "None recorded." not in parent_text
    assert "None in this copy." in parent_text  # information shared by agencies: all withheld


def test_the_copy_ends_on_its_last_words_not_on_a_blank_page() -> None:
    """The spacer after the closing table is one point high: a table that ends at the foot of a
    page no longer pushes an empty paragraph onto a page of its own."""
    body = docx.Document(io.BytesIO(minutes_bytes(police_hold_meeting(), audiences.PARENT)))
    last = body.paragraphs[-1]
    assert last.text == "" and last.paragraph_format.line_spacing == docx.shared.Pt(1)


def test_the_review_names_both_people_of_a_relationship() -> None:
    """ "Relationships, item 1 (Parent)" did not say whose: the chair needs both names."""
    m = from_json(demo_json())
    first = m.relationships[0]
    who, other = m.title_of(first.data["person"]), m.title_of(first.data["other_person"])
    tie = m.display(spec.RELATIONSHIPS.field("relationship"), first.data["relationship"])
    entry = disclosure.Entry(spec.RELATIONSHIPS.name, first.id, "", True, "", "shared")
    assert disclosure.review(m).place(entry) == (
        f"Relationships, item 1 ({who}, {tie.lower()} of {other})"
    )
