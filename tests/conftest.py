"""Shared fixtures: a fresh temporary database per test, a signed-in clerk."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from stdnum.cn import ric

from lingong_desk.services.accounts import MarketInfo
from lingong_desk.services.registry import Services, open_services

MARKET = MarketInfo("ZY", "左云县零工市场", "140226", "0352-3022110", "左云县云兴镇新建路")


def make_id(prefix17: str) -> str:
    """A valid ID number from its first 17 digits."""
    return prefix17 + ric.calc_check_digit(prefix17 + "0")


def bad_check_digit(number: str) -> str:
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


# Real argon2id, with a small cost so that each test signs in quickly.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    s = open_services(tmp_path / "desk.sqlite3", hasher=FAST_HASHER)
    s.accounts.set_up(MARKET, "王芳", "secret1", "secret1")
    s.accounts.sign_in("王芳", "secret1")
    yield s
    s.close()


@pytest.fixture
def today(services: Services) -> dt.date:
    return services.ctx.today()
