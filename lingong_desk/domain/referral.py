"""The referral (职业介绍) state machine and referral numbers.

    issued ──> intention ──> hired
      │            └──────> not_hired
      ├──> not_hired, no_show
      ├──> expired ──> void          (validity passed without an answer)
      └──> void                      (a slip issued by mistake)

``hired`` straight from ``issued`` passes through ``intention``: a hire is
always also an intention, so the funnel (referrals ≥ intentions ≥ hires)
counts it at both steps. Every other move is refused with a message.
"""

from __future__ import annotations

import datetime as dt
import re

from lingong_desk.domain.enums import ReferralStatus as S
from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP

DEFAULT_VALIDITY_DAYS = 12
NUMBER_RE = re.compile(r"([A-Z]{2,6})-(\d{4})-(\d)(\d{5})")

_NEXT: dict[S, frozenset[S]] = {
    S.ISSUED: frozenset({S.INTENTION, S.NOT_HIRED, S.NO_SHOW, S.EXPIRED, S.VOID}),
    S.INTENTION: frozenset({S.HIRED, S.NOT_HIRED}),
    S.EXPIRED: frozenset({S.VOID}),
    S.HIRED: frozenset(),
    S.NOT_HIRED: frozenset(),
    S.NO_SHOW: frozenset(),
    S.VOID: frozenset(),
}
# the status every new referral starts in (the desk issues it; the city accepts no other)
INITIAL_STATUS = S.ISSUED
OPEN = frozenset({S.ISSUED, S.INTENTION})
CLOSED = frozenset({S.HIRED, S.NOT_HIRED, S.NO_SHOW, S.VOID})
NEEDS_REASON = frozenset({S.NOT_HIRED, S.VOID})
# a referral in these states does not stop the same person being referred again
REFERRABLE_AGAIN = frozenset({S.VOID, S.EXPIRED})


class IllegalTransition(ValueError):
    """A move the state machine does not allow; ``message`` is a catalogue text."""

    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params


def path(current: S | str, target: S | str) -> list[S]:
    """The states passed through from ``current`` to ``target`` (target last)."""
    now, to = S(current), S(target)
    if to in _NEXT[now]:
        return [to]
    if now is S.ISSUED and to is S.HIRED:
        return [S.INTENTION, S.HIRED]
    if now in CLOSED:
        raise IllegalTransition(
            QT_TRANSLATE_NOOP("referral", "This referral is already closed ({status})."),
            status=now.label,
        )
    if now is S.EXPIRED:
        raise IllegalTransition(
            QT_TRANSLATE_NOOP(
                "referral", "This referral expired on its validity date; it can only be voided."
            )
        )
    raise IllegalTransition(
        QT_TRANSLATE_NOOP("referral", "A referral cannot go from {current} to {target}."),
        current=now.label,
        target=to.label,
    )


def is_overdue(status: S | str, valid_until: dt.date, today: dt.date) -> bool:
    """Issued, no answer, and past its validity: to be marked expired."""
    return S(status) is S.ISSUED and valid_until < today


def valid_until(issued_on: dt.date, validity_days: int = DEFAULT_VALIDITY_DAYS) -> dt.date:
    """The last day the slip is valid (the day of issue counts as day one)."""
    if validity_days < 1:
        raise ValueError("validity must be at least one day")
    return issued_on + dt.timedelta(days=validity_days - 1)


def referral_number(market_code: str, year: int, desk_number: int, sequence: int) -> str:
    """ZY-2026-100123: market, year, the desk's number (1-9) and its own sequence.

    Each desk of a market counts on its own, offline; its number keeps the
    desks apart, the market code keeps the markets apart.
    """
    if not 1 <= desk_number <= 9:
        raise ValueError("desk number must be 1 to 9")
    if not 1 <= sequence <= 99_999:
        raise ValueError("sequence out of range")
    return f"{market_code}-{year:04d}-{desk_number}{sequence:05d}"


def normalise_number(text: str) -> str:
    """What a scanner or a clerk typed, as a referral number (upper case, no blanks)."""
    return re.sub(r"\s", "", text).upper()


def looks_like_number(text: str) -> bool:
    return NUMBER_RE.fullmatch(normalise_number(text)) is not None
