"""Search by name, pinyin initials, full pinyin, ID number, credit code, phone."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from lingong_desk.db.search import PersonFilters, PostingFilters, search_people
from lingong_desk.services.registry import Services
from tests import factories
from tests.factories import resident_id

PEOPLE = [
    ("14022619800301123", "张三", "13812345678", ["4-10-01-06"]),
    ("14022619850402234", "张珊珊", "13912340001", ["4-09-08-01"]),
    ("14022119750503345", "曾国强", "15034567890", ["4-02-05-01"]),
    ("14021319900604456", "李四", "18635201234", ["4-10-01-06", "4-09-08-01"]),
]


@pytest.fixture
def people(services: Services) -> dict[str, str]:
    return {
        name: factories.person(services, prefix, name, phone=phone, occupation_codes=occs).id
        for prefix, name, phone, occs in PEOPLE
    }


def names(services: Services, query: str, filters: PersonFilters | None = None) -> list[str]:
    return [r.name for r in services.people.rows(services.people.search(query, filters))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zs", ["张三", "张珊珊"]),  # initials; the exact initials first
        ("ZSS", ["张珊珊"]),
        ("zhangs", ["张珊珊", "张三"]),  # full pinyin prefix; equal rank: newest first
        ("zhang san", ["张三"]),
        ("张", ["张珊珊", "张三"]),
        ("张三", ["张三"]),
        ("zeng", ["曾国强"]),  # surname reading, not "ceng"
        ("zgq", ["曾国强"]),
        ("13812345678", ["张三"]),  # full phone
        ("201234", ["李四"]),  # last digits of a phone
        ("140213", ["李四"]),  # ID number prefix
        ("xyz", []),
    ],
)
def test_people_search(
    services: Services, people: dict[str, str], query: str, expected: list[str]
) -> None:
    found = names(services, query)
    assert sorted(found) == sorted(expected)
    if expected:
        assert found[0] == expected[0]  # the best match leads


def test_full_and_partial_id_numbers(services: Services, people: dict[str, str]) -> None:
    full = resident_id("14022119750503345")
    assert names(services, full) == ["曾国强"]
    assert names(services, full.lower()) == ["曾国强"]
    assert names(services, full[-6:]) == ["曾国强"]


def test_filters_combine_with_the_query(services: Services, people: dict[str, str]) -> None:
    cleaners = PersonFilters(occupation_code="4-09-08-01")
    assert sorted(names(services, "", cleaners)) == ["张珊珊", "李四"]
    assert names(services, "zs", cleaners) == ["张珊珊"]
    # the 17th digit of the ID number is even for women: 张珊珊 (..234), 李四 (..456)
    assert sorted(names(services, "", PersonFilters(sex="F"))) == ["张珊珊", "李四"]
    assert names(services, "zs", PersonFilters(sex="M")) == ["张三"]


def test_every_people_search_uses_an_index(services: Services, people: dict[str, str]) -> None:
    """No branch of a people search may read the whole person table."""
    queries = ["zs", "zhang", "张", "13812345678", "5678", resident_id("14022119750503345"), "1402"]
    captured: list[tuple[str, object]] = []

    def capture(_conn, _cursor, statement, params, _context, _many):  # type: ignore[no-untyped-def]
        captured.append((statement, params))

    engine = services.ctx.db.engine
    with services.ctx.reading() as s:
        event.listen(engine, "before_cursor_execute", capture)
        try:
            for q in queries:
                search_people(s, q)
        finally:
            event.remove(engine, "before_cursor_execute", capture)
        assert len(captured) == len(queries)
        for statement, params in captured:
            plan = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            steps = [str(row[-1]) for row in plan]
            full_scans = [
                st
                for st in steps
                if st == "SCAN person" or (st.startswith("SCAN person ") and "INDEX" not in st)
            ]
            assert not full_scans, steps
            # nor walk every live row through the deleted-at index ("IS NULL" on a
            # full index looks like a one-value lookup to SQLite)
            assert not [st for st in steps if "(deleted_at=?)" in st], steps
            assert any("USING INDEX" in st or "USING COVERING INDEX" in st for st in steps), steps


def test_employers_by_name_word_initials_and_credit_code(services: Services) -> None:
    e = factories.employer(services, name="大同市好家政服务有限公司")
    for query in ("家政", "hjz", "dtshjz", "91110000600037341L", "13900001111"):
        assert services.employers.search(query) == [e.id], query
    assert services.employers.search("保安") == []


def test_postings_by_title_initials_and_employer(services: Services) -> None:
    p = factories.posting(services, headcount=3)
    for query in ("保洁", "xqbj", "bj", "鑫源", "xywy"):
        assert services.employers.search_postings(query) == [p.id], query
    closed = services.employers.close_posting(p.id)
    assert closed.status == "closed"
    assert services.employers.search_postings("保洁", PostingFilters(status="open")) == []


def test_deleted_people_are_not_found(services: Services, people: dict[str, str]) -> None:
    with services.ctx.session() as s:
        s.execute(text("SELECT 1"))  # a read inside a write session commits nothing
        from lingong_desk.db.models import Person

        row = s.get(Person, people["李四"])
        assert row is not None
        row.deleted_at = services.ctx.now()
    assert names(services, "ls") == []
    assert "李四" in names(services, "ls", PersonFilters(include_deleted=True))
