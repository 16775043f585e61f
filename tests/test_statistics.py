"""A market's statistics, against figures counted by hand.

Two markets (左云 ZY and 浑源 HY) work from August to October 2025 (and one
registration in October 2024, for the year-before comparison) and sync
through the real city server. The activity holds every case the definitions
must get right: a slip voided as a mistake, a slip that expires, a hire on
the other market's posting, a person registered at both markets, a hire
straight from the slip, a file lent and returned late, a status changed by
hand. Each figure, comparison, breakdown and drill-down below was counted
from the story in ``market``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from lingong_city import devices
from lingong_desk.db.models import AuditEvent
from lingong_desk.domain.calendar import CHINA
from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.domain.masking import mask_id_number
from lingong_desk.domain.periods import Period
from lingong_desk.services import samples
from lingong_desk.services.guidance import GuidanceDraft
from lingong_desk.services.information import ConsultationDraft
from lingong_desk.services.registry import Services
from lingong_desk.services.statistics import INDICATOR_KEYS, ReportData
from lingong_desk.ui import report_command
from tests import factories
from tests.test_sync_convergence import City, sync_until_quiet

ROOT = Path(__file__).resolve().parent.parent
AUG, SEP, OCT = (Period.month(2025, m) for m in (8, 9, 10))
OCT_2024 = Period.month(2024, 10)


def english(_context: str, text: str) -> str:
    return text


def at(desk: Services, when: str) -> None:
    """From now on the desk's clock says ``when`` (China time)."""
    moment = dt.datetime.fromisoformat(when).replace(tzinfo=CHINA)
    desk.ctx.now = lambda: moment


def seeker(desk: Services, name: str, born: str, sex: str, order: int, **fields: Any) -> uuid.UUID:
    number = samples.resident_id("140226", dt.date.fromisoformat(born), order, sex)
    fields.setdefault("phone", f"138{order:08d}")
    return factories.person(desk, name=name, id_number=number, **fields).id


@dataclass
class Market:
    zy: Services
    hy: Services
    ids: dict[str, uuid.UUID]
    clerks: dict[str, uuid.UUID]

    def report(self, period: Period, desk: Services | None = None) -> ReportData:
        return (desk or self.zy).statistics.report(period, english)

    def values(self, period: Period, desk: Services | None = None) -> dict[str, float | None]:
        return {f.key: f.value for f in self.report(period, desk).figures}


