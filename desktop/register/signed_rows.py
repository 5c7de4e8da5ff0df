"""What goes to the register and what comes back: signed rows, made and checked.

Every row of the register is signed by a person's key: a signer's own statement of name,
role and login; each audience's signed record with its .docx, exactly as verified on the
laptop that signed it; and entries made after signing (management oversight). A laptop
checks every row it pulls before it keeps or shows it, and names what is wrong with a row
that does not check out; nothing here trusts a column the database filled in by itself.

Adding a kind of signed entry (as action progress was) is: its record's format in
`ENTRY_FORMATS`, a queue trigger in a store migration, `entry_row` reading its local table,
and a register migration widening `signed_entries.kind`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from strategy_minutes.desktop.signoff import canonical, oversight, verify
from strategy_minutes.desktop.signoff.keys import (
    SigningKey,
    fingerprint,
    same_fingerprint,
    verify_signature,
)
from strategy_minutes.storage import signatures
from strategy_minutes.storage.store import Store

SIGNER_FORMAT = "strategy-minutes-signer/1"
ENTRY_FORMATS = {"oversight": oversight.FORMAT, "progress": oversight.PROGRESS_FORMAT}


class NotVerified(Exception):
    """A pulled row that is not what its signer signed; the message says what, in a phrase."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- made on this laptop, to publish -----------------------------------------------------------
@dataclass(frozen=True)
class SignerRow:
    fingerprint: str
    public_key: bytes
    statement: bytes
    signature: bytes


@dataclass(frozen=True)
class VersionRow:
    record_sha256: str
    record: bytes
    signature: bytes
    docx: bytes
    fingerprint: str


@dataclass(frozen=True)
class EntryRow:
    entry_sha256: str
    kind: str
    record: bytes
    signature: bytes
    fingerprint: str


def signer_row(key: SigningKey, name: str, role: str, login: str) -> SignerRow:
    """The key's own statement of who holds it, under which login it is published."""
    statement = canonical.canonical_bytes(
        {
            "format": SIGNER_FORMAT,
            "fingerprint": key.fingerprint,
            "name": name,
            "role": role,
            "login": login,
        }
    )
    return SignerRow(key.fingerprint, key.public_key, statement, key.sign(statement))


def version_rows(store: Store, meeting_id: str, version: int) -> list[VersionRow]:
    """Every audience's signed record and file of one version, as kept when it was signed."""
    out = []
    for audience in canonical.SIGNED_AUDIENCES:
        row = signatures.signed(store.db, meeting_id, version, audience)
        docx = signatures.signed_file(store.db, meeting_id, version, audience)
        if row is None or docx is None:
            raise NotVerified(
                f"version {version} of meeting {meeting_id} has no signed file for {audience} "
                "(signed before files were kept)"
            )
        out.append(VersionRow(row.record_sha256, row.record, row.signature, docx, row.fingerprint))
    return out


def entry_row(store: Store, kind: str, meeting_id: str, number: int) -> EntryRow:
    """One signed entry kept on this laptop (oversight or action progress) as published."""
    if kind not in ENTRY_FORMATS:
        raise NotVerified(f"this build cannot publish entries of kind {kind!r}")
    kept = (signatures.oversight if kind == "oversight" else signatures.progress)(
        store.db, meeting_id
    )
    for row in kept:
        if row["seq"] == number:
            record = bytes(row["record"])
            return EntryRow(
                sha256(record), kind, record, bytes(row["signature"]), row["fingerprint"]
            )
    raise NotVerified(f"{kind} entry {number} of meeting {meeting_id} is not in this store")


