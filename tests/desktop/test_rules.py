"""Each rule fires on the smallest change to the demo meeting that should trip it, and not before.

The demo meeting is the reference for a complete, conflict-free record: it passes with no
findings at all. Every case changes it as a chair might and expects its rule at its item.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategy_minutes.desktop.commands.check import meeting_as_written
from strategy_minutes.desktop.meeting import rules, spec
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.findings import BLOCKER, WARNING, Finding
from strategy_minutes.desktop.meeting.rules import CODES, RULES, check

from tests.conftest import ROOT

TODAY = date(2026, 11, 24)
Data = dict[str, Any]


def day(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def row(data: Data, item_id: str) -> Data:
    return next(r for k in spec.LISTS for r in data[k.name] if r["id"] == item_id)


def drop(data: Data, kind: str, item_id: str) -> None:
    data[kind] = [r for r in data[kind] if r["id"] != item_id]


def findings(data: Data, today: date = TODAY) -> list[Finding]:
    return check(meeting_as_written(data), today)


def test_the_demo_meeting_has_no_findings() -> None:
    assert findings(demo_json(TODAY)) == []


def test_an_empty_meeting_never_passes() -> None:
    found = check(meeting_as_written({}), TODAY)
    assert {f.rule for f in found} >= {
        "meeting-facts-missing",
        "core-agency-missing",
        "think-family-not-considered",
        "review-date-missing",
    }
    assert any(f.blocks for f in found)


def _set(item_id: str, **values: Any) -> Callable[[Data], None]:
    return lambda d: row(d, item_id).update(values)


def _section(kind: str, **values: Any) -> Callable[[Data], None]:
    return lambda d: d[kind].update(values)


def _drop(kind: str, item_id: str) -> Callable[[Data], None]:
    return lambda d: drop(d, kind, item_id)


def _third_household(d: Data) -> None:
    d["households"].append({"id": "h-gran", "name": "Grandmother's home"})
    row(d, "p-oscar")["household"] = "h-gran"


def _education_absent(d: Data) -> None:
    for a in d["attendees"]:
        if a["agency"] == "education":
            a["status"] = "absent"


def _only_concerns(d: Data) -> None:
    """Dudley: no conviction is not no risk. Roy with concerns only, and Gareth not told."""
    row(d, "p-roy").update(
        registered_sex_offender=False,
        in_prison=False,
        convictions=None,
        mappa_category="none",
        mappa_level=None,
    )
    drop(d, "information_sharing", "is-gareth")


def _no_parental_responsibility(d: Data) -> None:
    for p in d["people"]:
        p["parental_responsibility"] = None
    d["information_sharing"] = [
        r for r in d["information_sharing"] if r["recipient_type"] != "parent"
    ]


def _alleged_adult_at_home(d: Data) -> None:
    """The father, living with Callum (not in scope), and the girls' alternate weekends."""
    row(d, "p-gareth").update(role="alleged_perpetrator")


