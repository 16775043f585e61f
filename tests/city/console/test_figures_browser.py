"""The overview in a real browser (Debian's chromium, Playwright) against the city under
uvicorn on PostgreSQL, after two markets' desks synced 14 months of demo activity:
its figures equal each desk's own report for the same month."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lingong_city.db import Database
from lingong_desk.domain.periods import Period
from tests.city.conftest import LiveServer
from tests.city.console.browser import SIZES, no_overflow, sign_in
from tests.city.console.support import add_staff
from tests.city.console.test_browser import browser  # noqa: F401  (the module's browser)
from tests.city.figures_support import NOW, TZ, demo_desk, desk_values, enrol_and_sync
from tests.city.helpers import HY, ZY, add_markets
from tests.factories import Services

OCTOBER = Period.month(2025, 10)
SHOTS = os.environ.get("LINGONG_SHOTS", "")  # a folder: screenshots of the pages go there


@pytest.fixture
def synced(
    pg_city: Database, server: LiveServer, tmp_path: Path
) -> Iterator[tuple[Database, LiveServer, list[Services]]]:
    add_markets(pg_city, TZ)  # a market without desks stands out
    desks = [demo_desk(tmp_path / m.code, m, seed=7 + 10 * i) for i, m in enumerate((ZY, HY))]
    for desk in desks:
        enrol_and_sync(pg_city, server.url, desk, f"{desk.ctx.market_code} 窗口1")
    add_staff(pg_city, "分析员", "analyst")
    yield pg_city, server, desks
    for desk in desks:
        desk.close()


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        for size, (w, h) in SIZES.items():
            page.set_viewport_size({"width": w, "height": h})
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{size}.png"), full_page=True)
            assert no_overflow(page), (name, size)
        page.set_viewport_size({"width": 1366, "height": 768})


def test_the_overview_shows_each_markets_own_figures(
    synced: tuple[Database, LiveServer, list[Services]],
    browser: Browser,  # noqa: F811
) -> None:
    _db, server, desks = synced
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, server.url, "分析员")
    page.goto(f"{server.url}/console/overview")
    page.get_by_label("统计期").fill(OCTOBER.key)
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#period-key")).to_have_text("2025-10")
    totals = {"hires": 0.0, "referrals_issued": 0.0}
    for desk in desks:
        mine = desk_values(desk, OCTOBER)
        row = page.locator(f"tr[data-market='{desk.ctx.market_code}']")
        for key in ("seekers_registered", "postings_published", "jobs_offered",
                    "referrals_issued", "intentions", "hires"):  # fmt: skip
            shown = row.locator(f"td[data-key='{key}']").inner_text()
            assert shown == f"{mine[key]:,.0f}", (desk.ctx.market_code, key)
        rate = mine["hire_rate"]
        assert row.locator("td[data-key='hire_rate']").inner_text() == (
            "—" if rate is None else f"{rate:.1%}"
        )
        totals = {k: v + (mine[k] or 0) for k, v in totals.items()}
    assert totals["hires"] > 0
    hires = page.locator(".figure[data-key='hires'] .value")
    assert hires.inner_text() == f"{totals['hires']:,.0f}"
    # the market without a desk stands out, with the reason
    tz = page.locator("tr[data-market='TZ']")
    expect(tz).to_have_class("attention")
    expect(tz).to_contain_text("未登记服务台")
    # the charts are drawn from the page's own data
    expect(page.locator("#trend-chart svg")).to_be_visible()
    expect(page.locator("#funnel-chart svg")).to_be_visible()
    _shot(page, "overview")
    # a bad period: a message by the field, what was typed kept
    page.get_by_label("统计期").fill("2025-13")
    page.get_by_role("button", name="查看").click()
    expect(page.get_by_role("alert")).to_contain_text("不是有效的统计期")
    expect(page.get_by_label("统计期")).to_have_value("2025-13")
    # a market's page shows its figures for the month
    page.goto(f"{server.url}/console/markets/ZY?period={OCTOBER.key}")
    figures = page.locator(".market-figures")
    expect(figures).to_contain_text("2025-10")
    _shot(page, "market")
    page.goto(f"{server.url}/console/reports")
    _shot(page, "reports")
    context.close()
    assert NOW.year == 2025


def test_an_analyst_enters_an_assessment_value_and_sees_the_score(
    pg_city: Database,
    server: LiveServer,
    browser: Browser,  # noqa: F811
) -> None:
    add_staff(pg_city, "分析员", "analyst")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, server.url, "分析员")
    page.goto(f"{server.url}/console/assessment/ZY?period=2025-10")
    area = page.locator("[data-area='planning']")
    expect(area).to_have_text("0.0")
    page.locator("select[name=indicator]").select_option(label="场地面积（平方米）")
    page.get_by_label("取值").fill("两百")
    page.get_by_label("说明").fill("2025 年 10 月现场核查")
    page.get_by_label("佐证链接或文号").fill("大人社函〔2025〕18 号")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("请输入不小于 0 的数字")
    expect(page.get_by_label("说明")).to_have_value("2025 年 10 月现场核查")  # nothing typed lost
    page.get_by_label("取值").fill("200")
    page.get_by_role("button", name="保存").click()
    row = page.locator("tr[data-key='site_area']")
    expect(row.locator(".points")).to_have_text("3.0 / 6")  # half of 400 m² of 6 points
    expect(area).to_have_text("3.0")
    expect(row).to_contain_text("大人社函〔2025〕18 号")
    _shot(page, "assessment-market")
    page.goto(f"{server.url}/console/assessment?period=2025-10")
    first = page.locator("#ranking tbody tr").first
    expect(first).to_have_attribute("data-market", "ZY")
    _shot(page, "assessment")
    context.close()
