"""Choose an employer by typing its name, pinyin initials or credit code."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QWidget

from lingong_desk.services.employers import EmployerService
from lingong_desk.ui.widgets.record_picker import RecordPicker
from lingong_desk.ui.worker import DbWorker


def employer_label(name: str, code: str) -> str:
    return f"{name}（{code}）" if code else name


class EmployerPicker(RecordPicker):
    def __init__(
        self, worker: DbWorker, service: EmployerService, parent: QWidget | None = None
    ) -> None:
        def search(text: str) -> list[tuple[uuid.UUID, str]]:
            rows = service.rows(service.search(text, limit=20))
            return [(r.id, employer_label(r.name, r.code_masked)) for r in rows]

        super().__init__(worker, search, parent)

    def employer_id(self) -> uuid.UUID | None:
        return self.record_id()

    def set_employer(self, employer_id: uuid.UUID | None, label: str) -> None:
        self.set_record(employer_id, label)