# (rule, change, (kind, item_id, field) the finding points to, text the message names)
CASES: list[tuple[str, Callable[[Data], None], tuple[str, str, str], str]] = [
    ("meeting-facts-missing", _section("facts", chair=None), ("facts", "", "chair"), "chair"),
    (
        "meeting-facts-missing",
        _section("facts", sexual_abuse_alleged=None),
        ("facts", "", "sexual_abuse_alleged"),
        "sexual abuse",
    ),
    (
        "interview-decision-missing",
        _drop("decisions", "d-p-lily"),
        ("people", "p-lily", ""),
        "Lily Penrose",
    ),
    (
        "interview-decision-missing",
        _set("d-p-maisie", interview=None),
        ("decisions", "d-p-maisie", "interview"),
        "Maisie Penrose",
    ),
    (
        "interview-decision-missing",
        _set("d-p-maisie", interviewers=[]),
        ("decisions", "d-p-maisie", "interviewers"),
        "Maisie Penrose",
    ),
    (
        "interview-decision-missing",
        _set("d-p-maisie", interview_type=None),
        ("decisions", "d-p-maisie", "interview_type"),
        "Maisie Penrose",
    ),
    (
        "interview-decision-missing",
        _set("d-p-maisie", interview_start=None, interview_end=None),
        ("decisions", "d-p-maisie", "interview_start"),
        "Maisie Penrose",
    ),
    (
        "section-47-decision-missing",
        _set("d-p-oscar", section_47=None),
        ("decisions", "d-p-oscar", "section_47"),
        "Oscar Penrose",
    ),
    (
        "medical-decision-missing",
        _set("d-p-oscar", medical=None),
        ("decisions", "d-p-oscar", "medical"),
        "Oscar Penrose",
    ),
    (
        "siblings-interviewed-together",
        _set(
            "d-p-lily",
            interview_start=f"{day(2)}T10:00",
            interview_end=None,
            interviewers=["a-chair"],
        ),
        ("decisions", "d-p-lily", "interview_start"),
        "Maisie Penrose and Lily Penrose",
    ),
    (
        "siblings-interviewed-together",
        _set(
            "d-p-lily",
            interview_start=f"{day(2)}T10:30",
            interview_end=f"{day(2)}T12:00",
            interviewers=["a-chair"],
        ),
        ("decisions", "d-p-lily", "interview_start"),
        "individually",
    ),
    (
        "interviewer-double-booked",
        _set("d-p-lily", interview_start=f"{day(2)}T10:59", interview_end=None),
        ("decisions", "d-p-lily", "interviewers"),
        "DC Zofia Wiśniewska",
    ),
    (
        "interview-in-past",
        _set("d-p-maisie", interview_start=f"{day(-1)}T10:00", interview_end=f"{day(-1)}T11:00"),
        ("decisions", "d-p-maisie", "interview_start"),
        "Maisie Penrose",
    ),
    (
        "child-perpetrator-plan-missing",
        _drop("child_plans", "cp-callum"),
        ("people", "p-callum", ""),
        "Callum Penrose",
    ),
    (
        "child-perpetrator-plan-missing",
        _set("cp-callum", school="  "),
        ("child_plans", "cp-callum", "school"),
        "Callum Penrose",
    ),
    (
        "sibling-support-missing",
        _drop("sibling_support", "ss-oscar"),
        ("people", "p-oscar", ""),
        "Oscar Penrose",
    ),
    (
        "sibling-support-missing",
        _set("ss-oscar", may_discuss=None),
        ("sibling_support", "ss-oscar", "may_discuss"),
        "Oscar Penrose",
    ),
    (
        "non-abusing-parent-support-missing",
        _drop("parent_support", "ps-dana"),
        ("people", "p-dana", ""),
        "Dana Penrose",
    ),
    (
        "non-abusing-parent-support-missing",
        _set("ps-dana", supporter=""),
        ("parent_support", "ps-dana", "supporter"),
        "Dana Penrose",
    ),
    (
        "think-family-not-considered",
        _section("think_family", neglect=None),
        ("think_family", "", "neglect"),
        "neglect",
    ),
    (
        "think-family-not-considered",
        _section("think_family", domestic_abuse_note=""),
        ("think_family", "", "domestic_abuse_note"),
        "domestic abuse",
    ),
    (
        "core-agency-missing",
        _set("a-police", status="apologies"),
        ("attendees", "", "agency"),
        "Police",
    ),
    ("core-agency-missing", _education_absent, ("attendees", "", "agency"), "Education"),
    (
        "paediatrician-missing",
        _set("a-paed", role="Consultant in emergency medicine"),
        ("attendees", "", "role"),
        "Maisie Penrose",
    ),
    (
        "paediatrician-missing",
        _set("a-paed", status="absent"),
        ("attendees", "", "role"),
        "paediatrician",
    ),
    (
        "probation-missing",
        _set("a-probation", status="apologies"),
        ("people", "p-roy", ""),
        "Roy Penrose",
    ),
    ("meeting-held-as-discussion", _section("facts", held="phone"), ("facts", "", "held"), "phone"),
    (
        "risky-adult-not-shared",
        _drop("information_sharing", "is-gareth"),
        ("people", "p-roy", ""),
        "Gareth Penrose",
    ),
    (
        "risky-adult-not-shared",
        _drop("information_sharing", "is-school"),
        ("people", "p-roy", ""),
        "professional",
    ),
    (
        "risky-adult-not-shared",
        _set("is-dana", by=None),
        ("information_sharing", "is-dana", "by"),
        "Dana Penrose",
    ),
    (
        "risky-adult-not-shared",
        _set("is-dana", due=None),
        ("information_sharing", "is-dana", "due"),
        "Dana Penrose",
    ),
    (
        "risky-adult-not-shared",
        _set("is-dana", due=day(-1)),
        ("information_sharing", "is-dana", "done"),
        "not recorded as done",
    ),
    ("risky-adult-not-shared", _only_concerns, ("people", "p-roy", ""), "Gareth Penrose"),
    (
        "risky-adult-not-shared",
        _no_parental_responsibility,
        ("people", "p-roy", ""),
        "parental responsibility",
    ),
    (
        "grooming-not-considered",
        _section("grooming", professionals=None),
        ("grooming", "", "professionals"),
        "Roy Penrose",
    ),
    (
        "grooming-not-considered",
        _section("grooming", parents=False),
        ("grooming", "", "parents"),
        "parents and carers",
    ),
    (
        "prison-contact-missing",
        _drop("prison_contact", "pc-roy"),
        ("people", "p-roy", ""),
        "Roy Penrose",
    ),
    (
        "prison-contact-missing",
        _set("pc-roy", governor_application=None),
        ("people", "p-roy", ""),
        "governor",
    ),
    (
        "complex-abuse-procedure-suggested",
        _third_household,
        ("facts", "", "procedures"),
        "3 households",
    ),
    (
        "harm-to-others-procedure-suggested",
        _section("facts", procedures=["section_47"]),
        ("facts", "", "procedures"),
        "Callum Penrose",
    ),
    (
        "medical-consent-missing",
        _set("d-p-maisie", medical_consent=None),
        ("decisions", "d-p-maisie", "medical_consent"),
        "Maisie Penrose",
    ),
    (
        "school-holiday-contact-missing",
        _set("p-lily", school_holiday_contact=None),
        ("people", "p-lily", "school_holiday_contact"),
        "Lily Penrose",
    ),
    (
        "action-incomplete",
        _set("ac-1", owner=None, owner_agency=None),
        ("actions", "ac-1", "owner"),
        "medical for Maisie",
    ),
    ("action-incomplete", _set("ac-1", due=None), ("actions", "ac-1", "due"), "medical for Maisie"),
    (
        "action-incomplete",
        _set("ac-1", description=""),
        ("actions", "ac-1", "description"),
        "Action 2 does not say",
    ),
    (
        "action-overdue",
        _set("ac-1", due=day(-1)),
        ("actions", "ac-1", "status"),
        "medical for Maisie",
    ),
    (
        "action-due-on-non-working-day",
        _set("ac-1", due="2026-11-28"),  # a Saturday
        ("actions", "ac-1", "due"),
        "a weekend",
    ),
    (
        "action-due-on-non-working-day",
        _set("ac-1", due="2026-12-28"),  # the Boxing Day holiday, moved to a Monday
        ("actions", "ac-1", "due"),
        "a bank holiday",
    ),
    (
        "carried-action-progress-missing",
        _set("ac-1", carried_action="earlier-action", status="open"),
        ("actions", "ac-1", "status"),
        "record its progress",
    ),
    (
        "carried-action-progress-missing",
        _set("ac-1", carried_action="earlier-action", status="dropped", progress_note=" "),
        ("actions", "ac-1", "progress_note"),
        "give its reason",
    ),
    (
        "adult-safety-plan-missing",
        _alleged_adult_at_home,
        ("people", "p-gareth", ""),
        "Gareth Penrose is alleged to harm",
    ),
    (
        "adult-safety-plan-missing",
        _set("ap-roy", monitoring=""),
        ("adult_plans", "ap-roy", "monitoring"),
        "who monitors",
    ),
    (
        "medical-reason-missing",
        _set("d-p-lily", medical_reason=None),
        ("decisions", "d-p-lily", "medical_reason"),
        "Lily Penrose",
    ),
    (
        "child-views-missing",
        _set("d-p-oscar", views=""),
        ("decisions", "d-p-oscar", "views"),
        "Oscar Penrose's views",
    ),
    (
        "child-views-missing",
        _set("d-p-oscar", views_how=None),
        ("decisions", "d-p-oscar", "views_how"),
        "how Oscar Penrose's views",
    ),
    (
        "interpreter-needs-missing",
        _set("p-gareth", interpreter_needs=None),
        ("people", "p-gareth", "interpreter_needs"),
        "Gareth Penrose",
    ),
    (
        "immediate-safety-missing",
        _section("outcome", immediate_safety=""),
        ("outcome", "", "immediate_safety"),
        "kept safe",
    ),
    (
        "review-date-missing",
        _section("outcome", review_date=None),
        ("outcome", "", "review_date"),
        "review meeting",
    ),
    (
        "management-oversight-missing",
        _section("outcome", oversight_manager=" "),
        ("outcome", "", "oversight_manager"),
        "manager",
    ),
]


