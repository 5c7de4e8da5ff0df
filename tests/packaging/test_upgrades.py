"""Upgrades keep data: a store made by an earlier release opens in this one.

`stores/0.1.0` was made by release 0.1.0's own commands, in passphrase mode, and is never
changed (only copied):

    PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring \\
    STRATEGY_MINUTES_PASSPHRASE="correct horse battery staple" \\
      strategy-minutes --data-dir tests/packaging/stores/0.1.0 demo      # then: sign ID

Every migration added later runs on it here, so a migration that loses or breaks old data
fails this test. A store written by a newer release is refused in one sentence and left as it
was. When a release changes the store, add its own fixture beside this one.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import sqlcipher3
from strategy_minutes.storage import keys, migrations
from strategy_minutes.storage.keys import KEY_FILE
from strategy_minutes.storage.store import DB_FILE, StoreProblem, open_store

from tests.conftest import PASSPHRASE

STORES = Path(__file__).parent / "stores"
RELEASES = sorted(p.name for p in STORES.iterdir() if p.is_dir())
DEMO_ID = "6a54d75a-7f8a-4ce3-8fb4-9197256b4447"  # the meeting `demo` made in 0.1.0's store
DEMO_CASE = "DEMO-2026-0147"


def copy_of(release: str, tmp_path: Path) -> Path:
    folder = tmp_path / f"store-{release}"
    shutil.copytree(STORES / release, folder)
    return folder


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


def test_there_is_a_store_from_the_first_release() -> None:
    assert "0.1.0" in RELEASES


@pytest.mark.parametrize("release", RELEASES)
def test_an_earlier_store_opens_with_every_migration_applied(release: str, tmp_path: Path) -> None:
    folder = copy_of(release, tmp_path)
    store = open_store(folder, lambda confirm: PASSPHRASE)
    try:
        assert store.protection.mode == keys.PASSPHRASE
        applied = {m.name for m in migrations.migrations.applied(store.db)}
        assert applied == {m.name for m in migrations.migrations._migrations}
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.parametrize("release", RELEASES)
def test_the_chair_path_goes_on_in_an_upgraded_store(cli, release: str, tmp_path: Path) -> None:
    """The meeting is there and its findings still hold. A version signed before signed files
    were kept (m003) cannot be exported as signed: that is said in one sentence, and the way on
    (an addendum, signed in turn) gives a copy that verifies."""
    folder = copy_of(release, tmp_path)
    listed = cli("list", data=folder)
    assert listed.returncode == 0, listed.stderr
    assert DEMO_ID in listed.stdout and DEMO_CASE in listed.stdout
    checked = cli("check", DEMO_ID, data=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "minutes.docx"
    old_copy = cli("export", DEMO_ID, "--out", str(out), data=folder)
    assert old_copy.returncode == 2
    assert old_copy.stderr.strip().count("\n") == 0
    assert "open an addendum" in old_copy.stderr
    assert not out.exists()
    reason = "Re-signed after upgrading Strategy Minutes."
    opened = cli("addendum", DEMO_ID, "--reason", reason, data=folder)
    assert opened.returncode == 0, opened.stderr
    signed = cli("sign", DEMO_ID, data=folder)
    assert signed.returncode == 0, signed.stderr
    exported = cli("export", DEMO_ID, "--out", str(out), data=folder)
    assert exported.returncode == 0, exported.stderr
    verified = cli("verify", str(out), data=folder)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "is valid" in verified.stdout


def _written_by_a_newer_release(folder: Path) -> None:
    """What a later release would leave: a migration this build has never heard of."""
    prot = keys.read_protection(folder)
    assert prot is not None
    key = keys.unwrap(prot.wrapped or {}, PASSPHRASE, prot.store_id)
    conn = sqlcipher3.connect(str(folder / DB_FILE), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('strategy-minutes', 'm999_from_a_later_release', '2031-01-01')"
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_a_store_from_a_newer_release_is_refused_in_one_sentence(cli, tmp_path: Path) -> None:
    folder = copy_of("0.1.0", tmp_path)
    _written_by_a_newer_release(folder)
    before = digest(folder)
    with pytest.raises(StoreProblem, match="newer version of Strategy Minutes"):
        open_store(folder, lambda confirm: PASSPHRASE)
    refused = cli("list", data=folder)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.strip().count("\n") == 0
    assert refused.stderr.startswith(f"The store in {folder} was written by a newer version")
    after = digest(folder)
    assert {n: after[n] for n in (DB_FILE, KEY_FILE)} == {n: before[n] for n in (DB_FILE, KEY_FILE)}


@pytest.mark.parametrize("release", RELEASES)
def test_the_fixture_itself_holds_no_plain_text(release: str) -> None:
    for path in (STORES / release).iterdir():
        data = path.read_bytes()
        for name in ("Penrose", "Maisie", "Llywelyn", DEMO_CASE):
            assert name.encode() not in data, f"{name} readable in {path.name}"
