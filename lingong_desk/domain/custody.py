"""Personnel-file custody (档案托管): what may happen to a file, and its number."""

from __future__ import annotations

import datetime as dt

from lingong_desk.domain.enums import CustodyStatus, FileMovementKind
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP

# The common contents of a personnel file, as printed on the receipt checklist.
CHECKLIST_ITEMS: tuple[str, ...] = (
    "履历表",
    "学历证明",
    "劳动合同",
    "社保缴费记录",
    "职称证书",
    "奖惩材料",
    "其他",
)
TRANSFER_METHODS: tuple[str, ...] = ("邮寄", "自取", "机要")
DEFAULT_LOAN_DAYS = 14


class CustodyRefused(ValueError):
    """Why a movement of a file is refused; ``message`` is a catalogue text."""

    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


def file_number(market_code: str, year: int, sequence: int) -> str:
    """``ZY-DA-2026-00017``: market, 档案, year, the market's sequence."""
    return f"{market_code}-DA-{year}-{sequence:05d}"


def normalise_number(text: str) -> str:
    return text.strip().upper().replace(" ", "")


def check_move(status: CustodyStatus | str, kind: FileMovementKind | str) -> CustodyStatus:
    """The status after ``kind`` happens to a file in ``status``; refused when not allowed."""
    now = CustodyStatus(status)
    move = FileMovementKind(kind)
    if now is CustodyStatus.TRANSFERRED:
        raise CustodyRefused(
            QT_TRANSLATE_NOOP("custody", "This file was transferred out; it is no longer held.")
        )
    if move is FileMovementKind.LEND:
        if now is CustodyStatus.LENT:
            raise CustodyRefused(
                QT_TRANSLATE_NOOP(
                    "custody", "This file is already lent out; it must be returned first."
                )
            )
        return CustodyStatus.LENT
    if move is FileMovementKind.RETURN:
        if now is not CustodyStatus.LENT:
            raise CustodyRefused(
                QT_TRANSLATE_NOOP("custody", "This file is not lent out, so it cannot be returned.")
            )
        return CustodyStatus.IN_CUSTODY
    if move is FileMovementKind.TRANSFER_OUT:
        if now is CustodyStatus.LENT:
            raise CustodyRefused(
                QT_TRANSLATE_NOOP(
                    "custody", "This file is lent out; it must be returned before transfer."
                )
            )
        return CustodyStatus.TRANSFERRED
    raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "This file is already in custody."))


def check_loan(borrower: str, due: dt.date | None, today: dt.date) -> None:
    if not borrower.strip():
        raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "Say to whom the file is lent."))
    if due is None or due < today:
        raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "The due date cannot be in the past."))


def check_transfer(receiver: str, method: str) -> None:
    if not receiver.strip():
        raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "Say where the file is transferred to."))
    if method not in TRANSFER_METHODS:
        raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "Choose how the file is sent."))


def is_overdue(status: CustodyStatus | str, due: dt.date | None, today: dt.date) -> bool:
    return CustodyStatus(status) is CustodyStatus.LENT and due is not None and due < today
