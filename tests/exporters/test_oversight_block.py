"""A manager's oversight after signing shows in later copies, and those copies still verify."""

from __future__ import annotations

from pathlib import Path

from docx2python import docx2python


def test_oversight_shows_in_later_exports_and_verifies(cli, tmp_path: Path) -> None:
    meeting_id = cli("demo").stdout.strip()
    assert cli("sign", meeting_id).returncode == 0
    note = "Interviews done on time; the safety plan for Callum is holding."
    recorded = cli(
        "oversight", meeting_id, "--name", "Alex Morgan", "--note", note, "--date", "2026-12-01"
    )
    assert recorded.returncode == 0, recorded.stderr
    minutes = tmp_path / "minutes.docx"
    assert cli("export", meeting_id, "--out", str(minutes)).returncode == 0
    with docx2python(minutes) as read:
        text = read.text
    assert "Management oversight since signing" in text
    assert note in text and "Tuesday 1 December 2026" in text
    verified = cli("verify", str(minutes))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    parent = tmp_path / "parent.docx"
    assert cli("export", meeting_id, "--audience", "parent", "--out", str(parent)).returncode == 0
    with docx2python(parent) as read:
        assert note not in read.text  # oversight is for the agencies' copies only
