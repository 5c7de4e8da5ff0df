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
    from strategy_minutes.desktop.register import sync
    from strategy_minutes.desktop.services import MeetingService
    from strategy_minutes.desktop.signoff import progress

    store = open_laptop(tmp_path / "chair_b")
    try:
        meeting_id = sign_new(store, "CASE-DRIFT-1", date.today() - timedelta(days=40))
        meeting = MeetingService(store).get(meeting_id)
        done = next(  # an overdue action; its progress after signing is signed and published
            a.id
            for a in meeting.actions
            if a.data["status"] == "open" and str(a.data["due"] or "9") < date.today().isoformat()
        )
        progress.record(store, meeting, done, "done", "Held on the day agreed.", "Idris Pennant")
        report = sync.sync(store, register.address("chair_b"), register.password("chair_b"))
        assert report.published[-1].startswith("progress:") and report.waiting == 0
    finally:
        store.close()
    keyring.set_keyring(fail.Keyring())
    with register.connect("manager") as conn:
        lines, refused = team.attention(conn, date.today())
        rows = team.attention_rows(conn, date.today())
    assert refused == [] and lines and len(lines) == len(rows) - 1
    assert done not in {line.get("action_id") for line in lines}
    assert any(r["item"] == done for r in rows)  # the query found it; its progress closed it
    assert {line["meeting_id"] for line in lines} == {meeting_id}
    kinds = {line["kind"] for line in lines}
    assert "overdue_action" in kinds and "review_past_date" in kinds
    run = cli(
        "register", "attention", "--url", register.url("manager"), "--json",
        env=_env(register, "manager"), data=tmp_path / "manager",
    )  # fmt: skip
    assert run.returncode == 1
    assert json.loads(run.stdout)["lines"] == json.loads(json.dumps(lines))
