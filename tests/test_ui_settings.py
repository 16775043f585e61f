"""The System menu: settings saved to the settings file, clerk accounts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lingong_desk.services.registry import Services
from lingong_desk.settings import Settings, load_settings
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.settings_dialog import SettingsDialog
from tests.ui_helpers import settle, type_into


@pytest.fixture
def window(qtbot: QtBot, services: Services, tmp_path: Path):  # type: ignore[no-untyped-def]
    make_app("zh_CN")
    w = build_window(
        services, "王芳", Settings(data_dir=str(tmp_path / "data")), tmp_path / "settings.json"
    )
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle(qtbot, w)
    return w


def test_settings_are_checked_and_saved(
    qtbot: QtBot,
    window,
    tmp_path: Path,
    services: Services,  # type: ignore[no-untyped-def]
) -> None:
    window.open_settings()
    settle(qtbot, window)
    dialog = window.findChild(SettingsDialog, "settings_dialog")
    assert dialog is not None and dialog.desk_number.value() == 1
    type_into(qtbot, dialog.server_url, "lingong city")
    dialog.submit()
    assert dialog.grid.error_text("server_url") != ""
    assert not (tmp_path / "settings.json").exists()  # nothing saved
    type_into(qtbot, dialog.server_url, "https://lingong.dt.gov.cn:8443")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.desk_number.setValue(3)
    dialog.validity.setValue(7)
    dialog.submit()
    settle(qtbot, window)
    assert services.referrals.desk_number() == 3
    assert services.referrals.validity_days() == 7
    saved = load_settings(tmp_path / "settings.json")
    assert saved.server_url == "https://lingong.dt.gov.cn:8443"
    assert saved.language == "en"
    assert saved.data_dir == str(tmp_path / "data")


def test_a_supervisor_adds_a_clerk_who_can_then_sign_in(
    qtbot: QtBot,
    window,
    services: Services,  # type: ignore[no-untyped-def]
) -> None:
    dialog = window.open_clerks()
    assert dialog.table.rowCount() == 1
    type_into(qtbot, dialog.name, "李娜")
    type_into(qtbot, dialog.password, "abc123")
    type_into(qtbot, dialog.repeat, "abc124")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.grid.error_text("repeat") != ""
    assert dialog.table.rowCount() == 1
    type_into(qtbot, dialog.repeat, "abc123")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.banner.kind == "success", [dialog.grid.error_text(k) for k in dialog.grid.errors]
    assert dialog.table.rowCount() == 2
    info = services.accounts.sign_in("李娜", "abc123")
    assert info.role == "clerk"
    # a clerk (not a supervisor) may not add accounts
    with pytest.raises(PermissionError):
        services.accounts.add_clerk("赵六", "abc123", "abc123")
