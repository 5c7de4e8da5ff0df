"""The meeting's deadlines, counted in working days of its UK nation.

Procedures set two clocks from the strategy meeting: the initial child protection conference
within 15 working days, and the record circulated within one working day. Bank holidays differ
between the nations (Scotland's 2 January and St Andrew's Day, Northern Ireland's St Patrick's
Day and the Twelfth), so the nation recorded in the meeting facts decides which days count.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

CONFERENCE_WORKING_DAYS = 15
MINUTES_WORKING_DAYS = 1
DEFAULT_NATION = "england"  # the procedures this app follows are English ones
SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}


@cache
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=SUBDIVISIONS[nation])


def _nation(nation: str | None) -> str:
    return nation if nation in SUBDIVISIONS else DEFAULT_NATION


def is_working_day(day: date, nation: str | None = DEFAULT_NATION) -> bool:
    """Monday to Friday and not a bank holiday in that nation; unknown nations count as England."""
    return day.weekday() < 5 and day not in _bank_holidays(_nation(nation))


@cache
def _weekday_holidays(nation: str, year: int) -> tuple[date, ...]:
    """The nation's bank holidays of one year that fall Monday to Friday, in order."""
    days = _bank_holidays(nation)
    date(year, 1, 1) in days  # noqa: B015 (asking fills in that year's holidays)
    return tuple(sorted(d for d in days if d.year == year and d.weekday() < 5))


def working_days_between(start: date, end: date, nation: str | None = DEFAULT_NATION) -> int:
    """Working days after `start`, up to and including `end` (0 unless `end` is later).

    Counted by weeks and by the year's bank holidays, not day by day: the drift view across a
    register asks this for tens of thousands of actions, some years overdue."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    count = 5 * weeks + sum((start + timedelta(days=k)).weekday() < 5 for k in range(1, rest + 1))
    nation = _nation(nation)
    for year in range(start.year, end.year + 1):
        holidays_then = _weekday_holidays(nation, year)
        count -= bisect_right(holidays_then, end) - bisect_right(holidays_then, start)
    return count


def add_working_days(day: date, n: int, nation: str | None = DEFAULT_NATION) -> date:
    """The n-th working day after `day` (which itself never counts, even on a weekend)."""
    if n < 0:
        raise ValueError("count working days forwards only")
    while n:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            n -= 1
    return day


def initial_conference_due(meeting_date: date, nation: str | None = DEFAULT_NATION) -> date:
    return add_working_days(meeting_date, CONFERENCE_WORKING_DAYS, nation)


def minutes_due(meeting_date: date, nation: str | None = DEFAULT_NATION) -> date:
    return add_working_days(meeting_date, MINUTES_WORKING_DAYS, nation)


@dataclass(frozen=True)
class Deadlines:
    minutes: date
    initial_conference: date


def deadlines(facts: Mapping[str, object]) -> Deadlines | None:
    """Both clocks for a meeting's facts, or None while its date is missing or not a date."""
    value = facts.get("date")
    try:
        held_on = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if held_on is None:
        return None
    nation = facts.get("nation")
    nation = nation if isinstance(nation, str) else None
    return Deadlines(minutes_due(held_on, nation), initial_conference_due(held_on, nation))
