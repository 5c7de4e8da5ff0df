"""An edit from the UI to durable, against a raw SQLCipher commit of one row. Target: p99 <= 3x.

The subject is the path the editor takes: MeetingService on a store holding the demo meeting
(setting a meeting fact, setting an attendee's field, adding an attendee) and, where ui/undo.py
is present, the editor's own Editing.set_field, which also pushes a QUndoCommand. Each returns
only once its transaction has committed. The baseline is the least a durable edit can cost:
a sqlcipher3 connection keyed with a raw 256-bit key like the store's, WAL, synchronous=FULL,
foreign keys on, one INSERT and a COMMIT. Both live in one temporary folder, on one disk.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import sqlcipher3
from keyring.backends import fail
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage.store import open_store

from bench.common import PASSPHRASE, Comparison, interleaved, machine, report

REPETITIONS = 500
TARGET = 3.0
BASELINE = "raw SQLCipher: INSERT one row + COMMIT"


def raw_connection(path: Path) -> Any:
    """A connection with the store's settings and nothing else."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{secrets.token_bytes(32).hex()}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE edits (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
    return conn


def timed(action: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return run


def editor_subject(
    service: MeetingService, meeting_id: str, values: Any
) -> Callable[[], float] | None:
    """The editor's own undoable edit, if the Qt editor is there to measure."""
    if importlib.util.find_spec("strategy_minutes.ui.undo") is None:
        return None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from strategy_minutes.ui.undo import Editing

    app = QApplication.instance() or QApplication([])
    editing = Editing(service, meeting_id, app)
    return timed(
        lambda: editing.set_field("facts", None, "minute_taker", f"Minute-taker {next(values)}")
    )


def main() -> bool:
    print(f"\nedit to durable, {REPETITIONS} repetitions each, interleaved; {machine()}")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # passphrase mode: the bench never writes a keyring
    with tempfile.TemporaryDirectory(prefix="strategy-minutes-bench-") as tmp:
        store = open_store(Path(tmp) / "store", lambda confirm: PASSPHRASE)
        raw = raw_connection(Path(tmp) / "raw.db")
        try:
            service = MeetingService(store)
            meeting_id = service.add_demo()
            attendee = service.get(meeting_id).items_of("attendees")[0].id
            values = itertools.count()

            def insert_row() -> None:
                raw.execute("BEGIN")
                raw.execute("INSERT INTO edits (value) VALUES (?)", [f"Room {next(values)}"])
                raw.execute("COMMIT")

            subjects = {
                BASELINE: timed(insert_row),
                "MeetingService.set_field: a meeting fact": timed(
                    lambda: service.set_field(
                        meeting_id, "facts", None, "venue", f"Room {next(values)}"
                    )
                ),
                "MeetingService.set_field: an attendee": timed(
                    lambda: service.set_field(
                        meeting_id, "attendees", attendee, "role", f"Role {next(values)}"
                    )
                ),
                "MeetingService.add_item: an attendee": timed(
                    lambda: service.add_item(
                        meeting_id, "attendees", {"name": f"Attendee {next(values)}"}
                    )
                ),
            }
            editor = editor_subject(service, meeting_id, values)
            if editor is not None:
                subjects["editor: Editing.set_field + QUndoStack"] = editor
            samples = interleaved(subjects, REPETITIONS, warmup=20)
        finally:
            raw.close()
            store.close()
            keyring.set_keyring(previous)
    return report(
        "edit to durable (target: p99 at most 3x the raw commit)",
        [
            Comparison(name, BASELINE, samples[name], samples[BASELINE], "p99", TARGET)
            for name in subjects
            if name != BASELINE
        ],
    )


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