# The only other findings a case may bring: an overlap with shared interviewers is also two
# children at once; the paediatrician being the only health attendee is also health missing.
COMPANIONS = {
    "interviewer-double-booked": {"siblings-interviewed-together"},
    "paediatrician-missing": {"core-agency-missing"},
}


def test_every_rule_has_a_case_and_a_known_severity() -> None:
    assert {code for code, *_ in CASES} == set(CODES)
    assert len(set(CODES)) == len(CODES)
    assert all(r.severity in (BLOCKER, WARNING) for r in RULES)


@pytest.mark.parametrize(
    ("code", "change", "where", "named"), CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)]
)
def test_rule_fires_at_its_item(
    code: str, change: Callable[[Data], None], where: tuple[str, str, str], named: str
) -> None:
    data = demo_json(TODAY)
    assert code not in {f.rule for f in findings(data)}
    change(data)
    found = findings(data)
    assert {f.rule for f in found} - {code} <= COMPANIONS.get(code, set())
    hits = [f for f in found if f.rule == code]
    assert [(f.kind, f.item_id, f.field) for f in hits if named in f.message] and all(
        (f.kind, f.item_id, f.field) == where for f in hits if named in f.message
    ), hits
    assert all(f.message.endswith(".") and "\n" not in f.message for f in hits)


