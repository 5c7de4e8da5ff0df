"""The command line as an admin's script uses it: outputs, exit codes, one-sentence errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from strategy_minutes.desktop.meeting import jsonformat

from tests.conftest import cli_env


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3


def test_demo_list_show_import_round_trip(cli, tmp_path: Path) -> None:
    made = cli("demo")
    assert made.returncode == 0, made.stderr
    meeting_id = made.stdout.strip()
    listed = json.loads(cli("list", "--json").stdout)
    assert listed == [
        {
            "id": meeting_id,
            "case_reference": "DEMO-2026-0147",
            "date": listed[0]["date"],
            "status": "draft",
            "reviews": None,
            "action_status": listed[0]["action_status"],
        }
    ]
    statuses = {a["status"] for a in listed[0]["action_status"].values()}
    assert len(listed[0]["action_status"]) == 6 and statuses == {"open", "in_progress"}
    shown = cli("show", meeting_id, "--json")
    assert shown.returncode == 0
    data = json.loads(shown.stdout)
    jsonschema.validate(data, jsonformat.schema())
    path = tmp_path / "meeting.json"
    path.write_text(shown.stdout, "utf-8")
    imported = cli("import", str(path))
    assert imported.returncode == 0, imported.stderr
    again = json.loads(cli("show", imported.stdout.strip()[:8], "--json").stdout)
    assert again["facts"] == data["facts"]
    assert len(again["people"]) == len(data["people"])
    assert "DEMO-2026-0147" in cli("list").stdout


def test_invalid_import_names_field_and_writes_nothing(cli, tmp_path: Path) -> None:
    cli("list")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "strategy-minutes/1", "facts": {"date": "2026-13-01"}}))
    result = cli("import", str(bad))
    assert result.returncode == 2
    assert "facts.date" in result.stderr and "Nothing was imported" in result.stderr
    _no_traceback(result)
    assert json.loads(cli("list", "--json").stdout) == []


def test_bad_usage_and_unknown_ids_exit_2(cli, tmp_path: Path) -> None:
    assert cli("frobnicate").returncode == 2
    assert cli("show").returncode == 2
    cli("list")
    missing = cli("show", "no-such-id", "--json")
    assert missing.returncode == 2 and "no-such-id" in missing.stderr
    _no_traceback(missing)
    unreadable = cli("import", str(tmp_path / "absent.json"))
    assert unreadable.returncode == 2
    _no_traceback(unreadable)


def test_wrong_or_missing_passphrase(cli) -> None:
    assert cli("list").returncode == 0
    wrong = cli("list", env=cli_env(passphrase="definitely the wrong one"))
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == (
        "That passphrase is not right for this data folder; nothing was changed."
    )
    missing = cli("list", env=cli_env(passphrase=None), timeout=20)  # no terminal: no hang
    assert missing.returncode == 2
    assert "STRATEGY_MINUTES_PASSPHRASE" in missing.stderr


def test_recovery_key_command_and_recover(cli, data_dir: Path) -> None:
    meeting_id = cli("demo").stdout.strip()
    code = cli("recovery-key").stdout.strip()
    assert len(code.split("-")) == 13
    (data_dir / "keys.json").unlink()
    assert cli("list").returncode == 2
    env = cli_env(passphrase="a brand new passphrase")
    env["STRATEGY_MINUTES_RECOVERY_KEY"] = code
    recovered = cli("recover", env=env)
    assert recovered.returncode == 0, recovered.stderr
    assert meeting_id in cli("list", env=cli_env(passphrase="a brand new passphrase")).stdout


def test_second_running_copy_is_refused(cli, data_dir: Path) -> None:
    from strategy_minutes.storage.store import open_store

    cli("list")
    store = open_store(data_dir, lambda confirm: "correct horse battery staple")
    try:
        result = cli("list")
    finally:
        store.close()
    assert result.returncode == 2
    assert "already running" in result.stderr
