"""TLS to the register as an authority runs it, against a real server with `ssl = on`.

A throwaway CA and a server certificate are made here with `cryptography` in a temporary
folder. The server also listens on 127.0.0.2, where pg_hba accepts TLS logins only
(`hostssl`): an address that is not one of the names the app treats as this machine, so the
app insists on `sslmode=verify-full` (or verify-ca) for it, as for any other host.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from strategy_minutes.desktop.register import connection
from strategy_minutes.desktop.register.connection import RegisterProblem

from tests.conftest import cli_env
from tests.register.conftest import Register, make_register
from tests.register.server import Server, bindir, start_server

TLS_HOST = "127.0.0.2"


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _certificate(
    subject: str, key: ec.EllipticCurvePrivateKey, issuer: tuple[str, ec.EllipticCurvePrivateKey]
) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer[0]))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
    )


def make_ca(folder: Path, name: str) -> tuple[Path, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        _certificate(name, key, (name, key))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = folder / f"{name.replace(' ', '-')}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path, key


def server_pair(ca_name: str, ca_key: ec.EllipticCurvePrivateKey) -> tuple[bytes, bytes]:
    """A certificate for 127.0.0.2 only, signed by the CA; and its key, both PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        _certificate("register test server", key, (ca_name, ca_key))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(TLS_HOST))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM), key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path, Path]]:
    """A server with TLS on; the authority's CA file and another CA's file."""
    if bindir() is None:
        pytest.skip("PostgreSQL is not installed (make test-packages installs it)")
    folder = tmp_path_factory.mktemp("tls")
    ca, ca_key = make_ca(folder, "Authority test CA")
    other, _other_key = make_ca(folder, "Another CA")
    server = start_server(server_pair("Authority test CA", ca_key), TLS_HOST)
    try:
        yield server, ca, other
    finally:
        server.discard()


@pytest.fixture(scope="module")
def tls_register(tls: tuple[Server, Path, Path]) -> Register:
    return make_register(tls[0])


def _url(reg: Register, person: str, host: str, query: str) -> str:
    url = reg.url(person).replace("127.0.0.1", host)
    return f"{url}?{query}" if query else url


def test_verify_full_against_the_authority_ca_connects_over_tls(tls, tls_register):
    _server, ca, _other = tls
    url = _url(tls_register, "chair_a", TLS_HOST, f"sslmode=verify-full&sslrootcert={ca}")
    conn, role = connection.open_register(connection.address(url), tls_register.password("chair_a"))
    with conn:
        row = conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
    assert role == "chair" and row == (True,)


@pytest.mark.parametrize(
    ("host", "query", "said"),
    [
        # what an attacker in the middle, or a careless set-up, would present
        (TLS_HOST, "sslmode=verify-full&sslrootcert={other}", "not signed by the CA"),
        (TLS_HOST, "sslmode=verify-ca&sslrootcert={other}", "not signed by the CA"),
        ("localhost", "sslmode=verify-full&sslrootcert={ca}", "names another server"),
        (TLS_HOST, "sslmode=verify-full&sslrootcert={missing}", "could not be read"),
    ],
)
def test_a_server_that_does_not_prove_who_it_is_is_refused_in_one_sentence(
    tls, tls_register, tmp_path, host, query, said
):
    _server, ca, other = tls
    query = query.format(ca=ca, other=other, missing=tmp_path / "no-such-ca.pem")
    addr = connection.address(_url(tls_register, "chair_a", host, query))
    with pytest.raises(RegisterProblem) as refused:
        connection.open_register(addr, tls_register.password("chair_a"))
    sentence = str(refused.value)
    assert said in sentence and sentence.endswith("nothing was sent.")
    assert sentence.count(". ") == 0 and "\n" not in sentence


@pytest.mark.parametrize("query", ["", "sslmode=require", "sslmode=prefer", "sslmode=disable"])
def test_a_url_to_another_host_without_checked_tls_is_refused_before_connecting(
    tls_register, query
):
    with pytest.raises(RegisterProblem, match="TLS that checks the server"):
        connection.address(_url(tls_register, "chair_a", TLS_HOST, query))


def test_connect_over_tls_from_the_command_line(tls, tls_register, cli, tmp_path):
    _server, ca, other = tls
    env = cli_env()
    env["STRATEGY_MINUTES_REGISTER_PASSWORD"] = tls_register.password("chair_b")
    good = _url(tls_register, "chair_b", TLS_HOST, f"sslmode=verify-full&sslrootcert={ca}")
    run = cli("register", "connect", "--url", good, env=env, data=tmp_path / "laptop")
    assert run.returncode == 0, run.stderr
    wrong = good.replace(str(ca), str(other))
    run = cli("register", "connect", "--url", wrong, env=env, data=tmp_path / "laptop")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"The register at {TLS_HOST}:{tls[0].port}/{tls_register.db} was not trusted: its "
        "certificate is not signed by the CA named in sslrootcert; nothing was sent."
    ]
