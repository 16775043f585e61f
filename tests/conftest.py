"""Shared fixtures: a fresh temporary database per test, a signed-in clerk."""

from __future__ import annotations

import os

# offscreen; tests/test_screen_fit.py runs tests/screens_at_size.py with a screen
# of a given size ("offscreen:configfile=…"), which is kept
if not os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
# the city servers of the tests keep their signing key encrypted with this
os.environ.setdefault("LINGONG_CITY_KEY_PASSPHRASE", "passphrase of the test city")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import factories
from tests.factories import Services


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    """A desk of the market ZY with the supervisor 王芳 signed in."""
    s = factories.desk(tmp_path)
    yield s
    s.close()


@pytest.fixture
def today(services: Services) -> dt.date:
    return services.ctx.today()
