"""The register opened read-only in the app by a manager or an admin, against the session's
real PostgreSQL: reached from the View menu, the published meetings, a meeting's minutes
shown and exported so that they verify, and the drift view across chairs."""

from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest
from strategy_minutes.desktop.register import sync
from strategy_minutes.desktop.register.reader import RegisterReader
from strategy_minutes.desktop.signoff import verify
from strategy_minutes.storage import register_local, signatures
from strategy_minutes.ui.main_window import MainWindow
from strategy_minutes.ui.register_view import MinutesView, OpenRegisterDialog, RegisterWindow

from tests.register.conftest import SIGNERS, sign_new
from tests.ui.accessibility import problems

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def published(register, laptop, monkeypatch):
    """Both chairs' laptops published; chair B also a meeting of 40 days ago that drifts."""
    a, b = laptop("chair_a"), laptop("chair_b")
    drifting = sign_new(b, "CASE-OLD-7", date.today() - timedelta(days=40), SIGNERS["chair_b"])
    for store, person in ((a, "chair_a"), (b, "chair_b"), (a, "chair_a")):
        report = sync.sync(store, register.address(person), register.password(person))
        assert report.waiting == 0 and report.refused == []
    return a, drifting


def test_a_manager_opens_the_register_from_the_menu_and_reads_every_chair(
    register, published, qtbot, tmp_path
):
    store, drifting = published
    register_local.set_settings(store.db, {"url": register.url("chair_a")})
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.register_action.trigger()
    ask = window.register_dialog
    assert isinstance(ask, OpenRegisterDialog) and ask.url.text() == register.url("chair_a")
    assert [str(p) for p in problems(ask)] == []  # as a screen reader meets it
    ask.password.setText(register.password("chair_a"))
    ask.try_open()  # a chair's login is not for this window
    assert ask.isVisible() and "is a chair" in ask.problem.text()
    ask.url.setText(register.url("manager"))
    ask.password.setText("not the password")
    ask.try_open()
    assert ask.isVisible() and "refused the login" in ask.problem.text()
    ask.password.setText(register.password("manager"))
    ask.try_open()
    view = window.register_dialog
    assert isinstance(view, RegisterWindow) and view.isVisible() and view.reader.role == "manager"

    said = [str(p) for p in problems(view)]
    assert said == [], "\n".join(said)
    rows = view.meetings.rows
    assert len(rows) == 3 and {r["chair"] for r in rows} == set(SIGNERS.values())
    assert all(r["status"] == "Signed; no oversight yet" for r in rows)
    assert rows[-1]["case_reference"] == "CASE-OLD-7"  # newest meeting first
    assert "3 published meeting(s)" in view.said.text()

    # the drift view, read when its tab is shown: B's old meeting, by the laptops' rules
    assert view.lines.rows == [] and not view.attention_read
    view.tabs.setCurrentIndex(1)  # read on its own thread and session: the window goes on
    assert view.attention_said.text().startswith("Checking the signed record")
    qtbot.waitUntil(lambda: bool(view.lines.rows), timeout=30_000)
    lines = view.lines.rows
    assert lines and {ln["meeting_id"] for ln in lines} == {drifting}
    assert {ln["chair"] for ln in lines} == {SIGNERS["chair_b"]}
    assert "need attention" in view.attention_said.text()
    shown = view.open_line(0)
    assert isinstance(shown, MinutesView) and shown.minutes.meeting_id == drifting
    assert "CASE-OLD-7" in shown.minutes.heading and shown.minutes.text.strip()
    assert [str(p) for p in problems(shown)] == []
    shown.reject()

    # open the first meeting and export its minutes; the copy verifies on a chair's laptop
    view.meeting_table.selectRow(0)
    view.open_chosen()
    minutes = view.minutes_view
    assert minutes.isVisible() and "version 1 signed by" in minutes.minutes.heading
    out = view.export_meeting(minutes.minutes.meeting_id, tmp_path / "minutes.docx")
    assert out is not None and out.exists() and "Wrote" in view.said.text()
    checked = verify.verify_data(out.read_bytes(), out.name, signatures.trusted(store.db))
    assert checked.code == verify.VALID, checked.lines
    minutes.reject()
    view.reject()
    assert view.reader.conn.closed
    window.close()


def test_the_register_window_cannot_write_even_as_a_manager(register, published):
    """The session is read-only in the database: a manager who may record oversight through
    the command line cannot write anything through this window's connection."""
    reader = RegisterReader.open(register.url("manager"), register.password("manager"))
    try:
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.conn.execute(
                "INSERT INTO strategy_minutes.signers VALUES ('x', '', '', '', 'x', now(), 0)"
            )
    finally:
        reader.close()


def test_a_row_changed_in_the_database_is_reported_when_opened(
    register, published, qtbot, tmp_path
):
    _store, drifting = published
    with register.superuser() as su:
        su.execute("ALTER TABLE strategy_minutes.signed_versions DISABLE TRIGGER immutable")
        su.execute(
            "UPDATE strategy_minutes.signed_versions SET record = convert_to(replace("
            "convert_from(record, 'UTF8'), 'CASE-OLD-7', 'CASE-OLD-8'), 'UTF8') "
            "WHERE meeting_id = %s",
            [drifting],
        )
        su.execute("ALTER TABLE strategy_minutes.signed_versions ENABLE TRIGGER immutable")
    reader = RegisterReader.open(register.url("admin"), register.password("admin"))
    view = RegisterWindow(reader)
    qtbot.addWidget(view)
    assert view.open_meeting(drifting) is None
    assert view.said.text().startswith("That meeting was not shown:")
    assert view.export_meeting(drifting, tmp_path / "changed.docx") is None
    assert view.said.text().startswith("Nothing was exported:")
    assert not (tmp_path / "changed.docx").exists()
    view.reject()


def _sessions(register, login: str) -> int:
    with register.superuser() as su:
        return su.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = %s", [login]
        ).fetchone()[0]


@pytest.mark.parametrize(
    "how", ["closed while checking", "password changed meanwhile", "read twice"]
)
def test_the_drift_view_on_its_own_session_leaves_nothing_behind(register, published, qtbot, how):
    """What a hurried manager, or the register itself, could do while the drift view is being
    read on its second session: that session is always closed, and the window either shows
    the newest answer or says in one sentence why there is none."""
    _store, drifting = published
    login = register.address("manager").user
    reader = RegisterReader.open(register.url("manager"), register.password("manager"))
    view = RegisterWindow(reader)
    qtbot.addWidget(view)
    if how == "password changed meanwhile":
        reader._secret = "not the password any more"
    view.tabs.setCurrentIndex(1)
    jobs = [view.attention_job]
    if how == "read twice":
        view.refresh()  # asks again while the first read is under way
        jobs.append(view.attention_job)
    if how == "closed while checking":
        view.reject()
        assert all(job.wait(30) for job in jobs)
        qtbot.waitUntil(lambda: _sessions(register, login) == 0, timeout=10_000)
        return
    assert all(job.wait(30) for job in jobs)
    if how == "password changed meanwhile":
        qtbot.waitUntil(lambda: "refused the login" in view.attention_said.text())
        assert view.lines.rows == []
    else:
        qtbot.waitUntil(lambda: bool(view.lines.rows))
        assert {ln["meeting_id"] for ln in view.lines.rows} == {drifting}
    assert _sessions(register, login) == 1  # the window's own, until it closes
    view.reject()
    qtbot.waitUntil(lambda: _sessions(register, login) == 0, timeout=10_000)
