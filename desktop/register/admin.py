"""What the authority's administrator does once: create the register, add people to it.

Both run with an administrator's login (a superuser, or the database's owner with
CREATEROLE). A person is a PostgreSQL login that is a member of one of the three groups;
`add_user` makes one, or adds an existing login (made by the DBA, perhaps with a client
certificate and no password) to its group. A DBA can do the same with plain GRANT.
"""

from __future__ import annotations

import secrets

import psycopg
from psycopg import sql
from strategy_minutes.desktop.register.connection import Address, RegisterProblem, connect
from strategy_minutes.storage import register_schema


def init(addr: Address, secret: str | None = None) -> list[str]:
    """Create the register or bring it up to date; returns the migrations applied now."""
    with connect(addr, secret) as conn:
        try:
            return register_schema.apply(conn)
        except register_schema.NewerRegister as exc:
            raise RegisterProblem(
                f"The register at {addr.where} has a newer schema than this Strategy Minutes "
                f"knows ({', '.join(exc.args[0])}); nothing was changed."
            ) from None
        except psycopg.errors.InsufficientPrivilege as exc:
            raise RegisterProblem(
                f"The login {addr.user} may not create the register ({exc.diag.message_primary});"
                " run 'register init' as a superuser or the database owner with CREATEROLE."
            ) from None


def add_user(
    addr: Address, name: str, role: str, new_password: str | None, secret: str | None = None
) -> str | None:
    """Make `name` a member of the role's group, creating the login if it does not exist.

    Returns the password made for a new login when none was given (to hand to that person
    once), else None.
    """
    group = register_schema.GROUPS[role]
    made = None
    with connect(addr, secret) as conn, conn.transaction():
        if register_schema.applied(conn) is None:
            raise RegisterProblem(
                f"There is no team register in {addr.where} yet; run 'register init' first."
            )
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        try:
            if exists is None:
                made = None if new_password else secrets.token_urlsafe(18)
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(name), sql.Literal(new_password or made)
                    )
                )
            for other in register_schema.GROUPS.values():
                if other != group:
                    conn.execute(
                        sql.SQL("REVOKE {} FROM {}").format(
                            sql.Identifier(other), sql.Identifier(name)
                        )
                    )
            conn.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name))
            )
        except psycopg.errors.InsufficientPrivilege as exc:
            raise RegisterProblem(
                f"The login {addr.user} may not add people to the register "
                f"({exc.diag.message_primary}); nothing was changed."
            ) from None
    return made