def enrol(city: City, desk: Services, market: str) -> None:
    with city.db.writing() as session:
        code = devices.new_enrollment_code(session, market, dt.datetime.now(dt.UTC))
    desk.sync.enroll(city.url, str(code), f"{market}-1")


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Market]:
    folder = tmp_path_factory.mktemp("stats")
    city = City(f"sqlite:///{folder / 'city.sqlite3'}").start()
    with city.db.writing() as s:
        for m in (factories.ZY, factories.HY):
            devices.add_market(s, m.code, m.name, dt.datetime.now(dt.UTC), m.region_code, m.phone)
    zy = factories.desk(folder / "zy")
    hy = factories.desk(folder / "hy", factories.HY, clerk="赵敏")
    ids: dict[str, uuid.UUID] = {}
    try:
        enrol(city, zy, "ZY")
        enrol(city, hy, "HY")
        wang = zy.ctx.clerk_id
        assert wang is not None
        li = factories.clerk(zy, "李娜").id

        def as_clerk(name: str) -> None:
            zy.accounts.sign_in(name, factories.PASSWORD)

        # a year before: one registration in October 2024
        at(zy, "2024-10-10 09:00")
        ids["p0"] = seeker(zy, "张三", "1980-03-01", "M", 30)

        # August 2025
        at(zy, "2025-08-05 09:00")
        ids["a"] = seeker(
            zy, "王秀英", "1983-05-01", "F", 11, category="rural_migrant",
            address="左云县云兴镇新建路1号", work_form="day",
        )  # fmt: skip
        as_clerk("李娜")
        at(zy, "2025-08-06 09:30")
        ids["b"] = seeker(zy, "李强", "1990-06-15", "M", 12, address="左云县店湾镇店湾村")
        as_clerk(factories.CLERK)
        ids["p1"] = factories.posting(zy).id  # 2 cleaners, day work, of a new employer
        at(zy, "2025-08-20 10:00")
        ids["r1"] = zy.referrals.issue(ids["a"], ids["p1"]).id
        at(zy, "2025-08-22 10:00")
        zy.referrals.record(ids["r1"], ReferralStatus.INTENTION)
        at(zy, "2025-08-25 10:00")
        mistake = zy.referrals.issue(ids["b"], ids["p1"]).id
        zy.referrals.record(mistake, ReferralStatus.VOID, "开错了")
        ids["r2"] = zy.referrals.issue(ids["b"], ids["p1"]).id  # never answered: expires

        # HY registers 周敏 in August and publishes a posting on 1 September
        at(hy, "2025-08-28 09:00")
        zhou = samples.resident_id("140226", dt.date(1975, 2, 2), 14, "F")
        ids["d"] = factories.person(
            hy, name="周敏", id_number=zhou, phone="13900000014", address="左云县三屯乡三屯村"
        ).id
        at(hy, "2025-09-01 09:00")
        hy_job = factories.posting(
            hy, None, title="酒店厨师", occupation_code="4-03-02-01", work_form="long",
            headcount=3, pay_unit="month", pay_min=4000,
        )  # fmt: skip
        ids["ph"] = hy_job.id
        sync_until_quiet({"ZY": zy, "HY": hy})

        # September 2025
        at(zy, "2025-09-02 11:00")
        zy.referrals.record(ids["r1"], ReferralStatus.HIRED)
        at(zy, "2025-09-10 08:30")
        assert zy.referrals.expire_overdue() == 1  # r2, valid until 5 September
        as_clerk("李娜")
        ids["c"] = seeker(
            zy, "赵桂兰", "1960-01-01", "F", 13, category="urban_unemployed",
            hardships=["low_income"], address="左云县管家堡乡石井村",
        )  # fmt: skip
        at(zy, "2025-09-11 10:00")
        ids["r3"] = zy.referrals.issue(ids["c"], ids["ph"]).id  # to HY's posting
        as_clerk(factories.CLERK)
        at(zy, "2025-09-12 09:00")
        again = factories.person(
            zy, name="周敏", id_number=zhou, phone="13900000014", address="左云县三屯乡三屯村"
        )
        assert again.id == ids["d"]  # the same row as HY's: UUIDv5 of the ID number
        at(zy, "2025-09-15 15:00")
        zy.referrals.record(ids["r3"], ReferralStatus.HIRED)  # straight from the slip
        at(zy, "2025-09-20 09:00")
        ids["f1"] = zy.personnel.receive(ids["a"], "原单位", ["履历表"], "A1-01").id
        at(zy, "2025-09-22 09:00")
        zy.personnel.lend(ids["f1"], "县人社局", dt.date(2025, 9, 30))
        at(zy, "2025-09-25 09:00")
        ids["g1"] = factories_guidance(zy, ids["b"], "training", dt.date(2025, 10, 5))
        ids["q1"] = factories_consultation(zy)
        sync_until_quiet({"ZY": zy, "HY": hy})

        # October 2025
        at(zy, "2025-10-03 10:00")
        zy.personnel.return_file(ids["f1"])
        at(zy, "2025-10-05 10:00")
        zy.guidance.mark_followed_up(ids["g1"], "已回访")
        at(zy, "2025-10-06 10:00")
        ids["r5"] = zy.referrals.issue(ids["b"], ids["p1"]).id
        at(zy, "2025-10-08 10:00")
        b = zy.people.detail(ids["b"])
        assert b is not None
        zy.people.save(dataclasses.replace(b.draft, status="paused"))
        at(zy, "2025-10-09 10:00")
        zy.referrals.record(ids["r5"], ReferralStatus.NO_SHOW)
        as_clerk("李娜")
        at(zy, "2025-10-10 10:00")
        p1 = zy.employers.posting_detail(ids["p1"])
        assert p1 is not None
        ids["p2"] = factories.posting(
            zy, uuid.UUID(p1.draft.employer_id), title="食堂厨师", occupation_code="4-03-02-01",
            work_form="long", headcount=5, pay_unit="month", pay_min=3500,
        ).id  # fmt: skip
        at(zy, "2025-10-12 10:00")
        ids["e"] = seeker(zy, "刘建国", "1970-07-07", "M", 15, address="左云县云兴镇和谐家园")
        at(zy, "2025-10-15 10:00")
        ids["r4"] = zy.referrals.issue(ids["e"], ids["p2"]).id
        at(zy, "2025-10-18 10:00")
        zy.referrals.record(ids["r4"], ReferralStatus.NOT_HIRED, "技能不符")
        at(zy, "2025-10-20 10:00")
        zy.employers.close_posting(ids["p2"])
        as_clerk(factories.CLERK)
        at(zy, "2025-11-02 10:00")
        sync_until_quiet({"ZY": zy, "HY": hy})
        yield Market(zy, hy, ids, {"王芳": wang, "李娜": li})
    finally:
        zy.close()
        hy.close()
        city.stop()


