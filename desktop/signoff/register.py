"""The register of trusted signers: public keys with the names of the chairs who hold them.

An admin exports it from one laptop and imports it on another, so verification there can say
that a known chair signed, rather than only that some key did. The file holds public keys
only; it is safe to send, but must come from someone trusted, since it decides who is known.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.signoff.keys import fingerprint
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.atomic_file import write_atomic
from strategy_minutes.storage.store import Store

FORMAT = "strategy-minutes-signers/1"


class RegisterProblem(Exception):
    """The file is not a register of signers; the message says why in one sentence."""


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
        except (KeyError, TypeError, binascii.Error):
            key, name, role = b"", "", ""
        if len(key) != 32 or not name:
            raise RegisterProblem(
                f"Signer {n} in {path.name} has no name or no valid public "
                "key; nothing was imported."
            )
        out.append({"public_key": key, "name": name, "role": role, "fingerprint": fingerprint(key)})
    return out


def import_file(store: Store, path: Path) -> int:
    """Add (or rename) every signer in the file; all or nothing."""
    signers = _parse(path)
    with store.db.atomic():
        for s in signers:
            signatures.trust(
                store.db, s["fingerprint"], s["public_key"], s["name"], s["role"], audit.now()
            )
    return len(signers)
