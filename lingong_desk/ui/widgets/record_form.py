"""What the registration forms share: banner, field grid, saving and its errors."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from lingong_desk.domain.registration import DraftRejected
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.widgets.form import FieldGrid, ParseError
from lingong_desk.ui.widgets.status import Banner

log = logging.getLogger(__name__)


class RecordForm(QWidget):
    """A form whose save runs on the database worker and reports beside each field."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.banner = Banner()
        self.grid = FieldGrid(2)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.new_button.setObjectName("new")

    def save(self) -> None:  # overridden
        raise NotImplementedError

    def enter_saves(self) -> None:
        """Enter in any single-line field saves the form."""
        for editor in self.grid.editors.values():
            if isinstance(editor, QLineEdit):
                editor.returnPressed.connect(self.save)

    @staticmethod
    def chain_tabs(widgets: Iterable[QWidget]) -> None:
        for a, b in itertools.pairwise(widgets):
            QWidget.setTabOrder(a, b)

    def clear_line_edits(self) -> None:
        self.grid.clear_errors()
        self.banner.clear()
        for editor in self.grid.editors.values():
            if isinstance(editor, QLineEdit):
                editor.clear()

    def bad_number(self, err: ParseError) -> None:
        key = str(err)
        self.grid.set_error(key, self.tr("Enter a number or a date such as 2026-12-01."))
        self.grid.editors[key].setFocus()

    def submit(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run a save on the worker; the button waits, problems come back to the fields."""
        self.grid.clear_errors()
        self.save_button.setEnabled(False)
        self.banner.info(self.tr("Saving…"))

        def finished(result: Any) -> None:
            self.save_button.setEnabled(True)
            done(result)

        self.desk.worker.submit(fn, finished, self.failed)

    def failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, DraftRejected):
            first = self.grid.show_errors(exc.problems)
            self.banner.error(self.tr("Not saved: please correct the fields marked in red."))
            if first is not None:
                first.setFocus()
            return
        log.error("saving %s failed", type(self).__name__, exc_info=exc)
        self.banner.error(self.tr("Not saved: {error}").format(error=exc))
