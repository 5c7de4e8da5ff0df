"""demo, list, show, import, recover, recovery-key: meetings in and out of the store."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from strategy_minutes.desktop.meeting import jsonformat

RECOVERY_ENV = "STRATEGY_MINUTES_RECOVERY_KEY"


def _demo(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened

    with opened(args.data_dir) as service:
        print(service.add_demo())
    return 0


def _list(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened

    with opened(args.data_dir) as service:
        rows = service.summaries(args.search or "")
        statuses = service.action_statuses() if args.json else {}
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r["id"],
                        "case_reference": r["case_reference"],
                        "date": r["meeting_date"],
                        "status": r["status"],
                        "reviews": r["reviews"],
                        "action_status": statuses.get(r["id"], {}),
                    }
                    for r in rows
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    for r in rows:
        print(
            f"{r['id']}  {r['meeting_date'] or '(no date)':10}  {r['status']:8}  "
            f"{r['case_reference'] or '(no case reference)'}"
        )
    if not rows:
        print(
            "No meeting matches that search." if args.search else "No meetings yet.",
            file=sys.stderr,
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened

    with opened(args.data_dir) as service:
        meeting = service.get(service.find_id(args.id))
    if args.json:
        data = {**jsonformat.to_json(meeting), "action_status": jsonformat.action_status(meeting)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    f = meeting.facts
    print(
        f"{f['case_reference'] or '(no case reference)'}: {f['date'] or '(no date)'}, "
        f"{meeting.status}"
    )
    for kind in ("attendees", "people", "decisions", "actions"):
        print(f"  {len(meeting.items_of(kind))} {kind}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened

    raw = Path(args.file).read_bytes() if args.file != "-" else sys.stdin.buffer.read()
    data = jsonformat.parse(raw)
    meeting = jsonformat.from_json(data)  # validated before the store is even opened
    stated = data.get("status") if isinstance(data, dict) else None
    with opened(args.data_dir) as service:
        print(service.add(meeting))
    if stated not in (None, jsonformat.DRAFT):
        print(
            f"The file said the meeting was {stated!r}; it was imported as a draft, because a "
            "signed version exists only with its signature, made in the app.",
            file=sys.stderr,
        )
    return 0


def _recover(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import terminal_passphrase
    from strategy_minutes.storage import store as store_module

    code = os.environ.get(RECOVERY_ENV) or (input("Recovery key: ") if sys.stdin.isatty() else "")
    if not code:
        print(f"Give the recovery key in {RECOVERY_ENV} or type it at a terminal.", file=sys.stderr)
        return 2
    prot = store_module.recover(args.data_dir, code, terminal_passphrase)
    where = "the OS keyring" if prot.mode == "keyring" else "a new passphrase"
    print(
        f"Recovered: the store in {args.data_dir} is protected by {where} again.", file=sys.stderr
    )
    return 0


def _recovery_key(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened

    with opened(args.data_dir) as service:
        print(service.store.recovery_code())
    print(
        "That is this store's recovery key: keep it offline, away from this laptop. Anyone "
        "who has it and the store can open every meeting.",
        file=sys.stderr,
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="add a fictional sample meeting; print its id")
    p.set_defaults(run=_demo)
    p = sub.add_parser("list", help="meetings: id, case reference, date, status")
    p.add_argument(
        "--search",
        metavar="TEXT",
        help="only meetings whose case reference, chair or anyone's name contains TEXT, "
        "ignoring case and accents (as the app's search box does)",
    )
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_list)
    p = sub.add_parser("show", help="one meeting")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="in the JSON format strategy-minutes/2")
    p.set_defaults(run=_show)
    p = sub.add_parser("import", help="add a meeting from a JSON file; print its id")
    p.add_argument("file", metavar="FILE", help="a file in the JSON format, or - for stdin")
    p.set_defaults(run=_import)
    p = sub.add_parser(
        "recover",
        help=f"unlock the store with its recovery key (from "
        f"{RECOVERY_ENV} or typed) and protect it again",
    )
    p.set_defaults(run=_recover)
    p = sub.add_parser(
        "recovery-key", help="show the store's recovery key, for an admin to keep safe"
    )
    p.set_defaults(run=_recovery_key)
