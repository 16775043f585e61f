"""The ``lingong-city`` command: markets, codes, conflicts, bundles, serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lingong_city import cli
from lingong_city.db import open_database
from lingong_city.models import Market
from lingong_desk.sync.protocol import bundle_envelope, decode, open_envelope
from tests import factories
from tests.city.helpers import (
    HY,
    SPEAKS,
    ZY,
    open_desk,
    outbox,
    public_key_text,
    push_body,
    register,
)

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> tuple[int, str, str]:
    code = cli.main([*args, "--database", url])
    out, err = capsys.readouterr()
    return code, out, err


def test_markets_codes_bundles_and_conflicts(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, database_url, "add-market", "ZY", ZY.name, "--region", "140226", "--phone", ZY.phone
    )
    assert code == 0 and "added market ZY" in out
    code, out, _ = run(
        capsys,
        database_url,
        "add-market",
        "ZY",
        ZY.name,
        "--region",
        "140226",
        "--address",
        ZY.address,
    )
    assert code == 0 and "updated market ZY" in out
    run(capsys, database_url, "add-market", "HY", HY.name)
    code, _, err = run(capsys, database_url, "add-market", "zy1", "x")
    assert code == 1 and "capital letters" in err
    code, _, err = run(capsys, database_url, "enroll-code", "XX")
    assert code == 1 and "no market XX" in err
    code, out, _ = run(
        capsys, database_url, "enroll-code", "ZY", "--desk-number", "2", "--valid-hours", "1"
    )
    assert code == 0
    enrollment = out.splitlines()[0]
    assert len(enrollment) == 17 and enrollment.count("-") == 2
    db = open_database(database_url)
    with db.reading() as s:
        market = s.get(Market, "ZY")
        assert market is not None and market.address == ZY.address and market.phone == ""

    # enroll two desks over HTTP, then sync them by bundle files only
    from lingong_city.app import create_app
    from tests.city.conftest import LiveServer

    keys = {m: Ed25519PrivateKey.generate() for m in ("ZY", "HY")}
    with (
        LiveServer(create_app(db.url)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as client,
    ):
        hy_code = run(capsys, database_url, "enroll-code", "HY")[1].splitlines()[0]
        ids = {}
        for market, one_time in (("ZY", enrollment), ("HY", hy_code)):
            r = client.post(
                "/v1/enroll", json={"code": one_time, "public_key": public_key_text(keys[market])}
            )
            assert r.status_code == 200
            ids[market] = r.json()["device_id"]
            assert r.json()["desk_number"] == (2 if market == "ZY" else 1)
    code, out, _ = run(capsys, database_url, "devices")
    assert ids["ZY"] in out and "ZY desk 2 active" in out
    zy, hy = open_desk(tmp_path / "zy", ZY), open_desk(tmp_path / "hy", HY)
    register(zy, "14022619800301123", "张三")
    factories.wait_past(zy)  # 浑源's registration is the newer one
    register(hy, "14022619800301123", "张叁")
    for market, desk in (("ZY", zy), ("HY", hy)):
        body = push_body(ids[market], outbox(desk))
        path = tmp_path / f"{market}.push"
        path.write_bytes(bundle_envelope("push", ids[market], body, keys[market].sign(body)))
        code, out, _ = run(capsys, database_url, "import-bundle", str(path))
        assert code == 0, out
    # 浑源 named the person otherwise: not registered there, a conflict item instead
    assert "rejected" in out and "name differs" in out
    code, out, _ = run(capsys, database_url, "conflicts")
    assert code == 0 and "person" in out and "name" in out and "'张三'" in out and "'张叁'" in out
    assert "1 open conflict items" in out
    code, out, _ = run(capsys, database_url, "export-bundle", ids["HY"], str(tmp_path / "hy.pull"))
    assert code == 0 and "wrote" in out
    message = decode(open_envelope((tmp_path / "hy.pull").read_bytes())[2])
    assert not any(c["entity"] == "person" for c in message["changes"])  # least access
    tampered = tmp_path / "bad.push"
    tampered.write_bytes(
        (tmp_path / "ZY.push").read_bytes().replace(b'"signature":"', b'"signature":"AA')
    )
    code, _, err = run(capsys, database_url, "import-bundle", str(tampered))
    assert code == 1 and "lingong-city:" in err
    code, out, _ = run(capsys, database_url, "revoke-device", ids["HY"])
    assert code == 0 and "revoked" in out
    db.close()


def test_the_default_database_is_configurable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(cli.ENV_DATABASE, f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert cli.default_database_url() == f"sqlite:///{tmp_path / 'x.sqlite3'}"
    monkeypatch.delenv(cli.ENV_DATABASE)
    url = cli.default_database_url()
    assert url.startswith("sqlite:///") and "LingGongCity" in url and url.endswith("city.sqlite3")


def test_serve_runs_the_server(database_url: str, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, LINGONG_CITY_KEY_FILE=str(tmp_path / "city-key.pem"))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lingong_city",
            "serve",
            "--port",
            str(port),
            "--database",
            database_url,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120  # a new interpreter on a busy machine
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert r.status_code == 200
        assert r.json()["status"] == "ok" and r.json()["database"] in ("sqlite", "postgresql")
        docs = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()
        for path, methods in docs["paths"].items():
            for method, operation in methods.items():
                assert operation.get("summary") and operation.get("description"), (path, method)
        assert set(docs["paths"]) == {"/v1/health", "/v1/enroll", "/v1/push", "/v1/pull"}
    finally:
        server.terminate()
        server.wait(30)
        if server.stdout:
            server.stdout.close()
