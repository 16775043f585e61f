"""Least access (PIPL): a market sees and touches a person only after registering them.

A hostile desk is enrolled normally and sends crafted pushes naming other
markets' people and postings; the city must neither link it to those people,
nor let it change them, nor let it fill another market's posting, and its
answers must not tell whether a person exists anywhere.
"""

from __future__ import annotations

import copy
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from lingong_city import cli
from lingong_city.db import Database
from lingong_city.models import PersonLink, PostingHire, Record
from lingong_desk.domain.enums import ReferralStatus as S
from lingong_desk.domain.hlc import Stamp
from lingong_desk.domain.ids import person_id
from tests import factories
from tests.city.helpers import (
    HY,
    ZY,
    consult,
    employer_and_posting,
    enroll,
    open_desk,
    outbox,
    pull_all,
    push,
    push_outbox,
    register,
)

ZHANG = "14022619800301123"  # registered at 左云 only
UNKNOWN = "14022619900101456"  # nobody registered this one
Entries = list[dict[str, Any]]


def _newer(hlc: str, ms: int = 60_000) -> str:
    stamp = Stamp.decode(hlc)
    return Stamp(stamp.wall_ms + ms, 0, stamp.node).encode()


def _forged(entry: dict[str, Any], seq: int, **payload: Any) -> dict[str, Any]:
    out = copy.deepcopy(entry)
    out["seq"] = seq
    out["payload"].update(payload)
    return out


def _answer_shape(result: dict[str, Any]) -> tuple[str, str, str]:
    """A result with the person's key blanked out: what a prober could compare."""
    reason = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", result["reason"])
    return result["status"], result.get("code", ""), reason


