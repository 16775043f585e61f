"""The console's shell over HTTP: sign-in, CSRF, language, static files."""

from __future__ import annotations

import io

import httpx
import pytest
from sqlalchemy import select

from lingong_city import cli
from lingong_city.db import Database
from lingong_city.models import StaffAudit, StaffUser
from tests.city.conftest import LiveServer
from tests.city.console.support import add_staff, csrf_of, sign_in


def test_pages_need_sign_in_and_forms_need_their_token(
    server: LiveServer, pg_city: Database
) -> None:
    add_staff(pg_city, "admin1", "admin")
    with httpx.Client(base_url=server.url) as c:
        first = c.get("/console/overview")
        assert first.status_code == 303
        assert first.headers["location"] == "/console/signin?next=/console/overview"
        assert c.post("/console/signin", data={"name": "admin1"}).status_code == 403

        signed = sign_in(c, "admin1")
        assert signed.status_code == 303 and signed.headers["location"] == "/console/overview"
        cookie = signed.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
        page = c.get("/console/overview")
        assert page.status_code == 200 and "<h1>概览</h1>" in page.text
        assert c.post("/console/signout", data={"csrf_token": "guess"}).status_code == 403
        assert c.get("/console/overview").status_code == 200  # still signed in
        out = c.post("/console/signout", data={"csrf_token": csrf_of(page.text)})
        assert out.status_code == 303
        assert c.get("/console/overview").status_code == 303


def test_english_from_the_switch_and_echarts_offline(server: LiveServer, pg_city: Database) -> None:
    add_staff(pg_city, "viewer1", "viewer")
    with httpx.Client(base_url=server.url) as c:
        sign_in(c, "viewer1")
        c.get("/console/lang/en?next=/console/overview")
        page = c.get("/console/overview")
        assert "<h1>Overview</h1>" in page.text and 'lang="en"' in page.text
        assert "/console/users" not in page.text  # a viewer's menu has no users page
        script = c.get("/console/static/echarts.min.js")
        assert script.status_code == 200 and b"echarts" in script.content[:2000].lower()
        assert c.get("/console/lang/en?next=https://example.com/").headers["location"] == (
            "/console/overview"
        )


def test_the_first_admin_comes_from_the_command_line(
    pg_city: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    code = cli.main(
        ["add-user", "局长", "--role", "admin", "--password-stdin", "--database", pg_city.url]
    )
    assert code == 0 and "added admin 局长" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["add-user", "科员", "--password-stdin", "--database", pg_city.url]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    with pg_city.reading() as s:
        [user] = s.scalars(select(StaffUser)).all()
        assert user.name == "局长" and user.role == "admin"
        assert user.password_hash.startswith("$argon2id$")
        [event] = s.scalars(select(StaffAudit)).all()
        assert event.action == "user_add" and event.address == "command line"
