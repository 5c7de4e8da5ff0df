"""Draft, circulated for review, signed, then addenda: what may change when, and signing.

A signed version is read-only. A later change needs an addendum opened with its reason; the
addendum is signed in turn as the next version. Every signed version keeps its own record
bytes and signature, so each stays verifiable after later ones exist.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from strategy_minutes.desktop.meeting import rules
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.meeting.wording import when_signed
from strategy_minutes.desktop.signoff import anchors, canonical, register
from strategy_minutes.desktop.signoff.keys import SigningKey, signing_key
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.repository import NotFound
from strategy_minutes.storage.signatures import SignedRecord
from strategy_minutes.storage.store import Store

DRAFT, REVIEW, SIGNED, ADDENDUM = "draft", "review", "signed", "addendum"


class SignoffProblem(Exception):
    """Something the sign-off cannot do now; the message is one sentence for the chair."""


class ReadOnly(SignoffProblem):
    """The meeting is signed and no addendum is open."""


class SignRefused(SignoffProblem):
    """Signing is refused while blockers stand; `reasons` lists them, one sentence each."""

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(message)
        self.reasons = reasons


def status(store: Store, meeting_id: str) -> str:
    row = store.db.execute("SELECT status FROM meetings WHERE id = ?", [meeting_id]).fetchone()
    if row is None:
        raise NotFound(meeting_id)
    found: str = row[0]
    return found


def ensure_editable(store: Store, meeting_id: str) -> None:
    """Raise ReadOnly unless the meeting may be changed; services call it before each edit."""
    if status(store, meeting_id) == SIGNED:
        latest = signatures.signed(store.db, meeting_id)
        version = f" as version {latest.version}" if latest else ""
        raise ReadOnly(
            f"This meeting was signed{version} and is read-only; open an addendum "
            "with its reason to change it."
        )


def circulate(store: Store, meeting_id: str) -> None:
    """A draft sent out for comment becomes 'circulated for review'; later stages stay."""
    if status(store, meeting_id) == DRAFT:
        store.repo.set_status(meeting_id, REVIEW)


def open_addendum(store: Store, meeting_id: str, reason: str) -> int:
    """Allow changes to a signed meeting, for a stated reason; returns the version to come."""
    reason = " ".join(reason.split())
    if not reason:
        raise SignoffProblem("An addendum needs its reason; nothing was opened.")
    if status(store, meeting_id) != SIGNED:
        raise SignoffProblem(
            "Only a signed meeting takes an addendum; this one can still be edited directly."
        )
    latest = signatures.signed(store.db, meeting_id)
    version = (latest.version if latest else 0) + 1
    repo = store.repo
    with store.db.atomic():
        signatures.add_addendum(store.db, meeting_id, version, reason, audit.now(), repo.actor)
        repo.set_status(meeting_id, ADDENDUM)
        audit.append(
            store.db, meeting_id, repo.actor, "addendum", new={"version": version, "reason": reason}
        )
    return version


def blockers(store: Store, meeting: Meeting) -> list[str]:
    """Why the meeting cannot be signed now, one sentence each; empty when it can."""
    reasons = [f.message for f in rules.check(meeting) if f.blocks]
    open_comments = [c for c in signatures.comments(store.db, meeting.id) if not c["resolution"]]
    if open_comments:
        reasons.append(
            f"{len(open_comments)} review comment(s) are not resolved yet: accept or "
            "decline each one first."
        )
    return reasons


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def sign(
    store: Store, meeting: Meeting, name: str = "", role: str = "", key: SigningKey | None = None
) -> SignedRecord:
    """Sign the meeting as it stands: one signed file per audience's copy, one version.

    Each copy is rendered now, with its approval block, and the file itself is signed and
    kept (`desktop.signoff.signed_file`); exports of this version hand out those files.
    """
    state = status(store, meeting.id)
    latest = signatures.signed(store.db, meeting.id)
    if state == SIGNED:
        raise SignoffProblem(
            f"This meeting is already signed as version "
            f"{latest.version if latest else 1}; open an addendum to change "
            "it."
        )
    name = (name or meeting.facts.get("chair") or "").strip()
    role = (role or meeting.facts.get("chair_role") or "").strip()
    if not name:
        raise SignoffProblem("The meeting has no chair recorded; give the signer's name.")
    reasons = blockers(store, meeting)
    if reasons:
        raise SignRefused("Signing was refused while these stand:", reasons)
    key = key or signing_key(store)
    version = (latest.version if latest else 0) + 1
    opened = signatures.addendum(store.db, meeting.id, version)
    addendum = {"reason": opened["reason"], "opened_at": opened["opened_at"]} if opened else None
    signed_at = _now().isoformat().replace("+00:00", "Z")
    from strategy_minutes.desktop.signoff import signed_file  # renders: loads the exporter

    signed_as = replace(meeting, status=SIGNED)  # as its copies will read once signed
    rows: list[SignedRecord] = []
    files: list[bytes] = []
    full_sha: str | None = None
    for audience in canonical.SIGNED_AUDIENCES:
        fields = canonical.record_fields(
            meeting,
            version=version,
            audience=audience,
            signer_name=name,
            signer_role=role,
            fingerprint=key.fingerprint,
            signed_at=signed_at,
            addendum=addendum,
            full_sha256=full_sha,
        )
        copy = signed_file.sign_copy(signed_as, fields, approval(fields), key)
        digest = canonical.sha256(copy.record)
        full_sha = full_sha or digest
        files.append(copy.docx)
        rows.append(
            SignedRecord(
                meeting.id,
                version,
                audience,
                copy.record,
                digest,
                copy.signature,
                name,
                role,
                signed_at,
                key.public_key,
                key.fingerprint,
            )
        )
    repo = store.repo
    with store.db.atomic():
        for row, docx in zip(rows, files, strict=True):
            signatures.add_signed(store.db, row)
            signatures.add_signed_file(store.db, meeting.id, version, row.audience, docx)
        register.trust_own_key(store, key.fingerprint, key.public_key, name, role)
        repo.set_status(meeting.id, SIGNED)
        audit.append(
            store.db,
            meeting.id,
            repo.actor,
            "sign",
            new={
                "version": version,
                "signer": name,
                "fingerprint": key.fingerprint,
                "record_sha256": rows[0].record_sha256,
            },
        )
        anchors.anchor(store, meeting.id, "sign", key)
    return rows[0]


def signed_sentence(row: SignedRecord, what: str) -> str:
    """What signing did, in the words the `sign` command and the GUI's sign dialog both say."""
    role = f" ({row.signer_role})" if row.signer_role else ""
    return (
        f"Signed version {row.version} of {what} as {row.signer_name}{role} on "
        f"{when_signed(row.signed_at)}; key fingerprint {row.fingerprint}."
    )


def current_signed(store: Store, meeting: Meeting, audience: str = "full") -> SignedRecord | None:
    """The signed record for an audience if the meeting still stands as signed, else None."""
    if status(store, meeting.id) != SIGNED:
        return None
    row = signatures.signed(store.db, meeting.id, audience=audience)
    if row is None:
        return None
    record = canonical.parse_record(row.record)
    if not canonical.same_meeting(record["meeting"], canonical.meeting_content(meeting, audience)):
        return None
    return row


def approval(record: dict[str, Any]) -> dict[str, Any]:
    """The approval block a signed record renders with, in the exporter's `approval` shape."""
    addendum = record.get("addendum") or {}
    return {
        "name": record["signer"]["name"],
        "role": record["signer"]["role"],
        "signed_at": record["signed_at"],
        "fingerprint": record["signer"]["fingerprint"],
        "version": record["version"],
        "addendum_reason": addendum.get("reason", ""),
        "addendum_opened_at": addendum.get("opened_at", ""),
    }
