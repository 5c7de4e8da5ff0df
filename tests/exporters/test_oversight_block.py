"""A manager's oversight after signing travels signed in later copies, and verify lists it.

The minutes a reader is shown stay exactly the file the chair signed: the oversight is not
laid into the body (which no later signature could cover without disturbing the chair's),
but carried in the copy's signatures part, signed by whoever recorded it.
"""

from __future__ import annotations

from pathlib import Path

from docx2python import docx2python


def test_oversight_travels_signed_and_verify_lists_it(cli, tmp_path: Path) -> None:
    meeting_id = cli("demo").stdout.strip()
    assert cli("sign", meeting_id).returncode == 0
    before = tmp_path / "before.docx"
    assert cli("export", meeting_id, "--out", str(before)).returncode == 0
    note = "Interviews done on time; the safety plan for Callum is holding."
    recorded = cli(
        "oversight", meeting_id, "--name", "Alex Morgan", "--note", note, "--date", "2026-12-01"
    )
    assert recorded.returncode == 0, recorded.stderr
    minutes = tmp_path / "minutes.docx"
    exported = cli("export", meeting_id, "--out", str(minutes))
    assert "1 management oversight entry signed since" in exported.stderr
    with docx2python(minutes) as read, docx2python(before) as signed:
        assert read.text == signed.text and note not in read.text
    verified = cli("verify", str(minutes))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "management oversight by Alex Morgan of 2026-12-01" in verified.stdout
    assert note in verified.stdout
    parent = tmp_path / "parent.docx"
    assert cli("export", meeting_id, "--audience", "parent", "--out", str(parent)).returncode == 0
    verified = cli("verify", str(parent))
    assert verified.returncode == 0 and note not in verified.stdout  # for the agencies only
