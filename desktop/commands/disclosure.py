"""disclosure: the review of what a copy for a parent shares, and the chair's decisions.

`strategy-minutes disclosure ID` lists every part the copy withholds, and why, with the place
to name in a decision; `--share PLACE` or `--withhold PLACE` with `--reason` records one. A
place is an item's id (the whole item), `ITEM_ID:FIELD`, or `SECTION:FIELD` for a section.
Decisions are audited like any edit and signed with the minutes.
"""

from __future__ import annotations

import argparse
import json
import sys

from strategy_minutes.desktop.errors import UsageProblem
from strategy_minutes.desktop.meeting import disclosure, spec
from strategy_minutes.desktop.meeting.disclosure import SHARE, WITHHOLD, Entry, Review
from strategy_minutes.desktop.meeting.model import Meeting
from strategy_minutes.desktop.session import opened


def place_key(e: Entry) -> str:
    return f"{e.target}:{e.field}" if e.field else e.target


def _parse_place(meeting: Meeting, text: str) -> tuple[str, str]:
    """(target, field) named by a place, checked against the meeting."""
    target, _, name = text.partition(":")
    item = meeting.find(target)
    kind = spec.kind(item.kind) if item is not None else spec.BY_NAME.get(target)
    if kind is None or (item is None and kind.is_list):
        raise UsageProblem(f"There is no item or section {target!r} in this meeting.")
    if not name and not kind.is_list:
        raise UsageProblem(f"Name a field of the section: {target}:FIELD.")
    if name and name not in {f.name for f in kind.all_fields()}:
        raise UsageProblem(f"{kind.label} has no field {name!r}.")
    return target, name


def _line(review: Review, e: Entry) -> str:
    state = "shared" if e.shared else "withheld"
    why = e.hit or e.reason
    todo = " [undecided]" if e.undecided else ""
    return f"{place_key(e)}  {state}{todo}: {review.place(e)}: {why}"


def _run(args: argparse.Namespace) -> int:
    with opened(args.data_dir) as service:
        meeting_id = service.find_id(args.id)
        meeting = service.get(meeting_id)
        chosen = (SHARE, args.share) if args.share else (WITHHOLD, args.withhold)
        if chosen[1]:
            if not (args.reason or "").strip():
                raise UsageProblem("Give the decision's reason with --reason; nothing changed.")
            target, name = _parse_place(meeting, chosen[1])
            service.decide_disclosure(meeting_id, target, name, chosen[0], args.reason)
            meeting = service.get(meeting_id)
    review = disclosure.review(meeting)
    shown = [e for e in review.entries if e.decidable and (not e.shared or e.source == "chair")]
    if args.json:
        rows = [
            {
                "place": place_key(e),
                "where": review.place(e),
                "shared": e.shared,
                "source": e.source,
                "reason": e.reason,
                "hit": e.hit,
            }
            for e in shown
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for e in shown:
            print(_line(review, e))
        print(
            f"{len(review.undecided())} withheld by default and undecided, "
            f"{len(review.hits())} free-text hit(s).",
            file=sys.stderr,
        )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "disclosure",
        help="what a copy for a parent withholds and why; record the chair's decisions",
    )
    p.add_argument("id", metavar="ID")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--share", metavar="PLACE", help="share this item or ITEM:FIELD")
    group.add_argument("--withhold", metavar="PLACE", help="withhold this item or ITEM:FIELD")
    p.add_argument("--reason", metavar="TEXT", help="why (required with --share or --withhold)")
    p.add_argument("--json", action="store_true", help="as a JSON list")
    p.set_defaults(run=_run)
