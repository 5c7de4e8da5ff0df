"""audit, sign, addendum, verify, signers, comments, oversight: the sign-off at the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.session import opened

SHORT = 40


def _short(value: Any) -> str:
    """A stored value on one line, shortened so a change fits a terminal line."""
    if value is None:
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def _audit(args: argparse.Namespace) -> int:
    with opened(args.data_dir) as service:
        meeting_id = service.find_id(args.id)
        entries = service.repo.audit_entries(meeting_id)
        problems = service.repo.verify_audit(meeting_id) if args.verify else []
    if args.json:
        out: dict[str, Any] = {"meeting_id": meeting_id, "entries": [e.__dict__ for e in entries]}
        if args.verify:
            out["intact"] = not problems
            out["problems"] = problems
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif not args.verify:
        for e in entries:
            what = ".".join(p for p in (e.kind, e.item_id[:8], e.field) if p)
            print(f"{e.seq:>5}  {e.at[:19]}Z  {e.actor}  {e.action:<7} {what or '-'}  "
                  f"{_short(e.old)} -> {_short(e.new)}")
    if args.verify:
        for sentence in problems:
            print(sentence, file=sys.stderr)
        if not problems and not args.json:
            print(f"The audit trail of {meeting_id} is intact: {len(entries)} entries.")
        return 1 if problems else 0
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="every change to a meeting: who, when, what, old and new")
    p.add_argument("id", metavar="ID")
    p.add_argument("--verify", action="store_true",
                   help="check the hash chain; exit 1 saying where it is broken")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_audit)
