"""An append-only, hash-chained record of every change to a meeting.

Each entry's hash covers the previous entry's hash, so editing or deleting an entry breaks
the chain; the meeting row keeps the newest hash, so cutting entries off the end is caught
too. Entries are written in the same transaction as the change they record.

Each entry also commits to the meeting's content just after the change (`content_sha256`:
a hash of the meeting row and its items in a canonical form), so a change made to the
tables without an entry no longer matches the newest entry. Entries written before this
existed carry no content hash; they are counted and reported as such, not as broken.

A chain is only as good as its head: anyone holding the store key can rewrite every entry
and recompute every hash. The head is therefore also signed, outside this module, with the
chair's signing key (`desktop.signoff.anchors`); this module only keeps and checks the chain.

The register of trusted signers keeps a trail of its own under the id `REGISTER`, whose
content is the register's rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

GENESIS = "0" * 64
REGISTER = "register"  # the trail of the register of trusted signers


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _digest(prev: str, entry: dict[str, Any]) -> str:
    fields = [
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
    ]
    if entry.get("content_sha256"):  # entries from before content hashes hash as they did
        fields.append(entry["content_sha256"])
    body = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _canonical(rows: list[Any]) -> str:
    return hashlib.sha256(
        json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


def content_sha256(db: Database, meeting_id: str) -> str:
    """A hash of what the meeting holds now: its row (but not when it was last touched) and
    every item, JSON read back and written canonically, items in id order. For the
    register's trail, the register's rows."""
    if meeting_id == REGISTER:
        rows = db.execute(
            "SELECT fingerprint, hex(public_key), name, role, retired_at FROM trusted_signers "
            "ORDER BY fingerprint"
        ).fetchall()
        return _canonical([list(r) for r in rows])
    row = db.execute(
        "SELECT case_reference, meeting_date, status, deleted_at, sections FROM meetings "
        "WHERE id = ?",
        [meeting_id],
    ).fetchone()
    if row is None:
        return ""
    items = db.execute(
        "SELECT id, kind, position, data FROM items WHERE meeting_id = ? ORDER BY id",
        [meeting_id],
    ).fetchall()
    return _canonical(
        [
            [row[0], row[1], row[2], row[3], json.loads(row[4])],
            [[i[0], i[1], i[2], json.loads(i[3])] for i in items],
        ]
    )


def _head(db: Database, meeting_id: str) -> str:
    """The newest hash of a trail: kept on the meeting row, or for the register's trail (no
    row) the newest entry's."""
    if meeting_id == REGISTER:
        row = db.execute(
            "SELECT hash FROM audit WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1", [meeting_id]
        ).fetchone()
    else:
        row = db.execute("SELECT audit_head FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    return (row[0] if row else "") or GENESIS


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
    """Record a change once it is made; the caller holds the transaction that makes it."""
    prev = _head(db, meeting_id)
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
        "content_sha256": content_sha256(db, meeting_id),
    }
    entry["prev_hash"] = prev
    entry["hash"] = _digest(prev, entry)
    db.table("audit").insert(entry)
    db.execute("UPDATE meetings SET audit_head = ? WHERE id = ?", [entry["hash"], meeting_id])


def head(db: Database, meeting_id: str) -> tuple[int, str, str]:
    """(seq, hash, content hash) of the newest entry of a trail; (0, GENESIS, "") if none."""
    row = db.execute(
        "SELECT seq, hash, content_sha256 FROM audit WHERE meeting_id = ? ORDER BY seq DESC "
        "LIMIT 1",
        [meeting_id],
    ).fetchone()
    return (row[0], row[1], row[2]) if row else (0, GENESIS, "")


def hash_at(db: Database, meeting_id: str, seq: int) -> str | None:
    """The hash the trail holds now for entry `seq`, or None when there is no such entry."""
    row = db.execute(
        "SELECT hash FROM audit WHERE meeting_id = ? AND seq = ?", [meeting_id, seq]
    ).fetchone()
    return row[0] if row else None


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


@dataclass(frozen=True)
class Checked:
    """What checking a trail found: breaks (sentences), and how many entries predate
    content hashes (not a break: the store was written by an earlier version)."""

    problems: list[str]
    unhashed: int


def check(db: Database, meeting_id: str) -> Checked:
    """Check the chain, the head kept on the meeting row, and the content against the newest
    entry's content hash."""
    problems = []
    prev = GENESIS
    unhashed = 0
    hashed_seen = False
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
        "content_sha256",
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
        if entry["content_sha256"]:
            hashed_seen = True
        elif hashed_seen:
            problems.append(
                f"Entry {entry['seq']} has lost the content hash every entry since the "
                "upgrade carries."
            )
        else:
            unhashed += 1
        prev = entry["hash"]
    if meeting_id != REGISTER:
        row = db.execute("SELECT audit_head FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        if row is not None and (row[0] or GENESIS) != prev:
            problems.append("The newest entries of the trail are missing.")
    last_content = rows[-1][-1] if rows else ""
    if last_content and last_content != content_sha256(db, meeting_id):
        problems.append(
            "The meeting's content does not match its trail: it was changed after entry "
            f"{rows[-1][0]} without an entry."
            if meeting_id != REGISTER
            else "The register of signers does not match its trail: it was changed "
            f"after entry {rows[-1][0]} without an entry."
        )
    return Checked(problems, unhashed)


def verify(db: Database, meeting_id: str) -> list[str]:
    """Sentences describing each break in the trail; empty when it is intact."""
    return check(db, meeting_id).problems
