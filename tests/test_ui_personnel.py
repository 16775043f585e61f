"""The personnel window driven as a clerk would: receive, print, scan, lend, return, transfer."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lingong_desk.services.registry import Services
from lingong_desk.settings import Settings
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.launch import make_app
from lingong_desk.ui.personnel.window import PersonnelWindow
from lingong_desk.ui.print_preview import PrintPreview
from lingong_desk.ui.worker import ChangeBus, DbWorker
from tests import factories
from tests.ui_helpers import press, settle, type_into, wait_until

SHOTS = Path(__file__).resolve().parent.parent / "shots"


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> PersonnelWindow:
    factories.person(services)
    make_app("zh_CN")
    market = services.accounts.market()
    assert market is not None
    bus = ChangeBus()
    worker = DbWorker(bus)
    desk = Desk(services, worker, bus, market, services.accounts.districts(), Settings())
    w = PersonnelWindow(desk)
    bus.setParent(w)
    worker.setParent(w)
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    w.start()
    settle(qtbot, w)  # type: ignore[arg-type]
    return w


def scan_numbers(pdf: Path, tmp_path: Path) -> list[str]:
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "scan")],
        check=True,
        timeout=60,
    )
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "scan.png")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return out.stdout.split()


def test_a_file_from_receipt_to_transfer(
    qtbot: QtBot, window: PersonnelWindow, services: Services, tmp_path: Path
) -> None:
    w = window

    def ready(condition: Callable[[], bool]) -> None:
        wait_until(qtbot, w, condition)  # type: ignore[arg-type]

    page = w.receive
    # receive: pick the person by name (Enter picks the best match), tick contents, shelf
    type_into(qtbot, page.person.line, "张三")
    press(qtbot, page.person.line, Qt.Key.Key_Return)
    ready(lambda: page.person.record_id() is not None)
    type_into(qtbot, page.received_from, "左云县第一中学")
    page.checks["resume"].setChecked(True)
    page.checks["contract"].setChecked(True)
    type_into(qtbot, page.shelf, "A-01-03")
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
    year = services.ctx.today().year
    number = f"ZY-DA-{year}-00001"
    ready(lambda: w.panel.detail is not None and w.panel.detail.file_number == number)
    ready(lambda: w.all_files.numbers() == [number])

    SHOTS.mkdir(exist_ok=True)
    shot = SHOTS / "personnel-window.png"
    assert w.grab().save(str(shot))

    # print the label to a PDF through the preview; it scans back to the number
    preview = w.preview_label()
    assert isinstance(preview, PrintPreview)
    ready(lambda: preview.save_button.isEnabled())
    preview.save_to(tmp_path / "label.pdf")
    settle(qtbot, w)  # type: ignore[arg-type]
    assert scan_numbers(tmp_path / "label.pdf", tmp_path) == [number]
    preview.reject()

    # scanning the label opens the file
    w.panel.show_file(None)
    type_into(qtbot, w.scan, number.lower())
    press(qtbot, w.scan, Qt.Key.Key_Return)
    ready(lambda: w.panel.detail is not None and w.panel.detail.file_number == number)
    assert "张三" in w.panel.heading.text()

    # lend for a week; a week and a day later it is overdue
    type_into(qtbot, w.panel.borrower, "县人社局")
    qtbot.mouseClick(w.panel.lend_button, Qt.MouseButton.LeftButton)
    ready(lambda: w.panel.detail is not None and w.panel.detail.status == "lent")
    assert w.overdue.numbers() == []
    later = services.ctx.now() + dt.timedelta(days=20)
    services.ctx.now = lambda: later
    w.refresh()
    ready(lambda: w.overdue.numbers() == [number])

    # lending again is refused beside the button
    qtbot.mouseClick(w.panel.lend_button, Qt.MouseButton.LeftButton)
    ready(lambda: "lent" in w.panel.lend_error.text() or "借" in w.panel.lend_error.text())

    # return, transfer out; then lending is refused
    qtbot.mouseClick(w.panel.return_button, Qt.MouseButton.LeftButton)
    ready(lambda: w.panel.detail is not None and w.panel.detail.status == "in_custody")
    ready(lambda: w.overdue.numbers() == [])
    type_into(qtbot, w.panel.receiver, "大同市人才交流中心")
    w.panel.method.setCurrentIndex(w.panel.method.findData("confidential"))
    type_into(qtbot, w.panel.tracking, "JY20260001")
    qtbot.mouseClick(w.panel.transfer_button, Qt.MouseButton.LeftButton)
    ready(lambda: w.panel.detail is not None and w.panel.detail.status == "transferred")
    assert w.panel.history.rowCount() == 4
    w.panel.borrower.setText("某单位")
    qtbot.mouseClick(w.panel.lend_button, Qt.MouseButton.LeftButton)
    ready(lambda: w.panel.lend_error.text() != "")
    assert w.panel.detail is not None and w.panel.detail.status == "transferred"
    QApplication.processEvents()
