"""A whole section (Think Family, grooming, support, outcome) can be withheld from parents."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx2python import docx2python
from strategy_minutes.desktop.meeting import audiences, jsonformat
from strategy_minutes.desktop.meeting.demo import demo_json

from tests.desktop.signed_copies import entries, signatures_of

MARK = "Mother treated for anxiety"  # a Think Family note in the demo: third-party for parents


def _package_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(
            package.read(name).decode("utf-8", "replace")
            for name in package.namelist()
            if not name.endswith(".png")
        )


def test_view_and_preview_withhold_the_section() -> None:
    meeting = jsonformat.from_json(demo_json())
    assert meeting.section("think_family")["restriction"] == "third_party"
    parent = audiences.view(meeting, audiences.PARENT)
    assert parent.meeting.section("think_family")["mental_health_note"] is None
    assert parent.section_withheld("think_family").item == "The whole section"
    assert ("Think Family", 0, 1) in audiences.audience_preview(meeting, audiences.PARENT)
    assert ("Think Family", 1, 0) in audiences.audience_preview(meeting, audiences.FULL)
    full = audiences.view(meeting, audiences.FULL)
    assert MARK in full.meeting.section("think_family")["mental_health_note"]


def _record(path: Path) -> bytes:
    return signatures_of(entries(path.read_bytes()))[1].record


def test_signed_parent_copy_carries_none_of_it_anywhere_and_verifies(cli, tmp_path: Path) -> None:
    meeting_id = cli("demo").stdout.strip()
    assert cli("sign", meeting_id).returncode == 0
    parent, full = tmp_path / "parent.docx", tmp_path / "full.docx"
    assert cli("export", meeting_id, "--audience", "parent", "--out", str(parent)).returncode == 0
    assert cli("export", meeting_id, "--out", str(full)).returncode == 0
    assert MARK not in _package_text(parent)  # body and properties
    assert MARK.encode() not in _record(parent)  # the signed record
    assert MARK.encode() in _record(full)
    with docx2python(parent) as read:
        assert "Withheld from this copy (third-party information)" in read.text
        assert "The whole section" in read.text
    with docx2python(full) as read:
        assert MARK in read.text
    verified = cli("verify", str(parent))
    assert verified.returncode == 0, verified.stdout + verified.stderr
