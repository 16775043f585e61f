"""Information (信息咨询): the enquiry log, the knowledge base and the public job board."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from lingong_desk.db.models import Consultation, Employer, JobPosting, KnowledgeArticle, Market
from lingong_desk.db.postings import taking_referrals
from lingong_desk.db.search import derived_columns
from lingong_desk.domain.calendar import day_start, market_time
from lingong_desk.domain.enums import (
    ConsultChannel,
    EmployerKind,
    PayUnit,
    ServiceWindow,
    WorkForm,
)
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP
from lingong_desk.domain.identifiers import IdentifierError, validate_mobile
from lingong_desk.services.context import ServiceContext
from lingong_desk.services.knowledge_seed import SEED
from lingong_desk.services.outputs import Output, PrintJob, record_output
from lingong_desk.services.people import pay_text

Translate = Callable[[str, str], str]
C = "information"
BOARD_LAYOUTS = ("a4", "a3")

# Quick topic choices; the UI shows them translated and stores what the clerk picked.
QUICK_TOPICS = (
    QT_TRANSLATE_NOOP("information", "Job vacancies"),
    QT_TRANSLATE_NOOP("information", "Job seeker registration"),
    QT_TRANSLATE_NOOP("information", "Social insurance subsidy"),
    QT_TRANSLATE_NOOP("information", "Hardship certification"),
    QT_TRANSLATE_NOOP("information", "Personnel files"),
    QT_TRANSLATE_NOOP("information", "Skills training"),
    QT_TRANSLATE_NOOP("information", "Wages and disputes"),
)


class InformationRefused(ValueError):
    """Why an enquiry or article cannot be stored; ``message`` is a catalogue text."""

    def __init__(self, message: str, field: str = "", **params: object) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.field = field
        self.params = params


@dataclass(frozen=True)
class ConsultationDraft:
    channel: str
    topic: str
    question: str = ""
    answer: str = ""
    resolved: bool = True
    passed_to_window: str | None = None
    caller_name: str = ""
    caller_phone: str = ""


@dataclass(frozen=True)
class ConsultationRow:
    id: uuid.UUID
    at: dt.datetime  # China time
    channel: str
    topic: str
    question: str
    answer: str
    resolved: bool
    passed_to_window: str | None
    caller_name: str
    caller_phone_masked: str


@dataclass(frozen=True)
class ArticleDraft:
    title: str
    body: str
    tags: str = ""


@dataclass(frozen=True)
class ArticleRow:
    id: uuid.UUID
    title: str
    body: str
    tags: str


@dataclass(frozen=True)
class BoardPosting:
    """One open posting as the public may see it: no personal names or phones."""

    id: uuid.UUID
    title: str
    employer: str
    occupation: str
    pay: str
    pay_unit: str
    work_form: str
    place: str
    open_places: int
    meals: bool
    lodging: bool


# the common answers an empty knowledge base starts with, each with its policy basis
SEED_ARTICLES = tuple(ArticleDraft(a.title, a.text(), a.tags) for a in SEED)


def _mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 else phone


class InformationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ---- the enquiry log -------------------------------------------------
    def log(self, draft: ConsultationDraft) -> ConsultationRow:
        """Record one enquiry; a refusal stores nothing."""
        if draft.channel not in {c.value for c in ConsultChannel}:
            raise InformationRefused(
                QT_TRANSLATE_NOOP(C, "Choose how the enquiry came in."), "channel"
            )
        topic = draft.topic.strip()
        if not topic:
            raise InformationRefused(QT_TRANSLATE_NOOP(C, "Enter the topic."), "topic")
        if len(topic) > 60:
            raise InformationRefused(
                QT_TRANSLATE_NOOP(C, "The topic is too long (60 characters at most)."), "topic"
            )
        window = draft.passed_to_window or None
        if window is not None and window not in {w.value for w in ServiceWindow}:
            raise InformationRefused(QT_TRANSLATE_NOOP(C, "Choose the window."), "passed_to_window")
        phone = ""
        if draft.caller_phone.strip():
            try:
                phone = validate_mobile(draft.caller_phone)
            except IdentifierError as exc:
                raise InformationRefused(exc.message, "caller_phone", **exc.params) from exc
        name = draft.caller_name.strip()
        if len(name) > 40:
            raise InformationRefused(QT_TRANSLATE_NOOP(C, "The name is too long."), "caller_name")
        with self.ctx.session() as s:
            row = Consultation(
                at=self.ctx.now(),
                channel=draft.channel,
                topic=topic,
                question=draft.question.strip(),
                answer=draft.answer.strip(),
                resolved=draft.resolved and window is None,
                passed_to_window=window,
                person_id=None,
                caller_name=name,
                caller_phone=phone,
            )
            s.add(row)
            s.flush()
            self.ctx.audit(s, "consultation.log", "consultation", row.id, channel=draft.channel)
            return self._row(row)

    def _row(self, c: Consultation) -> ConsultationRow:
        return ConsultationRow(
            c.id,
            market_time(c.at),
            c.channel,
            c.topic,
            c.question,
            c.answer,
            c.resolved,
            c.passed_to_window,
            c.caller_name,
            _mask_phone(c.caller_phone),
        )

    def todays_log(self, day: dt.date | None = None) -> list[ConsultationRow]:
        """Enquiries of the market's calendar day, newest first."""
        day = day or self.ctx.today()
        start = day_start(day).astimezone(dt.UTC)
        end = start + dt.timedelta(days=1)
        with self.ctx.reading() as s:
            rows = s.scalars(
                select(Consultation)
                .where(
                    Consultation.at >= start,
                    Consultation.at < end,
                    Consultation.deleted_at.is_(None),
                )
                .order_by(Consultation.at.desc())
            )
            return [self._row(c) for c in rows]

    # ---- the knowledge base ------------------------------------------------
    def seed_articles(self) -> int:
        """Fill an empty knowledge base with the common answers; returns how many were added."""
        with self.ctx.session() as s:
            count = s.scalar(
                select(func.count())
                .select_from(KnowledgeArticle)
                .where(KnowledgeArticle.deleted_at.is_(None))
            )
            if count:
                return 0
            for draft in SEED_ARTICLES:
                s.add(self._article(KnowledgeArticle(), draft))
            return len(SEED_ARTICLES)

    @staticmethod
    def _article(a: KnowledgeArticle, draft: ArticleDraft) -> KnowledgeArticle:
        a.title = draft.title.strip()
        a.body = draft.body.strip()
        a.tags = " ".join(draft.tags.replace("，", " ").replace(",", " ").split())
        keys = derived_columns("knowledge_article", {"title": a.title, "tags": a.tags})
        a.search_pinyin, a.search_initials = keys["search_pinyin"], keys["search_initials"]
        return a

    def save_article(self, draft: ArticleDraft, article_id: uuid.UUID | None = None) -> ArticleRow:
        self.ctx.require_supervisor(
            QT_TRANSLATE_NOOP("validation", "Only a supervisor can edit the knowledge base.")
        )
        if not draft.title.strip():
            raise InformationRefused(QT_TRANSLATE_NOOP(C, "Enter the title."), "title")
        if len(draft.title.strip()) > 120:
            raise InformationRefused(
                QT_TRANSLATE_NOOP(C, "The title is too long (120 characters at most)."), "title"
            )
        if not draft.body.strip():
            raise InformationRefused(QT_TRANSLATE_NOOP(C, "Enter the answer."), "body")
        with self.ctx.session() as s:
            if article_id is None:
                article = KnowledgeArticle()
                s.add(article)
            else:
                found = s.get(KnowledgeArticle, article_id)
                if found is None or found.deleted_at is not None:
                    raise InformationRefused(QT_TRANSLATE_NOOP(C, "This article no longer exists."))
                article = found
            self._article(article, draft)
            s.flush()
            self.ctx.audit(s, "knowledge.save", "knowledge_article", article.id)
            return ArticleRow(article.id, article.title, article.body, article.tags)

    def article(self, article_id: uuid.UUID) -> ArticleRow | None:
        with self.ctx.reading() as s:
            a = s.get(KnowledgeArticle, article_id)
            if a is None or a.deleted_at is not None:
                return None
            return ArticleRow(a.id, a.title, a.body, a.tags)

    def search_articles(self, query: str, limit: int = 50) -> list[ArticleRow]:
        """Every word must match the title, tags, body, full pinyin or pinyin initials.

        The knowledge base of a market holds tens to a few hundred articles, so they are
        matched in memory rather than through index ranges. Title hits rank first.
        """
        words = query.lower().split()
        with self.ctx.reading() as s:
            articles = list(
                s.scalars(
                    select(KnowledgeArticle)
                    .where(KnowledgeArticle.deleted_at.is_(None))
                    .order_by(KnowledgeArticle.title)
                )
            )
        ranked: list[tuple[int, ArticleRow]] = []
        for a in articles:
            rank = 0
            for word in words:
                if word in a.title.lower() or a.search_initials.startswith(word):
                    continue
                if (
                    word in a.tags.lower()
                    or word in a.search_pinyin
                    or (word.isascii() and word in a.search_initials)
                ):
                    rank = max(rank, 1)
                elif word in a.body.lower():
                    rank = 2
                else:
                    break
            else:
                ranked.append((rank, ArticleRow(a.id, a.title, a.body, a.tags)))
        ranked.sort(key=lambda r: r[0])
        return [row for _rank, row in ranked[:limit]]

    # ---- the public job board -------------------------------------------
    def board_postings(self, limit: int = 200) -> list[BoardPosting]:
        """The postings that take referrals (open, places left, not ended), newest first,
        without personal data."""
        today = self.ctx.today()
        with self.ctx.reading() as s:
            rows = s.scalars(
                select(JobPosting)
                .join(Employer, Employer.id == JobPosting.employer_id)
                .where(*taking_referrals(today))
                .order_by(JobPosting.published_at.desc())
                .limit(limit)
            )
            out = []
            for p in rows:
                household = p.employer.kind == EmployerKind.HOUSEHOLD
                out.append(
                    BoardPosting(
                        p.id,
                        p.title,
                        "" if household else p.employer.name,
                        self.ctx.catalogue.name(p.occupation_code),
                        pay_text(p.pay_min, p.pay_max),
                        p.pay_unit,
                        p.work_form,
                        p.work_address,
                        p.headcount - p.headcount_filled,
                        p.meals,
                        p.lodging,
                    )
                )
            return out

    def market_contact(self) -> tuple[str, str, str]:
        """(name, phone, address) of this market: the only contact shown to the public."""
        with self.ctx.reading() as s:
            m = s.get(Market, self.ctx.market_code)
            if m is None:
                return self.ctx.market_code, "", ""
            return m.name, m.phone, m.address

    def render_board(self, layout: str, tr: Translate) -> PrintJob:
        """Wall sheets of the open postings (A4 or A3), in large type."""
        if layout not in BOARD_LAYOUTS:
            raise ValueError(f"unknown layout {layout}")
        from lingong_desk.printing.job_board import BoardSheetData, SheetPosting, render_board

        name, phone, address = self.market_contact()
        postings = tuple(
            SheetPosting(
                title=p.title,
                employer=p.employer,
                pay=f"{p.pay} {tr('enums', PayUnit(p.pay_unit).label)}".strip() if p.pay else "",
                work_form=tr("enums", WorkForm(p.work_form).label),
                place=p.place,
                open_places=p.open_places,
                meals=p.meals,
                lodging=p.lodging,
            )
            for p in self.board_postings()
        )
        data = BoardSheetData(name, phone, address, self.ctx.today(), postings)
        return render_board(data, layout, tr)

    def record_print(self, job: PrintJob, how: Output) -> None:
        """Wall sheets went to a printer or a file: audit who did it."""
        with self.ctx.session() as s:
            record_output(self.ctx, s, job, how)
