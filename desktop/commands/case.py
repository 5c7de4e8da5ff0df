"""review, progress, case, attention: a case over time at the command line."""

from __future__ import annotations

import argparse
import json
import sys

from strategy_minutes.desktop.errors import DOES_NOT_HOLD, OK, UsageProblem
from strategy_minutes.desktop.session import opened


def _review(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.case.review import new_review

    with opened(args.data_dir) as service:
        print(new_review(service, service.find_id(args.id)))
    return OK


def _progress(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.signoff import progress
    from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem

    with opened(args.data_dir) as service:
        meeting = service.get(service.find_id(args.id))
        try:
            action_id = progress.find_action(meeting, args.action_id)
            said = progress.record(service.store, meeting, action_id, args.status, args.note or "")
        except SignoffProblem as exc:
            raise UsageProblem(str(exc)) from None
    print(said)
    return OK


def _case(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.case.cases import case_of
    from strategy_minutes.desktop.meeting.wording import long_date

    with opened(args.data_dir) as service:
        case = case_of(service, args.ref)
    if not case.meetings:
        raise UsageProblem(f"No meeting has the case reference {args.ref!r}.")
    if args.json:
        print(json.dumps(case.as_json(), indent=2, ensure_ascii=False))
        return OK
    data = case.as_json()
    print(f"Case {case.reference}: {len(case.meetings)} meeting(s)")
    for m in data["meetings"]:
        kind = "review" if m["meeting_type"] == "review" else "first"
        print(
            f"  {m['id']}  {m['date'] or '(no date)':10}  {m['status']:8}  {kind:6}  "
            f"minutes due {m['minutes_due'] or '?'}"
        )
    conference = data["initial_conference_date"]
    print(
        f"Initial child protection conference due {long_date(data['initial_conference_due'])}"
        + (f"; date recorded {long_date(conference)}" if conference else "; no date recorded")
    )
    print(f"Next review: {long_date(data['next_review']) or 'not set'}")
    actions = case.open_actions()
    print(f"Open actions: {len(actions)}")
    for a in actions:
        print(
            f"  {a.action_id}  due {a.due or '?':10}  {a.status:11}  {a.owner or a.agency or '?'}: "
            f"{a.description}"
        )
    return OK


def _attention(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.case.attention import CONCERNS, attention

    with opened(args.data_dir) as service:
        lines = attention(service)
    if args.json:
        print(json.dumps([ln.as_json() for ln in lines], indent=2, ensure_ascii=False))
    else:
        labels = dict(CONCERNS)
        for ln in lines:
            who = ", ".join(x for x in (ln.owner, ln.agency.replace("_", " ")) if x)
            print(
                f"{labels[ln.concern]:24}  {ln.case_reference or '(no case reference)'}  "
                f"{ln.working_days:>3} working day(s)  {who}: {ln.sentence}  [{ln.meeting_id}]"
            )
        print(
            f"{len(lines)} thing(s) need attention." if lines else "Nothing is overdue.",
            file=sys.stderr,
        )
    return DOES_NOT_HOLD if lines else OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "review",
        help="create a review meeting from meeting ID (family and open actions carried); "
        "print its id",
    )
    p.add_argument("id", metavar="ID")
    p.set_defaults(run=_review)
    p = sub.add_parser(
        "progress",
        help="record progress on an action (on signed minutes, as its own signed entry)",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--status", required=True, choices=("done", "in_progress", "dropped"))
    p.add_argument("--note", help="where it stands (needed for in_progress) or why (dropped)")
    p.set_defaults(run=_progress)
    p = sub.add_parser("case", help="a case's meetings, clocks and open actions")
    p.add_argument("ref", metavar="REF", help="the case reference (case and spaces do not count)")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_case)
    p = sub.add_parser(
        "attention",
        help="everything drifting across every meeting; exit 1 while anything is overdue",
    )
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_attention)
