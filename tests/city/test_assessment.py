"""The assessment standard, its scores and its exports (XLSX read back with openpyxl,
PDF with pdftotext)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest

from lingong_city.assessment import export
from lingong_city.assessment.scores import assess
from lingong_city.assessment.standard import BadStandard, load, parse
from lingong_city.db import Database
from lingong_city.models import AssessmentEntry
from lingong_desk.domain.periods import Period

NOW = dt.datetime(2025, 11, 20, 2, 0, tzinfo=dt.UTC)
OCTOBER = Period.month(2025, 10)


def test_the_shipped_standard_has_15_indicators_in_4_areas_weighing_100() -> None:
    s = load()
    assert s.version == "2026.1"
    assert [a.zh for a in s.areas] == ["建设规划", "基础设施", "服务管理", "信息支撑"]
    assert len(s.indicators) == 15 and sum(i.weight for i in s.indicators) == 100
    sources = {i.source for i in s.indicators}
    assert sources == {"computed", "entered"}
    area = s.indicator("site_area")
    assert (area.score(0), area.score(200), area.score(1000)) == (0.0, 50.0, 100.0)
    windows = s.indicator("service_windows")
    assert [windows.score(v) for v in (0, 1, 4, 5)] == [0.0, 30.0, 60.0, 100.0]
    days = s.indicator("sync_days")  # fewer days score more
    assert (days.score(0), days.score(7), days.score(30), days.score(None)) == (100.0, 0, 0, 0)


def test_a_standard_whose_weights_do_not_add_up_is_refused() -> None:
    data = {
        "version": "x", "title_zh": "", "title_en": "",
        "area": [{"key": "a", "zh": "", "en": ""}],
        "indicator": [{"key": "k", "area": "a", "zh": "", "en": "", "source": "entered",
                       "weight": 90, "scoring": {"kind": "linear", "low": 0, "high": 1}}],
    }  # fmt: skip
    with pytest.raises(BadStandard, match="weights"):
        parse(data)


def test_entered_values_score_rank_and_export(city: Database, tmp_path: Path) -> None:
    with city.writing() as s:
        for market, area in (("ZY", 400.0), ("HY", 100.0)):
            s.add(AssessmentEntry(market_code=market, period_key=OCTOBER.key,
                                  indicator="site_area", standard="2026.1", value=area,
                                  note="现场核查", evidence="大人社函〔2025〕18 号",
                                  entered_by="分析员", entered_at=NOW))  # fmt: skip
    standard = load()
    with city.reading() as s:
        ranking = assess(s, standard, OCTOBER, NOW)
    assert [a.market for a in ranking] == ["ZY", "HY"]
    assert ranking[0].areas["planning"] == 6.0 and ranking[1].areas["planning"] == 1.5
    assert ranking[0].total == pytest.approx(sum(ranking[0].areas.values()))
    book = openpyxl.load_workbook(io.BytesIO(export.workbook(standard, ranking, OCTOBER.key)))
    sheet = book["考核排名"]
    assert [c.value for c in sheet[1]] == ["名次", "市场代码", "市场", "建设规划", "基础设施",
                                           "服务管理", "信息支撑", "总分"]  # fmt: skip
    assert [sheet.cell(2, 2).value, sheet.cell(2, 4).value] == ["ZY", 6.0]
    detail = [[c.value for c in row] for row in book["指标明细"].iter_rows(min_row=2)]
    assert len(detail) == 30 and detail[0][:2] == ["ZY", "site_area"]
    assert detail[0][9:] == ["现场核查", "大人社函〔2025〕18 号"]
    path = tmp_path / "a.pdf"
    path.write_bytes(export.pdf(standard, ranking, OCTOBER.key))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "2025-10 考核排名" in text and "左云县零工市场" in text and "信息支撑" in text
