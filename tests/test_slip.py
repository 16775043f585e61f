"""The referral slip renders Chinese, embeds a font subset, and its barcodes scan.

Each PDF is rasterised with poppler's ``pdftoppm`` and read back with zbar's
``zbarimg``, the way a clerk's scanner would see a printed slip.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lingong_desk.domain.masking import mask_id_number, mask_phone
from lingong_desk.printing.fonts import FONT_NAME
from lingong_desk.printing.job import PrintJob
from lingong_desk.printing.slip import A4_CUTS, SlipData, Tr, render_a4, render_receipt
from tests.factories import resident_id

FULL_ID = resident_id("14022619730815202")
FULL_PHONE = "13835201234"
DPI = 200

SLIP = SlipData(
    number="ZY-2026-000123",
    market_name="左云县零工市场",
    market_phone="0352-3022110",
    market_address="左云县云兴镇新建路",
    worker_name="张桂兰",
    worker_sex="女",
    worker_age=52,
    worker_id_masked=mask_id_number(FULL_ID),
    worker_phone_masked=mask_phone(FULL_PHONE),
    employer_name="大同市好家政服务有限公司",
    employer_contact="李经理",
    employer_phone="13912345678",
    employer_address="大同市平城区迎宾街18号",
    job_title="住家保姆（照顾老人）",
    occupation="家政服务员（4-10-01-01）",
    work_address="左云县云兴镇幸福小区3号楼",
    pay="150-200 元/天",
    work_form="日结",
    headcount=3,
    issued_on=dt.date(2026, 3, 5),
    valid_until=dt.date(2026, 3, 19),
    clerk_name="王芳",
    reprint=False,
    print_no=1,
)
REPRINT = dataclasses.replace(SLIP, reprint=True, print_no=2)
Render = Callable[[SlipData, Tr], PrintJob]

# How the Chinese catalogue will read; the shipped .ts is translated separately.
ZH = {
    "Referral letter": "介绍信",
    "Return slip": "回执",
    "To be filled in by the employer and returned to the market": "由用人单位填写后交回零工市场",
    "Stub": "存根",
    "Kept by the market": "零工市场留存",
    "REPRINT (copy {n})": "补打（第{n}份）",
    "To: {employer}": "致：{employer}",
    "This letter introduces {worker}, a job seeker registered with our market, for the job below. Please receive the bearer. After the interview, please fill in the return slip below and send it back to the market.": "兹介绍在本市场登记求职的{worker}前往贵单位应聘下列岗位，请予接洽。面试后，请填写下方回执并交回本市场。",
    "We refer the bearer, {worker}, to you for the job below. Please receive them.": "兹介绍{worker}前往贵单位应聘下列岗位，请予接洽。",
    "Name": "姓名",
    "Sex": "性别",
    "Age": "年龄",
    "{age} years": "{age}岁",
    "ID number": "身份证号",
    "Phone": "联系电话",
    "Job": "岗位",
    "Occupation": "职业（工种）",
    "Work address": "工作地点",
    "Pay": "薪酬",
    "Work form": "用工形式",
    "Contact person": "联系人",
    "Employer address": "单位地址",
    "Valid until": "有效期至",
    "Issued by: {market}": "开具单位：{market}",
    "Tel.: {phone}": "电话：{phone}",
    "Address: {address}": "地址：{address}",
    "Clerk: {clerk}": "经办人：{clerk}",
    "Date of issue: {date}": "开具日期：{date}",
    "Market seal": "零工市场（盖章）",
    "{year}-{month}-{day}": "{year}年{month}月{day}日",
    "Cut here": "沿此线剪开",
    "Referral no.": "介绍信编号",
    "Worker": "求职人员",
    "Employer": "用人单位",
    "Result of the referral (tick one):": "推荐结果（请在一项前打“√”）：",
    "Hired": "录用",
    "Start date:": "到岗日期：",
    "Not hired": "未录用",
    "Reason:": "原因：",
    "Did not come (no show)": "未到岗",
    "Employer's signature or seal:": "用人单位签字（盖章）：",
    "Date:": "日期：",
    "Please return this slip to {market}, tel. {phone}, address: {address}.": "请将本回执交回{market}（电话：{phone}，地址：{address}）。",
    "Issued on": "开具日期",
    "Clerk": "经办人",
    "Openings": "招用人数",
    "{n} people": "{n}人",
    "Starts": "开工日期",
    "as agreed with the employer": "与用人单位商定",
    "Period": "用工期限",
    "{first} to {last}": "{first} 至 {last}",
    "from {first}, open-ended": "自 {first} 起，不定期",
    "until {last}": "至 {last}",
    "Working hours": "工作时间",
    "Meals, lodging": "食宿",
    "Bring": "需携带",
    "this letter and your ID card": "本介绍信、身份证",
    "meals and lodging provided": "提供餐食和住宿",
    "meals provided, no lodging": "提供餐食，不提供住宿",
    "lodging provided, no meals": "提供住宿，不提供餐食",
    "no meals, no lodging": "不提供食宿",
    "{always}, and also {more}": "{always}；另带{more}",
}


def tr_zh(context: str, text: str) -> str:
    """A strict stand-in for QCoreApplication.translate: every slip text must be known."""
    assert context == "slip"
    return ZH[text]


def tr_en(context: str, text: str) -> str:
    return text


def run(*args: str | Path) -> str:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def decode(
    pdf: bytes, tmp_path: Path, name: str, crop: tuple[float, float] | None = None
) -> list[str]:
    """Every barcode zbar finds on the page rendered at 200 dpi (only ``crop`` mm from the top).

    zbar merges equal linear symbols of one image into one result, so a page with
    three equal barcodes is read part by part.
    """
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    window: list[str] = []
    if crop is not None:
        top, bottom = (round(v / 25.4 * DPI) for v in crop)
        window = ["-x", "0", "-y", str(top), "-W", "4000", "-H", str(bottom - top)]
    run("pdftoppm", "-r", str(DPI), *window, "-png", "-singlefile", path, tmp_path / name)
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / f"{name}.png")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 4), result.stderr  # 4: no barcode found
    return result.stdout.split()


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return run("pdftotext", "-layout", path, "-")


def test_each_part_of_the_a4_page_has_a_barcode_that_scans(tmp_path: Path) -> None:
    pdf = render_a4(SLIP, tr_zh).pdf
    assert decode(pdf, tmp_path, "a4") == [SLIP.number]
    edges = [0.0, *A4_CUTS, 297.0]
    parts = [decode(pdf, tmp_path, f"part{i}", (edges[i], edges[i + 1])) for i in range(3)]
    assert parts == [[SLIP.number]] * 3


def test_the_receipt_barcode_scans(tmp_path: Path) -> None:
    found = decode(render_receipt(SLIP, tr_zh).pdf, tmp_path, "receipt")
    assert found and set(found) == {SLIP.number}


def test_a_long_number_still_scans_on_the_receipt(tmp_path: Path) -> None:
    slip = dataclasses.replace(SLIP, number="ZYABCD-2026-0001234")
    assert decode(render_receipt(slip, tr_zh).pdf, tmp_path, "long") == [slip.number]


@pytest.mark.parametrize("render", [render_a4, render_receipt])
def test_only_a_subset_of_the_bundled_font_is_embedded(render: Render, tmp_path: Path) -> None:
    path = tmp_path / "slip.pdf"
    path.write_bytes(render(SLIP, tr_zh).pdf)
    rows = run("pdffonts", path).splitlines()[2:]
    assert rows, "no fonts in the PDF"
    for row in rows:
        # name, type..., emb, sub, uni, object, generation
        name, emb, sub, uni = row.split()[0], *row.split()[-5:-2]
        assert re.fullmatch(rf"[A-Z]{{6}}\+{FONT_NAME}-\d+", name), row
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_the_page_shows_the_masked_id_and_never_the_full_one(tmp_path: Path) -> None:
    text = text_of(render_a4(SLIP, tr_zh).pdf, tmp_path)
    assert SLIP.worker_name in text
    assert SLIP.worker_id_masked in text
    assert mask_phone(FULL_PHONE) in text
    assert FULL_ID not in text and FULL_PHONE not in text
    for title in ("介绍信", "回执", "存根", "沿此线剪开", "录用", "未录用", "未到岗"):
        assert title in text
    assert "有效期至" in text and "2026年03月19日" in text


def test_the_receipt_shows_the_essentials(tmp_path: Path) -> None:
    text = text_of(render_receipt(SLIP, tr_zh).pdf, tmp_path)
    for value in (SLIP.worker_name, SLIP.worker_id_masked, SLIP.employer_name, "存根"):
        assert value in text
    assert FULL_ID not in text


@pytest.mark.parametrize("render", [render_a4, render_receipt])
def test_the_reprint_mark_appears_only_on_a_reprint(render: Render, tmp_path: Path) -> None:
    first = text_of(render(SLIP, tr_zh).pdf, tmp_path)
    again = text_of(render(REPRINT, tr_zh).pdf, tmp_path)
    assert "补打" not in first
    marks = 3 if render is render_a4 else 2  # one per part
    assert again.count("补打（第2份）") == marks


def test_english_texts_without_a_catalogue(tmp_path: Path) -> None:
    text = text_of(render_a4(REPRINT, tr_en).pdf, tmp_path)
    assert "Referral letter" in text and "REPRINT (copy 2)" in text
    assert "2026-03-19" in text


@pytest.mark.parametrize("render", [render_a4, render_receipt])
def test_same_input_same_bytes(render: Render) -> None:
    assert render(SLIP, tr_zh).pdf == render(SLIP, tr_zh).pdf
    assert render(SLIP, tr_zh).pdf != render(REPRINT, tr_zh).pdf


def test_same_bytes_in_another_process() -> None:
    script = (
        "import sys\n"
        "from lingong_desk.printing.slip import render_a4\n"
        "from tests.test_slip import SLIP, tr_zh\n"
        "sys.stdout.buffer.write(render_a4(SLIP, tr_zh).pdf)\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == render_a4(SLIP, tr_zh).pdf


def test_the_receipt_is_80_mm_wide_and_as_long_as_its_content(tmp_path: Path) -> None:
    path = tmp_path / "receipt.pdf"
    path.write_bytes(render_receipt(SLIP, tr_zh).pdf)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", path))
    assert size is not None
    width, height = (float(v) * 25.4 / 72 for v in size.groups())
    assert width == pytest.approx(80, abs=0.1)
    assert 120 < height < 297
    longer = dataclasses.replace(SLIP, work_address=SLIP.work_address * 4)
    path.write_bytes(render_receipt(longer, tr_zh).pdf)
    size2 = re.search(r"Page size:\s+[\d.]+ x ([\d.]+) pts", run("pdfinfo", path))
    assert size2 is not None and float(size2.group(1)) * 25.4 / 72 > height
