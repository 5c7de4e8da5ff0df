"""The sign-off at the command line: sign, addendum, verify on a second laptop, signers."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import document
from strategy_minutes.exporters.docx_minutes import export_meeting
from strategy_minutes.storage.store import open_store

from tests.conftest import PASSPHRASE


def _export(data_dir: Path, meeting_id: str, path: Path, audience: str = "full") -> None:
    """Export as the export command will: the minutes, then the signature attached."""
    keyring.set_keyring(fail.Keyring())  # the CLI's stores are protected by a passphrase
    store = open_store(data_dir, lambda confirm: PASSPHRASE)
    try:
        service = MeetingService(store)
        export_meeting(
            service.get(meeting_id),
            path,
            audience,
            approval=document.approval_for(service, meeting_id, audience),
        )
        document.attach_signature(service, meeting_id, path, audience)
    finally:
        store.close()


@pytest.fixture
def demo_id(cli) -> str:  # type: ignore[no-untyped-def]
    done = cli("demo")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_sign_then_read_only_then_addendum(cli, demo_id: str) -> None:  # type: ignore[no-untyped-def]
    done = cli("sign", demo_id[:8], "--role", "Team manager")
    assert done.returncode == 0, done.stderr
    assert "Signed version 1" in done.stdout and "Siân Llywelyn (Team manager)" in done.stdout
    again = cli("sign", demo_id)
    assert again.returncode == 2 and "already signed as version 1" in again.stderr
    assert cli("addendum", demo_id, "--reason", " ").returncode == 2
    opened = cli("addendum", demo_id, "--reason", "Corrected the venue")
    assert opened.returncode == 0 and "version 2" in opened.stdout
    assert "Signed version 2" in cli("sign", demo_id).stdout
    trail = cli("audit", demo_id)
    assert "sign" in trail.stdout and "addendum" in trail.stdout


def test_sign_refused_lists_blockers(cli) -> None:  # type: ignore[no-untyped-def]
    meeting = {
        "format": "strategy-minutes/1",
        "facts": {"case_reference": "NF/1", "chair": "Ada Quill"},
    }
    meeting_id = cli("import", "-", stdin=json.dumps(meeting)).stdout.strip()
    done = cli("sign", meeting_id)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "Signing was refused while these stand:"
    assert len(lines) > 1 and all(line.startswith("  - ") for line in lines[1:])
    shown = cli("list", "--json")
    assert json.loads(shown.stdout)[0]["status"] == "draft"


def test_second_laptop_knows_the_chair_once_key_imported(
    cli, demo_id: str, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert cli("sign", demo_id).returncode == 0
    copy = tmp_path / "minutes.docx"
    _export(data_dir, demo_id, copy)
    assert cli("verify", str(copy)).returncode == 0  # the signing laptop knows its own key
    second = tmp_path / "second"
    assert cli("list", data=second).returncode == 0  # a second, empty store
    unknown = cli("verify", str(copy), data=second)
    assert unknown.returncode == 1 and "not in the register of trusted signers" in unknown.stderr
    assert cli("verify", str(copy), "--allow-unknown", data=second).returncode == 0
    register = tmp_path / "signers.json"
    assert cli("signers", "export", "--out", str(register)).returncode == 0
    assert "public_key" in register.read_text() and "private" not in register.read_text()
    imported = cli("signers", "import", str(register), data=second)
    assert imported.returncode == 0 and "Imported 1 signer" in imported.stdout
    known = cli("verify", str(copy), "--json", data=second)
    assert known.returncode == 0, known.stdout
    out = json.loads(known.stdout)
    assert out["valid"] and out["signer_known"] and out["signer"]["name"] == "Siân Llywelyn"
    listed = cli("signers", "list", data=second)
    assert "Siân Llywelyn" in listed.stdout


def test_verify_unreadable_and_bad_register(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.docx"
    junk.write_text("not a document")
    done = cli("verify", str(junk))
    assert done.returncode == 2 and "not a Word document" in done.stderr
    assert cli("verify", str(tmp_path / "missing.docx")).returncode == 2
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "strategy-minutes-signers/1",
                "signers": [{"name": "X", "public_key": "AAAA"}],
            }
        )
    )
    refused = cli("signers", "import", str(bad))
    assert refused.returncode == 2 and "nothing was imported" in refused.stderr
    assert cli("signers", "list").stdout == ""


def test_whole_path_review_comments_sign_export_verify(cli, demo_id: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    review = tmp_path / "review.docx"
    assert cli("export", demo_id, "--audience", "review", "--out", str(review)).returncode == 0
    doc = docx.Document(str(review))
    target = next(
        p
        for t in doc.tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
        if "Northfield Public Protection Unit" in p.text
    )
    doc.add_comment(target.runs, text="Unit renamed last month.", author="DC Zofia Wiśniewska")
    back = tmp_path / "back.docx"
    doc.save(str(back))
    assert cli("comments", "import", demo_id, str(back)).returncode == 0
    refused = cli("sign", demo_id)
    assert refused.returncode == 1 and "review comment(s) are not resolved" in refused.stderr
    [comment] = json.loads(cli("comments", "list", demo_id, "--json").stdout)
    assert comment["where"] == "Attendance: DC Zofia Wiśniewska"
    assert cli("comments", "resolve", demo_id, comment["id"], "--declined").returncode == 2
    assert (
        cli(
            "comments",
            "resolve",
            demo_id,
            comment["id"],
            "--declined",
            "--reason",
            "The unit keeps its name until April.",
        ).returncode
        == 0
    )
    assert cli("sign", demo_id).returncode == 0
    minutes = tmp_path / "minutes.docx"
    assert cli("export", demo_id, "--out", str(minutes)).returncode == 0
    done = cli("verify", str(minutes))
    assert done.returncode == 0 and "exactly what was signed" in done.stdout
