"""The team register's tables on this laptop: the outbox, what was published, the register's
address and pull cursor, and the rows pulled from it (each verified before it was kept).

Only storage; what a row means and whether it verifies is decided in `desktop.register`.
Outbox rows are added by triggers in the transaction that signs (migrations m006, m007), and leave
only in the transaction that records them as published, after the register committed them.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database
from strategy_minutes.storage.audit import now

KIND_ORDER = {
    "version": 0,
    "oversight": 1,
    "progress": 1,
}  # an entry names a version published before it


def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


# -- outbox ---------------------------------------------------------------------------------
def waiting(db: Database) -> list[dict[str, Any]]:
    """Items waiting to be published, in the order they must go."""
    rows = _rows(
        db,
        "SELECT item, kind, meeting_id, number, queued_at, attempts, last_error "
        "FROM register_outbox ORDER BY queued_at, meeting_id, number",
        [],
    )
    return sorted(rows, key=lambda r: KIND_ORDER.get(r["kind"], 99))


def waiting_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM register_outbox").fetchone()[0])


def published(db: Database, item: str) -> None:
    """The register committed `item`: it leaves the outbox, in one local transaction."""
    with db.atomic():
        db.execute("DELETE FROM register_outbox WHERE item = ?", [item])
        db.execute(
            "INSERT OR REPLACE INTO register_published (item, published_at) VALUES (?, ?)",
            [item, now()],
        )


def failed(db: Database, item: str, reason: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE register_outbox SET attempts = attempts + 1, last_error = ? WHERE item = ?",
            [reason, item],
        )


def published_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM register_published").fetchone()[0])


# -- settings -------------------------------------------------------------------------------
def setting(db: Database, name: str) -> str | None:
    row = db.execute("SELECT value FROM register_settings WHERE name = ?", [name]).fetchone()
    return str(row[0]) if row else None


def set_settings(db: Database, values: dict[str, str]) -> None:
    with db.atomic():
        for name, value in values.items():
            db.execute(
                "INSERT OR REPLACE INTO register_settings (name, value) VALUES (?, ?)",
                [name, value],
            )


# -- what was pulled ------------------------------------------------------------------------
VERSION_COLUMNS = (
    "record_sha256",
    "meeting_id",
    "version",
    "audience",
    "case_reference",
    "meeting_date",
    "record",
    "signature",
    "fingerprint",
    "docx",
    "published_by",
    "published_at",
)
ENTRY_COLUMNS = (
    "entry_sha256",
    "kind",
    "meeting_id",
    "on_record_sha256",
    "record",
    "signature",
    "fingerprint",
    "published_by",
    "published_at",
)


def _keep(db: Database, table: str, columns: tuple[str, ...], row: dict[str, Any]) -> bool:
    values = [row[c] for c in columns] + [now()]
    cur = db.execute(
        f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}, pulled_at) "
        f"VALUES ({', '.join('?' for _ in values)})",
        values,
    )
    return cur.rowcount == 1


def keep_version(db: Database, row: dict[str, Any]) -> bool:
    """Keep a verified signed version pulled from the register; False when already kept."""
    return _keep(db, "register_versions", VERSION_COLUMNS, row)


def keep_entry(db: Database, row: dict[str, Any]) -> bool:
    return _keep(db, "register_entries", ENTRY_COLUMNS, row)


def pulled_versions(db: Database, case_reference: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE case_reference = ?", [case_reference]) if case_reference else ("", [])
    return _rows(
        db,
        f"SELECT {', '.join(VERSION_COLUMNS)} FROM register_versions {where} "
        "ORDER BY case_reference, meeting_date, meeting_id, version, audience",
        params,
    )


def pulled_counts(db: Database) -> dict[str, int]:
    return {
        "versions": int(db.execute("SELECT count(*) FROM register_versions").fetchone()[0]),
        "entries": int(db.execute("SELECT count(*) FROM register_entries").fetchone()[0]),
    }


def refuse(db: Database, what: str, reason: str) -> None:
    """A pulled row that did not verify: kept as a report, never as data."""
    db.execute(
        "INSERT OR REPLACE INTO register_refused (what, reason, seen_at) VALUES (?, ?, ?)",
        [what, reason, now()],
    )


def refused(db: Database) -> list[dict[str, Any]]:
    return _rows(db, "SELECT what, reason, seen_at FROM register_refused ORDER BY seen_at", [])


def case_references(db: Database) -> list[str]:
    """The case references of the meetings this laptop holds (not deleted)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT case_reference FROM meetings WHERE deleted_at IS NULL AND "
            "case_reference <> '' ORDER BY 1"
        ).fetchall()
    ]
