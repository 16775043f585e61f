"""The idle lock, switching clerk, roles on screen, unmasking, backups and the audit trail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.services.audit import AuditFilter
from lingong_desk.services.registry import Services
from lingong_desk.ui.audit_dialog import AuditDialog
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.safety_dialog import RestoreRequest, SafetyDialog
from lingong_desk.ui.widgets.masked import MaskedFields
from tests import factories
from tests.ui_helpers import open_main_window, press, settle, tick, type_into, wait_until

SHOTS = os.environ.get("LINGONG_SCREENSHOTS")  # a folder: save what the tests show


@pytest.fixture
def window(qtbot: QtBot, services: Services) -> MainWindow:
    factories.clerk(services, "李娜")
    return open_main_window(qtbot, services)


def shoot(widget: QWidget, name: str) -> None:
    """Every screen fits 1024x768; with LINGONG_SCREENSHOTS set, save what it shows
    (the main window at 1024x768 and 1366x768, a dialog at its own size)."""
    hint = widget.sizeHint()
    if not isinstance(widget, QMainWindow):
        assert hint.width() <= 1024 and hint.height() <= 768, (name, hint)
    if not SHOTS:
        return
    sizes = ((1024, 768), (1366, 768)) if isinstance(widget, QMainWindow) else ((0, 0),)
    for w, h in sizes:
        if w:
            widget.resize(w, h)
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"{name}-{w or 'dialog'}.png"))


def unlock(qtbot: QtBot, window: MainWindow, name: str, password: str) -> None:
    page = window.safety.lock_page
    settle(qtbot, window)
    page.name.setCurrentText(name)
    type_into(qtbot, page.password, password)
    press(qtbot, page.password, Qt.Key.Key_Return)
    settle(qtbot, window)


def audit_actions(services: Services) -> list[str]:
    services.ctx.clerk_role = "supervisor"  # reading the trail is a supervisor's
    return [r.action for r in services.audit.events(AuditFilter())]


def test_idle_time_locks_the_desk_and_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    form = window.registration.people.form
    type_into(qtbot, form.name, "张三")
    tick(window.safety.idle.timer)  # ten quiet minutes
    settle(qtbot, window)
    assert window.safety.locked
    assert window.safety.stack.currentWidget() is window.safety.lock_page
    assert not window.safety.lock_action.isEnabled()  # the menu waits too
    shoot(window, "lock")
    unlock(qtbot, window, "王芳", "wrong")
    assert window.safety.locked and window.safety.lock_page.banner.kind == "error"
    unlock(qtbot, window, "王芳", factories.PASSWORD)
    assert not window.safety.locked
    assert window.safety.stack.currentWidget() is window.tabs
    assert form.name.text() == "张三"  # nothing typed was lost
    assert window.safety.lock_action.isEnabled()
    assert audit_actions(services)[:4] == [
        "clerk.sign_in",
        "clerk.sign_in_failed",
        "clerk.lock",
        "clerk.create",
    ]


def test_input_keeps_the_desk_unlocked(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle = window.safety.idle
    assert idle.timer.isActive() and idle.timer.interval() == 10 * 60_000
    restarts: list[int] = []
    monkeypatch.setattr(idle.timer, "start", lambda: restarts.append(1))
    type_into(qtbot, window.registration.people.form.name, "zs")
    assert len(restarts) >= 2  # every key starts the ten minutes again
    assert not window.safety.locked


def test_switching_clerk_shows_what_the_role_allows(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    assert window.safety.audit_action.isVisible()
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.safety.locked
    unlock(qtbot, window, "李娜", factories.PASSWORD)
    assert services.ctx.clerk_name == "李娜"
    assert window.clerk_label.text().endswith("李娜")
    assert not window.safety.audit_action.isVisible()
    assert not window.sync.enroll_action.isVisible()
    panel = window.referral.panel
    assert not panel.buttons[ReferralStatus.VOID].isVisibleTo(panel)


def test_a_clerk_unmasks_a_phone_with_a_reason(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    zhang = factories.person(services)
    form = window.registration.people.form
    form.load(zhang)  # opened from the list
    assert form.phone.text() == "138****5678" and form.id_number.text().count("*") == 8
    assert form.masks.buttons["phone"].isVisibleTo(form)
    shoot(window, "person-masked")
    monkeypatch.setattr(MaskedFields, "ask_reason", lambda *_a: "通知面试")
    form.masks.buttons["phone"].click()
    settle(qtbot, window)
    assert form.phone.text() == "13812345678"
    assert not form.masks.buttons["phone"].isVisibleTo(form)
    assert form.id_number.text().count("*") == 8  # one field at a time
    assert audit_actions(services)[0] == "person.unmask"


def test_the_backups_dialog_backs_up_and_offers_a_restore(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    dialog = window.safety.open_backups()
    assert isinstance(dialog, SafetyDialog)
    settle(qtbot, window)
    assert dialog.table.rowCount() == 0
    dialog.backup_button.click()
    settle(qtbot, window)
    assert dialog.table.rowCount() == 1 and dialog.banner.kind == "success"
    assert dialog.restore_button.isVisibleTo(dialog)
    shoot(dialog, "backups")
    path = dialog.chosen()
    assert path is not None and path.exists()
    dialog.restore_chosen()
    settle(qtbot, window)
    box = dialog.findChild(QMessageBox, "confirm_restore")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    QApplication.processEvents()
    assert window.safety.pending_restore == RestoreRequest(path)  # the run loop restores it
    assert not window.isVisible()


def test_a_clerk_sees_the_backups_but_cannot_restore(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    services.accounts.sign_in("李娜", factories.PASSWORD)
    dialog = window.safety.open_backups()
    settle(qtbot, window)
    assert dialog.backup_button.isVisibleTo(dialog)
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert not dialog.settings_box.isVisibleTo(dialog)


def test_the_audit_viewer_filters_and_exports(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    factories.person(services)
    dialog = window.safety.open_audit()
    assert isinstance(dialog, AuditDialog)
    settle(qtbot, window)
    assert dialog.table.rowCount() >= 2
    shoot(dialog, "audit")
    dialog.group.setCurrentIndex(dialog.group.findData("records"))
    dialog.reload()
    settle(qtbot, window)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 3).text().startswith("张三")
    dialog.export(tmp_path / "audit.xlsx")
    settle(qtbot, window)
    assert dialog.banner.kind == "success"
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None and sheet.max_row == 2
    wait_until(qtbot, window, lambda: dialog.table.rowCount() == 1)


def test_the_recovery_code_waits_until_it_is_written_down(qtbot: QtBot) -> None:
    from lingong_desk.db.keystore import DeskKey
    from lingong_desk.ui.safety_dialog import RecoveryCodeDialog

    make_app("zh_CN")
    code = DeskKey.new().recovery_code
    dialog = RecoveryCodeDialog(code)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.text() == code
    shoot(dialog, "recovery-code")
    assert not dialog.ok.isEnabled()
    press(qtbot, dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # not skipped by accident
    dialog.written.setChecked(True)
    dialog.ok.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_supervisor_deactivates_a_clerk_who_left(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    dialog = window.open_clerks()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    dialog.table.selectRow(names.index("李娜"))
    dialog.deactivate_button.click()
    assert dialog.banner.kind == "success"
    assert "李娜" not in services.accounts.clerk_names()
    dialog.table.selectRow(0)  # 王芳 herself
    dialog.deactivate_button.click()
    assert dialog.banner.kind == "error" and "王芳" in services.accounts.clerk_names()


def test_the_run_loop_restores_and_backs_up_at_the_end_of_the_day(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lingong_desk.ui import launch

    app = make_app("zh_CN")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    s = factories.desk(tmp_path)
    live = s.ctx.db.path
    factories.person(s)
    made = s.backups.backup_now().made[0]
    factories.person(s, "14022619850402234", "李四")
    launch._end_of_day(app, s)  # as the program closes
    assert {b.kind for b in s.backups.backups()} == {"manual", "daily"}
    clerk = (s.ctx.clerk_id, s.ctx.clerk_name)
    s.close()
    launch._restore(app, live, launch._Restore(made.path, None, *clerk))
    assert made.path.name in said[-1]  # what was restored, and the copy kept
    s = factories.reopen(live)
    try:
        assert s.people.find_by_id_number(factories.resident_id("14022619850402234")) is None
        assert s.sync.state().epoch > 0
    finally:
        s.close()
    launch._restore(app, live, launch._Restore(tmp_path / "gone.sqlite3", None, *clerk))
    assert len(said) == 2  # the failure is said, the file stays
    assert live.exists()


def test_a_backup_of_another_pc_is_restored_with_its_recovery_code(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from lingong_desk.db.keystore import DeskKey
    from lingong_desk.services.registry import open_services
    from lingong_desk.ui import launch

    make_app("zh_CN")
    old_pc, new_pc = DeskKey.new(), DeskKey.new()
    old = open_services(tmp_path / "old" / "desk.sqlite3", factories.FAST_HASHER, old_pc)
    factories.open_market(old)
    factories.person(old)
    made = old.backups.backup_now().made[0]
    old.close()
    services = open_services(tmp_path / "new" / "desk.sqlite3", factories.FAST_HASHER, new_pc)
    factories.open_market(services)
    w = build_window(services, "王芳")
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle(qtbot, w)
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *_a, **_k: (old_pc.recovery_code.lower(), True)
    )
    dialog = w.safety.open_backups()
    dialog.check_then_confirm(made.path)
    settle(qtbot, w)
    box = dialog.findChild(QMessageBox, "confirm_restore")
    assert box is not None, dialog.banner.kind
    box.button(QMessageBox.StandardButton.Yes).click()
    QApplication.processEvents()
    request = w.safety.pending_restore
    assert request is not None and request.recovery_code
    source = services.backups.source_key(request.recovery_code)
    live, key = services.ctx.db.path, services.ctx.db.key
    services.close()
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    launch._restore(
        QApplication.instance(), live, launch._Restore(made.path, key, None, "", source)
    )
    again = open_services(live, factories.FAST_HASHER, new_pc)  # this PC's key opens it
    try:
        assert again.people.find_by_id_number(factories.resident_id(factories.ZHANG))
    finally:
        again.close()


def test_the_recovery_code_is_shown_after_the_first_supervisor_signs_in(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lingong_desk.db.keystore import DeskKey
    from lingong_desk.services.registry import open_services
    from lingong_desk.ui import launch
    from lingong_desk.ui.safety_dialog import RecoveryCodeDialog

    make_app("zh_CN")
    shown: list[str] = []

    def exec_(dialog: RecoveryCodeDialog) -> int:
        shown.append(dialog.code.text())
        return 1

    monkeypatch.setattr(RecoveryCodeDialog, "exec", exec_)
    key = DeskKey.new()
    s = open_services(tmp_path / "desk.sqlite3", factories.FAST_HASHER, key)
    try:
        factories.open_market(s)
        factories.clerk(s, "李娜")
        s.accounts.sign_in("李娜", factories.PASSWORD)
        launch.show_recovery_code(s)  # a clerk: not for them
        s.accounts.sign_in(factories.CLERK, factories.PASSWORD)
        launch.show_recovery_code(s)
        launch.show_recovery_code(s)  # once only
    finally:
        s.close()
    assert shown == [key.recovery_code]


def test_a_long_open_of_the_data_file_says_why(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first start of a new version migrates the file (a minute at 100,000 job
    seekers): the clerk sees a notice instead of nothing, and the program opens."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from lingong_desk.services.registry import NewerDatabaseError
    from lingong_desk.ui import launch

    app = make_app("zh_CN")
    monkeypatch.setattr(launch, "OPEN_QUIETLY", 0.0)
    shown = threading.Event()
    texts: list[str] = []

    def look() -> None:  # runs in the notice's event loop, on the GUI thread
        for w in app.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                texts.append(w.labelText())
                shoot(w, "opening-data-file")
                shown.set()
                return
        QTimer.singleShot(5, look)

    def slow_open(path: Path) -> Services:  # in the opening thread
        assert shown.wait(60), "no notice while the file was being prepared"
        return factories.blank_desk(path)

    QTimer.singleShot(0, look)
    services = launch._open(app, tmp_path / "desk.sqlite3", slow_open)
    try:
        assert "正在为新版本整理数据文件" in texts[0]
        assert not [
            w for w in app.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        assert services.accounts.needs_setup()
    finally:
        services.close()

    def newer(path: Path) -> Services:
        raise NewerDatabaseError(path, "9999")

    with pytest.raises(NewerDatabaseError):  # what the open raises reaches the caller
        launch._open(app, tmp_path / "desk.sqlite3", newer)
