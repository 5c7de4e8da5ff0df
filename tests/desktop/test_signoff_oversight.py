"""Management oversight after signing: its own signed entry, carried and checked in copies.

It travels in the signatures part of later copies, beside the chair's signature, so the
chair's signed file is handed out unchanged; verify checks it and lists who signed it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import canonical, document, lifecycle, oversight, verify
from strategy_minutes.exporters.docx_minutes import export_meeting
from strategy_minutes.storage import signatures

from strategy_minutes.__main__ import main
from tests.desktop.signed_copies import entries, rezip, signatures_of, with_signatures


@pytest.fixture
def signed_id(service: MeetingService) -> str:
    meeting_id = service.add_demo(date.today())
    with pytest.raises(lifecycle.SignoffProblem, match="not signed yet"):
        oversight.record(service.store, meeting_id, "Grace Obi", "Plan reviewed.")
    lifecycle.sign(service.store, service.get(meeting_id))
    return meeting_id


def _export(service: MeetingService, meeting_id: str, path: Path, audience: str) -> Path:
    export_meeting(
        service.get(meeting_id),
        path,
        audience,
        approval=document.approval_for(service, meeting_id, audience),
    )
    document.attach_signature(service, meeting_id, path, audience)
    return path


def test_oversight_is_signed_kept_and_carried(
    service: MeetingService, signed_id: str, tmp_path: Path
) -> None:
    entry = oversight.record(
        service.store, signed_id, "Grace Obi", "Plan reviewed; interviews on track.", "2026-11-26"
    )
    assert entry["version"] == 1 and entry["date"] == "2026-11-26"
    [row] = signatures.oversight(service.store.db, signed_id)
    full = signatures.signed(service.store.db, signed_id)
    assert canonical.parse_any(row["record"])["signed_record_sha256"] == full.record_sha256
    assert service.repo.audit_entries(signed_id)[-1].action == "oversight"
    copy = _export(service, signed_id, tmp_path / "full.docx", "full")
    _holder, _chair, carried = signatures_of(entries(copy.read_bytes()))
    [raw] = json.loads(carried.entries)
    assert base64.b64decode(raw["record"]) == row["record"]
    verdict = verify.verify_document(copy, signatures.trusted(service.store.db))
    assert verdict.code == 0, verdict.lines
    assert "management oversight by Grace Obi of 2026-11-26" in " ".join(verdict.lines)
    assert verdict.signed_by[1]["name"] == "Grace Obi" and verdict.signed_by[1]["known"]
    parent = _export(service, signed_id, tmp_path / "parent.docx", "parent")
    assert signatures_of(entries(parent.read_bytes()))[2] is None  # for professionals only
    assert verify.verify_document(parent, signatures.trusted(service.store.db)).code == 0


def test_changed_oversight_is_detected(
    service: MeetingService, signed_id: str, tmp_path: Path
) -> None:
    oversight.record(service.store, signed_id, "Grace Obi", "Plan reviewed.", "2026-11-26")
    copy = _export(service, signed_id, tmp_path / "full.docx", "full")
    parts = entries(copy.read_bytes())
    _holder, chair, part = signatures_of(parts)
    carried = json.loads(part.entries)
    record = base64.b64decode(carried[0]["record"]).replace(b"Plan reviewed.", b"Plan dropped.")
    carried[0]["record"] = base64.b64encode(record).decode()
    changed = replace(part, entries=canonical.canonical_bytes(carried))
    copy.write_bytes(rezip(with_signatures(parts, chair, changed)))
    verdict = verify.verify_document(copy, signatures.trusted(service.store.db))
    assert verdict.code == 1 and "oversight inside the document was changed" in verdict.lines[0]


def test_oversight_command(
    service: MeetingService, signed_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = service.store.folder
    service.store.close()
    args = ["--data-dir", str(folder), "oversight", signed_id]
    assert main([*args, "--name", "Grace Obi", "--note", "Reviewed.", "--date", "26/11"]) == 2
    assert "is not a date" in capsys.readouterr().err
    assert main([*args, "--name", "Grace Obi", "--note", "Reviewed.", "--date", "2026-11-26"]) == 0
    assert "Recorded and signed Grace Obi's oversight of version 1" in capsys.readouterr().out
    assert main(args) == 0
    assert "2026-11-26  Grace Obi (on version 1): Reviewed." in capsys.readouterr().out
