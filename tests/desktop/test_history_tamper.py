"""History cannot be rewritten quietly: what someone holding the store key would try.

Each attack writes to the tables directly, as anyone who can open the store could, after
the meeting was signed and the store closed cleanly (so its trail's head is signed with the
laptop's key, which in keyring mode is not in the store). `audit --verify` must then name
what was done. An old store (written before content hashes) is migrated, and its older
entries are reported as older, not as broken.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import anchors, canonical, lifecycle
from strategy_minutes.storage import audit, keys, migrations
from strategy_minutes.storage.db import connect
from strategy_minutes.storage.store import DB_FILE, Store, open_store

from tests.conftest import PASSPHRASE


def _open(folder: Path) -> Store:
    return open_store(folder, lambda confirm: None)


@pytest.fixture
def signed(data_dir: Path) -> str:
    """A demo meeting, edited, signed, then the store closed cleanly (heads signed)."""
    store = _open(data_dir)
    service = MeetingService(store)
    meeting_id = service.add_demo(date.today())
    service.set_field(meeting_id, "facts", None, "venue", "Room 4, Civic Centre")
    lifecycle.sign(store, service.get(meeting_id))
    anchors.close(store)
    return meeting_id


def _rechain(db: Database, meeting_id: str) -> None:
    """Recompute every hash of the trail and its head, as an attacker with the store key
    can: the chain is then internally consistent again."""
    prev = audit.GENESIS
    cols = [c[1] for c in db.execute("PRAGMA table_info(audit)").fetchall()]
    for row in db.execute(
        "SELECT * FROM audit WHERE meeting_id = ? ORDER BY seq", [meeting_id]
    ).fetchall():
        entry = dict(zip(cols, row, strict=True))
        entry["prev_hash"] = prev
        entry["hash"] = audit._digest(prev, entry)
        db.execute(
            "UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?",
            [entry["prev_hash"], entry["hash"], entry["seq"]],
        )
        prev = entry["hash"]
    db.execute("UPDATE meetings SET audit_head = ? WHERE id = ?", [prev, meeting_id])


def _edit_sections(db: Database, m: str) -> None:
    db.execute(
        "UPDATE meetings SET sections = json_set(sections, '$.outcome.decision', "
        "'No further action; the interviews are cancelled.') WHERE id = ?",
        [m],
    )


def _edit_item(db: Database, m: str) -> None:
    db.execute(
        "UPDATE items SET data = json_set(data, '$.name', 'Someone Else') WHERE id = "
        "(SELECT id FROM items WHERE meeting_id = ? AND kind = 'attendees' LIMIT 1)",
        [m],
    )


def _delete_item(db: Database, m: str) -> None:
    db.execute(
        "DELETE FROM items WHERE id = (SELECT id FROM items WHERE meeting_id = ? AND "
        "kind = 'actions' LIMIT 1)",
        [m],
    )


def _edit_entry(db: Database, m: str) -> None:
    db.execute("UPDATE audit SET new = '\"Room 9\"' WHERE meeting_id = ? AND field = 'venue'", [m])


def _cut_and_rechain(db: Database, m: str) -> None:
    db.execute("DELETE FROM audit WHERE meeting_id = ? AND field = 'venue'", [m])
    _rechain(db, m)


def _edit_entry_and_rechain(db: Database, m: str) -> None:
    _edit_entry(db, m)
    _rechain(db, m)


def _truncate_tail(db: Database, m: str) -> None:
    last = db.execute("SELECT max(seq) FROM audit WHERE meeting_id = ?", [m]).fetchone()[0]
    db.execute("DELETE FROM audit WHERE meeting_id = ? AND seq >= ?", [m, last - 1])
    _rechain(db, m)


def _strip_content_hashes(db: Database, m: str) -> None:
    db.execute("UPDATE audit SET content_sha256 = '' WHERE meeting_id = ?", [m])
    _rechain(db, m)


def _edit_and_re_hash_last_entry(db: Database, m: str) -> None:
    _edit_sections(db, m)
    last = db.execute("SELECT max(seq) FROM audit WHERE meeting_id = ?", [m]).fetchone()[0]
    db.execute(
        "UPDATE audit SET content_sha256 = ? WHERE seq = ?", [audit.content_sha256(db, m), last]
    )
    _rechain(db, m)


def _delete_anchors(db: Database, m: str) -> None:
    db.execute("DELETE FROM audit_anchors WHERE meeting_id = ?", [m])


def _forge_anchor_with_own_key(db: Database, m: str) -> None:
    """Rewrite, then sign the new head with a key of the attacker's, recorded as the
    laptop's key in the store (the real one stays in the keyring)."""
    _cut_and_rechain(db, m)
    attacker = Ed25519PrivateKey.generate()
    public = attacker.public_key().public_bytes_raw()
    seq, head, content = audit.head(db, m)
    record = canonical.canonical_bytes(
        {
            "format": anchors.FORMAT,
            "trail": m,
            "seq": seq,
            "head": head,
            "content_sha256": content,
            "signed_at": "2026-12-01T10:00:00Z",
            "reason": "close",
        }
    )
    db.execute("UPDATE signing_keys SET public_key = ?", [public])
    db.execute(
        "INSERT INTO audit_anchors (meeting_id, n, seq, head, record, signature, public_key) "
        "VALUES (?, 99, ?, ?, ?, ?, ?)",
        [m, seq, head, record, attacker.sign(record), public],
    )


