"""The demo data generator: valid, consistent, realistic and reproducible."""

from __future__ import annotations

import datetime as dt
import statistics
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lingong_desk.db.engine import open_database
from lingong_desk.db.models import Employer, JobPosting, OutboxEntry, Person, PersonOccupation
from lingong_desk.db.search import person_keys, text_keys
from lingong_desk.domain.identifiers import parse_resident_id, validate_credit_code
from lingong_desk.domain.ids import person_id
from lingong_desk.domain.occupations import Catalogue
from lingong_desk.domain.registration import (
    EmployerDraft,
    PersonDraft,
    PostingDraft,
    check_employer,
    check_person,
    check_posting,
)
from lingong_desk.resources import OCCUPATIONS_FILE, resource
from lingong_desk.services.context import ServiceContext, start_device
from lingong_desk.services.demo import PROFILES, DemoCounts, ensure_demo_market, fill_demo
from lingong_desk.services.people import PeopleService

CATALOGUE = Catalogue.from_csv(resource(*OCCUPATIONS_FILE).read_text("utf-8"))
NOW = dt.datetime(2025, 3, 1, 2, 30, tzinfo=dt.UTC)  # 10:30 in the market
ASKED = {"people": 200, "employers": 60, "postings": 60}


def open_desk(folder: Path, now: dt.datetime | None = None) -> ServiceContext:
    ctx = ServiceContext(open_database(folder / "desk.db"), CATALOGUE)
    if now is not None:
        ctx.now = lambda: now
    start_device(ctx)
    ensure_demo_market(ctx)
    return ctx


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServiceContext, DemoCounts]]:
    ctx = open_desk(tmp_path_factory.mktemp("demo"), NOW)  # ages do not move between tests
    counts = fill_demo(ctx, **ASKED)
    yield ctx, counts
    ctx.db.close()


@pytest.fixture
def ctx(filled: tuple[ServiceContext, DemoCounts]) -> ServiceContext:
    return filled[0]


def people(ctx: ServiceContext) -> list[Person]:
    with ctx.reading() as s:
        return list(s.scalars(select(Person).order_by(Person.id_number)))


def count(ctx: ServiceContext, model: type[object]) -> int:
    with ctx.reading() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_counts_stored_equal_counts_asked(filled: tuple[ServiceContext, DemoCounts]) -> None:
    ctx, counts = filled
    assert (counts.people, counts.employers, counts.postings) == tuple(ASKED.values())
    assert count(ctx, Person) == ASKED["people"]
    assert count(ctx, Employer) == ASKED["employers"]
    assert count(ctx, JobPosting) == ASKED["postings"]
    assert count(ctx, PersonOccupation) == counts.occupations
    assert ASKED["people"] <= counts.occupations <= 3 * ASKED["people"]


def test_every_person_is_a_valid_registration(ctx: ServiceContext) -> None:
    today, now = ctx.today(), ctx.now()
    rows = people(ctx)
    for p in rows:
        rid = parse_resident_id(p.id_number, today)
        assert p.id == person_id(p.id_number)
        assert (p.sex, p.birth_date) == (rid.sex, rid.birth_date)
        assert (p.native_region_code, p.native_place) == (rid.region_code, rid.region_name)
        assert 18 <= rid.age_on(today) <= 64
        assert 2 <= len(p.name) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in p.name)
        assert (p.search_pinyin, p.search_initials) == person_keys(p.name)
        assert (p.phone_rev, p.id_number_rev) == (p.phone[::-1], p.id_number[::-1])
        assert now - dt.timedelta(days=731) <= p.registered_at <= p.last_active_at <= now
        assert p.registered_at.tzinfo is not None
        older = rid.age_on(today) >= (50 if p.sex == "M" else 40)
        assert ("older" in p.hardships) == older, (p.name, p.sex, rid.age_on(today))
        codes = [o.occupation_code for o in p.occupations]
        assert 1 <= len(codes) <= 3 and len(set(codes)) == len(codes)
        assert all(CATALOGUE.get(c) is not None for c in codes)
        assert [o.rank for o in p.occupations] == list(range(len(codes)))
        assert all(o.id == uuid.uuid5(p.id, o.occupation_code) for o in p.occupations)
        draft = PersonDraft(
            id_number=p.id_number, name=p.name, phone=p.phone, education=p.education,
            hukou_type=p.hukou_type, hukou_address=p.hukou_address, address=p.address,
            district_code=p.district_code, category=p.category, hardships=list(p.hardships),
            occupation_codes=codes, work_form=p.work_form, pay_min=p.pay_min,
            pay_max=p.pay_max, pay_unit=p.pay_unit, available_from=p.available_from,
            availability_note=p.availability_note, skills=p.skills,
            certificates=p.certificates, status=p.status, note=p.note,
        )  # fmt: skip
        assert check_person(draft, today) == {}, p.id_number
    assert len({p.phone for p in rows}) == len(rows)


