"""The referral window driven as a clerk would: match, issue, print, scan, record."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lingong_desk.db.models import AuditEvent, JobPosting, Referral
from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.services.registry import Services
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.print_preview import PrintPreview
from tests import factories
from tests.ui_helpers import WAIT_MS, open_main_window, press, settle, type_into, wait_until


@pytest.fixture
def market(services: Services) -> dict[str, uuid.UUID]:
    ids = {}
    for prefix, name, occ in (
        ("14022619800301123", "张三", "4-09-08-01"),
        ("14022619850402234", "李四", "4-09-08-01"),
        ("14022619900503345", "王五", "4-03-02-01"),
    ):
        ids[name] = factories.person(
            services, prefix, name, occupation_codes=[occ], work_form="day"
        ).id
    ids["posting"] = factories.posting(services, **factories.ESTATE_JOB).id
    return ids


@pytest.fixture
def window(qtbot: QtBot, services: Services, market: dict[str, uuid.UUID]) -> MainWindow:
    w = open_main_window(qtbot, services)
    return w


def open_referral_window(qtbot: QtBot, window: MainWindow) -> None:
    press(
        qtbot,
        window.registration.people.form.id_number,
        Qt.Key.Key_3,
        Qt.KeyboardModifier.AltModifier,
    )
    assert window.tabs.currentWidget() is window.referral
    assert QApplication.focusWidget() is window.referral.scan


def test_match_issue_print_scan_and_record_intention_then_hire(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    open_referral_window(qtbot, window)
    page = window.referral.matching
    type_into(qtbot, page.picker.line, "xqbj")  # 小区保洁员 by its initials
    press(qtbot, page.picker.line, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: page.model.rowCount() >= 2)
    names = [page.model.row_at(i).title for i in range(page.model.rowCount())]
    assert names[:2] == ["张三", "李四"] or names[:2] == ["李四", "张三"]
    assert "王五" not in names[:2]  # a cook ranks below the cleaners
    top = page.model.row_at(0)
    assert top.eligible and page.reasons.count() == len(top.reasons)
    assert page.reasons.item(0).text().startswith("+")  # the job type fits

    press(qtbot, page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(qtbot, window, lambda: window.referral.panel.current is not None)
    detail = window.referral.panel.current
    assert detail is not None and detail.status == ReferralStatus.ISSUED
    preview = window.referral.findChild(PrintPreview)
    assert preview is not None
    wait_until(qtbot, window, lambda: preview.document is not None)
    assert preview.document.pageCount() == 1
    assert preview.title.text() == detail.number

    # save as PDF: the exact bytes shown; the barcode on it reads back
    pdf = tmp_path / "slip.pdf"
    preview.save_to(pdf)
    wait_until(qtbot, window, lambda: preview.banner.kind == "success")
    assert pdf.read_bytes().startswith(b"%PDF")
    png = tmp_path / "slip"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(png)], check=True)
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", f"{png}.png"], capture_output=True, text=True
    ).stdout.split()
    assert detail.number in decoded

    def printed_on_paper(name: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        preview.print_to(printer)
        wait_until(qtbot, window, lambda: (tmp_path / name).exists())
        settle(qtbot, window)

    def actions() -> list[str]:
        with services.ctx.reading() as s:
            query = select(AuditEvent.action).where(AuditEvent.entity_id == detail.id)
            return [a for (a,) in s.execute(query)]

    # a saved file is an export, not a print: the first paper copy is no reprint
    assert actions().count("referral.export") == 1
    assert "referral.print" not in actions()
    assert preview.title.text() == detail.number  # no reprint mark
    printed_on_paper("printed.pdf")
    # the next paper copy is a reprint, marked as such and audited
    wait_until(qtbot, window, lambda: preview.job is not None and preview.job.print_no == 2)
    assert preview.title.text().startswith(detail.number) and preview.title.text() != detail.number
    printed_on_paper("again.pdf")
    assert actions().count("referral.print") == 1 and actions().count("referral.reprint") == 1
    preview.reject()
    window.activateWindow()  # the window manager gives the window back its focus
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)

    # the worker comes back with the return slip: scan it, 1 Enter, then 2 Enter
    panel = window.referral.panel
    window.referral.focus_scan()
    qtbot.keyClicks(window.referral.scan, detail.number)
    press(qtbot, window.referral.scan, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: QApplication.focusWidget() is panel)
    press(qtbot, panel, Qt.Key.Key_1)
    press(qtbot, panel, Qt.Key.Key_Return)
    wait_until(
        qtbot,
        window,
        lambda: panel.current is not None and panel.current.status == ReferralStatus.INTENTION,
    )
    press(qtbot, panel, Qt.Key.Key_2)
    press(qtbot, panel, Qt.Key.Key_Return)
    wait_until(
        qtbot,
        window,
        lambda: panel.current is not None and panel.current.status == ReferralStatus.HIRED,
    )
    assert panel.history.count() == 3
    with services.ctx.reading() as s:
        posting = s.get(JobPosting, detail.posting_id)
        assert posting is not None and posting.status == "filled"
    wait_until(qtbot, window, lambda: "1" in window.referral.funnel.text())


def test_an_illegal_outcome_is_refused_where_the_clerk_looks(
    qtbot: QtBot, window: MainWindow, services: Services, market: dict[str, uuid.UUID]
) -> None:
    detail = services.referrals.issue(market["张三"], market["posting"])
    services.referrals.record(detail.id, ReferralStatus.NO_SHOW)
    open_referral_window(qtbot, window)
    qtbot.keyClicks(window.referral.scan, detail.number)
    press(qtbot, window.referral.scan, Qt.Key.Key_Return)
    panel = window.referral.panel
    wait_until(qtbot, window, lambda: panel.current is not None)
    assert not panel.buttons[ReferralStatus.HIRED].isEnabled()
    press(qtbot, panel, Qt.Key.Key_2)
    assert panel.banner.kind == "error"
    press(qtbot, panel, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert services.referrals.detail(detail.id).status == ReferralStatus.NO_SHOW  # type: ignore[union-attr]


def test_not_hired_needs_a_reason(
    qtbot: QtBot, window: MainWindow, services: Services, market: dict[str, uuid.UUID]
) -> None:
    detail = services.referrals.issue(market["李四"], market["posting"])
    open_referral_window(qtbot, window)
    qtbot.keyClicks(window.referral.scan, detail.number.lower())
    press(qtbot, window.referral.scan, Qt.Key.Key_Return)
    panel = window.referral.panel
    wait_until(qtbot, window, lambda: panel.current is not None)
    press(qtbot, panel, Qt.Key.Key_3)
    assert QApplication.focusWidget() is panel.reason  # ready for the reason
    press(qtbot, panel.reason, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: panel.banner.kind == "error")
    assert services.referrals.detail(detail.id).status == ReferralStatus.ISSUED  # type: ignore[union-attr]
    type_into(qtbot, panel.reason.lineEdit(), "技能不符", clear=False)
    press(qtbot, panel.reason, Qt.Key.Key_Return)
    wait_until(
        qtbot,
        window,
        lambda: panel.current is not None and panel.current.status == ReferralStatus.NOT_HIRED,
    )
    assert panel.current.outcome_reason != ""


def test_an_unknown_scanned_number_says_so(qtbot: QtBot, window: MainWindow) -> None:
    open_referral_window(qtbot, window)
    qtbot.keyClicks(window.referral.scan, "ZY-2026-199999")
    press(qtbot, window.referral.scan, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: window.referral.banner.kind == "error")
    assert "ZY-2026-199999" in window.referral.banner.text()
    assert window.referral.scan.text() == "ZY-2026-199999"  # kept, selected for a rescan


def test_follow_up_lists_waiting_slips(
    qtbot: QtBot, window: MainWindow, services: Services, market: dict[str, uuid.UUID]
) -> None:
    detail = services.referrals.issue(market["张三"], market["posting"])
    open_referral_window(qtbot, window)
    ref = window.referral
    ref.tabs.setCurrentWidget(ref.follow_up)
    ref.follow_up.refresh()
    wait_until(qtbot, window, lambda: ref.follow_up.model.rowCount() == 1)
    assert ref.follow_up.model.row_at(0).number == detail.number
    ref.follow_up.table.setFocus()
    ref.follow_up.table.setCurrentIndex(ref.follow_up.model.index(0, 0))
    press(qtbot, ref.follow_up.table, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: ref.panel.current is not None)
    assert ref.panel.current.number == detail.number


def test_the_selection_stays_on_the_person_just_referred(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    market: dict[str, uuid.UUID],
) -> None:
    open_referral_window(qtbot, window)
    page = window.referral.matching
    type_into(qtbot, page.picker.line, "xqbj")
    press(qtbot, page.picker.line, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: page.model.rowCount() >= 2)
    first = page.model.row_at(0)
    second = page.model.row_at(1)
    assert first.eligible and second.eligible
    # the clerk moves to the second candidate: the button says whom it refers
    press(qtbot, page.table, Qt.Key.Key_Down)
    assert page.selected() == second
    assert page.issue_button.text() == f"为 {second.title} 开具介绍信（Ctrl+Enter）"

    press(qtbot, page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(qtbot, window, lambda: window.referral.panel.current is not None)
    assert f"已为 {second.title} 开具介绍信" in window.referral.banner.text()
    preview = window.referral.findChild(PrintPreview)
    assert preview is not None
    preview.reject()
    # the ranking is redone: the person referred is now marked as such, and
    # stays the current row (never the new candidate #1)
    wait_until(
        qtbot,
        window,
        lambda: page.selected() is not None and not page.selected().eligible,  # type: ignore[union-attr]
    )
    current = page.selected()
    assert current is not None and current.id == second.id
    assert page.reasons.count() and any(
        "已介绍" in page.reasons.item(i).text() for i in range(page.reasons.count())
    )
    assert second.title in page.issue_button.text() and not page.issue_button.isEnabled()

    # a second Ctrl+Enter is refused with the person's name: nobody else is referred
    press(qtbot, page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_until(qtbot, window, lambda: page.banner.kind == "error")
    assert second.title in page.banner.text()
    with services.ctx.reading() as s:
        referred = list(s.scalars(select(Referral.person_id)))
    assert referred == [second.id]
