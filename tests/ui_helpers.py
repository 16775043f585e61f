"""Driving the desk window as a clerk would, in tests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from lingong_desk.ui.main_window import MainWindow


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let queued database work finish and its results reach the widgets."""
    for _ in range(5):
        window.desk.worker.wait(10_000)
        QApplication.processEvents()
        qtbot.wait(5)


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

    qtbot.waitUntil(check, timeout=10_000)