def factories_guidance(desk: Services, person: uuid.UUID, kind: str, follow: dt.date) -> uuid.UUID:
    draft = GuidanceDraft(person, kind, notes="推荐参加家政培训", follow_up_on=follow)
    return desk.guidance.record(draft).id


def factories_consultation(desk: Services) -> uuid.UUID:
    return desk.information.log(ConsultationDraft(channel="phone", topic="招聘信息")).id


def test_the_story_ran(market: Market) -> None:
    assert len(market.ids) > 10


def figures(market: Market, period: Period, desk: Services | None = None) -> dict[str, float]:
    """The non-zero figures (a rate with nothing to divide by left out)."""
    return {k: v for k, v in market.values(period, desk).items() if v}


def test_every_indicator_of_each_month_as_counted_by_hand(market: Market) -> None:
    assert figures(market, OCT_2024) == {"seekers_registered": 1, "seekers_seeking": 1}
    assert figures(market, AUG) == {
        "seekers_registered": 2,  # 王秀英, 李强
        "seekers_seeking": 3,  # and 张三 of 2024
        "employers_registered": 1,
        "postings_published": 1,
        "jobs_offered": 2,
        "postings_open_end": 1,
        "referrals_issued": 2,  # r1 and r2; the slip voided as a mistake is not counted
        "intentions": 1,  # r1
    }
    assert market.values(AUG)["hire_rate"] == 0.0
    assert figures(market, SEP) == {
        "seekers_registered": 2,  # 赵桂兰, and 周敏 whom HY registered first
        "seekers_seeking": 3,  # 张三, 李强, 周敏 (王秀英 and 赵桂兰 were hired)
        "postings_open_end": 1,
        "referrals_issued": 1,  # r3, to HY's posting
        "intentions": 1,  # r3 hired straight from the slip passes through intention
        "hires": 2,  # r1 (intention in August) and r3 (on HY's posting)
        "hire_rate": 2.0,  # hires of the month over slips of the month
        "day_work_hires": 1,  # r1: the cleaners are day work; HY's cook is long term
        "hardship_hires": 1,  # 赵桂兰 (minimum living allowance)
        "older_worker_hires": 2,  # a woman of 42 and a woman of 65
        "files_received": 1,
        "files_in_custody_end": 1,
        "files_overdue_end": 1,  # lent, due on 30 September, back on 3 October
        "guidance_sessions": 1,
        "training_referrals": 1,
        "consultations": 1,
    }
    assert figures(market, OCT) == {
        "seekers_registered": 1,  # 刘建国
        "seekers_seeking": 3,  # 张三, 周敏, 刘建国 (李强 stopped seeking on 8 October)
        "postings_published": 1,
        "jobs_offered": 5,
        "postings_open_end": 1,  # the cleaners; the cooks closed on 20 October
        "referrals_issued": 2,  # r4, r5
        "not_hired": 1,
        "no_shows": 1,
        "files_in_custody_end": 1,
        "follow_ups_done": 1,
    }


def test_the_other_market_counts_its_own_registration(market: Market) -> None:
    # HY registered 周敏 in August; ZY's later registration merged into the same row
    # (its registered_at now says September), yet HY's August keeps its registration
    row = market.hy.people.detail(market.ids["d"])
    assert row is not None and row.market_code == "HY"
    assert figures(market, AUG, market.hy) == {"seekers_registered": 1, "seekers_seeking": 1}
    assert figures(market, SEP, market.hy) == {
        "seekers_seeking": 1,
        "employers_registered": 1,
        "postings_published": 1,
        "jobs_offered": 3,
        "postings_open_end": 1,
    }  # ZY's hire on HY's posting is ZY's figure, not HY's


