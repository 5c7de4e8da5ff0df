"""`strategy-minutes audit ID [--verify]`: the trail is listed, and tampering is caught."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage.store import open_store

from strategy_minutes.__main__ import main


def _no_passphrase(confirm: bool) -> str | None:
    return None


@pytest.fixture
def meeting_with_edits(data_dir: Path) -> str:
    """A meeting with a few recorded changes; the store is closed again afterwards."""
    store = open_store(data_dir, _no_passphrase)
    try:
        service = MeetingService(store)
        meeting_id = service.new_meeting("NF/2026/0001", date(2026, 11, 24))
        service.set_field(meeting_id, "facts", None, "venue", "Room 4, Northfield House")
        service.set_field(meeting_id, "facts", None, "reason", "A long account " * 20)
        service.set_field(meeting_id, "facts", None, "venue", "Video call")
    finally:
        store.close()
    return meeting_id


def _tamper(data_dir: Path, sql: str, meeting_id: str) -> None:
    store = open_store(data_dir, _no_passphrase)
    try:
        with store.db.atomic():
            store.db.execute(sql, [meeting_id])
    finally:
        store.close()


def test_lists_one_line_per_change(
    data_dir: Path, meeting_with_edits: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "audit", meeting_with_edits[:8]]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert "create" in lines[0]
    assert "facts.venue" in lines[3] and "Room 4, Northfield House -> Video call" in lines[3]
    assert all(len(line) < 200 for line in lines)  # the long reason is shortened
    assert "…" in lines[2]


def test_intact_trail_verifies(
    data_dir: Path, meeting_with_edits: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "audit", meeting_with_edits, "--verify"]) == 0
    assert "intact: 4 entries" in capsys.readouterr().out
    assert (
        main(["--data-dir", str(data_dir), "audit", meeting_with_edits, "--verify", "--json"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["intact"] is True and len(out["entries"]) == 4


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        (
            "UPDATE audit SET new = '\"Somewhere else\"' WHERE seq = 2 AND meeting_id = ?",
            "Entry 2 was changed after it was written.",
        ),
        (
            "DELETE FROM audit WHERE seq = 3 AND meeting_id = ?",
            "Entry 4 does not follow the entry before it",
        ),
        (
            "DELETE FROM audit WHERE seq = 4 AND meeting_id = ?",
            "The newest entries of the trail are missing.",
        ),
    ],
)
def test_tampering_is_detected(
    data_dir: Path, meeting_with_edits: str, sql: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(data_dir, sql, meeting_with_edits)
    assert main(["--data-dir", str(data_dir), "audit", meeting_with_edits, "--verify"]) == 1
    assert said in capsys.readouterr().err
