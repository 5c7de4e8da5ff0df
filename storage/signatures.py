"""Tables of the sign-off: signed versions and their files, addenda, keys, trusted signers,
review copies, comments, management oversight and action progress recorded after signing.

Only storage; what a signature means is decided in `desktop.signoff`. Rows of `signatures`,
`signed_files`, `oversight` and `action_progress` are never updated or deleted: every
earlier signed version stays verifiable, and its files can be handed out again byte for byte.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class SignedRecord:
    meeting_id: str
    version: int
    audience: str
    record: bytes
    record_sha256: str
    signature: bytes
    signer_name: str
    signer_role: str
    signed_at: str
    public_key: bytes
    fingerprint: str


_SIGNED_COLUMNS = ", ".join(SignedRecord.__dataclass_fields__)


def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


# -- signed versions ----------------------------------------------------------------------
def add_signed(db: Database, record: SignedRecord) -> None:
    db.table("signatures").insert(record.__dict__)


def signed(
    db: Database, meeting_id: str, version: int | None = None, audience: str = "full"
) -> SignedRecord | None:
    """One signed version (the newest when `version` is None) for an audience."""
    sql = (
        f"SELECT {_SIGNED_COLUMNS} FROM signatures WHERE meeting_id = ? AND audience = ?"
        + (" AND version = ?" if version is not None else "")
        + " ORDER BY version DESC LIMIT 1"
    )
    params: list[Any] = [meeting_id, audience] + ([version] if version is not None else [])
    rows = _rows(db, sql, params)
    return SignedRecord(**rows[0]) if rows else None


def versions(db: Database, meeting_id: str) -> list[SignedRecord]:
    rows = _rows(
        db,
        f"SELECT {_SIGNED_COLUMNS} FROM signatures WHERE meeting_id = ? AND "
        "audience = 'full' ORDER BY version",
        [meeting_id],
    )
    return [SignedRecord(**r) for r in rows]


def add_signed_file(
    db: Database, meeting_id: str, version: int, audience: str, docx: bytes
) -> None:
    db.table("signed_files").insert(
        {
            "meeting_id": meeting_id,
            "version": version,
            "audience": audience,
            "docx": docx,
            "docx_sha256": hashlib.sha256(docx).hexdigest(),
        }
    )


def signed_file(db: Database, meeting_id: str, version: int, audience: str) -> bytes | None:
    """The .docx signed for one audience of one version, None when it was signed before the
    files themselves were kept."""
    row = db.execute(
        "SELECT docx FROM signed_files WHERE meeting_id = ? AND version = ? AND audience = ?",
        [meeting_id, version, audience],
    ).fetchone()
    return bytes(row[0]) if row else None


def signed_versions(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every signed version this store knows, by meeting: version, when, by whom."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in _rows(
        db,
        "SELECT meeting_id, version, signed_at, signer_name FROM signatures "
        "WHERE audience = 'full' ORDER BY meeting_id, version",
        [],
    ):
        out.setdefault(r.pop("meeting_id"), []).append(r)
    return out


# -- addenda ------------------------------------------------------------------------------
def add_addendum(
    db: Database, meeting_id: str, version: int, reason: str, opened_at: str, opened_by: str
) -> None:
    db.table("addenda").insert(
        {
            "meeting_id": meeting_id,
            "version": version,
            "reason": reason,
            "opened_at": opened_at,
            "opened_by": opened_by,
        }
    )


def addendum(db: Database, meeting_id: str, version: int) -> dict[str, Any] | None:
    rows = _rows(
        db,
        "SELECT version, reason, opened_at, opened_by FROM addenda WHERE "
        "meeting_id = ? AND version = ?",
        [meeting_id, version],
    )
    return rows[0] if rows else None


# -- this laptop's signing key ------------------------------------------------------------
def signing_key(db: Database, store_id: str) -> dict[str, Any] | None:
    rows = _rows(
        db,
        "SELECT public_key, private_key, created_at FROM signing_keys WHERE store_id = ?",
        [store_id],
    )
    return rows[0] if rows else None


def set_signing_key(
    db: Database, store_id: str, public_key: bytes, private_key: bytes | None, created_at: str
) -> None:
    db.table("signing_keys").insert(
        {
            "store_id": store_id,
            "public_key": public_key,
            "private_key": private_key,
            "created_at": created_at,
        },
        replace=True,
    )


# -- trusted signers ----------------------------------------------------------------------
def trust(
    db: Database, fingerprint: str, public_key: bytes, name: str, role: str, added_at: str
) -> None:
    db.table("trusted_signers").insert(
        {
            "fingerprint": fingerprint,
            "public_key": public_key,
            "name": name,
            "role": role,
            "added_at": added_at,
        },
        replace=True,
    )


def trusted(db: Database) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT fingerprint, public_key, name, role, added_at, retired_at FROM "
        "trusted_signers ORDER BY name, fingerprint",
        [],
    )


def rename_signer(db: Database, fingerprint: str, name: str, role: str) -> None:
    db.execute(
        "UPDATE trusted_signers SET name = ?, role = ? WHERE fingerprint = ?",
        [name, role, fingerprint],
    )


def retire_signer(db: Database, fingerprint: str, at: str) -> None:
    """Mark a key retired (lost or replaced) from `at`; its earlier signatures still count."""
    db.execute(
        "UPDATE trusted_signers SET retired_at = ? WHERE fingerprint = ? AND retired_at = ''",
        [at, fingerprint],
    )


# -- review copies and comments -------------------------------------------------------------
def add_review_copy(
    db: Database,
    token: str,
    meeting_id: str,
    record_sha256: str,
    text_sha256: str,
    exported_at: str,
) -> None:
    db.table("review_copies").insert(
        {
            "token": token,
            "meeting_id": meeting_id,
            "record_sha256": record_sha256,
            "text_sha256": text_sha256,
            "exported_at": exported_at,
        }
    )


def review_copy(db: Database, token: str) -> dict[str, Any] | None:
    rows = _rows(
        db,
        "SELECT token, meeting_id, record_sha256, text_sha256, exported_at FROM "
        "review_copies WHERE token = ?",
        [token],
    )
    return rows[0] if rows else None


def review_copies_sent(db: Database, meeting_id: str) -> list[str]:
    """When each review copy of a meeting was exported (UTC, ISO 8601), oldest first."""
    rows = _rows(
        db,
        "SELECT exported_at FROM review_copies WHERE meeting_id = ? ORDER BY exported_at",
        [meeting_id],
    )
    return [r["exported_at"] for r in rows]


COMMENT_COLUMNS = (
    "id",
    "meeting_id",
    "fingerprint",
    "kind",
    "item_id",
    "author",
    "made_at",
    "text",
    "quoted",
    "source_file",
    "imported_at",
    "resolution",
    "reason",
    "resolved_at",
)


def add_comment(db: Database, row: dict[str, Any]) -> bool:
    """Store a comment; False when the same comment was imported before."""
    cur = db.execute(
        f"INSERT OR IGNORE INTO comments ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    return cur.rowcount == 1


def comments(db: Database, meeting_id: str) -> list[dict[str, Any]]:
    return _rows(
        db,
        f"SELECT {', '.join(COMMENT_COLUMNS)} FROM comments WHERE meeting_id = ? "
        "ORDER BY made_at, imported_at, id",
        [meeting_id],
    )


def resolve_comment(
    db: Database, meeting_id: str, comment_id: str, resolution: str, reason: str, at: str
) -> int:
    cur = db.execute(
        "UPDATE comments SET resolution = ?, reason = ?, resolved_at = ? WHERE "
        "meeting_id = ? AND id = ?",
        [resolution, reason, at, meeting_id, comment_id],
    )
    return cur.rowcount


# -- management oversight -------------------------------------------------------------------
def add_oversight(
    db: Database,
    meeting_id: str,
    record: bytes,
    signature: bytes,
    public_key: bytes,
    fingerprint: str,
) -> int:
    return _append_signed(
        db, "oversight", meeting_id, {}, record, signature, public_key, fingerprint
    )


def oversight(db: Database, meeting_id: str) -> list[dict[str, Any]]:
    return _rows(
        db,
        "SELECT seq, record, signature, public_key, fingerprint FROM oversight "
        "WHERE meeting_id = ? ORDER BY seq",
        [meeting_id],
    )


# -- action progress after signing ----------------------------------------------------------
def add_progress(
    db: Database,
    meeting_id: str,
    action_id: str,
    record: bytes,
    signature: bytes,
    public_key: bytes,
    fingerprint: str,
) -> int:
    return _append_signed(
        db,
        "action_progress",
        meeting_id,
        {"action_id": action_id},
        record,
        signature,
        public_key,
        fingerprint,
    )


def _append_signed(
    db: Database,
    table: str,
    meeting_id: str,
    extra: dict[str, Any],
    record: bytes,
    signature: bytes,
    public_key: bytes,
    fingerprint: str,
) -> int:
    """Append one signed entry (oversight, progress) as the meeting's next number in `table`."""
    row = db.execute(
        f"SELECT coalesce(max(seq), 0) FROM {table} WHERE meeting_id = ?", [meeting_id]
    ).fetchone()
    seq = int(row[0]) + 1
    db.table(table).insert(
        {
            "meeting_id": meeting_id,
            "seq": seq,
            **extra,
            "record": record,
            "signature": signature,
            "public_key": public_key,
            "fingerprint": fingerprint,
        }
    )
    return seq


def progress(db: Database, meeting_id: str) -> list[dict[str, Any]]:
    """Progress entries of one meeting, oldest first."""
    return _rows(
        db,
        "SELECT seq, action_id, record, signature, public_key, fingerprint FROM "
        "action_progress WHERE meeting_id = ? ORDER BY seq",
        [meeting_id],
    )
