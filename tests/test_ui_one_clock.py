"""One clock: whatever the PC's zone, every window shows the market's time for a moment."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lingong_desk.domain import calendar
from lingong_desk.services.context import fixed_clock
from lingong_desk.services.registry import Services
from lingong_desk.settings import Settings, load_settings, save_settings
from lingong_desk.ui.guidance.window import GuidanceWindow
from lingong_desk.ui.personnel.window import PersonnelWindow
from tests import factories
from tests.ui_helpers import open_main_window, press, type_into, wait_until

MOMENT = dt.datetime(2026, 11, 30, 9, 39, tzinfo=dt.UTC)  # 17:39 in China, 04:39 in New York
CHINA_TIME = "2026-11-30 17:39"


@pytest.fixture
def far_from_china(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The PC's own zone is New York's."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    assert time.localtime(MOMENT.timestamp()).tm_hour == 4
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def moment(services: Services, far_from_china: None) -> dict[str, uuid.UUID]:
    services.ctx.now = fixed_clock(MOMENT)
    person = factories.person(services, "14022619800301123", "张三", work_form="day")
    posting = factories.posting(services, **factories.ESTATE_JOB)
    referral = factories.referral(services, person.id, posting.id)
    custody = services.personnel.receive(person.id, "左云县第一中学", ["履历表"], "A-01-03")
    return {"person": person.id, "referral": referral.id, "custody": custody.id}


def test_referral_history_personnel_and_guidance_show_the_same_china_time(
    qtbot: QtBot, services: Services, moment: dict[str, uuid.UUID]
) -> None:
    window = open_main_window(qtbot, services)

    # window 3: the referral's history
    window.referral.open_referral(moment["referral"])
    panel = window.referral.panel
    wait_until(qtbot, window, lambda: panel.history.count() == 1)
    referral_line = panel.history.item(0).text()

    # window 2: the file's movements
    press(qtbot, window.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    personnel = window.personnel.materialize()
    assert isinstance(personnel, PersonnelWindow)
    personnel.open_file(moment["custody"])
    wait_until(qtbot, window, lambda: personnel.panel.history.rowCount() == 1)
    item = personnel.panel.history.item(0, 0)
    assert item is not None
    file_moment = item.text()

    # window 4: the person's history at all windows
    press(qtbot, window.tabs, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    guidance = window.guidance.materialize()
    assert isinstance(guidance, GuidanceWindow)
    type_into(qtbot, guidance.picker.line, "zs")
    press(qtbot, guidance.picker.line, Qt.Key.Key_Return)
    model = guidance.history_model
    wait_until(qtbot, window, lambda: model.rowCount() >= 2)
    history = [str(model.data(model.index(r, 0))) for r in range(model.rowCount())]

    assert referral_line.startswith(CHINA_TIME)
    assert file_moment == CHINA_TIME
    assert set(history) == {CHINA_TIME}


def test_the_market_zone_is_a_setting(tmp_path: object, far_from_china: None) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "settings.json"
    try:
        save_settings(Settings(time_zone="Asia/Urumqi"), path)
        assert load_settings(path).time_zone == "Asia/Urumqi"
        assert calendar.time_text(MOMENT) == "2026-11-30 15:39"  # Xinjiang time, UTC+6
        save_settings(Settings(time_zone="Mars/Olympus"), path)
        assert load_settings(path).time_zone == calendar.DEFAULT_ZONE  # unknown: the default
        assert calendar.time_text(MOMENT) == CHINA_TIME
    finally:
        calendar.set_market_zone(calendar.DEFAULT_ZONE)
