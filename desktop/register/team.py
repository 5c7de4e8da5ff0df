"""Working from the register: an admin's exports and a manager's drift view, across chairs.

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
from typing import Any, NamedTuple

import psycopg
from psycopg.rows import dict_row
from strategy_minutes.desktop.case import attention as case_attention
from strategy_minutes.desktop.case import settings
from strategy_minutes.desktop.exports import file_name
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.meeting.model import Meeting, Progress
from strategy_minutes.desktop.register import signed_rows
from strategy_minutes.desktop.register.signed_rows import NotVerified
from strategy_minutes.desktop.signoff import canonical, oversight, signed_file
from strategy_minutes.exporters.signature_part import OversightPart
from strategy_minutes.storage.atomic_file import write_atomic

S = "strategy_minutes"
DEFAULT_LIMITS = settings.Thresholds()  # a register has no data folder of its own settings
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
    conn: psycopg.Connection,
    audience_list: list[str],
    since: str | None,
    case: str | None,
    meeting_id: str | None = None,
) -> Iterator[dict[str, Any]]:
    with conn.transaction(), conn.cursor(name="export_rows", row_factory=dict_row) as cur:
        cur.itersize = BATCH
        cur.execute(
            f"SELECT DISTINCT ON (meeting_id, audience) record_sha256, meeting_id, version, "
            "audience, case_reference, meeting_date, record, signature, fingerprint, docx, "
            f"published_by FROM {S}.signed_versions WHERE audience = ANY(%(aud)s) "
            "AND (%(since)s::date IS NULL OR meeting_date >= %(since)s::date) "
            "AND (%(case)s::text IS NULL OR case_reference = %(case)s) "
            "AND (%(meeting)s::text IS NULL OR meeting_id = %(meeting)s) "
            "ORDER BY meeting_id, audience, version DESC",
            {"aud": audience_list, "since": since, "case": case, "meeting": meeting_id},
        )
        yield from cur


def _carried(
    conn: psycopg.Connection,
    record: dict[str, Any],
    row: dict[str, Any],
    known: dict[str, dict[str, Any]],
) -> OversightPart | None:
    """The oversight and action progress published on this version, as the laptop's own copy
    carries them (`desktop.signoff.document`: oversight first), each verified first."""
    if row["audience"] not in oversight.SHOWN_TO:
        return None
    full_sha = record.get("full_record_sha256") or row["record_sha256"]
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"SELECT * FROM {S}.signed_entries WHERE on_record_sha256 = %s "
            "AND kind IN ('oversight', 'progress') "
            "ORDER BY kind = 'progress', published_at, entry_sha256",
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
    """The newest published version of every matching meeting (an addendum is a newer
    version), one file per audience, each the signed file with the oversight and action
    progress published on that version since, so `verify` passes on it and lists them."""
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
            record, data = _handed_out(conn, row, known)
        except NotVerified as exc:
            outcome.refused.append(f"The register's {what} was not exported: {exc}.")
            continue
        meeting = canonical.meeting_from_record(record)
        name = file_name(meeting, row["audience"])
        if name in used:  # two meetings of one case on one day
            name = name.replace(".docx", f"_{meeting.id[:8]}.docx")
        used.add(name)
        outcome.written.append(write_atomic(folder / name, data))
    return outcome


def _handed_out(
    conn: psycopg.Connection, row: dict[str, Any], known: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], bytes]:
    """The checked record of a published row and its copy as handed out; NotVerified when
    the row, record, file or a carried entry does not check out."""
    record = signed_rows.check_version(row, known)
    carried = _carried(conn, record, row, known)
    return record, signed_file.handed_out(bytes(row["docx"]), carried)


def copy_of(
    conn: psycopg.Connection, meeting_id: str, audience: str
) -> tuple[dict[str, Any], bytes]:
    """One meeting's newest published copy for `audience`, checked as `export_all` checks
    it; NotVerified (with the reason) when it does not check out or is not there."""
    refused: list[str] = []
    known = signers(conn, refused)
    row = next(iter(_latest_rows(conn, [audience], None, None, meeting_id)), None)
    if row is None:
        raise NotVerified(f"no {audience} copy of that meeting is published")
    return _handed_out(conn, row, known)


# -- the drift view ---------------------------------------------------------------------------
class Candidate(NamedTuple):
    """A meeting the register's `drift` table says may need attention (not yet checked)."""

    record_sha256: str  # its newest full version
    review_due: bool  # its review date has passed and no other meeting of the case followed
    oversight_due: bool  # no oversight, and signed more than M calendar days ago


DRIFT_SQL = f"""
SELECT record_sha256, review_date < %(today)s, NOT overseen AND signed_on < %(oversight_by)s
  FROM {S}.drift
 WHERE first_due < %(today)s OR review_date < %(today)s
    OR (NOT overseen AND signed_on < %(oversight_by)s)
"""


