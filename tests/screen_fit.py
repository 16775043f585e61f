"""What "fits the screen" means, checked on a top-level window.

A window is inside the available part of its screen; every visible button,
field and label is inside its window and not clipped (its visible region is
its whole rectangle, after scrolling a scroll area to it); a button, check box
or one-line label is as wide as its text needs; a word-wrapped label as tall.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from lingong_desk.ui.widgets.form import ErrorLine

CHECKED = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QLabel,
    QAbstractSpinBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QAbstractItemView,
)


def describe(w: QWidget) -> str:
    text = ""
    for attr in ("text", "placeholderText", "currentText"):
        value = getattr(w, attr, None)
        if callable(value) and value():
            text = str(value())[:30]
            break
    return f"{type(w).__name__}({w.objectName() or '-'}: {text!r})"


def _skipped(w: QWidget, top: QWidget) -> bool:
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QAbstractItemView, QTabBar, QScrollBar)):
            return True  # an editor in a view, a tab bar's own arrows
        parent = parent.parentWidget()
    return w.objectName().startswith("qt_") or isinstance(w, QScrollBar)


def _scroll_into_view(w: QWidget) -> bool:
    """Scroll every scroll area around ``w`` to it; False when it is larger than the area."""
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            viewport = parent.viewport()
            if w.width() > viewport.width() or w.height() > viewport.height():
                return False
            parent.ensureWidgetVisible(w, 0, 0)
        parent = parent.parentWidget()
    return True


def _unclipped(w: QWidget, top: QWidget) -> QRect:
    """The part of ``w`` (in its own coordinates) that its parents up to ``top`` do not clip."""
    shown = w.rect()
    child, offset = w, QPoint(0, 0)
    while child is not top:
        parent = child.parentWidget()
        if parent is None:
            break
        offset += child.pos()
        shown = shown.intersected(parent.rect().translated(-offset))
        child = parent
    return shown


def problems(top: QWidget) -> list[str]:
    QApplication.processEvents()
    found: list[str] = []
    screen = top.screen().availableGeometry()
    frame = top.frameGeometry()
    if not screen.contains(frame):
        found.append(
            f"{describe(top)} {frame.getRect()} is not inside the screen {screen.getRect()}"
        )
    if top.minimumSizeHint().width() > screen.width():
        found.append(f"{describe(top)} needs {top.minimumSizeHint().width()} px of width")
    for w in top.findChildren(QWidget):
        if not isinstance(w, CHECKED) or w.isWindow() or not w.isVisibleTo(top):
            continue
        if _skipped(w, top):
            continue
        if not _scroll_into_view(w):
            continue
        QApplication.processEvents()
        where = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
        if not top.rect().contains(where):
            found.append(f"{describe(w)} at {where.getRect()} is outside its window {top.size()}")
            continue
        shown = _unclipped(w, top)
        if shown != w.rect():
            found.append(f"{describe(w)} {w.rect().getRect()} shows only {shown.getRect()}")
        if isinstance(w, QAbstractButton) and w.text() and w.sizeHint().width() > w.width():
            found.append(
                f"{describe(w)} is {w.width()} px wide, its text needs {w.sizeHint().width()}"
            )
        if isinstance(w, QLabel) and w.text() and not isinstance(w, ErrorLine):
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + 1:
                    found.append(f"{describe(w)} wraps to more lines than it has room for")
            elif w.minimumSizeHint().width() > w.width() or w.sizeHint().height() > w.height() + 1:
                found.append(f"{describe(w)} is {w.size()}, its text needs {w.sizeHint()}")
        if isinstance(w, (QLineEdit, QComboBox)) and w.height() < w.minimumSizeHint().height() - 2:
            found.append(f"{describe(w)} is squashed to {w.height()} px")
    return found
