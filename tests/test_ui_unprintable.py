"""Emoji and characters the printer cannot draw: refused under the field, nothing stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from lingong_desk.db.models import Employer, Person
from lingong_desk.services.registry import Services
from lingong_desk.ui.main_window import MainWindow
from tests.factories import resident_id
from tests.ui_helpers import open_main_window, press, type_into, wait_until


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    w = open_main_window(qtbot, services)
    return w


def count(services: Services, model: type) -> int:
    with services.ctx.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_name_with_an_emoji_is_refused_under_the_field(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    form = window.registration.people.form
    type_into(qtbot, form.id_number, resident_id("14022619800301123"))
    type_into(qtbot, form.name, "张三😀")
    type_into(qtbot, form.phone, "13812345678")
    type_into(qtbot, form.address, "云兴镇幸福小区🏠3号楼")
    press(qtbot, form.phone, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: form.grid.error_text("name") != "")
    assert "😀" in form.grid.error_text("name") and "·" in form.grid.error_text("name")
    assert "🏠" in form.grid.error_text("address")
    assert "无法打印" in form.grid.error_text("address")
    assert count(services, Person) == 0  # nothing stored
    assert form.name.text() == "张三😀"  # nothing typed lost
    assert form.address.text() == "云兴镇幸福小区🏠3号楼"

    # a minority name with the name dot and a printable address are taken
    type_into(qtbot, form.name, "买买提·艾力")
    type_into(qtbot, form.address, "云兴镇【幸福】小区№3")
    press(qtbot, form.phone, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: form.current is not None)
    assert form.grid.error_text("name") == "" and count(services, Person) == 1


def test_an_employer_address_the_slip_cannot_print_is_refused(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    reg = window.registration
    press(qtbot, reg.people.form.id_number, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    ef = reg.employers.form
    type_into(qtbot, ef.name, "大同市好家政服务有限公司")
    type_into(qtbot, ef.credit_code, "91110000600037341L")
    type_into(qtbot, ef.contact_name, "李经理")
    type_into(qtbot, ef.contact_phone, "13900001111")
    type_into(qtbot, ef.address, "平城区迎宾街18号✨")
    press(qtbot, ef.contact_phone, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: ef.grid.error_text("address") != "")
    assert "✨" in ef.grid.error_text("address")
    assert count(services, Employer) == 0
