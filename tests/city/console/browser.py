"""Driving the console in Debian's chromium with Playwright (never a downloaded browser)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.city.console.support import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
SIZES = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


def sign_in(page: Page, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/console/signin")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()


def add_market(page: Page, base: str, code: str, name: str, region: str) -> None:
    page.goto(f"{base}/console/markets/new")
    page.get_by_label("市场代码").fill(code)
    page.get_by_label("市场名称").fill(name)
    page.get_by_label("行政区划代码").fill(region)
    page.get_by_label("地址").fill("县城人民路 1 号")
    page.get_by_label("电话").fill("0352-1234567")
    page.get_by_role("button", name="保存").click()


def make_code(page: Page, base: str, market_label: str) -> str:
    page.goto(f"{base}/console/desks")
    page.get_by_label("市场").select_option(label=market_label)
    page.get_by_role("button", name="生成登记码").click()
    code = page.locator("#enrolment-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){2,}", code), code
    return code


def no_overflow(page: Page) -> bool:
    """Nothing wider than the window (no sideways scrolling of the page)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
