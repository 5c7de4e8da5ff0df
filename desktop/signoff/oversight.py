"""Management oversight after signing: a manager's review of the plan, as its own signed entry.

Action progress after signing (`desktop.signoff.progress`) is signed and carried the same way,
through `sign_later`, `carried` and `check` here.

The signed minutes cannot change, so oversight is not an edit: it is an entry that names the
signed version it reviews (by the digest of that version's record), signed by this laptop's
key, kept for ever beside it, and carried in the signatures part of later copies of that
version, where `verify` checks it against the register and lists it; the signed file's
visible content stays exactly as the chair signed it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date
from typing import Any

from strategy_minutes.desktop.meeting.fieldtypes import parse_date, tidy_date
from strategy_minutes.desktop.signoff import canonical
from strategy_minutes.desktop.signoff.keys import (
    fingerprint,
    same_fingerprint,
    signing_key,
    verify_signature,
)
from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.store import Store

FORMAT = "strategy-minutes-oversight/1"
SHOWN_TO = ("full", "attendee")  # a manager's note on the plan is for professionals


@dataclass(frozen=True)
class Later:
    """An entry signed after the minutes, ready to keep: its canonical bytes and signature."""

    entry: dict[str, Any]
    data: bytes
    signature: bytes
    public_key: bytes
    fingerprint: str


def sign_later(store: Store, meeting_id: str, fmt: str, fields: dict[str, Any]) -> Later:
    """Sign an entry about the newest signed version of a meeting (oversight, or action
    progress): it names that version by the digest of its record and is signed by this
    laptop's key. SignoffProblem when the meeting was never signed."""
    signed = signatures.signed(store.db, meeting_id)
    if signed is None:
        raise SignoffProblem("This meeting is not signed yet.")
    key = signing_key(store)
    entry = {
        "format": fmt,
        "meeting_id": meeting_id,
        "version": signed.version,
        "signed_record_sha256": signed.record_sha256,
        **fields,
        "recorded_at": audit.now()[:19] + "Z",
        "fingerprint": key.fingerprint,
    }
    data = canonical.canonical_bytes(entry)
    return Later(entry, data, key.sign(data), key.public_key, key.fingerprint)


def record(
    store: Store, meeting_id: str, name: str, note: str, on: str | None = None
) -> dict[str, Any]:
    """Sign and keep one oversight entry on the newest signed version; returns the entry."""
    name, note = " ".join(name.split()), note.strip()
    if not name or not note:
        raise SignoffProblem("Oversight needs the manager's name and a note; nothing was recorded.")
    on = tidy_date(on) if on else date.today().isoformat()
    try:
        parse_date(on)
    except ValueError:
        raise SignoffProblem(
            f"{on!r} is not a date such as 24/11/2026; nothing was recorded."
        ) from None
    if signatures.signed(store.db, meeting_id) is None:
        raise SignoffProblem(
            "Oversight is recorded on signed minutes; this meeting is not signed yet."
        )
    later = sign_later(store, meeting_id, FORMAT, {"name": name, "date": on, "note": note})
    repo = store.repo
    with store.db.atomic():
        signatures.add_oversight(
            store.db, meeting_id, later.data, later.signature, later.public_key, later.fingerprint
        )
        audit.append(
            store.db,
            meeting_id,
            repo.actor,
            "oversight",
            new={"version": later.entry["version"], "name": name, "date": on},
        )
    return later.entry


def carried(rows: list[dict[str, Any]], version: int) -> list[dict[str, Any]]:
    """Signed entries (rows with record, signature and public key) on one version, as a copy
    carries them (base64 fields)."""
    return [
        {k: base64.b64encode(row[k]).decode() for k in ("record", "signature", "public_key")}
        for row in rows
        if canonical.parse_any(row["record"]).get("version") == version
    ]


def stored(store: Store, meeting_id: str, version: int) -> list[dict[str, Any]]:
    """The oversight entries on one version, as carried inside a copy (base64 fields)."""
    return carried(signatures.oversight(store.db, meeting_id), version)


PROGRESS_FORMAT = "strategy-minutes-progress/1"  # desktop.signoff.progress
LATER_FORMATS = (FORMAT, PROGRESS_FORMAT)  # what a copy carries, signed after the minutes


def check(entries: list[dict[str, Any]], meeting_id: str, full_sha256: str) -> list[dict[str, Any]]:
    """The entries signed after the minutes (oversight and action progress), each checked
    against its signature and the signed version it names.

    Raises ValueError when any entry was changed or belongs to other minutes.
    """
    out = []
    for raw in entries:
        data, sig, key = (
            base64.b64decode(raw[k], validate=True) for k in ("record", "signature", "public_key")
        )
        entry = canonical.parse_any(data)
        if (
            not verify_signature(key, sig, data)
            or entry.get("format") not in LATER_FORMATS
            or entry.get("meeting_id") != meeting_id
            or entry.get("signed_record_sha256") != full_sha256
            or not same_fingerprint(str(entry.get("fingerprint")), fingerprint(key))
        ):
            raise ValueError("oversight entry does not verify")
        out.append(entry)
    return out
