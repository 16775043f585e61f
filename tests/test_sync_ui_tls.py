"""The enrolment dialog: a certificate fingerprint to pin, and plain http only by choice."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from lingong_desk.services.registry import Services
from lingong_desk.ui.sync_dialogs import EnrollDialog
from tests.test_sync_ui import open_window
from tests.ui_helpers import type_into


def test_the_dialog_asks_for_https_or_the_setting_and_a_real_fingerprint(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    w = open_window(qtbot, services, tmp_path)
    dialog = w.sync.open_enroll()
    assert isinstance(dialog, EnrollDialog)
    type_into(qtbot, dialog.server_url, "http://192.0.2.10:8600")
    type_into(qtbot, dialog.code, "AAAAA-BBBBB-CCCCC")
    dialog.submit()  # nothing is sent: plain http to another computer
    assert "not encrypted" in dialog.grid.error_text("server_url")
    assert dialog.enroll_button.isEnabled()
    dialog.server_url.clear()
    type_into(qtbot, dialog.server_url, "https://192.0.2.10")
    type_into(qtbot, dialog.fingerprint, "3A:7F")
    dialog.submit()
    assert "64 hexadecimal" in dialog.grid.error_text("fingerprint")
    assert dialog.grid.error_text("server_url") == ""
    folder = os.environ.get("LINGONG_SHOTS")
    if folder:  # a look at the dialog as the clerk sees it
        for width, height in ((1024, 768), (1366, 768)):
            w.resize(width, height)
            dialog.adjustSize()
            dialog.grab().save(str(Path(folder) / f"enroll-{width}.png"))
    assert dialog.sizeHint().width() <= 1024 and dialog.sizeHint().height() <= 768
