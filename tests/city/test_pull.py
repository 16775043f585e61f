"""Pull: each market sees its own rows, the persons it dealt with and open postings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from lingong_city import devices, pull
from lingong_city.db import Database
from lingong_city.models import Feed
from lingong_desk.db.models import JobPosting
from lingong_desk.sync.protocol import json_bytes
from tests import factories
from tests.city.helpers import (
    ANOTHER_EPOCH,
    HY,
    ZY,
    Device,
    consult,
    desk_apply,
    employer_and_posting,
    enroll,
    full_pull,
    open_desk,
    pull_all,
    push_outbox,
    register,
)


def keys(changes: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(c["entity"], c["row_id"]) for c in changes}


def test_each_market_sees_what_it_should(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    hy = open_desk(tmp_path / "hy", HY)
    employer, posting = employer_and_posting(zy, "左云县鑫源物业管理有限公司", "91110000600037341L")
    _closed_employer, closed = employer_and_posting(
        zy, "左云县恒泰家政服务部", "92140226MA0K5QK97T"
    )
    zy.employers.close_posting(closed)
    shared = register(
        zy, "14022619800301123", "张三", occupation_codes=["4-09-08-01", "4-10-01-06"]
    )
    private = register(zy, "14022619850402234", "李四")
    question = consult(zy, shared, "灵活就业社保怎么交？")
    hy_person = register(hy, "14022519900503345", "王五")
    hy_question = consult(hy, None, "档案怎么转出？")
    factories.wait_past(zy, hy)  # 浑源's second registration is the newer one
    register(hy, "14022619800301123", "张三", occupation_codes=["4-09-08-01"])
    zy_device = enroll(client, city, "ZY", zy)
    hy_device = enroll(client, city, "HY", hy)
    push_outbox(client, zy_device)
    push_outbox(client, hy_device)

    hy_rows = pull_all(client, hy_device)
    got = keys(hy_rows)
    assert ("job_posting", str(posting)) in got and ("employer", str(employer)) in got
    assert ("job_posting", str(closed)) not in got  # closed before it ever went out
    assert ("person", str(shared)) in got and ("person", str(hy_person)) in got
    # the person's rows that only 左云 wrote come along with the link
    occupations = {
        c["row"]["occupation_code"]
        for c in hy_rows
        if c["entity"] == "person_occupation" and c["row"]["person_id"] == str(shared)
    }
    assert occupations == {"4-09-08-01", "4-10-01-06"}
    assert ("person", str(private)) not in got
    assert ("consultation", str(question)) not in got  # 左云's own business
    assert ("consultation", str(hy_question)) in got
    assert all(
        c["row"]["market_code"] == "HY"
        for c in hy_rows
        if c["entity"] in ("clerk", "audit_event", "consultation")
    )

    zy_rows = pull_all(client, zy_device)
    got = keys(zy_rows)
    assert ("consultation", str(question)) in got and ("job_posting", str(closed)) in got
    assert ("person", str(private)) in got and ("person", str(shared)) in got
    assert ("person", str(hy_person)) not in got and ("consultation", str(hy_question)) not in got
    assert all(
        c["row"]["market_code"] == "ZY" for c in zy_rows if c["entity"] in ("clerk", "audit_event")
    )
    # a row another market changed arrives with the city's current data
    person = next(c for c in zy_rows if c["row_id"] == str(shared) and c["entity"] == "person")
    assert person["row"]["market_code"] == "ZY" and person["hlc"]
    # the row travels compact: no id or stamp (the change says them), no empty fields,
    # no search keys (the desk makes them)
    assert not {"id", "hlc", "search_pinyin", "phone_rev"} & set(person["row"])
    assert None not in person["row"].values()

    # what a desk pulls, it can store with its foreign keys checked
    second = factories.blank_desk(tmp_path / "hy2.sqlite3")  # a new desk
    desk_apply(second, hy_rows)
    with second.ctx.reading() as s:
        assert s.get(JobPosting, posting) is not None
    second.close()


def six_people_pushed(
    client: httpx.Client, city: Database, tmp_path: Path
) -> tuple[Device, list[dict[str, Any]]]:
    """A desk of ZY that registered six people and pushed them; everything it may pull."""
    zy = open_desk(tmp_path / "zy", ZY)
    for i in range(6):
        register(zy, f"14022619800301{i}1{i}", f"张{'一二三四五六'[i]}")
    device = enroll(client, city, "ZY", zy)
    push_outbox(client, device)
    return device, pull_all(client, device, limit=5000)


def test_a_page_ends_before_its_body_would_be_too_large_for_the_desk(
    client: httpx.Client, city: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many feed rows a desk asks for, a page's rows stay under the byte
    budget (a desk refuses a body over MAX_BODY_BYTES, and would be sent the same
    page again for ever); the pages still carry every change once, in order."""
    device, everything = six_people_pushed(client, city, tmp_path)
    budget = 3_000
    monkeypatch.setattr(pull, "PAGE_BYTES", budget)
    device.cursor = 0
    pages = []
    while True:
        params = {"after": device.cursor, "limit": 5000, "epoch": ANOTHER_EPOCH}
        r = client.get("/v1/pull", params=params, headers=device.auth)
        assert r.status_code == 200
        body = r.json()
        changes = body["changes"]
        assert changes or not body["more"]
        if len(changes) > 1:
            assert len(json_bytes({"changes": changes})) <= budget
        cursors = [c["cursor"] for c in changes]
        assert all(c > device.cursor for c in cursors) and body["next"] >= max(cursors, default=0)
        pages.append(full_pull(body, device.market))
        device.cursor = body["next"]
        if not body["more"]:
            break
    assert len(pages) > 3
    paged = [c for p in pages for c in p["changes"]]
    assert [c["cursor"] for c in paged] == sorted({c["cursor"] for c in paged})
    assert keys(paged) == keys(everything)


