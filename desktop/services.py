"""What the app does to meetings, for the GUI and the command line alike.

Every call that changes a meeting returns only after its transaction has committed (WAL,
synchronous=FULL), so "saved" is true the moment a caller says it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from strategy_minutes.desktop.meeting import jsonformat, spec, validation
from strategy_minutes.desktop.meeting.demo import demo_json
from strategy_minutes.desktop.meeting.model import Meeting, Progress, status_now
from strategy_minutes.storage.db import DatabaseError
from strategy_minutes.storage.repository import NotFound
from strategy_minutes.storage.store import Store
from strategy_minutes.storage.write_problems import NotSaved, not_saved

__all__ = ["InvalidValue", "ListReader", "MeetingService", "NotSaved"]

log = logging.getLogger(__name__)


class InvalidValue(Exception):
    """A value that does not fit its field; the message is for the chair."""


@contextmanager
def _saving() -> Iterator[None]:
    """A write the store refused (full disk, read-only folder) becomes NotSaved, saying why."""
    try:
        yield
    except DatabaseError as exc:
        problem = not_saved(exc)
        if problem is None:
            raise
        raise problem from exc


def _ensure_editable(store: Store, meeting_id: str) -> None:
    """Signed minutes change only by an addendum. The sign-off stack (signing keys, records)
    is imported on the first edit, so that reading commands (`list`, `show`) never load it."""
    from strategy_minutes.desktop.signoff.lifecycle import ensure_editable

    ensure_editable(store, meeting_id)


class ListReader:
    """The meeting list's two queries on a read-only connection of their own, for a worker
    thread: at 10,000 meetings a short search matches most of them, and sorting them and
    finding their cases took 30 to 60 ms, which on the window's thread stalled typing.
    Answers exactly as `MeetingService.summaries` and `cases` do; `close` when done."""

    def __init__(self, store: Store) -> None:
        self._repo = store.reader()

    def summaries(
        self,
        search: str,
        binned: bool,
        after: dict[str, Any] | None = None,
        case: str = "",
    ) -> list[dict[str, Any]]:
        return self._repo.summaries(search, binned, after=after, case=case)

    def cases(self, search: str, binned: bool) -> list[str]:
        return self._repo.cases(search, binned)

    def close(self) -> None:
        self._repo.db.conn.close()


class MeetingService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.repo = store.repo

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
        """The meeting list, one query for the GUI and `list --search` alike."""
        return self.repo.summaries(search, binned, ids, limit, after, case)

    def cases(self, search: str = "", binned: bool = False) -> list[str]:
        """The cases (normalised references) among the meetings a search lists."""
        return self.repo.cases(search, binned)

    def list_reader(self) -> ListReader:
        """The list's queries on a connection of their own, for a worker thread."""
        return ListReader(self.store)

    def action_statuses(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Each listed meeting's `jsonformat.action_status`, as `get` would give it, read in
        a few queries over the store instead of loading every meeting whole."""
        carried = self.repo.all_carried_on()
        signed = self.repo.with_progress()
        out = {}
        for meeting_id, actions in self.repo.listed_actions().items():
            later: list[Progress] = []
            if meeting_id in signed:
                from strategy_minutes.desktop.signoff import progress

                later = progress.entries(self.store, meeting_id)
            out[meeting_id] = {
                a["id"]: jsonformat.status_entry(
                    *status_now(a["id"], a, later), carried.get(a["id"])
                )
                for a in actions
            }
        return out

    def get(self, meeting_id: str) -> Meeting:
        """The meeting with what became of its actions since: progress recorded after
        signing, and which actions a review meeting carried on."""
        meeting = Meeting.from_record(self.repo.load(meeting_id))
        if self.repo.has_progress(meeting_id):  # the signing stack loads only when needed
            from strategy_minutes.desktop.signoff import progress

            meeting.progress = progress.entries(self.store, meeting_id)
        meeting.carried_on = self.repo.carried_on(meeting_id)
        return meeting

    def find_id(self, prefix: str) -> str:
        """A meeting id from its full form or an unambiguous prefix, as admins type them."""
        matches = [i for i in self.repo.meeting_ids() if i.startswith(prefix)]
        if len(matches) == 1 and prefix:
            return matches[0]
        raise NotFound(prefix)

    def to_json(self, meeting_id: str) -> dict[str, Any]:
        return jsonformat.to_json(self.get(meeting_id))

    # -- writing ----------------------------------------------------------------------------
    def new_meeting(self, case_reference: str = "", on: date | None = None) -> str:
        facts = {
            "case_reference": case_reference,
            "date": (on or date.today()).isoformat(),
            "held": "in_person",
            "nation": "england",
            "meeting_type": "first",
        }
        with _saving():
            return self.repo.create({"facts": facts})

    def add(self, m: Meeting) -> str:
        items = [(k.name, i.id, i.data) for k in spec.LISTS for i in m.items_of(k.name)]
        with _saving():
            return self.repo.create(m.sections, items, status=m.status)

    def import_json(self, data: Any) -> str:
        return self.add(jsonformat.from_json(data))

    def add_demo(self, today: date | None = None) -> str:
        return self.import_json(demo_json(today))

    def set_field(
        self, meeting_id: str, kind: str, item_id: str | None, field: str, value: Any
    ) -> Any:
        """Set one value; returns the old one (for undo). Refuses values of the wrong form."""
        f = spec.kind(kind).field(field)
        if value == "" or value == []:
            value = f.type.empty()
        problem = validation.value_problem(f, value)
        if problem:
            raise InvalidValue(problem)
        _ensure_editable(self.store, meeting_id)  # signed minutes change only by an addendum
        log.debug("meeting %s: %s.%s set", meeting_id, kind, field)
        with _saving():
            if item_id:
                return self.repo.set_item_field(meeting_id, item_id, field, value)
            return self.repo.set_section_field(meeting_id, kind, field, value)

    def add_item(
        self,
        meeting_id: str,
        kind: str,
        data: dict[str, Any] | None = None,
        item_id: str | None = None,
        position: float | None = None,
    ) -> str:
        k = spec.kind(kind)
        if not k.is_list:
            raise ValueError(f"{kind} is a section, not a list")
        data = dict(data or {})
        if k.restrictable:
            data.setdefault("restriction", "none")
        _ensure_editable(self.store, meeting_id)
        log.info("meeting %s: %s item added", meeting_id, kind)
        with _saving():
            return self.repo.add_item(meeting_id, kind, data, item_id, position)

    def remove_item(self, meeting_id: str, item_id: str) -> dict[str, Any]:
        _ensure_editable(self.store, meeting_id)
        log.info("meeting %s: item %s removed", meeting_id, item_id)
        with _saving():
            return self.repo.remove_item(meeting_id, item_id)

    def restore_item(self, meeting_id: str, removed: dict[str, Any]) -> str:
        _ensure_editable(self.store, meeting_id)
        with _saving():
            return self.repo.add_item(
                meeting_id,
                removed["kind"],
                removed["data"],
                removed["item_id"],
                removed["position"],
            )

    def decide_disclosure(
        self, meeting_id: str, target: str, field: str, decision: str, reason: str
    ) -> None:
        """Record the chair's decision to share or withhold an item (field "") or a field in
        the copy for a parent, with its reason; a later decision on the same place replaces
        it. Audited like any edit, and read-only once the minutes are signed."""
        reason = " ".join(reason.split())
        if decision not in spec.DISCLOSURE_CHOICES.values():
            raise InvalidValue(f"A disclosure decision is share or withhold, not {decision!r}.")
        if not reason:
            raise InvalidValue("A disclosure decision needs its reason; nothing was recorded.")
        kind = spec.DISCLOSURE_DECISIONS.name
        for d in self.get(meeting_id).items_of(kind):
            if d.data["target"] == target and (d.data["field"] or "") == field:
                self.set_field(meeting_id, kind, d.id, "decision", decision)
                self.set_field(meeting_id, kind, d.id, "reason", reason)
                return
        data = {"target": target, "field": field or None, "decision": decision, "reason": reason}
        self.add_item(meeting_id, kind, data)

    def move_to_bin(self, meeting_id: str) -> None:
        log.info("meeting %s moved to the bin", meeting_id)
        with _saving():
            self.repo.set_binned(meeting_id, True)

    def restore(self, meeting_id: str) -> None:
        with _saving():
            self.repo.set_binned(meeting_id, False)

    def problems(self, meeting_id: str) -> list[validation.Problem]:
        return validation.meeting_problems(self.get(meeting_id))
