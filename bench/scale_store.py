"""Stores of 1, 100, 1,000 and 10,000 fictional meetings for `python -m bench scale`.

The mix is what a chair's laptop holds after years of use: 40% full meetings like the demo
(44 items each: attendees, people, decisions, actions...) and 60% small drafts (a case
reference, a chair, two or three people, one or two attendees). Names are drawn from several
scripts: Welsh, Polish, Arabic and names from no real place. All of it is fictional.

Building 10,000 meetings through the app's own import, one transaction each, takes minutes on
a small machine, so the meetings are written by the repository in batches, each batch one
transaction (every meeting still gets its audit trail and list index), and each store's
trails are signed as the app's clean close signs them. The stores are built
once and kept in a cache folder outside the repository (never committed), protected by the
bench passphrase; each size is a copy of the growing store taken when it reaches that size.
The folder is named by the builder's version and by the schema (the migrations this code
knows), so a branch with other migrations builds its own stores instead of migrating, or
refusing, another's; a store this builder made under fewer migrations is copied and migrated
rather than built again. The benchmark measures copies, so the cached stores stay as built.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.common import PASSPHRASE

VERSION = 2  # bump when the mix changes: older caches are then built again (2: trails signed)
SIZES = (1, 100, 1_000, 10_000)
BATCH = 250
FULL_SHARE = 0.4

FIRST = [
    "Siân",
    "Gwenllian",
    "Dafydd",
    "Rhys",
    "Ffion",
    "Iolo",
    "Eluned",
    "Maredudd",
    "Llinos",
    "Łukasz",
    "Małgorzata",
    "Paweł",
    "Żaneta",
    "Grzegorz",
    "Wiktoria",
    "Krzysztof",
    "Zuzanna",
    "يوسف",
    "فاطمة",
    "ليلى",
    "عمر",
    "نور",
    "Layla",
    "Omar",
    "Yusuf",
    "Zorvath",
    "Quellan",
    "Thessaly",
    "Orrin",
    "Ysmere",
    "Kaldor",
    "Vennick",
    "Idrelle",
]
LAST = [
    "Llywelyn",
    "ap Gwyndaf",
    "Pryce",
    "Rhydderch",
    "Ôwen",
    "Hâf",
    "Wiśniewska",
    "Zielińska",
    "Nowak",
    "Kowalczyk",
    "Łęcka",
    "Dąbrowski",
    "Żurek",
    "حداد",
    "الحسيني",
    "منصور",
    "Haddad",
    "Mansour",
    "Marrow",
    "Vask",
    "Qell'tharan",
    "Oskarrow",
    "Thrennick",
    "Duvallin",
]
DEMO_FIRST = ["Dana", "Maisie", "Lily", "Oscar", "Gareth", "Callum", "Roy"]
DEMO_FULL = [
    "Siân Llywelyn", "Hannah Reid", "Zofia Wiśniewska", "Layla Haddad (ليلى حداد)",
    "Priya Natarajan", "Tom Okafor", "Ruth Calder", "Megan Price", "Ben Ashworth",
]  # fmt: skip


CACHE_ENV = "STRATEGY_MINUTES_BENCH_CACHE"  # set by `python -m bench` before its throwaway HOME


def schema() -> str:
    """A short name for the migrations this code applies: stores are kept per schema."""
    from strategy_minutes.storage.migrations import migrations

    names = "\n".join(m.name for m in migrations._migrations)
    return hashlib.sha256(names.encode()).hexdigest()[:10]


def cache_root() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "strategy-minutes-bench" / f"scale-v{VERSION}-{schema()}"


def store_dir(size: int) -> Path:
    return cache_root() / f"meetings-{size}"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _full(template: str, rng: random.Random, ref: str) -> dict[str, Any]:
    swaps = {"Penrose": rng.choice(LAST), "DEMO-2026-0147": ref}
    swaps.update({first: rng.choice(FIRST) for first in DEMO_FIRST})
    swaps.update({full: _name(rng) for full in DEMO_FULL})
    pattern = re.compile("|".join(rf"\b{re.escape(k)}\b" for k in swaps))
    return json.loads(pattern.sub(lambda m: swaps[m.group(0)].replace('"', "'"), template))


def _draft(rng: random.Random, ref: str, day: str | None) -> tuple[dict[str, Any], list[Any]]:
    facts = {
        "case_reference": ref,
        "date": day,
        "chair": _name(rng),
        "held": "in_person",
        "nation": "england",
        "meeting_type": "first",
    }
    family = rng.choice(LAST)
    people = [("people", str(uuid.uuid4()), {"name": f"{rng.choice(FIRST)} {family}",
               "role": "subject_child", "category": "child"})]  # fmt: skip
    for _ in range(rng.randint(1, 2)):
        people.append(
            (
                "people",
                str(uuid.uuid4()),
                {
                    "name": f"{rng.choice(FIRST)} {family}",
                    "role": "non_abusing_parent",
                    "category": "adult",
                },
            )  # fmt: skip
        )
    attendees = [
        ("attendees", str(uuid.uuid4()), {"name": _name(rng), "agency": agency})
        for agency in rng.sample(["police", "health", "education"], rng.randint(1, 2))
    ]
    return {"facts": facts}, people + attendees


def _upgraded(size: int, say: Any) -> bool:
    """Make the store of `size` from one this builder version made under fewer migrations, if
    the cache holds one: copied, then migrated by opening it (much faster than building)."""
    from strategy_minutes.storage import keys
    from strategy_minutes.storage.db import connect
    from strategy_minutes.storage.migrations import migrations
    from strategy_minutes.storage.store import open_store

    known = {m.name for m in migrations._migrations}
    for older in sorted(cache_root().parent.glob(f"scale-v{VERSION}-*/meetings-{size}")):
        if not (older / "meetings.db").exists():
            continue
        db = connect(older / "meetings.db", keys.unlock(keys.read_protection(older), _ask))
        applied = {r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")}
        db.conn.close()
        if applied <= known:
            work = cache_root() / f"upgrading-{size}"
            shutil.rmtree(work, ignore_errors=True)
            work.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(older, work)
            open_store(work, _ask).close()  # the migrations run as the store opens
            shutil.rmtree(store_dir(size), ignore_errors=True)
            work.rename(store_dir(size))
            say(f"  migrated the store of {size:,} meetings from {older.parent.name}")
            return True
    return False


def _ask(confirm: bool) -> str:
    return PASSPHRASE


def build(sizes: tuple[int, ...] = SIZES, say: Any = print) -> None:
    """Build every store of `sizes` missing from the cache (in a child with no keyring)."""
    from strategy_minutes.desktop.meeting.demo import demo_json
    from strategy_minutes.desktop.services import MeetingService
    from strategy_minutes.desktop.signoff.anchors import anchor_all
    from strategy_minutes.storage.store import open_store

    wanted = [
        s
        for s in sorted(sizes)
        if not (store_dir(s) / "meetings.db").exists() and not _upgraded(s, say)
    ]
    if not wanted:
        return
    work = cache_root() / "building"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    store = open_store(work, _ask)
    assert store.protection.mode == "passphrase", "build the stores with no keyring"
    service = MeetingService(store)
    rng = random.Random(13)
    template = json.dumps(demo_json(date(2026, 11, 24)), ensure_ascii=False)
    began, made = time.monotonic(), 0
    target_sizes = iter(wanted)
    next_size = next(target_sizes)
    while next_size is not None:
        with store.db.atomic():
            for _ in range(min(BATCH, next_size - made)):
                ref = f"SCALE-{made:05d}"
                day = date(2019, 1, 1) + timedelta(days=rng.randrange(8 * 365))
                if made == 0 or rng.random() < FULL_SHARE:
                    data = _full(template, rng, ref)
                    data["facts"]["date"] = day.isoformat()
                    service.import_json(data)
                else:
                    sections, items = _draft(rng, ref, None if rng.random() < 0.05 else str(day))
                    store.repo.create(sections, items)
                made += 1
        if made == next_size:
            anchor_all(store, "close")  # as the app's every clean close leaves a store
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            target = store_dir(made)
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for name in ("meetings.db", "keys.json"):
                shutil.copy2(work / name, target / name)
            say(f"  built the store of {made:,} meetings ({time.monotonic() - began:.0f} s)")
            next_size = next(target_sizes, None)
    store.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    build(tuple(int(a) for a in sys.argv[1:]) or SIZES)
