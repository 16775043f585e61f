"""The three pages of the registration window: a searchable list beside a form."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from lingong_desk.domain.enums import (
    EmployerKind,
    EmployerStatus,
    PayUnit,
    PersonCategory,
    PersonStatus,
    PostingStatus,
    Sex,
    WorkForm,
)
from lingong_desk.services.changes import EMPLOYERS, PEOPLE, POSTINGS
from lingong_desk.services.employers import EmployerFilters, EmployerRow, PostingFilters, PostingRow
from lingong_desk.services.people import PersonFilters, PersonRow
from lingong_desk.ui.desk import Desk
from lingong_desk.ui.i18n import tr_enum
from lingong_desk.ui.registration.employer_form import EmployerForm
from lingong_desk.ui.registration.person_form import PersonForm
from lingong_desk.ui.registration.posting_form import PostingForm
from lingong_desk.ui.widgets.form import enum_combo, set_combo_value
from lingong_desk.ui.widgets.list_panel import ListPanel
from lingong_desk.ui.widgets.table_model import Column


class ListFormPage(QWidget):
    """List on the left, form on the right; Ctrl+N new, Ctrl+F search, Ctrl+S save."""

    form: Any

    def __init__(
        self,
        panel: ListPanel,
        form: Any,
        loader: Callable[[uuid.UUID], Any],
        desk: Desk,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.panel = panel
        self.form = form
        self.loader = loader
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        # the form is never narrower than it can be laid out; on a small screen
        # the list gives way first, and a low screen scrolls the form. An open
        # record can need more room than an empty form (the "Show ID number…"
        # buttons): the scroll area follows every change of the form's layout.
        self.form_scroll = scroll
        self._fit_form()
        form.installEventFilter(self)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(form.buttons)  # 保存 stays in sight however low the screen
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(panel)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([560, 780])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        panel.opened.connect(self.open_record)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_record),
            (QKeySequence.StandardKey.Find, panel.focus_search),
            (QKeySequence.StandardKey.Save, form.save),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _fit_form(self) -> None:
        scroll = self.form_scroll
        extent = scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        wanted = self.form.minimumSizeHint().width() + extent + 2 * scroll.frameWidth()
        if wanted != scroll.minimumWidth():
            scroll.setMinimumWidth(wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form and event.type() == QEvent.Type.LayoutRequest:
            self._fit_form()
        return super().eventFilter(watched, event)

    def new_record(self) -> None:
        self.form.new_record()
        self.form.focus_first()

    def open_record(self, row_id: uuid.UUID) -> None:
        loader = self.loader
        self.desk.worker.submit(lambda: loader(row_id), self._loaded)

    def _loaded(self, detail: Any) -> None:
        if detail is not None:
            self.form.load(detail)


def _filter(enum: Any, everything: str, default: str | None = None) -> QComboBox:
    combo = enum_combo(enum, everything)
    if default is not None:
        set_combo_value(combo, default)
    return combo


def person_page(desk: Desk) -> ListFormPage:
    people = desk.services.people
    catalogue = desk.services.ctx.catalogue
    columns = [
        Column(
            QCoreApplication.translate("RegistrationPages", "Name", "of a person"), lambda r: r.name
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Sex"), lambda r: tr_enum(r.sex, Sex)
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Age"),
            lambda r: str(r.age),
            align_right=True,
        ),
        Column(QCoreApplication.translate("RegistrationPages", "ID number"), lambda r: r.id_masked),
        Column(QCoreApplication.translate("RegistrationPages", "Mobile"), lambda r: r.phone_masked),
        Column(
            QCoreApplication.translate("RegistrationPages", "Wanted jobs"), lambda r: r.occupations
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Work form"),
            lambda r: tr_enum(r.work_form, WorkForm),
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Status"),
            lambda r: tr_enum(r.status, PersonStatus),
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Registered"),
            lambda r: r.registered_on.isoformat(),
        ),
    ]

    def search(query: str, f: dict[str, str | None]) -> list[uuid.UUID]:
        return people.search(
            query,
            PersonFilters(
                status=f.get("status"),
                sex=f.get("sex"),
                work_form=f.get("work_form"),
                occupation_code=f.get("occupation"),
                category=f.get("category"),
            ),
        )

    def rows(ids: Any) -> list[PersonRow]:
        return people.rows(ids)

    panel = ListPanel(
        desk.worker,
        desk.bus,
        PEOPLE,
        columns,
        search,
        rows,
        QCoreApplication.translate(
            "RegistrationPages", "Search: name, initials (zs), pinyin, ID number or mobile"
        ),
    )
    panel.add_filter(
        "status",
        _filter(PersonStatus, QCoreApplication.translate("RegistrationPages", "All statuses")),
    )
    panel.add_filter(
        "sex", _filter(Sex, QCoreApplication.translate("RegistrationPages", "Both sexes"))
    )
    panel.add_filter(
        "work_form",
        _filter(WorkForm, QCoreApplication.translate("RegistrationPages", "All work forms")),
    )
    occupation = QComboBox()
    occupation.addItem(QCoreApplication.translate("RegistrationPages", "All job types"), None)
    for occ in catalogue:
        occupation.addItem(occ.name, occ.code)
    panel.add_filter("occupation", occupation)
    panel.add_filter(
        "category",
        _filter(PersonCategory, QCoreApplication.translate("RegistrationPages", "All categories")),
    )
    panel.finish_filters()
    panel.set_column_widths([70, 40, 40, 150, 100, 140, 70, 70, 90])
    form = PersonForm(desk)
    return ListFormPage(panel, form, people.detail, desk)


def employer_page(desk: Desk) -> ListFormPage:
    employers = desk.services.employers
    columns = [
        Column(QCoreApplication.translate("RegistrationPages", "Name"), lambda r: r.name),
        Column(
            QCoreApplication.translate("RegistrationPages", "Kind"),
            lambda r: tr_enum(r.kind, EmployerKind),
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Credit code / ID"),
            lambda r: r.code_masked,
        ),
        Column(QCoreApplication.translate("RegistrationPages", "Contact"), lambda r: r.contact),
        Column(QCoreApplication.translate("RegistrationPages", "Mobile"), lambda r: r.phone_masked),
        Column(
            QCoreApplication.translate("RegistrationPages", "Open postings"),
            lambda r: str(r.open_postings),
            align_right=True,
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Status"),
            lambda r: tr_enum(r.status, EmployerStatus),
        ),
    ]

    def search(query: str, f: dict[str, str | None]) -> list[uuid.UUID]:
        return employers.search(query, EmployerFilters(kind=f.get("kind"), status=f.get("status")))

    def rows(ids: Any) -> list[EmployerRow]:
        return employers.rows(ids)

    panel = ListPanel(
        desk.worker,
        desk.bus,
        EMPLOYERS | POSTINGS,  # the list shows each employer's open postings
        columns,
        search,
        rows,
        QCoreApplication.translate(
            "RegistrationPages", "Search: name, initials, credit code or mobile"
        ),
    )
    panel.add_filter(
        "kind", _filter(EmployerKind, QCoreApplication.translate("RegistrationPages", "All kinds"))
    )
    panel.add_filter(
        "status",
        _filter(EmployerStatus, QCoreApplication.translate("RegistrationPages", "All statuses")),
    )
    panel.finish_filters()
    panel.set_column_widths([200, 90, 150, 70, 100, 70, 60])
    form = EmployerForm(desk)
    return ListFormPage(panel, form, employers.detail, desk)


def posting_page(desk: Desk) -> ListFormPage:
    employers = desk.services.employers
    catalogue = desk.services.ctx.catalogue
    columns = [
        Column(QCoreApplication.translate("RegistrationPages", "Job"), lambda r: r.title),
        Column(QCoreApplication.translate("RegistrationPages", "Employer"), lambda r: r.employer),
        Column(QCoreApplication.translate("RegistrationPages", "Job type"), lambda r: r.occupation),
        Column(
            QCoreApplication.translate("RegistrationPages", "Hired / wanted"),
            lambda r: f"{r.filled}/{r.headcount}",
            align_right=True,
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Pay"),
            lambda r: f"{r.pay} {tr_enum(r.pay_unit, PayUnit)}",
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Work form"),
            lambda r: tr_enum(r.work_form, WorkForm),
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Status"),
            lambda r: tr_enum(r.status, PostingStatus),
        ),
        Column(
            QCoreApplication.translate("RegistrationPages", "Published"),
            lambda r: r.published_on.isoformat(),
        ),
    ]

    def search(query: str, f: dict[str, str | None]) -> list[uuid.UUID]:
        return employers.search_postings(
            query,
            PostingFilters(
                status=f.get("status"),
                occupation_code=f.get("occupation"),
                work_form=f.get("work_form"),
            ),
        )

    def rows(ids: Any) -> list[PostingRow]:
        return employers.posting_rows(ids)

    panel = ListPanel(
        desk.worker,
        desk.bus,
        POSTINGS | EMPLOYERS,
        columns,
        search,
        rows,
        QCoreApplication.translate("RegistrationPages", "Search: job, employer, initials"),
    )
    panel.add_filter(
        "status",
        _filter(
            PostingStatus,
            QCoreApplication.translate("RegistrationPages", "All statuses"),
            PostingStatus.OPEN,
        ),
    )
    occupation = QComboBox()
    occupation.addItem(QCoreApplication.translate("RegistrationPages", "All job types"), None)
    for occ in catalogue:
        occupation.addItem(occ.name, occ.code)
    panel.add_filter("occupation", occupation)
    panel.add_filter(
        "work_form",
        _filter(WorkForm, QCoreApplication.translate("RegistrationPages", "All work forms")),
    )
    panel.finish_filters()
    panel.set_column_widths([110, 170, 90, 70, 110, 70, 50, 90])
    form = PostingForm(desk)
    return ListFormPage(panel, form, employers.posting_detail, desk)
