"""Keys that work from every window, error lines that keep their place, English mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog
from pytestqt.qtbot import QtBot

from lingong_desk.services.registry import Services
from lingong_desk.ui.information.window import InformationWindow
from lingong_desk.ui.launch import make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.personnel.window import PersonnelWindow
from tests import factories
from tests.ui_helpers import open_main_window, press, settle, type_into, wait_until

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    return open_main_window(qtbot, services, "zh_CN")


def focused() -> object:
    return QApplication.focusWidget()


def test_ctrl_3_right_after_alt_5_shows_the_job_board_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    press(qtbot, focused(), Qt.Key.Key_5, ALT)  # window 5 is built as it opens
    info = window.information.inner
    assert isinstance(info, InformationWindow)
    press(qtbot, focused(), Qt.Key.Key_3, CTRL)
    assert info.tabs.currentIndex() == 2
    press(qtbot, focused(), Qt.Key.Key_2, CTRL)
    assert info.tabs.currentIndex() == 1
    # and back in window 1 its own pages answer the same keys
    press(qtbot, focused(), Qt.Key.Key_1, ALT)
    press(qtbot, focused(), Qt.Key.Key_3, CTRL)
    assert window.registration.tabs.currentIndex() == 2
    # even with the focus on the tab bar (where a click leaves it)
    window.tabs.tabBar().setFocus()
    press(qtbot, window.tabs.tabBar(), Qt.Key.Key_2, CTRL)
    assert window.registration.tabs.currentIndex() == 1
    press(qtbot, focused(), Qt.Key.Key_2, ALT)
    personnel = window.personnel.inner
    assert isinstance(personnel, PersonnelWindow)
    press(qtbot, focused(), Qt.Key.Key_3, CTRL)
    assert personnel.tabs.currentIndex() == 2


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
def test_f11_opens_the_hall_screen_from_every_window(
    qtbot: QtBot, window: MainWindow, tab: int
) -> None:
    press(qtbot, focused(), Qt.Key(Qt.Key.Key_1 + tab), ALT)
    assert window.tabs.currentIndex() == tab
    press(qtbot, focused(), Qt.Key.Key_F11)
    info = window.information.inner
    assert isinstance(info, InformationWindow)
    board = info.board_page.board
    assert board is not None and board.isFullScreen()
    board.close()
    settle(qtbot, window)


def test_an_error_line_does_not_move_the_fields_below(qtbot: QtBot, window: MainWindow) -> None:
    form = window.registration.people.form
    below = form.grid.editors["phone"]
    before = below.mapTo(form, QPoint(0, 0))
    type_into(
        qtbot, form.id_number, factories.bad_check_digit(factories.resident_id(factories.ZHANG))
    )
    assert form.grid.error_text("id_number")
    QApplication.processEvents()
    assert below.mapTo(form, QPoint(0, 0)) == before


def test_english_checklist_and_methods_and_unclipped_sex_column(
    qtbot: QtBot, services: Services
) -> None:
    factories.person(services, "14022619800301123", "张三")
    factories.person(services, "14022619850402224", "李芳")  # a woman
    window = open_main_window(qtbot, services, "en")
    try:
        press(qtbot, focused(), Qt.Key.Key_2, ALT)
        personnel = window.personnel.inner
        assert isinstance(personnel, PersonnelWindow)
        boxes = [b.text() for b in personnel.receive.findChildren(QCheckBox)]
        assert "CV form" in boxes and "Labour contract" in boxes
        assert not any("\u4e00" <= ch <= "\u9fff" for text in boxes for ch in text)
        methods = [
            personnel.panel.method.itemText(i) for i in range(personnel.panel.method.count())
        ]
        assert methods == ["By post", "Collected in person", "Confidential mail"]
        # the sex column of the job seekers shows "Female" whole, not "Fe…"
        panel = window.registration.people.panel
        wait_until(qtbot, window, lambda: panel.model.rowCount() == 2)
        table = panel.table
        column = 1
        assert panel.model.headerData(column, Qt.Orientation.Horizontal) == "Sex"
        for row in range(panel.model.rowCount()):
            text = str(panel.model.index(row, column).data())
            room = table.columnWidth(column) - 2 * table.style().pixelMetric(
                table.style().PixelMetric.PM_FocusFrameHMargin
            )
            assert table.fontMetrics().horizontalAdvance(text) <= room, text
        # the filters are not clipped: each as wide as its longest choice needs
        for combo in panel.filters.values():
            assert combo.width() >= combo.sizeHint().width()
    finally:
        make_app("zh_CN")


def test_the_save_file_dialog_speaks_chinese(qtbot: QtBot, window: MainWindow) -> None:
    dialog = QFileDialog(window, "另存为 PDF")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(type(window.market_label))]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    dialog.close()
