"""What an entry's answer says when it is not taken: refusals, outcomes, reasons.

``NOT_REGISTERED`` is one text for a person nobody registered and for one that
only another market registered, so an answer never tells whether a person
exists (least access).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lingong_city.merge import Merge
from lingong_desk.domain.identifiers import is_valid_resident_id


class Refused(Exception):
    """This entry is rejected, with a reason for the desk's needs-attention list.

    ``code`` MISSING_PARENT: a row it needs has not reached the city (yet), or (the
    same answer, so that nobody can probe who exists) a person this market has not
    registered. Such an answer is not remembered, so the same entry may be sent
    again and applied once its parent is here (a desk's batches can arrive out of
    order)."""

    def __init__(self, reason: str, code: str = "", conflict: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.conflict = conflict


# One answer for a person nobody registered and for one another market registered.
NOT_REGISTERED = (
    "person {person} is not registered at this market: register them here first "
    "(their ID number and name as on the card)"
)
IDENTITY_MISMATCH = "identity_mismatch"
IDENTITY_REFUSED = (
    "the name differs from the city's record of this ID number: the person was not "
    "registered at this market and nothing was changed; a conflict item awaits a supervisor"
)


def name_as_written(value: Any) -> str:
    return "".join(str(value or "").split())


def check_id_number(number: Any) -> None:
    """The ID number passes GB 11643 (the desk's own check: python-stdnum)."""
    if not isinstance(number, str) or not is_valid_resident_id(number):
        raise Refused("the ID number is not a valid resident ID number (GB 11643)")


@dataclass
class Outcome:
    kept: list[str] = field(default_factory=list)
    conflict: bool = False
    reason: str = ""


def merge_reason(m: Merge) -> str:
    parts = []
    if m.conflicts:
        names = ", ".join(name for name, _city, _incoming in m.conflicts)
        parts.append(
            f"identity differs from the city's record ({names}): the city's value was kept "
            "and a conflict item awaits a supervisor"
        )
    if m.kept:
        parts.append(f"kept the city's newer value of {', '.join(m.kept)}")
    return "; ".join(parts)
