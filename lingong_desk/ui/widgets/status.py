"""A one-line banner at the top of a form: what just happened, in colour."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

STYLES = {
    "info": "background: #e8f0fe; color: #1a3d7c; padding: 6px; border-radius: 3px;",
    "success": "background: #e6f4ea; color: #1e5631; padding: 6px; border-radius: 3px;",
    "error": "background: #fce8e6; color: #8c1d18; padding: 6px; border-radius: 3px;",
}


class Banner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.kind = ""
        self.hide()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(STYLES[kind])
        self.setText(text)
        self.show()

    def info(self, text: str) -> None:
        self._show("info", text)

    def success(self, text: str) -> None:
        self._show("success", text)

    def error(self, text: str) -> None:
        self._show("error", text)

    def clear(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()
