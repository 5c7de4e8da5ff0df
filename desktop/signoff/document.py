"""Signed and review copies of the minutes as Word files: marking them, and checking them.

The export command writes the .docx with `exporters.docx_minutes.export_meeting`, passing
`approval_for(...)`, then calls `attach_signature(...)` once; that is the whole wiring.
`verify_document` needs no store: only the register of trusted signers, when there is one.
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from msoffcrypto.exceptions import DecryptionError, InvalidKeyError
from strategy_minutes.desktop import __version__
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.signoff import canonical, lifecycle, oversight, text
from strategy_minutes.desktop.signoff.keys import fingerprint, same_fingerprint, verify_signature
from strategy_minutes.exporters import protect, signature_part
from strategy_minutes.exporters.docx_minutes import minutes_document
from strategy_minutes.exporters.signature_part import (
    OversightPart,
    ReviewMark,
    SignaturePart,
    Unreadable,
)
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.store import Store

VALID, INVALID, UNREADABLE = 0, 1, 2


def _open(store_or_service: Any, meeting_id: str) -> tuple[Store, Meeting]:
    store = getattr(store_or_service, "store", store_or_service)
    return store, Meeting.from_record(store.repo.load(meeting_id))


def approval_for(store_or_service: Any, meeting_id: str, audience: str) -> dict[str, Any] | None:
    """The approval block for an export, or None when the meeting is not (or no longer) as
    signed: a copy exported then is a draft."""
    store, meeting = _open(store_or_service, meeting_id)
    row = lifecycle.current_signed(store, meeting, audience)
    if row is None:
        return None
    return _with_oversight(
        lifecycle.approval(canonical.parse_record(row.record)),
        _oversight_checked(store, meeting.id, row.version, audience),
    )


def _carried_oversight(
    store: Store, meeting_id: str, version: int, audience: str
) -> list[dict[str, Any]]:
    return oversight.stored(store, meeting_id, version) if audience in oversight.SHOWN_TO else []


def _oversight_checked(
    store: Store, meeting_id: str, version: int, audience: str
) -> list[dict[str, Any]]:
    full = signatures.signed(store.db, meeting_id, version)
    carried = _carried_oversight(store, meeting_id, version, audience)
    return oversight.check(carried, meeting_id, full.record_sha256) if full else []


def _with_oversight(approval: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The approval block, with the oversight recorded since signing when there is any."""
    return {**approval, "oversight": oversight.shown(entries)} if entries else approval


def attach_signature(
    store_or_service: Any, meeting_id: str, docx_path: Path | str, audience: str
) -> str:
    """Carry the sign-off inside an already written copy of the minutes, atomically.

    A signed copy gets the signed record and signature for its audience; a review copy gets
    the mark that lets returned comments be matched to it (and the meeting counts as
    circulated). Returns a sentence saying which; a draft copy is left as it is.
    """
    store, meeting = _open(store_or_service, meeting_id)
    path = Path(docx_path)
    if audience == audiences.REVIEW:
        document = docx.Document(str(path))
        mark = ReviewMark(
            meeting.id, str(uuid.uuid4()), review_sha256(meeting), text.text_sha256(document)
        )
        signature_part.embed(path, mark)
        with store.db.atomic():
            signatures.add_review_copy(
                store.db, mark.token, meeting.id, mark.record_sha256, mark.text_sha256, audit.now()
            )
        lifecycle.circulate(store, meeting.id)
        return "Marked as a review copy: comments made on it can be imported."
    row = lifecycle.current_signed(store, meeting, audience)
    if row is None:
        return "Not signed: this copy is a draft."
    signature_part.embed(
        path,
        SignaturePart(
            meeting.id,
            audience,
            row.version,
            row.record,
            row.signature,
            row.public_key,
            row.fingerprint,
            row.signer_name,
            row.signer_role,
            row.signed_at,
        ),
    )
    carried = _carried_oversight(store, meeting.id, row.version, audience)
    if carried:
        signature_part.embed(path, OversightPart(meeting.id, canonical.canonical_bytes(carried)))
    return f"Carries version {row.version} as signed by {row.signer_name}."


def review_sha256(meeting: Meeting) -> str:
    return canonical.sha256(canonical.canonical_bytes(canonical.meeting_content(meeting)))


@dataclass
class Verdict:
    code: int  # VALID, INVALID or UNREADABLE
    lines: list[str] = field(default_factory=list)  # sentences for the person checking
    record: dict[str, Any] | None = None
    signer_known: bool = False


