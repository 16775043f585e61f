"""The console's shell over HTTP: sign-in, CSRF, language, static files."""

from __future__ import annotations

import httpx

from lingong_city.db import Database
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
