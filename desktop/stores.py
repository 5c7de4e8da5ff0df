"""The encrypted store as the GUI meets it: opening it, what can go wrong, what it trusts.

The GUI reaches storage only through desktop/ (a contract CI checks): this module names the
few storage types and errors the windows and dialogs handle, so a change in storage shows up
here, in one place, rather than across ui/.
"""

from __future__ import annotations

from typing import Any

from strategy_minutes.storage import listing, signatures
from strategy_minutes.storage.audit import Entry as Entry
from strategy_minutes.storage.keys import MIN_PASSPHRASE as MIN_PASSPHRASE
from strategy_minutes.storage.keys import KeyProblem as KeyProblem
from strategy_minutes.storage.keys import PassphraseRequired as PassphraseRequired
from strategy_minutes.storage.lock import AlreadyOpen as AlreadyOpen
from strategy_minutes.storage.store import Store as Store
from strategy_minutes.storage.store import StoreProblem as StoreProblem
from strategy_minutes.storage.store import open_store as open_store


def trusted_signers(store: Store) -> list[dict[str, Any]]:
    """The register of signers this data folder trusts, for checking a signed copy."""
    return signatures.trusted(store.db)


def signed_versions(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every version this data folder has signed, by meeting, so a verdict can say which is
    the latest."""
    return signatures.signed_versions(store.db)


list_order = listing.order_key  # the meeting list's order, for placing one changed row
