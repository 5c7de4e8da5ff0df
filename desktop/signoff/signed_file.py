"""Sign the file, not a re-rendering.

At signing, each audience's copy is rendered once; the chair's key signs a record that holds
the SHA-256 of every entry of that .docx package (name and bytes, in the zip's own order),
and the store keeps that very file. Later exports of the version hand out those bytes, so
a copy checks out against what was signed whatever later builds of the exporter do.

One entry is left out of the digest: the signatures part (custom XML in the namespace
`signature_part.SIGNATURES_NS`), which cannot hold its own signature. It carries the chair's
signed record and, added after signing, management oversight entries, each signed on its own
by whoever recorded it. Its relationship, content type and itemProps are in the file before
the digest is taken, so adding signed entries later changes no digested byte. Word shows
nothing of a custom XML part unless a content control binds to it, and `verify` refuses a
file where anything refers to that part in any other way (see docs/signing.md).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.signoff import canonical, text
from strategy_minutes.desktop.signoff.keys import SigningKey
from strategy_minutes.exporters import package, signature_part
from strategy_minutes.exporters.package import Entry
from strategy_minutes.exporters.signature_part import OversightPart, SignaturePart


@dataclass(frozen=True)
class SignedCopy:
    record: bytes  # the canonical record the chair signed
    signature: bytes
    docx: bytes  # the signed file, its signatures part holding the chair's signature


def manifest(entries: list[Entry], signatures_part: str) -> list[list[str]]:
    """[name, sha256] of every entry but the signatures part, in the zip's order."""
    return [[name, canonical.sha256(blob)] for name, blob in entries if name != signatures_part]


def text_lines(entries: list[Entry]) -> list[list[Any]]:
    """The file's text as the record keeps it: [part, section, number, text] per paragraph."""
    return [[ln.part, ln.section, ln.number, ln.text] for ln in text.package_lines(entries)]


def sign_copy(
    meeting: Meeting, fields: dict[str, Any], approval: dict[str, Any], key: SigningKey
) -> SignedCopy:
    """Render one audience's copy with its approval block and sign the file it makes.

    `fields` is the record less the file (`canonical.record_fields`); the record signed adds
    the digest of every part but the signatures part, and the file's text.
    """
    from strategy_minutes.exporters.docx_minutes import minutes_document  # loads python-docx

    document = minutes_document(meeting, fields["audience"], approval)
    slot = signature_part.add_signatures_slot(document)
    buffer = io.BytesIO()
    document.save(buffer)
    entries = package.read_entries(buffer.getvalue(), "the copy being signed")
    record = canonical.canonical_bytes(
        {
            **fields,
            "package": {"signatures_part": slot, "entries": manifest(entries, slot)},
            "text": text_lines(entries),
        }
    )
    signature = key.sign(record)
    signer = fields["signer"]
    chair = SignaturePart(
        fields["meeting_id"],
        fields["audience"],
        fields["version"],
        record,
        signature,
        key.public_key,
        key.fingerprint,
        signer["name"],
        signer["role"],
        fields["signed_at"],
    )
    return SignedCopy(record, signature, _with_signatures(entries, slot, chair, None))


def _with_signatures(
    entries: list[Entry], slot: str, chair: SignaturePart, oversight: OversightPart | None
) -> bytes:
    blob = signature_part.signatures_xml(chair, oversight)
    return package.write_entries([(name, blob if name == slot else b) for name, b in entries])


def handed_out(signed_docx: bytes, oversight: OversightPart | None) -> bytes:
    """The signed file as an export hands it out: exactly the stored bytes, or, when oversight
    was recorded since, the same entries with the signatures part holding it as well."""
    if oversight is None:
        return signed_docx
    entries = package.read_entries(signed_docx, "the signed copy")
    slot, blob = next((n, b) for n, b in entries if signature_part.is_signatures(b))
    chair, _none = signature_part.read_signatures(blob)
    return _with_signatures(entries, slot, chair, oversight)
