"""Trust only the register: imports that would rename or replace a key are refused unless
confirmed and recorded; oversight by a key the register does not hold fails verification;
a lost signing key is replaced with `signers new-key`, and older signatures still verify.

Each table is what an attacker or a careless admin would try.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import (
    anchors,
    canonical,
    document,
    keys,
    lifecycle,
    oversight,
    register,
    rotation,
    verify,
)
from strategy_minutes.exporters import signature_part
from strategy_minutes.storage import audit, secure_keyring, signatures
from strategy_minutes.storage.keys import KeyProblem
from strategy_minutes.storage.store import open_store

from tests.desktop.signed_copies import entries, rezip, signatures_of, with_signatures

CHAIR = "Siân Llywelyn"  # the demo meeting's chair


def _key() -> tuple[bytes, str]:
    public = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    return public, keys.fingerprint(public)


def _file(tmp_path: Path, signers: list[dict[str, Any]]) -> Path:
    path = tmp_path / "signers.json"
    rows = [
        {**s, "public_key": base64.b64encode(s["public_key"]).decode(), "fingerprint": "x"}
        for s in signers
    ]
    path.write_text(json.dumps({"format": register.FORMAT, "signers": rows}), "utf-8")
    return path


@pytest.fixture
def signed(service: MeetingService) -> str:
    """A signed demo meeting: the laptop's key is in the register under the chair's name."""
    meeting_id = service.add_demo(date.today())
    lifecycle.sign(service.store, service.get(meeting_id))
    return meeting_id


def _own(service: MeetingService) -> dict[str, Any]:
    return next(r for r in signatures.trusted(service.store.db) if r["name"] == CHAIR)


OTHER_PUBLIC, OTHER_FP = _key()


def _cases(own: dict[str, Any]) -> dict[str, tuple[list[dict[str, Any]], str]]:
    """name -> (signers in the file, the refusal's telling words or "" when accepted)."""
    new_public, _ = _key()
    return {
        "same key, same name": ([{**own, "public_key": own["public_key"]}], ""),
        "new key, new name": (
            [{"name": "Tom Okafor", "role": "Chair", "public_key": OTHER_PUBLIC}],
            "",
        ),
        "laptop's own key renamed": (
            [{"name": "Mallory Example", "role": own["role"], "public_key": own["public_key"]}],
            "would rename the trusted key",
        ),
        "own key's role changed": (
            [{"name": CHAIR, "role": "Director", "public_key": own["public_key"]}],
            "would rename the trusted key",
        ),
        "second key under the chair's name": (
            [{"name": CHAIR, "role": own["role"], "public_key": new_public}],
            "would add a second key",
        ),
        "second key, name in other case and spacing": (
            [{"name": "  siân LLYWELYN ", "role": "", "public_key": new_public}],
            "would add a second key",
        ),
        "harmless first, then a rename": (
            [
                {"name": "Tom Okafor", "role": "Chair", "public_key": OTHER_PUBLIC},
                {"name": "Mallory Example", "role": "", "public_key": own["public_key"]},
            ],
            "would rename the trusted key",
        ),
    }


CASE_NAMES = list(_cases({"name": "", "role": "", "public_key": b"\0" * 32}))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_import_never_renames_or_replaces_silently(
    service: MeetingService, signed: str, tmp_path: Path, case: str
) -> None:
    store = service.store
    own = _own(service)
    signers, refusal = _cases(own)[case]
    path = _file(tmp_path, [{k: s[k] for k in ("name", "role", "public_key")} for s in signers])
    before = signatures.trusted(store.db)
    trail_before = len(audit.entries(store.db, audit.REGISTER))
    if refusal:
        with pytest.raises(register.ImportRefused) as refused:
            register.import_file(store, path)
        said = str(refused.value)
        assert refusal in said and "--replace" in said and said.count(". ") == 0
        assert signatures.trusted(store.db) == before  # all or nothing
        assert len(audit.entries(store.db, audit.REGISTER)) == trail_before
        _count, changes = register.import_file(store, path, replace=True)  # confirmed
    else:
        _count, changes = register.import_file(store, path)
    entries = audit.entries(store.db, audit.REGISTER)
    assert len(entries) == trail_before + len(changes)  # every change recorded
    assert all(e.action.startswith("signers ") for e in entries[trail_before:])
    assert anchors.check(store, audit.REGISTER).problems == []
    if "second key" in case:  # confirmed: the name's old key is retired, not removed
        old = next(
            r for r in signatures.trusted(store.db) if r["fingerprint"] == own["fingerprint"]
        )
        assert old["retired_at"]


def test_import_changes_and_refusals_at_the_command_line(cli, tmp_path: Path) -> None:
    demo = cli("demo").stdout.strip()
    assert cli("sign", demo).returncode == 0
    exported = cli("signers", "export", "--out", str(tmp_path / "mine.json"))
    assert exported.returncode == 0
    mine = json.loads((tmp_path / "mine.json").read_text("utf-8"))
    mine["signers"][0]["name"] = "Mallory Example"
    (tmp_path / "renamed.json").write_text(json.dumps(mine), "utf-8")
    refused = cli("signers", "import", str(tmp_path / "renamed.json"))
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0 and "would rename" in refused.stderr
    assert CHAIR in cli("signers", "list").stdout
    done = cli("signers", "import", str(tmp_path / "renamed.json"), "--replace")
    assert done.returncode == 0 and "rename Mallory Example" in done.stdout
    listed = cli("signers", "list").stdout
    assert "Mallory Example" in listed and "[this laptop]" in listed
    trail = cli("audit", "register")
    assert "signers rename" in trail.stdout
    assert cli("audit", "register", "--verify").returncode == 0


def _with_oversight_by(
    service: MeetingService, meeting_id: str, path: Path, private: Ed25519PrivateKey, at: str
) -> Path:
    """The signed copy carrying one oversight entry signed by `private`, recorded at `at`
    (made as the app makes them, but with any key and any time)."""
    full = signatures.signed(service.store.db, meeting_id)
    public = private.public_key().public_bytes_raw()
    entry = canonical.canonical_bytes(
        {
            "format": oversight.FORMAT,
            "meeting_id": meeting_id,
            "version": 1,
            "signed_record_sha256": full.record_sha256,
            "name": "Grace Obi",
            "date": "2026-11-26",
            "note": "No further action; the interviews are cancelled.",
            "recorded_at": at,
            "fingerprint": keys.fingerprint(public),
        }
    )
    carried = [
        {
            "record": base64.b64encode(entry).decode(),
            "signature": base64.b64encode(private.sign(entry)).decode(),
            "public_key": base64.b64encode(public).decode(),
        }
    ]
    data, _said = document.with_signoff(service, meeting_id, b"", "full")
    parts = entries(data)
    _holder, chair, _none = signatures_of(parts)
    part = signature_part.OversightPart(meeting_id, canonical.canonical_bytes(carried))
    path.write_bytes(rezip(with_signatures(parts, chair, part)))
    return path


@pytest.mark.parametrize(
    ("signer", "at", "valid"),
    [
        pytest.param("fresh", "2026-11-26T10:00:00Z", False, id="fresh-key-no-register-knows"),
        pytest.param("laptop", "2026-11-26T10:00:00Z", True, id="laptop-key-in-register"),
        pytest.param("retired", "2000-01-01T00:00:00Z", True, id="retired-key-before-retiring"),
        pytest.param("retired", "2999-01-01T00:00:00Z", False, id="retired-key-after-retiring"),
    ],
)
def test_oversight_is_checked_against_the_register(
    service: MeetingService, signed: str, tmp_path: Path, signer: str, at: str, valid: bool
) -> None:
    store = service.store
    laptop = keys.signing_key(store).private
    if signer == "retired":
        rotation.new_key(store)
    private = Ed25519PrivateKey.generate() if signer == "fresh" else laptop
    copy = _with_oversight_by(service, signed, tmp_path / "full.docx", private, at)
    verdict = verify.verify_document(copy, signatures.trusted(store.db))
    assert (verdict.code == 0) is valid, verdict.lines
    assert verdict.signed_by[-1]["name"] == "Grace Obi"
    assert verdict.signed_by[-1]["known"] is valid
    if not valid:
        assert "not in the register of trusted signers" in " ".join(verdict.lines)


@pytest.mark.secret_service
def test_a_lost_keyring_entry_is_replaced_by_a_new_key(
    data_dir: Path, tmp_path: Path, secret_service
) -> None:
    """With the real Secret Service: the signing key's entry is deleted, signing stops with
    a sentence naming `signers new-key`, which makes a new key; the old copy still verifies,
    and the register says since when the old key is retired."""
    store = open_store(data_dir, lambda confirm: None)
    service = MeetingService(store)
    first = service.add_demo(date.today())
    lifecycle.sign(store, service.get(first))
    old_copy = tmp_path / "old.docx"
    old_copy.write_bytes(document.with_signoff(service, first, b"", "full")[0])
    old_fp = _own(service)["fingerprint"]
    backend = secure_keyring.secure_backend()
    assert backend is not None
    backend.delete_password("strategy-minutes", f"signing-key:{store.protection.store_id}")

    second = service.add_demo(date.today())
    with pytest.raises(KeyProblem, match="signers new-key"):
        lifecycle.sign(store, service.get(second))
    done = rotation.new_key(store)
    assert done.old_fingerprint == old_fp and done.name == CHAIR
    lifecycle.sign(store, service.get(second))  # signs again, with the new key
    trusted = signatures.trusted(store.db)
    old = next(r for r in trusted if r["fingerprint"] == old_fp)
    new = next(r for r in trusted if r["fingerprint"] == done.key.fingerprint)
    assert old["retired_at"] and not new["retired_at"] and new["name"] == CHAIR
    verdict = verify.verify_document(old_copy, trusted)
    assert verdict.code == 0, verdict.lines
    for trail in (first, second, audit.REGISTER):
        assert anchors.check(store, trail).problems == [], trail
    store.close()
    assert secret_service.get_password(
        "strategy-minutes", f"signing-key:{store.protection.store_id}"
    )
