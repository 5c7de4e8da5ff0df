"""Two chairs' laptops and a register: publishing, pulling, a server lost mid-publish, a week
offline. Every case runs against the real PostgreSQL of the session."""

from __future__ import annotations

from datetime import date

import pytest
from strategy_minutes.desktop.register import sync
from strategy_minutes.desktop.register.connection import address
from strategy_minutes.desktop.signoff import oversight
from strategy_minutes.storage import register_local, signatures

from tests.register.conftest import SIGNERS, open_laptop, sign_new

COUNTS = (
    "SELECT (SELECT count(*) FROM strategy_minutes.signed_versions), "
    "(SELECT count(*) FROM strategy_minutes.signed_entries), "
    "(SELECT count(*) FROM strategy_minutes.signers)"
)


def _counts(register) -> tuple[int, int, int]:
    with register.superuser() as conn:
        return tuple(conn.execute(COUNTS).fetchone())


def _sync(register, store, person, monkeypatch, progress=None) -> sync.SyncReport:
    monkeypatch.setenv("STRATEGY_MINUTES_REGISTER_PASSWORD", register.password(person))
    return sync.sync(store, register.address(person), progress=progress)


def test_two_laptops_publish_the_same_case_and_each_sees_the_other(register, laptop, monkeypatch):
    a, b = laptop("chair_a"), laptop("chair_b")
    assert register_local.waiting_count(a.db) == 1  # queued in the transaction that signed
    first = _sync(register, a, "chair_a", monkeypatch)
    assert (len(first.published), first.waiting, first.pulled_versions) == (1, 0, 0)
    second = _sync(register, b, "chair_b", monkeypatch)
    assert (len(second.published), second.waiting, second.pulled_versions) == (1, 0, 3)
    assert _counts(register) == (6, 0, 2)
    again = _sync(register, a, "chair_a", monkeypatch)  # A now sees B's meeting of its case
    assert (again.published, again.pulled_versions, again.refused) == ([], 3, [])
    [case] = register_local.case_references(a.db)
    theirs = register_local.pulled_versions(a.db, case)
    assert {r["published_by"] for r in theirs} == {register.logins["chair_b"]}
    assert {r["audience"] for r in theirs} == {"full", "attendee", "parent"}
    # B's key is now in A's register of trusted signers, under the name B's key stated,
    # and the addition is in A's register trail
    assert {t["name"] for t in signatures.trusted(a.db)} == set(SIGNERS.values())
    # nothing more to do, nothing doubled
    assert _sync(register, b, "chair_b", monkeypatch).pulled_versions == 0
    assert _counts(register) == (6, 0, 2)


def test_a_team_key_under_a_name_already_trusted_is_not_trusted_silently(
    register, laptop, monkeypatch, tmp_path
):
    """A second chair whose key states a name this laptop already trusts with another key
    (an impostor, or a namesake) is reported, not added: as a file import would ask."""
    a = laptop("chair_a")
    impostor = open_laptop(tmp_path / "impostor")
    try:
        sign_new(impostor, name=SIGNERS["chair_a"])
        with register.superuser() as conn:
            conn.execute(f"CREATE ROLE {register.db}_impostor LOGIN PASSWORD 'pw-imp'")
            conn.execute(f"GRANT strategy_minutes_chair TO {register.db}_impostor")
        addr = address(register.server.url(f"{register.db}_impostor", register.db))
        assert sync.sync(impostor, addr, "pw-imp").waiting == 0
    finally:
        impostor.close()
    report = _sync(register, a, "chair_a", monkeypatch)
    assert any("second key" in s and "not applied" in s for s in report.refused), report.refused
    assert [t["name"] for t in signatures.trusted(a.db)] == [SIGNERS["chair_a"]]
    assert report.pulled_versions == 3  # the rows verify; who is trusted is the laptop's call


def test_publishing_twice_is_harmless(register, laptop, monkeypatch):
    a = laptop("chair_a")
    item = register_local.waiting(a.db)[0]
    _sync(register, a, "chair_a", monkeypatch)
    before = _counts(register)
    with a.db.atomic():  # the laptop forgets it published (a restored backup, say)
        a.db.execute("DELETE FROM register_published")
        a.db.execute(
            "INSERT INTO register_outbox (item, kind, meeting_id, number, queued_at) "
            "VALUES (?, ?, ?, ?, '')",
            [item["item"], item["kind"], item["meeting_id"], item["number"]],
        )
    report = _sync(register, a, "chair_a", monkeypatch)
    assert (report.published, report.not_published, report.waiting) == ([item["item"]], {}, 0)
    assert _counts(register) == before


def test_server_stopped_mid_publish_leaves_nothing_half_done(register, laptop, monkeypatch):
    a = laptop("chair_a")
    meeting_id = register_local.waiting(a.db)[0]["meeting_id"]
    oversight.record(a, meeting_id, "Grace Obi", "Plan reviewed; interviews on track.")
    items = [w["item"] for w in register_local.waiting(a.db)]
    assert [i.split(":")[0] for i in items] == ["version", "oversight"]

    def stop_before_second_commit(item: str, stage: str) -> None:
        if item == items[1] and stage == "sent":
            register.server.stop("immediate")  # the server dies inside the transaction

    try:
        report = _sync(register, a, "chair_a", monkeypatch, stop_before_second_commit)
    finally:
        register.server.start()
    assert not report.reachable and "lost" in report.problem
    assert report.published == [items[0]]
    assert [w["item"] for w in register_local.waiting(a.db)] == [items[1]]
    assert _counts(register) == (3, 0, 1)  # the version whole; of the entry, nothing

    def lost_after_commit(item: str, stage: str) -> None:
        if stage == "committed":  # the register committed; the laptop never heard
            raise ConnectionResetError("the laptop lost the network")

    with pytest.raises(ConnectionResetError):
        _sync(register, a, "chair_a", monkeypatch, lost_after_commit)
    assert _counts(register) == (3, 1, 1)
    assert register_local.waiting_count(a.db) == 1  # still waiting on the laptop's side
    report = _sync(register, a, "chair_a", monkeypatch)  # retried: already there, not doubled
    assert (report.published, report.waiting) == ([items[1]], 0)
    assert _counts(register) == (3, 1, 1)


def test_a_laptop_offline_for_a_week_catches_up(register, laptop, monkeypatch, pg_server):
    a, b = laptop("chair_a"), laptop("chair_b")
    nowhere = address(f"postgresql://{register.logins['chair_a']}@127.0.0.1:1/{register.db}")
    monkeypatch.setenv("STRATEGY_MINUTES_REGISTER_PASSWORD", register.password("chair_a"))
    away = sync.sync(a, nowhere)
    assert (away.reachable, away.waiting) == (False, 1)
    assert "could not be reached" in away.problem
    # the week: B publishes, and A records oversight while still away
    _sync(register, b, "chair_b", monkeypatch)
    meeting_id = register_local.waiting(a.db)[0]["meeting_id"]
    oversight.record(a, meeting_id, "Grace Obi", "Reviewed a week on.", date.today().isoformat())
    assert sync.sync(a, nowhere).waiting == 2
    back = _sync(register, a, "chair_a", monkeypatch)
    assert (len(back.published), back.waiting, back.pulled_versions, back.refused) == (2, 0, 3, [])
    # and B, pulling again, gets A's version and the oversight on it, each verified
    later = _sync(register, b, "chair_b", monkeypatch)
    assert (later.pulled_versions, later.pulled_entries, later.refused) == (3, 1, [])
