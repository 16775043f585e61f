"""Personnel files (人事代理): the rules, the service, and the printed label and certificate."""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from pathlib import Path

import pytest

from lingong_desk.domain import custody as rules
from lingong_desk.domain.custody import CustodyRefused
from lingong_desk.domain.enums import CustodyStatus as C
from lingong_desk.domain.enums import FileMovementKind as K
from lingong_desk.printing.labels import (
    CertificateData,
    LabelData,
    render_certificate,
    render_label,
    render_label_sheet,
)
from lingong_desk.services.personnel import PersonnelService
from lingong_desk.services.registry import Services
from tests import factories

DPI = 200


def tr_en(context: str, text: str) -> str:
    assert context == "custody"
    return text


# ---- rules ---------------------------------------------------------------------------------


def test_file_number() -> None:
    assert rules.file_number("ZY", 2026, 17) == "ZY-DA-2026-00017"
    assert rules.normalise_number(" zy-da-2026-00017 ") == "ZY-DA-2026-00017"


def test_moves_allowed() -> None:
    assert rules.check_move(C.IN_CUSTODY, K.LEND) is C.LENT
    assert rules.check_move(C.LENT, K.RETURN) is C.IN_CUSTODY
    assert rules.check_move(C.IN_CUSTODY, K.TRANSFER_OUT) is C.TRANSFERRED


@pytest.mark.parametrize(
    ("status", "kind", "words"),
    [
        (C.LENT, K.LEND, "already lent"),
        (C.TRANSFERRED, K.LEND, "transferred out"),
        (C.TRANSFERRED, K.RETURN, "transferred out"),
        (C.IN_CUSTODY, K.RETURN, "not lent"),
        (C.LENT, K.TRANSFER_OUT, "returned before transfer"),
    ],
)
def test_moves_refused(status: C, kind: K, words: str) -> None:
    with pytest.raises(CustodyRefused, match=words):
        rules.check_move(status, kind)


def test_loan_and_transfer_need_their_facts() -> None:
    today = dt.date(2026, 3, 1)
    with pytest.raises(CustodyRefused):
        rules.check_loan(" ", today, today)
    with pytest.raises(CustodyRefused):
        rules.check_loan("县人社局", today - dt.timedelta(days=1), today)
    rules.check_loan("县人社局", today, today)
    with pytest.raises(CustodyRefused):
        rules.check_transfer("大同市人才中心", "传真")
    rules.check_transfer("大同市人才中心", "机要")
    assert rules.is_overdue(C.LENT, today, today + dt.timedelta(days=1))
    assert not rules.is_overdue(C.LENT, today, today)
    assert not rules.is_overdue(C.IN_CUSTODY, today, today + dt.timedelta(days=9))


# ---- service -------------------------------------------------------------------------------


@pytest.fixture
def person(services: Services) -> uuid.UUID:
    return factories.person(services).id


@pytest.fixture
def personnel(services: Services) -> PersonnelService:
    return PersonnelService(services.ctx)


def test_receive_numbers_files_and_keeps_history(
    services: Services, personnel: PersonnelService, person: uuid.UUID
) -> None:
    year = services.ctx.today().year
    f = personnel.receive(person, "左云县第一中学", ["履历表", "学历证明"], "A-01-03")
    assert f.file_number == f"ZY-DA-{year}-00001"
    # an older desk's words are stored as the keys
    assert f.status == C.IN_CUSTODY and f.checklist == ("resume", "education")
    assert personnel.find_by_number(f.file_number.lower()) == f
    with pytest.raises(CustodyRefused, match="already holds"):
        personnel.receive(person, "x", ["其他"], "")
    other = factories.person(services, "14022619850402234", "李四", phone="13812345679").id
    assert personnel.receive(other, "", ["其他"], "").file_number.endswith("-00002")
    due = services.ctx.today() + dt.timedelta(days=7)
    personnel.lend(f.id, "县人社局", due)
    with pytest.raises(CustodyRefused, match="already lent"):
        personnel.lend(f.id, "县人社局", due)
    personnel.return_file(f.id)
    done = personnel.transfer_out(f.id, "大同市人才中心", "机要", "JY123")
    assert done.status == C.TRANSFERRED
    assert [m.kind for m in done.movements] == ["receive", "lend", "return", "transfer_out"]
    assert done.movements[1].due_date == due and done.movements[3].tracking_number == "JY123"
    assert all(m.clerk_name == "王芳" for m in done.movements)
    with pytest.raises(CustodyRefused, match="transferred out"):
        personnel.lend(f.id, "x", due)
    with pytest.raises(CustodyRefused, match="transferred out"):
        personnel.return_file(f.id)
    # once transferred, the person's file may be received again
    assert personnel.receive(person, "", ["其他"], "").file_number.endswith("-00003")


