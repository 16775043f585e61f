"""The personnel files and the guidance follow-ups page in as the clerk scrolls,
like the other lists (``LazyRowModel``): no list stops at a cap."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lingong_desk.db.models import FileCustody, FileMovement, GuidanceSession, Person
from lingong_desk.domain.enums import CustodyStatus, FileMovementKind, GuidanceKind
from lingong_desk.services.demo import fill_demo
from lingong_desk.services.registry import Services
from lingong_desk.ui.guidance.window import GuidanceWindow
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.personnel.window import PersonnelWindow
from lingong_desk.ui.widgets.list_panel import ResultTable
from lingong_desk.ui.widgets.table_model import LazyRowModel
from tests.ui_helpers import press, settle, wait_until

FILES = 1500
LENT = 250  # lent and a week overdue: more than a page of overdue loans too


def number(i: int) -> str:
    return f"ZY-DA-2026-{i:05d}"


@pytest.fixture
def crowded(services: Services, today: dt.date) -> Services:
    """1,500 job seekers, each with a file held (the first 250 lent past due) and a
    guidance session waiting for a follow-up."""
    fill_demo(services.ctx, people=FILES, employers=1, postings=1)
    with services.ctx.session() as s:
        people = list(s.scalars(select(Person.id).order_by(Person.id)))
        assert len(people) == FILES
        now = services.ctx.now()
        for i, person_id in enumerate(people, start=1):
            lent = i <= LENT
            custody = FileCustody(
                id=uuid.uuid4(),
                person_id=person_id,
                file_number=number(i),
                shelf_location=f"A-{i // 100:02d}-{i % 100:02d}",
                received_at=now,
                received_from="左云县第一中学",
                checklist=["resume"],
                status=CustodyStatus.LENT if lent else CustodyStatus.IN_CUSTODY,
                note="",
            )
            s.add(custody)
            s.add(FileMovement(custody_id=custody.id, kind=FileMovementKind.RECEIVE, at=now,
                               counterparty="左云县第一中学", method="", tracking_number="",
                               due_date=None))  # fmt: skip
            if lent:
                s.add(FileMovement(custody_id=custody.id, kind=FileMovementKind.LEND, at=now,
                                   counterparty="县人社局", method="", tracking_number="",
                                   due_date=today - dt.timedelta(days=7)))  # fmt: skip
            s.add(GuidanceSession(person_id=person_id, kind=GuidanceKind.CAREER, at=now,
                                  notes="", recommendation="", followed_up_at=None,
                                  follow_up_note="",
                                  follow_up_on=today + dt.timedelta(days=i % 30 - 10)))  # fmt: skip
    return services


@pytest.fixture
def main(qtbot: QtBot, crowded: Services) -> MainWindow:
    make_app("zh_CN")
    w = build_window(crowded, "王芳")
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    w.start()
    settle(qtbot, w)
    return w


def scroll_to_the_end(qtbot: QtBot, main: MainWindow, table: ResultTable, total: int) -> None:
    """Scroll down as a clerk would until the last row is in: each time the view
    reaches the bottom it asks its model for the next page."""
    model = table.model()
    assert isinstance(model, LazyRowModel)
    table.setFocus()

    def at_the_end() -> bool:
        press(qtbot, table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        return model.rowCount() == total

    wait_until(qtbot, main, at_the_end)


def test_scrolling_to_the_end_of_the_files_held_loads_every_file(
    qtbot: QtBot, main: MainWindow
) -> None:
    main.show_window(1)
    personnel = main.personnel.inner
    assert isinstance(personnel, PersonnelWindow)
    main.show_page(1)  # Ctrl+2: files held
    files = personnel.all_files
    wait_until(qtbot, main, lambda: files.total() == FILES)
    assert files.rowCount() == LazyRowModel.PAGE  # a page, not all 1,500 at once
    scroll_to_the_end(qtbot, main, files, FILES)
    numbers = files.numbers()
    assert sorted(numbers) == [number(i) for i in range(1, FILES + 1)]
    # Enter on the last row opens that file
    last = files.rows.row_at(FILES - 1)
    assert files.currentIndex().row() == FILES - 1
    press(qtbot, files, Qt.Key.Key_Return)
    wait_until(
        qtbot,
        main,
        lambda: (
            personnel.panel.detail is not None
            and personnel.panel.detail.file_number == last.file_number
        ),
    )

    main.show_page(2)  # Ctrl+3: overdue loans, more than one page of them
    overdue = personnel.overdue
    wait_until(qtbot, main, lambda: overdue.total() == LENT)
    assert overdue.rowCount() == LazyRowModel.PAGE
    scroll_to_the_end(qtbot, main, overdue, LENT)
    assert sorted(overdue.numbers()) == [number(i) for i in range(1, LENT + 1)]


def test_scrolling_to_the_end_of_the_follow_ups_loads_every_one(
    qtbot: QtBot, main: MainWindow, today: dt.date
) -> None:
    main.show_window(3)
    guidance = main.guidance.inner
    assert isinstance(guidance, GuidanceWindow)
    table, model = guidance.follow_ups, guidance.follow_up_model
    wait_until(qtbot, main, lambda: model.total() == FILES)
    assert model.rowCount() == LazyRowModel.PAGE
    due = sum(1 for i in range(1, FILES + 1) if i % 30 - 10 <= 0)
    assert guidance.follow_up_count.text() == f"待回访 {FILES} 人，其中今日到期或已逾期 {due} 人"
    scroll_to_the_end(qtbot, main, table, FILES)
    dates = [model.row_at(i).follow_up_on for i in range(FILES)]
    assert dates == sorted(dates)  # the oldest date first, across every page
    assert dates[0] == today - dt.timedelta(days=10)
    assert dates[-1] == today + dt.timedelta(days=19)
