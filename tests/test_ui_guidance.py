"""The guidance window driven as a clerk would: pick, advise, follow up, see history."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from lingong_desk.db.models import GuidanceSession
from lingong_desk.services.registry import Services
from lingong_desk.ui.guidance.window import GuidanceWindow
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from tests import factories
from tests.ui_helpers import press, settle, type_into, wait_until


@pytest.fixture
def people(services: Services) -> dict[str, uuid.UUID]:
    ids = factories.people(
        services, ("14022619800301123", "张三"), ("14022619850402234", "李四"), work_form="day"
    )
    posting = factories.posting(services, **factories.ESTATE_JOB)
    factories.referral(services, ids["张三"], posting.id)
    return ids


@pytest.fixture
def main(qtbot: QtBot, services: Services, people: dict[str, uuid.UUID]) -> MainWindow:
    make_app("zh_CN")
    w = build_window(services, "王芳")
    qtbot.addWidget(w)
    w.start()
    settle(qtbot, w)
    return w


def stored(services: Services) -> list[GuidanceSession]:
    with services.ctx.reading() as s:
        return list(s.scalars(select(GuidanceSession)))


def test_clerk_advises_follows_up_and_sees_history(
    qtbot: QtBot,
    main: MainWindow,
    services: Services,
    people: dict[str, uuid.UUID],
    today: dt.date,
) -> None:
    gw = GuidanceWindow(main.desk)
    qtbot.addWidget(gw)
    gw.resize(1280, 760)
    gw.show()
    gw.start()
    settle(qtbot, main)

    # pick 张三 by pinyin initials; Enter takes the best match
    type_into(qtbot, gw.picker.line, "zs")
    press(qtbot, gw.picker.line, Qt.Key.Key_Return)
    wait_until(qtbot, main, lambda: gw.picker.record_id() == people["张三"])
    # the person's history shows the referral and the registration
    wait_until(qtbot, main, lambda: gw.history_model.rowCount() >= 2)
    windows = [gw.history_model.row_at(i).window for i in range(gw.history_model.rowCount())]
    assert windows == ["referral", "registration"]
    assert "小区保洁员" in gw.history_model.row_at(0).detail
    assert "张三" in gw.history_title.text()

    # Tab to the kind, choose skills-training referral with the keyboard
    press(qtbot, gw.picker.line, Qt.Key.Key_Tab)
    assert gw.kind.hasFocus()
    press(qtbot, gw.kind, Qt.Key.Key_Down)
    press(qtbot, gw.kind, Qt.Key.Key_Down)
    assert gw.kind.currentData() == "training"
    type_into(qtbot, gw.notes, "想学育婴员")  # type: ignore[arg-type]
    type_into(qtbot, gw.recommendation, "县职教中心育婴员培训班")

    # a follow-up date in the past: message beside the field, nothing stored
    type_into(qtbot, gw.follow_up_on, (today - dt.timedelta(days=1)).isoformat())
    press(qtbot, gw.follow_up_on, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, main)
    assert gw.grid.error_text("follow_up_on")
    assert gw.recommendation.text() == "县职教中心育婴员培训班"  # kept what was typed
    assert stored(services) == []

    # a good date, Enter saves
    follow_up = today + dt.timedelta(days=3)
    type_into(qtbot, gw.follow_up_on, follow_up.isoformat())
    press(qtbot, gw.follow_up_on, Qt.Key.Key_Return)
    wait_until(qtbot, main, lambda: len(stored(services)) == 1)
    session = stored(services)[0]
    assert session.kind == "training"
    assert session.notes == "想学育婴员"
    assert session.follow_up_on == follow_up
    assert gw.grid.error_text("follow_up_on") == ""

    # it appears in the follow-up list and in the history
    wait_until(qtbot, main, lambda: gw.follow_up_model.rowCount() == 1)
    assert gw.follow_up_model.row_at(0).person_name == "张三"
    wait_until(qtbot, main, lambda: gw.history_model.row_at(0).window == "guidance")
    shots = os.environ.get("LINGONG_SHOTS")
    if shots:
        assert gw.grab().save(str(Path(shots) / "guidance-window.png"))

    # choose the follow-up with the keyboard, write what came of it, Enter
    gw.follow_ups.setFocus()
    gw.follow_ups.setCurrentIndex(gw.follow_up_model.index(0, 0))
    press(qtbot, gw.follow_ups, Qt.Key.Key_Return)
    assert gw.follow_up_note.hasFocus()
    type_into(qtbot, gw.follow_up_note, "已报名培训")
    press(qtbot, gw.follow_up_note, Qt.Key.Key_Return)
    wait_until(qtbot, main, lambda: gw.follow_up_model.rowCount() == 0)
    session = stored(services)[0]
    assert session.followed_up_at is not None
    assert session.follow_up_note == "已报名培训"

    # Ctrl+N starts a new session with an empty form
    press(qtbot, gw.recommendation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert gw.picker.line.text() == "" and gw.picker.line.hasFocus()


def test_nothing_stored_without_a_person(
    qtbot: QtBot, main: MainWindow, services: Services
) -> None:
    gw = GuidanceWindow(main.desk)
    qtbot.addWidget(gw)
    gw.show()
    gw.start()
    settle(qtbot, main)
    type_into(qtbot, gw.recommendation, "创业担保贷款")
    press(qtbot, gw.recommendation, Qt.Key.Key_Return)
    settle(qtbot, main)
    assert gw.grid.error_text("person")
    with services.ctx.reading() as s:
        assert s.scalar(select(func.count()).select_from(GuidanceSession)) == 0
