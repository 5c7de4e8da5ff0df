"""A store that cannot write is named in one sentence, by the service and the command line.

The failures are real: SQLite's `query_only` (a read-only database), `max_page_count` at the
current size (a full disk), and a child process whose file-size limit (RLIMIT_FSIZE) stops
the database from growing, as a full disk does (the write fails; SQLite says "disk I/O
error"). Python ignores SIGXFSZ, so the child sees the failed write, not a signal.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.services import MeetingService, NotSaved

from tests.conftest import cli_env

LONG = "The school's designated safeguarding lead gave a full account. " * 1000  # ~64 kB


def _read_only(service: MeetingService) -> None:
    service.store.db.execute("PRAGMA query_only = ON")


def _full(service: MeetingService) -> None:
    pages = service.store.db.execute("PRAGMA page_count").fetchone()[0]
    service.store.db.execute(f"PRAGMA max_page_count = {pages}")


@pytest.mark.parametrize(
    ("fail", "said"),
    [
        pytest.param(_read_only, "read-only", id="read-only"),
        pytest.param(_full, "is full", id="disk-full"),
    ],
)
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s, m: s.set_field(m, "facts", None, "reason", LONG), id="section"),
        pytest.param(lambda s, m: s.add_item(m, "people", {"name": LONG}), id="add-item"),
        pytest.param(lambda s, m: s.add_demo(), id="new-meeting"),
    ],
)
def test_a_refused_write_is_not_saved_and_says_why(
    service: MeetingService, fail, said: str, change
) -> None:
    meeting_id = service.new_meeting("WP-1")
    before = service.repo.load(meeting_id)
    trail = len(service.repo.audit_entries(meeting_id))
    fail(service)
    with pytest.raises(NotSaved) as refused:
        change(service, meeting_id)
    sentence = str(refused.value)
    assert sentence.startswith("Not saved:") and said in sentence
    assert sentence.count(".") == 1 and sentence.endswith(".")
    assert service.repo.load(meeting_id) == before  # nothing half-written
    assert len(service.repo.audit_entries(meeting_id)) == trail
    assert service.repo.meeting_ids() == [meeting_id]


def _fsize_limit(limit: int):  # noqa: ANN202 (a preexec_fn)
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("demo",), id="demo"),
        pytest.param(("import", "{big}"), id="import"),
    ],
)
def test_command_line_names_a_disk_that_takes_no_more(
    cli, data_dir: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    assert cli("demo").returncode == 0
    big = tmp_path / "big.json"
    meeting = demo_json()
    meeting["facts"]["reason"] = LONG
    big.write_text(json.dumps(meeting), "utf-8")
    argv = [a.replace("{big}", str(big)) for a in args]
    run = subprocess.run(
        [sys.executable, "-m", "strategy_minutes", "--data-dir", str(data_dir), *argv],
        capture_output=True,
        text=True,
        env=cli_env(),
        preexec_fn=_fsize_limit(32768),  # smaller than one meeting's transaction
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 2, run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert "unexpected problem" not in run.stderr
    assert "Traceback" not in run.stderr
    assert last.startswith("Not saved:") and "disk" in last
    listed = cli("list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1  # nothing half-added
