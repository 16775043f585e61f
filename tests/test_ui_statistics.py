"""The statistics view driven as a market manager would: open it, change the
period, click a figure and a table cell, print the report, export the lists."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lingong_desk.db.models import AuditEvent
from lingong_desk.domain.calendar import CHINA
from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.domain.masking import mask_id_number
from lingong_desk.services.registry import Services
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.statistics.window import StatisticsWindow
from tests import factories
from tests.ui_helpers import press, settle, tick, wait_until

ZHANG = "14022619800301123"


def clock(services: Services, when: str) -> None:
    moment = dt.datetime.fromisoformat(when).replace(tzinfo=CHINA)
    services.ctx.now = lambda: moment


@pytest.fixture
def ids(services: Services) -> dict[str, uuid.UUID]:
    out = {}
    clock(services, "2025-10-15 10:00")
    out["li"] = factories.person(services, "14022619850402234", "李四", phone="13800000002").id
    clock(services, "2025-11-03 10:00")
    out["zhang"] = factories.person(services, ZHANG, "张三", phone="13800000001").id
    clock(services, "2025-11-05 10:00")
    out["wang"] = factories.person(services, "14022619900503345", "王五", phone="13800000003").id
    out["posting"] = factories.posting(services).id
    clock(services, "2025-11-10 10:00")
    out["referral"] = services.referrals.issue(out["zhang"], out["posting"]).id
    clock(services, "2025-11-12 10:00")
    services.referrals.record(out["referral"], ReferralStatus.HIRED)
    clock(services, "2025-11-20 10:00")
    return out


@pytest.fixture
def window(qtbot: QtBot, services: Services, ids: dict[str, uuid.UUID]) -> MainWindow:
    make_app("zh_CN")
    w = build_window(services, services.ctx.clerk_name)
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle(qtbot, w)
    return w


def open_statistics(qtbot: QtBot, window: MainWindow) -> StatisticsWindow:
    press(qtbot, window.registration.people.form.id_number, Qt.Key.Key_F8)
    stats = window.statistics
    assert stats is not None and stats.isVisible()
    wait_until(qtbot, window, lambda: stats.report is not None)
    return stats


def tile_value(stats: StatisticsWindow, key: str) -> str:
    return stats.tiles[key].value.text()


def audit_actions(services: Services, prefix: str) -> list[tuple[str, dict[str, object]]]:
    with services.ctx.reading() as s:
        rows = s.execute(
            select(AuditEvent.action, AuditEvent.detail)
            .where(AuditEvent.action.like(f"{prefix}%"))
            .order_by(AuditEvent.hlc)
        )
        return [(action, dict(detail)) for action, detail in rows]


def test_open_change_the_period_and_click_a_figure(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_statistics(qtbot, window)
    assert stats.label.text() == "2025年11月"
    assert tile_value(stats, "seekers_registered") == "2"
    assert tile_value(stats, "hires") == "1"
    assert tile_value(stats, "hire_rate") == "100.0%"
    assert "上期 1（+100.0%）" in stats.tiles["seekers_registered"].compare.text()
    assert stats.tiles["hires"].toolTip().startswith("本期以录用结束的介绍人次")
    assert all(chart.loaded for chart in stats.charts.values())
    assert "全市场" in stats.compared.text()

    qtbot.mouseClick(stats.back, Qt.MouseButton.LeftButton)
    wait_until(qtbot, window, lambda: tile_value(stats, "seekers_registered") == "1")
    assert stats.label.text() == "2025年10月" and tile_value(stats, "hires") == "0"
    press(qtbot, stats, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_until(qtbot, window, lambda: tile_value(stats, "seekers_registered") == "2")
    stats.kind.setCurrentIndex(stats.kind.findData("year"))
    wait_until(qtbot, window, lambda: stats.label.text() == "2025年")
    assert tile_value(stats, "seekers_registered") == "3"
    stats.kind.setCurrentIndex(stats.kind.findData("month"))
    wait_until(qtbot, window, lambda: stats.label.text() == "2025年11月")

    qtbot.mouseClick(stats.tiles["hires"], Qt.MouseButton.LeftButton)
    wait_until(qtbot, window, lambda: len(getattr(stats, "drill_dialog", None).shown_rows()) == 1)
    dialog = stats.drill_dialog
    assert dialog.heading.text() == "最终达成就业人次 · 2025年11月：共 1 条记录"
    row = dialog.shown_rows()[0]
    assert row.cells[1] == "张三" and row.cells[2] == mask_id_number(factories.resident_id(ZHANG))
    assert dialog.model.data(dialog.model.index(0, 5)) == "最终达成就业"
    dialog.close()


def test_click_a_cell_of_a_breakdown(qtbot: QtBot, window: MainWindow) -> None:
    stats = open_statistics(qtbot, window)
    view, model = stats.tables["age_band"]
    stats.breakdowns.setCurrentWidget(view)
    assert stats.breakdowns.tabText(stats.breakdowns.currentIndex()) == "年龄段"
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert labels == ["30–39岁", "40–49岁", "合计"]  # 王五 35, 张三 45; then the total
    registered = model.data_.columns.index("seekers_registered") + 1
    index = model.index(1, registered)
    assert model.data(index) == "1"
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    wait_until(qtbot, window, lambda: len(getattr(stats, "drill_dialog", None).shown_rows()) == 1)
    assert stats.drill_dialog.shown_rows()[0].cells[0] == "张三"
    stats.drill_dialog.close()


def test_the_view_follows_new_work(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    stats = open_statistics(qtbot, window)
    people = window.desk.services.people
    window.desk.worker.submit(
        lambda: people.save(
            factories.person_draft("14022619700101456", "赵六", phone="13800000004")
        )
    )
    wait_until(qtbot, window, lambda: stats.refresh_timer.isActive())
    tick(stats.refresh_timer)
    wait_until(qtbot, window, lambda: tile_value(stats, "seekers_registered") == "3")


def test_print_the_report_and_save_the_workbook(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    stats = open_statistics(qtbot, window)
    stats.preview_report()
    preview = stats.preview
    wait_until(qtbot, window, lambda: preview.job is not None)
    assert preview.pdf.startswith(b"%PDF") and preview.title.text() == "2025-11"
    preview.save_to(tmp_path / "nov.pdf")
    settle(qtbot, window)
    assert (tmp_path / "nov.pdf").read_bytes() == preview.pdf
    preview.close()
    stats.save_workbook_to(tmp_path / "nov.xlsx")
    wait_until(qtbot, window, lambda: stats.banner.kind == "success")
    assert openpyxl.load_workbook(tmp_path / "nov.xlsx")["指标"]["C2"].value == 2
    assert [(a, d["layout"]) for a, d in audit_actions(services, "stats_report")] == [
        ("stats_report.export", "a4"),
        ("stats_report.export", "xlsx"),
    ]


def test_export_lists_masked_or_in_full_with_a_reason(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    stats = open_statistics(qtbot, window)
    dialog = stats.export_list()
    assert dialog.which.currentText() == "求职人员"
    done: list[int] = []
    dialog.export_to(tmp_path / "masked.xlsx", done.append)
    wait_until(qtbot, window, lambda: done == [2])
    sheet = openpyxl.load_workbook(tmp_path / "masked.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("姓名", "性别", "年龄", "身份证号", "手机号")
    assert {r[0] for r in rows[1:]} == {"张三", "王五"}
    assert all("*" in r[3] and "*" in r[4] for r in rows[1:])
    assert isinstance(rows[1][2], int) and isinstance(rows[1][8], dt.datetime)

    dialog.unmasked.setChecked(True)
    dialog.export_to(tmp_path / "full.xlsx", done.append)
    assert dialog.grid.error_text("reason") == "请填写导出完整身份证号和手机号的理由。"
    assert not (tmp_path / "full.xlsx").exists()
    dialog.reason.setText("县人社局核对就业补贴名单")
    dialog.export_to(tmp_path / "full.xlsx", done.append)
    wait_until(qtbot, window, lambda: len(done) == 2)
    full = list(openpyxl.load_workbook(tmp_path / "full.xlsx").active.iter_rows(values_only=True))
    assert factories.resident_id(ZHANG) in {r[3] for r in full[1:]}
    exports = audit_actions(services, "list.")
    assert [(a, d["unmasked"], d["rows"]) for a, d in exports] == [
        ("list.export", False, 2),
        ("list.export_unmasked", True, 2),
    ]
    assert exports[1][1]["reason"] == "县人社局核对就业补贴名单"
    assert exports[0][1]["period"] == "2025-11"


def test_a_clerk_sees_only_their_own_work(
    qtbot: QtBot, services: Services, ids: dict[str, uuid.UUID], tmp_path: Path
) -> None:
    factories.clerk(services, "李娜")
    services.accounts.sign_in("李娜", factories.PASSWORD)
    clock(services, "2025-11-18 10:00")
    factories.person(services, "14022619700101456", "赵六", phone="13800000004")
    make_app("zh_CN")
    w = build_window(services, "李娜")
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle(qtbot, w)
    stats = open_statistics(qtbot, w)
    assert stats.scope.count() == 1 and not stats.scope.isEnabled()
    assert stats.scope.currentText() == "李娜经办"
    assert tile_value(stats, "seekers_registered") == "1"  # 赵六 only
    assert tile_value(stats, "hires") == "0"
    dialog = stats.export_list()
    assert not dialog.unmasked.isEnabled()
    with pytest.raises(PermissionError):
        services.lists.export(
            "person", stats.period, tmp_path / "x.xlsx", _same, unmasked=True, reason="x"
        )


def _same(_context: str, text: str) -> str:
    return text


Translate = Callable[[str, str], str]
