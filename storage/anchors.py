"""Signed heads of the audit trails: where each trail stood when the chair's key signed it.

Only storage: the record of an anchor (which trail, which entry, its hash and content hash,
when and why) is signed in `desktop.signoff.anchors`. Rows are only ever added.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database
from strategy_minutes.storage.audit import REGISTER


@dataclass(frozen=True)
class Anchor:
    meeting_id: str
    n: int  # 1, 2, ... per trail
    seq: int  # the audit entry the head was at
    head: str  # that entry's hash
    record: bytes  # the canonical JSON that was signed
    signature: bytes
    public_key: bytes


_COLUMNS = "meeting_id, n, seq, head, record, signature, public_key"


def add(
    db: Database,
    meeting_id: str,
    seq: int,
    head: str,
    record: bytes,
    signature: bytes,
    public_key: bytes,
) -> None:
    row = db.execute(
        "SELECT coalesce(max(n), 0) FROM audit_anchors WHERE meeting_id = ?", [meeting_id]
    ).fetchone()
    db.execute(
        f"INSERT INTO audit_anchors ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [meeting_id, int(row[0]) + 1, seq, head, record, signature, public_key],
    )


def latest(db: Database, meeting_id: str) -> Anchor | None:
    row = db.execute(
        f"SELECT {_COLUMNS} FROM audit_anchors WHERE meeting_id = ? ORDER BY n DESC LIMIT 1",
        [meeting_id],
    ).fetchone()
    return Anchor(*row) if row else None


CHANGED_MEETINGS = (
    "SELECT id FROM meetings WHERE audit_head != '' AND audit_head IS NOT (SELECT head "
    "FROM audit_anchors x WHERE x.meeting_id = meetings.id ORDER BY n DESC LIMIT 1) "
    "ORDER BY id"
)


def unanchored(db: Database) -> list[str]:
    """Every trail whose head is not its latest anchor's (what a clean close signs): read from
    the head kept on each meeting, through covering indexes (m009) of the meetings' heads and
    the anchors' heads, never from the trails nor the meeting rows, which hold kilobytes."""
    meetings = db.execute(CHANGED_MEETINGS).fetchall()
    register = db.execute(
        "SELECT hash FROM audit WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1", [REGISTER]
    ).fetchone()
    pending = [r[0] for r in meetings]
    anchored = latest(db, REGISTER)
    if register is not None and (anchored is None or anchored.head != register[0]):
        pending.append(REGISTER)
    return pending