def verify_document(
    path: Path,
    trusted: list[dict[str, Any]] | None,
    allow_unknown: bool = False,
    password: str | None = None,
) -> Verdict:
    """Check a signed copy: the signature, the signer, and that its words are what was signed.

    `trusted` is the register of trusted signers (None when no store is at hand). A valid
    signature by a key not in the register is not enough to call the copy valid, since anyone
    can make a key, unless `allow_unknown` says the caller will judge the signer itself. A
    copy protected by a password is opened in memory with `password`.
    """
    try:
        data = _plain_bytes(path, password)
        part = signature_part.extract(path, data)
        document = docx.Document(io.BytesIO(data))
    except Unreadable as exc:
        return Verdict(UNREADABLE, [str(exc)])
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        return Verdict(UNREADABLE, [f"{path.name} is not a Word document, or it is damaged."])
    if not verify_signature(part.public_key, part.signature, part.record):
        return Verdict(
            INVALID,
            [
                "The signature does not match the signed record inside the "
                "document: the record or the signature was changed."
            ],
        )
    try:
        record = canonical.parse_record(part.record)
        signer = record["signer"]
        content_ok = (
            part.meeting_id,
            part.audience,
            part.version,
            part.signer_name,
            part.signer_role,
            part.signed_at,
            part.fingerprint,
        ) == (
            record["meeting_id"],
            record["audience"],
            record["version"],
            signer["name"],
            signer["role"],
            record["signed_at"],
            signer["fingerprint"],
        ) and same_fingerprint(signer["fingerprint"], fingerprint(part.public_key))
    except (ValueError, KeyError, TypeError):
        content_ok = False
    if not content_ok:
        return Verdict(
            INVALID,
            [
                "The signed part of the document does not agree with the "
                "record it carries: it was changed, or the record belongs to "
                "another copy or key."
            ],
        )
    try:
        entries = _carried_checked(path, data, record, part)
    except (Unreadable, ValueError, KeyError, TypeError):
        return Verdict(
            INVALID,
            [
                "The management oversight inside the document was changed, "
                "or belongs to other minutes."
            ],
        )
    lines = [
        f"The signature by {signer['name']} ({signer['role'] or 'no role given'}) over "
        f"version {record['version']} of the minutes, signed at {record['signed_at']}, "
        f"is valid; key fingerprint {signer['fingerprint']}."
    ]
    known = next(
        (t for t in trusted or [] if same_fingerprint(t["fingerprint"], signer["fingerprint"])),
        None,
    )
    verdict = Verdict(VALID, lines, record, known is not None)
    if known is not None:
        lines.append(
            f"The key is in the register of trusted signers as {known['name']}"
            f"{', ' + known['role'] if known['role'] else ''}."
        )
    else:
        lines.append(
            "The key is not in the register of trusted signers: this laptop cannot "
            "tell who holds it (import the signer's key with 'signers import')."
            if trusted is not None
            else "No register of trusted signers could be read "
            "here, so who holds the key is not known."
        )
        if not allow_unknown:
            verdict.code = INVALID
    if entries:
        lines.append(
            f"It carries {len(entries)} signed management oversight entr"
            f"{'y' if len(entries) == 1 else 'ies'}, each valid."
        )
    approval = _with_oversight(lifecycle.approval(record), entries)
    difference = text.first_difference(
        text.visible_lines(document), rendered_lines(record, approval)
    )
    if difference:
        verdict.code = INVALID
        lines.append("The document's text is not what was signed. " + difference)
        if record.get("app_version") != __version__:
            lines.append(
                f"It was signed with Strategy Minutes {record.get('app_version')} and "
                f"this is {__version__}: if the layout of the minutes changed between "
                "them, check the copy with that version."
            )
    else:
        lines.append("The document's text is exactly what was signed.")
    return verdict


def _plain_bytes(path: Path, password: str | None) -> bytes:
    data = path.read_bytes()
    if not protect.is_encrypted(data):
        return data
    if not password:
        raise Unreadable(f"{path.name} is protected by a password; give it to verify the copy.")
    try:
        return protect.decrypt(data, password)
    except (InvalidKeyError, DecryptionError):
        raise Unreadable(f"That password does not open {path.name}.") from None


def _carried_checked(
    path: Path, data: bytes, record: dict[str, Any], part: SignaturePart
) -> list[dict[str, Any]]:
    found = signature_part.extract_oversight(path, data)
    if found is None:
        return []
    carried = json.loads(found.entries.decode("utf-8"))
    if found.meeting_id != record["meeting_id"] or not isinstance(carried, list):
        raise ValueError("oversight of other minutes")
    full_sha = record["full_record_sha256"] or canonical.sha256(part.record)
    return oversight.check(carried, record["meeting_id"], full_sha)


def rendered_lines(record: dict[str, Any], approval: dict[str, Any]) -> list[text.Line]:
    """The visible text the signed record renders to, by the same exporter."""
    meeting = canonical.meeting_from_record(record)
    return text.visible_lines(minutes_document(meeting, record["audience"], approval))
