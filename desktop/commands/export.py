"""export, export-all, calendar: the minutes and the schedule out of the store as files.

Every file is written to a temporary name in the target folder and renamed into place, so an
interrupted export never leaves a half-written file under the name asked for. A signed
meeting's copy carries its approval block and signed record; a review copy is registered so
that the comments returned on it can be imported.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.errors import DOES_NOT_HOLD, UsageProblem
from strategy_minutes.desktop.meeting import audiences
from strategy_minutes.desktop.meeting.model import STATUSES


def _password(var: str | None) -> str | None:
    """The password from the named environment variable; never typed on the command line."""
    if var is None:
        return None
    value = os.environ.get(var, "")
    if not value:
        raise UsageProblem(
            f"The environment variable {var} holds no password, so nothing was exported."
        )
    return value


def _written(result: tuple[Path, str]) -> None:
    path, said = result
    print(said, file=sys.stderr)
    print(path)


def _target(path: Path, suffix: str) -> Path:
    if path.suffix.lower() != suffix:
        raise UsageProblem(f"The output file {path} should end in {suffix}.")
    if not path.parent.is_dir():
        raise UsageProblem(f"The folder {path.parent} does not exist, so nothing was written.")
    return path


def _export(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.exports import parent_copy_problem, write_copy
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem

    password = _password(args.password_env)
    out = _target(Path(args.out), ".docx")
    with opened(args.data_dir) as service:
        meeting = service.get(service.find_id(args.id))
        problem = (
            parent_copy_problem(meeting, args.accept_defaults)
            if args.audience == audiences.PARENT
            else ""
        )
        if problem:
            print(problem, file=sys.stderr)
            return DOES_NOT_HOLD
        try:
            _written(write_copy(service, meeting, out, args.audience, password))
        except SignoffProblem as exc:
            raise UsageProblem(str(exc)) from None
    return 0


def _since(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageProblem(f"--since {text!r} is not a date such as 2026-11-24.") from None


PAGE = 200  # meetings listed at a time by export-all


def _export_all(args: argparse.Namespace) -> int:
    """Every meeting's full minutes, one meeting at a time and nothing kept between them, so
    memory stays flat however many meetings the store holds."""
    from strategy_minutes.desktop.exports import file_name, write_copy
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.desktop.signoff.lifecycle import SignoffProblem

    since = _since(args.since)
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"{folder} is a file, not a folder; nothing was exported.")
    folder.mkdir(parents=True, exist_ok=True)
    began = time.time_ns()
    with opened(args.data_dir) as service:
        gc.freeze()  # what is loaded by now lives to the end: the collections below skip it
        for meeting_id in _chosen(service, since, args.status):
            meeting = service.get(meeting_id)
            name = file_name(meeting, audiences.FULL)
            earlier = folder / name
            if earlier.exists() and earlier.stat().st_mtime_ns >= began:  # written by this run:
                name = name.replace("_full.docx", f"_{meeting.id[:8]}_full.docx")  # same day
            try:
                _written(write_copy(service, meeting, folder / name, audiences.FULL))
            except SignoffProblem as exc:
                ref = meeting.facts["case_reference"] or meeting.id
                raise UsageProblem(f"{ref}: {exc}") from None
            del meeting
            # A rendered copy leaves reference cycles holding Qt and XML objects (megabytes
            # of native memory the allocation-counting collector does not see); collecting
            # them now keeps the peak flat: 133 MiB after 40 meetings instead of 190 and rising.
            gc.collect()
    return 0


def _chosen(service: Any, since: str | None, status: str | None) -> Iterator[str]:
    """The ids of the meetings to export, newest first, read a page at a time."""
    after = None
    while rows := service.summaries(limit=PAGE, after=after):
        after = rows[-1]
        for r in rows:
            if (since is None or (r["meeting_date"] or "") >= since) and (
                status is None or r["status"] == status
            ):
                yield r["id"]


def _calendar(args: argparse.Namespace) -> int:
    from strategy_minutes.desktop.session import opened
    from strategy_minutes.exporters.calendar import meeting_calendar
    from strategy_minutes.storage.atomic_file import write_atomic

    out = _target(Path(args.out), ".ics")
    with opened(args.data_dir) as service:
        meeting = service.get(service.find_id(args.id))
    print(write_atomic(out, meeting_calendar(meeting)))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write a meeting's minutes as a Word document")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument(
        "--audience",
        choices=audiences.AUDIENCES,
        default=audiences.FULL,
        help="full record (default), attendee copy, parent copy with restricted "
        "items withheld, or review draft for comments",
    )
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="encrypt the file with the password held in this environment variable",
    )
    p.add_argument(
        "--accept-defaults",
        action="store_true",
        help="for a parent copy: withhold every part the chair has not decided that is "
        "withheld by default (without it, the export stops while any is undecided)",
    )
    p.set_defaults(run=_export)
    p = sub.add_parser("export-all", help="write the full minutes of every meeting to a folder")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--since", metavar="DATE", help="only meetings held on or after this date")
    p.add_argument(
        "--status", choices=[s for s, _ in STATUSES], help="only meetings with this status"
    )
    p.set_defaults(run=_export_all)
    p = sub.add_parser("calendar", help="write the interview schedule and actions as .ics")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.ics")
    p.set_defaults(run=_calendar)
