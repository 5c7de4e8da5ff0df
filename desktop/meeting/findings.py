"""What the rules say about a meeting: one Finding per gap or conflict."""

from __future__ import annotations

from dataclasses import dataclass

BLOCKER = "blocker"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: str  # stable code, e.g. "interview-decision-missing": admins' scripts match on it
    severity: str  # BLOCKER or WARNING
    message: str  # one sentence a chair understands
    kind: str  # spec kind of the item it points to ("facts" for the meeting as a whole)
    item_id: str = ""  # the item, or "" for a section
    field: str = ""  # the field to focus, or ""
    override_reason: str = ""  # set when the chair has overridden it, with this reason
    # What an override's `target` names to set aside this finding and no other: the item id,
    # or for the meeting as a whole a field or agency code (an empty target sets aside all).
    target: str = ""
    title: str = ""  # what the chair reads for the rule (the code is for scripts and the audit)

    def __post_init__(self) -> None:
        if not self.title:  # the rule's own title; rules import this module, so look it up late
            from strategy_minutes.desktop.meeting.rules import title

            object.__setattr__(self, "title", title(self.rule))

    @property
    def overridden(self) -> bool:
        return bool(self.override_reason)

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCKER and not self.overridden