def test_interviews_back_to_back_are_not_a_conflict() -> None:
    data = demo_json(TODAY)
    row(data, "d-p-maisie")["interview_end"] = None  # assumed to last an hour
    row(data, "d-p-lily").update(interview_start=f"{day(2)}T11:00", interview_end=None)
    assert findings(data) == []


@pytest.mark.parametrize("status", ["signed", "addendum"])
def test_a_signed_meeting_is_not_told_its_interviews_have_passed(status: str) -> None:
    data = demo_json(TODAY)
    data["status"] = status
    assert "interview-in-past" not in {f.rule for f in findings(data, TODAY + timedelta(days=5))}


def test_paediatrician_is_recognised_in_any_case_and_spelling() -> None:
    data = demo_json(TODAY)
    for role in ("PAEDIATRICIAN", "Pediatric registrar", "Paediatric consultant (طب الأطفال)"):
        row(data, "a-paed")["role"] = role
        assert "paediatrician-missing" not in {f.rule for f in findings(data)}


def test_cancelled_and_done_actions_are_not_chased() -> None:
    data = demo_json(TODAY)
    row(data, "ac-0").update(status="cancelled", owner=None, owner_agency=None, due=day(-3))
    row(data, "ac-1").update(status="done", due=day(-3))
    assert findings(data) == []


def _override(data: Data, rule: str, target: str, reason: str = "Agreed at the meeting.") -> None:
    data["overrides"].append(
        {"id": f"o-{len(data['overrides'])}", "rule": rule, "target": target, "reason": reason}
    )


def test_an_override_keeps_the_finding_but_stops_it_blocking() -> None:
    data = demo_json(TODAY)
    row(data, "d-p-maisie")["medical_consent"] = None
    row(data, "d-p-lily").update(medical=True, medical_consent=None)
    _override(data, "medical-consent-missing", "d-p-maisie", "Court order being sought today.")
    _override(data, "action-overdue", "d-p-lily")  # another rule: does not match
    found = {f.item_id: f for f in findings(data) if f.rule == "medical-consent-missing"}
    assert found["d-p-maisie"].override_reason == "Court order being sought today."
    assert not found["d-p-maisie"].blocks and found["d-p-maisie"].severity == BLOCKER
    assert found["d-p-lily"].blocks and not found["d-p-lily"].overridden


