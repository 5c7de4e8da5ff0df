"""Draft, review, signed, addenda; keys; refusals while blockers or open comments stand."""

from __future__ import annotations

import json
from datetime import date

import pytest
from strategy_minutes.desktop import __version__
from strategy_minutes.desktop.meeting import spec
from strategy_minutes.desktop.meeting.fieldtypes import LongText
from strategy_minutes.desktop.meeting.model import restriction
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import canonical, lifecycle
from strategy_minutes.desktop.signoff.keys import signing_key, verify_signature
from strategy_minutes.storage import signatures

TODAY = date.today()  # the rules judge interview dates against today


@pytest.fixture
def meeting_id(service: MeetingService) -> str:
    return service.add_demo(TODAY)


def test_sign_records_every_audience_and_locks(service: MeetingService, meeting_id: str) -> None:
    store = service.store
    lifecycle.circulate(store, meeting_id)
    assert lifecycle.status(store, meeting_id) == "review"
    row = lifecycle.sign(store, service.get(meeting_id))
    assert row.version == 1 and row.audience == "full"
    assert row.signer_name == service.get(meeting_id).facts["chair"]
    assert verify_signature(row.public_key, row.signature, row.record)
    assert len(row.fingerprint.split()) == 16
    for audience in canonical.SIGNED_AUDIENCES:
        signed = signatures.signed(store.db, meeting_id, audience=audience)
        assert signed is not None and verify_signature(
            signed.public_key, signed.signature, signed.record
        )
    assert lifecycle.status(store, meeting_id) == "signed"
    with pytest.raises(lifecycle.ReadOnly, match="open an addendum"):
        lifecycle.ensure_editable(store, meeting_id)
    with pytest.raises(lifecycle.SignoffProblem, match="already signed as version 1"):
        lifecycle.sign(store, service.get(meeting_id))
    assert [e.action for e in service.repo.audit_entries(meeting_id)][-2:] == ["status", "sign"]
    assert lifecycle.current_signed(store, service.get(meeting_id)) == row


def test_canonical_record_is_stable_and_excludes_status(
    service: MeetingService, meeting_id: str
) -> None:
    meeting = service.get(meeting_id)
    args = dict(
        version=1,
        audience="full",
        signer_name="A",
        signer_role="B",
        fingerprint="F",
        signed_at="2026-11-24T10:00:00Z",
        addendum=None,
        full_sha256=None,
    )
    first = canonical.canonical_bytes(canonical.record_fields(meeting, **args))
    meeting.status = "review"
    assert canonical.canonical_bytes(canonical.record_fields(meeting, **args)) == first
    assert b'"status"' not in first.split(b'"meeting":')[0]
    assert first == canonical.canonical_bytes(json.loads(first)) and b"\n" not in first
    assert canonical.parse_record(first)["app_version"] == __version__
    back = canonical.meeting_from_record(canonical.parse_record(first))
    assert canonical.meeting_content(back) == canonical.parse_record(first)["meeting"]


def test_parent_record_carries_no_restricted_text(service: MeetingService, meeting_id: str) -> None:
    meeting = service.get(meeting_id)
    restricted = [
        i for items in meeting.items.values() for i in items if (restriction(i) or "none") != "none"
    ]
    assert restricted, "the demo meeting should have restricted items"
    content = canonical.canonical_bytes(canonical.meeting_content(meeting, "parent"))
    for item in restricted:
        for f in spec.kind(item.kind).fields:
            value = item[f.name]
            if isinstance(f.type, LongText) and value:  # names may recur elsewhere
                assert value.encode() not in content
    assert content.count(b'"contact":null') == len(meeting.items_of("attendees"))


def test_addendum_signs_next_version_and_keeps_earlier(
    service: MeetingService, meeting_id: str
) -> None:
    store = service.store
    first = lifecycle.sign(store, service.get(meeting_id))
    with pytest.raises(lifecycle.SignoffProblem, match="needs its reason"):
        lifecycle.open_addendum(store, meeting_id, "  ")
    assert lifecycle.open_addendum(store, meeting_id, "Police asked to correct a date") == 2
    lifecycle.ensure_editable(store, meeting_id)  # no longer refused
    assert service.get(meeting_id).status == "addendum"  # a file of it imports as a draft
    service.set_field(meeting_id, "facts", None, "venue", "Room 9")
    assert lifecycle.current_signed(store, service.get(meeting_id)) is None
    second = lifecycle.sign(store, service.get(meeting_id))
    assert second.version == 2 and second.fingerprint == first.fingerprint
    record = canonical.parse_record(second.record)
    assert record["addendum"]["reason"] == "Police asked to correct a date"
    kept = signatures.signed(store.db, meeting_id, version=1)
    assert kept == first and verify_signature(kept.public_key, kept.signature, kept.record)
    assert [v.version for v in signatures.versions(store.db, meeting_id)] == [1, 2]


