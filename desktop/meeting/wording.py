"""How values read in the minutes and on screen: British dates, 24-hour times, ages, file names.

Kept apart from the Word code so the calendar and the file names say dates the same way.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from strategy_minutes.desktop.meeting.fieldtypes import parse_date, parse_datetime

NOT_ANSWERED = "Not answered"
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML


LONDON = ZoneInfo("Europe/London")  # every UK nation keeps this clock


def long_date(value: str | date | None) -> str:
    """'Tuesday 24 November 2026'; an empty or malformed value reads as itself."""
    if not value:
        return ""
    try:
        d = value if isinstance(value, date) else parse_date(value)
    except ValueError:
        return str(value)
    return f"{d:%A} {d.day} {d:%B %Y}"


def long_datetime(value: str | None) -> str:
    """'Thursday 26 November 2026 at 10:00' (24-hour clock)."""
    if not value:
        return ""
    try:
        dt = parse_datetime(value)
    except ValueError:
        return str(value)
    return f"{long_date(dt.date())} at {dt:%H:%M}"


def time_range(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} to {end}"
    return start or end or ""


def age_on(born: str | None, on: str | None) -> str:
    """Whole years on the meeting date, as a chair writes it ('10'), or '' if unknown."""
    if not born:
        return ""
    try:
        b = parse_date(born)
        d = parse_date(on) if on else date.today()
    except ValueError:
        return ""
    years = d.year - b.year - ((d.month, d.day) < (b.month, b.day))
    return str(years) if years >= 0 else ""


def yes_no(value: bool | None) -> str:
    """Silence is not a decision: an unanswered question says so."""
    return NOT_ANSWERED if value is None else ("Yes" if value else "No")


_RTL_RUN = re.compile(
    r"([\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]"
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\s\d.,،-]*"
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|"
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])"
)


def script_runs(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_right_to_left) so each RTL stretch is its own run."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _RTL_RUN.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text) or not out:
        out.append((text[pos:], False))
    return out


def safe_filename(text: str, limit: int = 60) -> str:
    """Letters, digits, '-' and '_' only, so a name works on every file system and in email."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_text).strip("-_")
    return cleaned[:limit] or "meeting"


def when_signed(value: str | datetime) -> str:
    """A signing time as the chair's clock on the wall showed it (GMT or BST), in words."""
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if dt.tzinfo is not None:
        dt = dt.astimezone(LONDON)
    zone = f" ({dt.tzname()})" if dt.tzinfo is not None else ""
    return f"{long_date(dt.date())} at {dt:%H:%M}{zone}"


def uk_stamp(value: str) -> str:
    """A stored UTC moment ('2026-11-24T10:05:33Z') on the UK clock, to the second:
    '24/11/2026 10:05:33 GMT'. A value with no zone is taken as UTC, as the store writes."""
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return value
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    local = dt.astimezone(LONDON)
    return f"{local:%d/%m/%Y %H:%M:%S} {local.tzname()}"