def test_meeting_level_override_by_empty_target_or_by_field() -> None:
    data = demo_json(TODAY)
    data["think_family"].update(neglect=None, mental_health_note=None)
    _override(data, "think-family-not-considered", "neglect", "Not relevant here.")
    found = {f.field: f for f in findings(data)}
    assert found["neglect"].overridden and found["mental_health_note"].blocks
    _override(data, "think-family-not-considered", "")
    assert not any(f.blocks for f in findings(data))


def test_one_agency_can_be_overridden_by_its_code() -> None:
    data = demo_json(TODAY)
    _education_absent(data)
    row(data, "a-police")["status"] = "absent"
    _override(data, "core-agency-missing", "education", "School closed; DSL phoned.")
    found = {f.message.split()[0]: f for f in findings(data)}
    assert found["Education"].overridden and found["Police"].blocks


def test_each_findings_own_target_sets_aside_that_finding_alone() -> None:
    data = demo_json(TODAY)
    data["think_family"].update(neglect=None, mental_health_note=None)
    data["facts"].update(chair=None, case_reference=None)
    _education_absent(data)
    row(data, "a-police")["status"] = "absent"
    row(data, "a-paed")["role"] = "School nurse"
    row(data, "d-p-maisie").update(interviewers=[], interview_type=None)
    drop(data, "information_sharing", "is-gareth")
    before = findings(data)
    assert len({(f.rule, f.target) for f in before}) == 9
    for f in before:
        trial = {**data, "overrides": []}
        _override(trial, f.rule, f.target)
        set_aside = [(g.rule, g.target) for g in findings(trial) if g.overridden]
        assert (f.rule, f.target) in set_aside and set(set_aside) == {(f.rule, f.target)}


def test_blockers_come_first_then_warnings_in_the_order_of_the_record() -> None:
    data = demo_json(TODAY)
    row(data, "ac-1")["due"] = day(-1)  # warning, actions
    data["outcome"]["oversight_manager"] = None  # warning, outcome
    data["outcome"]["review_date"] = None  # blocker, outcome
    data["think_family"]["neglect"] = None  # blocker, think family
    data["facts"]["chair"] = None  # blocker, facts
    row(data, "d-p-oscar")["medical"] = None  # blocker, decisions; overridden below
    _override(data, "medical-decision-missing", "d-p-oscar")
    row(data, "p-lily")["school_holiday_contact"] = None  # warning, people
    order = [(f.severity, f.overridden, f.rule) for f in findings(data)]
    assert order == [
        (BLOCKER, False, "meeting-facts-missing"),
        (BLOCKER, False, "think-family-not-considered"),
        (BLOCKER, False, "review-date-missing"),
        (BLOCKER, True, "medical-decision-missing"),
        (WARNING, False, "school-holiday-contact-missing"),
        (WARNING, False, "action-overdue"),
        (WARNING, False, "management-oversight-missing"),
    ]


def _thinned(rnd: Any, data: Data) -> Data:
    """The demo with random items and fields gone, as a draft in progress might be."""
    for k in spec.KINDS:
        if k.is_list:
            data[k.name] = [
                {f: v for f, v in r.items() if f == "id" or rnd.random() > 0.3}
                for r in data[k.name]
                if rnd.random() > 0.25
            ]
        else:
            data[k.name] = {f: v for f, v in data[k.name].items() if rnd.random() > 0.3}
    data["status"] = rnd.choice(["draft", "review", "signed", "addendum"])
    return data


@settings(max_examples=50, deadline=None)
@given(rnd=st.randoms(use_true_random=False), offset=st.integers(-400, 400))
def test_check_never_raises_on_a_partial_meeting(rnd: Any, offset: int) -> None:
    meeting = meeting_as_written(_thinned(rnd, demo_json(TODAY)))
    for f in check(meeting, TODAY + timedelta(days=offset)):
        assert f.rule in CODES and f.severity in (BLOCKER, WARNING) and f.message
        assert f.item_id == "" or meeting.find(f.item_id) is not None
        assert f.field == "" or spec.kind(f.kind).field(f.field)


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.code)
def test_every_rule_is_documented_with_its_severity(rule: rules.Rule) -> None:
    """docs/rules.md is the chair's and the reviewer's list: a rule missing there is a rule
    nobody can check against its source."""
    table = (ROOT / "docs" / "rules.md").read_text("utf-8")
    row = next((line for line in table.splitlines() if line.startswith(f"| `{rule.code}` |")), "")
    assert row, f"{rule.code} is not in docs/rules.md"
    assert f"| {rule.severity} |" in row, f"docs/rules.md gives {rule.code} another severity"


