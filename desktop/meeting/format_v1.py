"""Files of the first format, `strategy-minutes/1`, read as the current one.

Version 2 added what a case over time needs (actions that carry a progress note and their
origin, a status history, the id of the meeting a review reviews, and the fields a chair was
missing); every version 1 field is still there with the same meaning, so an old file is the
same meeting with those left empty. One value changed: an action 'cancelled' is now
'dropped' (the word the review meetings use); and an earlier meeting named by its id in the
free-text field is linked by that id.
"""

from __future__ import annotations

import copy
import re
from typing import Any

FORMAT = "strategy-minutes/1"
_MEETING_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def upgrade(data: dict[str, Any], to_format: str) -> dict[str, Any]:
    """A version 1 file as the current format says it (a copy; the input is not touched)."""
    out = copy.deepcopy(data)
    out["format"] = to_format
    for action in out.get("actions") or []:
        if isinstance(action, dict) and action.get("status") == "cancelled":
            action["status"] = "dropped"
    facts = out.get("facts")
    if isinstance(facts, dict):
        earlier = facts.get("previous_meeting")
        if isinstance(earlier, str) and _MEETING_ID.fullmatch(earlier.strip().lower()):
            facts["reviews"] = earlier.strip().lower()
    return out