def test_cursors_grow_and_pages_follow_more(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    device, everything = six_people_pushed(client, city, tmp_path)
    device.cursor = 0
    pages = []
    while True:
        params = {"after": device.cursor, "limit": 4, "epoch": ANOTHER_EPOCH}
        r = client.get("/v1/pull", params=params, headers=device.auth)
        body = full_pull(r.json(), device.market)
        pages.append(body)
        assert len(body["changes"]) <= 4
        cursors = [c["cursor"] for c in body["changes"]]
        assert cursors == sorted(set(cursors)) and all(c > device.cursor for c in cursors)
        assert body["next"] >= max(cursors, default=device.cursor)
        device.cursor = body["next"]
        if not body["more"]:
            break
    assert len(pages) > 3 and all(p["more"] for p in pages[:-1])
    paged = [c for p in pages for c in p["changes"]]
    assert [c["cursor"] for c in paged] == sorted({c["cursor"] for c in paged})
    assert keys(paged) == keys(everything)
    assert pages[-1]["markets"] == [
        {
            "code": "HY",
            "name": "浑源县零工市场",
            "region_code": "140225",
            "phone": "0352-8322110",
            "address": "浑源县永安镇",
        },
        {
            "code": "ZY",
            "name": "左云县零工市场",
            "region_code": "140226",
            "phone": "0352-3022110",
            "address": "左云县云兴镇新建路",
        },
    ]
    # nothing new: an empty page that keeps the cursor
    params = {"after": device.cursor, "epoch": ANOTHER_EPOCH}
    r = client.get("/v1/pull", params=params, headers=device.auth).json()
    assert r["changes"] == [] and r["next"] == device.cursor and r["more"] is False
    assert r["server_hlc"]


def test_a_row_changed_often_is_sent_once_with_its_current_data(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    device = enroll(client, city, "ZY", zy)
    pid = register(zy, "14022619800301123", "张三")
    push_outbox(client, device)
    for phone in ("13900000001", "13900000002", "13900000003"):
        register(zy, "14022619800301123", "张三", phone=phone)
        push_outbox(client, device)
    with city.reading() as s:
        assert len(s.scalars(select(Feed).where(Feed.row_id == pid)).all()) == 4
    changes = [c for c in pull_all(client, device) if c["entity"] == "person"]
    assert len(changes) == 1 and changes[0]["row"]["phone"] == "13900000003"


def test_a_new_market_starts_with_the_open_postings(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    employer, posting = employer_and_posting(zy, "左云县鑫源物业管理有限公司", "91110000600037341L")
    zy_device = enroll(client, city, "ZY", zy)
    push_outbox(client, zy_device)
    with city.writing() as s:
        devices.add_market(s, "TZ", "天镇县零工市场", dt.datetime.now(dt.UTC), "140222")
    tz = enroll(client, city, "TZ")
    changes = pull_all(client, tz)
    assert [(c["entity"], c["row_id"]) for c in changes] == [
        ("employer", str(employer)),
        ("job_posting", str(posting)),
    ]
    # and learns when the posting closes
    zy.employers.close_posting(posting)
    push_outbox(client, zy_device)
    (closed,) = pull_all(client, tz)
    assert closed["row_id"] == str(posting) and closed["row"]["status"] == "closed"


def test_a_desk_is_never_sent_its_own_changes_back(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    """The echo of what a desk pushed stays at the city; the market's other desk gets it,
    and so does the same desk in another epoch (restored from a backup)."""
    zy = open_desk(tmp_path / "zy", ZY)
    other = open_desk(tmp_path / "zy2", ZY)
    pid = register(zy, "14022619800301123", "张三")
    device = enroll(client, city, "ZY", zy)
    second = enroll(client, city, "ZY", other)
    results = push_outbox(client, device)
    assert {r["status"] for r in results} == {"applied"}
    mine = pull_all(client, device, epoch=0)
    assert mine == [] and device.cursor > 0  # passed over in one page, cursor and all
    theirs = keys(pull_all(client, second, epoch=0))
    assert ("person", str(pid)) in theirs
    device.cursor = 0
    assert ("person", str(pid)) in keys(pull_all(client, device, epoch=7))
