"""Publishing what waits and pulling what the team published: one `register sync`.

Publishing sends each outbox item in its own transaction on the server (a signed version's
audiences together, or one entry, with the signer's key if the register lacks it), and the
item leaves the outbox only after that commit. A connection lost before the commit leaves
nothing on the server and the item waiting; lost after it, the item is sent again next time
and the register, content-addressed, already has it: nothing is doubled either way.

Pulling reads, in one snapshot, the signers and what was published for the case references
this laptop holds since its last pull, checks every row (`signed_rows`), keeps the rows that
verify and reports the rest; the cursor is the snapshot's oldest running transaction, so a
publication still in flight while pulling is read next time rather than missed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
import psycopg.errors
from psycopg.rows import dict_row
from strategy_minutes.desktop.register import signed_rows
from strategy_minutes.desktop.register.connection import (
    Address,
    RegisterProblem,
    Unreachable,
    open_register,
)
from strategy_minutes.desktop.register.signed_rows import NotVerified
from strategy_minutes.desktop.signoff import register as signer_register
from strategy_minutes.desktop.signoff.keys import SigningKey, same_fingerprint, signing_key
from strategy_minutes.storage import audit, register_local, signatures
from strategy_minutes.storage.store import Store

Progress = Callable[[str, str], None]  # (item, "sent" before the commit | "committed")
S = "strategy_minutes"


@dataclass
class SyncReport:
    reachable: bool = False
    role: str = ""
    published: list[str] = field(default_factory=list)
    not_published: dict[str, str] = field(default_factory=dict)  # item -> why, still waiting
    pulled_versions: int = 0
    pulled_entries: int = 0
    signers: int = 0
    refused: list[str] = field(default_factory=list)  # pulled rows that did not verify
    waiting: int = 0
    problem: str = ""


# -- publishing ---------------------------------------------------------------------------
def _send_signer(conn: psycopg.Connection, row: signed_rows.SignerRow) -> None:
    conn.execute(
        f"INSERT INTO {S}.signers (fingerprint, public_key, statement, signature) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (fingerprint) DO NOTHING",
        [row.fingerprint, row.public_key, row.statement, row.signature],
    )


def _send_version(conn: psycopg.Connection, row: signed_rows.VersionRow) -> None:
    cur = conn.execute(
        f"INSERT INTO {S}.signed_versions (record_sha256, record, signature, docx) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (record_sha256) DO NOTHING",
        [row.record_sha256, row.record, row.signature, row.docx],
    )
    if cur.rowcount == 0:
        _same_as_sent(conn, "signed_versions", "record_sha256", row.record_sha256, row.docx)


def _send_entry(conn: psycopg.Connection, row: signed_rows.EntryRow) -> None:
    cur = conn.execute(
        f"INSERT INTO {S}.signed_entries (entry_sha256, kind, record, signature) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (entry_sha256) DO NOTHING",
        [row.entry_sha256, row.kind, row.record, row.signature],
    )
    if cur.rowcount == 0:
        _same_as_sent(conn, "signed_entries", "entry_sha256", row.entry_sha256, None)


def _same_as_sent(
    conn: psycopg.Connection, table: str, key: str, sha: str, docx: bytes | None
) -> None:
    """Content-addressed: a row already there must be the very one sent."""
    if docx is None:
        return  # the address is the digest of the whole signed entry
    row = conn.execute(
        f"SELECT encode(sha256(docx), 'hex') FROM {S}.{table} WHERE {key} = %s", [sha]
    ).fetchone()
    if row is None or row[0] != signed_rows.sha256(docx):
        raise NotVerified("the register holds this signed record with another file")


def _who(store: Store, item: dict[str, Any], key: SigningKey) -> tuple[str, str, str]:
    """(name, role, fingerprint) the item was signed as."""
    if item["kind"] == "version":
        row = signatures.signed(store.db, item["meeting_id"], item["number"])
        if row is None:
            raise NotVerified("this store no longer holds it")
        return row.signer_name, row.signer_role, row.fingerprint
    entry = signed_rows.entry_row(store, item["kind"], item["meeting_id"], item["number"])
    record = json.loads(entry.record)
    return str(record.get("name") or ""), "", entry.fingerprint


def _publish_one(
    store: Store, conn: psycopg.Connection, login: str, key: SigningKey, item: dict[str, Any]
) -> None:
    """Build the item's rows and send them, in the caller's transaction."""
    name, role, fp = _who(store, item, key)
    if not same_fingerprint(fp, key.fingerprint):
        raise NotVerified("it was signed with a key this laptop no longer holds")
    _send_signer(conn, signed_rows.signer_row(key, name, role, login))
    if item["kind"] == "version":
        for row in signed_rows.version_rows(store, item["meeting_id"], item["number"]):
            _send_version(conn, row)
    else:
        _send_entry(
            conn, signed_rows.entry_row(store, item["kind"], item["meeting_id"], item["number"])
        )


def publish(
    store: Store,
    conn: psycopg.Connection,
    report: SyncReport,
    progress: Progress | None = None,
) -> None:
    """Send every waiting item, each in its own server transaction."""
    items = register_local.waiting(store.db)
    if not items:
        return
    key = signing_key(store)
    login = str(conn.execute("SELECT current_user").fetchone()[0])  # type: ignore[index]
    for item in items:
        name = item["item"]
        try:
            with conn.transaction():
                _publish_one(store, conn, login, key, item)
                if progress:
                    progress(name, "sent")
        except NotVerified as exc:
            _not_published(store, report, name, str(exc))
            continue
        except psycopg.errors.UniqueViolation:
            _not_published(
                store,
                report,
                name,
                "the register already holds this version of the meeting signed differently "
                "(two laptops signed the same meeting)",
            )
            continue
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ForeignKeyViolation) as exc:
            _not_published(store, report, name, f"the register refused it ({_first_line(exc)})")
            continue
        except psycopg.OperationalError as exc:
            raise Unreachable(
                f"The connection to the register was lost ({_first_line(exc)})."
            ) from None
        if progress:
            progress(name, "committed")
        register_local.published(store.db, name)
        report.published.append(name)


def _not_published(store: Store, report: SyncReport, item: str, why: str) -> None:
    register_local.failed(store.db, item, why)
    report.not_published[item] = why


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# -- pulling -------------------------------------------------------------------------------
def _fetch(conn: psycopg.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(sql, params).fetchall()


def pull(store: Store, conn: psycopg.Connection, report: SyncReport) -> None:
    db = store.db
    cursor = int(register_local.setting(db, "pull_txid") or 0)
    covered = set(json.loads(register_local.setting(db, "pull_cases") or "[]"))
    refs = register_local.case_references(db)
    new_refs = [r for r in refs if r not in covered]
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        horizon = conn.execute(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
        ).fetchone()
        signer_rows = _fetch(conn, f"SELECT * FROM {S}.signers ORDER BY txid", [])
        versions = _fetch(
            conn,
            f"SELECT record_sha256, meeting_id, version, audience, case_reference, "
            f"meeting_date, record, signature, fingerprint, docx, published_by, published_at "
            f"FROM {S}.signed_versions WHERE (case_reference = ANY(%s) AND txid >= %s) "
            "OR case_reference = ANY(%s) ORDER BY txid, meeting_id, version, audience",
            [refs, cursor, new_refs],
        )
        entries = _fetch(
            conn,
            f"SELECT e.entry_sha256, e.kind, e.meeting_id, e.on_record_sha256, e.record, "
            f"e.signature, e.fingerprint, e.published_by, e.published_at "
            f"FROM {S}.signed_entries e JOIN {S}.signed_versions v "
            "ON v.record_sha256 = e.on_record_sha256 "
            "WHERE (v.case_reference = ANY(%s) AND e.txid >= %s) OR v.case_reference = ANY(%s) "
            "ORDER BY e.txid",
            [refs, cursor, new_refs],
        )
    signers = _checked_signers(store, signer_rows, report)
    own = {r["record_sha256"] for r in _local_records(store)}
    with db.atomic():
        _trust(store, list(signers.values()), report)
        for row in versions:
            if row["record_sha256"] in own:
                continue
            try:
                signed_rows.check_version(row, signers)
            except NotVerified as exc:
                _refuse(store, report, _what_version(row), str(exc))
                continue
            row = {**row, "meeting_date": signed_rows.iso(row["meeting_date"])}
            row["published_at"] = row["published_at"].isoformat()
            report.pulled_versions += register_local.keep_version(db, row)
        for row in entries:
            try:
                signed_rows.check_entry(row, signers)
            except NotVerified as exc:
                _refuse(
                    store, report, f"{row['kind']} entry on meeting {row['meeting_id']}", str(exc)
                )
                continue
            row = {**row, "published_at": row["published_at"].isoformat()}
            report.pulled_entries += register_local.keep_entry(db, row)
        register_local.set_settings(
            db,
            {
                "pull_txid": str(horizon[0] if horizon else cursor),
                "pull_cases": json.dumps(refs),
            },
        )
    report.signers = len(signers)


def _checked_signers(
    store: Store, rows: list[dict[str, Any]], report: SyncReport
) -> dict[str, dict[str, Any]]:
    out = {}
    for row in rows:
        try:
            out[row["fingerprint"]] = signed_rows.check_signer(row)
        except NotVerified as exc:
            _refuse(store, report, f"signer key {row['fingerprint']} of {row['login']}", str(exc))
    return out


def _trust(store: Store, signers: list[dict[str, Any]], report: SyncReport) -> None:
    """New team keys join this laptop's register of trusted signers, recorded in its trail;
    a pulled statement that would rename a trusted key, or give a trusted name a second key,
    is not applied (as for a file import, the admin confirms it with `signers import
    --replace`) and is reported."""
    offered = [
        {**s, "name": s["name"] or s["login"], "retired_at": ""}
        for s in signers
        if s["name"] or s["login"]
    ]
    for change in signer_register.plan(store, offered):
        s = change.signer
        if change.action == "add":
            signatures.trust(
                store.db, s["fingerprint"], s["public_key"], s["name"], s["role"], audit.now()
            )
            audit.append(
                store.db,
                audit.REGISTER,
                store.repo.actor,
                "signers add",
                item_id=s["fingerprint"],
                new={
                    "fingerprint": s["fingerprint"],
                    "name": s["name"],
                    "role": s["role"],
                    "from": f"the team register (login {s['login']})",
                },
            )
        elif change.needs_confirming:
            report.refused.append(
                f"{change.sentence('The team register')}; not applied (import the signer's "
                "key with 'signers import --replace' to confirm)."
            )


def _local_records(store: Store) -> list[dict[str, Any]]:
    cur = store.db.execute("SELECT record_sha256 FROM signatures")
    return [{"record_sha256": r[0]} for r in cur.fetchall()]


def _what_version(row: dict[str, Any]) -> str:
    return (
        f"version {row['version']} ({row['audience']}) of meeting {row['meeting_id']}, "
        f"published by {row['published_by']}"
    )


def _refuse(store: Store, report: SyncReport, what: str, why: str) -> None:
    sentence = f"The register's {what} was not used: {why}."
    register_local.refuse(store.db, what, why)
    report.refused.append(sentence)


# -- both ------------------------------------------------------------------------------------
def sync(
    store: Store, addr: Address, secret: str | None = None, progress: Progress | None = None
) -> SyncReport:
    """Publish what waits, then pull; never raises for an unreachable register (the report
    says so), only RegisterProblem for one that cannot be used at all."""
    report = SyncReport()
    try:
        conn, role = open_register(addr, secret)
    except Unreachable as exc:
        report.problem = str(exc)
        report.waiting = register_local.waiting_count(store.db)
        return report
    report.reachable, report.role = True, role
    try:
        with conn:
            if role in ("chair", "manager"):
                publish(store, conn, report, progress)
            pull(store, conn, report)
    except Unreachable as exc:
        report.reachable, report.problem = False, str(exc)
    except psycopg.OperationalError as exc:
        report.reachable = False
        report.problem = f"The connection to the register was lost ({_first_line(exc)})."
    except RegisterProblem:
        raise
    register_local.set_settings(store.db, {"last_sync": audit.now()} if report.reachable else {})
    report.waiting = register_local.waiting_count(store.db)
    return report
