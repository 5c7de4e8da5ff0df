"""What the chair reads is in the chair's language: titles not rule codes, dates as typed in
England, times on the UK clock (GMT or BST), no command names in sentences the GUI shows."""

from __future__ import annotations

from datetime import date

import pytest
from strategy_minutes.desktop.commands.check import meeting_as_written
from strategy_minutes.desktop.meeting import rules, spec, wording
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.fieldtypes import Date, DateTime
from strategy_minutes.desktop.signoff import lifecycle, trail
from strategy_minutes.storage.audit import Entry
from strategy_minutes.storage.signatures import SignedRecord

TODAY = date(2026, 11, 24)


def test_every_rule_has_a_title_in_words() -> None:
    for rule in rules.RULES:
        assert rule.title and rule.title != rule.code
        assert " " in rule.title
        assert rule.title[0].isupper()


def test_findings_carry_the_title_of_their_rule() -> None:
    data = demo_json(TODAY)
    data["outcome"]["review_date"] = None
    found = rules.check(meeting_as_written(data), today=TODAY)
    assert found
    assert all(f.title == rules.TITLES[f.rule] for f in found)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("review-date-missing", "Review date missing"),
        ("a-rule-from-a-newer-app", "A rule from a newer app"),
    ],
)
def test_an_override_names_its_finding_in_words(code: str, title: str) -> None:
    f = spec.kind("overrides").field("rule")
    assert f.type.display(code, str) == title


@pytest.mark.parametrize(
    ("field_type", "stored", "shown", "typed"),
    [
        (Date(), "2026-11-24", "24/11/2026", "24/11/2026"),
        (Date(), "2026-03-02", "02/03/2026", "2/3/2026"),
        (DateTime(), "2026-11-24T09:30", "24/11/2026 09:30", "24/11/2026 9.30"),
    ],
)
def test_dates_show_and_are_typed_day_first(
    field_type: Date | DateTime, stored: str, shown: str, typed: str
) -> None:
    assert field_type.display(stored, str) == shown
    assert field_type.tidy(shown) == stored
    assert field_type.tidy(typed) == stored


def test_a_bad_date_is_explained_with_an_example_typed_day_first() -> None:
    assert (
        Date().problem("Due", "2026-13-45") == "Due: '2026-13-45' is not a date such as 24/11/2026."
    )


@pytest.mark.parametrize(
    "typed",
    ["tomorrow afternoon", "Tuesday 10:00", "24/11/2026 after lunch", "next week T", "24/11/2026"],
)
def test_a_date_and_time_not_understood_is_quoted_as_typed(typed: str) -> None:
    """It was quoted back joined by a 'T' ('tomorrowTafternoon'): never what the chair typed."""
    kept = DateTime().tidy(typed)
    assert kept == typed
    assert DateTime().problem("Medical when", kept) == (
        f"Medical when: '{typed}' is not a date and time such as 24/11/2026 09:30."
    )


@pytest.mark.parametrize(
    ("utc", "uk"),
    [
        ("2026-11-24T10:05:33.123456+00:00", "24/11/2026 10:05:33 GMT"),
        ("2026-07-01T10:05:33+00:00", "01/07/2026 11:05:33 BST"),
        ("2026-07-01T23:30:00Z", "02/07/2026 00:30:00 BST"),
    ],
)
def test_the_audit_trail_reads_on_the_uk_clock(utc: str, uk: str) -> None:
    entry = Entry(1, utc, "chair", "set", "facts", "", "venue", None, "Room 4")
    assert wording.uk_stamp(utc) == uk
    assert uk in trail.line(entry)


def test_the_signing_sentence_says_uk_time_in_words() -> None:
    row = SignedRecord(
        meeting_id="m",
        version=1,
        audience="full",
        record=b"{}",
        record_sha256="00",
        signature=b"",
        signer_name="Pat Example",
        signer_role="Chair",
        signed_at="2026-07-01T09:15:00Z",
        public_key=b"",
        fingerprint="ab12",
    )
    said = lifecycle.signed_sentence(row, "the minutes")
    assert "Wednesday 1 July 2026 at 10:15 (BST)" in said
    assert "Z" not in said.split("fingerprint")[0]


def test_overdue_and_passed_dates_are_said_in_words() -> None:
    data = demo_json(TODAY)
    data["actions"][0].update(due="2026-11-20", status="open")
    found = rules.check(meeting_as_written(data), today=TODAY)
    said = [f.message for f in found if f.rule == "action-overdue"]
    assert said and "Friday 20 November 2026" in said[0] and "2026-11-20" not in said[0]
