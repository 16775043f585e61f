"""Windows not built yet: say what they will hold, and where to go meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlannedWindow(QWidget):
    def __init__(self, title: str, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("planned_title")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        note = QLabel(self.tr("This window is not available in this version. It will hold:"))
        body = QLabel("\n".join(f"•  {item}" for item in items))
        body.setObjectName("planned_items")
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addWidget(body)
        layout.addStretch(1)
