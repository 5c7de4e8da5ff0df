"""Working from the register: an admin's exports and a manager's drift view, across chairs.

An action whose newest verified progress entry says done or dropped is not drifting.

Both read the register directly (no laptop store needed) and check what they read: an export
writes a file only when its row, record and file verify, and each drift line is read from a
record whose signature checks out. The database's laid-out columns find the rows quickly;
the signed record says what they hold.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row
from strategy_minutes.desktop.exports import file_name
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.register import signed_rows
from strategy_minutes.desktop.register.signed_rows import NotVerified
from strategy_minutes.desktop.signoff import canonical, oversight, signed_file
from strategy_minutes.exporters.signature_part import OversightPart
from strategy_minutes.storage.atomic_file import write_atomic

S = "strategy_minutes"
OVERSIGHT_DAYS = 14  # a signed plan with no manager's review after this many days drifts
BATCH = 100


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def signers(conn: psycopg.Connection, refused: list[str]) -> dict[str, dict[str, Any]]:
    """The register's signers whose statements verify; the others reported in `refused`."""
    out = {}
    with conn.cursor(row_factory=dict_row) as cur:
        for row in cur.execute(f"SELECT * FROM {S}.signers"):
            try:
                out[row["fingerprint"]] = signed_rows.check_signer(row)
            except NotVerified as exc:
                refused.append(f"The signer key {row['fingerprint']} was not used: {exc}.")
    return out


def _latest_rows(
    conn: psycopg.Connection, audience_list: list[str], since: str | None, case: str | None
) -> Iterator[dict[str, Any]]:
    with conn.transaction(), conn.cursor(name="export_rows", row_factory=dict_row) as cur:
        cur.itersize = BATCH
        cur.execute(
            f"SELECT DISTINCT ON (meeting_id, audience) record_sha256, meeting_id, version, "
            "audience, case_reference, meeting_date, record, signature, fingerprint, docx, "
            f"published_by FROM {S}.signed_versions WHERE audience = ANY(%(aud)s) "
            "AND (%(since)s::date IS NULL OR meeting_date >= %(since)s::date) "
            "AND (%(case)s::text IS NULL OR case_reference = %(case)s) "
            "ORDER BY meeting_id, audience, version DESC",
            {"aud": audience_list, "since": since, "case": case},
        )
        yield from cur


def _carried(
    conn: psycopg.Connection,
    record: dict[str, Any],
    row: dict[str, Any],
    known: dict[str, dict[str, Any]],
) -> OversightPart | None:
    """The oversight published on this version, as a copy carries it (verified first)."""
    if row["audience"] not in oversight.SHOWN_TO:
        return None
    full_sha = record.get("full_record_sha256") or row["record_sha256"]
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"SELECT * FROM {S}.signed_entries WHERE on_record_sha256 = %s AND kind = "
            "'oversight' ORDER BY published_at, entry_sha256",
            [full_sha],
        ).fetchall()
    entries = []
    for e in rows:
        signed_rows.check_entry(e, known)
        key = known[e["fingerprint"]]["public_key"]
        entries.append(
            {
                "record": base64.b64encode(bytes(e["record"])).decode(),
                "signature": base64.b64encode(bytes(e["signature"])).decode(),
                "public_key": base64.b64encode(key).decode(),
            }
        )
    if not entries:
        return None
    return OversightPart(row["meeting_id"], canonical.canonical_bytes(entries))


def export_all(
    conn: psycopg.Connection,
    folder: Path,
    since: str | None = None,
    case: str | None = None,
    audience_list: list[str] | None = None,
) -> Outcome:
    """The newest published version of every matching meeting, one file per audience, each
    the signed file (with oversight published since), so `verify` passes on it."""
    outcome = Outcome()
    known = signers(conn, outcome.refused)
    used: set[str] = set()
    rows = _latest_rows(conn, audience_list or [audiences.FULL], since, case)
    for row in rows:
        what = (
            f"version {row['version']} ({row['audience']}) of meeting {row['meeting_id']}, "
            f"published by {row['published_by']}"
        )
        try:
            record = signed_rows.check_version(row, known)
            carried = _carried(conn, record, row, known)
        except NotVerified as exc:
            outcome.refused.append(f"The register's {what} was not exported: {exc}.")
            continue
        meeting = canonical.meeting_from_record(record)
        name = file_name(meeting, row["audience"])
        if name in used:  # two meetings of one case on one day
            name = name.replace(".docx", f"_{meeting.id[:8]}.docx")
        used.add(name)
        data = signed_file.handed_out(bytes(row["docx"]), carried)
        outcome.written.append(write_atomic(folder / name, data))
    return outcome


