"""A new signing key for this laptop, when the old one is lost (its keyring entry is gone) or
must be retired.

The old key is never deleted from the register: it is marked retired from now, so every
signature it made before stays verifiable, and `signers list` says since when it is retired.
The new key joins the register under the same name and role. Every trail still sound under
the old key gets its head signed again with the new one, so the checks of history go on;
a trail that was already broken is left as it is, to go on being reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategy_minutes.desktop.signoff import anchors
from strategy_minutes.desktop.signoff.keys import SigningKey, fingerprint, make_key
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.store import Store


@dataclass(frozen=True)
class Rotated:
    old_fingerprint: str  # "" when the laptop had no key before
    key: SigningKey
    name: str  # the register's name for the key, "" when it was never in the register
    retired_at: str


def new_key(store: Store) -> Rotated:
    db = store.db
    old = signatures.signing_key(db, store.protection.store_id)
    old_fp = fingerprint(old["public_key"]) if old else ""
    row = next((r for r in signatures.trusted(db) if r["fingerprint"] == old_fp), None)
    trails = [r[0] for r in db.execute("SELECT DISTINCT meeting_id FROM audit ORDER BY 1")]
    sound = [t for t in trails if not anchors.check(store, t).problems]
    at = audit.now()
    with db.atomic():
        key = make_key(store)
        if row is not None:
            signatures.retire_signer(db, old_fp, at)
            signatures.trust(db, key.fingerprint, key.public_key, row["name"], row["role"], at)
        audit.append(
            db,
            audit.REGISTER,
            store.repo.actor,
            "signers new-key",
            item_id=key.fingerprint,
            old={"fingerprint": old_fp, "retired_at": at} if old_fp else None,
            new={"fingerprint": key.fingerprint, "name": row["name"] if row else ""},
        )
        for trail in sound:
            anchors.anchor(store, trail, "new key", key)
    return Rotated(old_fp, key, row["name"] if row else "", at)
