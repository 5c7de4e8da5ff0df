"""The register commands as an admin's script and a chair's laptop run them: exit codes and
what they write, against the session's real PostgreSQL."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import keyring
from keyring.backends import fail
from strategy_minutes.desktop.register import team

from tests.conftest import cli_env
from tests.register.conftest import open_laptop, sign_new


def _env(register, person):
    env = cli_env()
    env["STRATEGY_MINUTES_REGISTER_PASSWORD"] = register.password(person)
    return env


def test_a_chair_connects_syncs_and_an_admin_exports_what_verifies(
    register, signed_laptops, tmp_path, cli
):
    folder = tmp_path / "chair_a"
    shutil.copytree(signed_laptops["chair_a"], folder)
    env = _env(register, "chair_a")
    run = cli("register", "sync", env=env, data=folder)
    assert run.returncode == 2 and "not connected to a register" in run.stderr
    run = cli("register", "connect", "--url", register.url("chair_a"), env=env, data=folder)
    assert run.returncode == 0, run.stderr
    assert "(chair); 1 item(s) wait" in run.stdout and "no secure keyring" in run.stdout
    status = json.loads(cli("register", "status", "--json", env=env, data=folder).stdout)
    assert (status["reachable"], status["role"], len(status["waiting"])) == (True, "chair", 1)
    run = cli("register", "sync", env=env, data=folder)
    assert run.returncode == 0 and "Published 1 item(s)" in run.stdout, run.stderr
    status = json.loads(cli("register", "status", "--json", env=env, data=folder).stdout)
    assert (status["waiting"], status["published"]) == ([], 1)

    out = tmp_path / "exported"
    admin_env = _env(register, "admin")
    run = cli(
        "register", "export-all", "--url", register.url("admin"), "--out", str(out),
        "--audience", "full", "parent", env=admin_env, data=tmp_path / "admin",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    files = sorted(out.iterdir())
    assert [f.name.rsplit("_", 1)[1] for f in files] == ["full.docx", "parent.docx"]
    for f in files:  # the chair's laptop knows the signer, so verify passes
        check = cli("verify", str(f), data=folder)
        assert check.returncode == 0, check.stderr
    run = cli(
        "register", "export-all", "--url", register.url("admin"), "--out", str(out),
        "--case", "NO-SUCH-CASE", env=admin_env, data=tmp_path / "admin",
    )  # fmt: skip
    assert run.returncode == 0 and "Wrote 0 signed copies" in run.stderr


def test_sync_with_the_register_out_of_reach_exits_1_and_keeps_what_waits(
    register, signed_laptops, tmp_path, cli, pg_server
):
    folder = tmp_path / "chair_a"
    shutil.copytree(signed_laptops["chair_a"], folder)
    env = _env(register, "chair_a")
    assert cli("register", "connect", "--url", register.url("chair_a"), env=env, data=folder)
    pg_server.stop()
    try:
        run = cli("register", "sync", env=env, data=folder)
    finally:
        pg_server.start()
    assert run.returncode == 1 and "could not be reached" in run.stderr
    assert "1 item(s) wait to be published" in run.stderr
    assert cli("register", "sync", env=env, data=folder).returncode == 0


def test_a_password_in_the_url_or_a_wrong_one_is_refused(register, cli, tmp_path):
    url = register.url("chair_a").replace("@", ":pw@")
    run = cli("register", "connect", "--url", url, env=cli_env(), data=tmp_path / "x")
    assert run.returncode == 2 and "must not hold the password" in run.stderr
    env = cli_env()
    env["STRATEGY_MINUTES_REGISTER_PASSWORD"] = "not-the-password"
    run = cli("register", "connect", "--url", register.url("chair_a"), env=env, data=tmp_path)
    assert run.returncode == 2 and "refused the login" in run.stderr


def test_attention_across_chairs_reads_each_line_from_a_verified_record(
    register, tmp_path, cli, no_keyring
):
    from strategy_minutes.desktop.case.attention import attention as local_attention
    from strategy_minutes.desktop.register import sync
    from strategy_minutes.desktop.services import MeetingService
    from strategy_minutes.desktop.signoff import progress

    store = open_laptop(tmp_path / "chair_b")
    try:
        meeting_id = sign_new(store, "CASE-DRIFT-1", date.today() - timedelta(days=40))
        service = MeetingService(store)
        meeting = service.get(meeting_id)
        done = next(  # an overdue action; its progress after signing is signed and published
            a.id
            for a in meeting.actions
            if a.data["status"] == "open" and str(a.data["due"] or "9") < date.today().isoformat()
        )
        progress.record(store, meeting, done, "done", "Held on the day agreed.", "Idris Pennant")
        report = sync.sync(store, register.address("chair_b"), register.password("chair_b"))
        assert report.published[-1].startswith("progress:") and report.waiting == 0
        # the laptop's own view of the same meeting, on days either side of bank holidays
        days = [date.today(), date(2026, 12, 24), date(2026, 12, 29), date.today() + timedelta(50)]
        local = {
            day: [
                ln.as_json()
                for ln in local_attention(service, day)
                if ln.concern in ("action-overdue", "review-overdue", "oversight-missing")
            ]
            for day in days
        }
    finally:
        store.close()
    keyring.set_keyring(fail.Keyring())
    with register.connect("manager") as conn:
        found = team.attention_rows(conn, date.today())
        assert len(found) == 1 and found[0].review_due  # its review date has passed
        for day in days:  # the same working-day rules as the laptop's attention view
            lines, refused = team.attention(conn, day)
            assert refused == []
            shared = [{k: ln[k] for k in local[day][0]} for ln in lines] if local[day] else []
            assert shared == local[day], day
        lines, _refused = team.attention(conn, date.today())
    assert done not in {line["item_id"] for line in lines}
    assert {"action-overdue", "review-overdue"} <= {line["concern"] for line in lines}
    run = cli(
        "register", "attention", "--url", register.url("manager"), "--json",
        env=_env(register, "manager"), data=tmp_path / "manager",
    )  # fmt: skip
    assert run.returncode == 1
    assert json.loads(run.stdout)["lines"] == json.loads(json.dumps(lines))
    run = cli(
        "register", "attention", "--url", register.url("manager"),
        env=_env(register, "manager"), data=tmp_path / "manager",
    )  # fmt: skip
    assert run.returncode == 1 and "working day(s)" in run.stdout and "CASE-DRIFT-1" in run.stdout


def test_export_all_hands_out_the_addendum_with_its_progress_as_the_laptop_does(
    register, signed_laptops, tmp_path, cli, no_keyring
):
    """The newest published version (an addendum) with the action progress published on it:
    byte for byte the copy the chair's laptop exports itself, and `verify` passes on it."""
    from strategy_minutes.desktop.exports import write_copy
    from strategy_minutes.desktop.register import sync
    from strategy_minutes.desktop.services import MeetingService
    from strategy_minutes.desktop.signoff import lifecycle, progress

    folder = tmp_path / "chair_a"
    shutil.copytree(signed_laptops["chair_a"], folder)
    store = open_laptop(folder)
    local = tmp_path / "local"
    local.mkdir()
    try:
        service = MeetingService(store)
        [meeting_id] = [row["id"] for row in service.summaries()]
        meeting = service.get(meeting_id)
        action = next(a.id for a in meeting.actions if a.data["status"] == "open")
        progress.record(store, meeting, action, "in_progress", "Visit booked.", "M. Tregarth")
        lifecycle.open_addendum(store, meeting_id, "Police asked to correct a date")
        lifecycle.sign(store, service.get(meeting_id))
        progress.record(store, service.get(meeting_id), action, "done", "Visit held.", "MT")
        report = sync.sync(store, register.address("chair_a"), register.password("chair_a"))
        assert report.waiting == 0 and len(report.published) == 4, report.published
        for audience in ("full", "attendee"):
            path, said = write_copy(service, service.get(meeting_id), local / audience, audience)
            assert "version 2" in said and "1 action progress entry" in said, said
    finally:
        store.close()
    out = tmp_path / "exported"
    run = cli(
        "register", "export-all", "--url", register.url("admin"), "--out", str(out),
        "--audience", "full", "attendee", env=_env(register, "admin"), data=tmp_path / "admin",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    files = sorted(out.iterdir())
    assert [f.name.rsplit("_", 1)[1] for f in files] == ["attendee.docx", "full.docx"]
    for f in files:
        audience = f.name.rsplit("_", 1)[1].removesuffix(".docx")
        assert f.read_bytes() == (local / audience).read_bytes(), audience
        check = cli("verify", str(f), data=folder)
        assert check.returncode == 0, check.stderr
        assert "version 2" in check.stdout and "Visit held" not in check.stderr
        assert "progress on the action" in check.stdout, check.stdout


def test_a_review_published_later_takes_over_the_actions_it_carries(register, tmp_path, no_keyring):
    """The earlier meeting's carried actions and passed review date leave the drift view once
    a review meeting carrying them is published (the laptop's rule: the review chases them)."""
    import uuid

    from strategy_minutes.desktop.register import sync
    from strategy_minutes.desktop.register.signed_rows import VersionRow, sha256
    from strategy_minutes.desktop.signoff import canonical
    from strategy_minutes.desktop.signoff.keys import signing_key
    from strategy_minutes.storage import signatures

    store = open_laptop(tmp_path / "chair_a")
    try:
        first = sign_new(store, "CASE-CARRY-1", date.today() - timedelta(days=60))
        assert sync.sync(store, register.address("chair_a"), register.password("chair_a"))
        signed = signatures.signed(store.db, first, 1, "full")
        docx = signatures.signed_file(store.db, first, 1, "full")
        key = signing_key(store)
    finally:
        store.close()
    with register.connect("manager") as conn:
        [before] = team.attention_rows(conn, date.today())
    assert before.review_due
    # the review, held after the review date, carrying every action (signed by the same chair)
    review = canonical.parse_record(signed.record)
    review["meeting_id"] = review["meeting"]["id"] = str(uuid.uuid4())
    review["meeting"]["facts"]["date"] = (date.today() - timedelta(days=20)).isoformat()
    review["meeting"]["outcome"]["review_date"] = (date.today() + timedelta(days=30)).isoformat()
    for action in review["meeting"]["actions"]:
        action["carried_action"], action["id"] = action["id"], str(uuid.uuid4())
        action["due"] = (date.today() + timedelta(days=10)).isoformat()
    record = canonical.canonical_bytes(review)
    with register.connect("chair_a") as conn:
        sync._send_version(
            conn, VersionRow(sha256(record), record, key.sign(record), docx, key.fingerprint)
        )
    with register.connect("manager") as conn:
        found = team.attention_rows(conn, date.today())
        lines, refused = team.attention(conn, date.today())
    assert before.record_sha256 not in {c.record_sha256 for c in found} and refused == []
    assert first not in {ln["meeting_id"] for ln in lines}


def test_the_day_of_signing_is_the_records_whatever_the_servers_time_zone(
    register, tmp_path, no_keyring, monkeypatch
):
    """Signed at 20:00 UTC is the next day in Kiritimati (UTC+14); the register's columns
    still say the day the record says, so the oversight line is not refused."""
    from datetime import UTC, datetime

    from strategy_minutes.desktop.register import sync
    from strategy_minutes.desktop.signoff import lifecycle

    with register.superuser() as su:
        su.execute(f"ALTER DATABASE {register.db} SET timezone TO 'Pacific/Kiritimati'")
    signed = datetime.combine(date.today() - timedelta(days=30), datetime.min.time(), UTC)
    monkeypatch.setattr(lifecycle, "_now", lambda: signed.replace(hour=20))
    store = open_laptop(tmp_path / "chair_a")
    try:
        meeting_id = sign_new(store, "CASE-ZONE-1", date.today() - timedelta(days=30))
        assert sync.sync(store, register.address("chair_a"), register.password("chair_a"))
    finally:
        store.close()
    with register.connect("manager") as conn:
        [found] = team.attention_rows(conn, date.today())
        lines, refused = team.attention(conn, date.today())
    with register.superuser() as su:
        [(signed_on,)] = su.execute("SELECT signed_on FROM strategy_minutes.drift").fetchall()
    assert signed_on == signed.date() and found.oversight_due and refused == []
    [line] = [ln for ln in lines if ln["concern"] == "oversight-missing"]
    assert (line["meeting_id"], line["since"]) == (meeting_id, signed.date().isoformat())
