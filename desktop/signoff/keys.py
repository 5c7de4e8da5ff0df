"""This laptop's Ed25519 signing key, made on first use.

The private key lives in the OS keyring beside the store's own key (service
"strategy-minutes", user "signing-key:<store id>") when the store is protected by the
keyring. Where there is no secure keyring the store is protected by a passphrase, and the
private key is kept inside the encrypted database, so it is wrapped by that passphrase
through the store key: it never touches the disk in plain text either way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from strategy_minutes.storage import audit, secure_keyring, signatures
from strategy_minutes.storage import keys as store_keys
from strategy_minutes.storage.keys import KeyProblem
from strategy_minutes.storage.store import Store


def fingerprint(public_key: bytes) -> str:
    """sha256 of the raw public key in groups of four hex digits, for reading aloud."""
    digest = hashlib.sha256(public_key).hexdigest().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def same_fingerprint(a: str, b: str) -> bool:
    return "".join(a.split()).upper() == "".join(b.split()).upper()


def verify_signature(public_key: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def _keyring_user(store_id: str) -> str:
    return f"signing-key:{store_id}"


def signing_key(store: Store) -> SigningKey:
    """The key this data folder signs with, made (and kept safe) the first time it is asked.

    Raises KeyProblem when the private key held (in the keyring) is not the one the store
    records: someone changed the store's record, or the keyring holds another store's key.
    """
    store_id = store.protection.store_id
    row = signatures.signing_key(store.db, store_id)
    if row is not None:
        raw = row["private_key"] or _from_keyring(store_id)
        private = Ed25519PrivateKey.from_private_bytes(raw)
        if private.public_key().public_bytes_raw() != row["public_key"]:
            raise KeyProblem(
                "This laptop's signing key does not match the public key its store records; "
                "nothing was signed ('signers new-key' makes a new key)."
            )
        return SigningKey(private, row["public_key"])
    return make_key(store)


def held_public_key(store: Store) -> bytes | None:
    """The public half of the private key this folder actually holds (in the keyring, or in
    the store in passphrase mode), whatever the store's record says; None when there is no
    key or the keyring does not have it now."""
    row = signatures.signing_key(store.db, store.protection.store_id)
    if row is None:
        return None
    try:
        raw = row["private_key"] or _from_keyring(store.protection.store_id)
    except KeyProblem:
        return None
    return Ed25519PrivateKey.from_private_bytes(raw).public_key().public_bytes_raw()


def make_key(store: Store) -> SigningKey:
    """A new signing key for this data folder, kept in the keyring (or the store), replacing
    whatever key the folder had; the caller records what became of the old one."""
    store_id = store.protection.store_id
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes_raw()
    public = private.public_key().public_bytes_raw()
    backend = (
        secure_keyring.secure_backend() if store.protection.mode == store_keys.KEYRING else None
    )
    with store.db.atomic():
        if backend is not None:
            secure_keyring.set_secret(backend, _keyring_user(store_id), raw.hex())
        signatures.set_signing_key(
            store.db, store_id, public, None if backend is not None else raw, audit.now()
        )
    return SigningKey(private, public)


def _from_keyring(store_id: str) -> bytes:
    backend = secure_keyring.secure_backend()
    try:
        secret = secure_keyring.get_secret(backend, _keyring_user(store_id)) if backend else None
    except secure_keyring.KeyringUnavailable:
        secret = None
    try:
        raw = bytes.fromhex(secret or "")
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise KeyProblem(
            "This laptop's signing key is not in the OS keyring now; unlock the keyring and "
            "try again, or make a new key with 'signers new-key'. Nothing was signed."
        )
    return raw
