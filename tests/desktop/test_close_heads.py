"""What a clean close signs: the trails changed since their last signed head, asked of the
store in a way that stays cheap with thousands of meetings (no meeting row is read)."""

from __future__ import annotations

from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff.anchors import anchor_all
from strategy_minutes.storage import anchors
from strategy_minutes.storage.audit import REGISTER


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