def _edit_anchor_record(db: Database, m: str) -> None:
    n, record = db.execute(
        "SELECT n, record FROM audit_anchors WHERE meeting_id = ? ORDER BY n DESC LIMIT 1", [m]
    ).fetchone()
    moved = {**canonical.parse_any(record), "signed_at": "2027-01-01T00:00:00Z"}
    db.execute(
        "UPDATE audit_anchors SET record = ? WHERE meeting_id = ? AND n = ?",
        [canonical.canonical_bytes(moved), m, n],
    )


ATTACKS: list[tuple[str, Callable[[Database, str], None], str]] = [
    ("change a section without an entry", _edit_sections, "does not match its trail"),
    ("change an item without an entry", _edit_item, "does not match its trail"),
    ("delete an item without an entry", _delete_item, "does not match its trail"),
    ("edit an entry", _edit_entry, "was changed after it was written"),
    ("cut an entry and recompute the chain", _cut_and_rechain, "cut and recomputed"),
    ("edit an entry and recompute the chain", _edit_entry_and_rechain, "cut and recomputed"),
    ("cut the newest entries and recompute", _truncate_tail, "cut and recomputed"),
    ("strip content hashes and recompute", _strip_content_hashes, "cut and recomputed"),
    ("change, re-hash the content, recompute", _edit_and_re_hash_last_entry, "cut and recomputed"),
    ("delete the signed heads", _delete_anchors, "no signed head"),
    ("sign a rewritten head with another key", _forge_anchor_with_own_key, "this laptop's"),
    ("edit the signed head", _edit_anchor_record, "changed or forged"),
]


@pytest.mark.parametrize(("attack", "said"), [pytest.param(a, s, id=n) for n, a, s in ATTACKS])
def test_rewritten_history_is_reported(
    data_dir: Path, signed: str, attack: Callable[[Database, str], None], said: str
) -> None:
    store = _open(data_dir)
    assert anchors.check(store, signed).problems == []
    with store.db.atomic():
        attack(store.db, signed)
    checked = anchors.check(store, signed)
    assert any(said in p for p in checked.problems), checked.problems
    anchors.close(store)  # a clean close never signs over a broken trail
    store = _open(data_dir)
    assert any(said in p for p in anchors.check(store, signed).problems)
    store.close()


def test_cli_says_what_was_rewritten(cli, data_dir: Path) -> None:
    """At the command line (passphrase mode): exit 1 and the sentence on stderr."""
    made = cli("demo")
    meeting_id = made.stdout.strip()
    assert cli("sign", meeting_id).returncode == 0
    intact = cli("audit", meeting_id, "--verify")
    assert intact.returncode == 0 and "is intact" in intact.stdout, intact.stderr
    key = keys.unlock(keys.read_protection(data_dir), lambda confirm: PASSPHRASE)
    db = connect(data_dir / DB_FILE, key)
    with db.atomic():
        db.execute(
            "DELETE FROM audit WHERE seq = (SELECT min(seq) FROM audit WHERE meeting_id = ? "
            "AND action = 'add')",
            [meeting_id],
        )
        _rechain(db, meeting_id)
    db.conn.close()
    broken = cli("audit", meeting_id, "--verify")
    assert broken.returncode == 1
    assert "cut and recomputed" in broken.stderr
    assert "is intact" not in broken.stdout
    as_json = json.loads(cli("audit", meeting_id, "--verify", "--json").stdout)
    assert as_json["intact"] is False and as_json["problems"]


def test_an_old_store_is_migrated_and_its_older_entries_reported_as_such(
    data_dir: Path,
) -> None:
    """A store as version 0.1 wrote it: the first two migrations, entries without content
    hashes. After the upgrade the trail is intact, its older entries said to carry no
    content hash; changes from then on are covered."""
    old = Migrations("strategy-minutes")
    for step in migrations.migrations._migrations[:2]:
        old._migrations.append(step)
    store = _open(data_dir)  # keys and folder as the app makes them
    key = store._key
    store.close()
    (data_dir / DB_FILE).unlink()
    for extra in ("-wal", "-shm"):
        (data_dir / f"{DB_FILE}{extra}").unlink(missing_ok=True)
    db = connect(data_dir / DB_FILE, key)
    old.apply(db)
    db["meetings"].insert(
        {
            "id": "m-old",
            "case_reference": "OLD/1",
            "status": "draft",
            "created_at": "2025-01-01T00:00:00+00:00",
            "updated_at": "2025-01-01T00:00:00+00:00",
            "sections": json.dumps({"facts": {"case_reference": "OLD/1"}}),
        }
    )
    prev = audit.GENESIS
    for n, value in enumerate(("Room 1", "Room 2"), start=1):
        entry = {
            "meeting_id": "m-old",
            "at": f"2025-01-0{n}T00:00:00+00:00",
            "actor": "chair",
            "action": "set",
            "kind": "facts",
            "item_id": "",
            "field": "venue",
            "old": None,
            "new": json.dumps(value),
        }
        entry["prev_hash"], entry["hash"] = prev, audit._digest(prev, entry)
        db["audit"].insert(entry)
        prev = entry["hash"]
    db.execute("UPDATE meetings SET audit_head = ? WHERE id = 'm-old'", [prev])
    db.conn.close()

    store = _open(data_dir)  # migrates
    checked = anchors.check(store, "m-old")
    assert checked.problems == []
    assert any("2 older entries" in n and "no content hash" in n for n in checked.notes)
    MeetingService(store).set_field("m-old", "facts", None, "venue", "Room 3")
    anchors.close(store)
    store = _open(data_dir)
    assert anchors.check(store, "m-old").problems == []
    with store.db.atomic():
        _edit_sections(store.db, "m-old")
    assert any("does not match" in p for p in anchors.check(store, "m-old").problems)
    store.close()
