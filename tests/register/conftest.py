"""A real PostgreSQL for the register tests: started once per session, stopped after.

initdb and pg_ctl from the distribution's packages run in a temporary folder, as the
`postgres` user when the tests run as root (initdb refuses root), listening on a free port
of 127.0.0.1 only and on a socket in that folder, with password (SCRAM) authentication.
Each test gets a database of its own, created by `register init`, and logins of its own
(`server.py` starts and stops the server).
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg
import pytest
from strategy_minutes.desktop.register import admin, connection
from strategy_minutes.desktop.services import MeetingService
from strategy_minutes.desktop.signoff import lifecycle
from strategy_minutes.storage.store import Store, open_store

from tests.conftest import PASSPHRASE
from tests.register.server import SUPER_PASSWORD, SUPERUSER, Server, bindir, start_server

_count = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    if bindir() is None:
        pytest.skip("PostgreSQL is not installed (make test-packages installs it)")
    server = start_server()
    try:
        yield server
    finally:
        server.discard()


@dataclass
class Register:
    server: Server
    db: str
    logins: dict[str, str]  # person -> login

    def url(self, person: str) -> str:
        return self.server.url(self.logins.get(person, person), self.db)

    def address(self, person: str) -> connection.Address:
        return connection.address(self.url(person))

    def password(self, person: str) -> str:
        return f"pw-{self.logins.get(person, person)}"

    def superuser(self) -> psycopg.Connection:
        return self.server.superuser(self.db)

    def connect(self, person: str) -> psycopg.Connection:
        return connection.connect(self.address(person), self.password(person))


PEOPLE = {"chair_a": "chair", "chair_b": "chair", "admin": "admin", "manager": "manager"}


def make_register(pg_server: Server) -> Register:
    """A fresh register (its own database), made by `register init`, with four logins."""
    db = f"register_{os.getpid()}_{next(_count)}"
    with pg_server.superuser() as conn:
        conn.execute(f"CREATE DATABASE {db}")
    reg = Register(pg_server, db, {p: f"{db}_{p}" for p in PEOPLE})
    su = connection.address(pg_server.url(SUPERUSER, db))
    admin.init(su, SUPER_PASSWORD)
    for person, role in PEOPLE.items():
        admin.add_user(su, reg.logins[person], role, reg.password(person), SUPER_PASSWORD)
    return reg


@pytest.fixture
def register(pg_server: Server) -> Register:
    return make_register(pg_server)


# -- laptops: each a data folder with its own signing key ------------------------------------
def open_laptop(folder: Path) -> Store:
    """A store protected by a passphrase, so its signing key lives inside it (not in a
    keyring that each test replaces) and a copy of the folder is a whole laptop."""
    return open_store(folder, lambda confirm: PASSPHRASE)


SIGNERS = {"chair_a": "Morwenna Tregarth", "chair_b": "Idris Pennant"}  # fictional chairs


def sign_new(
    store: Store, case_reference: str | None = None, on: date | None = None, name: str = ""
) -> str:
    service = MeetingService(store)
    meeting_id = service.add_demo(on or date.today())
    if case_reference:
        service.set_field(meeting_id, "facts", None, "case_reference", case_reference)
    for item in service.get(meeting_id).items_of("information_sharing"):  # told, as planned
        service.set_field(meeting_id, "information_sharing", item.id, "done", True)
    lifecycle.sign(store, service.get(meeting_id), name)
    return meeting_id


@pytest.fixture(scope="session")
def signed_laptops(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two laptops, made once: each holds a demo meeting of the same case, signed with its own
    key. Tests copy them (`laptop`), so signing's cost is paid once per session."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    root = tmp_path_factory.mktemp("laptops")
    try:
        for name in ("chair_a", "chair_b"):
            store = open_laptop(root / name)
            try:
                sign_new(store, name=SIGNERS[name])
            finally:
                store.close()
    finally:
        keyring.set_keyring(previous)
    return {"chair_a": root / "chair_a", "chair_b": root / "chair_b"}


@pytest.fixture
def laptop(signed_laptops: dict[str, Path], tmp_path: Path, no_keyring: None):
    """Open a copy of a prepared laptop (its own data folder) for this test."""
    opened: list[Store] = []

    def make(name: str) -> Store:
        folder = tmp_path / name
        if not folder.exists():
            shutil.copytree(signed_laptops[name], folder)
        store = open_laptop(folder)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
