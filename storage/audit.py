"""An append-only, hash-chained record of every change to a meeting.

Each entry's hash covers the previous entry's hash, so editing or deleting an entry breaks
the chain; the meeting row keeps the newest hash, so cutting entries off the end is caught
too. Entries are written in the same transaction as the change they record.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

GENESIS = "0" * 64


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _digest(prev: str, entry: dict[str, Any]) -> str:
    body = json.dumps(
        [
            prev,
            entry["meeting_id"],
            entry["at"],
            entry["actor"],
            entry["action"],
            entry["kind"],
            entry["item_id"],
            entry["field"],
            entry["old"],
            entry["new"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    db: Database,
    meeting_id: str,
    actor: str,
    action: str,
    *,
    kind: str = "",
    item_id: str = "",
    field: str = "",
    old: Any = None,
    new: Any = None,
) -> None:
    """Record a change; the caller holds the transaction that makes the change itself."""
    head = db.execute("SELECT audit_head FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    prev = (head[0] if head else "") or GENESIS
    entry = {
        "meeting_id": meeting_id,
        "at": now(),
        "actor": actor,
        "action": action,
        "kind": kind,
        "item_id": item_id,
        "field": field,
        "old": _json(old),
        "new": _json(new),
    }
    entry["prev_hash"] = prev
    entry["hash"] = _digest(prev, entry)
    db.table("audit").insert(entry)
    db.execute("UPDATE meetings SET audit_head = ? WHERE id = ?", [entry["hash"], meeting_id])


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    actor: str
    action: str
    kind: str
    item_id: str
    field: str
    old: Any
    new: Any


def entries(db: Database, meeting_id: str) -> list[Entry]:
    rows = db.execute(
        "SELECT seq, at, actor, action, kind, item_id, field, old, new FROM audit "
        "WHERE meeting_id = ? ORDER BY seq",
        [meeting_id],
    ).fetchall()
    return [
        Entry(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            None if r[7] is None else json.loads(r[7]),
            None if r[8] is None else json.loads(r[8]),
        )
        for r in rows
    ]


def verify(db: Database, meeting_id: str) -> list[str]:
    """Sentences describing each break in the chain; empty when the trail is intact."""
    problems = []
    prev = GENESIS
    cols = [
        "seq",
        "meeting_id",
        "at",
        "actor",
        "action",
        "kind",
        "item_id",
        "field",
        "old",
        "new",
        "prev_hash",
        "hash",
    ]
    rows = db.execute(
        f"SELECT {', '.join(cols)} FROM audit WHERE meeting_id = ? ORDER BY seq", [meeting_id]
    ).fetchall()
    for row in rows:
        entry = dict(zip(cols, row, strict=True))
        if entry["prev_hash"] != prev:
            problems.append(
                f"Entry {entry['seq']} does not follow the entry before it: an "
                "entry was removed or inserted."
            )
        if _digest(entry["prev_hash"], entry) != entry["hash"]:
            problems.append(f"Entry {entry['seq']} was changed after it was written.")
        prev = entry["hash"]
    head = db.execute("SELECT audit_head FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    if head is not None and (head[0] or GENESIS) != prev:
        problems.append("The newest entries of the trail are missing.")
    return problems
