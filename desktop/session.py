"""Opening the store for a command-line run, and the passphrase rules every entry point shares."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from strategy_minutes.desktop import logs
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.storage import anchors as trail_heads
from strategy_minutes.storage import keys
from strategy_minutes.storage.store import Store, open_store

PASSPHRASE_ENV = "STRATEGY_MINUTES_PASSPHRASE"


def env_passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


def terminal_passphrase(confirm: bool) -> str | None:
    """The environment's passphrase, else one typed at a terminal; None where neither exists."""
    value = env_passphrase()
    if value or not sys.stdin.isatty():
        return value
    first = getpass.getpass("Passphrase for the Strategy Minutes store: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise keys.KeyProblem("The two passphrases were not the same; nothing was created.")
    return first


def announce(store: Store) -> None:
    """What a person at the command line needs to know about the store just opened."""
    if store.created:
        print(
            f"Created a new encrypted store in {store.folder}, protected by {store.protected_by}.",
            file=sys.stderr,
        )
        if sys.stderr.isatty():
            print(
                f"Recovery key (write it down and keep it safe): {store.recovery_code()}",
                file=sys.stderr,
            )
        else:
            print(
                "Keep its recovery key safe: 'strategy-minutes recovery-key' shows it.",
                file=sys.stderr,
            )
    if store.unclean_shutdown:
        print(
            "Note: Strategy Minutes did not close cleanly last time; the store passed its "
            "integrity check and every saved edit is there.",
            file=sys.stderr,
        )


@contextmanager
def opened(folder: Path) -> Iterator[MeetingService]:
    store = open_store(folder, terminal_passphrase)
    logs.start(folder)  # the folder exists now, if this run created it
    try:
        announce(store)
        yield MeetingService(store)
    finally:
        _close(store)


def _close(store: Store) -> None:
    """Close the store, signing the heads of the trails this command changed. The signing
    stack is imported only when there is such a trail: a reading command (`list`, `show`)
    changes none, and so loads no signing code."""
    try:
        changed = bool(trail_heads.unanchored(store.db))
    except BaseException:
        store.close()
        raise
    if not changed:
        store.close()
        return
    from strategy_minutes.desktop.signoff import anchors

    anchors.close(store)
