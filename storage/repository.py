"""Reads and writes meetings as JSON-shaped records; every write is one durable transaction.

The repository knows tables, not the meaning of fields: sections are stored together as one
JSON object on the meeting row, list items as rows of `items` with their fields as JSON. Each
write records itself in the audit trail inside the same transaction, so a change and its
record are never apart.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database
from strategy_minutes.storage import audit, listing


class NotFound(Exception):
    """No meeting or item with that id."""


# From a meeting's actions to the index of carried actions (m009), in that order (CROSS JOIN);
# `+x.id` drops the column's affinity, without which SQLite will not look the id up in an
# index of an expression, and reads every action in the store instead (256 ms at 10,000).
CARRIED_ON = """
    SELECT x.id, later.meeting_id FROM items AS x
    CROSS JOIN items AS later ON later.kind = 'actions'
        AND json_extract(later.data, '$.carried_action') = +x.id
    CROSS JOIN meetings ON meetings.id = later.meeting_id
    WHERE x.meeting_id = ? AND x.kind = 'actions' AND meetings.deleted_at IS NULL"""


class Repository:
    def __init__(self, db: Database, actor: str) -> None:
        self.db = db
        self.actor = actor

    # -- reading ----------------------------------------------------------------------------
    def summaries(
        self,
        search: str = "",
        binned: bool = False,
        ids: list[str] | None = None,
        limit: int | None = None,
        after: dict[str, Any] | None = None,
        case: str = "",
    ) -> list[dict[str, Any]]:
        """Meetings by case, newest first within each; `search` matches the case reference,
        the chair or anyone's name, ignoring case and accents (see storage/listing.py).
        `ids`, `limit` and `after` (the last row of the page before) let the list fetch one
        meeting's row, or its first screen before the rest; `case` keeps one case's meetings
        (a `listing.case_key`)."""
        short = listing.walked(search, binned, limit, case) if not ids and not after else None
        if short is not None:
            rows = self._rows(*short)
            if len(rows) == limit:
                return rows
        return self._rows(*listing.query(search, binned, ids, limit, after, case))

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def cases(self, search: str = "", binned: bool = False) -> list[str]:
        """The case keys among the meetings `summaries(search, binned)` lists, in order."""
        sql, params = listing.cases(search, binned)
        return [r[0] for r in self.db.execute(sql, params)]

    def listed_actions(self, binned: bool = False) -> dict[str, list[dict[str, Any]]]:
        """Every listed meeting's actions, by meeting, in one query: each action's id and the
        two fields its status is read from (`status`, `progress_note`), taken out of the JSON
        by SQLite, so that `list --json` says each action's status without loading each
        meeting, nor even each action, whole."""
        out: dict[str, list[dict[str, Any]]] = {}
        for meeting_id, item_id, status, note in self.db.execute(
            "SELECT meeting_id, id, json_extract(data, '$.status'), "
            "json_extract(data, '$.progress_note') FROM items WHERE kind = 'actions' AND "
            f"meeting_id IN (SELECT id FROM meetings WHERE deleted_at IS "
            f"{'NOT NULL' if binned else 'NULL'}) ORDER BY meeting_id, position"
        ):
            out.setdefault(meeting_id, []).append(
                {"id": item_id, "status": status, "progress_note": note}
            )
        return out

    def all_carried_on(self) -> dict[str, str]:
        """Every action carried to a later meeting (not in the bin): that meeting's id."""
        rows = self.db.execute(
            """SELECT json_extract(later.data, '$.carried_action'), later.meeting_id
               FROM items AS later JOIN meetings ON meetings.id = later.meeting_id
               WHERE later.kind = 'actions' AND meetings.deleted_at IS NULL
               AND json_extract(later.data, '$.carried_action') IS NOT NULL"""
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def with_progress(self) -> set[str]:
        """The meetings with progress recorded after signing."""
        return {r[0] for r in self.db.execute("SELECT DISTINCT meeting_id FROM action_progress")}

    def load(self, meeting_id: str) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT id, status, created_at, updated_at, deleted_at, sections "
            "FROM meetings WHERE id = ?",
            [meeting_id],
        ).fetchone()
        if row is None:
            raise NotFound(meeting_id)
        items = [
            {"id": r[0], "kind": r[1], "position": r[2], "data": json.loads(r[3])}
            for r in self.db.execute(
                "SELECT id, kind, position, data FROM items WHERE "
                "meeting_id = ? ORDER BY kind, position",
                [meeting_id],
            ).fetchall()
        ]
        return {
            "id": row[0],
            "status": row[1],
            "created_at": row[2],
            "updated_at": row[3],
            "deleted_at": row[4],
            "sections": json.loads(row[5]),
            "items": items,
        }

    def carried_on(self, meeting_id: str) -> dict[str, str]:
        """For each action of the meeting carried to a later meeting (not in the bin): that
        meeting's id (looked up through an index: see `CARRIED_ON`)."""
        rows = self.db.execute(
            CARRIED_ON,
            [meeting_id],
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def has_progress(self, meeting_id: str) -> bool:
        """Whether progress was recorded on the meeting after it was signed."""
        row = self.db.execute(
            "SELECT 1 FROM action_progress WHERE meeting_id = ? LIMIT 1", [meeting_id]
        ).fetchone()
        return row is not None

    def meeting_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM meetings ORDER BY created_at")]

    # -- writing ----------------------------------------------------------------------------
    def create(
        self,
        sections: dict[str, dict[str, Any]],
        items: Sequence[tuple[str, str, dict[str, Any]]] = (),
        status: str = "draft",
        meeting_id: str | None = None,
    ) -> str:
        """Create a meeting with its items (kind, id, data) in one transaction."""
        meeting_id = meeting_id or str(uuid.uuid4())
        stamp = audit.now()
        facts = sections.get("facts", {})
        with self.db.atomic():
            self.db.table("meetings").insert(
                {
                    "id": meeting_id,
                    "case_reference": facts.get("case_reference") or "",
                    "meeting_date": facts.get("date"),
                    "status": status,
                    "created_at": stamp,
                    "updated_at": stamp,
                    "sections": json.dumps(sections, ensure_ascii=False),
                }
            )
            audit.append(self.db, meeting_id, self.actor, "create", new=sections)
            positions: dict[str, int] = {}
            for kind, item_id, data in items:
                positions[kind] = positions.get(kind, 0) + 1
                self._insert_item(meeting_id, kind, item_id, data, float(positions[kind]))
            listing.reindex(self.db, meeting_id)
        return meeting_id

    def set_section_field(self, meeting_id: str, kind: str, field: str, value: Any) -> Any:
        with self.db.atomic():
            sections = self.load_sections(meeting_id)
            old = sections.get(kind, {}).get(field)
            sections.setdefault(kind, {})[field] = value
            extra: dict[str, Any] = {}
            if kind == "facts" and field == "case_reference":
                extra["case_reference"] = value or ""
            if kind == "facts" and field == "date":
                extra["meeting_date"] = value
            self._touch(meeting_id, sections=json.dumps(sections, ensure_ascii=False), **extra)
            audit.append(
                self.db, meeting_id, self.actor, "set", kind=kind, field=field, old=old, new=value
            )
            if kind == "facts" and field in listing.LISTED_FACTS:
                listing.reindex(self.db, meeting_id)
        return old

    def set_item_field(self, meeting_id: str, item_id: str, field: str, value: Any) -> Any:
        with self.db.atomic():
            kind, data = self._item(meeting_id, item_id)
            old = data.get(field)
            data[field] = value
            self.db.execute(
                "UPDATE items SET data = ? WHERE id = ?",
                [json.dumps(data, ensure_ascii=False), item_id],
            )
            self._touch(meeting_id)
            audit.append(
                self.db,
                meeting_id,
                self.actor,
                "set",
                kind=kind,
                item_id=item_id,
                field=field,
                old=old,
                new=value,
            )
            if kind in listing.SEARCHED_KINDS and field in listing.SEARCHED_ITEM_FIELDS:
                listing.reindex(self.db, meeting_id)
        return old

    def add_item(
        self,
        meeting_id: str,
        kind: str,
        data: dict[str, Any],
        item_id: str | None = None,
        position: float | None = None,
    ) -> str:
        item_id = item_id or str(uuid.uuid4())
        with self.db.atomic():
            if position is None:
                row = self.db.execute(
                    "SELECT max(position) FROM items WHERE meeting_id = ? AND kind = ?",
                    [meeting_id, kind],
                ).fetchone()
                position = (row[0] or 0.0) + 1.0
            self._touch(meeting_id)
            self._insert_item(meeting_id, kind, item_id, data, position)
            if kind in listing.SEARCHED_KINDS:
                listing.reindex(self.db, meeting_id)
        return item_id

    def remove_item(self, meeting_id: str, item_id: str) -> dict[str, Any]:
        """Remove an item; returns what `add_item` needs to put it back where it was."""
        with self.db.atomic():
            kind, data = self._item(meeting_id, item_id)
            position = self.db.execute(
                "SELECT position FROM items WHERE id = ?", [item_id]
            ).fetchone()[0]
            self.db.execute("DELETE FROM items WHERE id = ?", [item_id])
            self._touch(meeting_id)
            audit.append(
                self.db, meeting_id, self.actor, "remove", kind=kind, item_id=item_id, old=data
            )
            if kind in listing.SEARCHED_KINDS:
                listing.reindex(self.db, meeting_id)
        return {"kind": kind, "data": data, "item_id": item_id, "position": position}

    def set_status(self, meeting_id: str, status: str) -> str:
        with self.db.atomic():
            old: str = self._meeting_value(meeting_id, "status")
            self._touch(meeting_id, status=status)
            audit.append(self.db, meeting_id, self.actor, "status", old=old, new=status)
        return old

    def set_binned(self, meeting_id: str, binned: bool) -> None:
        with self.db.atomic():
            self._meeting_value(meeting_id, "id")
            self._touch(meeting_id, deleted_at=audit.now() if binned else None)
            audit.append(self.db, meeting_id, self.actor, "bin" if binned else "restore")

    def audit_entries(self, meeting_id: str) -> list[audit.Entry]:
        self._meeting_value(meeting_id, "id")
        return audit.entries(self.db, meeting_id)

    def verify_audit(self, meeting_id: str) -> list[str]:
        self._meeting_value(meeting_id, "id")
        return audit.verify(self.db, meeting_id)

    # -- helpers ----------------------------------------------------------------------------
    def load_sections(self, meeting_id: str) -> dict[str, dict[str, Any]]:
        sections: dict[str, dict[str, Any]] = json.loads(
            self._meeting_value(meeting_id, "sections")
        )
        return sections

    def _meeting_value(self, meeting_id: str, column: str) -> Any:
        row = self.db.execute(
            f"SELECT {column} FROM meetings WHERE id = ?", [meeting_id]
        ).fetchone()
        if row is None:
            raise NotFound(meeting_id)
        return row[0]

    def _item(self, meeting_id: str, item_id: str) -> tuple[str, dict[str, Any]]:
        row = self.db.execute(
            "SELECT kind, data FROM items WHERE id = ? AND meeting_id = ?", [item_id, meeting_id]
        ).fetchone()
        if row is None:
            raise NotFound(item_id)
        return row[0], json.loads(row[1])

    def _insert_item(
        self, meeting_id: str, kind: str, item_id: str, data: dict[str, Any], position: float
    ) -> None:
        self.db.table("items").insert(
            {
                "id": item_id,
                "meeting_id": meeting_id,
                "kind": kind,
                "position": position,
                "data": json.dumps(data, ensure_ascii=False),
            }
        )
        audit.append(self.db, meeting_id, self.actor, "add", kind=kind, item_id=item_id, new=data)

    def _touch(self, meeting_id: str, **columns: Any) -> None:
        columns["updated_at"] = audit.now()
        sets = ", ".join(f"{name} = ?" for name in columns)
        cur = self.db.execute(
            f"UPDATE meetings SET {sets} WHERE id = ?", [*columns.values(), meeting_id]
        )
        if cur.rowcount == 0:
            raise NotFound(meeting_id)