def test_comparisons_with_the_previous_period_and_a_year_before(market: Market) -> None:
    report = market.report(OCT)
    registered = report.figure("seekers_registered")
    assert (registered.value, registered.previous, registered.year_before) == (1, 2, 1)
    hires = report.figure("hires")
    assert (hires.value, hires.previous, hires.year_before) == (0, 2, 0)
    rate = report.figure("hire_rate")
    assert (rate.value, rate.previous, rate.year_before) == (0.0, 2.0, None)
    assert report.previous_label == "9/2025" and report.year_before_label == "10/2024"
    quarter = market.values(Period.quarter(2025, 3))
    assert quarter["referrals_issued"] == 3 and quarter["hires"] == 2
    assert quarter["seekers_registered"] == 4
    assert market.values(Period.range(dt.date(2025, 8, 20), dt.date(2025, 9, 2)))["hires"] == 1


def test_funnel_and_trend(market: Market) -> None:
    report = market.report(OCT)
    assert [s.values for s in market.report(SEP).funnel] == [(2,), (1,), (1,), (2,)]
    assert report.trend_months[0] == "2024-11" and report.trend_months[-1] == "2025-10"
    series = {s.key: s.values for s in report.trend}
    assert series["seekers_registered"] == (0,) * 9 + (2, 2, 1)
    assert series["referrals_issued"] == (0,) * 9 + (2, 1, 2)
    assert series["intentions"] == (0,) * 9 + (1, 1, 0)
    assert series["hires"] == (0,) * 9 + (0, 2, 0)
    # the referral window's funnel counts the same way
    funnel = market.zy.referrals.funnel(AUG.first, AUG.last)
    assert (funnel.referrals, funnel.intentions, funnel.hires) == (2, 1, 0)


def table(report: ReportData, key: str) -> dict[str, tuple[float, ...]]:
    found = next(t for t in report.tables if t.key == key)
    return {row.key: row.values for row in found.rows}


def test_breakdowns_of_september(market: Market) -> None:
    report = market.report(SEP)
    # columns: registered, referrals, intentions, hires
    assert table(report, "sex") == {"F": (2, 1, 1, 2)}
    assert table(report, "age_band") == {
        "40-49": (0, 0, 0, 1),  # 王秀英, 42 when hired
        "50-59": (1, 0, 0, 0),  # 周敏
        "60+": (1, 1, 1, 1),  # 赵桂兰
    }
    assert list(table(report, "age_band")) == ["40-49", "50-59", "60+"]  # in age order
    assert table(report, "township") == {
        "管家堡乡": (1, 1, 1, 1),
        "三屯乡": (1, 0, 0, 0),
        "云兴镇": (0, 0, 0, 1),
    }
    assert table(report, "category") == {
        "rural_migrant": (0, 0, 0, 1),
        "urban_unemployed": (1, 1, 1, 1),
        "": (1, 0, 0, 0),
    }
    # registered, postings, jobs, referrals, intentions, hires
    assert table(report, "work_form") == {
        "day": (0, 0, 0, 0, 0, 1),
        "long": (0, 0, 0, 1, 1, 1),
        "": (2, 0, 0, 0, 0, 0),
    }
    assert table(report, "occupation") == {
        "4-09-08-01": (2, 0, 0, 0, 0, 1),
        "4-03-02-01": (0, 0, 0, 1, 1, 1),
    }
    assert table(report, "occupation_group") == {
        "4-09-08": (2, 0, 0, 0, 0, 1),
        "4-03-02": (0, 0, 0, 1, 1, 1),
    }
    wang, li = (market.clerks[n].hex for n in ("王芳", "李娜"))
    # registered, employers, postings, referrals, intentions, hires, files, guidance, enquiries
    assert table(report, "clerk") == {
        wang: (1, 0, 0, 0, 1, 2, 1, 1, 1),
        li: (1, 0, 0, 1, 0, 0, 0, 0, 0),
    }
    clerks = next(t for t in report.tables if t.key == "clerk")
    assert {r.label for r in clerks.rows} == {"王芳", "李娜"}
    for t in report.tables:  # every table adds up to its total
        assert t.total == tuple(map(sum, zip(*(r.values for r in t.rows), strict=True)))
    assert [r.key for r in report.top_jobs.rows] == ["4-03-02-01", "4-09-08-01"]


