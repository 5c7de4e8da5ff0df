"""The register of trusted signers: public keys with the names of the chairs who hold them.

An admin exports it from one laptop and imports it on another, so verification there can say
that a known chair signed, rather than only that some key did. The file holds public keys
only; it is safe to send, but must come from someone trusted, since it decides who is known.

Because the register decides who is believed, an import never renames or replaces silently:
a known key under another name (this laptop's own included), or a new key under a name the
register already trusts, is refused unless the admin confirms it (`replace`). Every change an
import makes is recorded in the register's own audit trail (`audit.REGISTER`).

Keys are retired, never removed: a retired key's signatures made before its retirement still
verify, and the register says since when it is retired.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.signoff.keys import fingerprint, same_fingerprint
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.atomic_file import write_atomic
from strategy_minutes.storage.store import Store

FORMAT = "strategy-minutes-signers/1"


class RegisterProblem(Exception):
    """The file is not a register of signers; the message says why in one sentence."""


class ImportRefused(Exception):
    """The file would rename or replace a trusted key; the message says which, and how to
    confirm (nothing was imported)."""


def known(
    trusted: list[dict[str, Any]] | None, key_fingerprint: str, at: str = ""
) -> dict[str, Any] | None:
    """The register's row for a key, if it is there and was not yet retired at `at` (an ISO
    time; "" asks whether the key is trusted at all). None when not trusted then."""
    for row in trusted or []:
        if same_fingerprint(row["fingerprint"], key_fingerprint):
            retired = row.get("retired_at") or ""
            if retired and at and at[:19] > retired[:19]:
                return None
            return row
    return None


def who(row: dict[str, Any]) -> str:
    """A signer as a person reads it: name, role, and retirement when retired."""
    role = f", {row['role']}" if row.get("role") else ""
    retired = f" (key retired {row['retired_at'][:10]})" if row.get("retired_at") else ""
    return f"{row['name']}{role}{retired}"


def export(store: Store, path: Path) -> int:
    rows = signatures.trusted(store.db)
    data = {
        "format": FORMAT,
        "signers": [
            {
                "name": r["name"],
                "role": r["role"],
                "fingerprint": r["fingerprint"],
                "public_key": base64.b64encode(r["public_key"]).decode(),
                "retired_at": r["retired_at"],
            }
            for r in rows
        ],
    }
    write_atomic(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())
    return len(rows)


def _parse(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RegisterProblem(
            f"{path.name} is not a register of signers (not JSON); nothing was imported."
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("signers"), list)
    ):
        raise RegisterProblem(
            f"{path.name} is not a register of signers (format {FORMAT}); nothing was imported."
        )
    out = []
    for n, raw in enumerate(data["signers"], start=1):
        try:
            key = base64.b64decode(str(raw["public_key"]), validate=True)
            name, role = str(raw["name"]).strip(), str(raw.get("role") or "").strip()
            retired = str(raw.get("retired_at") or "").strip()
        except (KeyError, TypeError, AttributeError, binascii.Error):
            key, name, role, retired = b"", "", "", ""
        if len(key) != 32 or not name:
            raise RegisterProblem(
                f"Signer {n} in {path.name} has no name or no valid public "
                "key; nothing was imported."
            )
        out.append(
            {
                "public_key": key,
                "name": name,
                "role": role,
                "fingerprint": fingerprint(key),
                "retired_at": retired,
            }
        )
    return out


@dataclass(frozen=True)
class Change:
    """One thing an import would do to the register."""

    action: str  # "add", "rename", "second key", "retire"
    signer: dict[str, Any]  # as in the file
    before: dict[str, Any] | None  # the register's row it changes (for "second key": the
    # key the name had)

    @property
    def needs_confirming(self) -> bool:
        return self.action in ("rename", "second key")

    def sentence(self, file_name: str) -> str:
        s, b = self.signer, self.before or {}
        short = s["fingerprint"][:14]
        if self.action == "rename":
            mine = " (this laptop's own key)" if b.get("own") else ""
            return (
                f"{file_name} would rename the trusted key {short}…{mine} from "
                f"{who(b) if b.get('name') else 'no name'} to {who(s)}"
            )
        return (
            f"{file_name} would add a second key ({short}…) under the name {s['name']}, "
            f"already trusted with the key {b['fingerprint'][:14]}…"
        )


def plan(store: Store, signers: list[dict[str, Any]]) -> list[Change]:
    """What importing `signers` would change, in file order; keys already known as they are
    in the file make no change."""
    rows = {r["fingerprint"]: r for r in signatures.trusted(store.db)}
    own = signatures.signing_key(store.db, store.protection.store_id)
    own_fp = fingerprint(own["public_key"]) if own else ""
    changes = []
    for s in signers:
        row = rows.get(s["fingerprint"])
        if row is None and s["fingerprint"] == own_fp:  # never signed yet: no row, no name
            changes.append(Change("rename", s, {"fingerprint": own_fp, "own": True}))
            continue
        if row is None:
            same_name = [
                r
                for r in rows.values()
                if r["name"].casefold() == s["name"].casefold() and not r["retired_at"]
            ]
            changes.append(
                Change("second key", s, same_name[0]) if same_name else Change("add", s, None)
            )
            continue
        if (row["name"], row["role"]) != (s["name"], s["role"]):
            changes.append(Change("rename", s, {**row, "own": s["fingerprint"] == own_fp}))
        if s["retired_at"] and not row["retired_at"]:
            changes.append(Change("retire", s, row))
    return changes


def import_file(store: Store, path: Path, replace: bool = False) -> tuple[int, list[Change]]:
    """Add the file's signers; all or nothing. A rename or a second key under a known name
    is refused (ImportRefused) unless `replace` confirms it; with `replace`, a second key
    retires the key the name had. Every change is recorded in the register's trail.
    Returns how many signers the file holds, and the changes made."""
    signers = _parse(path)
    changes = plan(store, signers)
    confirm = [c for c in changes if c.needs_confirming]
    if confirm and not replace:
        more = f", and {len(confirm) - 1} more such change(s)" if len(confirm) > 1 else ""
        raise ImportRefused(
            f"{confirm[0].sentence(path.name)}{more}; nothing was imported (add --replace "
            "if that is intended)."
        )
    at = audit.now()
    actor = store.repo.actor
    with store.db.atomic():
        for c in changes:
            s, b = c.signer, c.before or {}
            if c.action == "rename" and b.get("name"):
                signatures.rename_signer(store.db, s["fingerprint"], s["name"], s["role"])
            elif c.action == "retire":
                signatures.retire_signer(store.db, s["fingerprint"], s["retired_at"])
            else:
                signatures.trust(
                    store.db, s["fingerprint"], s["public_key"], s["name"], s["role"], at
                )
                if s["retired_at"]:
                    signatures.retire_signer(store.db, s["fingerprint"], s["retired_at"])
                if c.action == "second key":
                    signatures.retire_signer(store.db, b["fingerprint"], at)
            audit.append(
                store.db,
                audit.REGISTER,
                actor,
                f"signers {c.action}",
                item_id=s["fingerprint"],
                old={k: b[k] for k in ("fingerprint", "name", "role") if k in b} or None,
                new={
                    "fingerprint": s["fingerprint"],
                    "name": s["name"],
                    "role": s["role"],
                    "from": path.name,
                },
            )
    return len(signers), changes


def trust_own_key(
    store: Store, key_fingerprint: str, public_key: bytes, name: str, role: str
) -> None:
    """Put this laptop's key in the register under the signer's name, the first time it
    signs; recorded in the register's trail. The caller holds the transaction."""
    if known(signatures.trusted(store.db), key_fingerprint) is not None:
        return
    signatures.trust(store.db, key_fingerprint, public_key, name, role, audit.now())
    audit.append(
        store.db,
        audit.REGISTER,
        store.repo.actor,
        "signers add",
        item_id=key_fingerprint,
        new={"fingerprint": key_fingerprint, "name": name, "role": role, "from": "signing"},
    )
