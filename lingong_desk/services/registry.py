"""One registry of the desk's services, built once and handed to the UI.

The composition root (``app.py``) opens the database and calls
``open_services``; the UI receives the ``Services`` and never builds a service
of its own, nor reaches below the service layer (``NewerDatabaseError`` and
the search filter types are re-exported here and in the services that use
them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher

from lingong_desk.db.engine import Database, NewerDatabaseError, open_database
from lingong_desk.db.files import DeskInUse, lock_desk
from lingong_desk.db.keystore import DeskKey, default_store, load_or_create
from lingong_desk.domain.identifiers import region_name
from lingong_desk.domain.occupations import Catalogue
from lingong_desk.resources import OCCUPATIONS_FILE, resource
from lingong_desk.services.accounts import AccountService
from lingong_desk.services.audit import AuditService
from lingong_desk.services.backups import BackupService
from lingong_desk.services.context import ServiceContext, start_device
from lingong_desk.services.employers import EmployerService
from lingong_desk.services.guidance import GuidanceService
from lingong_desk.services.information import InformationService
from lingong_desk.services.matching import MatchingService
from lingong_desk.services.people import PeopleService
from lingong_desk.services.personnel import PersonnelService
from lingong_desk.services.record_lists import RecordListService
from lingong_desk.services.referrals import ReferralService
from lingong_desk.services.slips import SlipService
from lingong_desk.services.statistics import StatisticsService
from lingong_desk.sync.engine import SyncEngine

__all__ = [
    "DeskInUse",
    "DeskKey",
    "NewerDatabaseError",
    "Services",
    "build_services",
    "desk_key",
    "load_catalogue",
    "lock_desk",
    "open_services",
]


@dataclass
class Services:
    ctx: ServiceContext
    accounts: AccountService
    people: PeopleService
    employers: EmployerService
    referrals: ReferralService
    slips: SlipService
    matching: MatchingService
    personnel: PersonnelService
    guidance: GuidanceService
    information: InformationService
    statistics: StatisticsService
    lists: RecordListService
    sync: SyncEngine
    backups: BackupService
    audit: AuditService

    def warm_up(self, region_code: str) -> None:
        """Load what the first search, ID number and slip need (pinyin dictionary,
        region table, ReportLab and the font), off the window's first moments."""
        from lingong_desk.printing.fonts import register_font

        self.ctx.catalogue.prepare()
        region_name(region_code or "110000")
        register_font()

    def close(self) -> None:
        self.sync.close()
        self.ctx.db.close()


def load_catalogue() -> Catalogue:
    return Catalogue.from_csv(resource(*OCCUPATIONS_FILE).read_text("utf-8"))


def build_services(
    db: Database, catalogue: Catalogue | None = None, hasher: PasswordHasher | None = None
) -> Services:
    ctx = ServiceContext(db, catalogue or load_catalogue())
    start_device(ctx)
    referrals = ReferralService(ctx)
    statistics = StatisticsService(ctx)
    return Services(
        ctx=ctx,
        accounts=AccountService(ctx, hasher),
        people=PeopleService(ctx),
        employers=EmployerService(ctx),
        referrals=referrals,
        slips=SlipService(ctx, referrals),
        matching=MatchingService(ctx),
        personnel=PersonnelService(ctx),
        guidance=GuidanceService(ctx),
        information=InformationService(ctx),
        statistics=statistics,
        lists=RecordListService(ctx, statistics),
        sync=SyncEngine(db, ctx),
        backups=BackupService(ctx),
        audit=AuditService(ctx),
    )


def desk_key(data_folder: Path, config_folder: Path) -> DeskKey:
    """This desk's key from the operating system's keeping (made at the first start)."""
    key, _new = load_or_create(default_store(data_folder, config_folder))
    return key


def open_services(
    path: Path, hasher: PasswordHasher | None = None, key: DeskKey | None = None
) -> Services:
    """The services on the desk file ``path``; with ``key`` the file is encrypted
    (a plain file is encrypted first)."""
    return build_services(open_database(path, key), hasher=hasher)
