"""Owned rows: one market writes them; a referral to another market's posting links it."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select

from lingong_city.db import Database
from lingong_city.models import Record, RecordLink
from lingong_desk.domain.enums import ReferralStatus as S
from tests.city.helpers import (
    HY,
    ZY,
    desk_apply,
    employer_and_posting,
    enroll,
    open_desk,
    outbox,
    pull_all,
    push,
    push_outbox,
    register,
)


def test_another_markets_rows_are_rejected_and_the_rest_applies(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    employer, posting = employer_and_posting(zy, "左云县鑫源物业管理有限公司", "91110000600037341L")
    zy_person = register(zy, "14022619800301123", "张三")
    zy_referral = zy.referrals.issue(zy_person, posting).id
    zy_device = enroll(client, city, "ZY", zy)
    assert {r["status"] for r in push_outbox(client, zy_device)} == {"applied"}

    hy = open_desk(tmp_path / "hy", HY)
    hy_device = enroll(client, city, "HY", hy)
    pulled = pull_all(client, hy_device)
    assert {(c["entity"], c["row_id"]) for c in pulled} == {
        ("employer", str(employer)),
        ("job_posting", str(posting)),
    }
    desk_apply(hy, pulled)  # 浑源's desk now shows 左云's open posting
    worker = register(hy, "14022519900503345", "王五")
    referral = hy.referrals.issue(worker, posting).id
    hy.referrals.record(referral, S.HIRED)  # 左云's posting is 左云's to count
    entries = outbox(hy)
    assert "job_posting" not in {e["entity"] for e in entries}
    top = entries[-1]["seq"]
    zy_entries = outbox(zy)
    posting_update = copy.deepcopy(next(e for e in zy_entries if e["entity"] == "job_posting"))
    posting_update.update(seq=top + 3, op="update", changed=["headcount_filled"])
    posting_update["payload"]["headcount_filled"] = 1  # as it came from a pull: market ZY
    forged_employer = copy.deepcopy(next(e for e in zy_entries if e["entity"] == "employer"))
    forged_employer.update(seq=top + 1, op="update", changed=["contact_phone"])
    forged_employer["payload"].update(market_code="HY", contact_phone="13000000000")
    forged_referral = copy.deepcopy(next(e for e in zy_entries if e["entity"] == "referral"))
    forged_referral.update(seq=top + 2, op="update", changed=["status"])
    forged_referral["payload"]["status"] = "void"  # as it came from a pull: market ZY

    results = push(
        client, hy_device, [*entries, forged_employer, forged_referral, posting_update]
    ).json()["results"]
    status = {r["seq"]: r for r in results}
    posting_result = status[posting_update["seq"]]
    assert posting_result["status"] == "rejected"
    assert posting_result["reason"].startswith("another market's row")
    assert "ZY" in posting_result["reason"]
    assert status[top + 1]["status"] == "rejected"
    assert "another market's row: this employer belongs to ZY" in status[top + 1]["reason"]
    assert status[top + 2]["status"] == "rejected"
    assert "market_code is 'ZY'" in status[top + 2]["reason"]
    others = [r for r in results if r["seq"] not in (top + 1, top + 2, top + 3)]
    assert {r["status"] for r in others} == {"applied"}, others
    with city.reading() as s:
        held = s.get(Record, ("job_posting", posting))
        # the forged write was refused; the city itself counted 浑源's hire
        assert held is not None and held.data["headcount_filled"] == 1
        boss = s.get(Record, ("employer", employer))
        assert boss is not None and boss.data["contact_phone"] == "13900001111"
        theirs = s.get(Record, ("referral", zy_referral))
        assert theirs is not None and theirs.data["status"] == "issued"
        ours = s.get(Record, ("referral", referral))
        assert ours is not None and ours.market_code == "HY" and ours.data["status"] == "hired"
        links = set(s.execute(select(RecordLink.entity, RecordLink.row_id, RecordLink.market_code)))
    assert links == {("employer", employer, "HY"), ("job_posting", posting, "HY")}
    # 左云's desk learns of the hire on its posting by pull
    theirs_now = [c for c in pull_all(client, zy_device) if c["entity"] == "job_posting"]
    assert [c["row"]["headcount_filled"] for c in theirs_now] == [1]

    # 左云 never sees 浑源's referral; 浑源 pulls its own rows back
    assert all(
        c["entity"] not in ("referral", "referral_event") or c["row"]["market_code"] == "ZY"
        for c in pull_all(client, zy_device)
    )
    hy_rows = {(c["entity"], c["row_id"]) for c in pull_all(client, hy_device)}
    assert ("referral", str(referral)) in hy_rows and ("person", str(worker)) in hy_rows
    assert ("referral", str(zy_referral)) not in hy_rows


def test_a_referral_must_point_at_a_known_posting_of_its_employer(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    _employer, posting = employer_and_posting(
        zy, "左云县鑫源物业管理有限公司", "91110000600037341L"
    )
    person = register(zy, "14022619800301123", "张三")
    zy.referrals.issue(person, posting)
    device = enroll(client, city, "ZY", zy)
    entries = outbox(zy)
    referral = next(e for e in entries if e["entity"] == "referral")
    others = [e for e in entries if e["entity"] not in ("referral", "referral_event")]
    push(client, device, others)
    wrong = copy.deepcopy(referral)
    wrong["payload"]["posting_id"] = str(uuid.uuid4())
    other_employer = copy.deepcopy(referral)
    other_employer["seq"] = entries[-1]["seq"] + 1
    other_employer["row_id"] = other_employer["payload"]["id"] = str(uuid.uuid4())
    other_employer["payload"]["employer_id"] = str(person)  # not an employer
    results = push(client, device, [wrong, other_employer]).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert "unknown posting" in results[0]["reason"]
    assert "unknown employer" in results[1]["reason"]
