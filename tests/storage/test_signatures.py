"""The sign-off tables: made by migration m002, and kept as the sign-off writes them."""

from __future__ import annotations

from strategy_minutes.storage import migrations, signatures
from strategy_minutes.storage.signatures import SignedRecord
from strategy_minutes.storage.store import Store


def test_migration_makes_the_tables(store: Store) -> None:
    names = set(store.db.table_names())
    assert {
        "signatures",
        "addenda",
        "signing_keys",
        "trusted_signers",
        "review_copies",
        "comments",
        "oversight",
    } <= names
    applied = [m.name for m in migrations.migrations.applied(store.db)]
    assert applied[:2] == ["m001_meetings_items_audit", "m002_signoff"]


def test_versions_are_kept_side_by_side(store: Store) -> None:
    def row(version: int, audience: str = "full") -> SignedRecord:
        return SignedRecord(
            "m",
            version,
            audience,
            b"{}",
            "s" * 64,
            b"sig",
            "A",
            "Chair",
            "2026-11-24T10:00:00Z",
            b"k" * 32,
            "F",
        )

    with store.db.atomic():
        for r in (row(1), row(1, "parent"), row(2)):
            signatures.add_signed(store.db, r)
    assert signatures.signed(store.db, "m") == row(2)
    assert signatures.signed(store.db, "m", 1, "parent") == row(1, "parent")
    assert [v.version for v in signatures.versions(store.db, "m")] == [1, 2]
    assert signatures.signed(store.db, "other") is None


def test_a_comment_is_stored_once(store: Store) -> None:
    comment = {
        "id": "c1",
        "meeting_id": "m",
        "fingerprint": "f",
        "text": "Wrong date",
        "imported_at": "2026-11-24T10:00:00Z",
    }
    with store.db.atomic():
        assert signatures.add_comment(store.db, comment) is True
        assert signatures.add_comment(store.db, {**comment, "id": "c2"}) is False
    assert signatures.resolve_comment(store.db, "m", "c1", "declined", "why", "t") == 1
    assert signatures.comments(store.db, "m")[0]["resolution"] == "declined"


def test_oversight_numbers_follow_on(store: Store) -> None:
    with store.db.atomic():
        assert signatures.add_oversight(store.db, "m", b"{}", b"s", b"k", "F") == 1
        assert signatures.add_oversight(store.db, "m", b"{}", b"s", b"k", "F") == 2
    assert [r["seq"] for r in signatures.oversight(store.db, "m")] == [1, 2]
