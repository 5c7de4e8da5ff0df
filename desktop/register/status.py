"""What the status bar says about the register: reachable or not, and how much waits.

Split in two so the window never waits on the network: `local` reads the store (on the GUI
thread, which owns the store's connection) and `probe` tries the register (on a worker
thread, given only the URL). psycopg is imported only when a register is connected.
"""

from __future__ import annotations

from strategy_minutes.storage import register_local
from strategy_minutes.storage.store import Store


def local(store: Store) -> tuple[str | None, int]:
    """The register this data folder is connected to (None when none) and what waits."""
    return register_local.setting(store.db, "url"), register_local.waiting_count(store.db)


def probe(url: str) -> str:
    """'' when the register can be used now, else the one sentence why not."""
    from strategy_minutes.desktop.register.connection import (
        RegisterProblem,
        address,
        open_register,
    )

    try:
        conn, _role = open_register(address(url))
    except RegisterProblem as exc:
        return str(exc)
    conn.close()
    return ""


def sentence(url: str | None, waiting: int, problem: str | None) -> str:
    """The status bar's words; `problem` None while the probe has not answered yet."""
    if url is None:
        return "No team register" if waiting == 0 else f"No team register; {waiting} to publish"
    items = "nothing waits" if waiting == 0 else f"{waiting} item(s) wait to be published"
    if problem is None:
        return f"Register: checking…; {items}"
    return f"Register reachable; {items}" if not problem else f"Register out of reach; {items}"
