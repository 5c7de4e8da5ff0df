"""Management oversight after signing: a manager's review of the plan, as its own signed entry.

The signed minutes cannot change, so oversight is not an edit: it is an entry that names the
signed version it reviews (by the digest of that version's record), signed by this laptop's
key, kept for ever beside it, and carried in the signatures part of later copies of that
version, where `verify` checks it against the register and lists it; the signed file's
visible content stays exactly as the chair signed it.
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from strategy_minutes.desktop.meeting.fieldtypes import parse_date
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


def record(
    store: Store, meeting_id: str, name: str, note: str, on: str | None = None
) -> dict[str, Any]:
    """Sign and keep one oversight entry on the newest signed version; returns the entry."""
    name, note = " ".join(name.split()), note.strip()
    if not name or not note:
        raise SignoffProblem("Oversight needs the manager's name and a note; nothing was recorded.")
    on = on or date.today().isoformat()
    try:
        parse_date(on)
    except ValueError:
        raise SignoffProblem(f"{on!r} is not a date (yyyy-mm-dd); nothing was recorded.") from None
    signed = signatures.signed(store.db, meeting_id)
    if signed is None:
        raise SignoffProblem(
            "Oversight is recorded on signed minutes; this meeting is not signed yet."
        )
    key = signing_key(store)
    entry = {
        "format": FORMAT,
        "meeting_id": meeting_id,
        "version": signed.version,
        "signed_record_sha256": signed.record_sha256,
        "name": name,
        "date": on,
        "note": note,
        "recorded_at": audit.now()[:19] + "Z",
        "fingerprint": key.fingerprint,
    }
    data = canonical.canonical_bytes(entry)
    repo = store.repo
    with store.db.atomic():
        signatures.add_oversight(
            store.db, meeting_id, data, key.sign(data), key.public_key, key.fingerprint
        )
        audit.append(
            store.db,
            meeting_id,
            repo.actor,
            "oversight",
            new={"version": signed.version, "name": name, "date": on},
        )
    return entry


def stored(store: Store, meeting_id: str, version: int) -> list[dict[str, Any]]:
    """The signed entries on one version, as carried inside a copy (base64 fields)."""
    out = []
    for row in signatures.oversight(store.db, meeting_id):
        if canonical.parse_any(row["record"]).get("version") == version:
            out.append(
                {
                    k: base64.b64encode(row[k]).decode()
                    for k in ("record", "signature", "public_key")
                }
            )
    return out


def check(carried: list[dict[str, Any]], meeting_id: str, full_sha256: str) -> list[dict[str, Any]]:
    """The entries, each checked against its signature and the signed version it names.

    Raises ValueError when any entry was changed or belongs to other minutes.
    """
    out = []
    for raw in carried:
        data, sig, key = (
            base64.b64decode(raw[k], validate=True) for k in ("record", "signature", "public_key")
        )
        entry = canonical.parse_any(data)
        if (
            not verify_signature(key, sig, data)
            or entry.get("format") != FORMAT
            or entry.get("meeting_id") != meeting_id
            or entry.get("signed_record_sha256") != full_sha256
            or not same_fingerprint(str(entry.get("fingerprint")), fingerprint(key))
        ):
            raise ValueError("oversight entry does not verify")
        out.append(entry)
    return out
