"""What a day worker needs is typed into the posting and printed on the slip."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from lingong_desk.db.models import JobPosting
from lingong_desk.services.registry import Services
from lingong_desk.ui.launch import make_app
from tests import factories
from tests.ui_helpers import open_main_window, press, type_into, wait_until


def cn(day: dt.date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def squash(text: str) -> str:
    return "".join(text.split())


def pdf_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return "".join(out.stdout.split())  # cells wrap as they like: compare without spaces


def test_the_slip_says_when_how_long_meals_lodging_and_what_to_bring(
    qtbot: QtBot, services: Services, today: dt.date, tmp_path: Path
) -> None:
    employer = factories.employer(services)
    window = open_main_window(qtbot, services)
    reg = window.registration
    press(qtbot, reg.people.form.id_number, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    pf = reg.postings.form
    pf.new_record((employer.id, employer.draft.name))  # as Ctrl+J on the employer does
    type_into(qtbot, pf.occupation.line, "保洁")
    press(qtbot, pf.occupation.line, Qt.Key.Key_Return)
    start, end = today + dt.timedelta(days=2), today + dt.timedelta(days=16)
    type_into(qtbot, pf.pay_min, "150")
    type_into(qtbot, pf.work_address, "左云县云兴镇幸福小区3号楼")
    type_into(qtbot, pf.start_date, start.isoformat())
    type_into(qtbot, pf.end_date, end.isoformat())
    type_into(qtbot, pf.work_hours, "每天 7:30-17:00，午休 1 小时")
    type_into(qtbot, pf.bring, "手套、水杯")
    pf.meals.setChecked(True)
    press(qtbot, pf.bring, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: pf.current is not None)
    with services.ctx.reading() as s:
        posting = s.get(JobPosting, pf.current.id)
        assert posting is not None
        assert posting.work_hours == "每天 7:30-17:00，午休 1 小时"
        assert posting.bring == "手套、水杯"

    person = factories.person(services, "14022619800301123", "张三", work_form="day")
    referral = services.referrals.issue(person.id, pf.current.id)
    tr = QCoreApplication.translate
    for layout in ("a4", "receipt"):
        text = pdf_text(services.slips.render_slip(referral.id, layout, tr).pdf, tmp_path, layout)
        assert squash(f"开工日期 {cn(start)}") in text, text
        assert squash(f"用工期限 {cn(start)} 至 {cn(end)}") in text
        assert squash("工作时间 每天 7:30-17:00，午休 1 小时") in text
        assert squash("食宿 提供餐食，不提供住宿") in text
        assert squash("需携带 本介绍信、身份证；另带手套、水杯") in text
        assert squash("左云县云兴镇幸福小区3号楼") in text
        assert squash(employer.draft.contact_name) in text


def test_a_slip_without_dates_or_hours_says_they_are_agreed(
    services: Services, tmp_path: Path
) -> None:
    make_app("zh_CN")
    referral = factories.referral(services)
    pdf = services.slips.render_slip(referral.id, "a4", QCoreApplication.translate).pdf
    text = pdf_text(pdf, tmp_path, "agreed")
    assert squash("开工日期 与用人单位商定") in text
    assert squash("工作时间 与用人单位商定") in text
    assert squash("需携带 本介绍信、身份证") in text
