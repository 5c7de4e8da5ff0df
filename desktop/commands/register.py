"""register: the team register on PostgreSQL, from the command line.

`init` and `add-user` are the administrator's; `connect`, `sync` and `status` a laptop's;
`export-all` and `attention` an admin's or manager's work across every chair. The password
is never on the command line or in the URL: STRATEGY_MINUTES_REGISTER_PASSWORD, else the
keyring entry `register connect` made. Exit codes: 0 done; 1 what was asked does not hold
(items still wait, rows that did not verify, drift found); 2 bad usage or unusable register.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import Any

from strategy_minutes.desktop.errors import BAD_INPUT
from strategy_minutes.desktop.meeting import audiences

ROLES = ("chair", "admin", "manager")  # the register's group roles, by the name a DBA gives


def _later(name: str) -> Callable[[argparse.Namespace], int]:
    """The command `name` of desktop/register/commands.py, imported when it runs."""

    def run(args: argparse.Namespace) -> int:
        module = importlib.import_module("strategy_minutes.desktop.register.commands")
        return int(getattr(module, name)(args))

    return run


def _usage(parser: argparse.ArgumentParser) -> Any:
    def run(_args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        return BAD_INPUT

    return run


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    top = sub.add_parser(
        "register", help="the team register on PostgreSQL: publish, pull, export, attention"
    )
    top.set_defaults(run=_usage(top))
    cmds = top.add_subparsers(dest="register_command", metavar="ACTION")

    def url(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--url",
            required=True,
            metavar="URL",
            help="postgresql://LOGIN@HOST/DB, with TLS parameters; never the password",
        )

    p = cmds.add_parser("init", help="create the register's schema and roles (administrator)")
    url(p)
    p.set_defaults(run=_later("_init"))
    p = cmds.add_parser("add-user", help="make a login a chair, admin or manager (administrator)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=ROLES)
    url(p)
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="a new login's password from this environment variable (default: one is made)",
    )
    p.set_defaults(run=_later("_add_user"))
    p = cmds.add_parser("connect", help="remember the register for this data folder")
    url(p)
    p.set_defaults(run=_later("_connect"))
    p = cmds.add_parser(
        "sync", help="publish what waits and pull the team's; exit 1 while items wait"
    )
    p.set_defaults(run=_later("_sync"))
    p = cmds.add_parser("status", help="the register, whether reachable, and what waits")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_later("_status"))
    p = cmds.add_parser(
        "export-all", help="the signed minutes of every published meeting, verified, to a folder"
    )
    url(p)
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--since", metavar="DATE", help="only meetings held on or after this date")
    p.add_argument("--case", metavar="REF", help="only meetings of this case reference")
    p.add_argument(
        "--audience",
        nargs="+",
        choices=[a for a in audiences.AUDIENCES if a != audiences.REVIEW],
        default=[audiences.FULL],
        help="which copies (default: full)",
    )
    p.set_defaults(run=_later("_export_all"))
    p = cmds.add_parser("attention", help="what is drifting across every chair's published work")
    url(p)
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(run=_later("_attention"))
