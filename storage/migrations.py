"""Schema migrations, applied in order at every open.

A store that has a migration this build does not know was written by a newer version of the
app; opening it could corrupt it, so it is refused with a sentence saying so.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from strategy_minutes.storage import db as _db  # noqa: F401  (registers the encrypted driver first)

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


@migrations()
def m002_signoff(db: Database) -> None:
    """Sign-off: signed versions, addenda, this laptop's signing key, trusted signers,
    review copies and the comments returned on them, and management oversight."""
    db.execute("""
        CREATE TABLE signatures (
            meeting_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            audience TEXT NOT NULL,
            record BLOB NOT NULL,
            record_sha256 TEXT NOT NULL,
            signature BLOB NOT NULL,
            signer_name TEXT NOT NULL,
            signer_role TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            public_key BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (meeting_id, version, audience)
        )""")
    db.execute("""
        CREATE TABLE addenda (
            meeting_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            reason TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            opened_by TEXT NOT NULL,
            PRIMARY KEY (meeting_id, version)
        )""")
    db.execute("""
        CREATE TABLE signing_keys (
            store_id TEXT PRIMARY KEY,
            public_key BLOB NOT NULL,
            private_key BLOB,
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE trusted_signers (
            fingerprint TEXT PRIMARY KEY,
            public_key BLOB NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE review_copies (
            token TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL,
            record_sha256 TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            exported_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE comments (
            id TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            item_id TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            made_at TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            quoted TEXT NOT NULL DEFAULT '',
            source_file TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            resolution TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            resolved_at TEXT NOT NULL DEFAULT '',
            UNIQUE (meeting_id, fingerprint)
        )""")
    db.execute("""
        CREATE TABLE oversight (
            meeting_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            record BLOB NOT NULL,
            signature BLOB NOT NULL,
            public_key BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (meeting_id, seq)
        )""")
    db.execute("CREATE INDEX comments_by_meeting ON comments(meeting_id, kind, item_id)")


@migrations()
def m003_signed_files(db: Database) -> None:
    """The signed files themselves: each audience's .docx of each signed version, as signed,
    so that later exports hand out exactly those bytes."""
    db.execute("""
        CREATE TABLE signed_files (
            meeting_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            audience TEXT NOT NULL,
            docx BLOB NOT NULL,
            docx_sha256 TEXT NOT NULL,
            PRIMARY KEY (meeting_id, version, audience)
        )""")


@migrations()
def m004_case_over_time(db: Database) -> None:
    """Action progress recorded after signing (each entry signed, never changed, like
    oversight), and the store's own settings, which are case data's business and so stay in
    the encrypted store rather than in the desktop's settings."""
    db.execute("""
        CREATE TABLE action_progress (
            meeting_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            action_id TEXT NOT NULL,
            record BLOB NOT NULL,
            signature BLOB NOT NULL,
            public_key BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (meeting_id, seq)
        )""")
    db.execute("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""")


def apply(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise NewerStore(", ".join(unknown))
    migrations.apply(db)
