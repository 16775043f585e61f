"""Information window services: enquiry log, knowledge base, job board wall sheets."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lingong_desk.db.models import Consultation, KnowledgeArticle
from lingong_desk.services.information import (
    ArticleDraft,
    ConsultationDraft,
    InformationRefused,
    InformationService,
)
from lingong_desk.services.knowledge_seed import LOCAL_NOTE, SEED
from lingong_desk.services.registry import Services
from tests import factories


def english(_context: str, text: str) -> str:
    return text


@pytest.fixture
def info(services: Services) -> InformationService:
    return InformationService(services.ctx)


def publish_jobs(services: Services, count: int = 5) -> list[str]:
    employer = factories.employer(services)
    titles = [f"小区保洁员{i}号岗" for i in range(count)]
    for title in titles:
        factories.posting(
            services,
            employer.id,
            title=title,
            headcount=3,
            pay_max=Decimal(150),
            work_address="左云县阳光小区",
            contact_phone="13900001111",
        )
    return titles


def count(services: Services, model: type) -> int:
    with services.ctx.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_log_enquiry_listed_today(info: InformationService) -> None:
    row = info.log(
        ConsultationDraft(
            "phone",
            "社保补贴",
            answer="带身份证来",
            caller_name="赵大妈",
            caller_phone="138 1234 5678",
        )
    )
    assert row.resolved and row.caller_phone_masked == "138****5678"
    passed = info.log(ConsultationDraft("walk_in", "档案", passed_to_window="personnel"))
    assert not passed.resolved and passed.passed_to_window == "personnel"
    assert [r.topic for r in info.todays_log()] == ["档案", "社保补贴"]


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (ConsultationDraft("walk_in", "  "), "topic"),
        (ConsultationDraft("fax", "档案"), "channel"),
        (ConsultationDraft("phone", "档案", caller_phone="1381234"), "caller_phone"),
        (ConsultationDraft("phone", "档案", caller_phone="138abc45678"), "caller_phone"),
        (ConsultationDraft("phone", "档案", passed_to_window="canteen"), "passed_to_window"),
    ],
)
def test_refusals_store_nothing(
    info: InformationService, services: Services, draft: ConsultationDraft, field: str
) -> None:
    with pytest.raises(InformationRefused) as refused:
        info.log(draft)
    assert refused.value.field == field
    assert count(services, Consultation) == 0


def test_knowledge_seed_search_and_edit(info: InformationService, services: Services) -> None:
    assert info.seed_articles() == len(SEED) >= 30
    assert info.seed_articles() == 0

    def titles(query: str) -> list[str]:
        return [a.title for a in info.search_articles(query)]

    assert titles("社保")[0] == "灵活就业社保补贴"
    assert titles("lhjysb") == ["灵活就业社保补贴"]  # pinyin initials
    assert titles("qxts") == ["欠薪投诉渠道"]
    assert titles("dang'an".replace("'", "")) == ["档案托管办理"]  # full pinyin
    assert "零工市场求职登记" in titles("身份证")  # a body word
    assert titles("档案 转递") == ["档案托管办理"]
    assert titles("火星") == []
    article = info.search_articles("档案")[0]
    with pytest.raises(InformationRefused):
        info.save_article(ArticleDraft("", "x"), article.id)
    info.save_article(ArticleDraft("档案托管与转出", article.body, "档案 转出"), article.id)
    assert titles("datgbl") == []
    assert titles("datgy") == ["档案托管与转出"]
    assert count(services, KnowledgeArticle) == len(SEED)


def test_every_seeded_answer_names_its_policy_and_asks_to_check_local_rules(
    info: InformationService,
) -> None:
    info.seed_articles()
    articles = info.search_articles("")
    assert len(articles) == len(SEED)
    for article in articles:
        assert "依据：《" in article.body or "依据：" in article.body, article.title
        assert LOCAL_NOTE in article.body, article.title
    topics = {a.title for a in articles}
    for wanted in (
        "灵活就业社保补贴",
        "欠薪投诉渠道",
        "职业技能培训补贴",
        "就业困难人员认定",
        "失业登记",
        "创业担保贷款",
        "新就业形态职业伤害保障",
        "零工市场求职登记",
        "就业见习",
        "公益性岗位",
        "农民工工资保证金和工资专用账户",
        "劳动合同与劳务协议的区别",
        "社保关系转移接续",
        "医保参保",
        "工伤认定",
    ):
        assert wanted in topics
    assert any("个人所得税" in t for t in topics)


def test_board_postings_hide_personal_phones(info: InformationService, services: Services) -> None:
    publish_jobs(services, 2)
    rows = info.board_postings()
    assert len(rows) == 2 and rows[0].open_places == 3
    assert "13900001111" not in repr(rows)


@pytest.mark.parametrize("layout", ["a4", "a3"])
def test_wall_sheets(
    info: InformationService, services: Services, tmp_path: Path, layout: str
) -> None:
    titles = publish_jobs(services, 9)
    pdf = info.render_board(layout, english).pdf
    assert pdf == info.render_board(layout, english).pdf  # same input, same bytes
    path = tmp_path / "board.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    for title in titles:
        assert title in flat
    assert "0352-3022110" in text
    assert "左云县零工市场" in flat
    assert not re.search(r"(?<!\d)1\d{10}(?!\d)", text)
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+3" if layout == "a4" else r"Pages:\s+2", pages)


def test_empty_board_still_renders(info: InformationService) -> None:
    assert info.render_board("a4", english).pdf.startswith(b"%PDF")
