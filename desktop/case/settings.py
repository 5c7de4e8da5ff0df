"""How long a meeting may wait before it needs attention: the data folder's own settings.

Two numbers, in working days of the meeting's nation, kept in the encrypted store (they are
about this team's cases; nothing about a case goes into the desktop's settings):

- `draft_days` (N, default 5): a meeting still in draft, or out for comments, this many
  working days after it was held. The procedures want the record circulated within one
  working day (DOMAIN §11, Newcastle procedures), which the case view shows as its own
  clock; a week of working days for comments and signing before it is called drift is this
  project's default, not a published figure.
- `oversight_days` (M, default 5): signed minutes with no management oversight this many
  working days after signing. Derby asks for management oversight so plans do not drift but
  sets no interval; one working week, the first point at which the first actions fall due,
  is this project's default.
"""

from __future__ import annotations

from dataclasses import dataclass

from strategy_minutes.storage import settings as stored
from strategy_minutes.storage.store import Store

DRAFT_DAYS, OVERSIGHT_DAYS = 5, 5
LARGEST = 250  # about a year of working days; beyond that nothing would ever show


@dataclass(frozen=True)
class Thresholds:
    draft_days: int = DRAFT_DAYS
    oversight_days: int = OVERSIGHT_DAYS


def _days(value: object, default: int) -> int:
    return value if isinstance(value, int) and 0 <= value <= LARGEST else default


def load(store: Store) -> Thresholds:
    return Thresholds(
        _days(stored.get(store.db, "attention.draft_days"), DRAFT_DAYS),
        _days(stored.get(store.db, "attention.oversight_days"), OVERSIGHT_DAYS),
    )


def save(store: Store, thresholds: Thresholds) -> None:
    """Keep both numbers; ValueError with a sentence when one is not a count of days."""
    for name, value in thresholds.__dict__.items():
        if not isinstance(value, int) or not 0 <= value <= LARGEST:
            raise ValueError(
                f"{name.replace('_', ' ')} must be a whole number from 0 to {LARGEST}."
            )
    stored.put(store.db, "attention.draft_days", thresholds.draft_days)
    stored.put(store.db, "attention.oversight_days", thresholds.oversight_days)
