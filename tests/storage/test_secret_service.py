"""The store against the real Secret Service (gnome-keyring), as on a chair's Linux laptop."""

from __future__ import annotations

from pathlib import Path

import pytest
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage import keys
from strategy_minutes.storage.store import open_store

pytestmark = pytest.mark.secret_service


def test_store_key_round_trips_through_real_secret_service(data_dir: Path, secret_service) -> None:
    store = open_store(data_dir, lambda confirm: None)
    assert store.protection.mode == keys.KEYRING
    meeting_id = MeetingService(store).new_meeting("SS-1")
    store.close()
    assert secret_service.get_password("strategy-minutes", store.protection.store_id)
    store = open_store(data_dir, lambda confirm: None)
    assert MeetingService(store).get(meeting_id).facts["case_reference"] == "SS-1"
    store.close()


def test_cli_uses_real_keyring(cli, secret_service) -> None:
    from tests.conftest import cli_env

    env = cli_env(passphrase=None, keyring_backend=None)
    made = cli("demo", env=env)
    assert made.returncode == 0, made.stderr
    assert "protected by the OS keyring" in made.stderr
    listed = cli("list", env=env)
    assert made.stdout.strip() in listed.stdout
