"""What the register must refuse, and what a laptop must notice: tables of cases.

Each role connects with its own login and tries what it must not do; the database refuses
(privileges, row-level security, the immutability trigger). A superuser who disables the
triggers can change a row; the laptop that pulls it then refuses it, naming what is wrong.
"""

from __future__ import annotations

import shutil

import psycopg
import pytest
from strategy_minutes.desktop.register import connection, sync
from strategy_minutes.desktop.register.connection import RegisterProblem
from strategy_minutes.storage import register_local

from tests.register.conftest import make_register, open_laptop

T = "strategy_minutes"
A_ROW = f"(SELECT record_sha256 FROM {T}.signed_versions WHERE published_by = %(a)s LIMIT 1)"


@pytest.fixture(scope="module")
def published(pg_server, signed_laptops, tmp_path_factory):
    """One register for the module: chair A's meeting published. Cases that refuse leave it
    as it was (each checks so); cases that alter it put it back."""
    register = make_register(pg_server)
    folder = tmp_path_factory.mktemp("published") / "chair_a"
    shutil.copytree(signed_laptops["chair_a"], folder)
    a = open_laptop(folder)
    try:
        report = sync.sync(a, register.address("chair_a"), register.password("chair_a"))
    finally:
        a.close()
    assert report.waiting == 0 and len(report.published) == 1
    return register


REFUSED = [
    # (who, what they try, SQL)
    (
        "chair_b",
        "change another chair's signed record",
        f"UPDATE {T}.signed_versions SET docx = ''",
    ),
    ("chair_a", "change their own signed record", f"UPDATE {T}.signed_versions SET docx = ''"),
    ("chair_a", "delete their own signed record", f"DELETE FROM {T}.signed_versions"),
    ("chair_a", "empty the table", f"TRUNCATE {T}.signed_versions"),
    ("chair_a", "rename their key", f"UPDATE {T}.signers SET statement = ''"),
    (
        "chair_b",
        "publish a record under another chair's key",
        f"INSERT INTO {T}.signed_versions (record_sha256, record, signature, docx) SELECT "
        f"'x', convert_to(replace(convert_from(record, 'UTF8'), '\"version\":1', '\"version\":7'),"
        f" 'UTF8'), signature, docx FROM {T}.signed_versions WHERE record_sha256 = {A_ROW}",
    ),
    (
        "chair_b",
        "record oversight on another chair's meeting",
        f"INSERT INTO {T}.signed_entries (entry_sha256, kind, record, signature) SELECT 'y', "
        "'oversight', convert_to(json_build_object('meeting_id', meeting_id, "
        "'signed_record_sha256', record_sha256, 'fingerprint', fingerprint)::text, 'UTF8'), "
        f"'' FROM {T}.signed_versions WHERE record_sha256 = {A_ROW}",
    ),
    ("chair_a", "write the laid-out actions", f"DELETE FROM {T}.published_actions"),
    (
        "admin",
        "publish a key",
        f"INSERT INTO {T}.signers (fingerprint, public_key, statement, "
        "signature) VALUES ('f', '', '', '')",
    ),
    (
        "admin",
        "publish a signed record",
        f"INSERT INTO {T}.signed_versions (record_sha256, "
        "record, signature, docx) VALUES ('z', '', '', '')",
    ),
    ("admin", "change a signed record", f"UPDATE {T}.signed_versions SET docx = ''"),
    (
        "admin",
        "record oversight",
        f"INSERT INTO {T}.signed_entries (entry_sha256, kind, "
        "record, signature) VALUES ('y', 'oversight', '', '')",
    ),
    (
        "manager",
        "publish a signed record",
        f"INSERT INTO {T}.signed_versions (record_sha256, "
        "record, signature, docx) VALUES ('z', '', '', '')",
    ),
    ("manager", "change a signed record", f"UPDATE {T}.signed_versions SET docx = ''"),
    (
        "manager",
        "record oversight with another person's key",
        f"INSERT INTO {T}.signed_entries (entry_sha256, kind, record, signature) SELECT 'y', "
        "'oversight', convert_to(json_build_object('meeting_id', meeting_id, "
        "'signed_record_sha256', record_sha256, 'fingerprint', fingerprint)::text, 'UTF8'), "
        f"'' FROM {T}.signed_versions WHERE record_sha256 = {A_ROW}",
    ),
    ("manager", "change the schema", f"DROP TABLE {T}.signed_entries"),
    (
        "superuser",
        "change a signed record (triggers on)",
        f"UPDATE {T}.signed_versions SET docx = ''",
    ),
    ("superuser", "delete a signed record (triggers on)", f"DELETE FROM {T}.signed_versions"),
    ("superuser", "empty the signers (triggers on)", f"TRUNCATE {T}.signers CASCADE"),
]


