"""Roles (the service layer refuses), unmasking with a reason, and the audit trail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lingong_desk.domain.enums import ReferralStatus
from lingong_desk.domain.registration import DraftRejected
from lingong_desk.services.accounts import SignInError
from lingong_desk.services.audit import ACTION_LABELS, GROUPS, AuditFilter
from lingong_desk.services.context import NotAllowed
from lingong_desk.services.information import ArticleDraft
from tests import factories
from tests.factories import PASSWORD, Services


def as_clerk(services: Services, name: str = "李娜") -> None:
    factories.clerk(services, name)
    services.accounts.sign_in(name, PASSWORD)


def test_a_clerk_is_refused_what_only_a_supervisor_may_do(services: Services) -> None:
    zhang = factories.person(services)
    referral = factories.referral(services, zhang.id)
    as_clerk(services)
    refused = [
        lambda: services.accounts.add_clerk("赵敏", "secret9", "secret9"),
        lambda: services.accounts.deactivate(services.accounts.clerks()[0].id),
        lambda: services.referrals.set_desk_options(2, 10),
        lambda: services.referrals.record(referral.id, ReferralStatus.VOID, "填错了"),
        lambda: services.information.save_article(ArticleDraft("标题", "回答")),
        lambda: services.audit.events(AuditFilter()),
        lambda: services.backups.set_second_folder("/media/usb"),
    ]
    for action in refused:
        with pytest.raises(NotAllowed):
            action()
    # what a clerk does every day still works
    assert services.referrals.record(referral.id, ReferralStatus.INTENTION).status == "intention"


def test_a_supervisor_deactivates_a_temporary_clerk(services: Services) -> None:
    temp = factories.clerk(services, "临时工")
    services.accounts.deactivate(temp.id)
    assert "临时工" not in services.accounts.clerk_names()
    with pytest.raises(SignInError):
        services.accounts.sign_in("临时工", PASSWORD)
    me = services.ctx.clerk_id
    assert me is not None
    with pytest.raises(DraftRejected):
        services.accounts.deactivate(me)


def test_unmasking_needs_a_reason_and_is_audited(services: Services) -> None:
    zhang = factories.person(services)
    as_clerk(services)
    with pytest.raises(DraftRejected):
        services.people.reveal(zhang.id, "phone", "  ")
    assert services.people.reveal(zhang.id, "phone", "通知面试") == "13812345678"
    assert services.people.reveal(zhang.id, "id_number", "核对身份") == zhang.draft.id_number
    services.accounts.sign_in(factories.CLERK, PASSWORD)
    rows = services.audit.events(AuditFilter(group="unmask"))
    assert [(r.clerk, r.action) for r in rows] == [("李娜", "person.unmask")] * 2
    assert rows[0].record.startswith("张三 140226")  # the name and the masked number
    assert "reason: 核对身份" in rows[0].detail and "field: ID number" in rows[0].detail


def test_failed_sign_ins_are_audited(services: Services) -> None:
    with pytest.raises(SignInError):
        services.accounts.sign_in(factories.CLERK, "wrong")
    with pytest.raises(SignInError):
        services.accounts.sign_in("无此人", "wrong")
    services.accounts.sign_in(factories.CLERK, PASSWORD)
    failed = services.audit.events(AuditFilter(group="failed"))
    assert [r.detail for r in failed] == ["", ""]
    assert [r.record for r in failed] == ["无此人", factories.CLERK]
    assert all(r.clerk == "" for r in failed)  # nobody was signed in
    signed = services.audit.events(AuditFilter(group="sign_in"))
    assert signed[0].action == "clerk.sign_in" and signed[0].clerk == factories.CLERK


def test_the_audit_trail_filters_by_day_clerk_and_word(services: Services) -> None:
    day = services.ctx.today()
    factories.person(services)
    li = factories.clerk(services, "李娜")
    services.accounts.sign_in("李娜", PASSWORD)
    factories.person(services, "14022619850402234", "李四")
    services.accounts.sign_in(factories.CLERK, PASSWORD)
    by_li = services.audit.events(AuditFilter(clerk_id=li.id, group="records"))
    assert [(r.action, r.record.split()[0]) for r in by_li] == [("person.register", "李四")]
    assert services.audit.events(AuditFilter(first_day=day + dt.timedelta(days=1))) == []
    today = services.audit.events(AuditFilter(first_day=day, last_day=day))
    assert {r.action for r in today} >= {"person.register", "clerk.sign_in", "clerk.create"}
    assert [r.record.split()[0] for r in services.audit.events(AuditFilter(text="张三"))] == [
        "张三"
    ]


def test_the_audit_trail_exports_to_xlsx_and_the_export_is_audited(
    services: Services, tmp_path: Path
) -> None:
    factories.person(services)
    path = tmp_path / "audit.xlsx"
    count = services.audit.export_xlsx(AuditFilter(group="records"), path, lambda t: f"<{t}>")
    assert count == 1
    sheet = load_workbook(path).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["<Time>", "<Clerk>", "<Action>", "<Record>", "<Details>"]
    assert values[1][1:3] == [factories.CLERK, "<Job seeker registered>"]
    assert str(values[1][3]).startswith("张三 140226") and "*" in str(values[1][3])
    assert services.audit.events(AuditFilter())[0].action == "audit.export"


def test_every_action_the_services_record_has_a_label_and_a_group() -> None:
    import re

    root = Path(__file__).resolve().parent.parent / "lingong_desk"
    source = "\n".join(p.read_text("utf-8") for p in root.rglob("*.py"))
    literal = set(re.findall(r'audit\(\s*\w+,\s*"([a-z_]+\.[a-z_]+)"', source))
    assert literal and literal <= set(ACTION_LABELS)
    patterns = [p for _k, _l, pats in GROUPS for p in pats]

    def grouped(action: str) -> bool:
        return any(re.fullmatch(p.replace(".", r"\.").replace("%", ".*"), action) for p in patterns)

    assert [
        a for a in ACTION_LABELS if not grouped(a) and a not in ("audit.export", "demo.fill")
    ] == []


def test_codes_in_the_details_show_as_their_labels_not_as_stored_codes() -> None:
    from lingong_desk.services.audit import detail_text

    chinese = {"Walk-in": "现场", "Career guidance": "职业指导", "Employed": "已就业"}
    text = detail_text(
        {"channel": "walk_in", "kind": "career", "status": "employed", "note": "walk_in"},
        tr_enum=lambda label: chinese.get(label, label),
    )
    assert "walk_in" not in text.replace("note: walk_in", "")  # free text stays as typed
    assert "现场" in text and "职业指导" in text and "已就业" in text
    # a code outside the vocabularies stays as it is
    assert detail_text({"kind": "manual"}) == "kind: manual"
