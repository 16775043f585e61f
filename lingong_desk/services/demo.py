"""Realistic sample data for a county market near Datong (左云县零工市场, ZY).

``fill_demo`` writes job seekers, employers and postings through the ORM in
batches (change capture still fills the outbox), setting every business and
search column the way PeopleService and EmployerService set them. It is
deterministic for a seed and ``ctx.today()``; the search benchmark uses it to
build 100,000 job seekers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from stdnum.cn import ric, uscc

from lingong_desk.db.models import AuditEvent, Employer, JobPosting, Person, PersonOccupation
from lingong_desk.db.search import person_keys, text_keys
from lingong_desk.domain.calendar import age_on, at_market_time, years_before
from lingong_desk.domain.identifiers import region_name
from lingong_desk.domain.ids import new_id, person_id, person_occupation_id
from lingong_desk.services.accounts import AccountService
from lingong_desk.services.context import ServiceContext, fixed_clock
from lingong_desk.services.demo_data import (
    AGES,
    AVAILABILITY,
    CLASSIC,
    COUNTY,
    COUNTY_CODE,
    EDUCATION,
    ESTATES,
    GIVEN,
    HUKOU,
    KINDS,
    OCCUPATIONS,
    OLD_CODES,
    PHONE_HEADS,
    PLACES,
    PROFILES,
    REGIONS,
    RURAL_CATEGORIES,
    SKILLS,
    STATUSES,
    STREETS,
    SURNAMES,
    TOWNS,
    URBAN_CATEGORIES,
    USCC_CHARS,
    VILLAGES,
    DemoCounts,
    _Pick,
    _w,
    _weighted,
)
from lingong_desk.services.samples import ZUOYUN

BATCH = 2000
# job seekers and employers registered over the last 14 months, more of them lately,
# so every chart of the statistics has a shape (services/demo_history.py adds the rest)
HISTORY_DAYS = 426
DEMO_MARKET = ZUOYUN
DEMO_CLERK, DEMO_PASSWORD = "演示", "demo1234"
BRANDS = _w("""鑫源 宏达 恒泰 瑞丰 金鼎 万通 云峰 兴旺 华安 晋阳 德润 康宁 安居 顺达 永盛 锦程
福瑞 嘉禾 盛世 中天 泰和 新宇 博远 利民 众诚 佳美 惠民 鼎盛 天成 宝丰 长城 雁北 云冈 塞上
金沙 广源 汇通 融信 诚信 百川""")
FORM_UNIT = {"day": "day", "short": "day", "long": "month", "part": "hour"}
PAY_SPAN = {"day": (150, 300, 10), "month": (3000, 6000, 100), "hour": (20, 40, 1)}
POST_DAYS = {"day": (0, 7), "short": (7, 90), "long": (180, 365), "part": (30, 180)}
HEADCOUNTS = _weighted("1:30 2:22 3:14 4:8 5:8 6:4 8:5 10:5 15:2 20:2")
DESCRIPTIONS = (  # for day or short work, for long or part-time work
    _w("- 当天干完当天结 按天记工，活干完结清 有意者电话联系 自带手套"),
    _w("- 工作时间8:00-17:00 月休四天，干满一个月结算 试用期一个月 需吃苦耐劳"),
)
REQUIREMENTS = _w("- - 有相关经验优先 持健康证 能吃苦，身体好")


def _text(r: random.Random, options: list[str]) -> str:
    choice = r.choice(options)
    return "" if choice == "-" else choice


class _Maker:
    def __init__(self, ctx: ServiceContext, seed: int, history_days: int = HISTORY_DAYS) -> None:
        self.rng = random.Random(seed)
        self.history_days = history_days
        self.today, self.now = ctx.today(), ctx.now()
        known = [o for o in OCCUPATIONS if ctx.catalogue.get(o[0]) is not None]
        self.wanted = {
            sex: _Pick([(c, w * (1 if s == "-" else 3 if s == sex else 0.3)) for c, w, s in known])
            for sex in "MF"
        }
        self.lean = {c: s for c, _w, s in OCCUPATIONS}
        self.keys: dict[str, tuple[str, str]] = {}
        with ctx.reading() as s:  # never repeat what the desk already holds
            self.ids = set(s.scalars(select(Person.id_number)))
            self.ids |= {n for n in s.scalars(select(Employer.owner_id_number)) if n}
            self.phones = set(s.scalars(select(Person.phone)))
            self.codes = {c for c in s.scalars(select(Employer.credit_code)) if c}
            self.names = set(s.scalars(select(Employer.name)))

    def phone(self) -> str:
        r = self.rng
        while (number := r.choice(PHONE_HEADS) + f"{r.randrange(10**8):08d}") in self.phones:
            pass
        self.phones.add(number)
        return number

    def name(self, sex: str, born: int) -> str:
        r, surname = self.rng, SURNAMES(self.rng)
        if len(surname) > 1:
            return surname + r.choice(GIVEN[sex])
        if born < 1975 and r.random() < 0.3:
            return surname + r.choice(CLASSIC[sex])
        return surname + "".join(r.choice(GIVEN[sex]) for _ in range(1 + (r.random() < 0.7)))

    def identity(self) -> tuple[str, str, dt.date]:
        """A new valid resident ID number, with its holder's sex and birth date."""
        r = self.rng
        while True:
            sex, age = ("M" if r.random() < 0.56 else "F"), AGES(r)
            hi, lo = years_before(self.today, age), years_before(self.today, age + 1)
            birth = lo + dt.timedelta(days=r.randint(1, (hi - lo).days))
            region = REGIONS(r)
            if birth.year < 2002 and region in OLD_CODES and r.random() < 0.8:
                region = OLD_CODES[region]
            body = f"{region}{birth:%Y%m%d}{r.randrange(500) * 2 + (sex == 'M'):03d}"
            number = body + str(ric.calc_check_digit(body + "0"))
            if number not in self.ids:
                self.ids.add(number)
                return number, sex, birth

    def village(self) -> str:
        return f"{COUNTY}{self.rng.choice(TOWNS)}{self.rng.choice(VILLAGES)}村"

    def street(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return f"{COUNTY}云兴镇{r.choice(STREETS)}{r.randint(1, 300)}号"
        return f"{COUNTY}云兴镇{r.choice(ESTATES)}{r.randint(1, 30)}号楼{r.randint(1, 6)}单元"

    def person(self) -> tuple[Person, list[str]]:
        r, today = self.rng, self.today
        number, sex, birth = self.identity()
        age = age_on(birth, today)
        name = self.name(sex, birth.year)
        rural, local = r.random() < 0.7, number.startswith(COUNTY_CODE)
        if local:
            hukou = self.village() if rural else self.street()
            address = hukou if not rural or r.random() < 0.6 else self.street()
        else:
            hukou, address = f"{region_name(number[:6])}{r.choice(VILLAGES)}村", self.street()
        edu_w = [8, 35, 42, 10, 5, 0, 0, 0] if age >= 50 else [0, 12, 48, 20, 12, 6, 2, 0]
        edu = r.choices(EDUCATION, edu_w if age >= 35 else [0, 0, 25, 20, 25, 20, 9, 1])[0]
        if age <= 30 and edu in ("college", "bachelor", "postgraduate") and r.random() < 0.6:
            category = "graduate"
        elif sex == "M" and r.random() < 0.05:
            category = "veteran"
        elif rural:
            category = RURAL_CATEGORIES(r)
        else:
            category = URBAN_CATEGORIES(r)
        hard = {"older"} if age >= (50 if sex == "M" else 40) else set()  # 大龄: 男50 女40
        chances = {"low_income": 0.06, "disabled": 0.02, "zero_family": 0.03 * (not rural)}
        chances |= {"land_lost": 0.05 * rural, "long_unemployed": 0.3 * (category[0] == "u")}
        hard |= {tag for tag, chance in chances.items() if r.random() < chance}
        how_many = r.choice([1, 1, 1, 2, 2, 3])
        codes = list(dict.fromkeys(self.wanted[sex](r) for _ in range(how_many)))
        form = r.choices(["day", "short", "long", "part", None], [43, 20, 25, 8, 4])[0]
        unit = "month" if form == "short" and r.random() < 0.3 else FORM_UNIT[form or "day"]
        lo, hi, step = PAY_SPAN[unit]
        low = r.randrange(lo, hi + 1, step)
        high = min(hi, low + step * r.choice([2, 5, 10]))
        pay_min = Decimal(low) if r.random() < 0.85 else None
        skills, certs = SKILLS.get(codes[0], "/").split("/")
        registered = self.now - dt.timedelta(
            seconds=int(self.history_days * 86400 * r.random() ** 1.15)
        )
        if (keys := self.keys.get(name)) is None:
            keys = self.keys[name] = person_keys(name)
        phone = self.phone()
        values: dict[str, Any] = dict(
            id=person_id(number), id_number=number, name=name, sex=sex, birth_date=birth,
            native_region_code=number[:6], native_place=region_name(number[:6]) or "",
            phone=phone, address=address, hukou_address=hukou, hukou_type=HUKOU[rural],
            district_code=COUNTY_CODE if address.startswith(COUNTY) else "",
            education=edu, category=category, hardships=sorted(hard), work_form=form,
            pay_min=pay_min, pay_max=Decimal(high) if pay_min and r.random() < 0.6 else None,
            pay_unit=unit, available_from=today + dt.timedelta(days=r.randint(0, 30))
            if r.random() < 0.2 else None, availability_note=r.choice(AVAILABILITY),
            skills=skills if r.random() < 0.6 else "", note="",
            certificates=certs if r.random() < 0.5 else "", registered_at=registered,
            status=STATUSES(r),
            last_active_at=registered + (self.now - registered) * r.random(),
            search_pinyin=keys[0], search_initials=keys[1],
            phone_rev=phone[::-1], id_number_rev=number[::-1],
        )  # fmt: skip
        return Person(**values), codes

    def registration_events(self, p: Person) -> list[AuditEvent]:
        """What PeopleService.save records: the registration, and a later change of
        status when the person is no longer seeking work."""
        events = [
            AuditEvent(at=p.registered_at, action="person.register", entity="person",
                       entity_id=p.id, detail={})
        ]  # fmt: skip
        if p.status != "seeking":
            events.append(
                AuditEvent(at=p.last_active_at, action="person.status", entity="person",
                           entity_id=p.id, detail={"status": p.status})
            )  # fmt: skip
        return events

    def credit_code(self, prefix: str, name: str) -> str:
        r = self.rng
        while True:  # registered where the name says: 大同市 by the city, 山西 by the province
            city = r.choice(["140200", "140213"])
            region = {"大": city, "山": "140000"}.get(name[0], COUNTY_CODE)
            org = "MA0" + "".join(r.choice(USCC_CHARS) for _ in range(6))
            body = prefix + region + (org if r.random() < 0.7 else f"{r.randrange(10**9):09d}")
            code = body + str(uscc.calc_check_digit(body))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def employer(self) -> Employer:
        r = self.rng
        kind = KINDS(r)
        industry = r.choice([k for k, v in PROFILES.items() if v.kind == kind])
        prof = PROFILES[industry]
        owner_number, sex, birth = self.identity() if kind == "household" else ("", "", None)
        owner = self.name(sex or r.choice("MF"), birth.year if birth else 1970)
        for _attempt in range(40):  # a name not registered yet, if one can be found
            name = r.choice(prof.patterns).format(
                p=r.choice(PLACES), b=r.choice(BRANDS), t=r.choice(TOWNS),
                v=r.choice(TOWNS) + r.choice(VILLAGES), s=SURNAMES(r)[0], o=owner,
            )  # fmt: skip
            if kind == "household" or name not in self.names:
                break
        self.names.add(name)
        prefix = "54" if name.endswith("村民委员会") else prof.prefix  # 基层群众自治组织
        boss = kind in ("household", "self_employed") or r.random() < 0.3
        contact = owner if boss else SURNAMES(r) + r.choice(["经理", "主任", "会计", "队长"])
        pinyin, inits = text_keys(name)
        return Employer(
            id=new_id(), kind=kind, name=name, contact_name=contact, contact_phone=self.phone(),
            credit_code=None if kind == "household" else self.credit_code(prefix, name),
            owner_id_number=owner_number or None, industry=industry, district_code=COUNTY_CODE,
            address=self.village() if r.random() < 0.3 else self.street(), status="active",
            note="", search_pinyin=pinyin, search_initials=inits,
        )  # fmt: skip

    def posting(self, e: Employer) -> JobPosting:
        r, today = self.rng, self.today
        title, code, unit, span, form = r.choice(PROFILES[e.industry].jobs)
        title = ("急招" if r.random() < 0.15 else "") + title
        lo, hi = (int(v) for v in span.split("-"))
        step = 100 if unit == "month" else 10 if lo >= 100 else 1
        start = today + dt.timedelta(days=r.randint(-20, 14))
        end: dt.date | None = start + dt.timedelta(days=r.randint(*POST_DAYS[form]))
        if form in ("long", "part") and r.random() < 0.5:
            end = None
        elif end is not None and end < today:  # check_posting refuses a past end date
            end = max(start, today + dt.timedelta(days=r.randint(1, 14)))
        day = start - dt.timedelta(days=r.randint(0, 10))
        published = at_market_time(day, dt.time(r.randint(8, 17), r.randrange(60)))
        age_max = r.choice([45, 50, 55, 58, 60, 65]) if r.random() < 0.35 else None
        lean = self.lean.get(code, "-")
        pinyin, inits = text_keys(title)
        return JobPosting(
            id=new_id(), employer_id=e.id, title=title, occupation_code=code,
            headcount=1 if e.kind == "household" else int(HEADCOUNTS(r)), headcount_filled=0,
            pay_min=Decimal(r.randrange(lo, (lo + hi) // 2 + 1, step)),
            pay_max=None if r.random() < 0.3 else Decimal(hi), pay_unit=unit, work_form=form,
            work_address=e.address if r.random() < 0.7 else self.village(),
            district_code=COUNTY_CODE, start_date=start, end_date=end, age_max=age_max,
            age_min=r.choice([18, 20, 25]) if age_max and r.random() < 0.4 else None,
            sex=lean if lean != "-" and r.random() < 0.4 else "any",
            skill_requirements=_text(r, REQUIREMENTS),
            description=_text(r, DESCRIPTIONS[form in ("long", "part")]),
            meals=r.random() < 0.45, lodging="住家" in title or r.random() < 0.15,
            contact_phone=e.contact_phone if r.random() < 0.5 else "",
            status="open" if r.random() < 0.9 else "closed",
            published_at=min(self.now, published.astimezone(dt.UTC)),
            search_pinyin=pinyin, search_initials=inits,
        )  # fmt: skip


def fill_demo(
    ctx: ServiceContext,
    people: int = 1000,
    employers: int = 100,
    postings: int = 100,
    seed: int = 7,
    history_days: int = HISTORY_DAYS,
) -> DemoCounts:
    """Add sample job seekers, employers and postings to the signed-in market; people
    and employers registered over the last ``history_days`` (14 months)."""
    if not ctx.market_code:
        raise RuntimeError("sign in to a market before filling it with demo data")
    m = _Maker(ctx, seed, history_days)
    occupations = 0
    for start in range(0, people, BATCH):  # one session and transaction per batch
        with ctx.session() as s:
            for _ in range(min(BATCH, people - start)):
                p, codes = m.person()
                s.add(p)
                s.add_all(m.registration_events(p))
                for rank, code in enumerate(codes):
                    s.add(PersonOccupation(id=person_occupation_id(p.id, code), person_id=p.id,
                                           occupation_code=code, rank=rank))  # fmt: skip
                occupations += len(codes)
    bosses = [m.employer() for _ in range(employers)]
    # each registered on a day of the last 14 months (the session's clock says when)
    days = sorted(m.rng.randrange(history_days) for _ in bosses)
    for back in sorted(set(days), reverse=True):
        when = ctx.now() - dt.timedelta(days=back)
        with dataclasses.replace(ctx, now=fixed_clock(when)).session() as s:
            s.add_all([b for b, day in zip(bosses, days, strict=True) if day == back])
    if not bosses and postings:  # post for employers already registered
        with ctx.reading() as s:
            active = Employer.status == "active", Employer.deleted_at.is_(None)
            order = Employer.created_at, Employer.name
            bosses = list(s.scalars(select(Employer).where(*active).order_by(*order)))
    made = 0
    for start in range(0, postings if bosses else 0, BATCH):
        with ctx.session() as s:
            batch = [m.posting(m.rng.choice(bosses)) for _ in range(min(BATCH, postings - start))]
            s.add_all(batch)
            made += len(batch)
    with ctx.session() as s:
        ctx.audit(s, "demo.fill", people=people, employers=employers, postings=made, seed=seed)
    return DemoCounts(people, occupations, employers, made)


def ensure_demo_market(ctx: ServiceContext) -> None:
    """Set up 左云县零工市场 with the clerk 演示 on a new desk; sign in as 演示."""
    accounts = AccountService(ctx)
    if accounts.needs_setup():
        accounts.set_up(DEMO_MARKET, DEMO_CLERK, DEMO_PASSWORD, DEMO_PASSWORD)
    accounts.sign_in(DEMO_CLERK, DEMO_PASSWORD)
