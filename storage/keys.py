"""The database key: 256 random bits, kept in the OS keyring or wrapped by a passphrase.

`keys.json` in the data folder says how the store is protected. It never holds the key in
plain text: in keyring mode it holds only the keyring entry's name; in passphrase mode it holds
the key encrypted (AES-256-GCM) under a key derived from the passphrase with scrypt.

The recovery key is the database key itself, written in base32 groups for a person to copy.
It opens the store even if keys.json or the keyring entry is lost, which is why an admin is
asked to keep it somewhere safe.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from strategy_minutes.storage import secure_keyring
from strategy_minutes.storage.atomic_file import write_atomic
from strategy_minutes.storage.db import KEY_BYTES

KEY_FILE = "keys.json"
KEYRING = "keyring"
PASSPHRASE = "passphrase"
MIN_PASSPHRASE = 10
SCRYPT = {"n": 2**17, "r": 8, "p": 1}  # OWASP's recommended minimum for scrypt

# Asked for a passphrase; `confirm` is True when one is being chosen (ask twice).
PassphraseSource = Callable[[bool], str | None]


class KeyProblem(Exception):
    """A problem with the key, in a sentence a person can act on."""


class PassphraseRequired(KeyProblem):
    pass


@dataclass
class Protection:
    store_id: str
    mode: str  # KEYRING or PASSPHRASE
    wrapped: dict[str, Any] | None = None

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "version": 1,
                "store_id": self.store_id,
                "protection": self.mode,
                "wrapped_key": self.wrapped,
            },
            indent=2,
        ).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _kek(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    return kdf.derive(passphrase.encode("utf-8"))


def wrap(key: bytes, passphrase: str, store_id: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(passphrase, salt, SCRYPT)).encrypt(nonce, key, store_id.encode())
    return {
        "kdf": "scrypt",
        **SCRYPT,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "ciphertext": _b64(sealed),
    }


def unwrap(wrapped: dict[str, Any], passphrase: str, store_id: str) -> bytes:
    try:
        params = {k: int(wrapped[k]) for k in ("n", "r", "p")}
        salt, nonce, sealed = (
            base64.b64decode(wrapped[k]) for k in ("salt", "nonce", "ciphertext")
        )
    except (KeyError, ValueError, TypeError, binascii.Error):
        raise KeyProblem(
            "The key file in the data folder is damaged; use the recovery key "
            "(strategy-minutes recover)."
        ) from None
    try:
        return AESGCM(_kek(passphrase, salt, params)).decrypt(nonce, sealed, store_id.encode())
    except InvalidTag:
        raise KeyProblem(
            "That passphrase is not right for this data folder; nothing was changed."
        ) from None


def recovery_code(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def key_from_recovery_code(code: str) -> bytes:
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    try:
        key = base64.b32decode(text + "=" * (-len(text) % 8))
    except binascii.Error:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyProblem(
            "That is not a recovery key: it should be 13 groups of 4 letters and digits."
        )
    return key


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyProblem(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")


def read_protection(folder: Path) -> Protection | None:
    path = folder / KEY_FILE
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text("utf-8"))
        prot = Protection(str(raw["store_id"]), str(raw["protection"]), raw.get("wrapped_key"))
    except (ValueError, KeyError, TypeError):
        raise KeyProblem(
            f"The key file {path} is damaged; use the recovery key (strategy-minutes recover)."
        ) from None
    if prot.mode not in (KEYRING, PASSPHRASE) or (prot.mode == PASSPHRASE and not prot.wrapped):
        raise KeyProblem(
            f"The key file {path} is damaged; use the recovery key (strategy-minutes recover)."
        )
    return prot


def protect(
    folder: Path, key: bytes, ask: PassphraseSource, store_id: str | None = None
) -> Protection:
    """Keep `key` in the keyring if there is a secure one, else wrap it by a new passphrase."""
    store_id = store_id or str(uuid.uuid4())
    backend = secure_keyring.secure_backend()
    if backend is not None:
        secure_keyring.set_secret(backend, store_id, key.hex())
        prot = Protection(store_id, KEYRING)
    else:
        passphrase = ask(True)
        if not passphrase:
            raise PassphraseRequired(
                f"There is no OS keyring here ({secure_keyring.problem()}), so the store "
                "needs a passphrase: set STRATEGY_MINUTES_PASSPHRASE or run from a terminal."
            )
        check_passphrase(passphrase)
        prot = Protection(store_id, PASSPHRASE, wrap(key, passphrase, store_id))
    write_atomic(folder / KEY_FILE, prot.to_json())
    return prot


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def unlock(prot: Protection, ask: PassphraseSource) -> bytes:
    if prot.mode == PASSPHRASE:
        passphrase = ask(False)
        if not passphrase:
            raise PassphraseRequired(
                "This store is protected by a passphrase: set "
                "STRATEGY_MINUTES_PASSPHRASE or run from a terminal."
            )
        return unwrap(prot.wrapped or {}, passphrase, prot.store_id)
    backend = secure_keyring.secure_backend()
    if backend is None:
        raise KeyProblem(
            "This store's key is kept in the OS keyring, and no keyring is available now "
            f"({secure_keyring.problem()}); unlock the keyring or use the recovery key "
            "(strategy-minutes recover)."
        )
    try:
        secret = secure_keyring.get_secret(backend, prot.store_id)
    except secure_keyring.KeyringUnavailable:
        raise KeyProblem(
            "The OS keyring refused to give this store's key; unlock the keyring "
            "or use the recovery key (strategy-minutes recover)."
        ) from None
    try:
        key = bytes.fromhex(secret or "")
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyProblem(
            "The OS keyring has no key for this data folder; use the recovery key "
            "(strategy-minutes recover)."
        )
    return key
