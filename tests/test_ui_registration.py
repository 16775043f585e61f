"""The registration window driven with the keyboard, as a clerk would."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from lingong_desk.db.models import Employer, JobPosting, OutboxEntry, Person
from lingong_desk.services.registry import Services
from lingong_desk.ui.i18n import tr_text
from lingong_desk.ui.main_window import MainWindow
from tests.factories import bad_check_digit, resident_id
from tests.ui_helpers import open_main_window, press, settle, type_into, wait_until

ZHANG = resident_id("14022619800301123")
AFTER_46TH_BIRTHDAY = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    w = open_main_window(qtbot, services)
    return w  # pytest-qt closes it; closing waits for the database worker


def stored(services: Services, model: type) -> int:
    with services.ctx.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def register_zhang(qtbot: QtBot, window: MainWindow) -> None:
    form = window.registration.people.form
    type_into(qtbot, form.id_number, ZHANG)
    type_into(qtbot, form.name, "张三")
    type_into(qtbot, form.phone, "13812345678")
    type_into(qtbot, form.occupations.line, "jz")
    press(qtbot, form.occupations.line, Qt.Key.Key_Return)  # picks 家政服务员
    type_into(qtbot, form.pay_min, "150")
    press(qtbot, form.pay_min, Qt.Key.Key_Return)  # Enter saves
    wait_until(qtbot, window, lambda: form.current is not None)


def test_typing_an_id_number_fills_sex_birth_date_age_and_native_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.desk.services.ctx.now = lambda: AFTER_46TH_BIRTHDAY  # the age does not age
    form = window.registration.people.form
    assert QApplication.focusWidget() is form.id_number  # the window opens ready to type
    type_into(qtbot, form.id_number, ZHANG)
    text = form.derived.text()
    assert "1980-03-01" in text
    assert "46" in text
    assert "山西省大同市左云县" in text
    assert form.grid.error_text("id_number") == ""


def test_a_wrong_check_digit_is_shown_beside_the_field_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.registration.people.form
    type_into(qtbot, form.id_number, bad_check_digit(ZHANG))
    assert form.grid.error_text("id_number") == tr_text(
        "The check digit does not match: please check the number."
    )
    assert form.derived.text() == ""


def test_register_then_find_by_initials_and_reopen_by_id(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    register_zhang(qtbot, window)
    form = window.registration.people.form
    assert form.banner.kind == "success", form.banner.text()
    assert "张三" in form.banner.text()
    assert stored(services, Person) == 1
    with services.ctx.reading() as s:
        person = s.scalar(select(Person))
        assert person is not None
        assert person.created_by == services.ctx.clerk_id
        assert [o.occupation_code for o in person.occupations] == ["4-10-01-06"]
    assert window.pending_label.text() != ""
    pending = services.sync.pending_changes()
    assert str(pending) in window.pending_label.text()

    # find by pinyin initials; the list shows masked personal data
    panel = window.registration.people.panel
    press(qtbot, form.name, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel.search_box
    qtbot.keyClicks(panel.search_box, "zs")
    wait_until(qtbot, window, lambda: panel.model.rowCount() == 1)
    row = panel.model.row_at(0)
    assert row.name == "张三"
    assert row.id_masked == "140226********" + ZHANG[-4:]
    assert row.phone_masked == "138****5678"

    # a new record; typing the same ID opens the existing person instead of a duplicate
    press(qtbot, panel.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.current is None and form.name.text() == ""
    type_into(qtbot, form.id_number, ZHANG)
    wait_until(qtbot, window, lambda: form.current is not None)
    assert form.name.text() == "张三"
    assert form.banner.kind == "info"
    type_into(qtbot, form.phone, "13912345678")
    press(qtbot, form.phone, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: form.banner.kind == "success")
    assert stored(services, Person) == 1
    with services.ctx.reading() as s:
        assert s.scalar(select(Person.phone)) == "13912345678"


def test_typing_details_before_a_known_id_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    register_zhang(qtbot, window)
    form = window.registration.people.form
    form.new_record()
    type_into(qtbot, form.name, "张三")
    type_into(qtbot, form.skills, "会做饭、带孩子")
    type_into(qtbot, form.id_number, ZHANG)
    wait_until(qtbot, window, lambda: form.current is not None)
    assert form.skills.text() == "会做饭、带孩子"
    assert form.phone.text() == "138****5678"  # filled from the record, masked
    assert form.masks.value("phone") == "13812345678"


def test_bad_input_is_shown_beside_each_field_and_nothing_is_stored(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    form = window.registration.people.form
    before = stored(services, OutboxEntry)
    type_into(qtbot, form.id_number, ZHANG)
    type_into(qtbot, form.phone, "1381234567")  # ten digits
    type_into(qtbot, form.pay_min, "15000")  # per day
    press(qtbot, form.pay_min, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: form.banner.kind == "error")
    assert form.grid.error_text("name") == tr_text("Enter the name.")
    assert form.grid.error_text("phone") == tr_text(
        "A mobile number has 11 digits; this one has {count}.", count=10
    )
    assert form.grid.error_text("pay_min") != ""
    assert form.phone.text() == "1381234567"  # what was typed stays
    assert form.pay_min.text() == "15000"
    assert QApplication.focusWidget() is form.name  # the first field in error
    assert stored(services, Person) == 0
    assert stored(services, OutboxEntry) == before
    type_into(qtbot, form.pay_min, "abc")
    press(qtbot, form.pay_min, Qt.Key.Key_Return)
    assert form.grid.error_text("pay_min") != ""


def test_employer_then_posting_for_it_by_keyboard(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    reg = window.registration
    press(qtbot, reg.people.form.id_number, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert reg.tabs.currentWidget() is reg.employers
    ef = reg.employers.form
    type_into(qtbot, ef.name, "大同市好家政服务有限公司")
    type_into(qtbot, ef.credit_code, "91110000600037341M")
    type_into(qtbot, ef.contact_name, "李经理")
    type_into(qtbot, ef.contact_phone, "13900001111")
    press(qtbot, ef.contact_phone, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: ef.banner.kind == "error")
    assert ef.grid.error_text("credit_code") == tr_text(
        "The credit code's check character does not match."
    )
    assert stored(services, Employer) == 0
    type_into(qtbot, ef.credit_code, "91110000600037341L")
    press(qtbot, ef.credit_code, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: ef.current is not None)
    assert stored(services, Employer) == 1

    press(qtbot, ef.name, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert reg.tabs.currentWidget() is reg.postings
    pf = reg.postings.form
    assert pf.employer.employer_id() == ef.current.id
    type_into(qtbot, pf.occupation.line, "保洁")
    press(qtbot, pf.occupation.line, Qt.Key.Key_Return)
    assert pf.occupation.code() == "4-09-08-01"
    assert pf.title.text() == "保洁员"  # suggested from the job type
    type_into(qtbot, pf.headcount, "900")
    type_into(qtbot, pf.pay_min, "150")
    type_into(qtbot, pf.work_address, "左云县云兴镇")
    press(qtbot, pf.work_address, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: pf.banner.kind == "error")
    assert pf.grid.error_text("headcount") != ""
    assert pf.headcount.text() == "900"
    assert stored(services, JobPosting) == 0
    type_into(qtbot, pf.headcount, "3")
    press(qtbot, pf.headcount, Qt.Key.Key_Return)
    wait_until(qtbot, window, lambda: pf.current is not None)
    assert stored(services, JobPosting) == 1
    panel = reg.postings.panel
    wait_until(qtbot, window, lambda: panel.model.rowCount() == 1)
    assert panel.model.row_at(0).employer == "大同市好家政服务有限公司"
    # the employer list shows its open posting without anyone telling it
    wait_until(
        qtbot,
        window,
        lambda: (
            reg.employers.panel.model.rowCount() == 1
            and reg.employers.panel.model.row_at(0).open_postings == 1
        ),
    )


def test_database_work_runs_off_the_gui_thread(qtbot: QtBot, window: MainWindow) -> None:
    register_zhang(qtbot, window)
    assert window.desk.worker.thread_ids
    assert threading.get_ident() not in window.desk.worker.thread_ids


def test_search_scan_of_an_id_number_opens_the_person(qtbot: QtBot, window: MainWindow) -> None:
    register_zhang(qtbot, window)
    form = window.registration.people.form
    form.new_record()
    panel = window.registration.people.panel
    panel.focus_search()
    qtbot.keyClicks(panel.search_box, ZHANG)
    press(qtbot, panel.search_box, Qt.Key.Key_Return)  # a reader types the number and Enter
    wait_until(qtbot, window, lambda: form.current is not None)
    assert form.name.text() == "张三"


def test_tab_order_follows_the_form(qtbot: QtBot, window: MainWindow) -> None:
    form = window.registration.people.form
    form.id_number.setFocus()
    order = [form.id_number, form.name, form.phone, form.education]
    for expected_next in order[1:]:
        press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected_next


def test_switching_windows_with_alt_number(qtbot: QtBot, window: MainWindow) -> None:
    press(
        qtbot,
        window.registration.people.form.id_number,
        Qt.Key.Key_3,
        Qt.KeyboardModifier.AltModifier,
    )
    assert window.tabs.currentIndex() == 2
    press(qtbot, window.tabs.currentWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentIndex() == 0


def test_windows_2_4_and_5_are_built_when_first_opened(qtbot: QtBot, window: MainWindow) -> None:
    from lingong_desk.ui.guidance.window import GuidanceWindow
    from lingong_desk.ui.information.window import InformationWindow
    from lingong_desk.ui.personnel.window import PersonnelWindow

    assert window.personnel.inner is None  # not built at start
    press(
        qtbot,
        window.registration.people.form.id_number,
        Qt.Key.Key_2,
        Qt.KeyboardModifier.AltModifier,
    )
    assert isinstance(window.personnel.inner, PersonnelWindow)
    assert QApplication.focusWidget() is window.personnel.inner.scan  # ready for a label
    for index, kind, tab in (
        (3, GuidanceWindow, window.guidance),
        (4, InformationWindow, window.information),
    ):
        window.tabs.setCurrentIndex(index)
        assert isinstance(tab.inner, kind)
    settle(qtbot, window)
