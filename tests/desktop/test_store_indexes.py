"""Questions asked at every open and close, answered from indexes so that they stay cheap
with thousands of meetings: which trails a clean close signs (no meeting row is read), and
which of a meeting's actions a later meeting carried on (no other action is read)."""

from __future__ import annotations

from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff.anchors import anchor_all
from strategy_minutes.storage import anchors
from strategy_minutes.storage.audit import REGISTER
from strategy_minutes.storage.repository import CARRIED_ON


def test_close_signs_only_the_trails_changed_since_their_last_signed_head(
    service: MeetingService,
) -> None:
    db = service.store.db
    first, second = service.new_meeting("SM-HEAD-1"), service.new_meeting("SM-HEAD-2")
    assert set(anchors.unanchored(db)) - {REGISTER} == {first, second}
    assert anchor_all(service.store) >= 2
    assert anchors.unanchored(db) == []
    service.set_field(second, "facts", None, "chair", "Nia Rhys")
    assert anchors.unanchored(db) == [second]
    service.move_to_bin(first)
    assert sorted(anchors.unanchored(db)) == sorted([first, second])


def test_changed_trails_are_read_from_covering_indexes_not_the_meeting_rows(
    service: MeetingService,
) -> None:
    service.new_meeting("SM-HEAD-3")
    plan = " | ".join(
        r[3] for r in service.store.db.execute(f"EXPLAIN QUERY PLAN {anchors.CHANGED_MEETINGS}")
    )
    assert "SCAN meetings USING COVERING INDEX meetings_heads" in plan, plan
    assert "USING COVERING INDEX audit_anchors_heads" in plan, plan


def test_opening_a_meeting_finds_its_carried_actions_by_index(service: MeetingService) -> None:
    """Which of a meeting's actions a later meeting carried on is looked up, not read from
    every action in the store (test_case_over_time checks what it finds)."""
    meeting_id = service.new_meeting("SM-CARRY")
    plan = " | ".join(
        r[3] for r in service.store.db.execute(f"EXPLAIN QUERY PLAN {CARRIED_ON}", [meeting_id])
    )
    assert "SEARCH later USING INDEX actions_carried" in plan, plan
