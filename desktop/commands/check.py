"""check: what still stands between a meeting and signed minutes, for a chair or a script.

A file is checked where it lies, without importing it and without opening the store, so an
admin can check an export on a machine that holds no store at all.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.errors import BAD_INPUT, DOES_NOT_HOLD, OK, UsageProblem
from strategy_minutes.desktop.meeting import jsonformat, spec
from strategy_minutes.desktop.meeting.findings import BLOCKER, Finding
from strategy_minutes.desktop.meeting.model import Item, Meeting
from strategy_minutes.desktop.meeting.rules import check


def meeting_as_written(data: dict[str, Any]) -> Meeting:
    """A meeting keeping the ids written in the file (the importer gives new ones), so that
    findings and the file's own overrides point at the file's items."""
    sections = {k.name: dict(data.get(k.name) or {}) for k in spec.SECTIONS}
    items = {
        k.name: [
            Item(row["id"], k.name, {f: v for f, v in row.items() if f != "id"})
            for row in data.get(k.name) or []
        ]
        for k in spec.LISTS
    }
    return Meeting(str(data.get("id") or ""), data.get("status", "draft"), sections, items)


def _from_file(path: Path) -> Meeting:
    try:
        data = jsonformat.parse(path.read_bytes())
        jsonformat.from_json(data)  # the whole file is validated before anything is checked
        return meeting_as_written(data)
    except jsonformat.FormatError as exc:
        raise UsageProblem(
            f"{path} is not a meeting the app can read ({exc}); nothing was checked."
        ) from None


def _meeting(args: argparse.Namespace) -> Meeting:
    from strategy_minutes.desktop.session import opened

    target = args.target
    path = Path(target)
    if target.lower().endswith(".json"):
        if not path.is_file():
            raise UsageProblem(f"There is no file {target}; nothing was checked.")
        return _from_file(path)
    with opened(args.data_dir) as service:
        return service.get(service.find_id(target))


def _line(f: Finding) -> str:
    line = f"{f.severity.upper()} {f.title}: {f.message}"
    return f"{line} [overridden: {f.override_reason}]" if f.overridden else line


def _summary(findings: list[Finding]) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    blocking = sum(f.blocks for f in findings)
    warnings = sum(f.severity != BLOCKER and not f.overridden for f in findings)
    overridden = sum(f.overridden for f in findings)
    verdict = "the minutes cannot be signed yet." if blocking else "nothing blocks signing."
    return (
        f"{count(blocking, 'blocker')}, {count(warnings, 'warning')}, "
        f"{overridden} overridden: {verdict}"
    )


def _run(args: argparse.Namespace) -> int:
    findings = check(_meeting(args))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "rule": f.rule,
                        "severity": f.severity,
                        "message": f.message,
                        "kind": f.kind,
                        "item_id": f.item_id,
                        "field": f.field,
                        "overridden": f.overridden,
                        "override_reason": f.override_reason,
                        "target": f.target,
                    }
                    for f in findings
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        for f in findings:
            print(_line(f))
        print(_summary(findings))
    return DOES_NOT_HOLD if any(f.blocks for f in findings) else OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="list what is missing or in conflict in a meeting; exit 1 while a blocker stands",
        description=f"Exit codes: {OK} nothing blocks signing, {DOES_NOT_HOLD} a blocker "
        f"stands, {BAD_INPUT} the meeting could not be read.",
    )
    p.add_argument(
        "target",
        metavar="ID|FILE.json",
        help="a meeting id (or an unambiguous start of one) in the store, or a "
        "file in the JSON format, checked without importing it",
    )
    p.add_argument("--json", action="store_true", help="findings as a JSON list")
    p.set_defaults(run=_run)
