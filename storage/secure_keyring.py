"""The one small interface to the OS keyring.

Only backends that keep secrets encrypted by the OS count: the fail and null backends, and
any backend that writes secrets to a file in plain text (keyrings.alt), are treated as no
keyring at all, and the store falls back to a passphrase.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

SERVICE = "strategy-minutes"
_INSECURE_MODULE_HINTS = ("keyrings.alt", "plaintext", "file")


class KeyringUnavailable(Exception):
    """The OS keyring could not be reached or refused the request."""


def _is_secure(backend: KeyringBackend) -> bool:
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    module = type(backend).__module__.lower()
    return not any(hint in module for hint in _INSECURE_MODULE_HINTS)


def secure_backend() -> KeyringBackend | None:
    """The keyring to use, or None where there is no secure one on this machine."""
    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        members = [b for b in backend.backends if _is_secure(b)]
        return members[0] if members else None
    return backend if _is_secure(backend) else None


def describe(backend: KeyringBackend) -> str:
    return getattr(backend, "name", type(backend).__name__)


def get_secret(backend: KeyringBackend, user: str) -> str | None:
    try:
        return backend.get_password(SERVICE, user)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc) or type(exc).__name__) from None


def set_secret(backend: KeyringBackend, user: str, secret: str) -> None:
    try:
        backend.set_password(SERVICE, user, secret)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc) or type(exc).__name__) from None
