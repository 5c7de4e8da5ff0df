"""Schema migrations, applied in order at every open.

A store that has a migration this build does not know was written by a newer version of the
app; opening it could corrupt it, so it is refused with a sentence saying so.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from storage import db as _db  # noqa: F401  (registers the encrypted driver first)

migrations = Migrations("strategy-minutes")


class NewerStore(Exception):
    """The store was written by a newer version of Strategy Minutes."""


@migrations()
def m001_meetings_items_audit(db: Database) -> None:
    db.execute("""
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            case_reference TEXT NOT NULL DEFAULT '',
            meeting_date TEXT,
            status TEXT NOT NULL DEFAULT 'draft',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            sections TEXT NOT NULL DEFAULT '{}',
            audit_head TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE items (
            id TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            position REAL NOT NULL,
            data TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("""
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            meeting_id TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            item_id TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '',
            old TEXT,
            new TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX items_by_meeting ON items(meeting_id, kind, position)")
    db.execute("CREATE INDEX audit_by_meeting ON audit(meeting_id, seq)")
    db.execute("CREATE INDEX meetings_by_date ON meetings(deleted_at, meeting_date)")


def apply(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise NewerStore(", ".join(unknown))
    migrations.apply(db)
