"""What an operation changed, for the views that show it.

The names are table names, reported by the writes themselves
(``db/changes.py``): a view subscribes to the tables it shows.
"""

from __future__ import annotations

from lingong_desk.db.changes import collect_changes

__all__ = [
    "CONSULTATIONS",
    "CUSTODY",
    "EMPLOYERS",
    "GUIDANCE",
    "KNOWLEDGE",
    "PEOPLE",
    "POSTINGS",
    "REFERRALS",
    "SETTINGS",
    "SYNC_STATE",
    "collect_changes",
]

PEOPLE = frozenset({"person", "person_occupation"})
EMPLOYERS = frozenset({"employer"})
POSTINGS = frozenset({"job_posting"})
REFERRALS = frozenset({"referral", "referral_event"})
CUSTODY = frozenset({"file_custody", "file_movement"})
GUIDANCE = frozenset({"guidance_session"})
CONSULTATIONS = frozenset({"consultation"})
KNOWLEDGE = frozenset({"knowledge_article"})
SETTINGS = frozenset({"app_setting"})
# what the sync part of the status bar shows: waiting changes, attention items, state
SYNC_STATE = frozenset(
    {"outbox", "app_setting", "sync_rejection", "sync_conflict_note", "sync_parked_change"}
)
