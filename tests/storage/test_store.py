"""The store keeps its promises: encrypted at rest, right key only, one writer, durable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage import keys
from strategy_minutes.storage.lock import AlreadyOpen
from strategy_minutes.storage.store import DB_FILE, Store, StoreProblem, open_store, recover

from tests.conftest import PASSPHRASE

DEMO_NAMES = ["Penrose", "Siân Llywelyn", "Wiśniewska", "ليلى حداد", "Larch Close"]


def _ask(value: str | None):
    return lambda confirm: value


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


def test_database_is_encrypted_and_no_name_reaches_disk(data_dir: Path) -> None:
    store = open_store(data_dir, _ask(None))
    MeetingService(store).add_demo()
    blob = _all_bytes(data_dir)  # WAL and -shm included, while still open
    store.close()
    blob += _all_bytes(data_dir)
    assert not (data_dir / DB_FILE).read_bytes().startswith(b"SQLite format 3")
    for name in DEMO_NAMES:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert name.encode(encoding) not in blob, name


def test_key_lives_in_keyring_not_on_disk(data_dir: Path, isolated) -> None:
    store = open_store(data_dir, _ask(None))
    store.close()
    (secret,) = isolated.secrets.values()
    assert store.protection.mode == keys.KEYRING
    assert secret.encode() not in _all_bytes(data_dir)
    assert bytes.fromhex(secret) not in _all_bytes(data_dir)


def test_no_keyring_falls_back_to_passphrase(data_dir: Path, no_keyring) -> None:
    store = open_store(data_dir, _ask(PASSPHRASE))
    meeting_id = MeetingService(store).new_meeting("REF-1")
    store.close()
    assert json.loads((data_dir / "keys.json").read_text())["protection"] == "passphrase"
    assert PASSPHRASE.encode() not in _all_bytes(data_dir)
    store = open_store(data_dir, _ask(PASSPHRASE))
    assert MeetingService(store).get(meeting_id).facts["case_reference"] == "REF-1"
    store.close()


def test_wrong_passphrase_is_one_sentence_and_changes_nothing(data_dir: Path, no_keyring) -> None:
    open_store(data_dir, _ask(PASSPHRASE)).close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    with pytest.raises(keys.KeyProblem, match="passphrase is not right"):
        open_store(data_dir, _ask("not the passphrase at all"))
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


def test_missing_passphrase_is_refused_not_awaited(data_dir: Path, no_keyring) -> None:
    with pytest.raises(keys.PassphraseRequired):
        open_store(data_dir, _ask(None))
    assert not (data_dir / DB_FILE).exists()


def test_short_passphrase_is_refused(data_dir: Path, no_keyring) -> None:
    with pytest.raises(keys.KeyProblem, match="at least"):
        open_store(data_dir, _ask("short"))


def test_wrong_key_in_keyring_leaves_database_untouched(data_dir: Path, isolated) -> None:
    open_store(data_dir, _ask(None)).close()
    db_before = (data_dir / DB_FILE).read_bytes()
    entry = next(iter(isolated.secrets))
    isolated.secrets[entry] = "ab" * 32
    with pytest.raises(StoreProblem, match="cannot be opened with this key"):
        open_store(data_dir, _ask(None))
    assert (data_dir / DB_FILE).read_bytes() == db_before


def test_lost_keyring_entry_is_recovered_with_recovery_key(data_dir: Path, isolated) -> None:
    store = open_store(data_dir, _ask(None))
    meeting_id = MeetingService(store).add_demo()
    code = store.recovery_code()
    store.close()
    isolated.secrets.clear()
    with pytest.raises(keys.KeyProblem, match="recovery key"):
        open_store(data_dir, _ask(None))
    recover(data_dir, code.lower().replace("-", " "), _ask(None))
    store = open_store(data_dir, _ask(None))
    assert MeetingService(store).get(meeting_id).facts["case_reference"] == "DEMO-2026-0147"
    store.close()


def test_recovery_key_survives_a_lost_key_file_and_moves_to_passphrase(
    data_dir: Path, isolated, no_keyring
) -> None:
    import keyring

    keyring.set_keyring(isolated)
    store = open_store(data_dir, _ask(None))
    code = store.recovery_code()
    store.close()
    (data_dir / "keys.json").unlink()
    with pytest.raises(keys.KeyProblem, match="key file is missing"):
        open_store(data_dir, _ask(None))
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    prot = recover(data_dir, code, _ask(PASSPHRASE))
    assert prot.mode == keys.PASSPHRASE
    open_store(data_dir, _ask(PASSPHRASE)).close()


def test_wrong_recovery_key_is_refused(data_dir: Path) -> None:
    open_store(data_dir, _ask(None)).close()
    with pytest.raises(keys.KeyProblem, match="not a recovery key"):
        recover(data_dir, "ABCD-EFGH", _ask(None))
    with pytest.raises(StoreProblem, match="cannot be opened"):
        recover(data_dir, keys.recovery_code(b"\x01" * 32), _ask(None))


def test_damaged_key_file_and_foreign_database_get_sentences(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "keys.json").write_text("{not json")
    with pytest.raises(keys.KeyProblem, match="damaged"):
        open_store(data_dir, _ask(None))
    (data_dir / "keys.json").unlink()
    (data_dir / DB_FILE).write_bytes(b"garbage" * 1000)
    with pytest.raises(keys.KeyProblem, match="key file is missing"):
        open_store(data_dir, _ask(None))


def test_second_copy_on_same_folder_is_refused(data_dir: Path) -> None:
    store = open_store(data_dir, _ask(None))
    with pytest.raises(AlreadyOpen):
        open_store(data_dir, _ask(None))
    store.close()
    open_store(data_dir, _ask(None)).close()


def test_unclean_shutdown_is_noticed(data_dir: Path) -> None:
    store = open_store(data_dir, _ask(None))
    assert not store.unclean_shutdown
    store.db.conn.close()
    store._lock.release(clean=False)  # as if the process died: the OS drops the lock only
    again = open_store(data_dir, _ask(None))
    assert again.unclean_shutdown
    again.close()
    assert not open_store(data_dir, _ask(None)).unclean_shutdown


def test_migrations_from_empty_store_and_newer_store_refused(data_dir: Path) -> None:
    store = open_store(data_dir, _ask(None))
    tables = set(store.db.table_names())
    assert {"meetings", "items", "audit", "_sqlite_migrations"} <= tables
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.db["_sqlite_migrations"].insert(
        {
            "migration_set": "strategy-minutes",
            "name": "m999_from_the_future",
            "applied_at": "2030-01-01",
        }
    )
    store.close()
    with pytest.raises(StoreProblem, match="newer version"):
        open_store(data_dir, _ask(None))


def test_files_are_private(data_dir: Path) -> None:
    open_store(data_dir, _ask(None)).close()
    assert data_dir.stat().st_mode & 0o077 == 0
    assert (data_dir / DB_FILE).stat().st_mode & 0o077 == 0
    assert (data_dir / "keys.json").stat().st_mode & 0o077 == 0


def test_list_names_the_children_and_chair_and_searches_any_name(service: MeetingService) -> None:
    meeting_id = service.add_demo()
    service.new_meeting("OTHER-1")
    [row] = service.summaries("wiśniewska")  # an attendee, in any case
    assert row["id"] == meeting_id
    assert row["children"] == "Maisie Penrose, Lily Penrose"
    assert row["chair"] == "Siân Llywelyn"
    assert [r["case_reference"] for r in service.summaries("100%_")] == []
    assert len(service.summaries()) == 2


def test_the_second_connection_reads_each_commit_and_cannot_write(store: Store) -> None:
    """The meeting list's worker reads through `Store.reader`: it must see an edit the moment
    the window's connection commits it, and never be a way to change the store."""
    from strategy_minutes.storage.db import DatabaseError

    service = MeetingService(store)
    reader = store.reader()
    try:
        made = service.new_meeting("SM/READ")
        assert [r["id"] for r in reader.summaries("sm/read")] == [made]
        with pytest.raises(DatabaseError, match="readonly|read-only|query_only"):
            reader.db.execute("UPDATE meetings SET case_reference = 'changed'")
        assert service.summaries("sm/read")[0]["case_reference"] == "SM/READ"
    finally:
        reader.db.conn.close()
