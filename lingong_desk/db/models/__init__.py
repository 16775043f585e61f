"""All tables of the desk, for all five service windows."""

from lingong_desk.db.models.base import Base, LocalBase, SyncMixin
from lingong_desk.db.models.employers import Employer, JobPosting
from lingong_desk.db.models.people import Person, PersonOccupation
from lingong_desk.db.models.referrals import Referral, ReferralEvent
from lingong_desk.db.models.services import (
    Consultation,
    FileCustody,
    FileMovement,
    GuidanceSession,
    KnowledgeArticle,
)
from lingong_desk.db.models.sync import SyncConflictNote, SyncParkedChange, SyncRejection
from lingong_desk.db.models.system import (
    AppSetting,
    AuditEvent,
    Clerk,
    Market,
    NumberSequence,
    OutboxEntry,
)

__all__ = [
    "AppSetting",
    "AuditEvent",
    "Base",
    "Clerk",
    "Consultation",
    "Employer",
    "FileCustody",
    "FileMovement",
    "GuidanceSession",
    "JobPosting",
    "KnowledgeArticle",
    "LocalBase",
    "Market",
    "NumberSequence",
    "OutboxEntry",
    "Person",
    "PersonOccupation",
    "Referral",
    "ReferralEvent",
    "SyncConflictNote",
    "SyncMixin",
    "SyncParkedChange",
    "SyncRejection",
]
