"""Schema migrations, applied in order at every open.

A store that has a migration this build does not know was written by a newer version of the
app; opening it could corrupt it, so it is refused with a sentence saying so.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from strategy_minutes.storage import db as _db  # noqa: F401  (registers the encrypted driver first)
from strategy_minutes.storage import listing

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


@migrations()
def m005_content_hashes_anchors_retired_keys(db: Database) -> None:
    """Audit entries commit to the meeting's content; signed heads of the trails (anchors);
    the register records when a key was retired. Entries already written keep an empty
    content hash, and are reported as older entries, not as broken ones."""
    db.execute("ALTER TABLE audit ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE trusted_signers ADD COLUMN retired_at TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE audit_anchors (
            meeting_id TEXT NOT NULL,
            n INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            head TEXT NOT NULL,
            record BLOB NOT NULL,
            signature BLOB NOT NULL,
            public_key BLOB NOT NULL,
            PRIMARY KEY (meeting_id, n)
        )""")


@migrations()
def m006_meeting_list_index(db: Database) -> None:
    """The list's own index and its folded FTS5 search text, built for every meeting already
    in the store (see storage/listing.py); kept in step by the repository from then on."""
    listing.create_tables(db)
    listing.reindex_all(db)


@migrations()
def m007_register(db: Database) -> None:
    """The team register on this laptop: the outbox of signed items waiting to be published
    (filled by triggers in the same transaction that signs, so nothing signed is missed), what
    went, the register's address, and what was pulled from it, each row verified first."""
    db.execute("""
        CREATE TABLE register_outbox (
            item TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            meeting_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            queued_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE register_published (
            item TEXT PRIMARY KEY,
            published_at TEXT NOT NULL
        )""")
    db.execute("CREATE TABLE register_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("""
        CREATE TABLE register_versions (
            record_sha256 TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            audience TEXT NOT NULL,
            case_reference TEXT NOT NULL,
            meeting_date TEXT,
            record BLOB NOT NULL,
            signature BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            docx BLOB NOT NULL,
            published_by TEXT NOT NULL,
            published_at TEXT NOT NULL,
            pulled_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE register_entries (
            entry_sha256 TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            meeting_id TEXT NOT NULL,
            on_record_sha256 TEXT NOT NULL,
            record BLOB NOT NULL,
            signature BLOB NOT NULL,
            fingerprint TEXT NOT NULL,
            published_by TEXT NOT NULL,
            published_at TEXT NOT NULL,
            pulled_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE register_refused (
            what TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX register_versions_by_case ON register_versions(case_reference)")
    now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    db.execute(f"""
        CREATE TRIGGER register_queue_version AFTER INSERT ON signatures
        WHEN NEW.audience = 'full' BEGIN
            INSERT OR IGNORE INTO register_outbox (item, kind, meeting_id, number, queued_at)
            VALUES ('version:' || NEW.meeting_id || ':' || NEW.version, 'version',
                    NEW.meeting_id, NEW.version, {now});
        END""")
    db.execute(f"""
        CREATE TRIGGER register_queue_oversight AFTER INSERT ON oversight BEGIN
            INSERT OR IGNORE INTO register_outbox (item, kind, meeting_id, number, queued_at)
            VALUES ('oversight:' || NEW.meeting_id || ':' || NEW.seq, 'oversight',
                    NEW.meeting_id, NEW.seq, {now});
        END""")
    db.execute(f"""
        INSERT OR IGNORE INTO register_outbox (item, kind, meeting_id, number, queued_at)
        SELECT 'version:' || meeting_id || ':' || version, 'version', meeting_id, version, {now}
        FROM signatures WHERE audience = 'full'""")
    db.execute(f"""
        INSERT OR IGNORE INTO register_outbox (item, kind, meeting_id, number, queued_at)
        SELECT 'oversight:' || meeting_id || ':' || seq, 'oversight', meeting_id, seq, {now}
        FROM oversight""")


@migrations()
def m008_register_progress(db: Database) -> None:
    """Action progress after signing waits in the register's outbox like oversight."""
    now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    db.execute(f"""
        CREATE TRIGGER register_queue_progress AFTER INSERT ON action_progress BEGIN
            INSERT OR IGNORE INTO register_outbox (item, kind, meeting_id, number, queued_at)
            VALUES ('progress:' || NEW.meeting_id || ':' || NEW.seq, 'progress',
                    NEW.meeting_id, NEW.seq, {now});
        END""")
    db.execute(f"""
        INSERT OR IGNORE INTO register_outbox (item, kind, meeting_id, number, queued_at)
        SELECT 'progress:' || meeting_id || ':' || seq, 'progress', meeting_id, seq, {now}
        FROM action_progress""")


@migrations()
def m009_indexes_for_opening_and_closing(db: Database) -> None:
    """Two questions that read the whole store, answered from indexes instead. Every close
    asks which trails changed since their last signed head (storage/anchors `unanchored`):
    read from the meeting rows, that decrypted every row and its sections (320 ms at 10,000
    meetings, each time a command or the window closed); two covering indexes answer it from
    about a megabyte each (29 ms). Every open asks which of the meeting's actions a later
    meeting carried on (`Repository.carried_on`): that read every action in the store (256
    ms at 10,000 meetings); an index of the carried action's id answers it by lookup."""
    db.execute("CREATE INDEX meetings_heads ON meetings(id, audit_head)")
    db.execute("CREATE INDEX audit_anchors_heads ON audit_anchors(meeting_id, n, head)")
    db.execute(
        "CREATE INDEX actions_carried ON items(json_extract(data, '$.carried_action')) "
        "WHERE kind = 'actions'"
    )


def apply(db: Database) -> None:
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise NewerStore(", ".join(unknown))
    migrations.apply(db)