def attention_rows(
    conn: psycopg.Connection, today: date, limits: settings.Thresholds = DEFAULT_LIMITS
) -> list[Candidate]:
    """The meetings whose laid-out dates have passed: one short row each.

    Calendar days here, so a superset of what the working-day rules then keep: an action is
    late by one working day only once its due date is behind us, and oversight is missing
    after M working days only once more than M calendar days have passed. Which actions, and
    how late, is read from the record."""
    by = today - timedelta(days=limits.oversight_days)
    return [
        Candidate(*row)
        for row in conn.execute(DRIFT_SQL, {"today": today, "oversight_by": by}).fetchall()
    ]


def attention(
    conn: psycopg.Connection, today: date, limits: settings.Thresholds = DEFAULT_LIMITS
) -> tuple[list[dict[str, Any]], list[str]]:
    """The drift lines across every chair, by the laptop's own rules (`desktop.case.attention`:
    working days of the meeting's nation, progress after signing, carried actions), each read
    from a verified signed record; and sentences for rows that did not verify."""
    refused: list[str] = []
    known = signers(conn, refused)
    found = attention_rows(conn, today, limits)
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"SELECT record_sha256, meeting_id, version, audience, case_reference, "
            f"meeting_date, record, signature, fingerprint, published_by "
            f"FROM {S}.signed_versions WHERE record_sha256 = ANY(%s)",
            [[c.record_sha256 for c in found]],
        ).fetchall()
    records: dict[str, tuple[dict[str, Any], str]] = {}
    for row in rows:
        try:
            records[row["record_sha256"]] = (
                signed_rows.check_record(row, known),
                row["published_by"],
            )
        except NotVerified as exc:
            refused.append(
                f"The register's version {row['version']} of meeting {row['meeting_id']}, "
                f"published by {row['published_by']}, was not used: {exc}."
            )
    meetings = {sha: canonical.meeting_from_record(r) for sha, (r, _by) in records.items()}
    progress = _progress(conn, sorted({m.id for m in meetings.values()}), known, refused)
    carried = _carried_on(conn, [a.id for m in meetings.values() for a in m.actions])
    lines: list[dict[str, Any]] = []
    for c in found:
        if c.record_sha256 not in records:
            continue
        record, published_by = records[c.record_sha256]
        meeting = meetings[c.record_sha256]
        meeting.progress = progress.get(meeting.id, [])
        meeting.carried_on = {a.id: carried[a.id] for a in meeting.actions if a.id in carried}
        said = _lines(c, meeting, date.fromisoformat(str(record["signed_at"])[:10]), today, limits)
        lines += [
            {
                **line.as_json(),
                "version": record["version"],
                "chair": record["signer"]["name"],
                "published_by": published_by,
            }
            for line in said
        ]
    order = {c: n for n, (c, _label) in enumerate(case_attention.CONCERNS)}
    lines.sort(key=lambda ln: (order[ln["concern"]], -ln["working_days"], ln["case_reference"]))
    return lines, refused


def _lines(
    c: Candidate, meeting: Meeting, signed_on: date, today: date, limits: settings.Thresholds
) -> list[case_attention.Line]:
    """The meeting's drift lines by the laptop's rules, read from its verified record; the
    register says only what the record cannot: whether a later meeting of the case was held
    and whether a manager has recorded oversight."""
    ref = meeting.facts["case_reference"] or ""
    out = case_attention.overdue_actions(meeting, ref, today)
    if c.review_due:
        out += filter(None, [case_attention.review_overdue(meeting, ref, today)])
    if c.oversight_due:
        out += filter(
            None, [case_attention.oversight_missing(meeting, ref, signed_on, today, limits)]
        )
    return out


def _carried_on(conn: psycopg.Connection, action_ids: list[str]) -> dict[str, str]:
    """Action id -> the later published meeting that carries it (the review chases it)."""
    rows = conn.execute(
        f"SELECT carried_action, meeting_id FROM {S}.published_actions "
        "WHERE carried_action = ANY(%s)",
        [action_ids],
    ).fetchall()
    return {action: meeting for action, meeting in rows}


def _progress(
    conn: psycopg.Connection,
    meeting_ids: list[str],
    known: dict[str, dict[str, Any]],
    refused: list[str],
) -> dict[str, list[Progress]]:
    """The verified progress entries of each meeting, oldest first, as the laptop reads them;
    entries that do not verify are reported in `refused` and not used."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            f"SELECT * FROM {S}.signed_entries WHERE kind = 'progress' AND meeting_id = ANY(%s)",
            [meeting_ids],
        ).fetchall()
    out: dict[str, list[Progress]] = {}
    for row in rows:
        try:
            e = signed_rows.check_entry(row, known)
        except NotVerified as exc:
            refused.append(
                f"The register's progress entry on meeting {row['meeting_id']}, published by "
                f"{row['published_by']}, was not used: {exc}."
            )
            continue
        out.setdefault(e["meeting_id"], []).append(
            Progress(
                str(e.get("action_id")),
                str(e.get("status")),
                str(e.get("note") or ""),
                str(e.get("name") or ""),
                str(e.get("date") or ""),
                str(e.get("recorded_at")),
            )
        )
    for entries in out.values():
        entries.sort(key=lambda p: p.recorded_at)
    return out
