"""`strategy-minutes`: the GUI when no sub-command is given, else one sub-command.

Exit codes are a contract: 0 done; 1 the thing asked about does not hold (findings, an
invalid signature); 2 bad usage or unreadable input. Errors are one sentence on stderr.

Only argparse and the data folder's name are imported before the choice between window and
command, so the app's window is not kept waiting for modules only the commands use.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from pathlib import Path

from strategy_minutes.desktop import __version__, logs
from strategy_minutes.desktop.datadir import default_data_dir
from strategy_minutes.desktop.errors import BAD_INPUT, OK, message, user_errors

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategy-minutes",
        description="Minutes of child-protection strategy meetings, kept encrypted on this "
        "computer. With no command, opens the app.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"the folder holding the encrypted store (default: {default_data_dir()})",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    from strategy_minutes.desktop import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(subparsers)
    parser.set_defaults(data_dir=None)
    return parser


def _folder(data_dir: Path | None) -> Path:
    return (data_dir or default_data_dir()).expanduser().resolve()


def window_folder(argv: list[str]) -> Path | None:
    """The data folder when the arguments ask for the window (no command), else None."""
    front = argparse.ArgumentParser(prog="strategy-minutes", add_help=False)
    front.add_argument("--data-dir", type=Path, default=None, metavar="DIR")
    known, rest = front.parse_known_args(argv)
    return None if rest else _folder(known.data_dir)


def main(argv: list[str]) -> int:
    """Run one sub-command; the entry point (`strategy_minutes.__main__`) chose this."""
    args = build_parser().parse_args(argv)
    args.data_dir = _folder(args.data_dir)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return BAD_INPUT
    logs.start(args.data_dir)
    log.info("command %s started", args.command)
    try:
        code = int(args.run(args) or OK)
    except KeyboardInterrupt:
        print("Stopped; every edit that was reported saved is saved.", file=sys.stderr)
        return BAD_INPUT
    except Exception as exc:  # the promise is one sentence, never a traceback
        if isinstance(exc, user_errors()):  # imported only now: a command loads what it uses
            log.info("command %s refused: %s", args.command, type(exc).__name__)
            print(message(exc, args), file=sys.stderr)
            return BAD_INPUT
        from strategy_minutes.storage.write_problems import sentence

        said = sentence(exc)  # a full disk or a read-only folder has a sentence of its own
        if said:
            print(said, file=sys.stderr)
            return BAD_INPUT
        log.error("command %s met an unexpected problem", args.command, exc_info=exc)
        where = logs.current_file() or logs.start(args.data_dir)
        report = f"Please report it with the log file {where}." if where else "Please report it."
        print(
            f"Strategy Minutes met an unexpected problem ({type(exc).__name__}); nothing "
            f"more was changed. {report}",
            file=sys.stderr,
        )
        return BAD_INPUT
    log.info("command %s ended with exit code %d", args.command, code)
    return code
