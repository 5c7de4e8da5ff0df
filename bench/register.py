"""The team register at an authority's scale: 50 chairs, 10,000 published meetings.

Builds a register on a throwaway PostgreSQL (tests/register/server.py): the demo meeting is
signed once for real, then cloned for each meeting with fresh ids, case references, dates
and action due dates, each clone's records signed by its chair's own key and its signed file
given its own signatures part (the signed parts are the demo's, so every file verifies). The
50 chairs publish as their own logins, through the row-level security a laptop meets.

Measures, in one run:
- an admin's export of 1,000 meetings from the register (every row, record and file
  verified), against the same 1,000 exported from a local store by `export-all`'s own path;
- the drift view's p95: the query alone (target under 100 ms), against the query as it was
  before the register kept its `drift` table (migration 0003) in the same run; and the whole
  view, every record verified and the working-day rules applied;
- a laptop's catch-up: pulling and verifying 200 publications it missed.

STRATEGY_MINUTES_BENCH_MEETINGS sets the number of meetings (default 10,000). Not part of
`make test`, nor of `python -m bench` run whole: at full size it takes about half an hour and
8 GB of disk, so it runs when named (`python -m bench register`).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import tempfile
import time
import uuid
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CHAIRS = 50
EXPORTED = 1000
MISSED = 200
EXPORT_FROM = date(2026, 1, 1)  # only the exported meetings are dated on or after this day


# The baseline: the drift query as it was before the register kept `drift` (migration 0003),
# joining every published version and action at each call (calendar rules; its rows only).
_NEWEST = (
    "NOT EXISTS (SELECT FROM strategy_minutes.signed_versions w WHERE w.meeting_id = "
    "v.meeting_id AND w.audience = 'full' AND w.version > v.version)"
)
JOINED_SQL = f"""
SELECT 'overdue_action' AS kind, v.record_sha256, a.action_id AS item, a.due AS since
  FROM strategy_minutes.published_actions a
  JOIN strategy_minutes.signed_versions v ON v.record_sha256 = a.record_sha256
 WHERE a.status = 'open' AND a.due < %(today)s AND {_NEWEST}
UNION ALL
SELECT 'review_past_date', v.record_sha256, '', v.review_date
  FROM strategy_minutes.signed_versions v
 WHERE v.audience = 'full' AND v.review_date < %(today)s AND {_NEWEST}
   AND NOT EXISTS (SELECT FROM strategy_minutes.signed_versions r WHERE r.audience = 'full'
                   AND r.case_reference = v.case_reference AND r.meeting_id <> v.meeting_id
                   AND r.meeting_date >= v.review_date)
UNION ALL
SELECT 'no_oversight', v.record_sha256, '', v.signed_at::date
  FROM strategy_minutes.signed_versions v
 WHERE v.audience = 'full' AND v.signed_at < %(today)s - 14 AND {_NEWEST}
   AND NOT EXISTS (SELECT FROM strategy_minutes.signed_entries e WHERE e.meeting_id = v.meeting_id
                   AND e.kind = 'oversight')
