"""A new posting offers the chosen employer's address and contact mobile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lingong_desk.db.models import JobPosting
from lingong_desk.services.registry import Services
from lingong_desk.services.samples import credit_code
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from tests import factories
from tests.ui_helpers import press, settle, type_into, wait_until


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    make_app("zh_CN")
    xinyuan = factories.employer(services)  # 左云县鑫源物业管理有限公司, 李经理 13900001111
    factories.employer(
        services,
        name="大同市好家政服务有限公司",
        credit_code=credit_code(organisation="600037342"),
        contact_name="王女士",
        contact_phone="13700002222",
        address="大同市平城区魏都大道12号",
    )
    # a posting published without a contact mobile
    factories.posting(services, xinyuan.id, work_address="左云县城", contact_phone="")
    w = build_window(services, "王芳")
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle(qtbot, w)
    return w


def choose_employer(qtbot: QtBot, window: MainWindow, text: str) -> None:
    form = window.registration.postings.form
    type_into(qtbot, form.employer.line, text)
    press(qtbot, form.employer.line, Qt.Key.Key_Return)  # picks the best match
    wait_until(qtbot, window, lambda: form.employer.employer_id() is not None)
    settle(qtbot, window)


def test_the_employers_address_and_contact_are_offered_and_stay_editable(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    reg = window.registration
    press(qtbot, reg.people.form.id_number, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    form = reg.postings.form
    assert form.work_address.text() == form.contact_phone.text() == ""

    choose_employer(qtbot, window, "鑫源")
    assert form.work_address.text() == "左云县云兴镇新建路8号"
    assert form.contact_phone.text() == "13900001111"

    # the work is elsewhere: the clerk types over the address; choosing the
    # other employer then changes the mobile it offered, not the typed address
    type_into(qtbot, form.work_address, "左云县城东小区")
    choose_employer(qtbot, window, "好家政")
    assert form.work_address.text() == "左云县城东小区"
    assert form.contact_phone.text() == "13700002222"

    type_into(qtbot, form.occupation.line, "保洁")
    press(qtbot, form.occupation.line, Qt.Key.Key_Return)
    type_into(qtbot, form.pay_min, "150")
    press(qtbot, form.pay_min, Qt.Key.Key_Return)  # Enter publishes
    wait_until(qtbot, window, lambda: form.current is not None)
    with services.ctx.reading() as s:
        posting = s.scalars(select(JobPosting).where(JobPosting.headcount == 1)).one()
        assert (posting.work_address, posting.contact_phone) == ("左云县城东小区", "13700002222")


def test_an_open_posting_keeps_what_it_holds(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    employer = services.employers.search("鑫源")[0]
    reg = window.registration
    window.show_page(2)
    panel = reg.postings.panel
    wait_until(qtbot, window, lambda: panel.model.rowCount() == 1)
    panel._open_index(panel.model.index(0, 0))
    form = reg.postings.form
    wait_until(qtbot, window, lambda: form.current is not None)
    settle(qtbot, window)
    assert form.employer.employer_id() == employer
    assert form.work_address.text() == "左云县城"
    assert form.contact_phone.text() == ""  # not the employer's: the posting has none