# -- pulled from the register, to check --------------------------------------------------------
def check_signer(row: dict[str, Any]) -> dict[str, Any]:
    """A signers row as a trusted signer (fingerprint, public_key, name, role, login)."""
    key = bytes(row["public_key"])
    try:
        statement = canonical.parse_any(bytes(row["statement"]))
    except ValueError:
        raise NotVerified("its statement is not a signed statement") from None
    if not same_fingerprint(row["fingerprint"], fingerprint(key)):
        raise NotVerified("its fingerprint is not that of its key")
    if not verify_signature(key, bytes(row["signature"]), bytes(row["statement"])):
        raise NotVerified("its statement does not match the key's signature")
    if (
        statement.get("format") != SIGNER_FORMAT
        or not same_fingerprint(str(statement.get("fingerprint")), row["fingerprint"])
        or statement.get("login") != row["login"]
    ):
        raise NotVerified("its signed statement names another key or login")
    return {
        "fingerprint": row["fingerprint"],
        "public_key": key,
        "name": str(statement.get("name") or ""),
        "role": str(statement.get("role") or ""),
        "login": row["login"],
    }


def _signer_of(row: dict[str, Any], signers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    signer = signers.get(row["fingerprint"])
    if signer is None:
        raise NotVerified("it is signed by a key the register lists no verified signer for")
    if signer["login"] != row["published_by"]:
        raise NotVerified(
            f"it was published by {row['published_by']} but signed with the key of "
            f"{signer['login']}"
        )
    return signer


def check_version(row: dict[str, Any], signers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Check a signed_versions row, its file too; returns the record, or raises NotVerified."""
    signer = _signer_of(row, signers)
    record = check_record(row, signers)
    record_bytes = bytes(row["record"])
    trusted = [{**signer, "added_at": ""}]
    verdict = verify.verify_data(bytes(row["docx"]), "the signed file", trusted)
    if verdict.code != verify.VALID:
        raise NotVerified(f"its file is not the file that was signed ({verdict.lines[0]})")
    if verdict.record is None or canonical.canonical_bytes(verdict.record) != record_bytes:
        raise NotVerified("its file carries another signed record than the row")
    return record


def check_record(row: dict[str, Any], signers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Check a signed_versions row's record and signature, not its file (for reading what a
    record says; anything handed out also checks the file, `check_version`)."""
    signer = _signer_of(row, signers)
    record_bytes = bytes(row["record"])
    if sha256(record_bytes) != row["record_sha256"]:
        raise NotVerified("its record is not the one its address names")
    if not verify_signature(signer["public_key"], bytes(row["signature"]), record_bytes):
        raise NotVerified("its record does not match its signature")
    try:
        record = canonical.parse_record(record_bytes)
        facts = record["meeting"]["facts"]
        agrees = (
            record["meeting_id"] == row["meeting_id"]
            and record["version"] == row["version"]
            and record["audience"] == row["audience"]
            and same_fingerprint(record["signer"]["fingerprint"], row["fingerprint"])
            and (facts.get("case_reference") or "") == row["case_reference"]
            and (facts.get("date") or None) == iso(row["meeting_date"])
        )
    except (ValueError, KeyError, TypeError):
        agrees = False
    if not agrees:
        raise NotVerified("its columns do not agree with its signed record")
    return record


def check_entry(row: dict[str, Any], signers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Check a signed_entries row; returns the entry, or raises NotVerified."""
    signer = _signer_of(row, signers)
    record_bytes = bytes(row["record"])
    if sha256(record_bytes) != row["entry_sha256"]:
        raise NotVerified("its record is not the one its address names")
    if not verify_signature(signer["public_key"], bytes(row["signature"]), record_bytes):
        raise NotVerified("its record does not match its signature")
    try:
        entry = canonical.parse_any(record_bytes)
        agrees = (
            entry.get("format") == ENTRY_FORMATS.get(row["kind"])
            and entry.get("meeting_id") == row["meeting_id"]
            and entry.get("signed_record_sha256") == row["on_record_sha256"]
            and same_fingerprint(str(entry.get("fingerprint")), row["fingerprint"])
        )
    except ValueError:
        agrees = False
    if not agrees:
        raise NotVerified("its columns do not agree with its signed record")
    return entry


def iso(value: Any) -> str | None:
    """A date column as the record writes it (yyyy-mm-dd), None as None."""
    if value is None:
        return None
    return str(value.isoformat() if hasattr(value, "isoformat") else value)
