"""Why the store could not write, as one sentence a chair or an admin can act on.

SQLite reports a full disk, a read-only folder or a failing disk as `OperationalError` with a
terse message ("database or disk is full"). Left as it is, the command line could only say
"unexpected problem (OperationalError)" and the editor would drop the edit without a word.
Both ask this module for the sentence instead.
"""

from __future__ import annotations

from strategy_minutes.storage.db import DatabaseError

# (part of SQLite's message, lower case) -> what it means for the person at the laptop
_SENTENCES = (
    (
        "database or disk is full",
        "The disk holding the store is full; free some space, then try again.",
    ),
    (
        "readonly database",
        "The store's folder or database file is read-only; make it writable, then try again.",
    ),
    (
        "disk i/o error",
        "The disk holding the store reported a read or write error; check the disk, then "
        "try again.",
    ),
    (
        "unable to open database file",
        "The store's database file could not be opened for writing; check the folder's "
        "permissions and free space.",
    ),
    (
        "database is locked",
        "Another program is holding the store's database; close it, then try again.",
    ),
)


def sentence(exc: BaseException) -> str | None:
    """The sentence for a storage failure, or None when `exc` is not one this module knows."""
    if not isinstance(exc, DatabaseError):
        return None
    message = str(exc).lower()
    return next((said for part, said in _SENTENCES if part in message), None)


class NotSaved(Exception):
    """A change the store could not write; the message is the sentence saying why.

    Nothing of the change was kept: the transaction that would have made it was rolled back.
    """


def not_saved(exc: BaseException) -> NotSaved | None:
    """A NotSaved carrying the sentence for `exc`, or None when it is another kind of error."""
    said = sentence(exc)
    return None if said is None else NotSaved(f"Not saved: {said[0].lower()}{said[1:]}")
