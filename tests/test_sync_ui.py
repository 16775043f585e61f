"""Sync in the window: status bar, Sync now, enrolment, needs attention, bundles."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lingong_desk.services.registry import Services
from lingong_desk.settings import Settings, load_settings
from lingong_desk.sync.client import SyncClient
from lingong_desk.sync.outbox import record_results
from lingong_desk.sync.protocol import Result
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow
from lingong_desk.ui.sync_dialogs import AttentionDialog, EnrollDialog
from tests.test_sync_client import QUICK, silent  # noqa: F401  (silent: a fixture)
from tests.test_sync_support import (
    City,
    fake_enrolment,
    fill,
    outbox,
    register,
    running_city,
)
from tests.ui_helpers import WAIT_MS, settle, type_into


@pytest.fixture
def city(tmp_path: Path) -> Iterator[City]:
    with running_city(tmp_path) as c:
        yield c


def open_window(qtbot: QtBot, services: Services, tmp_path: Path, url: str = "") -> MainWindow:
    make_app("en")
    w = build_window(
        services,
        "王芳",
        Settings(data_dir=str(tmp_path / "data"), server_url=url),
        tmp_path / "settings.json",
    )
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle(qtbot, w)
    return w


def wait_for(qtbot: QtBot, window: MainWindow, condition: object, timeout: int = WAIT_MS) -> None:
    def check() -> None:
        settle(qtbot, window)
        assert condition()  # type: ignore[operator]

    qtbot.waitUntil(check, timeout=timeout)


def test_a_desk_not_enrolled_says_so_and_starts_no_thread(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    fill(services)
    w = open_window(qtbot, services, tmp_path)
    controls = w.sync
    assert "Not enrolled" in controls.widget.label.text()
    assert "oldest unsent" in controls.widget.label.text()
    assert not controls.widget.attention.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_F9)
    settle(qtbot, w)
    assert "not enrolled" in controls.message
    assert controls.syncer._thread is None


def test_enrolling_in_the_dialog_then_syncing(
    qtbot: QtBot, services: Services, tmp_path: Path, city: City
) -> None:
    fill(services)
    w = open_window(qtbot, services, tmp_path)
    dialog = w.sync.open_enroll()
    assert isinstance(dialog, EnrollDialog)
    assert dialog.server_url.text() == ""  # none in Settings yet
    dialog.submit()
    assert dialog.grid.error_text("server_url") != ""
    type_into(qtbot, dialog.server_url, city.url)
    dialog.submit()  # no code yet
    assert dialog.grid.error_text("code") != ""
    type_into(qtbot, dialog.code, city.code())
    qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, w, lambda: dialog.banner.kind == "success")
    assert "desk 1" in dialog.banner.text()
    wait_for(qtbot, w, lambda: w.sync.syncer.last_report is not None)
    report = w.sync.syncer.last_report
    assert report is not None and report.ok and report.applied == len(outbox(services))
    wait_for(qtbot, w, lambda: "last sync" in w.sync.widget.label.text())
    assert "oldest unsent" not in w.sync.widget.label.text()
    assert load_settings(tmp_path / "settings.json").server_url == city.url
    dialog.reject()
    # a change made now goes up with the next round, started by F9
    register(services, "14022619750606456", "赵六")
    before = report
    w.activateWindow()  # the window manager gives the window back its focus
    qtbot.waitUntil(w.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(w, Qt.Key.Key_F9)
    wait_for(qtbot, w, lambda: w.sync.syncer.last_report is not before)
    assert w.sync.syncer.last_report is not None and w.sync.syncer.last_report.applied > 0
    assert services.sync.status().pending == 0


class HeldLink(httpx.HTTPTransport):
    """A link that holds every request until the test opens ``gate``: a round
    of sync stays in flight for exactly as long as the test needs it to."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.gate.wait()
        return super().handle_request(request)


def test_a_slow_link_never_holds_up_the_window(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    silent: str,  # noqa: F811
) -> None:
    fill(services)
    fake_enrolment(services.sync, url=silent)
    gate = threading.Event()
    services.sync.client_factory = lambda url, cred: SyncClient(
        url, cred, transport=HeldLink(gate), timeout=QUICK
    )
    try:
        w = open_window(qtbot, services, tmp_path)
        syncer = w.sync.syncer
        assert syncer.running  # the first round waits on the held link
        register(services, "14022619750606456", "赵六")  # what the window's worker does meanwhile
        w.desk.worker.submit(services.people.count, lambda n: None)
        assert w.desk.worker.wait(WAIT_MS)
        QApplication.processEvents()
        assert syncer.running  # the window's work was done while the round was still out
    finally:
        gate.set()  # the request goes on to the silent server, which never answers
    wait_for(qtbot, w, lambda: not syncer.running)
    assert syncer.last_report is not None and syncer.last_report.error is not None
    assert syncer.last_report.error.kind == "timeout"
    assert not syncer.online and syncer.prober.isActive()  # probing until the link is back
    assert "not reachable" in w.sync.widget.label.text()
    w.close()
    assert syncer._thread is not None and not syncer._thread.isRunning()


def test_needs_attention_lists_refused_changes_until_dismissed(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    ids = fill(services)
    person = next(e for e in outbox(services) if e.row_id == ids["张三"])
    with services.sync.sessions.writer() as s, s.begin():
        record_results(s, [Result(person.seq, "rejected", "identity differs at the city")])
    w = open_window(qtbot, services, tmp_path)
    button = w.sync.widget.attention
    assert button.isVisible() and button.text() == "Needs attention: 1"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, w)
    dialog = w.findChild(AttentionDialog, "attention_dialog")
    assert dialog is not None and dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(4)]
    assert cells[1].startswith("Job seeker") and cells[2] == "张三"
    assert cells[3] == "identity differs at the city"
    assert not dialog.dismiss_button.isEnabled()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, w, lambda: dialog.table.rowCount() == 0)
    assert dialog.banner.kind == "success"
    wait_for(qtbot, w, lambda: not button.isVisible())
    assert services.sync.status().rejected == 0


def test_bundles_from_the_menu(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    fill(services)
    fake_enrolment(services.sync, city_key=Ed25519PrivateKey.generate())
    w = open_window(qtbot, services, tmp_path)
    syncer = w.sync.syncer
    wait_for(qtbot, w, lambda: syncer.last_report is not None)  # nobody at the address
    assert syncer.last_report is not None and syncer.last_report.error is not None
    assert syncer.last_report.error.kind == "offline" and not syncer.online
    folder = tmp_path / "usb"
    w.sync.export_to(folder)
    wait_for(qtbot, w, lambda: "bundle file" in w.sync.message)
    assert len(list(folder.glob("*.lgbundle"))) == 1
    assert services.sync.status().pending == len(outbox(services))  # still to be sent
    bad = tmp_path / "bad.lgbundle"
    bad.write_bytes(b"not a bundle")
    w.sync.import_from(bad)
    wait_for(qtbot, w, lambda: "cannot be used" in w.sync.message)
