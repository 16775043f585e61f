"""Desks with 14 months of demo activity, synced to a live city (helpers, no tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lingong_city import devices
from lingong_city.db import Database
from lingong_desk.domain import indicators as ind
from lingong_desk.domain.periods import Period
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.services.demo import fill_demo
from lingong_desk.services.demo_history import fill_history
from tests import factories
from tests.factories import HY, ZY, Services

TZ = MarketInfo("TZ", "天镇县零工市场", "140222", "0352-6022110", "天镇县玉泉镇")
MARKETS = (ZY, HY, TZ)
# the desks' clock: the demo fills the 14 months before it
NOW = dt.datetime(2025, 11, 20, 2, 0, tzinfo=dt.UTC)


def demo_desk(folder: Path, market: MarketInfo, seed: int, people: int = 120) -> Services:
    desk = factories.desk(folder, market)
    desk.ctx.now = lambda: NOW
    fill_demo(desk.ctx, people=people, employers=12, postings=12, seed=seed)
    fill_history(desk.ctx, seed=seed + 1)
    return desk


def enrol_and_sync(db: Database, url: str, desk: Services, name: str) -> None:
    """Enrol the desk with the city at ``url`` and sync until nothing is left to send."""
    with db.writing() as s:
        code = devices.new_enrollment_code(s, desk.ctx.market_code, dt.datetime.now(dt.UTC))
    desk.sync.enroll(url, str(code), name)
    sync_all(desk)


def sync_all(desk: Services) -> None:
    for _ in range(50):
        report = desk.sync.sync_once()
        assert report.ok, report.error
        if report.rejected:
            from sqlalchemy import select

            from lingong_desk.db.models import SyncRejection

            with desk.ctx.reading() as s:
                reasons = {(r.entity, r.reason) for r in s.scalars(select(SyncRejection))}
            raise AssertionError(f"the city refused some of the desk's changes: {reasons}")
        if not report.applied and not report.merged and not report.rejected and not report.pulled:
            return
    raise AssertionError("the desk kept finding more to sync")


def desk_values(desk: Services, period: Period) -> dict[str, float | None]:
    """Every indicator as the desk's own statistics count it."""
    activity = desk.statistics.activity(period)
    return {i.key: ind.figure(i.key, activity, period).value for i in ind.INDICATORS}