ORDER BY since, record_sha256, item
"""


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(0.95 * len(ordered) + 0.999999) - 1)]


class Template:
    """The demo meeting signed once; clones swap ids, facts and signer, never signed parts."""

    def __init__(self, store: Any) -> None:
        from strategy_minutes.desktop.meeting import spec
        from strategy_minutes.desktop.services import MeetingService
        from strategy_minutes.desktop.signoff import canonical, lifecycle
        from strategy_minutes.exporters import package, signature_part
        from strategy_minutes.storage import signatures

        service = MeetingService(store)
        meeting_id = service.add_demo(date.today())
        for item in service.get(meeting_id).items_of("information_sharing"):
            service.set_field(meeting_id, "information_sharing", item.id, "done", True)
        meeting = service.get(meeting_id)
        lifecycle.sign(store, meeting)
        self.ids = [meeting_id] + [i.id for k in spec.LISTS for i in meeting.items_of(k.name)]
        self.records: dict[str, str] = {}
        self.bases: dict[str, tuple[bytes, str]] = {}
        for audience in canonical.SIGNED_AUDIENCES:
            row = signatures.signed(store.db, meeting_id, 1, audience)
            docx = signatures.signed_file(store.db, meeting_id, 1, audience)
            assert row is not None and docx is not None
            self.records[audience] = row.record.decode("utf-8")
            entries = package.read_entries(docx, "template")
            slot = next(n for n, b in entries if signature_part.is_signatures(b))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as z:  # deflated once; clones only append a part
                for name, blob in entries:
                    if name != slot:
                        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                        info.compress_type = zipfile.ZIP_DEFLATED
                        z.writestr(info, blob)
            self.bases[audience] = (out.getvalue(), slot)

    def clone(
        self, key: Any, name: str, case: str, on: date, shift: int
    ) -> list[tuple[bytes, bytes, bytes]]:
        """(record, signature, docx) per audience for a new meeting signed by `key`."""
        from strategy_minutes.desktop.signoff import canonical
        from strategy_minutes.exporters import signature_part
        from strategy_minutes.exporters.signature_part import SignaturePart

        fresh = {old: str(uuid.uuid4()) for old in self.ids}
        signed_at = f"{on.isoformat()}T17:00:00Z"
        out = []
        full_sha = None
        for audience, text in self.records.items():
            for old, new in fresh.items():
                text = text.replace(old, new)
            rec = json.loads(text)
            rec["signer"] = {"name": name, "role": "Chair", "fingerprint": key.fingerprint}
            rec["signed_at"] = signed_at
            rec["full_record_sha256"] = full_sha
            facts = rec["meeting"]["facts"]
            facts["case_reference"], facts["date"] = case, on.isoformat()
            for action in rec["meeting"].get("actions") or []:
                if action.get("due"):
                    action["due"] = (on + timedelta(days=7 + shift % 40)).isoformat()
            outcome = rec["meeting"].get("outcome") or {}
            if outcome.get("review_date"):
                outcome["review_date"] = (on + timedelta(days=28)).isoformat()
            record = canonical.canonical_bytes(rec)
            full_sha = full_sha or canonical.sha256(record)
            signature = key.sign(record)
            part = signature_part.signatures_xml(
                SignaturePart(
                    rec["meeting_id"],
                    audience,
                    1,
                    record,
                    signature,
                    key.public_key,
                    key.fingerprint,
                    name,
                    "Chair",
                    signed_at,
                ),  # fmt: skip
                None,
            )
            base, slot = self.bases[audience]
            buffer = io.BytesIO(base)
            with zipfile.ZipFile(buffer, "a") as z:
                z.writestr(zipfile.ZipInfo(slot, date_time=(1980, 1, 1, 0, 0, 0)), part)
            out.append((record, signature, buffer.getvalue()))
        return out


def main() -> bool | None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from strategy_minutes.desktop.register import admin, connection, sync, team
    from strategy_minutes.desktop.register.signed_rows import VersionRow, sha256, signer_row
    from strategy_minutes.desktop.signoff.keys import SigningKey
    from strategy_minutes.storage.store import open_store

    from bench.common import PASSPHRASE, machine
    from tests.register.server import SUPER_PASSWORD, SUPERUSER, start_server

    meetings = int(os.environ.get("STRATEGY_MINUTES_BENCH_MEETINGS", "10000"))
    print(f"\nTeam register: {CHAIRS} chairs, {meetings} meetings; {machine()}")
    work = Path(tempfile.mkdtemp(prefix="strategy-minutes-bench-"))
    server = start_server()
    try:
        db = "bench_register"
        with server.superuser() as su:
            su.execute(f"CREATE DATABASE {db}")
        su_addr = connection.address(server.url(SUPERUSER, db))
        admin.init(su_addr, SUPER_PASSWORD)
        template = Template(open_store(work / "template", lambda confirm: PASSPHRASE))
        chairs = []
        for n in range(CHAIRS):
            login = f"bench_chair_{n:02d}"
            admin.add_user(su_addr, login, "chair", f"pw-{login}", SUPER_PASSWORD)
            private = Ed25519PrivateKey.generate()
            key = SigningKey(private, private.public_key().public_bytes_raw())
            conn = connection.connect(connection.address(server.url(login, db)), f"pw-{login}")
            sync._send_signer(conn, signer_row(key, f"Chair {n:02d}", "Chair", login))
            chairs.append((login, key, conn))

        began = time.monotonic()
        exported: list[list[tuple[bytes, bytes, bytes]]] = []
        for i in range(meetings):
            login, key, conn = chairs[i % CHAIRS]
            on = (
                EXPORT_FROM + timedelta(days=i % 300)
                if i < EXPORTED
                else date(2024, 1, 1) + timedelta(days=i % 700)
            )
            rows = template.clone(key, f"Chair {i % CHAIRS:02d}", f"BENCH-{i % 4000:05d}", on, i)
            with conn.transaction():
                for record, signature, docx in rows:
                    sync._send_version(
                        conn, VersionRow(sha256(record), record, signature, docx, key.fingerprint)
                    )
            if i < EXPORTED:
                exported.append(rows)
        built = time.monotonic() - began
        with server.superuser(db) as su:
            # a year of publications squeezed into minutes outruns autovacuum; a register in
            # use has been vacuumed and analysed since, so the bench does it once here
            su.execute("VACUUM ANALYZE")
            size = su.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"built in {built:.0f} s; database {size.fetchone()[0]}")

        # the same 1,000 meetings in a local store, signed records and files as a laptop keeps
        local = open_store(work / "local", lambda confirm: PASSPHRASE)
        _fill_local(local, exported)
        admin.add_user(su_addr, "bench_admin", "admin", "pw-bench_admin", SUPER_PASSWORD)
        admin_conn = connection.connect(
            connection.address(server.url("bench_admin", db)), "pw-bench_admin"
        )
        register_s, local_s = [], []
        for round_ in range(3):
            out = work / f"register-{round_}"
            out.mkdir()
            t = time.perf_counter()
            outcome = team.export_all(admin_conn, out, since=EXPORT_FROM.isoformat())
            register_s.append(time.perf_counter() - t)
            assert len(outcome.written) == EXPORTED and not outcome.refused, outcome.refused[:2]
            out = work / f"local-{round_}"
            out.mkdir()
            t = time.perf_counter()
            _export_local(local, out)
            local_s.append(time.perf_counter() - t)
        reg_med, loc_med = statistics.median(register_s), statistics.median(local_s)
        print(
            f"export of {EXPORTED} meetings: register {reg_med:.1f} s (median of 3), local store "
            f"{loc_med:.1f} s: {reg_med / loc_med:.2f}x"
        )

        baseline, query, verified = [], [], []
        today = date.today()
        for _ in range(30):  # interleaved, so that the machine's noise falls on both
            t = time.perf_counter()
            before = admin_conn.execute(JOINED_SQL, {"today": today}).fetchall()
            baseline.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = team.attention_rows(admin_conn, today)
            query.append(time.perf_counter() - t)
        for _ in range(3):
            t = time.perf_counter()
            lines, refused = team.attention(admin_conn, today)
            verified.append(time.perf_counter() - t)
        assert not refused, refused[:2]
        print(
            f"drift view: {len(found)} meetings to read ({len(before)} rows from the query that "
            f"joined every version and action, before migration 0003): query median / p95 "
            f"{statistics.median(query) * 1000:.1f} / {_p95(query) * 1000:.1f} ms against "
            f"{statistics.median(baseline) * 1000:.1f} / {_p95(baseline) * 1000:.1f} ms "
            f"(target < 100 ms: {'PASS' if _p95(query) < 0.1 else 'MISS'}); {len(lines)} lines "
            f"after every record is verified and the working-day rules applied, median "
            f"{statistics.median(verified):.1f} s"
        )

        laptop = open_store(work / "laptop", lambda confirm: PASSPHRASE)
        from strategy_minutes.desktop.services import MeetingService

        service = MeetingService(laptop)
        for n in range(MISSED):
            service.new_meeting(f"CATCH-{n:03d}", date(2026, 6, 1))
        with admin_conn:
            sync.pull(laptop, admin_conn, sync.SyncReport())  # up to date, then away
        login, key, conn = chairs[1]
        for n in range(MISSED):
            for record, signature, docx in template.clone(
                key, "Chair 01", f"CATCH-{n:03d}", date(2026, 6, 2), n
            ):
                with conn.transaction():
                    sync._send_version(
                        conn, VersionRow(sha256(record), record, signature, docx, key.fingerprint)
                    )
        away = chairs[2][0]
        back = connection.connect(connection.address(server.url(away, db)), f"pw-{away}")
        report = sync.SyncReport()
        t = time.perf_counter()
        sync.pull(laptop, back, report)
        took = time.perf_counter() - t
        print(
            f"catch-up after {MISSED} missed publications: pulled and verified "
            f"{report.pulled_versions} signed records with their files in {took:.1f} s "
            f"({took / MISSED * 1000:.0f} ms a publication); refused {len(report.refused)}"
        )
        return _p95(query) < 0.1
    finally:
        server.discard()
        shutil.rmtree(work, ignore_errors=True)  # stores and exports of fictional meetings


def _fill_local(store: Any, exported: list[list[tuple[bytes, bytes, bytes]]]) -> None:
    from strategy_minutes.desktop.signoff import canonical
    from strategy_minutes.storage import signatures
    from strategy_minutes.storage.signatures import SignedRecord

    for rows in exported:
        full = canonical.parse_record(rows[0][0])
        meeting = canonical.meeting_from_record(full)
        store.repo.create(
            {k: dict(v) for k, v in meeting.sections.items()},
            [(kind, i.id, i.data) for kind, items in meeting.items.items() for i in items],
            status="signed",
            meeting_id=meeting.id,
        )
        with store.db.atomic():
            for record, signature, docx in rows:
                rec = canonical.parse_record(record)
                signer = rec["signer"]
                signatures.add_signed(
                    store.db,
                    SignedRecord(
                        meeting.id,
                        1,
                        rec["audience"],
                        record,
                        canonical.sha256(record),
                        signature,
                        signer["name"],
                        signer["role"],
                        rec["signed_at"],
                        b"",
                        signer["fingerprint"],
                    ),  # fmt: skip
                )
                signatures.add_signed_file(store.db, meeting.id, 1, rec["audience"], docx)


def _export_local(store: Any, out: Path) -> None:
    from strategy_minutes.desktop.exports import file_name, write_copy
    from strategy_minutes.desktop.services import MeetingService

    service = MeetingService(store)
    for row in service.summaries():
        meeting = service.get(row["id"])
        path = out / f"{meeting.id}_{file_name(meeting, 'full')}"
        _path, said = write_copy(service, meeting, path, "full")
        assert said.startswith("Carries version"), said


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
