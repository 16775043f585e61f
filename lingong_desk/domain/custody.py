"""Personnel-file custody (档案托管): what may happen to a file, and its number."""

from __future__ import annotations

import datetime as dt

from lingong_desk.domain.enums import CustodyStatus, FileContent, FileMovementKind, TransferMethod
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP

# The common contents of a personnel file (the receipt checklist) and the ways a
# file travels, stored as the keys of FileContent and TransferMethod. Desks
# before schema 0007 stored the Chinese words; a row with a word (from such a
# desk, through the city) reads as the same key.
CHECKLIST_ITEMS: tuple[str, ...] = tuple(m.value for m in FileContent)
TRANSFER_METHODS: tuple[str, ...] = tuple(m.value for m in TransferMethod)
LEGACY_CHECKLIST: dict[str, str] = {
    "履历表": FileContent.RESUME,
    "学历证明": FileContent.EDUCATION,
    "劳动合同": FileContent.CONTRACT,
    "社保缴费记录": FileContent.SOCIAL_INSURANCE,
    "职称证书": FileContent.TITLE,
    "奖惩材料": FileContent.REWARDS,
    "其他": FileContent.OTHER,
}
LEGACY_METHODS: dict[str, str] = {
    "邮寄": TransferMethod.POST,
    "自取": TransferMethod.COLLECTED,
    "机要": TransferMethod.CONFIDENTIAL,
}


def checklist_key(item: str) -> str:
    """The key of a checklist item, whether stored as a key or as an older desk's word."""
    return str(LEGACY_CHECKLIST.get(item, item))


def method_key(method: str) -> str:
    """The key of a transfer method, whether stored as a key or as an older desk's word."""
    return str(LEGACY_METHODS.get(method, method))


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
    if method_key(method) not in TRANSFER_METHODS:
        raise CustodyRefused(QT_TRANSLATE_NOOP("custody", "Choose how the file is sent."))


def is_overdue(status: CustodyStatus | str, due: dt.date | None, today: dt.date) -> bool:
    return CustodyStatus(status) is CustodyStatus.LENT and due is not None and due < today
