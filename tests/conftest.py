"""Shared fixtures: every test gets its own data folder, settings and keyring.

In-process tests use an in-memory keyring unless they ask for the real Secret Service or for
none. Command-line tests run the real entry point in a child process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # tests never need a screen
from keyring.backend import KeyringBackend
from keyring.backends import fail
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "correct horse battery staple"


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in this process only: a safe stand-in for the OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemoryKeyring]:
    """No test reads or writes the real data folder, settings or keyring."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("STRATEGY_MINUTES_PASSPHRASE", raising=False)
    monkeypatch.delenv("STRATEGY_MINUTES_RECOVERY_KEY", raising=False)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> None:
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def secret_service() -> KeyringBackend:
    """The real Secret Service: `make test` runs the suite inside gnome-keyring."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("no D-Bus session: run through tests/with-secret-service.sh (make test)")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def _no_passphrase(confirm: bool) -> str | None:
    return None


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = open_store(data_dir, _no_passphrase)
    yield s
    s.close()


@pytest.fixture
def service(store: Store) -> MeetingService:
    return MeetingService(store)


def cli_env(
    passphrase: str | None = PASSPHRASE, keyring_backend: str | None = "fail"
) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("STRATEGY_MINUTES_") and k != "PYTHON_KEYRING_BACKEND"
    }
    if passphrase is not None:
        env["STRATEGY_MINUTES_PASSPHRASE"] = passphrase
    if keyring_backend == "fail":
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture
def cli(data_dir: Path):
    """Run `strategy-minutes --data-dir DIR ...` in a child process, as an admin's script would."""

    def run(
        *args: str,
        env: dict[str, str] | None = None,
        stdin: str | None = None,
        data: Path | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        argv = [
            sys.executable,
            "-m",
            "strategy_minutes",
            "--data-dir",
            str(data or data_dir),
            *args,
        ]
        return subprocess.run(
            argv,
            capture_output=True,
            text=True,
            input=stdin,
            env=env if env is not None else cli_env(),
            timeout=timeout,
            stdin=None if stdin is not None else subprocess.DEVNULL,
        )

    return run


_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI every test must run against the real parts: a skip is a failure."""
    if os.environ.get("CI") == "true" and _skipped:
        print(
            f"\nCI=true and {len(_skipped)} test(s) were skipped; every test must run here:",
            *_skipped,
            sep="\n  ",
            file=sys.stderr,
        )
        session.exitstatus = 1
