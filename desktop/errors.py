"""The exit codes and the one-sentence messages every command shares.

Exit codes are a contract: 0 done; 1 what was asked about does not hold (findings, an
invalid signature); 2 bad usage or unreadable input. Errors whose message is already a
sentence for a person are printed as they are; the rest are named here.
"""

from __future__ import annotations

import argparse

OK, DOES_NOT_HOLD, BAD_INPUT = 0, 1, 2


class UsageProblem(Exception):
    """Bad input noticed by a command; the message is the sentence to print."""


def message(exc: BaseException, args: argparse.Namespace) -> str:
    from strategy_minutes.desktop.meeting.jsonformat import FormatError
    from strategy_minutes.storage.lock import AlreadyOpen
    from strategy_minutes.storage.repository import NotFound

    folder = args.data_dir
    if isinstance(exc, AlreadyOpen):
        return (
            f"Strategy Minutes is already running on {folder}; close it there first. "
            "Nothing was opened."
        )
    if isinstance(exc, NotFound):
        return f"There is no meeting or item with id {exc.args[0]!r} in {folder}."
    if isinstance(exc, FormatError):
        return f"{getattr(args, 'file', 'input')}: {exc}. Nothing was imported."
    if isinstance(exc, OSError):
        return f"Could not use {exc.filename or 'a file'}: {exc.strerror or exc}."
    return str(exc)


def user_errors() -> tuple[type[Exception], ...]:
    """Errors whose message is already a sentence for a person: printed as they are."""
    from strategy_minutes.desktop.meeting.jsonformat import FormatError
    from strategy_minutes.desktop.services import InvalidValue
    from strategy_minutes.storage.keys import KeyProblem
    from strategy_minutes.storage.lock import AlreadyOpen
    from strategy_minutes.storage.repository import NotFound
    from strategy_minutes.storage.store import StoreProblem
    from strategy_minutes.storage.write_problems import NotSaved

    return (
        AlreadyOpen,
        NotSaved,
        KeyProblem,
        StoreProblem,
        NotFound,
        FormatError,
        InvalidValue,
        UsageProblem,
        OSError,
    )
