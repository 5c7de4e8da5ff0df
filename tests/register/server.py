"""A throwaway PostgreSQL on this machine, for the register's tests and benchmarks.

initdb and pg_ctl from the distribution's packages run in a temporary folder, as the
`postgres` user when run as root (initdb refuses root), listening on a free port of
127.0.0.1 only and on a socket in that folder, with password (SCRAM) authentication.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

SUPERUSER, SUPER_PASSWORD = "postgres", "register-admin-secret"


def bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    bindir: Path
    root: Path
    port: int
    as_postgres: list[str]
    extra: str = ""  # more server options (TLS)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bindir / "pg_ctl"), "-D", str(self.data), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        # fsync off is safe for a server killed but not its machine; commits stay synchronous,
        # since a test stops the server mid-publish and counts what was committed.
        options = (
            f"-k {self.root / 'sock'} -p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c fsync=off -c full_page_writes=off {self.extra}"
        )
        self._pg_ctl("-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "stop")

    def url(self, user: str, db: str) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{db}"

    def superuser(self, db: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(SUPERUSER, db), password=SUPER_PASSWORD, autocommit=True)

    def discard(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_server(tls: tuple[bytes, bytes] | None = None, tls_address: str = "") -> Server:
    """A new server; with `tls` (PEM certificate and key) it also listens on `tls_address`,
    where it accepts only TLS connections (`hostssl`), as an authority's server would."""
    found = bindir()
    assert found is not None, "PostgreSQL is not installed"
    root = Path(tempfile.mkdtemp(prefix="strategy-minutes-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_postgres = ["runuser", "-u", "postgres", "--"]
    (root / "sock").mkdir()
    pwfile = root / "pw"
    pwfile.write_text(SUPER_PASSWORD + "\n")
    if as_postgres:
        for p in (root / "sock", pwfile):
            os.chown(p, pwd.getpwnam("postgres").pw_uid, pwd.getpwnam("postgres").pw_gid)
    subprocess.run(
        [
            *as_postgres,
            str(found / "initdb"),
            "-D",
            str(root / "data"),
            "-U",
            SUPERUSER,
            "--pwfile",
            str(pwfile),
            "--auth=scram-sha-256",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pwfile.unlink()
    server = Server(found, root, _free_port(), as_postgres)
    if tls is not None:
        server.extra = _tls(server, tls, tls_address)
    server.start()
    return server


def _tls(server: Server, tls: tuple[bytes, bytes], address: str) -> str:
    """Write the certificate and key where only the server reads them; accept TLS logins on
    `address`; return the options that turn TLS on."""
    cert, key = server.root / "server.crt", server.root / "server.key"
    cert.write_bytes(tls[0])
    key.write_bytes(tls[1])
    key.chmod(0o600)
    if server.as_postgres:
        pw = pwd.getpwnam("postgres")
        for p in (cert, key):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    with (server.data / "pg_hba.conf").open("a") as hba:
        hba.write(f"hostssl all all {address}/32 scram-sha-256\n")
    return (
        f"-c ssl=on -c ssl_cert_file={cert} -c ssl_key_file={key} "
        f"-c listen_addresses=127.0.0.1,{address}"
    )
