"""Signed heads of the audit trails: history that cannot be rewritten quietly.

A hash chain alone proves nothing to someone who can open the store: they can rewrite every
entry and recompute every hash. So the head of each trail (the newest entry's hash, and the
content hash it carries) is signed with this laptop's signing key at every signature and at
every clean close. In keyring mode the private key is in the OS keyring, not in the store,
so the store key alone cannot sign a new head: a trail cut and recomputed no longer holds
the hash its last signed head names, and that is reported.

A trail is anchored at close only while it still extends its last signed head (and its
chain is intact), so a trail rewritten while the app was closed is never signed over.

What this does not catch: anyone holding the signing key itself (in passphrase mode it is
inside the store); and, on a trail with no signature entry, the removal of its newest signed
heads together with the entries after them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strategy_minutes.desktop.signoff import canonical
from strategy_minutes.desktop.signoff.keys import (
    SigningKey,
    held_public_key,
    signing_key,
    verify_signature,
)
from strategy_minutes.storage import anchors, audit, signatures
from strategy_minutes.storage.db import DatabaseError
from strategy_minutes.storage.keys import KeyProblem
from strategy_minutes.storage.store import Store

FORMAT = "strategy-minutes-audit-head/1"


def anchor(store: Store, trail: str, reason: str, key: SigningKey) -> None:
    """Sign the trail's head as it stands now; the caller holds the transaction."""
    seq, head, content = audit.head(store.db, trail)
    if not seq:
        return
    record = canonical.canonical_bytes(
        {
            "format": FORMAT,
            "trail": trail,
            "seq": seq,
            "head": head,
            "content_sha256": content,
            "signed_at": audit.now()[:19] + "Z",
            "reason": reason,
        }
    )
    anchors.add(store.db, trail, seq, head, record, key.sign(record), key.public_key)


def anchor_all(store: Store, reason: str = "close", key: SigningKey | None = None) -> int:
    """Sign the head of every trail changed since its last signed head, when the trail is
    sound; returns how many were signed. KeyProblem when the signing key cannot be had."""
    pending = anchors.unanchored(store.db)
    if not pending:
        return 0
    key = key or signing_key(store)
    done = 0
    with store.db.atomic():
        for trail in pending:
            if not check(store, trail).problems:
                anchor(store, trail, reason, key)
                done += 1
    return done


def close(store: Store) -> None:
    """A clean close: sign the heads changed in this session, then close the store.

    When the signing key cannot be had (the keyring is locked or lost) the store still
    closes; the heads stay unsigned and `audit --verify` says since when."""
    try:
        anchor_all(store, "close")
    except (KeyProblem, DatabaseError):  # a locked keyring or a full disk: unsigned, said later
        pass
    finally:
        store.close()


@dataclass
class TrailCheck:
    problems: list[str] = field(default_factory=list)  # breaks: the trail cannot be trusted
    notes: list[str] = field(default_factory=list)  # what a reader should know besides


def check(store: Store, trail: str) -> TrailCheck:
    """The chain, the content, and the newest signed head, as sentences."""
    chained = audit.check(store.db, trail)
    result = TrailCheck(list(chained.problems))
    if chained.unhashed:
        result.notes.append(
            f"{chained.unhashed} older entr{'y' if chained.unhashed == 1 else 'ies'} "
            "(from before content hashes) carr"
            f"{'ies' if chained.unhashed == 1 else 'y'} no content hash."
        )
    latest = anchors.latest(store.db, trail)
    seq, _head, _content = audit.head(store.db, trail)
    if latest is None:
        signed = any(e.action == "sign" for e in audit.entries(store.db, trail))
        if signed:
            result.problems.append(
                "The meeting was signed but its trail has no signed head: the signed heads "
                "were removed."
            )
        elif seq:
            result.notes.append(
                "Its trail has no signed head yet (heads are signed at signing and when "
                "Strategy Minutes closes)."
            )
        return result
    try:
        record = canonical.parse_any(latest.record)
        sound = (
            verify_signature(latest.public_key, latest.signature, latest.record)
            and record.get("format") == FORMAT
            and (record.get("trail"), record.get("seq"), record.get("head"))
            == (trail, latest.seq, latest.head)
        )
    except (ValueError, TypeError):
        record, sound = {}, False
    if not sound:
        result.problems.append("The trail's newest signed head was changed or forged.")
        return result
    held = held_public_key(store)
    recorded = signatures.signing_key(store.db, store.protection.store_id)
    if held is None and recorded is not None:
        result.notes.append(
            "This laptop's signing key is not in the OS keyring now, so the signed head was "
            "checked against the key the store records."
        )
    if (held or (recorded or {}).get("public_key")) != latest.public_key:
        result.problems.append(
            "The trail's newest signed head was not signed with this laptop's signing key."
        )
    when = f"{record['signed_at'][:16].replace('T', ' ')} UTC ({record['reason']})"
    if audit.hash_at(store.db, trail, latest.seq) != latest.head:
        result.problems.append(
            f"The trail was cut and recomputed: entry {latest.seq} no longer has the hash "
            f"signed at {when}."
        )
    elif seq > latest.seq:
        result.notes.append(
            f"{seq - latest.seq} change(s) since its head was last signed, at {when}."
        )
    return result
