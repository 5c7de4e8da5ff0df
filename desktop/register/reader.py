"""The register opened read-only in the app, for an admin or a manager.

The window lists the newest published version of every meeting from the register's laid-out
columns (so a list of thousands comes at once), and checks a meeting's record, signature and
file only when it is opened or exported, as `export-all` does; the drift view reads every
line from a checked record (`team.attention`). The session is read-only in the database as
well: nothing here could publish, whatever a bug did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.register import team
from strategy_minutes.desktop.register.connection import (
    RegisterProblem,
    address,
    open_register,
)
from strategy_minutes.desktop.register.signed_rows import NotVerified
from strategy_minutes.storage.atomic_file import write_atomic

READERS = ("admin", "manager")
S = team.S

LIST_SQL = f"""
SELECT DISTINCT ON (v.meeting_id) v.meeting_id, v.version, v.case_reference, v.meeting_date,
       v.fingerprint, v.published_by, d.overseen
  FROM {S}.signed_versions v LEFT JOIN {S}.drift d ON d.meeting_id = v.meeting_id
 WHERE v.audience = 'full'
 ORDER BY v.meeting_id, v.version DESC
"""


@dataclass(frozen=True)
class Minutes:
    """One published meeting as its checked record says it."""

    meeting_id: str
    version: int
    heading: str
    text: str  # the signed file's text, paragraph by paragraph


class RegisterReader:
    """A read-only session on the register for an admin or a manager."""

    def __init__(
        self, conn: psycopg.Connection, role: str, where: str, url: str, secret: str | None
    ) -> None:
        self.conn, self.role, self.where = conn, role, where
        self._url, self._secret = url, secret  # for `twin`

    @classmethod
    def open(cls, url: str, secret: str | None = None) -> RegisterReader:
        """RegisterProblem, in one sentence, when the register cannot be read from here."""
        addr = address(url)
        conn, role = open_register(addr, secret)
        if role not in READERS:
            conn.close()
            raise RegisterProblem(
                f"The login {addr.user} is a {role}; the register is opened in the app by an "
                "admin or a manager (a chair's laptop pulls what concerns its own cases)."
            )
        conn.execute("SET default_transaction_read_only = on")
        return cls(conn, role, addr.where, url, secret)

    def twin(self) -> RegisterReader:
        """Another session like this one, on a connection of its own: for a read that takes
        long enough to run on another thread (a connection is not shared between threads)."""
        return RegisterReader.open(self._url, self._secret)

    def close(self) -> None:
        self.conn.close()

    def meetings(self) -> list[dict[str, Any]]:
        """The newest published version of each meeting, newest meeting first: case
        reference, date, chair (by the signer's checked statement) and status."""
        refused: list[str] = []
        names = {fp: s["name"] for fp, s in team.signers(self.conn, refused).items()}
        rows = []
        for meeting_id, version, case, on, fp, login, overseen in self.conn.execute(LIST_SQL):
            status = "Signed" + (f", addendum (version {version})" if version > 1 else "")
            rows.append(
                {
                    "meeting_id": meeting_id,
                    "version": version,
                    "case_reference": case or "(no case reference)",
                    "date": on.isoformat() if on else "",
                    "chair": names.get(fp) or f"unchecked key ({login})",
                    "status": status + ("" if overseen else "; no oversight yet"),
                }
            )
        rows.sort(key=lambda r: (r["date"], r["case_reference"]), reverse=True)
        return rows

    def minutes(self, meeting_id: str) -> Minutes:
        """The meeting's full minutes, read from its checked record and file; RegisterProblem
        saying why when they do not check out."""
        try:
            record, _data = team.copy_of(self.conn, meeting_id, audiences.FULL)
        except NotVerified as exc:
            raise RegisterProblem(f"That meeting was not shown: {exc}.") from None
        facts = record["meeting"]["facts"]
        heading = "  ·  ".join(
            (
                facts.get("case_reference") or "(no case reference)",
                facts.get("date") or "(no date)",
                f"version {record['version']} signed by {record['signer']['name']}",
            )
        )
        text = "\n".join(str(line[3]) for line in record.get("text") or [])
        return Minutes(meeting_id, int(record["version"]), heading, text)

    def export(self, meeting_id: str, audience: str, out: Path) -> Path:
        """Write one copy as `export-all` would (signed file, carried entries, checked)."""
        try:
            _meeting, data = team.copy_of(self.conn, meeting_id, audience)
        except NotVerified as exc:
            raise RegisterProblem(f"Nothing was exported: {exc}.") from None
        return write_atomic(out, data)

    def attention(self, today: date | None = None) -> tuple[list[dict[str, Any]], list[str]]:
        return team.attention(self.conn, today or date.today())
