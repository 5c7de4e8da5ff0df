"""Signed copies for tests: made by the real sign and export path, taken apart entry by entry,
and, for attacks by someone holding a key, signed again."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from strategy_minutes.desktop.signoff import canonical, signed_file
from strategy_minutes.desktop.signoff.keys import SigningKey
from strategy_minutes.exporters import package, signature_part
from strategy_minutes.exporters.package import Entry
from strategy_minutes.exporters.signature_part import OversightPart, SignaturePart


def entries(data: bytes) -> list[Entry]:
    return package.read_entries(data, "copy.docx")


def rezip(parts: list[Entry]) -> bytes:
    """A zip of the entries as given, duplicate names included."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: it is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, blob in parts:
                z.writestr(name, blob)
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "copy.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def signatures_of(parts: list[Entry]) -> tuple[str, SignaturePart, OversightPart | None]:
    name, blob = next((n, b) for n, b in parts if signature_part.is_signatures(b))
    chair, carried = signature_part.read_signatures(blob)
    return name, chair, carried


def with_signatures(
    parts: list[Entry], chair: SignaturePart, carried: OversightPart | None
) -> list[Entry]:
    holder, _chair, _carried = signatures_of(parts)
    blob = signature_part.signatures_xml(chair, carried)
    return [(n, blob if n == holder else b) for n, b in parts]


def resign(parts: list[Entry], key: SigningKey) -> list[Entry]:
    """The entries signed again by `key`, as someone holding a key (ours or their own) would:
    a fresh digest of every part and the text, under the same names and record."""
    holder, chair, carried = signatures_of(parts)
    record = canonical.parse_record(chair.record)
    record["signer"]["fingerprint"] = key.fingerprint
    record["package"] = {
        "signatures_part": holder,
        "entries": signed_file.manifest(parts, holder),
    }
    record["text"] = signed_file.text_lines(parts)
    data = canonical.canonical_bytes(record)
    new = SignaturePart(
        chair.meeting_id,
        chair.audience,
        chair.version,
        data,
        key.sign(data),
        key.public_key,
        key.fingerprint,
        chair.signer_name,
        chair.signer_role,
        chair.signed_at,
    )
    return with_signatures(parts, new, carried)
