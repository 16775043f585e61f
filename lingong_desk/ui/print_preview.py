"""Preview, print and save a rendered PDF: the exact bytes, never redrawn."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.services.outputs import Output, PrintJob
from lingong_desk.ui.screen import resize_to_fit
from lingong_desk.ui.widgets.status import Banner
from lingong_desk.ui.worker import DbWorker

log = logging.getLogger(__name__)


def load_pdf(pdf: bytes, parent: QWidget) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes (the buffer must live as long as the document)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Send every page to the printer at its resolution; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        pages = document.pageCount()
        for index in range(pages):
            if index:
                printer.newPage()
            target = painter.viewport()
            points = document.pagePointSize(index)
            dpi = printer.resolution()
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            image = document.render(index, size)
            scale = min(target.width() / size.width(), target.height() / size.height(), 1.0)
            painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        return pages
    finally:
        painter.end()


Render = Callable[[str], PrintJob]
Record = Callable[[PrintJob, Output], object]


class PrintPreview(QDialog):
    """Shows one rendering; what is printed or saved is exactly what is shown.

    ``render(layout)`` runs on the database worker and returns the
    ``PrintJob``; changing the layout renders again. ``record(job, how)`` also
    runs on the worker after exactly ``job.pdf`` went to a printer or a file;
    after a paper print the preview renders again, since the next copy of a
    counted document is a reprint and says so. A saved file is an export.
    """

    def __init__(
        self,
        worker: DbWorker,
        render: Render,
        record: Record,
        layouts: list[tuple[str, str]],
        file_stem: str,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.render_fn = render
        self.record_fn = record
        self.file_stem = file_stem
        self.default_title = title  # shown when the document has no number of its own
        self.job: PrintJob | None = None
        self.document: QPdfDocument | None = None
        self.setWindowTitle(self.tr("Print preview"))
        self.banner = Banner()
        self.title = QLabel()
        self.title.setObjectName("preview_title")
        self.title.setStyleSheet("font-weight: bold;")
        self.layout_box = QComboBox()
        for key, label in layouts:
            self.layout_box.addItem(label, key)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.print_button = QPushButton(self.tr("Print… (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("Save as PDF… (Ctrl+S)"))
        close = QPushButton(self.tr("Close (Esc)"))
        close.setAutoDefault(False)
        self.print_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("Layout")))
        top.addWidget(self.layout_box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.layout_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        close.clicked.connect(self.reject)
        for keys, slot in (("Ctrl+P", self.print_dialog), ("Ctrl+S", self.save_dialog)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        resize_to_fit(self, 760, 900)
        self.refresh()

    def layout_key(self) -> str:
        return str(self.layout_box.currentData())

    def refresh(self) -> None:
        layout = self.layout_key()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.worker.submit(lambda: self.render_fn(layout), self.show_job, self._failed)

    @property
    def pdf(self) -> bytes:
        return self.job.pdf if self.job is not None else b""

    def job_title(self, job: PrintJob) -> str:
        title = job.number or self.default_title
        if job.reprint:
            title += "  " + self.tr("Reprint (copy {n})").format(n=job.print_no)
        return title

    def show_job(self, job: PrintJob) -> None:
        self.job = job
        self.title.setText(self.job_title(job))
        old = self.document
        self.document, self._buffer = load_pdf(self.pdf, self)
        self.view.setDocument(self.document)
        if old is not None:
            old.deleteLater()
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        log.error("rendering failed", exc_info=exc)
        self.banner.error(self.tr("The document could not be made: {error}").format(error=exc))

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        assert self.document is not None
        try:
            print_pdf(self.document, printer)
        except OSError as exc:
            log.error("printing failed", exc_info=exc)
            self.banner.error(self.tr("Not printed: {error}").format(error=exc))
            return
        self._done(Output.PRINTER)

    def save_dialog(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), f"{self.file_stem}.pdf", "PDF (*.pdf)"
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            log.error("saving a PDF failed", exc_info=exc)
            self.banner.error(self.tr("Not saved: {error}").format(error=exc))
            return
        self._done(Output.FILE)

    def _done(self, how: Output) -> None:
        job = self.job
        assert job is not None
        printed = how == Output.PRINTER
        message = self.tr("Sent to the printer.") if printed else self.tr("Saved.")

        def recorded(_result: object) -> None:
            self.banner.success(message)
            if printed:
                self.refresh()  # the next paper copy may be a reprint, and says so

        self.worker.submit(lambda: self.record_fn(job, how), recorded, self._failed)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


def open_preview(
    owner: QWidget,
    worker: DbWorker,
    render: Render,
    record: Record,
    layouts: list[tuple[str, str]],
    file_stem: str,
    title: str = "",
) -> PrintPreview:
    """The one way a window previews a document: open it over ``owner``."""
    dialog = PrintPreview(worker, render, record, layouts, file_stem, title, parent=owner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