# -- the drift view ---------------------------------------------------------------------------
_NEWEST = (
    f"NOT EXISTS (SELECT FROM {S}.signed_versions w WHERE w.meeting_id = v.meeting_id "
    "AND w.audience = 'full' AND w.version > v.version)"
)
ATTENTION_SQL = f"""
SELECT 'overdue_action' AS kind, v.record_sha256, a.action_id AS item, a.due AS since
  FROM {S}.published_actions a JOIN {S}.signed_versions v ON v.record_sha256 = a.record_sha256
 WHERE a.status = 'open' AND a.due < %(today)s AND {_NEWEST}
UNION ALL
SELECT 'review_past_date', v.record_sha256, '', v.review_date
  FROM {S}.signed_versions v
 WHERE v.audience = 'full' AND v.review_date < %(today)s AND {_NEWEST}
   AND NOT EXISTS (SELECT FROM {S}.signed_versions r WHERE r.audience = 'full'
                   AND r.case_reference = v.case_reference AND r.meeting_id <> v.meeting_id
                   AND r.meeting_date >= v.review_date)
UNION ALL
SELECT 'no_oversight', v.record_sha256, '', v.signed_at::date
  FROM {S}.signed_versions v
 WHERE v.audience = 'full' AND v.signed_at < %(oversight_by)s AND {_NEWEST}
   AND NOT EXISTS (SELECT FROM {S}.signed_entries e WHERE e.meeting_id = v.meeting_id
                   AND e.kind = 'oversight')
"""


def attention_rows(conn: psycopg.Connection, today: date) -> list[dict[str, Any]]:
    """What the register's laid-out columns say needs attention (not yet checked)."""
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            ATTENTION_SQL + " ORDER BY since, record_sha256, item",
            {"today": today, "oversight_by": today - timedelta(days=OVERSIGHT_DAYS)},
        ).fetchall()


def attention(conn: psycopg.Connection, today: date) -> tuple[list[dict[str, Any]], list[str]]:
    """The drift lines across every chair, each read from its verified signed record; and
    sentences for rows that did not verify."""
    refused: list[str] = []
    known = signers(conn, refused)
    found = attention_rows(conn, today)
    shas = sorted({r["record_sha256"] for r in found})
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"SELECT record_sha256, meeting_id, version, audience, case_reference, "
            f"meeting_date, record, signature, fingerprint, published_by "
            f"FROM {S}.signed_versions WHERE record_sha256 = ANY(%s)",
            [shas],
        ).fetchall()
    records: dict[str, dict[str, Any]] = {}
    for row in rows:
        try:
            records[row["record_sha256"]] = {**signed_rows.check_record(row, known), "_row": row}
        except NotVerified as exc:
            refused.append(
                f"The register's version {row['version']} of meeting {row['meeting_id']}, "
                f"published by {row['published_by']}, was not used: {exc}."
            )
    closed = _closed_actions(conn, sorted({r["meeting_id"] for r in records.values()}), known)
    refused += closed.pop(("", ""), [])
    lines = []
    for r in found:
        record = records.get(r["record_sha256"])
        if record is None or (record["meeting_id"], r["item"]) in closed:
            continue
        line = _line(r, record)
        if line is None:
            refused.append(
                f"The register's columns for meeting {record['meeting_id']} say something its "
                "signed record does not; the line was left out."
            )
            continue
        lines.append(line)
    return lines, refused


def _closed_actions(
    conn: psycopg.Connection, meeting_ids: list[str], known: dict[str, dict[str, Any]]
) -> dict[tuple[str, str], Any]:
    """(meeting, action) whose newest verified progress entry says done or dropped; under the
    key ("", "") the sentences for entries that did not verify."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"SELECT * FROM {S}.signed_entries WHERE kind = 'progress' AND meeting_id = ANY(%s)",
            [meeting_ids],
        ).fetchall()
    newest: dict[tuple[str, str], tuple[str, str]] = {}
    refused: list[str] = []
    for row in rows:
        try:
            entry = signed_rows.check_entry(row, known)
        except NotVerified as exc:
            refused.append(
                f"The register's progress entry on meeting {row['meeting_id']}, published by "
                f"{row['published_by']}, was not used: {exc}."
            )
            continue
        key = (entry["meeting_id"], str(entry.get("action_id")))
        at = str(entry.get("recorded_at"))
        if key not in newest or newest[key][0] < at:
            newest[key] = (at, str(entry.get("status")))
    out: dict[tuple[str, str], Any] = {
        k: v for k, v in newest.items() if v[1] in ("done", "dropped")
    }
    out[("", "")] = refused
    return out


def _line(found: dict[str, Any], record: dict[str, Any]) -> dict[str, Any] | None:
    """One drift line, said by the signed record; None when the record does not say it."""
    meeting = record["meeting"]
    facts = meeting["facts"]
    row = record["_row"]
    base = {
        "kind": found["kind"],
        "case_reference": facts.get("case_reference") or "",
        "meeting_id": record["meeting_id"],
        "meeting_date": facts.get("date") or "",
        "version": record["version"],
        "chair": record["signer"]["name"],
        "published_by": row["published_by"],
        "since": found["since"].isoformat(),
    }
    if found["kind"] == "overdue_action":
        action = next((a for a in meeting.get("actions") or [] if a["id"] == found["item"]), None)
        if action is None or (action.get("due") or "") != base["since"]:
            return None
        if (action.get("status") or "open") != "open":
            return None
        owners = {p["id"]: p.get("name") or "" for p in meeting.get("attendees") or []}
        return {
            **base,
            "action_id": action["id"],
            "what": action.get("description") or "",
            "owner": owners.get(action.get("owner") or "", ""),
            "agency": action.get("owner_agency") or "",
        }
    if found["kind"] == "review_past_date":
        if (meeting.get("outcome") or {}).get("review_date") != base["since"]:
            return None
        return {**base, "what": "review meeting past its date"}
    if str(record["signed_at"])[:10] != base["since"]:
        return None
    return {**base, "what": f"no management oversight {OVERSIGHT_DAYS} days after signing"}
