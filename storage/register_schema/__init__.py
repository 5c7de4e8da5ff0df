"""The team register's schema on PostgreSQL: versioned SQL migrations, applied in order.

Each `NNNN_name.sql` file beside this module is one migration; `apply` runs the ones a
register lacks, each in the transaction that records it, under an advisory lock so that two
administrators cannot interleave. A laptop reads the applied names at every connection and
refuses a register that has one it does not know: a newer app made it, and writing to it
could break what that app expects.
"""

from __future__ import annotations

from importlib import resources

import psycopg

SCHEMA = "strategy_minutes"
GROUPS = {
    "chair": "strategy_minutes_chair",
    "admin": "strategy_minutes_admin",
    "manager": "strategy_minutes_manager",
}
_LOCK = 0x5354524D  # any fixed number: the advisory lock taken while migrating


def migrations() -> list[tuple[str, str]]:
    """(name, SQL) of every migration this build knows, in order."""
    files = resources.files(__name__)
    names = sorted(f.name for f in files.iterdir() if f.name.endswith(".sql"))
    return [(name.removesuffix(".sql"), files.joinpath(name).read_text("utf-8")) for name in names]


def known() -> list[str]:
    return [name for name, _sql in migrations()]


def applied(conn: psycopg.Connection) -> list[str] | None:
    """The migrations a register has, in order; None where the database has no register."""
    row = conn.execute("SELECT to_regclass(%s)", [f"{SCHEMA}.schema_migrations"]).fetchone()
    if row is None or row[0] is None:
        return None
    return [
        r[0] for r in conn.execute(f"SELECT name FROM {SCHEMA}.schema_migrations ORDER BY name")
    ]


def apply(conn: psycopg.Connection) -> list[str]:
    """Bring the register up to this build's schema; returns the names applied now.

    Runs as the administrator who creates the register (a superuser, or the database owner
    with CREATEROLE). Raises NewerRegister, applying nothing, when the register is newer.
    """
    done: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK])
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_migrations ("
            "name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        have = applied(conn) or []
        unknown = sorted(set(have) - set(known()))
        if unknown:
            raise NewerRegister(unknown)
        for name, sql in migrations():
            if name in have:
                continue
            conn.execute(sql.encode())  # several statements: sent as one simple query
            conn.execute(f"INSERT INTO {SCHEMA}.schema_migrations (name) VALUES (%s)", [name])
            done.append(name)
    return done


class NewerRegister(Exception):
    """The register has migrations this build does not know; `args[0]` lists them."""
