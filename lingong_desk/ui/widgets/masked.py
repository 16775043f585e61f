"""Fields shown masked (``140226********1234``, ``138****5678``) until a clerk
asks to see them in full, giving the reason (the service audits it).

A masked field stays editable: typing over the mask replaces the value, and
an untouched mask stands for the stored value."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QPushButton, QWidget

from lingong_desk.domain.masking import mask_id_number, mask_phone

MASKS: dict[str, Callable[[str], str]] = {"id_number": mask_id_number, "phone": mask_phone}


class MaskedFields(QObject):
    reveal_requested = Signal(str)  # the field's key

    def __init__(self, editors: dict[str, QLineEdit], parent: QWidget) -> None:
        super().__init__(parent)
        self.editors = editors
        self.masked: dict[str, str] = {}  # field -> the stored value behind the mask
        self.has_record = False
        self.row = QWidget()
        self.layout = QHBoxLayout(self.row)
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        texts = {"id_number": self.tr("Show ID number…"), "phone": self.tr("Show mobile…")}
        for key, editor in editors.items():
            button = QPushButton(texts[key])
            button.setObjectName(f"reveal_{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=key: self.reveal_requested.emit(k))
            button.hide()
            self.buttons[key] = button
            editor.textEdited.connect(lambda _t, k=key: self.update(k))

    def add_to_row(self, widget: QWidget) -> QWidget:
        """The row: ``widget`` (stretching), then the buttons."""
        self.layout.addWidget(widget, 1)
        for button in self.buttons.values():
            self.layout.addWidget(button)
        return self.row

    def value(self, key: str) -> str:
        editor = self.editors[key]
        full = self.masked.get(key)
        if full is not None and editor.text() == MASKS[key](full):
            return full
        return editor.text()

    def put(self, key: str, full: str, shown: bool) -> None:
        editor = self.editors[key]
        editor.blockSignals(True)
        if shown or not full:
            self.masked.pop(key, None)
            editor.setText(full)
        else:
            self.masked[key] = full
            editor.setText(MASKS[key](full))
        editor.blockSignals(False)
        self.update(key)

    def update(self, key: str) -> None:
        full = self.masked.get(key)
        masked = full is not None and self.editors[key].text() == MASKS[key](full)
        self.buttons[key].setVisible(masked and self.has_record)

    def shown_in_full(self) -> set[str]:
        return {key for key in self.editors if key not in self.masked}

    def clear(self) -> None:
        self.masked.clear()
        self.has_record = False
        for button in self.buttons.values():
            button.hide()

    def ask_reason(self, parent: QWidget, name: str, key: str) -> str | None:
        """The reason for showing ``name``'s ``key`` in full; None when cancelled."""
        what = self.tr("ID number") if key == "id_number" else self.tr("mobile number")
        reason, ok = QInputDialog.getText(
            parent,
            self.tr("Show in full"),
            self.tr("Why do you need {name}'s full {what}? (recorded)").format(
                name=name, what=what
            ),
        )
        return reason if ok else None
