"""The county fields start at the market's county and follow an ID number or credit code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from stdnum.cn import uscc

from lingong_desk.services.registry import Services
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.widgets.form import combo_value
from tests.factories import resident_id
from tests.ui_helpers import open_main_window, press, settle, type_into

MARKET_COUNTY = "140226"  # 左云县, the test market's county
XINRONG = resident_id("14021219800301123")  # an ID number issued in 新荣区


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    w = open_main_window(qtbot, services)
    return w


def test_the_first_form_after_start_lives_in_the_markets_county(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.registration.people.form
    assert combo_value(form.district) == MARKET_COUNTY
    assert form.district.currentText() == "左云县"
    employers = window.registration.employers.form
    assert combo_value(employers.district) == MARKET_COUNTY
    # Ctrl+N gives the same start
    type_into(qtbot, form.name, "张三")
    press(qtbot, form.name, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.name.text() == "" and combo_value(form.district) == MARKET_COUNTY


def test_the_county_follows_the_id_number_until_the_clerk_chooses_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.registration.people.form
    type_into(qtbot, form.id_number, XINRONG)
    assert form.district.currentText() == "新荣区"
    settle(qtbot, window)
    # the clerk chooses another county: a retyped number no longer moves it
    form.district.setFocus()
    press(qtbot, form.district, Qt.Key.Key_Down)  # the next county in the list
    chosen = combo_value(form.district)
    assert chosen not in (None, "140212")
    type_into(qtbot, form.id_number, XINRONG)
    assert combo_value(form.district) == chosen
    press(qtbot, form.id_number, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert combo_value(form.district) == MARKET_COUNTY


def test_an_employers_county_comes_from_its_credit_code(qtbot: QtBot, window: MainWindow) -> None:
    form = window.registration.employers.form
    body = "91140215MA0KABCD1"  # registered in 云州区
    type_into(qtbot, form.credit_code, body + uscc.calc_check_digit(body))
    assert form.district.currentText() == "云州区"
    type_into(qtbot, form.credit_code, "91140215MA0KABCD")  # incomplete: nothing moves
    assert form.district.currentText() == "云州区"
