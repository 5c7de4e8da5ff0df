"""The command line: a parent copy only as the chair decided, a forged status, hostile files.

Each hostile input is a row: what an attacker or a careless export would put in a file, the
exit code, and a word the one-sentence message must hold. Messages stay short, and nothing
is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from docx2python import docx2python

from tests.exporters.test_disclosure import MUST_NOT_SHOW, police_hold_json

Cli = Callable[..., CompletedProcess[str]]
MESSAGE_LIMIT = 300  # characters, the file's path included


def _import(cli: Cli, tmp_path: Path, data: dict) -> str:
    path = tmp_path / "meeting.json"
    path.write_text(json.dumps(data), "utf-8")
    done = cli("import", str(path))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_police_hold_case_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    meeting_id = _import(cli, tmp_path, police_hold_json())
    out = tmp_path / "parent.docx"
    args = ("export", meeting_id, "--out", str(out), "--audience", "parent")
    stopped = cli(*args)
    assert stopped.returncode == 1 and not out.exists()
    assert stopped.stderr.count("\n") == 1 and "Nothing was exported" in stopped.stderr
    assert "names Callum" in stopped.stderr  # the place and the hit, named
    # --accept-defaults does not pass a free-text hit: the chair decides each one
    assert cli(*args, "--accept-defaults").returncode == 1 and not out.exists()
    listed = json.loads(cli("disclosure", meeting_id, "--json").stdout)
    for row in listed:
        if row["source"] == "hit":
            done = cli("disclosure", meeting_id, "--withhold", row["place"], "--reason", "Names")
            assert done.returncode == 0, done.stderr
    undecided = cli(*args)
    assert undecided.returncode == 1 and "--accept-defaults" in undecided.stderr
    done = cli(*args, "--accept-defaults")
    assert done.returncode == 0, done.stderr
    with docx2python(out) as d:
        text = d.text
    for what, secret in MUST_NOT_SHOW:
        assert secret not in text, what
    audit = cli("audit", meeting_id, "--json")
    assert '"disclosure"' in audit.stdout


def test_a_decision_needs_a_known_place_and_a_reason(cli: Cli, tmp_path: Path) -> None:
    meeting_id = _import(cli, tmp_path, police_hold_json())
    for args in (
        ("--share", "no-such-item", "--reason", "x"),
        ("--share", "grooming", "--reason", "x"),
        ("--share", "grooming:nonsense", "--reason", "x"),
        ("--share", "grooming:note"),
    ):
        done = cli("disclosure", meeting_id, *args)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, (args, done.stderr)


def test_forged_signed_status_imports_as_a_draft(cli: Cli, tmp_path: Path) -> None:
    data = police_hold_json() | {"status": "signed"}
    meeting_id = _import(cli, tmp_path, data)
    listed = json.loads(cli("list", "--json").stdout)
    assert [m["status"] for m in listed if m["id"] == meeting_id] == ["draft"]
    again = tmp_path / "again.json"
    again.write_text(json.dumps(data), "utf-8")
    done = cli("import", str(again))
    assert done.returncode == 0 and "imported as a draft" in done.stderr
    assert done.stderr.count("\n") == 1


HEAD = b'{"format": "strategy-minutes/1", '
HOSTILE = [
    ("invalid UTF-8", HEAD + b'"facts": {"case_reference": "\xff\xfe"}}', "UTF-8"),
    ("lone surrogate", HEAD + b'"facts": {"case_reference": "\\ud800"}}', "case_reference"),
    ("duplicate key", HEAD + b'"facts": {"venue": "a", "venue": "b"}}', "facts.venue"),
    ("NaN", HEAD + b'"people": [{"id": "p", "name": NaN}]}', "people[0].name"),
    ("Infinity", HEAD + b'"people": [{"id": "p", "name": -Infinity}]}', "people[0].name"),
    ("deep nesting", HEAD + b'"people": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "nests"),
    ("long bad value", HEAD + b'"facts": {"date": "' + b"9" * 5000 + b'"}}', "facts.date"),
    ("bad format", b'{"format": "' + b"x" * 5000 + b'"}', "format"),
    (
        "a number of 5,000 digits",
        HEAD + b'"facts": {"venue": ' + b"9" * 5000 + b"}}",
        "facts.venue",
    ),
    ("a NUL character", HEAD + b'"people": [{"id": "p", "name": "Mai\\u0000sie"}]}', "name"),
    ("a bidi override", HEAD + b'"people": [{"id": "p", "name": "Mai\\u202esie"}]}', "name"),
    ("a form feed", HEAD + b'"facts": {"venue": "Room\\f2"}}', "Venue"),
]


@pytest.mark.parametrize(("what", "raw", "named"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gets_one_short_sentence_and_nothing_is_written(
    cli: Cli, tmp_path: Path, what: str, raw: bytes, named: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(raw)
    for command in ("import", "check"):
        done = cli(command, str(path))
        assert done.returncode == 2, (what, command, done.stderr)
        assert done.stderr.count("\n") == 1, done.stderr
        assert len(done.stderr) <= MESSAGE_LIMIT, (what, len(done.stderr))
        assert named in done.stderr and "Traceback" not in done.stderr
    assert json.loads(cli("list", "--json").stdout) == []
