"""Working-day clocks: weekends and each nation's own bank holidays do not count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from strategy_minutes.desktop.meeting.clocks import (
    Deadlines,
    add_working_days,
    deadlines,
    initial_conference_due,
    is_working_day,
    minutes_due,
    working_days_between,
)


def test_christmas_and_new_year_are_skipped() -> None:
    # Wed 23 Dec 2026: Christmas Day, Boxing Day (observed Mon 28) and New Year's Day are out.
    assert minutes_due(date(2026, 12, 23), "england") == date(2026, 12, 24)
    assert minutes_due(date(2026, 12, 24), "england") == date(2026, 12, 29)
    assert initial_conference_due(date(2026, 12, 23), "england") == date(2027, 1, 18)
    # Scotland also keeps 2 January (observed on Monday 4 January 2027).
    assert initial_conference_due(date(2026, 12, 23), "scotland") == date(2027, 1, 19)


def test_easter_monday_is_a_holiday_in_england_but_not_in_scotland() -> None:
    maundy_thursday = date(2026, 4, 2)
    assert minutes_due(maundy_thursday, "england") == date(2026, 4, 7)
    assert minutes_due(maundy_thursday, "wales") == date(2026, 4, 7)
    assert minutes_due(maundy_thursday, "scotland") == date(2026, 4, 6)


def test_scottish_only_bank_holiday() -> None:
    friday = date(2026, 11, 27)  # St Andrew's Day falls on Monday 30 November 2026
    assert minutes_due(friday, "scotland") == date(2026, 12, 1)
    assert minutes_due(friday, "england") == date(2026, 11, 30)


def test_northern_irish_only_bank_holiday() -> None:
    monday = date(2026, 3, 16)  # St Patrick's Day is Tuesday 17 March 2026
    assert minutes_due(monday, "northern_ireland") == date(2026, 3, 18)
    assert minutes_due(monday, "england") == date(2026, 3, 17)
    assert not is_working_day(date(2026, 7, 13), "northern_ireland")  # the Twelfth, observed
    assert is_working_day(date(2026, 7, 13), "england")


def test_meeting_held_on_a_weekend_counts_from_the_next_working_day() -> None:
    saturday = date(2026, 11, 28)
    assert minutes_due(saturday, "england") == date(2026, 11, 30)
    assert initial_conference_due(saturday, "england") == date(2026, 12, 18)
    assert minutes_due(saturday, "scotland") == date(2026, 12, 1)


def test_unknown_or_missing_nation_counts_as_england() -> None:
    assert minutes_due(date(2026, 4, 2), None) == date(2026, 4, 7)
    assert minutes_due(date(2026, 4, 2), "atlantis") == date(2026, 4, 7)


def test_add_working_days_edges() -> None:
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)
    assert add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 23), -1)


def test_deadlines_from_the_meeting_facts() -> None:
    assert deadlines({"date": "2026-12-23", "nation": "scotland"}) == Deadlines(
        date(2026, 12, 24), date(2027, 1, 19)
    )
    assert deadlines({"date": None, "nation": "england"}) is None
    assert deadlines({"date": "2026-02-30"}) is None


@pytest.mark.parametrize("nation", ["england", "wales", "scotland", "northern_ireland", None])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas, Boxing Day moved to Monday
        (date(2026, 12, 31), date(2027, 1, 5)),  # across a year, Scotland's 2 January
        (date(2026, 3, 13), date(2026, 3, 18)),  # St Patrick's Day in Northern Ireland
        (date(2026, 7, 10), date(2026, 7, 14)),  # the Twelfth
        (date(2026, 11, 28), date(2026, 12, 1)),  # St Andrew's Day (a Monday in 2026)
        (date(2024, 1, 6), date(2026, 12, 2)),  # years overdue
        (date(2026, 5, 4), date(2026, 5, 4)),  # the same day
        (date(2026, 5, 8), date(2026, 5, 4)),  # backwards
    ],
)
def test_working_days_between_counts_as_stepping_day_by_day(
    start: date, end: date, nation: str | None
) -> None:
    stepped, day = 0, start
    while day < end:
        day += timedelta(days=1)
        stepped += is_working_day(day, nation)
    assert working_days_between(start, end, nation) == stepped
