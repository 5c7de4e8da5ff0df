"""Forms that fit the person and the answer: where a field applies is declared once in the
spec (`when`), defaults fill only what is empty, and fields that name someone hold a
reference that rules match, while a name typed before stays readable."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from strategy_minutes.desktop.commands.check import meeting_as_written
from strategy_minutes.desktop.meeting import defaults, rules, spec, validation
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.fieldtypes import Someone

TODAY = date(2026, 11, 24)


def shown(kind: str, record: dict[str, Any]) -> set[str]:
    return {f.name for f in spec.kind(kind).all_fields() if f.applies(record)}


@pytest.mark.parametrize(
    ("kind", "record", "hidden", "asked"),
    [
        (
            "decisions",
            {"interview": False},
            {"interview_type", "interviewers", "preparation"},
            {"interview_reason", "views"},
        ),
        ("decisions", {"interview": None}, {"interview_type", "interview_place"}, set()),
        ("decisions", {"interview": True}, set(), {"interview_type", "interview_place"}),
        ("decisions", {"medical": False}, {"medical_by", "medical_consent"}, {"medical_reason"}),
        ("decisions", {"section_47": False}, {"section_47_mode", "lead_agency"}, set()),
        (
            "people",
            {"category": "child"},
            {
                "registered_sex_offender",
                "mappa_category",
                "parental_responsibility",
                "expected_date",
                "prison",
            },
            {"school", "date_of_birth"},
        ),
        (
            "people",
            {"category": "adult"},
            {"school", "expected_date", "mappa_level"},
            {"registered_sex_offender", "parental_responsibility"},
        ),
        ("people", {"category": None}, {"mappa_category"}, {"school", "expected_date"}),
        (
            "people",
            {"category": "adult", "registered_sex_offender": True},
            set(),
            {"mappa_category", "in_prison", "probation_contact", "convictions"},
        ),
        (
            "people",
            {"category": "adult", "other_roles": ["alleged_perpetrator"]},
            {"mappa_category"},
            {"in_prison", "convictions"},
        ),
        ("attendees", {"status": "present"}, {"apology_reason"}, {"attended_by"}),
        ("attendees", {"status": "apologies"}, {"attended_by"}, {"apology_reason"}),
    ],
)
def test_a_field_applies_where_the_spec_says(
    kind: str, record: dict[str, Any], hidden: set[str], asked: set[str]
) -> None:
    fields = shown(kind, record)
    assert not hidden & fields
    assert asked <= fields


def test_conditions_name_real_fields_of_their_own_kind() -> None:
    def names(c: Any) -> list[str]:
        return (
            [n for sub in c.conditions for n in names(sub)]
            if hasattr(c, "conditions")
            else [c.field]
        )

    for k in spec.KINDS:
        own = {f.name for f in k.all_fields()}
        for f in k.all_fields():
            for c in f.when:
                assert set(names(c)) <= own, (k.name, f.name)


@pytest.mark.parametrize(
    ("kind", "record", "field", "value", "filled"),
    [
        ("decisions", {}, "interview_start", "2026-11-24T14:00", {"interview_place": "Room 4"}),
        ("decisions", {"interview_place": "ABE suite"}, "interview_start", "2026-11-24T14:00", {}),
        ("decisions", {}, "interview_start", "2026-11-25T14:00", {}),
        (
            "decisions",
            {},
            "section_47",
            True,
            {"lead_agency": "childrens_social_care", "section_47_mode": "joint"},
        ),
        ("decisions", {"section_47_mode": "single"}, "section_47", False, {}),
        ("decisions", {}, "medical", True, {"medical_consent": "parental_responsibility"}),
        ("decisions", {"medical_consent": "court"}, "medical", True, {}),
        (
            "people",
            {},
            "role",
            "non_abusing_parent",
            {"category": "adult", "parental_responsibility": True},
        ),
        (
            "decisions",
            {"lead_agency": "police", "section_47_mode": "single"},
            "section_47",
            True,
            {},
        ),
        ("people", {}, "role", "sibling", {"category": "child"}),
        ("people", {}, "role", "alleged_perpetrator", {}),
    ],
)
def test_defaults_fill_only_what_is_empty(
    kind: str, record: dict[str, Any], field: str, value: Any, filled: dict[str, Any]
) -> None:
    data = demo_json(TODAY)
    data["facts"].update(date="2026-11-24", venue="Room 4")
    m = meeting_as_written(data)
    assert defaults.follow_ons(m, kind, record, field, value) == filled


def test_an_owner_brings_their_agency_and_a_time_alone_is_on_the_meeting_day() -> None:
    data = demo_json(TODAY)
    m = meeting_as_written(data)
    owner = next(a for a in m.attendees if a.data["agency"])
    said = defaults.follow_ons(m, "actions", {}, "owner", owner.id)
    assert said == {"owner_agency": owner.data["agency"]}
    start = spec.kind("decisions").field("interview_start")
    assert defaults.complete(m, start, "14.00") == f"{m.facts['date']}T14:00"
    assert defaults.complete(m, start, "25/11/2026 14:00") == "25/11/2026 14:00"


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("decisions", "medical_by"),
        ("decisions", "family_told_by"),
        ("information_sharing", "recipient"),
        ("people", "probation_contact"),
        ("prison_contact", "probation_contact"),
        ("sibling_support", "supporter"),
        ("parent_support", "supporter"),
    ],
)
def test_fields_that_name_someone_are_picked(kind: str, field: str) -> None:
    assert isinstance(spec.kind(kind).field(field).type, Someone)


def test_a_name_typed_before_stays_readable_and_is_no_dangling_reference() -> None:
    data = demo_json(TODAY)
    data["decisions"][0]["family_told_by"] = "Hannah Reid"  # as earlier versions stored it
    m = meeting_as_written(data)
    told = next(d for d in m.decisions if d.data["family_told_by"] == "Hannah Reid")
    f = spec.kind("decisions").field("family_told_by")
    assert m.display(f, told.data["family_told_by"]) == told.data["family_told_by"]
    problems = validation.item_problems(m, "decisions", told.id, told.data, TODAY)
    assert not [p for p in problems if p.field == "family_told_by"]


def _sharing_findings(data: dict[str, Any]) -> list[str]:
    return [
        f.message
        for f in rules.check(meeting_as_written(data), TODAY)
        if f.rule == "risky-adult-not-shared" and "parental responsibility but" in f.message
    ]


@pytest.mark.parametrize(
    ("recipient", "cleared"),
    [
        ("by reference", True),
        ("typed in full", True),  # as earlier versions stored it
        ("misspelt", False),
        ("someone else by reference", False),
    ],
)
def test_who_must_be_told_is_matched_by_reference(recipient: str, cleared: bool) -> None:
    data = demo_json(TODAY)
    row = next(r for r in data["information_sharing"] if r["recipient_type"] == "parent")
    parent = next(p for p in data["people"] if p["id"] == row["recipient"])
    other = next(p for p in data["people"] if p["id"] != parent["id"])
    row["recipient"] = {
        "by reference": parent["id"],
        "typed in full": parent["name"],
        "misspelt": parent["name"][:3] + "x",
        "someone else by reference": other["id"],
    }[recipient]
    named = [m for m in _sharing_findings(data) if parent["name"] in m]
    assert (not named) is cleared
