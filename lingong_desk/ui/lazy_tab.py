"""A tab whose window is built the first time the clerk opens it (a quicker start)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.build = build
        self.inner: QWidget | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def materialize(self) -> QWidget:
        """The window, built and started on first use."""
        if self.inner is None:
            self.inner = self.build()
            self.layout_.addWidget(self.inner)
            start = getattr(self.inner, "start", None)
            if callable(start):
                start()
        return self.inner
