"""The `register` commands' work: connecting, publishing, pulling and exporting.

Imported only when a register command runs (desktop/commands/register.py declares the
commands), so that `check`, `list` and `show` never load psycopg or the signing code.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from strategy_minutes.desktop.case.attention import CONCERNS
from strategy_minutes.desktop.errors import DOES_NOT_HOLD, OK, UsageProblem
from strategy_minutes.desktop.register import admin, connection, sync, team
from strategy_minutes.desktop.register.connection import RegisterProblem, Unreachable
from strategy_minutes.desktop.session import opened
from strategy_minutes.storage import register_local


def _address(url: str) -> connection.Address:
    try:
        return connection.address(url)
    except RegisterProblem as exc:
        raise UsageProblem(str(exc)) from None


def _usable(call: Any) -> Any:
    """Run `call`; an unusable register is bad input (2), an unreachable one does not hold (1)."""
    try:
        return call()
    except Unreachable as exc:
        print(exc, file=sys.stderr)
        return None
    except RegisterProblem as exc:
        raise UsageProblem(str(exc)) from None


def _init(args: argparse.Namespace) -> int:
    addr = _address(args.url)
    done = _usable(lambda: admin.init(addr))
    if done is None:
        return DOES_NOT_HOLD
    print(
        f"The register at {addr.where} is ready; applied {', '.join(done)}."
        if done
        else f"The register at {addr.where} was already up to date."
    )
    return OK


def _add_user(args: argparse.Namespace) -> int:
    addr = _address(args.url)
    given = os.environ.get(args.password_env, "") if args.password_env else None
    if args.password_env and not given:
        raise UsageProblem(f"The environment variable {args.password_env} holds no password.")
    made = _usable(lambda: admin.add_user(addr, args.name, args.role, given) or "")
    if made is None:
        return DOES_NOT_HOLD
    print(f"{args.name} is a {args.role} of the register at {addr.where}.")
    if made:
        print(f"Their first password (give it to them once, privately): {made}")
    return OK


def _connect(args: argparse.Namespace) -> int:
    addr = _address(args.url)
    secret = os.environ.get(connection.PASSWORD_ENV) or None
    if secret is None and sys.stdin.isatty():
        secret = getpass.getpass(f"Password of {addr.user} on the register: ") or None
    opened_ = _usable(lambda: connection.open_register(addr, secret))
    if opened_ is None:
        return DOES_NOT_HOLD
    conn, role = opened_
    conn.close()
    kept = ""
    if secret is not None:
        try:
            connection.keep_password(addr, secret)
            kept = " The password is kept in this computer's keyring."
        except RegisterProblem as exc:
            kept = f" {exc}"
    with opened(args.data_dir) as service:
        db = service.store.db
        register_local.set_settings(db, {"url": addr.url})
        waiting = register_local.waiting_count(db)
    print(
        f"Connected this data folder to the register at {addr.where} as {addr.user} "
        f"({role}); {waiting} item(s) wait to be published ('register sync').{kept}"
    )
    return OK


def _remembered(db: Any) -> connection.Address:
    url = register_local.setting(db, "url")
    if not url:
        raise UsageProblem(
            "This data folder is not connected to a register; run 'register connect --url URL'."
        )
    return _address(url)


def _sync(args: argparse.Namespace) -> int:
    with opened(args.data_dir) as service:
        store = service.store
        addr = _remembered(store.db)
        try:
            report = sync.sync(store, addr)
        except RegisterProblem as exc:
            raise UsageProblem(str(exc)) from None
    for sentence in report.refused:
        print(sentence, file=sys.stderr)
    for item, why in report.not_published.items():
        print(f"Not published {item}: {why}.", file=sys.stderr)
    if not report.reachable:
        print(f"{report.problem} {report.waiting} item(s) wait to be published.", file=sys.stderr)
        return DOES_NOT_HOLD if report.waiting else OK
    print(
        f"Published {len(report.published)} item(s); pulled {report.pulled_versions} signed "
        f"record(s) and {report.pulled_entries} entr{'y' if report.pulled_entries == 1 else 'ies'}"
        f" from the team, {report.signers} signer(s) known; {report.waiting} item(s) wait."
    )
    return DOES_NOT_HOLD if report.waiting else OK


def _status(args: argparse.Namespace) -> int:
    with opened(args.data_dir) as service:
        db = service.store.db
        url = register_local.setting(db, "url")
        out: dict[str, Any] = {
            "connected": url is not None,
            "register": None,
            "login": None,
            "reachable": False,
            "role": None,
            "problem": "",
            "waiting": register_local.waiting(db),
            "published": register_local.published_count(db),
            "pulled": register_local.pulled_counts(db),
            "refused": register_local.refused(db),
            "last_sync": register_local.setting(db, "last_sync"),
        }
    if url is not None:
        addr = _address(url)
        out["register"], out["login"] = addr.where, addr.user
        try:
            conn, out["role"] = connection.open_register(addr)
            conn.close()
            out["reachable"] = True
        except RegisterProblem as exc:
            out["problem"] = str(exc)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return OK
    if url is None:
        print("Not connected to a register ('register connect --url URL').")
    else:
        state = f"reachable, as {out['role']}" if out["reachable"] else out["problem"]
        print(f"Register {out['register']} as {out['login']}: {state}")
    print(f"{len(out['waiting'])} item(s) wait to be published; {out['published']} published.")
    for w in out["waiting"]:
        print(f"  {w['item']}" + (f"  (last try: {w['last_error']})" if w["last_error"] else ""))
    print(
        f"Pulled from the team: {out['pulled']['versions']} signed record(s), "
        f"{out['pulled']['entries']} entries; last sync {out['last_sync'] or 'never'}."
    )
    for r in out["refused"]:
        print(f"Refused at pull: {r['what']}: {r['reason']}.")
    return OK


def _since(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageProblem(f"--since {text!r} is not a date such as 2026-11-24.") from None


def _export_all(args: argparse.Namespace) -> int:
    addr = _address(args.url)
    since = _since(args.since)
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"{folder} is a file, not a folder; nothing was exported.")

    def run() -> team.Outcome:
        conn, _role = connection.open_register(addr)
        with conn:
            folder.mkdir(parents=True, exist_ok=True)
            return team.export_all(conn, folder, since, args.case, args.audience)

    outcome = _usable(run)
    if outcome is None:
        return DOES_NOT_HOLD
    for path in outcome.written:
        print(path)
    for sentence in outcome.refused:
        print(sentence, file=sys.stderr)
    print(f"Wrote {len(outcome.written)} signed copies to {folder}.", file=sys.stderr)
    return DOES_NOT_HOLD if outcome.refused else OK


def _attention(args: argparse.Namespace) -> int:
    addr = _address(args.url)

    def run() -> tuple[list[dict[str, Any]], list[str]]:
        conn, _role = connection.open_register(addr)
        with conn:
            return team.attention(conn, date.today())

    found = _usable(run)
    if found is None:
        return DOES_NOT_HOLD
    lines, refused = found
    if args.json:
        print(json.dumps({"lines": lines, "refused": refused}, indent=2, ensure_ascii=False))
    else:
        labels = dict(CONCERNS)
        for line in lines:
            who = ", ".join(x for x in (line["owner"], line["agency"].replace("_", " ")) if x)
            print(
                f"{labels[line['concern']]:24}  {line['case_reference'] or '(no case reference)'}"
                f"  {line['working_days']:>3} working day(s)  {who}: {line['sentence']}  "
                f"[{line['meeting_id']} v{line['version']}, chair {line['chair']}]"
            )
        if not lines:
            print("Nothing published needs attention.")
    for sentence in refused:
        print(sentence, file=sys.stderr)
    return DOES_NOT_HOLD if lines or refused else OK
