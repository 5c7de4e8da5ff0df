"""Open the SQLCipher database with the settings every connection must have.

sqlite-utils imports `pysqlite3` in preference to the stdlib when it exists, and catches that
module's exceptions. Registering sqlcipher3 under that name before sqlite_utils is imported
makes sqlite-utils catch the exceptions the encrypted driver actually raises. Import
sqlite_utils through this module only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import sqlcipher3
from sqlcipher3 import dbapi2

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", dbapi2)

import sqlite_utils  # noqa: E402  (must follow the registration above)

DatabaseError = dbapi2.DatabaseError
KEY_BYTES = 32
PAGE_CACHE_KIB = 32 * 1024


class WrongKey(Exception):
    """The key does not open this database (or the file is not a database at all)."""


def connect(path: Path, key: bytes) -> sqlite_utils.Database:
    """Key the connection before anything reads it, then apply durability settings.

    WAL with synchronous=FULL makes a commit durable when it returns, which is what lets the
    UI say "saved" the moment an edit's transaction ends.
    """
    if len(key) != KEY_BYTES:
        raise ValueError("database keys are 256 bits")
    if not path.exists():  # private from the first byte: SQLite gives -wal/-shm the same mode
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        raise WrongKey(str(exc)) from None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # SQLCipher decrypts and checks every page it reads into its cache; its default cache
    # (2,000 pages, 8 MB) no longer holds the list's indexes, the search index and an open
    # meeting once a store has some thousands of meetings. Measured at 10,000 meetings, the
    # whole list took a median 212 ms with the default and 113 ms with 32 MiB. Pages are
    # cached only as they are read, so a small store never uses it.
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return sqlite_utils.Database(conn)


def integrity_ok(db: sqlite_utils.Database) -> bool:
    verdict: str = db.execute("PRAGMA integrity_check").fetchone()[0]
    return verdict == "ok"
