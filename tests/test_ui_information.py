"""The information window driven as a clerk would: log, look up, print and show the board."""

from __future__ import annotations

import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lingong_desk.db.models import AuditEvent, Consultation
from lingong_desk.services.employers import PostingDetail
from lingong_desk.services.knowledge_seed import SEED
from lingong_desk.services.registry import Services
from lingong_desk.ui.information.window import InformationWindow
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.print_preview import PrintPreview
from tests import factories
from tests.ui_helpers import WAIT_MS, press, settle, tick, type_into, wait_until


def cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text() if item is not None else ""


SHOTS = Path(__file__).resolve().parent.parent / "shots"
HOUR = 3_600_000  # ms: longer than any run of the test, so the clock never turns a page


def posting(services: Services, employer: uuid.UUID, title: str, pay: int = 150) -> PostingDetail:
    return factories.posting(
        services,
        employer,
        title=title,
        pay_min=Decimal(pay - 30),
        pay_max=Decimal(pay),
        work_address="左云县阳光小区",
        contact_phone="13900001111",
        meals=True,
    )


TITLES = [
    "小区保洁员",
    "家政服务员",
    "搬运装卸工",
    "货车司机",
    "餐馆厨师",
    "水暖维修工",
    "绿化养护工",
]


@pytest.fixture
def main(qtbot: QtBot, services: Services) -> MainWindow:
    employer = factories.employer(services).id
    for i, title in enumerate(TITLES):
        posting(services, employer, title, 150 + 10 * i)
    make_app("zh_CN")
    w = build_window(services, "王芳")
    qtbot.addWidget(w)
    return w


@pytest.fixture
def info(qtbot: QtBot, main: MainWindow) -> InformationWindow:
    w = InformationWindow(main.desk)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    settle(qtbot, main)
    return w


def test_log_enquiry_by_keyboard(
    qtbot: QtBot, main: MainWindow, info: InformationWindow, services: Services
) -> None:
    page = info.log_page
    topic = page.topic.lineEdit()
    assert topic is not None
    press(qtbot, page.channel, Qt.Key.Key_Down)  # walk-in -> phone
    type_into(qtbot, topic, "社保补贴")
    type_into(qtbot, page.answer, "带身份证到3号窗口")
    type_into(qtbot, page.caller_phone, "1381234")
    press(qtbot, page.caller_phone, Qt.Key.Key_Return)
    wait_until(qtbot, main, lambda: page.errors["caller_phone"].isVisibleTo(info))
    assert "11" in page.errors["caller_phone"].text()
    assert page.answer.text() == "带身份证到3号窗口"  # kept what was typed
    with services.ctx.reading() as s:
        assert s.scalars(select(Consultation)).first() is None
    type_into(qtbot, page.caller_phone, "13812345678")
    press(qtbot, page.caller_phone, Qt.Key.Key_Return)
    wait_until(qtbot, main, lambda: page.today.rowCount() == 1)
    assert cell(page.today, 0, 2) == "社保补贴"
    assert cell(page.today, 0, 5) == "138****5678"
    assert page.errors["caller_phone"].text() == ""
    with services.ctx.reading() as s:
        stored = s.scalars(select(Consultation)).one()
    assert (stored.channel, stored.caller_phone, stored.resolved) == ("phone", "13812345678", True)
    # a second one passed to the referral window, picked from the quick topics
    page.topic.setCurrentIndex(0)
    page.outcome.setCurrentIndex(page.outcome.findData("referral"))
    press(qtbot, page.save_button, Qt.Key.Key_Space)
    wait_until(qtbot, main, lambda: page.today.rowCount() == 2)
    SHOTS.mkdir(exist_ok=True)
    QApplication.processEvents()
    info.grab().save(str(SHOTS / "information-window.png"))


def test_search_knowledge_as_typing_and_edit(
    qtbot: QtBot, main: MainWindow, info: InformationWindow, services: Services
) -> None:
    page = info.knowledge
    info.show_tab(1)
    wait_until(qtbot, main, lambda: page.results.count() == len(SEED))  # seeded
    type_into(qtbot, page.search, "lhjysb")
    wait_until(qtbot, main, lambda: page.results.count() == 1)
    assert page.results.item(0).text() == "灵活就业社保补贴"
    assert "三分之二" in page.body.toPlainText()
    type_into(qtbot, page.search, "档案")
    wait_until(qtbot, main, lambda: page.title.text() == "档案托管办理")
    type_into(qtbot, page.tags, "档案 托管 调档函", clear=True)
    press(qtbot, page.tags, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, main)
    type_into(qtbot, page.search, "调档函")
    wait_until(
        qtbot,
        main,
        lambda: (
            [page.results.item(i).text() for i in range(page.results.count())] == ["档案托管办理"]
        ),
    )


def test_wall_sheet_preview(
    qtbot: QtBot, main: MainWindow, info: InformationWindow, tmp_path: Path
) -> None:
    info.show_tab(2)
    wait_until(qtbot, main, lambda: info.board_page.table.rowCount() == len(TITLES))
    # the preview is the window's child and deletes itself on close, so the
    # window's teardown, not qtbot's, owns it
    dialog = info.board_page.preview()
    wait_until(qtbot, main, lambda: bool(dialog.pdf))
    assert dialog.layout_key() == "a4"
    path = tmp_path / "sheet.pdf"
    path.write_bytes(dialog.pdf)
    SHOTS.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(SHOTS / "job-board-a4"),
        ],
        check=True,
    )
    dialog.layout_box.setCurrentIndex(1)
    wait_until(qtbot, main, lambda: dialog.pdf != path.read_bytes())
    dialog.save_to(tmp_path / "a3.pdf")
    settle(qtbot, main)
    with main.desk.services.ctx.reading() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "job_board.export")).first()
    dialog.close()
    assert isinstance(dialog, PrintPreview)


def test_board_pages_itself_and_refreshes(
    qtbot: QtBot, main: MainWindow, info: InformationWindow, services: Services
) -> None:
    main.show()
    window = main.information.materialize()
    assert isinstance(window, InformationWindow)
    window.board_page.board_interval_ms = HOUR  # the test turns the pages: tick(board.timer)
    press(qtbot, main.tabs.currentWidget(), Qt.Key.Key_F11)  # F11 works from any window
    board = window.board_page.board
    assert board is not None and board.isFullScreen()
    assert board.timer.isActive() and board.timer.interval() == HOUR  # pages on its own
    wait_until(qtbot, main, lambda: len(board.postings) == len(TITLES))
    assert board.pages == 2
    first = board.visible_titles()
    tick(board.timer)
    assert board.page == 1
    assert board.visible_titles() != first and len(board.visible_titles()) == 1
    assert "0352-3022110" in board.footer.text()
    SHOTS.mkdir(exist_ok=True)
    board.timer.stop()
    board.page = 0
    board.show_page()
    QApplication.processEvents()
    board.grab().save(str(SHOTS / "job-board.png"))
    board.timer.start()
    # a new posting published elsewhere appears without touching the board
    employer = services.employers.search("鑫源")[0]
    main.desk.worker.submit(lambda: posting(services, employer, "超市理货员"))
    qtbot.waitUntil(lambda: any(p.title == "超市理货员" for p in board.postings), timeout=WAIT_MS)
    assert board.pages == 2
    press(qtbot, board, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.board_page.board is None, timeout=WAIT_MS)
