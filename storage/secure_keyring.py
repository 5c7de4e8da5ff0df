"""The one small interface to the OS keyring, and the one place its backend is chosen.

keyring normally discovers its backends through package entry points, which a frozen
(installed) app may not carry: it would then quietly find none. So the backend is named here,
per platform: Windows Credential Manager, the macOS Keychain, the Secret Service elsewhere.
`PYTHON_KEYRING_BACKEND` still overrides the choice (for an admin, or to test the passphrase
path), and code that calls `keyring.set_keyring` later (tests) wins as before.

Only backends that keep secrets encrypted by the OS count: the fail and null backends, and
any backend that writes secrets to a file in plain text (keyrings.alt), are treated as no
keyring at all, and the store falls back to a passphrase. A backend that cannot be used on
this machine (no Secret Service running, say) is treated the same way, and `problem()` says why
in words a person can pass on.
"""

from __future__ import annotations

import importlib
import os
import sys

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

SERVICE = "strategy-minutes"
OVERRIDE = "PYTHON_KEYRING_BACKEND"
_INSECURE_MODULE_HINTS = ("keyrings.alt", "plaintext", "file")
PLATFORM_BACKENDS = {
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
}
OTHER_PLATFORMS = "keyring.backends.SecretService.Keyring"  # Linux and the BSDs
_problem: str | None = None  # why the last look found no usable keyring


class KeyringUnavailable(Exception):
    """The OS keyring could not be reached or refused the request."""


def platform_backend_name(platform: str = sys.platform) -> str:
    return PLATFORM_BACKENDS.get(platform, OTHER_PLATFORMS)


def _choose() -> None:
    """Name this platform's backend to keyring, unless the environment names one."""
    global _problem
    if os.environ.get(OVERRIDE):
        return
    module, _, name = platform_backend_name().rpartition(".")
    try:
        backend: KeyringBackend = getattr(importlib.import_module(module), name)()
    except Exception as exc:  # cannot even load here: no keyring, and problem() says why
        backend = fail.Keyring()  # type: ignore[no-untyped-call]
        _problem = f"{module}.{name} cannot be loaded ({exc})"
    keyring.set_keyring(backend)


def _is_secure(backend: KeyringBackend) -> bool:
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return False
    module = type(backend).__module__.lower()
    return not any(hint in module for hint in _INSECURE_MODULE_HINTS)


def _unusable(backend: KeyringBackend) -> str | None:
    """Why `backend` cannot be used on this machine now, or None if it can."""
    try:
        type(backend).priority  # noqa: B018 (keyring's own viability check raises)
    except Exception as exc:
        return f"{describe(backend)} cannot be used here: {exc}"
    return None


def secure_backend() -> KeyringBackend | None:
    """The keyring to use, or None where there is no secure one on this machine (see problem)."""
    global _problem
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # an override naming a backend that cannot load
        _problem = f"the keyring named by {OVERRIDE} cannot be used ({exc})"
        return None
    members = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    secure = [b for b in members if _is_secure(b)]
    if not secure:
        _problem = f"{describe(backend)} keeps no secrets safely"
        return None
    _problem = _unusable(secure[0])
    return None if _problem else secure[0]


def problem() -> str:
    """Why `secure_backend()` last found no keyring, as a clause for a sentence."""
    return _problem or "no secure keyring is configured"


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


_choose()  # on import, so that keyring never goes looking for entry points
