"""Edits a meeting through MeetingService until it is killed; run by test_crash_safety.

Plain Python, no Qt: `python crash_child.py DATA_DIR MEETING_ID SEED`, with the store's
passphrase in STRATEGY_MINUTES_PASSPHRASE. Every line goes out flushed, so whatever the
parent reads was said before the kill:

    open <unclean> <state>      the store opened; `state` is what it holds (JSON)
    doing <n> <edit>            about to call the service (JSON)
    saved <n> <edit>            the call returned, so the edit is reported saved

The edits mix facts and attendee fields, additions and removals, short and long text in
several scripts. Every name is fictional.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.session import terminal_passphrase
from strategy_minutes.storage.store import open_store

NAMES = (
    "Siân Llŷr-Prosser",
    "Ffion ap Dafydd",
    "Zofia Wiśniewska-Łukasik",
    "Grzegorz Żółtowski",
    "ليلى حداد الخوري",
    "يوسف النجار",
    "Αθηνά Παπαδοπούλου",
    "Ngozi Okonkwo-Adeyemi",
    "Dvořák Øyvind Ærlig",
    "王小明同学",
)
FACT_TEXT = ("case_reference", "venue", "chair", "chair_role", "minute_taker", "reason")
ATTENDEE_TEXT = ("name", "role", "organisation", "contact", "apology_reason")
CHOICES = {
    ("facts", "held"): ("in_person", "video", "phone"),
    ("attendees", "status"): ("present", "apologies", "report", "absent"),
    ("attendees", "agency"): ("police", "health", "education", "childrens_social_care"),
}


def long_text(rng: random.Random, n: int) -> str:
    """Paragraphs long enough to span several database pages (4 KiB each)."""
    words = [f"{rng.choice(NAMES)} ({n}) said what was seen at contact." for _ in range(40)]
    return "\n\n".join(" ".join(words) for _ in range(rng.randint(2, 12)))


def text(rng: random.Random, n: int, long_ok: bool) -> str:
    if long_ok and rng.random() < 0.15:
        return long_text(rng, n)
    return f"{rng.choice(NAMES)} {n}"


def snapshot(service: MeetingService, meeting_id: str) -> dict[str, Any]:
    """The stored facts and attendees as raw records, exactly as the repository returns them."""
    record = service.repo.load(meeting_id)
    return {
        "facts": record["sections"].get("facts", {}),
        "attendees": {r["id"]: r["data"] for r in record["items"] if r["kind"] == "attendees"},
    }


def next_edit(rng: random.Random, n: int, state: dict[str, Any]) -> dict[str, Any]:
    attendees = state["attendees"]
    roll = rng.random()
    if not attendees or (roll < 0.1 and len(attendees) < 30):
        data = {
            "name": text(rng, n, False),
            "role": text(rng, n, False),
            "status": "present",
            "agency": "police",
            "contact": text(rng, n, False),
        }
        return {"op": "add", "kind": "attendees", "item": str(uuid.uuid4()), "data": data}
    if roll < 0.17 and len(attendees) > 3:
        return {"op": "remove", "item": rng.choice(sorted(attendees))}
    if roll < 0.55:
        item = rng.choice(sorted(attendees))
        field = rng.choice(ATTENDEE_TEXT + ("status", "agency"))
        kind = "attendees"
    else:
        item = None
        field = rng.choice(FACT_TEXT + ("held", "date", "start_time"))
        kind = "facts"
    if (kind, field) in CHOICES:
        value: Any = rng.choice(CHOICES[kind, field])
    elif field == "date":
        value = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    elif field == "start_time":
        value = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    else:
        value = text(rng, n, field == "reason" or field == "apology_reason")
    return {"op": "set", "kind": kind, "item": item, "field": field, "value": value}


def apply(
    service: MeetingService, meeting_id: str, edit: dict[str, Any], state: dict[str, Any]
) -> None:
    """Make the edit through the service, then mirror it in `state`."""
    if edit["op"] == "add":
        service.add_item(meeting_id, edit["kind"], edit["data"], item_id=edit["item"])
        state["attendees"][edit["item"]] = dict(edit["data"])
    elif edit["op"] == "remove":
        service.remove_item(meeting_id, edit["item"])
        del state["attendees"][edit["item"]]
    else:
        service.set_field(meeting_id, edit["kind"], edit["item"], edit["field"], edit["value"])
        target = state["attendees"][edit["item"]] if edit["item"] else state["facts"]
        target[edit["field"]] = edit["value"]


def say(*parts: object) -> None:
    print(*parts, flush=True)


def main(folder: str, meeting_id: str, seed: str) -> None:
    rng = random.Random(seed)
    store = open_store(Path(folder), terminal_passphrase)
    service = MeetingService(store)
    state = snapshot(service, meeting_id)
    say("open", json.dumps(store.unclean_shutdown), json.dumps(state, ensure_ascii=False))
    n = 0
    while True:
        n += 1
        edit = next_edit(rng, n, state)
        line = json.dumps(edit, ensure_ascii=False)
        say("doing", n, line)
        apply(service, meeting_id, edit, state)
        say("saved", n, line)


if __name__ == "__main__":
    main(*sys.argv[1:4])