@pytest.mark.parametrize(("who", "what", "statement"), REFUSED, ids=[r[1] for r in REFUSED])
def test_the_database_refuses(published, who, what, statement):
    reg = published
    before = _snapshot(reg)
    conn = reg.superuser() if who == "superuser" else reg.connect(who)
    with conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement, {"a": reg.logins["chair_a"]})
    assert _snapshot(reg) == before  # and nothing changed, not silently either


def _snapshot(reg) -> list[tuple]:
    with reg.superuser() as conn:
        return (
            conn.execute(
                f"SELECT record_sha256, md5(record), md5(docx), published_by FROM "
                f"{T}.signed_versions ORDER BY 1"
            ).fetchall()
            + conn.execute(
                f"SELECT fingerprint, md5(statement), login FROM {T}.signers ORDER BY 1"
            ).fetchall()
        )


@pytest.mark.parametrize("who", ["chair_a", "chair_b", "admin", "manager"])
def test_every_role_reads_what_is_published(published, who):
    with published.connect(who) as conn:
        assert conn.execute(f"SELECT count(*) FROM {T}.signed_versions").fetchone()[0] == 3
        assert connection.role(conn) == {"chair_a": "chair", "chair_b": "chair"}.get(who, who)


def test_a_login_in_no_group_reads_nothing(published):
    with published.superuser() as conn:
        conn.execute(f"CREATE ROLE {published.db}_stranger LOGIN PASSWORD 'pw-stranger'")
    addr = connection.address(published.server.url(f"{published.db}_stranger", published.db))
    with pytest.raises(RegisterProblem, match="not a member"):
        connection.open_register(addr, "pw-stranger")
    with (
        connection.connect(addr, "pw-stranger") as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(f"SELECT count(*) FROM {T}.signed_versions")


def test_who_published_is_the_database_s_to_say(published):
    """A chair who names another login as publisher or key holder is stamped with their own."""
    with published.connect("chair_b") as conn:
        conn.execute(
            f"INSERT INTO {T}.signers (fingerprint, public_key, statement, signature, login) "
            "VALUES ('f00', '', '', '', %s)",
            [published.logins["chair_a"]],
        )
        login = conn.execute(f"SELECT login FROM {T}.signers WHERE fingerprint = 'f00'")
        assert login.fetchone()[0] == published.logins["chair_b"]


ALTERED = [
    # (what a superuser changes with triggers disabled, SQL, what the laptop says)
    (
        "a byte of the signed record",
        f"UPDATE {T}.signed_versions SET record = convert_to("
        "replace(convert_from(record, 'UTF8'), 'DEMO', 'DEMX'), 'UTF8') WHERE audience = 'full'",
        "not the one its address names",
    ),
    (
        "the record and its address",
        f"UPDATE {T}.signed_versions SET record = convert_to("
        "replace(convert_from(record, 'UTF8'), 'DEMO', 'DEMX'), 'UTF8'), record_sha256 = "
        "encode(sha256(convert_to(replace(convert_from(record, 'UTF8'), 'DEMO', 'DEMX'), "
        "'UTF8')), 'hex') WHERE audience = 'parent'",
        "does not match its signature",
    ),
    (
        "the signature, taken from another copy",
        f"UPDATE {T}.signed_versions s SET signature = (SELECT signature FROM "
        f"{T}.signed_versions o WHERE o.audience = 'full' AND o.meeting_id = s.meeting_id) "
        "WHERE audience = 'attendee'",
        "does not match its signature",
    ),
    (
        "the signed file",
        f"UPDATE {T}.signed_versions SET docx = overlay(docx placing "
        "'\\x00'::bytea from 200) WHERE audience = 'attendee'",
        "file",
    ),
    (
        "who published it",
        f"UPDATE {T}.signed_versions SET published_by = 'someone_else' WHERE audience = 'full'",
        "published by someone_else",
    ),
    (
        "the meeting date column",
        f"UPDATE {T}.signed_versions SET meeting_date = meeting_date + 1 WHERE audience = 'full'",
        "columns do not agree",
    ),
    (
        "the signer's name",
        f"UPDATE {T}.signers SET statement = convert_to(replace("
        "convert_from(statement, 'UTF8'), '\"name\":\"', '\"name\":\"Not '), 'UTF8')",
        "does not match the key's signature",
    ),
]


@pytest.fixture
def altered(published):
    """Run the alteration with triggers disabled, as only a superuser can; put it back after."""
    su = published.superuser()
    su.execute(f"CREATE TABLE public.kept_versions AS SELECT * FROM {T}.signed_versions")
    su.execute(f"CREATE TABLE public.kept_signers AS SELECT * FROM {T}.signers")

    def alter(statement: str) -> None:
        with su.transaction():
            _triggers(su, "DISABLE")
            mine = f" AND published_by = '{published.logins['chair_a']}'"  # not B's own
            assert su.execute(statement + ("" if "signers" in statement else mine)).rowcount >= 1
            _triggers(su, "ENABLE")

    yield alter
    with su.transaction():
        _triggers(su, "DISABLE")
        su.execute(
            f"UPDATE {T}.signed_versions s SET record_sha256 = k.record_sha256, record = "
            "k.record, signature = k.signature, docx = k.docx, published_by = k.published_by, "
            "meeting_date = k.meeting_date FROM public.kept_versions k "
            "WHERE (s.meeting_id, s.version, s.audience) = (k.meeting_id, k.version, k.audience)"
        )
        su.execute(
            f"UPDATE {T}.signers s SET statement = k.statement FROM public.kept_signers k "
            "WHERE s.fingerprint = k.fingerprint"
        )
        _triggers(su, "ENABLE")
        su.execute("DROP TABLE public.kept_versions, public.kept_signers")
    su.close()


def _triggers(conn, state: str) -> None:
    for table in ("signed_versions", "signers"):
        conn.execute(f"ALTER TABLE {T}.{table} {state} TRIGGER USER")


@pytest.mark.parametrize(("what", "statement", "said"), ALTERED, ids=[r[0] for r in ALTERED])
def test_a_row_altered_by_a_superuser_is_refused_at_pull(
    published, altered, laptop, what, statement, said
):
    altered(statement)
    b = laptop("chair_b")
    report = sync.sync(b, published.address("chair_b"), published.password("chair_b"))
    assert report.refused and all("was not used" in s for s in report.refused)
    assert any(said in s for s in report.refused), report.refused
    assert report.pulled_versions < 3  # the altered row is never kept
    assert register_local.refused(b.db)


def test_a_register_newer_than_the_app_is_refused(published, laptop):
    with published.superuser() as conn:
        conn.execute(f"INSERT INTO {T}.schema_migrations (name) VALUES ('9999_from_the_future')")
    a = laptop("chair_a")
    try:
        with pytest.raises(RegisterProblem, match="newer schema than this Strategy Minutes"):
            sync.sync(a, published.address("chair_a"), published.password("chair_a"))
    finally:
        with published.superuser() as conn:
            conn.execute(f"DELETE FROM {T}.schema_migrations WHERE name LIKE '9999%%'")


URLS = [
    ("postgresql://chair:secret@127.0.0.1/reg", "must not hold the password"),
    ("postgresql://127.0.0.1/reg", "must name the login"),
    ("postgresql://chair@register.example.org/reg", "TLS that checks the server"),
    ("postgresql://chair@register.example.org/reg?sslmode=require", "TLS that checks"),
    ("postgresql://chair@register.example.org/reg?sslmode=prefer", "TLS that checks"),
    ("not a url at all", "not a PostgreSQL URL"),
    # a loopback name in front while libpq would go elsewhere
    ("postgresql://chair@localhost/reg?hostaddr=203.0.113.5", "TLS that checks"),
    ("postgresql://chair@127.0.0.1,register.example.org/reg", "TLS that checks"),
    ("postgresql://chair@localhost/reg?service=register", "TLS that checks"),
    ("postgresql://chair@/reg?host=register.example.org&sslmode=disable", "TLS that checks"),
]


@pytest.mark.parametrize(("url", "said"), URLS)
def test_a_url_that_could_leak_or_go_unprotected_is_refused(url, said):
    with pytest.raises(RegisterProblem, match=said):
        connection.address(url)


@pytest.mark.parametrize("variable", ["PGHOST", "PGHOSTADDR", "PGSERVICE"])
def test_the_environment_taking_libpq_elsewhere_needs_tls_too(variable, monkeypatch):
    monkeypatch.setenv(variable, "register.example.org" if variable == "PGHOST" else "x")
    if variable == "PGHOSTADDR":
        monkeypatch.setenv(variable, "203.0.113.5")
    with pytest.raises(RegisterProblem, match="TLS that checks"):
        connection.address("postgresql://chair@/reg")


def test_tls_that_checks_the_server_is_accepted():
    addr = connection.address(
        "postgresql://chair@register.example.org/reg?sslmode=verify-full&sslrootcert=ca.pem"
    )
    assert (addr.user, addr.where) == ("chair", "register.example.org:5432/reg")
