"""Windows sized to the screen they open on (county PCs: 1024×768 and 1366×768)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A window manager's title bar and borders around a top-level window: the
# program asks for its size without them, so it keeps this much in reserve.
FRAME = QSize(16, 40)
# Screens up to this size are small: the main window opens maximized on them.
SMALL_SCREEN = QSize(1366, 768)


def available(widget: QWidget | None = None) -> QRect:
    """The usable part (without task bars) of the screen ``widget`` is on."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(wanted: QSize, widget: QWidget | None = None) -> QSize:
    """``wanted`` made small enough that the window and its frame fit the screen."""
    room = available(widget).size() - FRAME
    return QSize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to ``width``×``height``, or less on a small screen.

    A dialog is not moved: Qt centres it over its parent and keeps it on the screen."""
    window.resize(fitted(QSize(width, height), window))


def is_small_screen(widget: QWidget | None = None) -> bool:
    area = available(widget).size()
    return area.width() <= SMALL_SCREEN.width() and area.height() <= SMALL_SCREEN.height()


def show_main_window(window: QWidget, width: int = 1360, height: int = 760) -> None:
    """Maximized on a small screen; on a larger one a comfortable size, centred."""
    if is_small_screen(window):
        window.showMaximized()
        return
    resize_to_fit(window, width, height)
    area, size = available(window), window.size()
    window.move(
        area.x() + (area.width() - size.width() - FRAME.width()) // 2,
        area.y() + (area.height() - size.height() - FRAME.height()) // 2,
    )
    window.show()
