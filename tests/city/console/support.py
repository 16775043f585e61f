"""Helpers of the console tests: a clock, staff accounts, a signed-in HTTP client."""

from __future__ import annotations

import datetime as dt
import re

import httpx
from argon2 import PasswordHasher

from lingong_city.console import accounts
from lingong_city.db import Database

FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "correct horse battery"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


class Clock:
    """The server's clock: the test moves it, nobody waits."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def add_staff(db: Database, name: str, role: str, password: str = PASSWORD) -> None:
    with db.writing() as s:
        accounts.add_user(s, name, role, password, dt.datetime.now(dt.UTC), FAST_HASHER)


def csrf_of(page: str) -> str:
    found = CSRF_INPUT.search(page)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/console/signin")
    return client.post(
        "/console/signin",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text)},
    )
