"""Transport: TLS with a pinned self-signed certificate, no plain http to other
computers, and connections that never finish their request head."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi import FastAPI
from sqlalchemy import select

from lingong_city.app import create_app
from lingong_city.db import Database
from lingong_city.models import EnrollmentCode
from lingong_city.serving import GuardedH11, fingerprint
from lingong_desk.sync.errors import SyncError
from tests.city.helpers import ZY, enrollment_code, open_desk, register


def self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A bureau's self-signed certificate for ``host`` and its key (PEM files)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "city.crt", folder / "city.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class Server:
    """The app under uvicorn as ``lingong-city serve`` runs it (TLS, GuardedH11)."""

    def __init__(self, app: FastAPI, cert: tuple[Path, Path] | None = None) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        scheme = "https" if cert else "http"
        self.url = f"{scheme}://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(
            app,
            log_config=None,
            http=GuardedH11,
            ssl_certfile=str(cert[0]) if cert else None,
            ssl_keyfile=str(cert[1]) if cert else None,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> Server:
        self.thread.start()
        while not self.server.started:
            assert self.thread.is_alive(), "the server did not start"
            self.thread.join(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture
def tls(city: Database, tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    cert = self_signed(tmp_path)
    with Server(create_app(city.url), cert) as server:
        yield server, cert[0]


def test_a_desk_pins_the_bureaus_self_signed_certificate(
    city: Database, tls: tuple[Server, Path], tmp_path: Path
) -> None:
    server, cert = tls
    desk = open_desk(tmp_path / "zy", ZY)
    register(desk, "14022619800301123", "张三")
    printed = fingerprint(cert)  # as enroll-code prints it: AB:CD:...
    assert len(printed) == 95
    desk.sync.enroll(server.url, enrollment_code(city, "ZY"), "窗口1", printed.lower())
    report = desk.sync.sync_once()
    assert report.ok and report.applied > 0, report.error
    assert desk.sync.state().pin == printed.replace(":", "")


def test_another_certificate_gets_nothing_not_even_the_code(
    city: Database, tls: tuple[Server, Path], tmp_path: Path
) -> None:
    server, _cert = tls
    (tmp_path / "other").mkdir()
    impostor = fingerprint(self_signed(tmp_path / "other")[0])
    desk = open_desk(tmp_path / "zy", ZY)
    code = enrollment_code(city, "ZY")
    with pytest.raises(SyncError) as err:
        desk.sync.enroll(server.url, code, "窗口1", impostor)
    assert err.value.kind == "certificate"
    with city.reading() as s:  # the code never reached the server: still unused
        assert s.scalars(select(EnrollmentCode.used_at)).one() is None
    # without a pin, a self-signed certificate is not trusted either
    with pytest.raises(SyncError) as err:
        desk.sync.enroll(server.url, code, "窗口1")
    assert err.value.kind == "certificate"
    assert not desk.sync.state().enrolled


def test_plain_http_to_another_computer_needs_the_setting(tmp_path: Path) -> None:
    desk = open_desk(tmp_path / "zy", ZY)
    made: list[str] = []

    def factory(url: str, credential: str) -> object:
        made.append(url)  # a stand-in: no packet leaves this computer
        raise SyncError("offline", "not reached")

    desk.sync.client_factory = factory  # type: ignore[assignment]
    with pytest.raises(SyncError) as err:
        desk.sync.enroll("http://192.0.2.10:8600", "AAAAA-BBBBB-CCCCC", "窗口1")
    assert err.value.kind == "insecure" and made == []
    with pytest.raises(SyncError) as err:  # allowed by the setting: it goes on
        desk.sync.enroll("http://192.0.2.10:8600", "AAAAA-BBBBB-CCCCC", "窗口1", allow_http=True)
    assert err.value.kind == "offline" and made == ["http://192.0.2.10:8600"]
    assert desk.sync.state().allow_http
    with pytest.raises(SyncError) as err:
        desk.sync.enroll("https://192.0.2.10", "AAAAA-BBBBB-CCCCC", "窗口1", "12:34")
    assert err.value.kind == "refused" and "fingerprint" in err.value.detail


def test_a_connection_that_never_finishes_its_request_head_is_closed(
    city: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINGONG_CITY_HEADER_TIMEOUT", "0.5")
    with Server(create_app(city.url)) as server:
        port = int(server.url.rsplit(":", 1)[1])
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
        for i, conn in enumerate(slow):
            conn.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n" if i % 2 else b"")
            conn.settimeout(60)  # a bound for a broken server, not a measure
        for i, conn in enumerate(slow):
            if i % 2:
                conn.sendall(b"X-Trickle: 1\r\n")  # a byte now and then does not help
        for conn in slow:
            assert conn.recv(1024) == b""  # closed by the server
            conn.close()
        # a whole request is answered as before
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.settimeout(60)
            conn.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert conn.recv(1024).startswith(b"HTTP/1.1 200")


def test_the_signing_key_is_never_plain_in_the_database(
    city: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from lingong_city import keys
    from lingong_city.models import CityKey

    with city.writing() as s:
        key = keys.city_key(s, None, dt.datetime.now(dt.UTC))
        raw = key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        stored = s.get(CityKey, 1)
        assert stored is not None
        assert raw not in bytes(stored.private_key)
        assert b"ENCRYPTED PRIVATE KEY" in bytes(stored.private_key)
        stored.private_key = raw  # as an older version kept it
    with city.writing() as s:  # used again: encrypted now
        again = keys.city_key(s, None, dt.datetime.now(dt.UTC))
        stored = s.get(CityKey, 1)
        assert stored is not None and b"ENCRYPTED" in bytes(stored.private_key)
    assert again.public_key() == key.public_key()
    monkeypatch.setenv(keys.ENV_PASSPHRASE, "another passphrase")
    with pytest.raises(keys.KeyUnavailable, match="cannot be opened"), city.writing() as s:
        keys.city_key(s, None, dt.datetime.now(dt.UTC))
    monkeypatch.delenv(keys.ENV_PASSPHRASE)
    with pytest.raises(keys.KeyUnavailable, match="passphrase"):
        create_app(city.url)
    # a key file: made readable by the server only, refused when others may read it
    key_file = tmp_path / "city-key.pem"
    keys.load_key_file(key_file)
    assert key_file.stat().st_mode & 0o777 == 0o600
    os.chmod(key_file, 0o644)
    with pytest.raises(keys.KeyUnavailable, match="chmod 600"):
        keys.load_key_file(key_file)
