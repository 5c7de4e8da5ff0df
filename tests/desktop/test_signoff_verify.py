"""Verification of signed Word minutes: valid copies pass, every tampering is caught.

The attacks on what a reader is shown are in test_verify_attacks.py; these cover the signed
record and the signature themselves.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyring.backends import fail
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import document, lifecycle, verify
from strategy_minutes.exporters.docx_minutes import export_meeting
from strategy_minutes.storage import signatures
from strategy_minutes.storage.store import open_store

from tests.desktop.signed_copies import entries, rezip, signatures_of, with_signatures

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Signed copies of the demo meeting for each audience, and the register that knows them."""
    folder = tmp_path_factory.mktemp("signed")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    store = open_store(folder / "store", lambda confirm: PASSPHRASE)
    try:
        service = MeetingService(store)
        meeting_id = service.add_demo()
        lifecycle.sign(store, service.get(meeting_id))
        files = {}
        for audience in ("full", "parent"):
            path = folder / f"{audience}.docx"
            export_meeting(
                service.get(meeting_id),
                path,
                audience,
                approval=document.approval_for(service, meeting_id, audience),
            )
            assert "Carries version 1" in document.attach_signature(
                service, meeting_id, path, audience
            )
            files[audience] = path.read_bytes()
        trusted = signatures.trusted(store.db)
    finally:
        store.close()
        keyring.set_keyring(previous)
    return {"files": files, "trusted": trusted}


def _write(tmp_path: Path, data: bytes, name: str = "copy.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _rewrite(source: bytes, tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the .docx with each member's bytes passed through change(name, data)."""
    src_path = _write(tmp_path, source, "source.docx")
    out = tmp_path / "changed.docx"
    with zipfile.ZipFile(src_path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info)))
    return out


def test_valid_copies_verify(signed: dict, tmp_path: Path) -> None:
    for audience, data in signed["files"].items():
        verdict = verify.verify_document(_write(tmp_path, data), signed["trusted"])
        assert verdict.code == 0, verdict.lines
        assert verdict.signer_known and verdict.record["audience"] == audience
        assert "exactly what was signed" in verdict.lines[1]


def test_unknown_signer_is_not_valid_unless_allowed(signed: dict, tmp_path: Path) -> None:
    path = _write(tmp_path, signed["files"]["full"])
    verdict = verify.verify_document(path, [])
    assert verdict.code == 1 and "not in the register" in verdict.lines[0]
    assert verify.verify_document(path, [], allow_unknown=True).code == 0


def test_edited_text_is_reported_with_where(signed: dict, tmp_path: Path) -> None:
    def edit(name: str, data: bytes) -> bytes:
        return (
            data.replace(
                b"Northfield Public Protection Unit", b"Northfield Public Protection Team", 1
            )
            if name == "word/document.xml"
            else data
        )

    verdict = verify.verify_document(
        _rewrite(signed["files"]["full"], tmp_path, edit), signed["trusted"]
    )
    assert verdict.code == 1
    assert "section '1. Attendance'" in verdict.lines[1], verdict.lines
    assert "Protection Team" in verdict.lines[1] and "Protection Unit" in verdict.lines[1]


def test_unreadable_files_are_2(signed: dict, tmp_path: Path) -> None:
    assert verify.verify_document(_write(tmp_path, b"not a zip"), None).code == 2
    stripped = _rewrite(
        signed["files"]["full"],
        tmp_path,
        lambda name, data: data.replace(b"urn:strategy-minutes:signature", b"urn:example:other"),
    )
    verdict = verify.verify_document(stripped, None)
    assert verdict.code == 2 and "carries no signed record" in verdict.lines[0]


def _chair(source: bytes):  # type: ignore[no-untyped-def]
    return signatures_of(entries(source))[1]


def _with_part(source: bytes, tmp_path: Path, **changes: object) -> Path:
    parts = entries(source)
    _holder, chair, carried = signatures_of(parts)
    return _write(tmp_path, rezip(with_signatures(parts, replace(chair, **changes), carried)))


def test_parent_copy_record_cannot_pose_as_full(signed: dict, tmp_path: Path) -> None:
    parent = _chair(signed["files"]["parent"])
    path = _with_part(
        signed["files"]["full"], tmp_path, record=parent.record, signature=parent.signature
    )
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == 1 and "does not agree with the record" in verdict.lines[0]


SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LETTERS = st.characters(categories=("L", "N", "P", "S"))


@SETTINGS
@given(data=st.data())
def test_any_single_character_change_to_the_text_is_detected(
    signed: dict, tmp_path: Path, data: st.DataObject
) -> None:
    source = signed["files"]["full"]
    part = data.draw(
        st.sampled_from(["word/document.xml"] * 4 + ["word/header1.xml", "word/footer1.xml"])
    )
    with zipfile.ZipFile(_write(tmp_path, source, "read.docx")) as z:
        xml = z.read(part).decode("utf-8")
    texts = [
        m
        for m in re.finditer(r"<w:t(?: [^>]*)?>([^<]+)</w:t>", xml)
        if m.group(1).strip() and not m.group(1).isdigit()
    ]  # digits: page numbers
    match = data.draw(st.sampled_from(texts))
    at = data.draw(st.integers(match.start(1), match.end(1) - 1))
    old = xml[at]
    new = data.draw(LETTERS.filter(lambda c: c != old and c not in "<>&"))
    changed = xml[:at] + new + xml[at + 1 :]
    path = _rewrite(
        source, tmp_path, lambda name, d: changed.encode("utf-8") if name == part else d
    )
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == 1 and "is not the file that was signed" in verdict.lines[0]


@SETTINGS
@given(data=st.data())
def test_any_change_to_the_signed_record_is_detected(
    signed: dict, tmp_path: Path, data: st.DataObject
) -> None:
    part = _chair(signed["files"]["full"])
    record = bytearray(part.record)
    at = data.draw(st.integers(0, len(record) - 1))
    record[at] = data.draw(st.integers(0, 255).filter(lambda b: b != record[at]))
    path = _with_part(signed["files"]["full"], tmp_path, record=bytes(record))
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == 1 and "signature does not match" in verdict.lines[0]


@SETTINGS
@given(cut=st.integers(0, 63), flip=st.integers(0, 63))
def test_swapped_or_truncated_signature_is_detected(
    signed: dict, tmp_path: Path, cut: int, flip: int
) -> None:
    source = signed["files"]["full"]
    part = _chair(source)
    flipped = bytearray(part.signature)
    flipped[flip] ^= 0x01
    other = _chair(signed["files"]["parent"])
    for signature in (part.signature[:cut], bytes(flipped), other.signature):
        verdict = verify.verify_document(
            _with_part(source, tmp_path, signature=signature), signed["trusted"]
        )
        assert verdict.code == 1 and "signature does not match" in verdict.lines[0]


def test_password_protected_copy_is_opened_in_memory(signed: dict, tmp_path: Path) -> None:
    from strategy_minutes.exporters.protect import encrypt

    path = _write(tmp_path, encrypt(signed["files"]["full"], "a long shared secret"))
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == 2 and "protected by a password" in verdict.lines[0]
    wrong = verify.verify_document(path, signed["trusted"], password="not it at all")
    assert wrong.code == 2 and "does not open" in wrong.lines[0]
    assert (
        verify.verify_document(path, signed["trusted"], password="a long shared secret").code == 0
    )


PART_TEXT_FIELDS = (
    "meeting_id",
    "audience",
    "signer_name",
    "signer_role",
    "signed_at",
    "fingerprint",
)


@SETTINGS
@given(name=st.sampled_from(PART_TEXT_FIELDS), extra=LETTERS)
def test_any_change_to_the_parts_own_fields_is_detected(
    signed: dict, tmp_path: Path, name: str, extra: str
) -> None:
    part = _chair(signed["files"]["full"])
    path = _with_part(signed["files"]["full"], tmp_path, **{name: getattr(part, name) + extra})
    verdict = verify.verify_document(path, signed["trusted"])
    assert verdict.code == 1 and "does not agree with the record" in verdict.lines[0]


def test_changed_version_or_key_is_detected(signed: dict, tmp_path: Path) -> None:
    part = _chair(signed["files"]["full"])
    for change in ({"version": part.version + 1}, {"public_key": bytes(32)}):
        verdict = verify.verify_document(
            _with_part(signed["files"]["full"], tmp_path, **change), signed["trusted"]
        )
        assert verdict.code == 1