def test_overdue_list(services: Services, personnel: PersonnelService, person: uuid.UUID) -> None:
    f = personnel.receive(person, "", ["履历表"], "B-2")
    due = services.ctx.today() + dt.timedelta(days=3)
    personnel.lend(f.id, "县人社局", due)
    assert personnel.files(overdue=True) == []
    [row] = personnel.files()
    assert row.borrower == "县人社局" and row.due_date == due
    later = services.ctx.now() + dt.timedelta(days=5)
    services.ctx.now = lambda: later
    [row] = personnel.files(overdue=True)
    assert row.file_number == f.file_number
    personnel.return_file(f.id)
    assert personnel.files(overdue=True) == []


# ---- printing ------------------------------------------------------------------------------

LABEL = LabelData("ZY-DA-2026-00017", "张三", "A-01-03", "左云县零工市场", dt.date(2026, 3, 1))
CERT = CertificateData(
    "ZY-DA-2026-00017",
    "张三",
    "140226********1234",
    dt.date(2026, 3, 1),
    "左云县零工市场",
    "0352-3022110",
    "左云县云兴镇新建路",
    "王芳",
    dt.date(2026, 3, 9),
)


def decode(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(path), str(tmp_path / name)],
        check=True,
        timeout=60,
    )
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / f"{name}.png")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 4), result.stderr
    return result.stdout.split()


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_label_scans(tmp_path: Path) -> None:
    pdf = render_label(LABEL, tr_en).pdf
    assert decode(pdf, tmp_path, "label") == [LABEL.file_number]
    assert render_label(LABEL, tr_en).pdf == pdf  # same input, same bytes


def test_the_label_sheet_scans(tmp_path: Path) -> None:
    other = LabelData("ZY-DA-2026-00018", "李四", "A-01-04", "左云县零工市场", dt.date(2026, 3, 1))
    found = decode(render_label_sheet([LABEL, other], tr_en).pdf, tmp_path, "sheet")
    assert sorted(found) == [LABEL.file_number, other.file_number]


def test_the_certificate_scans_and_names_market_and_clerk(tmp_path: Path) -> None:
    pdf = render_certificate(CERT, tr_en).pdf
    assert decode(pdf, tmp_path, "cert") == [CERT.file_number]
    text = text_of(pdf, tmp_path)
    assert "左云县零工市场" in text and "王芳" in text and "140226********1234" in text


def test_service_renders_label_and_certificate(
    services: Services, personnel: PersonnelService, person: uuid.UUID, tmp_path: Path
) -> None:
    f = personnel.receive(person, "", ["履历表"], "A-1")
    for layout in ("label", "sheet"):
        assert decode(personnel.render_label(f.id, layout, tr_en).pdf, tmp_path, layout) == [
            f.file_number
        ]
    assert decode(personnel.render_certificate(f.id, tr_en).pdf, tmp_path, "c") == [f.file_number]


def test_migration_0007_turns_stored_words_into_keys_and_words_still_read(
    tmp_path: Path,
) -> None:
    import json
    import sqlite3

    s = factories.desk(tmp_path / "data")
    person = factories.person(s, "14022619800301123", "张三").id
    f = s.personnel.receive(person, "", ["resume", "other"], "A-1")
    s.personnel.transfer_out(f.id, "大同市人才中心", "confidential")
    path = s.ctx.db.path
    s.close()
    with sqlite3.connect(path) as conn:  # as a desk before 0007 wrote them
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
        for column in ("work_hours", "bring"):  # added by 0008
            conn.execute(f"ALTER TABLE job_posting DROP COLUMN {column}")
        conn.execute("UPDATE file_custody SET checklist = ?", (json.dumps(["履历表", "其他"]),))
        conn.execute("UPDATE file_movement SET method = '机要' WHERE kind = 'transfer_out'")
    s = factories.reopen(path)
    try:
        with sqlite3.connect(path) as conn:
            stored = conn.execute("SELECT checklist FROM file_custody").fetchone()[0]
            methods = {m for (m,) in conn.execute("SELECT method FROM file_movement")}
        assert json.loads(stored) == ["resume", "other"]
        assert methods == {"", "confidential"}
        # a row pulled from the city as an older desk wrote it reads the same
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE file_custody SET checklist = ?", (json.dumps(["学历证明"]),))
            conn.execute("UPDATE file_movement SET method = '邮寄' WHERE kind = 'transfer_out'")
        detail = s.personnel.detail(f.id)
        assert detail is not None
        assert detail.checklist == ("education",)
        assert detail.movements[-1].method == "post"
    finally:
        s.close()
