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

from typing import Any

from sqlite_utils import Database

from strategy_minutes.folding import fold

SEPARATOR = "\n"  # between the names in the folded text; never typed in a search box
SEARCHED_KINDS = ("people", "attendees")
SEARCHED_FACTS = ("case_reference", "chair")
LISTED_FACTS = (*SEARCHED_FACTS, "reviews")  # facts whose edit rewrites the list's row
SEARCHED_ITEM_FIELDS = ("name", "role")  # role decides who is listed as a subject child
TRIGRAM = 3  # shorter queries cannot use the trigram index; they scan the small folded table


def case_key(reference: str | None) -> str:
    """The case a reference names: capitals, no spaces ('nf / 2026/0142' is 'NF/2026/0142'),
    because the reference is typed by hand at each meeting. Kept beside the reference in
    `meetings.case_key`, so the list is grouped and filtered by case in its query."""
    return "".join((reference or "").split()).upper()


def create_tables(db: Database) -> None:
    db.execute("ALTER TABLE meetings ADD COLUMN case_key TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE meeting_list (
            n INTEGER PRIMARY KEY,
            meeting_id TEXT NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
            chair TEXT NOT NULL DEFAULT '',
            children TEXT NOT NULL DEFAULT '',
            reviews TEXT
        )""")
    db.execute("CREATE VIRTUAL TABLE meeting_search USING fts5(folded, tokenize = 'trigram')")
    # The list's order (grouped by case, a case's meetings newest first, meetings of no case
    # last) and columns in one index: the whole list, or one case of it, reads no meeting row
    # at all, and its first screen reads only that screen's entries; and the same columns by
    # id, so that a search's matches are fetched without the rows
    # either (a meeting's row holds its sections: kilobytes, each page decrypted to be read).
    db.execute("""
        CREATE INDEX meetings_listed ON meetings(
            deleted_at, case_key = '', case_key, meeting_date IS NULL, meeting_date DESC,
            created_at DESC, id, case_reference, status, updated_at)""")
    db.execute("""
        CREATE INDEX meetings_listed_by_id ON meetings(
            id, deleted_at, case_key, meeting_date, created_at, case_reference, status,
            updated_at)""")


def reindex(db: Database, meeting_id: str) -> None:
    """Rewrite one meeting's list row and folded search text (inside the caller's transaction)."""
    row = db.execute(
        "SELECT case_reference, json_extract(sections, '$.facts.chair'), "
        "json_extract(sections, '$.facts.reviews') FROM meetings WHERE id = ?",
        [meeting_id],
    ).fetchone()
    if row is None:
        return
    case_reference, chair, reviews = row[0] or "", row[1] or "", row[2] or None
    db.execute(
        "UPDATE meetings SET case_key = ? WHERE id = ? AND case_key IS NOT ?",
        [case_key(case_reference), meeting_id, case_key(case_reference)],
    )
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
        "INSERT INTO meeting_list (meeting_id, chair, children, reviews) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (meeting_id) DO UPDATE SET chair = excluded.chair, "
        "children = excluded.children, reviews = excluded.reviews RETURNING n",
        [meeting_id, chair, ", ".join(children), reviews],
    ).fetchone()[0]
    db.execute("DELETE FROM meeting_search WHERE rowid = ?", [n])
    db.execute(
        "INSERT INTO meeting_search (rowid, folded) VALUES (?, ?)",
        [n, fold(SEPARATOR.join([case_reference, chair, *names]))],
    )


def reindex_all(db: Database) -> None:
    for (meeting_id,) in db.execute("SELECT id FROM meetings").fetchall():
        reindex(db, meeting_id)


COLUMNS = "id, case_reference, case_key, meeting_date, status, created_at, updated_at, deleted_at"
LISTED = ", ".join(f"m.{c}" for c in COLUMNS.split(", ")) + ", l.chair, l.children, l.reviews"
ORDER = (
    "m.case_key = '', m.case_key, m.meeting_date IS NULL, m.meeting_date DESC, "
    "m.created_at DESC, m.id"
)
# The same keys one by one, each with its direction: a page after a given row (`query`'s
# `after`) is asked as "greater than that row in this order". The id comes last, so that no
# two meetings tie: with ties, two pages could both hold a meeting, or neither.
_KEYS = (
    ("m.case_key = ''", ">", lambda r: r["case_key"] == ""),
    ("m.case_key", ">", lambda r: r["case_key"]),
    ("m.meeting_date IS NULL", ">", lambda r: r["meeting_date"] is None),
    ("m.meeting_date", "<", lambda r: r["meeting_date"]),
    ("m.created_at", "<", lambda r: r["created_at"]),
    ("m.id", ">", lambda r: r["id"]),
)


def _after(row: dict[str, Any], keys: tuple[Any, ...] = _KEYS) -> tuple[str, list[Any]]:
    """SQL for "comes after `row` in the list's order": k1 > a1 OR (k1 IS a1 AND (k2 > ...)).
    A NULL date is greater or less than nothing, and equal (IS) only to another NULL."""
    (column, beyond, value), *inner = keys
    later = f"({column}) {beyond} ?"
    if not inner:
        return f"({later})", [value(row)]
    rest, params = _after(row, tuple(inner))
    return f"({later} OR (({column}) IS ? AND {rest}))", [value(row), value(row), *params]


def _kept(binned: bool, case: str) -> tuple[list[str], list[Any]]:
    """Which meetings the list shows at all (WHERE clauses on `m` and their parameters): in
    the bin or out of it, and those of one case when one is chosen."""
    where = [f"m.deleted_at IS {'NOT NULL' if binned else 'NULL'}"]
    params: list[Any] = []
    if case:
        where.append("m.case_key = ?")
        params.append(case)
    return where, params


def query(
    search: str = "",
    binned: bool = False,
    ids: list[str] | None = None,
    limit: int | None = None,
    after: dict[str, Any] | None = None,
    case: str = "",
) -> tuple[str, list[Any]]:
    """The list's one query (SQL and parameters), for the GUI and the command line alike;
    `case` keeps only the meetings of one case (a `case_key`); `after`, a row of an earlier
    page, starts the page after it (rows made, moved or binned since then do not shift the
    page, as they would an OFFSET)."""
    where, params = _kept(binned, case)
    folded = fold(search.strip())
    if folded:  # from the search's matches to their meetings (CROSS JOIN keeps this order)
        tables = (
            "meeting_search AS s CROSS JOIN meeting_list AS l ON l.n = s.rowid "
            "CROSS JOIN meetings AS m ON m.id = l.meeting_id"
        )
        if len(folded) >= TRIGRAM:  # one quoted phrase: a plain substring, never query syntax
            where.insert(0, "meeting_search MATCH ?")
            params.insert(0, '"' + folded.replace('"', '""') + '"')
        else:
            where.insert(0, "instr(s.folded, ?)")
            params.insert(0, folded)
    else:  # the whole list, in the order of its index
        tables = "meetings AS m JOIN meeting_list AS l ON l.meeting_id = m.id"
    if ids is not None:
        where.append(f"m.id IN ({', '.join('?' * len(ids))})")
        params += ids
    if after is not None:
        later, values = _after(after)
        where.append(later)
        params += values
    sql = [f"SELECT {LISTED} FROM {tables}", "WHERE " + " AND ".join(where)]
    sql.append(f"ORDER BY {ORDER}")
    if limit is not None:
        sql.append("LIMIT ?")
        params.append(limit)
    return " ".join(sql), params


# A first screen for a search too short for the trigram index is looked for among the first
# WALK meetings in the list's order before all of them are searched and sorted.
WALK = 1000


def walked(
    search: str, binned: bool, limit: int | None, case: str = ""
) -> tuple[str, list[Any]] | None:
    """A first screen for a search of one or two characters (SQL and parameters), or None
    where it does not apply. Such a search matches most meetings, and `query` must find and
    sort every match before it can give the first screen (7-10 ms at 10,000 meetings; this,
    0.1-0.4 ms). The first `limit` matches among the first WALK meetings in the list's order
    are the first `limit` of all; when fewer are found there, the caller asks `query`."""
    folded = fold(search.strip())
    if not folded or len(folded) >= TRIGRAM or limit is None:
        return None
    where, params = _kept(binned, case)
    first = (
        f"SELECT {COLUMNS} FROM meetings AS m WHERE {' AND '.join(where)} ORDER BY {ORDER} LIMIT ?"
    )
    sql = (
        f"SELECT {LISTED} FROM ({first}) AS m JOIN meeting_list AS l ON l.meeting_id = m.id "
        f"JOIN meeting_search AS s ON s.rowid = l.n WHERE instr(s.folded, ?) "
        f"ORDER BY {ORDER} LIMIT ?"
    )
    return sql, [*params, WALK, folded, limit]


def cases(search: str = "", binned: bool = False) -> tuple[str, list[Any]]:
    """The cases among the meetings a search lists (SQL and parameters), in order."""
    sql, params = query(search, binned)
    return f"SELECT DISTINCT case_key FROM ({sql}) WHERE case_key != '' ORDER BY 1", params


def _descending(text: str) -> tuple[int, ...]:
    return (*(-ord(c) for c in text), 1)  # a longer text after its own start, as DESC sorts


def order_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The list's order in Python (sort ascending): by case, meetings of no case last; in a
    case, dated meetings first, newest first, then the newest made, then by id. `ORDER` says
    it in SQL."""
    return (
        row["case_key"] == "",
        row["case_key"],
        row["meeting_date"] is None,
        _descending(row["meeting_date"] or ""),
        _descending(row["created_at"]),
        row["id"],
    )