def test_people_look_like_a_gig_market_near_datong(ctx: ServiceContext) -> None:
    rows = people(ctx)
    today = ctx.today()
    ages = [parse_resident_id(p.id_number, today).age_on(today) for p in rows]
    assert statistics.median(ages) >= 40  # gig workers are mostly older
    regions = Counter(p.native_region_code for p in rows)
    assert regions.most_common(1)[0][0] == "140226"  # 左云县 itself
    assert sum(n for code, n in regions.items() if code.startswith("1402")) > 0.7 * len(rows)
    assert any(not code.startswith("1402") for code in regions)  # some from elsewhere
    assert Counter(p.work_form for p in rows).most_common(1)[0][0] == "day"
    assert {"seeking", "employed", "paused"} <= {p.status for p in rows}
    assert Counter(p.status for p in rows)["seeking"] > 0.7 * len(rows)
    compound = ("欧阳", "司马", "上官", "皇甫", "诸葛")
    assert all(len(p.name) == 3 for p in rows if p.name[:2] in compound)
    assert {len(p.name) for p in rows} == {2, 3}
    assert any(p.skills for p in rows) and any(p.certificates for p in rows)
    assert all(p.address.startswith("左云县") for p in rows)
    wanted = Counter(o.occupation_code for p in rows for o in p.occupations)
    gig = {"4-09-08-01", "4-10-01-06", "4-02-05-01", "4-07-05-01"}  # 保洁 家政 搬运 保安
    assert sum(wanted[c] for c in gig) > 0.25 * sum(wanted.values())
    for p in rows:  # the pay wished for fits the way it is counted
        low = {"day": 150, "month": 3000, "hour": 20}[p.pay_unit]
        for pay in (p.pay_min, p.pay_max):
            assert pay is None or low <= pay <= low * 2
        if p.pay_max is not None:
            assert p.pay_min is not None and p.pay_min <= p.pay_max


def test_every_employer_is_a_valid_registration(ctx: ServiceContext) -> None:
    with ctx.reading() as s:
        employers = list(s.scalars(select(Employer)))
    for e in employers:
        draft = EmployerDraft(
            kind=e.kind, name=e.name, credit_code=e.credit_code or "",
            owner_id_number=e.owner_id_number or "", contact_name=e.contact_name,
            contact_phone=e.contact_phone, address=e.address, district_code=e.district_code,
            industry=e.industry, note=e.note,
        )  # fmt: skip
        assert check_employer(draft) == {}, e.name
        assert (e.search_pinyin, e.search_initials) == text_keys(e.name)
        assert e.industry in PROFILES and PROFILES[e.industry].kind == e.kind
        if e.kind == "household":
            assert e.credit_code is None and e.owner_id_number is not None
            parse_resident_id(e.owner_id_number)
            assert e.name.endswith("家庭")
        else:
            assert e.owner_id_number is None and e.credit_code is not None
            assert validate_credit_code(e.credit_code) == e.credit_code
            assert e.credit_code[:2] in ("91", "92", "93", "12", "54")
    assert {e.kind for e in employers} == {"company", "self_employed", "institution", "household"}
    codes = [e.credit_code for e in employers if e.credit_code]
    assert len(set(codes)) == len(codes)


