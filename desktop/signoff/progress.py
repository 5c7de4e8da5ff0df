"""Progress on an action: an edit while the minutes can change, its own signed entry after.

Signed minutes cannot change, yet their actions go on: a week later the interview happened,
or the referral was dropped. Progress on a signed meeting is therefore not an edit but an
entry of its own (who recorded it, when, the new status and a note) naming the signed version
by the digest of its record, signed by the key of the laptop it was recorded on, kept for
ever, written to the audit trail, carried in the signatures part of later copies beside the
chair's signature (as management oversight is) and listed by `verify`. It is what the overdue
rule and the "needs attention" view read (`Meeting.action_status`), and what a review meeting
copies into an action's status history.

While the meeting can still be edited (a draft, a copy out for review, an addendum open),
progress is simply the action's status and note, changed as any edit is, with the audit
trail saying who and when.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from strategy_minutes.desktop.meeting.model import Meeting, Progress
from strategy_minutes.desktop.meeting.records import ActionStatus
from strategy_minutes.desktop.signoff import canonical, lifecycle, oversight
from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem
from strategy_minutes.storage import audit, signatures
from strategy_minutes.storage.store import Store

STATUSES = (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED)
NEEDS_NOTE = {
    ActionStatus.IN_PROGRESS: "In progress needs a note saying where it stands",
    ActionStatus.DROPPED: "Dropped needs the reason",
}


def find_action(meeting: Meeting, given: str) -> str:
    """An action's id from its full form or an unambiguous start of one."""
    matches = [a.id for a in meeting.actions if given and a.id.startswith(given)]
    if len(matches) != 1:
        raise SignoffProblem(
            f"{given!r} is not one action of this meeting"
            + (" (it starts more than one)" if matches else "")
            + "; 'show ID --json' lists their ids."
        )
    return matches[0]


def record(
    store: Store,
    meeting: Meeting,
    action_id: str,
    status: str,
    note: str = "",
    by: str = "",
    on: str | None = None,
) -> str:
    """Record progress on one action; returns a sentence saying what was recorded and how."""
    note = note.strip()
    if status not in STATUSES:
        raise SignoffProblem(
            f"{status!r} is not a status progress records: done, in_progress or dropped."
        )
    if status in NEEDS_NOTE and not note:
        raise SignoffProblem(f"{NEEDS_NOTE[ActionStatus(status)]}; nothing was recorded.")
    action = next((a for a in meeting.actions if a.id == action_id), None)
    if action is None:
        raise SignoffProblem("That action is not in this meeting; nothing was recorded.")
    name = meeting.title(action) or "the action"
    if lifecycle.status(store, meeting.id) != lifecycle.SIGNED:
        repo = store.repo
        with store.db.atomic():
            repo.set_item_field(meeting.id, action_id, "status", status)
            repo.set_item_field(meeting.id, action_id, "progress_note", note or None)
        return f"Set '{name}' to {status.replace('_', ' ')} in the meeting (it is not signed)."
    by = " ".join(by.split()) or store.repo.actor
    later = oversight.sign_later(
        store,
        meeting.id,
        oversight.PROGRESS_FORMAT,
        {
            "action_id": action_id,
            "action": name,
            "status": status,
            "note": note,
            "name": by,
            "date": on or date.today().isoformat(),
        },
    )
    with store.db.atomic():
        signatures.add_progress(
            store.db,
            meeting.id,
            action_id,
            later.data,
            later.signature,
            later.public_key,
            later.fingerprint,
        )
        audit.append(
            store.db,
            meeting.id,
            store.repo.actor,
            "progress",
            kind="actions",
            item_id=action_id,
            field="status",
            old=meeting.action_status(action)[0],
            new={"status": status, "note": note, "by": by, "version": later.entry["version"]},
        )
    return (
        f"Recorded and signed progress on '{name}': {status.replace('_', ' ')}, by {by}; the "
        f"signed minutes (version {later.entry['version']}) are unchanged, and later copies "
        "carry it."
    )


def entries(store: Store, meeting_id: str) -> list[Progress]:
    """The progress recorded after signing, oldest first."""
    out = []
    for row in signatures.progress(store.db, meeting_id):
        e = canonical.parse_any(row["record"])
        out.append(
            Progress(
                row["action_id"], e["status"], e["note"], e["name"], e["date"], e["recorded_at"]
            )
        )
    return out


def stored(store: Store, meeting_id: str, version: int) -> list[dict[str, Any]]:
    """The progress entries on one version, as carried inside a copy (base64 fields)."""
    return oversight.carried(signatures.progress(store.db, meeting_id), version)