# -- rules that cried wolf (issue: the case over time, item 6) ------------------------------


def test_children_seen_at_the_same_hour_by_other_teams_elsewhere_are_not_together() -> None:
    """Two children interviewed at the same hour, in different towns by different people,
    are each spoken to on their own: no finding (it was a blocker)."""
    data = demo_json(TODAY)
    row(data, "d-p-lily").update(
        interview_start=row(data, "d-p-maisie")["interview_start"],
        interview_end=row(data, "d-p-maisie")["interview_end"],
        interview_place="Eastport police station, interview room 2",
        interviewers=["a-chair"],
    )
    assert findings(data) == []


@pytest.mark.parametrize(
    ("place_a", "place_b", "together"),
    [
        ("Northfield ABE suite", "northfield  abe SUITE", True),  # the same place, typed twice
        ("Northfield ABE suite", "Eastport police station", False),
        ("", "", False),  # no place given is not the same place
    ],
)
def test_together_means_the_same_place_at_overlapping_times(
    place_a: str, place_b: str, together: bool
) -> None:
    data = demo_json(TODAY)
    maisie = row(data, "d-p-maisie")
    maisie["interview_place"] = place_a
    row(data, "d-p-lily").update(
        interview_start=maisie["interview_start"],
        interview_end=maisie["interview_end"],
        interview_place=place_b,
        interviewers=["a-chair"],
    )
    found = {f.rule for f in findings(data)}
    assert ("siblings-interviewed-together" in found) is together


@pytest.mark.parametrize(
    "written",
    ["None", "None known", "none known.", "N/A", "n/a", "NA", "Nil", "No convictions", "-"],
)
def test_a_convictions_field_saying_none_makes_no_one_a_risky_adult(written: str) -> None:
    """The non-abusing mother with 'None' under convictions was treated as a risky adult."""
    data = demo_json(TODAY)
    row(data, "p-dana").update(convictions=written, concerns_without_conviction=written)
    assert findings(data) == []


def test_a_conviction_written_in_still_makes_a_risky_adult() -> None:
    data = demo_json(TODAY)
    row(data, "p-dana")["convictions"] = "Assault occasioning actual bodily harm, 2019"
    assert "risky-adult-not-shared" in {f.rule for f in findings(data)}


def test_action_due_on_a_working_day_of_its_own_nation_is_fine() -> None:
    """St Andrew's Day (30 November 2026, a Monday) is a bank holiday in Scotland only."""
    data = demo_json(TODAY)
    row(data, "ac-1")["due"] = "2026-11-30"
    assert "action-due-on-non-working-day" not in {f.rule for f in findings(data)}
    data["facts"]["nation"] = "scotland"
    assert "action-due-on-non-working-day" in {f.rule for f in findings(data)}


def test_a_sibling_who_is_also_alleged_to_harm_needs_both_a_decision_and_a_plan() -> None:
    data = demo_json(TODAY)
    row(data, "p-callum")["other_roles"] = ["sibling"]
    found = {f.rule for f in findings(data)}
    assert {"interview-decision-missing", "sibling-support-missing"} <= found
    assert "child-perpetrator-plan-missing" not in found  # his plan is there already


def test_progress_after_signing_and_carrying_stop_the_overdue_warning() -> None:
    from strategy_minutes.desktop.meeting.model import Progress

    data = demo_json(TODAY)
    row(data, "ac-1")["due"] = day(-7)
    row(data, "ac-2")["due"] = day(-7)
    meeting = meeting_as_written(data)
    assert {f.item_id for f in check(meeting, TODAY) if f.rule == "action-overdue"} == {
        "ac-1",
        "ac-2",
    }
    meeting.progress = [
        Progress("ac-1", "in_progress", "Booked", "Hannah Reid", day(-8), day(-8)),
        Progress("ac-1", "done", "Seen", "Hannah Reid", day(-1), day(-1)),
    ]
    meeting.carried_on = {"ac-2": "a-review-meeting"}
    assert not [f for f in check(meeting, TODAY) if f.rule == "action-overdue"]