def test_every_posting_is_valid_and_fits_its_employer(ctx: ServiceContext) -> None:
    today, now = ctx.today(), ctx.now()
    with ctx.reading() as s:
        postings = list(s.scalars(select(JobPosting)))
    for p in postings:
        draft = PostingDraft(
            employer_id=str(p.employer_id), title=p.title, occupation_code=p.occupation_code,
            headcount=p.headcount, pay_min=p.pay_min, pay_max=p.pay_max, pay_unit=p.pay_unit,
            work_form=p.work_form, work_address=p.work_address, district_code=p.district_code,
            start_date=p.start_date, end_date=p.end_date, age_min=p.age_min,
            age_max=p.age_max, sex=p.sex, skill_requirements=p.skill_requirements,
            meals=p.meals, lodging=p.lodging, description=p.description,
            contact_phone=p.contact_phone,
        )  # fmt: skip
        assert check_posting(draft, today) == {}, p.title
        assert CATALOGUE.get(p.occupation_code) is not None
        jobs = PROFILES[p.employer.industry].jobs
        assert p.occupation_code in {job[1] for job in jobs}, (p.employer.name, p.title)
        assert 1 <= p.headcount <= 20 and p.headcount_filled == 0
        if p.employer.kind == "household":
            assert p.headcount == 1
        assert p.end_date is None or p.end_date >= today
        assert p.published_at <= now and p.published_at.tzinfo is not None
        assert (p.search_pinyin, p.search_initials) == text_keys(p.title)
    assert Counter(p.headcount for p in postings).most_common(1)[0][0] <= 3  # mostly small


def test_every_row_went_through_change_capture(ctx: ServiceContext) -> None:
    with ctx.reading() as s:
        logged = {
            (entity, row_id)
            for entity, row_id in s.execute(
                select(OutboxEntry.entity, OutboxEntry.row_id).where(OutboxEntry.op == "insert")
            )
        }
        for model in (Person, PersonOccupation, Employer, JobPosting):
            ids = list(s.scalars(select(model.id)))  # type: ignore[attr-defined]
            assert ids
            missing = [i for i in ids if (model.__tablename__, i) not in logged]
            assert not missing, (model.__tablename__, missing[:3])
        stamped = s.scalar(
            select(func.count()).select_from(Person).where(Person.market_code == "ZY")
        )
        assert stamped == ASKED["people"]


def test_search_finds_generated_people(ctx: ServiceContext) -> None:
    service = PeopleService(ctx)
    for p in people(ctx)[::20]:
        assert p.id in service.search(p.search_initials), p.name
        assert p.id in service.search(p.search_pinyin[:4]), p.name
        assert p.id in service.search(p.name)
        assert service.search(p.id_number)[0] == p.id
        assert p.id in service.search(p.phone[-4:])


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    def numbers(folder: str, seed: int) -> list[tuple[str, str, str]]:
        ctx = open_desk(tmp_path / folder, NOW)
        try:
            fill_demo(ctx, people=60, employers=8, postings=8, seed=seed)
            with ctx.reading() as s:
                rows = s.execute(select(Person.id_number, Person.name, Person.phone))
                found = sorted((a, b, c) for a, b, c in rows)
                titles = sorted(s.scalars(select(JobPosting.title)))
            return [*found, ("titles", "".join(titles), "")]
        finally:
            ctx.db.close()

    first = numbers("a", 7)
    assert first == numbers("b", 7)
    other = numbers("c", 8)
    assert other != first
    assert not {n for n, _name, _phone in first[:-1]} & {n for n, _name, _phone in other[:-1]}


def test_filling_twice_adds_without_clashing(tmp_path: Path) -> None:
    ctx = open_desk(tmp_path, NOW)
    try:
        fill_demo(ctx, people=30, employers=5, postings=5)
        again = fill_demo(ctx, people=30, employers=0, postings=5)  # same seed
        assert again.postings == 5
        assert count(ctx, Person) == 60 and count(ctx, JobPosting) == 10
        with ctx.reading() as s:
            names = list(s.scalars(select(Employer.name).where(Employer.kind != "household")))
        assert len(set(names)) == len(names)
    finally:
        ctx.db.close()


def test_demo_market_is_set_up_once_then_signed_into(tmp_path: Path) -> None:
    ctx = open_desk(tmp_path)
    try:
        assert (ctx.market_code, ctx.clerk_name) == ("ZY", "演示")
        again = ServiceContext(ctx.db, CATALOGUE)
        with pytest.raises(RuntimeError, match="sign in"):
            fill_demo(again, people=1)
        ensure_demo_market(again)
        assert (again.market_code, again.clerk_id) == ("ZY", ctx.clerk_id)
    finally:
        ctx.db.close()
