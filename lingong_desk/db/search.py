"""Search by name, pinyin initials or full pinyin, ID number, credit code, phone.

Every branch is an index range scan (``col >= p AND col < next(p)``), never a
``LIKE`` or a table scan, so a search stays fast at 100,000 job seekers:
names and pinyin by prefix, ID numbers and phones by prefix or by their last
digits (through the reversed columns).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from lingong_desk.db.models import Employer, JobPosting, Person, PersonOccupation
from lingong_desk.domain.identifiers import normalise_resident_id
from lingong_desk.domain.search_keys import full_pinyin, initials

MIN_DIGITS = 4


def _upper_bound(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def prefix(col: InstrumentedAttribute[Any], text: str) -> ColumnElement[bool]:
    return and_(col >= text, col < _upper_bound(text))


@dataclass(frozen=True)
class PersonFilters:
    status: str | None = None
    sex: str | None = None
    work_form: str | None = None
    occupation_code: str | None = None
    category: str | None = None
    market_code: str | None = None
    include_deleted: bool = False


@dataclass(frozen=True)
class PostingFilters:
    status: str | None = None
    occupation_code: str | None = None
    work_form: str | None = None
    employer_id: uuid.UUID | None = None
    include_deleted: bool = False


@dataclass(frozen=True)
class EmployerFilters:
    kind: str | None = None
    status: str | None = None
    include_deleted: bool = False


@dataclass
class _Branches:
    """One ranked index range per way the query can match.

    Each branch carries the filters and its own LIMIT, so a short query that
    matches thousands ("王", "zh") stops reading the index after ``limit``
    rows instead of collecting every match before ranking.
    """

    id_col: InstrumentedAttribute[Any]
    filters: list[ColumnElement[bool]]
    limit: int
    selects: list[Select[Any]] = field(default_factory=list)

    def add(self, rank: int, *conds: ColumnElement[bool]) -> None:
        branch = (
            select(self.id_col.label("id"), literal(rank).label("rank"))
            .where(*conds, *self.filters)
            .limit(self.limit)
            .subquery()
        )
        self.selects.append(select(branch.c.id, branch.c.rank))


def _text_branches(
    b: _Branches,
    query: str,
    name: InstrumentedAttribute[Any],
    pinyin: InstrumentedAttribute[Any],
    inits: InstrumentedAttribute[Any],
    surname: bool = False,
    substring: bool = False,
) -> None:
    """Name/pinyin branches; ``substring`` for the small tables (employers, postings),
    where a word from the middle of a name ("家政") must find it."""
    if query.isascii() and query.replace(" ", "").isalpha():
        q = query.replace(" ", "").lower()
        b.add(0, inits == q)
        b.add(1, prefix(inits, q))
        b.add(1, prefix(pinyin, q))
        if substring:
            b.add(2, inits.contains(q, autoescape=True))
            b.add(2, pinyin.contains(q, autoescape=True))
    else:
        b.add(0, name == query)
        b.add(1, prefix(name, query))
        if substring:
            b.add(2, name.contains(query, autoescape=True))
        # a name typed as characters also finds homophones typed differently
        b.add(2, prefix(pinyin, full_pinyin(query, surname=surname) or query))


def _is_number_like(query: str) -> bool:
    core = query[:-1] if query[-1:].upper() == "X" else query
    return core.isdigit()


def _ranked(
    b: _Branches, session: Session, base: Select[Any], order: Sequence[Any], limit: int
) -> list[uuid.UUID]:
    if not b.selects:
        return []
    hits = union_all(*b.selects).subquery("hits")
    best = (
        select(hits.c.id, func.min(hits.c.rank).label("rank")).group_by(hits.c.id).subquery("best")
    )
    stmt = base.join(best, best.c.id == b.id_col).order_by(best.c.rank, *order).limit(limit)
    return list(session.scalars(stmt))


def search_people(
    session: Session, query: str, filters: PersonFilters | None = None, limit: int = 500
) -> list[uuid.UUID]:
    f = filters or PersonFilters()
    conds: list[ColumnElement[bool]] = []
    if not f.include_deleted:
        conds.append(Person.deleted_at.is_(None))
    if f.status:
        conds.append(Person.status == f.status)
    if f.sex:
        conds.append(Person.sex == f.sex)
    if f.work_form:
        conds.append(Person.work_form == f.work_form)
    if f.category:
        conds.append(Person.category == f.category)
    if f.market_code:
        conds.append(Person.market_code == f.market_code)
    if f.occupation_code:
        wanted = select(PersonOccupation.person_id).where(
            PersonOccupation.occupation_code == f.occupation_code,
            PersonOccupation.deleted_at.is_(None),
        )
        conds.append(Person.id.in_(wanted))
    base = select(Person.id)
    order = [Person.updated_at.desc()]
    query = query.strip()
    if not query:
        return list(session.scalars(base.where(*conds).order_by(*order).limit(limit)))
    b = _Branches(Person.id, conds, limit)
    if _is_number_like(query):
        q = normalise_resident_id(query)
        if len(q) == 18:
            b.add(0, Person.id_number == q)
        if q.isdigit() and len(q) == 11:
            b.add(0, Person.phone == q)
        if len(q) >= MIN_DIGITS:
            b.add(1, prefix(Person.id_number, q))
            if q.isdigit():
                b.add(1, prefix(Person.phone, q))
                b.add(2, prefix(Person.phone_rev, q[::-1]))
            b.add(2, prefix(Person.id_number_rev, q[::-1]))
    else:
        _text_branches(
            b, query, Person.name, Person.search_pinyin, Person.search_initials, surname=True
        )
    return _ranked(b, session, base, order, limit)


def search_employers(
    session: Session, query: str, filters: EmployerFilters | None = None, limit: int = 500
) -> list[uuid.UUID]:
    f = filters or EmployerFilters()
    conds: list[ColumnElement[bool]] = []
    if not f.include_deleted:
        conds.append(Employer.deleted_at.is_(None))
    if f.kind:
        conds.append(Employer.kind == f.kind)
    if f.status:
        conds.append(Employer.status == f.status)
    base = select(Employer.id)
    order = [Employer.updated_at.desc()]
    query = query.strip()
    if not query:
        return list(session.scalars(base.where(*conds).order_by(*order).limit(limit)))
    b = _Branches(Employer.id, conds, limit)
    q = query.replace(" ", "").upper()
    if len(q) == 18 and q.isalnum():
        b.add(0, Employer.credit_code == q)
        b.add(0, Employer.owner_id_number == q)
    if q.isdigit() and len(q) >= MIN_DIGITS:
        b.add(1, prefix(Employer.contact_phone, q))
    if q.isalnum() and any(c.isdigit() for c in q) and len(q) >= MIN_DIGITS:
        b.add(1, prefix(Employer.credit_code, q))
    if not any(c.isdigit() for c in q):
        _text_branches(
            b,
            query,
            Employer.name,
            Employer.search_pinyin,
            Employer.search_initials,
            substring=True,
        )
    return _ranked(b, session, base, order, limit)


def search_postings(
    session: Session, query: str, filters: PostingFilters | None = None, limit: int = 500
) -> list[uuid.UUID]:
    f = filters or PostingFilters()
    conds: list[ColumnElement[bool]] = []
    if not f.include_deleted:
        conds.append(JobPosting.deleted_at.is_(None))
    if f.status:
        conds.append(JobPosting.status == f.status)
    if f.occupation_code:
        conds.append(JobPosting.occupation_code == f.occupation_code)
    if f.work_form:
        conds.append(JobPosting.work_form == f.work_form)
    if f.employer_id:
        conds.append(JobPosting.employer_id == f.employer_id)
    base = select(JobPosting.id)
    order = [JobPosting.updated_at.desc()]
    query = query.strip()
    if not query:
        return list(session.scalars(base.where(*conds).order_by(*order).limit(limit)))
    b = _Branches(JobPosting.id, conds, limit)
    _text_branches(
        b,
        query,
        JobPosting.title,
        JobPosting.search_pinyin,
        JobPosting.search_initials,
        substring=True,
    )
    employer_ids = search_employers(session, query, limit=50)
    if employer_ids:
        b.add(1, JobPosting.employer_id.in_(employer_ids))
    return _ranked(b, session, base, order, limit)


def person_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a person's name, surname readings applied."""
    return full_pinyin(name, surname=True), initials(name, surname=True)


def text_keys(text: str) -> tuple[str, str]:
    return full_pinyin(text), initials(text)


def derived_columns(entity: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The search keys a row's own fields give (``protocol.RECEIVER_DERIVED``): made
    wherever the row is written, by a clerk or by a pull, and never synced."""
    if entity == "person":
        pinyin, inits = person_keys(str(row.get("name") or ""))
        return {
            "search_pinyin": pinyin,
            "search_initials": inits,
            "phone_rev": str(row.get("phone") or "")[::-1],
            "id_number_rev": str(row.get("id_number") or "")[::-1],
        }
    if entity == "employer":
        pinyin, inits = text_keys(str(row.get("name") or ""))
    elif entity == "job_posting":
        pinyin, inits = text_keys(str(row.get("title") or ""))
    elif entity == "knowledge_article":
        pinyin, inits = text_keys(f"{row.get('title') or ''} {row.get('tags') or ''}")
        pinyin, inits = pinyin[:500], inits[:200]
    else:
        return {}
    return {"search_pinyin": pinyin, "search_initials": inits}
