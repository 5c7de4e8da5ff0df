"""A register made before migration 0003 brought up to date by `register init`: the drift
table is filled from what was already published, carried actions laid out, and the drift
view reads the same as on a register that had it from the start."""

from __future__ import annotations

import itertools
import os
from datetime import date, timedelta

from strategy_minutes.desktop.register import admin, connection, sync, team
from strategy_minutes.storage import register_schema

from tests.register.conftest import PEOPLE, Register, open_laptop, sign_new
from tests.register.server import SUPER_PASSWORD, SUPERUSER

_count = itertools.count(1)


def test_an_older_register_gains_the_drift_table_with_what_it_holds(
    pg_server, tmp_path, monkeypatch, no_keyring
):
    db = f"older_{os.getpid()}_{next(_count)}"
    with pg_server.superuser() as conn:
        conn.execute(f"CREATE DATABASE {db}")
    reg = Register(pg_server, db, {p: f"{db}_{p}" for p in PEOPLE})
    su = connection.address(pg_server.url(SUPERUSER, db))
    every = register_schema.migrations()
    monkeypatch.setattr(register_schema, "migrations", lambda: every[:2])  # an older build
    assert admin.init(su, SUPER_PASSWORD) == ["0001_register", "0002_progress"]
    for person, role in PEOPLE.items():
        admin.add_user(su, reg.logins[person], role, reg.password(person), SUPER_PASSWORD)
    store = open_laptop(tmp_path / "chair_a")
    try:
        old = sign_new(store, "CASE-OLDER-1", date.today() - timedelta(days=30))
        report = sync.sync(store, reg.address("chair_a"), reg.password("chair_a"))
        assert report.waiting == 0
    finally:
        store.close()
    monkeypatch.setattr(register_schema, "migrations", lambda: every)
    with reg.connect("manager") as conn:  # this build refuses the register until it is updated
        try:
            connection.check_schema(conn, reg.address("manager"))
            raise AssertionError("a register lacking 0003 was accepted")
        except connection.RegisterProblem as exc:
            assert "lacks schema 0003_drift" in str(exc)
    assert admin.init(su, SUPER_PASSWORD) == ["0003_drift"]
    with reg.connect("manager") as conn:
        [found] = team.attention_rows(conn, date.today())
        lines, refused = team.attention(conn, date.today())
    assert not found.oversight_due  # signed today
    assert refused == [] and {ln["meeting_id"] for ln in lines} == {old}
    assert "action-overdue" in {ln["concern"] for ln in lines}
