"""export, export-all and calendar from the command line, in a child process."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from docx2python import docx2python
from icalendar import Calendar
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.exporters import protect
from strategy_minutes.storage.atomic_file import write_atomic

from tests.conftest import cli_env

Cli = Callable[..., CompletedProcess[str]]


@pytest.fixture
def meeting_id(cli: Cli) -> str:
    done = cli("demo")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def text(path: Path) -> str:
    with docx2python(path) as d:
        return d.text


def test_export_each_audience(cli: Cli, meeting_id: str, tmp_path: Path) -> None:
    full, parent = tmp_path / "full.docx", tmp_path / "parent.docx"
    done = cli("export", meeting_id[:8], "--out", str(full))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(full)
    assert "Callum was spoken to in 2025" in text(full)
    as_parent = ("export", meeting_id, "--out", str(parent), "--audience", "parent")
    assert cli(*as_parent).returncode == 1 and not parent.exists()  # the chair decides first
    for row in json.loads(cli("disclosure", meeting_id, "--json").stdout):
        if row["source"] == "hit":
            cli("disclosure", meeting_id, "--withhold", row["place"], "--reason", "A name")
    assert cli(*as_parent, "--accept-defaults").returncode == 0
    assert "Callum was spoken to in 2025" not in text(parent)
    bad = cli("export", meeting_id, "--out", str(tmp_path / "x.docx"), "--audience", "press")
    assert bad.returncode == 2 and not (tmp_path / "x.docx").exists()


def test_password_from_the_environment(cli: Cli, meeting_id: str, tmp_path: Path) -> None:
    out = tmp_path / "locked.docx"
    env = cli_env() | {"MINUTES_PASSWORD": "Tr0ub4dor&3"}
    done = cli(
        "export", meeting_id, "--out", str(out), "--password-env", "MINUTES_PASSWORD", env=env
    )
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert protect.is_encrypted(data)
    with docx2python(io.BytesIO(protect.decrypt(data, "Tr0ub4dor&3"))) as d:
        assert "Strategy meeting minutes" in d.text
    missing = cli(
        "export",
        meeting_id,
        "--out",
        str(tmp_path / "no.docx"),
        "--password-env",
        "NOT_SET_ANYWHERE",
    )
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "NOT_SET_ANYWHERE" in missing.stderr
    assert not (tmp_path / "no.docx").exists()


def test_export_all_filters_and_names_files(cli: Cli, meeting_id: str, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    data = demo_json(date(2025, 3, 4))
    data["facts"]["case_reference"] = "OLD/2025 7"
    old.write_text(json.dumps(data), "utf-8")
    assert cli("import", str(old)).returncode == 0
    out = tmp_path / "all"
    done = cli("export-all", "--out", str(out))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(Path(line).name for line in done.stdout.split())
    assert "OLD-2025-7_2025-03-04_full.docx" in names and len(names) == 2
    recent = cli(
        "export-all",
        "--out",
        str(tmp_path / "recent"),
        "--since",
        date.today().isoformat(),
        "--status",
        "draft",
    )
    assert recent.returncode == 0, recent.stderr
    assert [Path(p).name.startswith("DEMO-2026-0147") for p in recent.stdout.split()] == [True]
    bad = cli("export-all", "--out", str(tmp_path / "bad"), "--since", "24/11/2026")
    assert bad.returncode == 2 and "24/11/2026" in bad.stderr and not (tmp_path / "bad").exists()


def test_calendar(cli: Cli, meeting_id: str, tmp_path: Path) -> None:
    out = tmp_path / "schedule.ics"
    done = cli("calendar", meeting_id, "--out", str(out))
    assert done.returncode == 0, done.stderr
    cal = Calendar.from_ical(out.read_bytes())
    assert len([c for c in cal.walk() if c.name == "VEVENT"]) == 2
    assert cli("calendar", meeting_id, "--out", str(tmp_path / "x.txt")).returncode == 2


def test_a_failed_write_leaves_no_partial_file(cli: Cli, meeting_id: str, tmp_path: Path) -> None:
    blocked = tmp_path / "taken.docx"
    blocked.mkdir()  # the rename onto a folder fails after the data was written
    done = cli("export", meeting_id, "--out", str(blocked))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "taken.docx"]


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "m.docx"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["m.docx"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_signed_meeting_exports_with_its_signature(
    cli: Cli, meeting_id: str, tmp_path: Path
) -> None:
    signed = cli("sign", meeting_id, "--name", "Siân Llywelyn", "--role", "Team manager")
    assert signed.returncode == 0, signed.stderr
    out = tmp_path / "signed.docx"
    done = cli("export", meeting_id, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Approved by" in text(out) and "Not yet signed" not in text(out)
    assert cli("verify", str(out)).returncode == 0
