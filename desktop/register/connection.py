"""Reaching the register: its address, the credential, the connection and what it checks.

The URL names the server, database and login, and may carry TLS parameters
(`sslmode=verify-full&sslrootcert=...`), which are honoured as given. It never carries the
password: that comes from STRATEGY_MINUTES_REGISTER_PASSWORD, else from the OS keyring,
where `register connect` keeps it. A server on another machine must be reached over TLS that
checks the server's certificate; only this machine's own socket or loopback may go without.
Every connection checks the register's schema against the migrations this build knows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import psycopg
from psycopg import conninfo
from strategy_minutes.storage import register_schema, secure_keyring

PASSWORD_ENV = "STRATEGY_MINUTES_REGISTER_PASSWORD"
_LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")
_CHECKED_TLS = ("verify-full", "verify-ca")
CONNECT_TIMEOUT = 5  # seconds: a laptop in a meeting room must not hang on a dead network
# libpq's words for a server that did not prove who it is, and what they mean for a person
_UNTRUSTED = (
    ("certificate verify failed", "its certificate is not signed by the CA named in sslrootcert"),
    ("does not match host name", "its certificate names another server than the URL's host"),
    ("root certificate file", "the CA file named in sslrootcert could not be read"),
    ("does not support SSL", "it does not offer TLS, which the URL requires"),
)


class RegisterProblem(Exception):
    """Something about the register, in one sentence for a person."""


class Unreachable(RegisterProblem):
    """The register could not be reached now; what waits stays waiting."""


@dataclass(frozen=True)
class Address:
    url: str
    user: str
    where: str  # host:port/database, for sentences and the keyring entry

    @property
    def keyring_user(self) -> str:
        return f"register:{self.user}@{self.where}"


def address(url: str) -> Address:
    """Check a register URL; RegisterProblem when it cannot be used as it stands."""
    try:
        params = conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise RegisterProblem(f"{url!r} is not a PostgreSQL URL (postgresql://...).") from None
    if params.get("password"):
        raise RegisterProblem(
            "The register URL must not hold the password; put it in "
            f"{PASSWORD_ENV} or let 'register connect' keep it in the keyring."
        )
    user = str(params.get("user") or "")
    if not user:
        raise RegisterProblem("The register URL must name the login (postgresql://NAME@HOST/DB).")
    host = str(params.get("host") or "")
    if not _only_this_machine(params) and params.get("sslmode") not in _CHECKED_TLS:
        raise RegisterProblem(
            f"The register at {host} is on another machine, so its URL must ask for TLS that "
            "checks the server (sslmode=verify-full&sslrootcert=FILE); nothing was sent."
        )
    where = f"{host or 'local socket'}:{params.get('port') or 5432}/{params.get('dbname') or user}"
    return Address(url, user, where)


def _only_this_machine(params: Mapping[str, object]) -> bool:
    """Whether libpq would reach only this machine: its socket or loopback, with no hostaddr,
    service file or environment variable taking it elsewhere."""
    if params.get("service") or os.environ.get("PGSERVICE"):
        return False  # a service file may name any host
    host = str(params.get("host") or os.environ.get("PGHOST") or "")
    hostaddr = str(params.get("hostaddr") or os.environ.get("PGHOSTADDR") or "")
    names = host.split(",") + [a for a in hostaddr.split(",") if a]
    return all(h.startswith(("/", "@")) or h in _LOCAL_HOSTS for h in names)


def password(addr: Address) -> str | None:
    """The login's password: the environment's, else the keyring's; None when neither."""
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    backend = secure_keyring.secure_backend()
    if backend is None:
        return None
    try:
        return secure_keyring.get_secret(backend, addr.keyring_user)
    except secure_keyring.KeyringUnavailable:
        return None


def keep_password(addr: Address, secret: str) -> None:
    """Keep the login's password in the OS keyring; never in a file."""
    backend = secure_keyring.secure_backend()
    if backend is None:
        raise RegisterProblem(
            "There is no secure keyring on this computer to keep the register's password; "
            f"give it in {PASSWORD_ENV} each time instead."
        )
    try:
        secure_keyring.set_secret(backend, addr.keyring_user, secret)
    except secure_keyring.KeyringUnavailable as exc:
        raise RegisterProblem(f"The keyring refused the register's password ({exc}).") from None


def connect(addr: Address, secret: str | None = None) -> psycopg.Connection:
    """An autocommit connection (each change in its own explicit transaction)."""
    secret = secret if secret is not None else password(addr)
    try:
        return psycopg.connect(
            addr.url,
            password=secret,
            connect_timeout=CONNECT_TIMEOUT,
            autocommit=True,
            application_name="strategy-minutes",
        )
    except psycopg.OperationalError as exc:
        text = str(exc)
        if "password authentication failed" in text or "no password supplied" in text:
            raise RegisterProblem(
                f"The register at {addr.where} refused the login {addr.user}: the password "
                f"is wrong or missing (set {PASSWORD_ENV} or run 'register connect')."
            ) from None
        why = next((said for words, said in _UNTRUSTED if words in text), None)
        if why is not None:
            raise RegisterProblem(
                f"The register at {addr.where} was not trusted: {why}; nothing was sent."
            ) from None
        reason = text.strip().splitlines()[-1] if text.strip() else type(exc).__name__
        raise Unreachable(
            f"The register at {addr.where} could not be reached ({reason})."
        ) from None


def check_schema(conn: psycopg.Connection, addr: Address) -> None:
    """Refuse, in one sentence, a register this build cannot safely use."""
    have = register_schema.applied(conn)
    if have is None:
        raise RegisterProblem(
            f"There is no team register in {addr.where} yet; an administrator creates it with "
            "'strategy-minutes register init --url URL'."
        )
    unknown = sorted(set(have) - set(register_schema.known()))
    if unknown:
        raise RegisterProblem(
            f"The register at {addr.where} has a newer schema than this Strategy Minutes knows "
            f"({', '.join(unknown)}); update the app before using it. Nothing was sent."
        )
    missing = [m for m in register_schema.known() if m not in have]
    if missing:
        raise RegisterProblem(
            f"The register at {addr.where} lacks schema {', '.join(missing)}; an administrator "
            "brings it up to date with 'strategy-minutes register init --url URL'."
        )


def role(conn: psycopg.Connection) -> str | None:
    """chair, admin or manager: the group this login belongs to; None when none."""
    for name, group in register_schema.GROUPS.items():
        row = conn.execute(
            "SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
            [group],
        ).fetchone()
        if row and row[0]:
            return name
    return None


def open_register(addr: Address, secret: str | None = None) -> tuple[psycopg.Connection, str]:
    """A checked connection and the login's role; RegisterProblem when it cannot be used."""
    conn = connect(addr, secret)
    try:
        who = role(conn)
        if who is None:
            raise RegisterProblem(
                f"The login {addr.user} is not a member of "
                f"{', '.join(register_schema.GROUPS.values())}; an administrator adds it with "
                "'register add-user'."
            )
        check_schema(conn, addr)
    except BaseException:
        conn.close()
        raise
    return conn, who