def test_the_rows_behind_each_figure(market: Market) -> None:
    ids, stats = market.ids, market.zy.statistics
    assert set(stats.rows_behind(AUG, "referrals_issued").ids) == {ids["r1"], ids["r2"]}
    assert set(stats.rows_behind(SEP, "hires").ids) == {ids["r1"], ids["r3"]}
    assert set(stats.rows_behind(SEP, "seekers_registered").ids) == {ids["c"], ids["d"]}
    assert set(stats.rows_behind(SEP, "seekers_seeking").ids) == {ids["p0"], ids["b"], ids["d"]}
    assert stats.rows_behind(SEP, "files_overdue_end").ids == (ids["f1"],)
    assert stats.rows_behind(OCT, "postings_open_end").ids == (ids["p1"],)
    cell = stats.rows_behind(SEP, "hires", dimension="age_band", value="60+")
    assert (cell.entity, cell.ids) == ("referral", (ids["r3"],))
    rows = market.zy.lists.rows("referral", cell.ids, english)
    number = samples.resident_id("140226", dt.date(1960, 1, 1), 13, "F")
    assert rows[0].cells[1] == "赵桂兰" and rows[0].cells[2] == mask_id_number(number)
    assert number not in str(rows)
    assert rows[0].cells[5] == "Hired"


def test_a_clerk_sees_their_own_work(market: Market) -> None:
    zy = market.zy
    zy.accounts.sign_in("李娜", factories.PASSWORD)
    try:
        assert [s.clerk_id for s in zy.statistics.scopes(english)] == [market.clerks["李娜"]]
        assert figures(market, AUG) == {"seekers_registered": 1, "seekers_seeking": 1}
        assert figures(market, SEP) == {
            "seekers_registered": 1,  # 赵桂兰
            "referrals_issued": 1,  # r3
            "seekers_seeking": 1,  # 李强 (赵桂兰 was hired)
        }
        assert figures(market, OCT)["not_hired"] == 1
        # asking for another clerk's work, or the whole market, still gives their own
        other = zy.statistics.report(SEP, english, market.clerks["王芳"])
        assert other.figure("hires").value == 0 and other.scope == "Work of 李娜"
    finally:
        zy.accounts.sign_in(factories.CLERK, factories.PASSWORD)
    scopes = zy.statistics.scopes(english)
    assert [s.clerk_id for s in scopes] == [None, market.clerks["王芳"], market.clerks["李娜"]]
    assert market.values(SEP)["hires"] == 2
    assert zy.statistics.report(SEP, english, market.clerks["李娜"]).figure("hires").value == 0


# ---- the monthly report: PDF, workbook, and the command without a window -------------
@pytest.fixture(scope="module")
def chinese() -> Any:
    from PySide6.QtCore import QCoreApplication

    from lingong_desk.ui.launch import make_app

    make_app("zh_CN")
    return QCoreApplication.translate


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_monthly_report_pdf(market: Market, chinese: Any, tmp_path: Path) -> None:
    stats = market.zy.statistics
    report = stats.report(SEP, chinese)
    job = stats.render_report(report, chinese)
    assert job.pdf.startswith(b"%PDF") and job.kind == "stats_report" and job.number == "2025-09"
    assert stats.render_report(report, chinese).pdf == job.pdf  # the same bytes again
    text = pdf_text(job.pdf, tmp_path)
    squeezed = " ".join(text.split())
    assert "左云县零工市场月度统计报表" in squeezed
    assert "统计期：2025年9月（2025-09-01至2025-09-30）" in squeezed
    assert "对比上期（2025年8月）和去年同期（2024年9月）" in squeezed
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "求职登记人数 2 2 +0.0% 0 —" in lines
    assert "最终达成就业人次 2 0 — 0 —" in lines
    assert "介绍成功率 200.0% 0.0% +200.0 个百分点 — —" in lines
    assert "期末借阅逾期档案数 1 0 — 0 —" in lines
    for heading in (
        "职业介绍漏斗",
        "近12个月走势",
        "热门工种",
        "按年龄段统计",
        "按经办人统计",
        "指标说明",
    ):
        assert heading in squeezed
    assert "管家堡乡" in squeezed and "60岁及以上" in squeezed
    assert "制表人：王芳" in squeezed
    pages = int(squeezed.split("第1页 共")[1].split("页")[0])
    assert pages >= 3 and f"第{pages}页 共{pages}页" in squeezed


