"""Which audit events the city receives.

A desk audits everything its clerks do. The city needs the events that say who
let protected data leave the desk or reach it (prints, exports, unmasking,
sign-ins, accounts), and the events the statistics count (a registration, a
job seeker's change of status: ``domain/indicators.py`` counts them, and the
city must count the same rows); the other events that record a row being made
or changed stay on the desk, because the row itself carries who made or
changed it and when (``created_by``/``updated_by`` and the times) and travels
anyway. An action not named here goes to the city: when in doubt, the record
is kept.
"""

from __future__ import annotations

from lingong_desk.domain.enums import FileMovementKind, ReferralStatus

LOCAL_ACTIONS = frozenset(
    {
        "person.update",
        "employer.register",
        "employer.update",
        "posting.publish",
        "posting.update",
        "posting.close",
        "referral.issue",
        "guidance.record",
        "guidance.follow_up",
        "consultation.log",
        "knowledge.save",
        "demo.fill",
        *(f"referral.{s.value}" for s in ReferralStatus),
        *(f"custody.{k.value}" for k in FileMovementKind),
    }
)


def goes_to_city(action: str) -> bool:
    """Is an audit event with this action sent to the city?"""
    return action not in LOCAL_ACTIONS
