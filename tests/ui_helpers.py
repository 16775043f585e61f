"""Driving the desk window as a clerk would, in tests.

Nothing here waits for a guessed while: ``settle`` waits until the database
worker has nothing left to do, ``wait_until`` until a condition holds (with a
limit meant only to end a test that hangs), and ``tick`` fires a timer now
instead of waiting for its interval.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from lingong_desk.services.registry import Services
from lingong_desk.ui.launch import build_window, make_app
from lingong_desk.ui.main_window import MainWindow

# How long a test waits for a state before it fails: only a test that hangs
# ever reaches it, however busy the machine is.
WAIT_MS = 60_000


def open_main_window(qtbot: QtBot, services: Services, language: str = "zh_CN") -> MainWindow:
    """The program's main window, shown and started as at a clerk's sign-in (王芳),
    with its first lists loaded; pytest-qt closes it."""
    make_app(language)
    window = build_window(services, "王芳")
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle(qtbot, window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let queued database work finish and its results reach the widgets: until
    the worker is idle and delivering its results queued no further work."""
    worker = window.desk.worker
    for _ in range(100):
        assert worker.wait(WAIT_MS), "the database worker is still busy"
        QApplication.processEvents()
        if not worker.busy:
            return
    raise AssertionError("the database worker never became idle")


def tick(timer: QTimer) -> None:
    """Do now what ``timer`` does when its interval is up: a test never waits for it."""
    timer.timeout.emit()


def type_into(qtbot: QtBot, widget: QLineEdit, text: str, clear: bool = True) -> None:
    """Type like a clerk: keys for Latin text and digits, input-method commits for Chinese."""
    widget.setFocus()
    if clear:
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    for chunk in _chunks(text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def _chunks(text: str) -> list[str]:
    out: list[str] = []
    for ch in text:
        if out and out[-1][-1].isascii() == ch.isascii():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, key, modifier)


def wait_until(qtbot: QtBot, window: MainWindow, condition: Callable[[], bool]) -> None:
    def check() -> None:
        settle(qtbot, window)
        assert condition()

    qtbot.waitUntil(check, timeout=WAIT_MS)