def test_the_monthly_report_workbook(market: Market, chinese: Any, tmp_path: Path) -> None:
    stats = market.zy.statistics
    path = stats.save_workbook(stats.report(SEP, chinese), chinese, tmp_path / "sep.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "指标"
    assert book.sheetnames[1:] == [
        "职业小类", "工种", "性别", "年龄段", "人员类别", "居住乡镇", "用工形式", "经办人", "走势",
    ]  # fmt: skip
    sheet = book["指标"]
    assert sheet.freeze_panes == "A2"
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert [c.value for c in sheet[1]][:5] == ["指标代码", "指标", "本期", "上期", "去年同期"]
    assert rows["seekers_registered"][1:5] == ("求职登记人数", 2, 2, 0)
    assert rows["hires"][1:5] == ("最终达成就业人次", 2, 0, 0)
    assert rows["hire_rate"][2:5] == (2.0, 0.0, None)
    rate_row = next(c.row for c in sheet["A"] if c.value == "hire_rate")
    assert sheet.cell(rate_row, 3).number_format == "0.0%"
    assert all(isinstance(rows[k][2], int) for k in rows if k != "hire_rate")
    assert list(rows) == list(INDICATOR_KEYS)
    assert sheet.column_dimensions["B"].width >= 16
    ages = book["年龄段"]
    assert [c.value for c in ages[1]] == [
        "年龄段",
        "求职登记人数",
        "职业介绍人次",
        "初步达成意向人次",
        "最终达成就业人次",
    ]
    assert [tuple(r) for r in ages.iter_rows(min_row=2, values_only=True)] == [
        ("40–49岁", 0, 0, 0, 1), ("50–59岁", 1, 0, 0, 0), ("60岁及以上", 1, 1, 1, 1), ("合计", 2, 1, 1, 2),
    ]  # fmt: skip
    assert book["年龄段"].freeze_panes == "A2"
    trend = list(book["走势"].iter_rows(min_row=2, values_only=True))
    assert trend[-1] == ("2025-09", 2, 1, 1, 2) and len(trend) == 12


def test_the_report_command_writes_both_files(market: Market, tmp_path: Path) -> None:
    folder = market.zy.ctx.db.path.parent
    done = subprocess.run(
        [sys.executable, "-m", "lingong_desk", "report", "--month", "2025-09",
         "--out", str(tmp_path / "out"), "--data-dir", str(folder), "--prepared-by", "月末任务"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pdf, xlsx = tmp_path / "out" / "ZY-2025-09.pdf", tmp_path / "out" / "ZY-2025-09.xlsx"
    assert done.stdout.split() == [str(pdf), str(xlsx)]
    text = " ".join(pdf_text(pdf.read_bytes(), tmp_path).split())
    assert "左云县零工市场月度统计报表" in text and "制表人：月末任务" in text
    assert openpyxl.load_workbook(xlsx)["指标"]["C2"].value == 2
    ranged = subprocess.run(
        [sys.executable, "-m", "lingong_desk", "report", "--from", "2025-08-01", "--to",
         "2025-10-31", "--out", str(tmp_path / "q"), "--data-dir", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ranged.returncode == 0, ranged.stderr
    assert (tmp_path / "q" / "ZY-2025-08-01_2025-10-31.xlsx").is_file()
    with market.zy.ctx.reading() as s:
        actions = set(
            s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("stats_report%")))
        )
    assert actions == {"stats_report.export"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2025-13"], "not a period"),
        (["--month", "2025-Q3"], "--month takes YYYY-MM"),
        (["--from", "2025-10-05", "--to", "2025-10-01"], "before it starts"),
        (["--from", "2025-10-05"], "--from and --to go together"),
        ([], "give exactly one of"),
    ],
)
def test_the_report_command_refuses_a_bad_period(
    args: list[str], message: str, tmp_path: Path
) -> None:
    err = io.StringIO()
    code = report_command.run([*args, "--out", str(tmp_path)], lambda _p: pytest.fail(), err)
    assert code == 2 and message in err.getvalue()


def test_the_report_command_needs_a_data_file(tmp_path: Path) -> None:
    err = io.StringIO()
    argv = ["--month", "2025-09", "--out", str(tmp_path / "out"), "--data-dir", str(tmp_path)]
    code = report_command.run(argv, lambda _p: pytest.fail(), err)
    assert code == 2 and "no data file" in err.getvalue()
    assert not (tmp_path / "desk.sqlite3").exists() and not (tmp_path / "out").exists()
