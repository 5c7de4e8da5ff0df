"""The store's own settings: values that shape what the app says about the cases in it.

Kept in the encrypted store, not in the desktop's settings (QSettings holds only window
geometry): how long a draft may wait before it needs attention says something about the
team's cases. Storage keeps JSON values by key; what each means is desktop's business.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database


def get(db: Database, key: str) -> Any:
    """The value stored under `key`, or None."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else None


def put(db: Database, key: str, value: Any) -> None:
    with db.atomic():
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value)],
        )
