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
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QSizeGrip,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
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


def _text_width(button: QAbstractButton) -> int:
    """What a button's text (and icon) needs: for a push button the text itself,
    not its size hint, which a style rounds up to a minimum button width (80 px
    in Fusion) that a one-glyph button such as ◀ never needs."""
    if not isinstance(button, QPushButton):
        return button.sizeHint().width()
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    width = button.fontMetrics().horizontalAdvance(text)
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
    return width


def _text_room(button: QAbstractButton) -> int:
    """The width a button draws its text in: the style's contents rectangle of a
    push button (its frame and margins off), the whole button otherwise."""
    if not isinstance(button, QPushButton):
        return button.width()
    option = QStyleOptionButton()
    button.initStyleOption(option)
    contents = button.style().subElementRect(
        QStyle.SubElement.SE_PushButtonContents, option, button
    )
    return contents.width()


def _combo_text(combo: QComboBox) -> int:
    width = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if not combo.itemIcon(combo.currentIndex()).isNull():
        width += combo.iconSize().width() + 4
    return width


def _combo_room(combo: QComboBox) -> int:
    """The width a combo box shows its current item in (the arrow and frame off)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def _status_bar(top: QWidget) -> list[str]:
    """A main window's status bar holds all it shows, inside its margins: its
    minimum is not part of the window's, so a status bar that needs more than
    the window squeezes or overlaps its widgets with the window still "fitting"."""
    bar = top.statusBar() if isinstance(top, QMainWindow) else None
    if bar is None or not bar.isVisible():
        return []
    found = []
    if bar.minimumSizeHint().width() > bar.width():
        found.append(
            f"the status bar needs {bar.minimumSizeHint().width()} px, it has {bar.width()}"
        )
    inside = bar.contentsRect()
    for w in bar.findChildren(QWidget):
        if w.isVisibleTo(bar) and w.parentWidget() is bar and not w.objectName().startswith("qt_"):
            if isinstance(w, QSizeGrip):
                continue
            where = QRect(w.mapTo(bar, QPoint(0, 0)), w.size())
            if w.width() and not inside.contains(where):
                found.append(
                    f"{describe(w)} at {where.getRect()} is outside the status bar's {inside.getRect()}"
                )
    return found


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
    found += _status_bar(top)
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
        if isinstance(w, QAbstractButton) and w.text() and _text_room(w) < _text_width(w):
            found.append(
                f"{describe(w)} has {_text_room(w)} px for its text, which needs {_text_width(w)}"
            )
        if isinstance(w, QLabel) and w.text() and not isinstance(w, ErrorLine):
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + 1:
                    found.append(f"{describe(w)} wraps to more lines than it has room for")
            elif w.minimumSizeHint().width() > w.width() or w.sizeHint().height() > w.height() + 1:
                found.append(f"{describe(w)} is {w.size()}, its text needs {w.sizeHint()}")
        if isinstance(w, QComboBox) and not w.isEditable() and _combo_room(w) < _combo_text(w):
            found.append(
                f"{describe(w)} has {_combo_room(w)} px for its text, which needs {_combo_text(w)}"
            )
        if isinstance(w, (QLineEdit, QComboBox)) and w.height() < w.minimumSizeHint().height() - 2:
            found.append(f"{describe(w)} is squashed to {w.height()} px")
    return found
