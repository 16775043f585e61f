"""The knowledge base: answers searched as the clerk types, and edited in place."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.services.information import (
    ArticleDraft,
    ArticleRow,
    InformationRefused,
    InformationService,
)
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.information.log_page import refusal_text
from lingong_desk.ui.widgets.status import Banner


class KnowledgePage(QWidget):
    def __init__(
        self, desk: Desk, service: InformationService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service = service
        self.article_id: uuid.UUID | None = None
        self._query_no = 0
        self.banner = Banner()
        self.search = QLineEdit()
        self.search.setObjectName("knowledge_search")
        self.search.setPlaceholderText(self.tr("Search answers: words or pinyin initials (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("knowledge_results")
        self.title = QLineEdit()
        self.title.setObjectName("article_title")
        self.tags = QLineEdit()
        self.tags.setObjectName("article_tags")
        self.body = QPlainTextEdit()
        self.body.setObjectName("article_body")
        self.save_button = QPushButton(self.tr("Save article (Ctrl+S)"))
        self.save_button.setObjectName("save_article")
        new_button = QPushButton(self.tr("New article (Ctrl+N)"))
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search)
        lv.addWidget(self.results, 1)
        right = QWidget()
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Tags"), self.tags)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(form)
        rv.addWidget(QLabel(self.tr("Answer")))
        rv.addWidget(self.body, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(new_button)
        buttons.addWidget(self.save_button)
        rv.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        self.search.textChanged.connect(lambda _t: self.run_search())
        self.search.returnPressed.connect(self._open_first)
        self.results.currentItemChanged.connect(self._picked)
        self.save_button.clicked.connect(self.save)
        new_button.clicked.connect(self.new_article)
        for keys, slot in (
            ("Ctrl+S", self.save),
            ("Ctrl+N", self.new_article),
            ("Ctrl+F", self.search.setFocus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.new_button = new_button
        # the knowledge base is a supervisor's to edit; clerks read it
        desk.bus.clerk_changed.connect(lambda _clerk: self.apply_role())
        self.apply_role()

    def apply_role(self) -> None:
        editor = self.desk.services.ctx.is_supervisor
        for widget in (self.save_button, self.new_button):
            widget.setVisible(editor)
        for edit in (self.title, self.tags):
            edit.setReadOnly(not editor)
        self.body.setReadOnly(not editor)

    def run_search(self) -> None:
        self._query_no += 1
        number, query = self._query_no, self.search.text()

        def done(rows: list[ArticleRow]) -> None:
            if number == self._query_no:  # an older answer must not replace a newer one
                self.show_results(rows)

        self.desk.worker.submit(lambda: self.service.search_articles(query), done)

    def show_results(self, rows: list[ArticleRow]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(row.title)
            item.setData(Qt.ItemDataRole.UserRole, row)
            item.setToolTip(row.tags)
            self.results.addItem(item)
        self.results.blockSignals(False)
        selected = next(
            (i for i in range(len(rows)) if rows[i].id == self.article_id), 0 if rows else -1
        )
        if selected >= 0:
            self.results.setCurrentRow(selected)

    def _open_first(self) -> None:
        if self.results.count():
            self.results.setCurrentRow(0)
            self.body.setFocus()

    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        row: ArticleRow = item.data(Qt.ItemDataRole.UserRole)
        self.article_id = row.id
        self.title.setText(row.title)
        self.tags.setText(row.tags)
        self.body.setPlainText(row.body)

    def new_article(self) -> None:
        self.article_id = None
        self.results.clearSelection()
        for edit in (self.title, self.tags):
            edit.clear()
        self.body.clear()
        self.title.setFocus()

    def save(self) -> None:
        if not self.desk.services.ctx.is_supervisor:
            return  # Ctrl+S of a clerk: the knowledge base is read-only for them
        draft = ArticleDraft(self.title.text(), self.body.toPlainText(), self.tags.text())
        article_id = self.article_id

        def saved(row: ArticleRow) -> None:
            self.article_id = row.id
            self.banner.success(self.tr("Article saved: {title}").format(title=row.title))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, InformationRefused):
                self.banner.error(refusal_text(exc))
            else:
                self.banner.error(
                    self.tr("The article could not be saved: {error}").format(error=exc)
                )

        self.desk.worker.submit(lambda: self.service.save_article(draft, article_id), saved, failed)
