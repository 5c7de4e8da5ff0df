"""The keyring backend is chosen per platform, never discovered, and never a plain-text one.

Each case runs in a fresh process, as the app starts, so that the choice made at import is
the one tested. A backend that cannot be used is reported in words and the store falls back
to a passphrase; nothing ever writes the key in plain text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from strategy_minutes.storage import secure_keyring

from tests.conftest import PASSPHRASE, ROOT


@pytest.mark.parametrize(
    ("platform", "backend"),
    [
        ("win32", "keyring.backends.Windows.WinVaultKeyring"),
        ("darwin", "keyring.backends.macOS.Keyring"),
        ("linux", "keyring.backends.SecretService.Keyring"),
        ("freebsd14", "keyring.backends.SecretService.Keyring"),
    ],
)
def test_each_platform_names_its_os_keyring(platform: str, backend: str) -> None:
    assert secure_keyring.platform_backend_name(platform) == backend


PROBE = """
import keyring
from strategy_minutes.storage import secure_keyring
name = lambda b: type(b).__module__ + "." + type(b).__name__
chosen = secure_keyring.secure_backend()
try:
    print(name(keyring.get_keyring()))
except Exception:
    print("cannot load")
print("none" if chosen is None else name(chosen))
print(secure_keyring.problem())
"""


def probe(env_changes: dict[str, str | None]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != secure_keyring.OVERRIDE}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


NO_BUS = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}


@pytest.mark.parametrize(
    ("case", "env", "configured", "problem"),
    [
        # what a careless or hostile setting might try: each ends in "no keyring", said why
        (
            "keyring switched off",
            {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
            "keyring.backends.fail.Keyring",
            "keeps no secrets safely",
        ),
        (
            "null keyring",
            {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
            "keyring.backends.null.Keyring",
            "keeps no secrets safely",
        ),
        (
            "a backend that does not exist",
            {"PYTHON_KEYRING_BACKEND": "nowhere.Plain"},
            "cannot load",
            "cannot be used",
        ),
        (
            "no Secret Service on the bus",
            NO_BUS,
            "keyring.backends.SecretService.Keyring",
            "cannot be used here",
        ),
    ],
)
def test_an_unusable_keyring_is_none_and_says_why(
    case: str, env: dict[str, str | None], configured: str, problem: str
) -> None:
    got_configured, chosen, why = probe(env)
    assert got_configured == configured
    assert chosen == "none"
    assert problem in why


@pytest.mark.secret_service
def test_the_secret_service_is_chosen_without_discovery(secret_service) -> None:
    configured, chosen, _ = probe({})
    assert configured == chosen == "keyring.backends.SecretService.Keyring"


def test_without_a_keyring_the_sentence_says_why_and_no_key_is_written(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRATEGY_MINUTES_")}
    env.pop(secure_keyring.OVERRIDE, None)
    env.update(NO_BUS, PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "strategy_minutes", "--data-dir", str(tmp_path / "d"), "list"]
    refused = subprocess.run(
        argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "There is no OS keyring here (" in refused.stderr
    assert "cannot be used here" in refused.stderr
    made = subprocess.run(
        argv,
        env={**env, "STRATEGY_MINUTES_PASSPHRASE": PASSPHRASE},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    keys = json.loads((tmp_path / "d" / "keys.json").read_text())
    assert keys["protection"] == "passphrase"
