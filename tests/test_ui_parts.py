"""Widgets and models on their own: table model, font, occupation picker, dialogs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lingong_desk.db.models import AuditEvent
from lingong_desk.resources import FONT_FAMILY
from lingong_desk.services.registry import Services, load_catalogue
from lingong_desk.ui.dialogs import SetupDialog, SignInDialog
from lingong_desk.ui.fonts import install_font
from lingong_desk.ui.launch import make_app
from lingong_desk.ui.widgets.occupation import OccupationListPicker
from lingong_desk.ui.widgets.table_model import Column, LazyRowModel
from lingong_desk.ui.worker import ChangeBus, DbWorker
from tests import factories
from tests.ui_helpers import WAIT_MS, type_into


@dataclass(frozen=True)
class Row:
    id: uuid.UUID
    name: str


def test_lazy_model_fetches_pages_on_the_worker(qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    ids = [uuid.uuid4() for _ in range(250)]
    fetched: list[int] = []

    def rows(wanted: Sequence[uuid.UUID]) -> list[Row]:
        fetched.append(len(wanted))
        return [Row(i, f"row {ids.index(i)}") for i in wanted]

    worker = DbWorker(ChangeBus())
    model = LazyRowModel([Column("Name", lambda r: r.name)], rows, worker)
    model.reset_ids(ids, rows(ids[:100]))
    assert model.rowCount() == 100 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()  # a second call while the page is on its way asks for nothing
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=WAIT_MS)
    # the modeltester itself fetches (and re-enters fetchMore while rows go in)
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: model.rowCount() == 250, timeout=WAIT_MS)
    assert worker.wait(WAIT_MS)
    QApplication.processEvents()  # what the worker did last has been delivered
    assert not model.canFetchMore()
    assert model.rowCount() == 250
    assert fetched == [100, 100, 50]
    assert [model.row_at(i).id for i in range(250)] == ids
    assert model.data(model.index(249, 0)) == "row 249"
    qtmodeltester.check(model)
    assert worker.wait(WAIT_MS)


def test_the_bundled_font_renders_chinese(qapp: QApplication) -> None:
    family = install_font(qapp)
    assert family == FONT_FAMILY
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    metrics = QFontMetrics(QFont(family, 10))
    for ch in "零工服务台就业创业登记张三珊曾":
        assert metrics.inFontUcs4(ord(ch)), ch


def test_occupation_picker_takes_initials_and_delete_removes(qtbot: QtBot) -> None:
    make_app("zh_CN")
    picker = OccupationListPicker(load_catalogue())
    qtbot.addWidget(picker)
    picker.show()
    type_into(qtbot, picker.line, "jz")
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    type_into(qtbot, picker.line, "保洁")
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)
    type_into(qtbot, picker.line, "jz")
    qtbot.keyClick(picker.line, Qt.Key.Key_Return)  # a second time: not added twice
    assert picker.codes() == ["4-10-01-06", "4-09-08-01"]
    picker.list.setFocus()
    picker.list.setCurrentRow(0)
    qtbot.keyClick(picker.list, Qt.Key.Key_Delete)
    assert picker.codes() == ["4-09-08-01"]


def test_setup_dialog_shows_problems_and_signs_in(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_app("zh_CN")
    services: Services = factories.blank_desk(tmp_path / "d.sqlite3")
    try:
        assert services.accounts.needs_setup()
        dialog = SetupDialog(services.accounts)
        qtbot.addWidget(dialog)
        dialog.show()
        type_into(qtbot, dialog.market_code, "zy1")
        type_into(qtbot, dialog.market_name, "左云县零工市场")
        type_into(qtbot, dialog.region_code, "140226")
        assert dialog.region_label.text() == "山西省大同市左云县"
        type_into(qtbot, dialog.clerk_name, "王芳")
        type_into(qtbot, dialog.password, "secret1")
        type_into(qtbot, dialog.repeat, "secret2")
        dialog.submit()
        assert dialog.result() != SetupDialog.DialogCode.Accepted
        assert dialog.grid.error_text("market_code") != ""
        assert dialog.grid.error_text("repeat") != ""
        assert services.accounts.needs_setup()  # nothing stored
        type_into(qtbot, dialog.market_code, "ZY")
        type_into(qtbot, dialog.repeat, "secret1")
        dialog.submit()
        assert dialog.result() == SetupDialog.DialogCode.Accepted
        assert not services.accounts.needs_setup()

        sign_in = SignInDialog(services.accounts, "左云县零工市场")
        qtbot.addWidget(sign_in)
        sign_in.show()
        assert sign_in.name.currentText() == "王芳"
        type_into(qtbot, sign_in.password, "wrong-pw")
        qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
        assert sign_in.clerk is None and sign_in.banner.kind == "error"
        type_into(qtbot, sign_in.password, "secret1")
        qtbot.keyClick(sign_in.password, Qt.Key.Key_Return)
        assert sign_in.clerk is not None and sign_in.clerk.name == "王芳"
        with services.ctx.reading() as s:
            sign_ins = s.scalars(select(AuditEvent).where(AuditEvent.action == "clerk.sign_in"))
            assert len(list(sign_ins)) == 1  # Enter signs in once
        assert services.ctx.clerk_id == sign_in.clerk.id
    finally:
        services.close()