def test_open_addendum_only_after_signing(service: MeetingService, meeting_id: str) -> None:
    with pytest.raises(lifecycle.SignoffProblem, match="Only a signed meeting"):
        lifecycle.open_addendum(service.store, meeting_id, "why")


def test_unresolved_comment_blocks_signing(service: MeetingService, meeting_id: str) -> None:
    store = service.store
    with store.db.atomic():
        signatures.add_comment(
            store.db,
            {
                "id": "c1",
                "meeting_id": meeting_id,
                "fingerprint": "x",
                "text": "Wrong date",
                "imported_at": "2026-11-24T10:00:00Z",
            },
        )
    with pytest.raises(lifecycle.SignRefused) as refused:
        lifecycle.sign(store, service.get(meeting_id))
    assert "1 review comment(s) are not resolved" in refused.value.reasons[0]
    assert lifecycle.status(store, meeting_id) == "draft"
    assert signatures.signed(store.db, meeting_id) is None


def test_key_is_made_once_and_kept_in_keyring(service: MeetingService, isolated) -> None:
    store = service.store
    first = signing_key(store)
    assert signing_key(store).public_key == first.public_key
    user = f"signing-key:{store.protection.store_id}"
    assert isolated.secrets[("strategy-minutes", user)]
    assert signatures.signing_key(store.db, store.protection.store_id)["private_key"] is None


def test_without_keyring_key_lives_in_encrypted_store(tmp_path, no_keyring) -> None:
    from strategy_minutes.storage.store import open_store

    folder = tmp_path / "pp"
    store = open_store(folder, lambda confirm: "correct horse battery staple")
    try:
        key = signing_key(store)
        row = signatures.signing_key(store.db, store.protection.store_id)
        assert row["private_key"] and row["public_key"] == key.public_key
    finally:
        store.close()
    assert key.private.private_bytes_raw() not in (folder / "meetings.db").read_bytes()
    store = open_store(folder, lambda confirm: "correct horse battery staple")
    try:
        assert signing_key(store).public_key == key.public_key
    finally:
        store.close()


def test_blockers_refuse_signing_until_overridden(service: MeetingService) -> None:
    store = service.store
    meeting_id = service.new_meeting("NF/2026/0002", TODAY)
    with pytest.raises(lifecycle.SignRefused) as refused:
        lifecycle.sign(store, service.get(meeting_id), name="Siân Llywelyn", role="Chair")
    assert refused.value.reasons
    from strategy_minutes.desktop.meeting.rules import check

    for finding in check(service.get(meeting_id)):
        if finding.blocks:
            service.add_item(
                meeting_id,
                "overrides",
                {
                    "rule": finding.rule,
                    "target": finding.item_id,
                    "reason": "Recorded by the chair for this test.",
                },
            )
    row = lifecycle.sign(store, service.get(meeting_id), name="Siân Llywelyn", role="Chair")
    assert row.version == 1


def test_service_refuses_edits_to_signed_minutes(service: MeetingService, meeting_id: str) -> None:
    lifecycle.sign(service.store, service.get(meeting_id))
    item = service.get(meeting_id).items_of("actions")[0]
    before = service.to_json(meeting_id)
    for edit in (
        lambda: service.set_field(meeting_id, "facts", None, "venue", "Elsewhere"),
        lambda: service.add_item(meeting_id, "actions", {"description": "More"}),
        lambda: service.remove_item(meeting_id, item.id),
    ):
        with pytest.raises(lifecycle.ReadOnly, match="signed as version 1"):
            edit()
    assert service.to_json(meeting_id) == before
    lifecycle.open_addendum(service.store, meeting_id, "An action was missed")
    service.add_item(meeting_id, "actions", {"description": "More"})


def test_key_in_the_real_secret_service(tmp_path, secret_service) -> None:
    from strategy_minutes.storage.store import open_store

    folder = tmp_path / "ss"
    store = open_store(folder, lambda confirm: None)
    try:
        assert store.protection.mode == "keyring"
        key = signing_key(store)
        user = f"signing-key:{store.protection.store_id}"
        assert (
            secret_service.get_password("strategy-minutes", user)
            == key.private.private_bytes_raw().hex()
        )
    finally:
        store.close()
    store = open_store(folder, lambda confirm: None)
    try:
        assert signing_key(store).public_key == key.public_key
    finally:
        store.close()
