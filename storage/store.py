"""Open a data folder: take its lock, unlock its key, open and migrate its database."""

from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database
from strategy_minutes.storage import keys, migrations
from strategy_minutes.storage.db import WrongKey, connect, integrity_ok
from strategy_minutes.storage.lock import FolderLock
from strategy_minutes.storage.repository import Repository

DB_FILE = "meetings.db"


class StoreProblem(Exception):
    """The store cannot be opened; the message says why in one sentence."""


@dataclass
class Store:
    folder: Path
    db: Database
    protection: keys.Protection
    created: bool
    unclean_shutdown: bool
    _lock: FolderLock = field(repr=False)
    _key: bytes = field(repr=False)

    @property
    def repo(self) -> Repository:
        return Repository(self.db, _actor())

    @property
    def protected_by(self) -> str:
        return "the OS keyring" if self.protection.mode == keys.KEYRING else "a passphrase"

    def recovery_code(self) -> str:
        return keys.recovery_code(self._key)

    def reader(self) -> Repository:
        """A second connection to the same store that can only read, for a thread of its own
        (the meeting list reads the rows after its first screen there). In WAL mode it sees
        every committed edit and neither waits for nor blocks the window's connection. The
        caller closes it: `reader.db.conn.close()`."""
        db = connect(self.folder / DB_FILE, self._key)
        db.execute("PRAGMA query_only = ON")
        return Repository(db, _actor())

    def close(self) -> None:
        self.db.conn.close()
        self._lock.release()


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown user"


def _open_db(path: Path, key: bytes) -> Database:
    try:
        return connect(path, key)
    except WrongKey:
        raise StoreProblem(
            f"The database in {path.parent} cannot be opened with this key: it "
            "is damaged or belongs to another store. Nothing was changed."
        ) from None


log = logging.getLogger(__name__)


def open_store(folder: Path, ask: keys.PassphraseSource) -> Store:
    """Open (creating on first use) the store in `folder`.

    Raises AlreadyOpen, keys.KeyProblem, migrations.NewerStore or StoreProblem, each with a
    message fit for a person; on any of them the folder's files are left as they were.
    """
    lock = FolderLock(folder)
    lock.acquire()
    try:
        prot = keys.read_protection(folder)
        db_path = folder / DB_FILE
        created = prot is None
        if prot is None:
            if db_path.exists():
                raise keys.KeyProblem(
                    f"The key file is missing from {folder}; use the recovery "
                    "key (strategy-minutes recover)."
                )
            key = keys.new_key()
            prot = keys.protect(folder, key, ask)
        else:
            key = keys.unlock(prot, ask)
            created = not db_path.exists()
        db = _open_db(db_path, key)
        if lock.unclean_shutdown and not integrity_ok(db):
            db.conn.close()
            raise StoreProblem(
                f"The database in {folder} failed its integrity check after an "
                "unclean shutdown; restore it from a backup."
            )
        try:
            migrations.apply(db)
        except migrations.NewerStore:
            db.conn.close()
            raise StoreProblem(
                f"The store in {folder} was written by a newer version of "
                "Strategy Minutes; update the app to open it."
            ) from None
    except BaseException:
        lock.release(clean=not lock.unclean_shutdown)
        raise
    log.info(
        "store opened: %s, protected by %s%s",
        "created" if created else "existing",
        prot.mode,
        ", after an unclean shutdown" if lock.unclean_shutdown else "",
    )
    return Store(folder, db, prot, created, lock.unclean_shutdown, lock, key)


def recover(folder: Path, code: str, ask: keys.PassphraseSource) -> keys.Protection:
    """Re-protect the store's key from its recovery key (keyring again, or a new passphrase)."""
    key = keys.key_from_recovery_code(code)
    lock = FolderLock(folder)
    lock.acquire()
    try:
        db_path = folder / DB_FILE
        if not db_path.exists():
            raise StoreProblem(f"There is no store in {folder} to recover.")
        _open_db(db_path, key).conn.close()
        try:
            old = keys.read_protection(folder)
        except keys.KeyProblem:
            old = None
        return keys.protect(folder, key, ask, store_id=old.store_id if old else None)
    finally:
        lock.release()
