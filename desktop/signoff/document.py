"""Signed and review copies of the minutes as Word files.

A meeting that stands signed is handed out as the very file signed for that audience
(`desktop.signoff.signed_file`), with the management oversight and action progress
recorded since carried in its signatures part; nothing is rendered again. A review copy is
rendered now and marked so that the comments returned on it can be matched to it. Checking
a copy is `desktop.signoff.verify`.
"""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

import docx
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.signoff import (
    canonical,
    lifecycle,
    oversight,
    progress,
    signed_file,
    text,
)
from strategy_minutes.exporters import signature_part
from strategy_minutes.exporters.signature_part import OversightPart, ReviewMark
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.atomic_file import write_atomic
from strategy_minutes.storage.store import Store


def _open(store_or_service: Any, meeting_id: str) -> tuple[Store, Meeting]:
    store = getattr(store_or_service, "store", store_or_service)
    return store, Meeting.from_record(store.repo.load(meeting_id))


def approval_for(store_or_service: Any, meeting_id: str, audience: str) -> dict[str, Any] | None:
    """The approval of the signed version a copy would carry, or None when the meeting is not
    (or no longer) as signed: a copy exported then is a draft."""
    store, meeting = _open(store_or_service, meeting_id)
    row = lifecycle.current_signed(store, meeting, audience)
    return lifecycle.approval(canonical.parse_record(row.record)) if row else None


def signed_copy(store_or_service: Any, meeting_id: str, audience: str) -> tuple[bytes, str] | None:
    """The file to hand out while the meeting stands signed for `audience`, with a sentence
    saying what it carries; None when it does not stand signed (the copy is then rendered).

    Raises SignoffProblem for a version signed before signed files were kept.
    """
    store, meeting = _open(store_or_service, meeting_id)
    row = lifecycle.current_signed(store, meeting, audience)
    if row is None:
        return None
    kept = signatures.signed_file(store.db, meeting.id, row.version, audience)
    if kept is None:
        raise lifecycle.SignoffProblem(
            f"Version {row.version} was signed before signed files were kept, so no copy of "
            "it could be verified; open an addendum with its reason and sign again."
        )
    shown = audience in oversight.SHOWN_TO
    managers = oversight.stored(store, meeting.id, row.version) if shown else []
    progress_made = progress.stored(store, meeting.id, row.version) if shown else []
    entries = managers + progress_made
    carried = OversightPart(meeting.id, canonical.canonical_bytes(entries)) if entries else None
    said = f"Carries version {row.version} as signed by {row.signer_name}"
    later = [
        f"{n} {one if n == 1 else many}"
        for n, one, many in (
            (len(managers), "management oversight entry", "management oversight entries"),
            (len(progress_made), "action progress entry", "action progress entries"),
        )
        if n
    ]
    if later:
        said += f", and {' and '.join(later)} signed since (verify lists them)"
    return signed_file.handed_out(kept, carried), said + "."


def attach_signature(
    store_or_service: Any, meeting_id: str, docx_path: Path | str, audience: str
) -> str:
    """`with_signoff` for a copy already written at `docx_path`, replaced atomically."""
    path = Path(docx_path)
    data, said = with_signoff(store_or_service, meeting_id, path.read_bytes(), audience)
    write_atomic(path, data)
    return said


def with_signoff(
    store_or_service: Any, meeting_id: str, data: bytes, audience: str
) -> tuple[bytes, str]:
    """Make a rendered copy (the .docx `data`) what the export hands out, in memory.

    A meeting that stands signed replaces the copy with the signed file itself; a review copy
    gets the mark that lets returned comments be matched to it (and the meeting counts as
    circulated). Returns the copy and a sentence saying which; a draft copy is left as it is.
    """
    store, meeting = _open(store_or_service, meeting_id)
    if audience == audiences.REVIEW:
        mark = ReviewMark(
            meeting.id,
            str(uuid.uuid4()),
            review_sha256(meeting),
            text.text_sha256(docx.Document(io.BytesIO(data))),
        )
        data = signature_part.embedded(data, mark)
        with store.db.atomic():
            signatures.add_review_copy(
                store.db, mark.token, meeting.id, mark.record_sha256, mark.text_sha256, audit.now()
            )
        lifecycle.circulate(store, meeting.id)
        return data, "Marked as a review copy: comments made on it can be imported."
    signed = signed_copy(store, meeting.id, audience)
    if signed is None:
        return data, "Not signed: this copy is a draft."
    return signed


def review_sha256(meeting: Meeting) -> str:
    return canonical.sha256(canonical.canonical_bytes(canonical.meeting_content(meeting)))