def test_rows_naming_another_markets_person_reveal_nothing_and_link_nothing(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    known = register(zy, ZHANG, "张三", phone="13512340000", address="左云县云兴镇")
    push_outbox(client, enroll(client, city, "ZY", zy))
    unknown = person_id(factories.resident_id(UNKNOWN))

    hy = open_desk(tmp_path / "hy", HY)
    hy_device = enroll(client, city, "HY", hy)
    consult(hy, None, "政策咨询")
    own = register(hy, "14022519900503345", "王五")
    entries = outbox(hy)
    push(client, hy_device, entries)
    consultation = next(e for e in entries if e["entity"] == "consultation")
    occupation = next(e for e in outbox(zy) if e["entity"] == "person_occupation")
    top = entries[-1]["seq"]
    probes: Entries = []
    for n, target in enumerate((known, unknown)):
        probes.append(
            _forged(
                consultation,
                top + 1 + 2 * n,
                person_id=str(target),
                market_code="HY",
                id=str(uuid.uuid4()),
            )
        )
        probes[-1]["row_id"] = probes[-1]["payload"]["id"]
        wish = _forged(occupation, top + 2 + 2 * n, person_id=str(target), market_code="HY")
        wish["row_id"] = wish["payload"]["id"] = str(uuid.uuid5(target, "4-09-08-01"))
        wish["payload"]["occupation_code"] = "4-09-08-01"
        probes.append(wish)
    results = push(client, hy_device, probes).json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 4
    # a known and an unknown person get the very same answer
    assert _answer_shape(results[0]) == _answer_shape(results[2])
    assert _answer_shape(results[1]) == _answer_shape(results[3])
    assert "not registered at this market" in results[0]["reason"]
    with city.reading() as s:
        links = set(s.execute(select(PersonLink.person_id, PersonLink.market_code)))
        assert s.get(Record, ("consultation", uuid.UUID(probes[0]["row_id"]))) is None
    assert links == {(known, "ZY"), (own, "HY")}
    pulled = pull_all(client, hy_device)
    people = {c["row_id"] for c in pulled if c["entity"] in ("person", "person_occupation")}
    assert str(known) not in people
    assert all(c["row"].get("id_number") != factories.resident_id(ZHANG) for c in pulled)
    assert "13512340000" not in str(pulled) and "云兴镇" not in str(pulled)


def test_registering_the_person_links_the_market_and_records_who_did(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    known = register(zy, ZHANG, "张三", phone="13812345678")
    zy_device = enroll(client, city, "ZY", zy)
    push_outbox(client, zy_device)
    hy = open_desk(tmp_path / "hy", HY)
    hy_device = enroll(client, city, "HY", hy)
    factories.wait_past(zy)
    register(hy, ZHANG, "张三", phone="13700000001")
    consult(hy, known, "社保咨询")
    results = push_outbox(client, hy_device)
    assert {r["status"] for r in results} <= {"applied", "merged"}, results
    with hy.ctx.reading() as s:
        from lingong_desk.db.models import Clerk

        clerk = s.scalars(select(Clerk.id)).first()
    with city.reading() as s:
        link = s.get(PersonLink, (known, "HY"))
        assert link is not None
        assert str(link.device_id) == hy_device.id and link.clerk_id == clerk
        first = s.get(PersonLink, (known, "ZY"))
        assert first is not None and str(first.device_id) == zy_device.id
    assert any(c["row_id"] == str(known) for c in pull_all(client, hy_device))


def test_an_unlinked_market_cannot_change_a_person(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    known = register(zy, ZHANG, "张三", phone="13812345678", address="左云县云兴镇")
    push_outbox(client, enroll(client, city, "ZY", zy))
    register(zy, ZHANG, "张三", phone="13900000000", address="左云县")
    update = next(e for e in outbox(zy) if e["entity"] == "person" and e["op"] == "update")
    hy = open_desk(tmp_path / "hy", HY)
    hy_device = enroll(client, city, "HY", hy)
    forged = _forged(update, 1, phone="13000000000", address="浑源县")
    keep = ("phone", "address", "updated_at", "updated_by")
    forged["payload"] = {k: v for k, v in forged["payload"].items() if k in keep}
    forged["changed"] = ["phone", "address"]
    forged["hlc"] = _newer(update["hlc"])
    got = push(client, hy_device, [forged]).json()["results"][0]
    assert got["status"] == "rejected" and "not registered at this market" in got["reason"]
    # nor with the ID number alone (no name): that is no registration
    forged["payload"]["id_number"] = factories.resident_id(ZHANG)
    forged["changed"] = ["phone", "address", "id_number"]
    forged["seq"] = 2
    got = push(client, hy_device, [forged]).json()["results"][0]
    assert got["status"] == "rejected"
    with city.reading() as s:
        person = s.get(Record, ("person", known))
        assert person is not None
        assert (person.data["phone"], person.data["address"]) == ("13812345678", "左云县云兴镇")
        assert s.get(PersonLink, (known, "HY")) is None


def test_another_market_cannot_fill_a_posting_with_made_up_referrals(
    client: httpx.Client, city: Database, tmp_path: Path
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    employer, posting = employer_and_posting(zy, "左云县鑫源物业管理有限公司", "91110000600037341L")
    with zy.ctx.session() as s:
        from lingong_desk.db.models import JobPosting

        row = s.get(JobPosting, posting)
        assert row is not None
        row.headcount = 2
    known = register(zy, ZHANG, "张三")
    zy_device = enroll(client, city, "ZY", zy)
    push_outbox(client, zy_device)

    hy = open_desk(tmp_path / "hy", HY)
    hy_device = enroll(client, city, "HY", hy)
    from tests.city.helpers import desk_apply

    desk_apply(hy, pull_all(client, hy_device))
    worker = register(hy, "14022519900503345", "王五")
    referral = hy.referrals.issue(worker, posting).id
    hy.referrals.record(referral, S.HIRED)
    entries = outbox(hy)
    issued = next(e for e in entries if e["entity"] == "referral" and e["op"] == "insert")
    hired = next(e for e in entries if e["entity"] == "referral" and e["op"] == "update")
    top = entries[-1]["seq"]
    made_up: Entries = []
    for n, (who, number) in enumerate(((known, "HY-2026-900001"), (worker, "HY-2026-900002"))):
        rid = str(uuid.uuid4())
        new = _forged(issued, top + 1 + 2 * n, id=rid, person_id=str(who), number=number)
        new["row_id"] = rid
        done = _forged(hired, top + 2 + 2 * n, id=rid, person_id=str(who), number=number)
        done["row_id"] = rid
        made_up += [new, done]
    results = push(client, hy_device, [*entries, *made_up]).json()["results"]
    by_seq = {r["seq"]: r for r in results}
    # a referral of 左云's person: 浑源 never registered them
    assert by_seq[top + 1]["status"] == by_seq[top + 2]["status"] == "rejected"
    assert "not registered at this market" in by_seq[top + 1]["reason"]
    # a second referral of the same worker, hired: the hire counts once
    assert by_seq[top + 3]["status"] == by_seq[top + 4]["status"] == "applied"
    with city.reading() as s:
        held = s.get(Record, ("job_posting", posting))
        assert held is not None
        assert held.data["headcount_filled"] == 1 and held.data["status"] == "open"
        hires = list(s.scalars(select(PostingHire)))
    assert [(h.person_id, h.market_code) for h in hires] == [(worker, "HY")]
    # the owner sees which market's referrals filled its posting
    mine = [c for c in pull_all(client, zy_device) if c["row_id"] == str(posting)]
    assert mine[-1]["row"]["headcount_filled"] == 1
    assert mine[-1]["row"]["filled_by"] == {"HY": 1}
    theirs = [c for c in pull_all(client, hy_device) if c["row_id"] == str(posting)]
    assert "filled_by" not in theirs[-1]["row"]
    assert employer


def test_the_city_answers_who_has_seen_a_person(
    client: httpx.Client, city: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zy = open_desk(tmp_path / "zy", ZY)
    register(zy, ZHANG, "张三")
    zy_device = enroll(client, city, "ZY", zy)
    push_outbox(client, zy_device)
    hy = open_desk(tmp_path / "hy", HY)
    register(hy, ZHANG, "张三")
    hy_device = enroll(client, city, "HY", hy)
    push_outbox(client, hy_device)
    assert cli.main(["person-access", factories.resident_id(ZHANG), "--database", city.url]) == 0
    out = capsys.readouterr().out
    assert "ZY since" in out and f"desk {zy_device.id}" in out
    assert "HY since" in out and f"desk {hy_device.id}" in out
    assert "2 markets see this person" in out
