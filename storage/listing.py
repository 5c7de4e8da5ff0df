"""The meeting list's own index: what the list shows and searches, kept beside each meeting.

With thousands of meetings, reading names out of every item's JSON on each keystroke is too
slow (LIKE over json_extract can use no index, and every page read is decrypted). So each
meeting has one row in `meeting_list` (the chair and the subject children, as shown) and one
in the FTS5 table `meeting_search` (trigram tokenizer, so any substring of three characters or
more is found through the index) holding a *folded* copy of the searchable text: the case
reference, the chair and every person's and attendee's name. The repository rewrites both in
the same transaction as any edit that changes them, so the list is never behind the store.

Folding is what lets a chair type a name as it is heard: case and accents are ignored
("Sian" finds "Siân", "Lukasz" finds "Łukasz"). The query is folded by the same function, so
the GUI and `list --search`, which both go through `Repository.summaries`, match alike.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlite_utils import Database

# Letters that NFKD does not decompose into a base letter and a combining mark.
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
    }
)
SEPARATOR = "\n"  # between the names in the folded text; never typed in a search box
SEARCHED_KINDS = ("people", "attendees")
SEARCHED_FACTS = ("case_reference", "chair")
SEARCHED_ITEM_FIELDS = ("name", "role")  # role decides who is listed as a subject child
TRIGRAM = 3  # shorter queries cannot use the trigram index; they scan the small folded table


def fold(text: str) -> str:
    """Lower case, accents and special letters reduced to plain letters: "Łukasz" -> "lukasz"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def create_tables(db: Database) -> None:
    db.execute("""
        CREATE TABLE meeting_list (
            n INTEGER PRIMARY KEY,
            meeting_id TEXT NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
            chair TEXT NOT NULL DEFAULT '',
            children TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE VIRTUAL TABLE meeting_search USING fts5(folded, tokenize = 'trigram')")
    # The list's order and columns in one index: the whole list reads no meeting row at all;
    # and the same columns by id, so that a search's matches are fetched without the rows
    # either (a meeting's row holds its sections: kilobytes, each page decrypted to be read).
    db.execute("""
        CREATE INDEX meetings_listed ON meetings(
            deleted_at, meeting_date IS NULL, meeting_date DESC, created_at DESC,
            id, case_reference, status, updated_at)""")
    db.execute("""
        CREATE INDEX meetings_listed_by_id ON meetings(
            id, deleted_at, meeting_date, created_at, case_reference, status, updated_at)""")


def reindex(db: Database, meeting_id: str) -> None:
    """Rewrite one meeting's list row and folded search text (inside the caller's transaction)."""
    row = db.execute(
        "SELECT case_reference, json_extract(sections, '$.facts.chair') FROM meetings WHERE id = ?",
        [meeting_id],
    ).fetchone()
    if row is None:
        return
    case_reference, chair = row[0] or "", row[1] or ""
    names, children = [], []
    for kind, name, role in db.execute(
        "SELECT kind, json_extract(data, '$.name'), json_extract(data, '$.role') FROM items "
        "WHERE meeting_id = ? AND kind IN ('people', 'attendees') ORDER BY kind, position",
        [meeting_id],
    ):
        if name:
            names.append(name)
            if kind == "people" and role == "subject_child":
                children.append(name)
    n = db.execute(
        "INSERT INTO meeting_list (meeting_id, chair, children) VALUES (?, ?, ?) "
        "ON CONFLICT (meeting_id) DO UPDATE SET chair = excluded.chair, "
        "children = excluded.children RETURNING n",
        [meeting_id, chair, ", ".join(children)],
    ).fetchone()[0]
    db.execute("DELETE FROM meeting_search WHERE rowid = ?", [n])
    db.execute(
        "INSERT INTO meeting_search (rowid, folded) VALUES (?, ?)",
        [n, fold(SEPARATOR.join([case_reference, chair, *names]))],
    )


def reindex_all(db: Database) -> None:
    for (meeting_id,) in db.execute("SELECT id FROM meetings").fetchall():
        reindex(db, meeting_id)


COLUMNS = "id, case_reference, meeting_date, status, created_at, updated_at, deleted_at"
ORDER = "m.meeting_date IS NULL, m.meeting_date DESC, m.created_at DESC"


def query(
    search: str = "",
    binned: bool = False,
    ids: list[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    """The list's one query (SQL and parameters), for the GUI and the command line alike."""
    cols = ", ".join(f"m.{c}" for c in COLUMNS.split(", "))
    where = [f"m.deleted_at IS {'NOT NULL' if binned else 'NULL'}"]
    params: list[Any] = []
    folded = fold(search.strip())
    if folded:  # from the search's matches to their meetings (CROSS JOIN keeps this order)
        tables = (
            "meeting_search AS s CROSS JOIN meeting_list AS l ON l.n = s.rowid "
            "CROSS JOIN meetings AS m ON m.id = l.meeting_id"
        )
        if len(folded) >= TRIGRAM:  # one quoted phrase: a plain substring, never query syntax
            where.insert(0, "meeting_search MATCH ?")
            params.append('"' + folded.replace('"', '""') + '"')
        else:
            where.insert(0, "instr(s.folded, ?)")
            params.append(folded)
    else:  # the whole list, in the order of its index
        tables = "meetings AS m JOIN meeting_list AS l ON l.meeting_id = m.id"
    if ids is not None:
        where.append(f"m.id IN ({', '.join('?' * len(ids))})")
        params += ids
    sql = [f"SELECT {cols}, l.chair, l.children FROM {tables}", "WHERE " + " AND ".join(where)]
    sql.append(f"ORDER BY {ORDER}")
    if limit is not None or offset:
        sql.append("LIMIT ? OFFSET ?")
        params += [-1 if limit is None else limit, offset]
    return " ".join(sql), params


def order_key(row: dict[str, Any]) -> tuple[bool, str, str]:
    """The list's order in Python (sort with reverse=True): dated meetings first, newest
    first, then the newest made. The same order as `ORDER` says in SQL."""
    return (row["meeting_date"] is not None, row["meeting_date"] or "", row["created_at"])
