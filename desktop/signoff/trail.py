"""The audit trail as a person reads it: one line per change, long values shortened.

Shared by `strategy-minutes audit` and the GUI's view of the trail, so both say it the same way.
"""

from __future__ import annotations

import json
from typing import Any

from strategy_minutes.desktop.meeting.wording import uk_stamp
from strategy_minutes.storage.audit import Entry

SHORT = 40


def short(value: Any, limit: int = SHORT) -> str:
    """A stored value on one line, shortened so a change fits a terminal line."""
    if value is None:
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def what(entry: Entry) -> str:
    """The part of the meeting a change touched: kind, item (first 8 of its id), field."""
    return ".".join(p for p in (entry.kind, entry.item_id[:8], entry.field) if p) or "-"


def line(entry: Entry) -> str:
    return (
        f"{entry.seq:>5}  {uk_stamp(entry.at)}  {entry.actor}  {entry.action:<7} "
        f"{what(entry)}  {short(entry.old)} -> {short(entry.new)}"
    )
