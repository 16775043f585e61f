"""The console in a real browser (Debian's chromium, driven by Playwright), against the
city running for real under uvicorn on PostgreSQL, with desks syncing in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from lingong_city import __version__ as city_version
from lingong_city import devices
from lingong_city.db import Database
from lingong_city.models import Device, Market, StaffAudit
from lingong_desk import __version__ as desk_version
from lingong_desk.db.models import Person
from lingong_desk.services.accounts import MarketInfo
from lingong_desk.sync.settled import WRONG_ID_NOTE
from tests import factories
from tests.city.conftest import LiveServer
from tests.city.console.browser import CHROMIUM, add_market, make_code, sign_in, sign_out
from tests.city.console.support import Clock, add_staff
from tests.city.helpers import enrollment_code
from tests.factories import Services

YG = MarketInfo("YG", "阳高县零工市场", "140221", "0352-6622110", "阳高县龙泉镇")
ZHANG = "14022619800301123"  # first 17 digits of a resident ID number
LI = "14022619850402234"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[list[Services]]:
    opened: list[Services] = []
    yield opened
    for d in opened:
        d.close()


def open_desk(desks: list[Services], folder: Path, market: MarketInfo) -> Services:
    desk = factories.desk(folder, market)
    desks.append(desk)
    return desk


def test_an_admin_adds_a_market_whose_desk_enrols_syncs_and_is_revoked(
    server: LiveServer, pg_city: Database, page: Page, desks: list[Services], tmp_path: Path
) -> None:
    add_staff(pg_city, "admin1", "admin")
    base = server.url
    sign_in(page, base, "admin1")
    expect(page).to_have_url(f"{base}/console/overview")
    expect(page.get_by_role("heading", name="概览")).to_be_visible()

    add_market(page, base, "YG", YG.name, "999999")  # not a region of GB/T 2260
    expect(page.get_by_text("这不是 GB/T 2260 中的行政区划代码。")).to_be_visible()
    expect(page.get_by_label("市场名称")).to_have_value(YG.name)  # nothing typed is lost
    with pg_city.reading() as s:
        assert s.get(Market, "YG") is None
    page.get_by_label("行政区划代码").fill(YG.region_code)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name=f"{YG.name} YG")).to_be_visible()
    expect(page.get_by_text("山西省大同市阳高县")).to_be_visible()

    code = make_code(page, base, f"{YG.name} (YG)")
    expect(page.locator(".qr svg")).to_be_visible()
    token = page.locator("form[action$='/desks/codes/sheet'] input[name=csrf_token]")
    sheet = page.request.post(
        f"{base}/console/desks/codes/sheet",
        form={"csrf_token": token.get_attribute("value") or "", "code": code},
    )
    assert sheet.status == 200 and sheet.body().startswith(b"%PDF")

    desk = open_desk(desks, tmp_path / "yg", YG)
    factories.person(desk, ZHANG, "张三")
    desk.sync.enroll(base, code, "阳高窗口1")
    assert desk.sync.sync_once().ok
    page.goto(f"{base}/console/desks")
    row = page.locator("tr", has_text="阳高窗口1")
    expect(row).to_contain_text(desk_version)
    expect(row.locator("td").nth(5)).to_have_text("0")  # nothing waits to be sent
    expect(row).to_contain_text("正常")

    row.get_by_label("理由").fill("电脑报废")
    row.get_by_role("button", name="吊销").click()
    expect(page.locator("tr", has_text="阳高窗口1")).to_contain_text("已吊销")
    report = desk.sync.sync_once()
    assert report.error is not None and report.error.kind == "auth"
    assert report.error.status == 403 and "revoked" in report.error.detail
    assert "电脑报废" in report.error.detail

    page.goto(f"{base}/console/audit?action=desk_revoke")
    expect(page.locator("table.audit tbody tr")).to_have_count(1)
    expect(page.locator("table.audit")).to_contain_text("终端已吊销")
    assert city_version  # the city's version is what the health check says


def test_a_conflict_settled_in_the_console_clears_the_desks_attention(
    server: LiveServer, pg_city: Database, page: Page, desks: list[Services], tmp_path: Path
) -> None:
    add_staff(pg_city, "admin1", "admin")
    base = server.url
    zy = open_desk(desks, tmp_path / "zy", factories.ZY)
    hy = open_desk(desks, tmp_path / "hy", factories.HY)
    zy.sync.enroll(base, enrollment_code(pg_city, "ZY"), "左云窗口1")
    hy.sync.enroll(base, enrollment_code(pg_city, "HY"), "浑源窗口1")
    zhang = factories.person(zy, ZHANG, "张三").id
    factories.person(zy, LI, "李四")
    assert zy.sync.sync_once().ok
    factories.person(hy, ZHANG, "张叁")  # the same ID number under another name
    factories.person(hy, LI, "李思")
    assert hy.sync.sync_once().ok
    # each registration refused, and each wanted job type of it (no registration here)
    assert sorted(i.entity for i in hy.sync.attention_items()) == [
        "person",
        "person",
        "person_occupation",
        "person_occupation",
    ]

    sign_in(page, base, "admin1")
    page.goto(f"{base}/console/desks")
    expect(page.locator("tr", has_text="浑源窗口1").locator(".attention-count")).to_contain_text(
        "4"
    )
    page.get_by_role("link", name="冲突").click()
    rows = page.locator("table.conflicts tbody tr")
    expect(rows).to_have_count(2)
    zhang_row = rows.filter(has_text="张叁")
    expect(zhang_row).to_contain_text("张三")
    expect(zhang_row).to_contain_text("140226********1234"[:6])  # the ID number is masked
    assert "1402261980030112" not in page.content()
    zhang_row.get_by_role("button", name="市级记录正确").click()
    expect(rows).to_have_count(1)
    rows.filter(has_text="李思").get_by_role("button", name="身份证号有误：由登记市场更正").click()
    expect(page.get_by_text("没有待处理的冲突。")).to_be_visible()

    assert hy.sync.sync_once().ok
    items = hy.sync.attention_items()
    assert [i.reason for i in items] == [WRONG_ID_NOTE]  # the name item cleared
    with hy.ctx.reading() as s:
        person = s.get(Person, zhang)
        assert person is not None and person.name == "张三"  # the city's value
    assert hy.sync.sync_once().ok  # says what is left: the note to correct the ID number
    page.goto(f"{base}/console/desks")
    expect(page.locator("tr", has_text="浑源窗口1").locator(".attention-count")).to_have_text("1")
    assert zy.sync.sync_once().ok and zy.sync.status().attention == 0

    # the look-up of a person asks why, and the access record keeps it
    page.get_by_role("link", name="人员查询").click()
    page.get_by_label("身份证号").fill(factories.resident_id(ZHANG))
    page.get_by_label("理由").fill("查")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("请说明查询此人的理由")).to_be_visible()
    with pg_city.reading() as s:  # no reason, no look-up
        assert devices.person_lookups(s, factories.resident_id(ZHANG)) == []
    page.get_by_label("理由").fill("本人来电核实登记情况")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name="张三")).to_be_visible()
    expect(page.locator("table")).to_contain_text("浑源县零工市场 (HY)")
    expect(page.locator("table")).to_contain_text("左云县零工市场 (ZY)")
    with pg_city.reading() as s:
        [looked] = devices.person_lookups(s, factories.resident_id(ZHANG))
        assert looked.user_name == "admin1" and looked.reason == "本人来电核实登记情况"


def test_a_viewer_sees_the_desks_but_cannot_revoke_one(
    server: LiveServer, pg_city: Database, page: Page, desks: list[Services], tmp_path: Path
) -> None:
    add_staff(pg_city, "viewer1", "viewer")
    desk = open_desk(desks, tmp_path / "zy", factories.ZY)
    desk.sync.enroll(server.url, enrollment_code(pg_city, "ZY"), "左云窗口1")
    sign_in(page, server.url, "viewer1")
    page.goto(f"{server.url}/console/desks")
    row = page.locator("tr", has_text="左云窗口1")
    expect(row).to_be_visible()
    expect(page.get_by_role("button", name="吊销")).to_have_count(0)
    expect(page.get_by_role("button", name="生成登记码")).to_have_count(0)
    expect(page.get_by_role("link", name="用户")).to_have_count(0)
    expect(page.get_by_role("link", name="冲突")).to_have_count(0)

    device_id = desk.sync.state().device_id
    token = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    refused = page.request.post(
        f"{server.url}/console/desks/{device_id}/revoke",
        form={"csrf_token": token, "reason": "试试"},
    )
    assert refused.status == 403 and "您的角色无权" in refused.text()
    with pg_city.reading() as s:
        assert not s.scalars(select(Device.revoked)).one()
    page.goto(f"{server.url}/console/users")
    expect(page.get_by_text("您的角色无权打开此页面或进行此操作。")).to_be_visible()
    assert desk.sync.sync_once().ok


def test_a_form_without_its_csrf_token_is_refused(
    server: LiveServer, pg_city: Database, page: Page
) -> None:
    add_staff(pg_city, "admin1", "admin")
    sign_in(page, server.url, "admin1")
    page.goto(f"{server.url}/console/markets/new")
    page.get_by_label("市场代码").fill("YG")
    page.get_by_label("市场名称").fill(YG.name)
    page.get_by_label("行政区划代码").fill(YG.region_code)
    page.locator("form[action$='/markets/new'] input[name=csrf_token]").evaluate("e => e.remove()")
    with page.expect_response(f"{server.url}/console/markets/new") as answer:
        page.get_by_role("button", name="保存").click()
    assert answer.value.status == 403
    expect(page.get_by_text("此表单已过期或并非来自本管理台")).to_be_visible()
    with pg_city.reading() as s:
        assert s.get(Market, "YG") is None
    # another session's token is no better
    with httpx.Client(base_url=server.url) as other:
        other_page = other.get("/console/signin")
        assert other_page.status_code == 200
        stolen = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
        cross = other.post("/console/signin", data={"csrf_token": stolen, "name": "admin1"})
        assert cross.status_code == 403


def test_sign_in_locks_after_failures_and_an_idle_session_ends(
    server: LiveServer, pg_city: Database, page: Page, clock: Clock
) -> None:
    add_staff(pg_city, "admin1", "admin")
    for _ in range(4):
        sign_in(page, server.url, "admin1", "wrong password")
        expect(page.get_by_text("用户名或密码错误。")).to_be_visible()
    sign_in(page, server.url, "admin1", "wrong password")
    expect(page.get_by_text("登录失败次数过多，登录已锁定 15 分钟。")).to_be_visible()
    sign_in(page, server.url, "admin1")  # the right password waits too
    expect(page.get_by_text("登录已锁定")).to_be_visible()
    expect(page.get_by_label("用户名")).to_have_value("admin1")
    clock.advance(minutes=15, seconds=1)
    sign_in(page, server.url, "admin1")
    expect(page.get_by_role("heading", name="概览")).to_be_visible()

    clock.advance(minutes=29)
    page.goto(f"{server.url}/console/markets")
    expect(page.get_by_role("heading", name="市场")).to_be_visible()  # still signed in
    clock.advance(minutes=31)
    page.goto(f"{server.url}/console/markets")
    expect(page.get_by_text("长时间未操作，已自动退出。请重新登录。")).to_be_visible()
    with pg_city.reading() as s:
        actions = list(s.scalars(select(StaffAudit.action).order_by(StaffAudit.id)))
    # five failures, the lock they caused, the attempt refused while locked
    assert actions.count("sign_in_failed") == 5 and actions.count("sign_in_locked") == 2


def test_users_are_added_changed_and_disabled_and_it_is_audited(
    server: LiveServer, pg_city: Database, page: Page
) -> None:
    add_staff(pg_city, "admin1", "admin")
    sign_in(page, server.url, "admin1")
    page.get_by_role("link", name="用户").click()
    form = page.locator("form", has=page.get_by_role("button", name="添加", exact=True))
    form.get_by_label("用户名").fill("分析员甲")
    form.get_by_label("角色").select_option(label="分析员")
    form.get_by_label("密码").fill("short")
    form.evaluate("f => f.noValidate = true")
    form.get_by_role("button", name="添加", exact=True).click()
    expect(page.get_by_text("密码长度为 10 至 200 个字符。")).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="添加", exact=True))
    form.get_by_label("用户名").fill("分析员甲")
    form.get_by_label("角色").select_option(label="分析员")
    form.get_by_label("密码").fill("a long enough password")
    form.get_by_role("button", name="添加", exact=True).click()
    row = page.locator("tr[data-user='分析员甲']")
    expect(row).to_contain_text("分析员")
    row.get_by_label("角色").select_option(label="查看员")
    row.get_by_role("button", name="修改角色").click()
    expect(page.locator("tr[data-user='分析员甲']")).to_contain_text("查看员")
    page.locator("tr[data-user='分析员甲']").get_by_role("button", name="停用").click()
    expect(page.locator("tr[data-user='分析员甲']")).to_contain_text("已停用")
    sign_out(page)
    sign_in(page, server.url, "分析员甲", "a long enough password")
    expect(page.get_by_text("用户名或密码错误。")).to_be_visible()  # disabled

    sign_in(page, server.url, "admin1")
    page.goto(f"{server.url}/console/audit")
    page.locator("select[name=action]").select_option(label="已修改角色")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("table.audit tbody tr")).to_have_count(1)
    expect(page.locator("table.audit")).to_contain_text("before: analyst")
    expect(page.locator("table.audit")).to_contain_text("127.0.0.1")
