"""Closed vocabularies of the market, stored as short English codes.

Each member's ``label`` is the English catalogue text (context ``enums``);
the UI shows ``QCoreApplication.translate("enums", member.label)``.
"""

from __future__ import annotations

from enum import StrEnum

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP as N

C = "enums"


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS[self]


class Sex(Labelled):
    MALE = "M"
    FEMALE = "F"


class SexRequirement(Labelled):
    ANY = "any"
    MALE = "M"
    FEMALE = "F"


class PayUnit(Labelled):
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    PIECE = "piece"


class WorkForm(Labelled):
    DAY_WORK = "day"  # 日结
    SHORT_TERM = "short"  # 短期
    LONG_TERM = "long"  # 长期
    PART_TIME = "part"  # 兼职


class Education(Labelled):
    NONE = "none"
    PRIMARY = "primary"
    JUNIOR = "junior"
    SENIOR = "senior"
    VOCATIONAL = "vocational"
    COLLEGE = "college"
    BACHELOR = "bachelor"
    POSTGRADUATE = "postgraduate"


class HukouType(Labelled):
    RURAL = "rural"
    URBAN = "urban"


class PersonCategory(Labelled):
    """Who the job seeker is (人员类别)."""

    RURAL_MIGRANT = "rural_migrant"  # 农村转移劳动力
    URBAN_UNEMPLOYED = "urban_unemployed"  # 城镇失业人员
    GRADUATE = "graduate"  # 高校毕业生
    VETERAN = "veteran"  # 退役军人
    POVERTY_ALLEVIATED = "poverty_alleviated"  # 脱贫劳动力
    FLEXIBLE = "flexible"  # 灵活就业人员
    OTHER = "other"


class HardshipCategory(Labelled):
    """就业困难人员 categories (one person may be in several)."""

    ZERO_EMPLOYMENT_FAMILY = "zero_family"  # 零就业家庭成员
    LOW_INCOME = "low_income"  # 城乡低保家庭成员
    DISABLED = "disabled"  # 残疾人
    OLDER_WORKER = "older"  # 大龄 (女40/男50以上)
    LONG_UNEMPLOYED = "long_unemployed"  # 连续失业一年以上
    LAND_LOST = "land_lost"  # 失地农民


class PersonStatus(Labelled):
    SEEKING = "seeking"
    EMPLOYED = "employed"
    PAUSED = "paused"


class EmployerKind(Labelled):
    COMPANY = "company"  # 企业
    SELF_EMPLOYED = "self_employed"  # 个体工商户
    INSTITUTION = "institution"  # 机关事业单位 / 社会组织
    HOUSEHOLD = "household"  # 家庭 / 个人雇主


class EmployerStatus(Labelled):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class PostingStatus(Labelled):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"
    EXPIRED = "expired"


class ReferralStatus(Labelled):
    ISSUED = "issued"
    INTENTION = "intention"  # 初步达成意向
    HIRED = "hired"  # 最终达成就业
    NOT_HIRED = "not_hired"
    NO_SHOW = "no_show"
    EXPIRED = "expired"
    VOID = "void"


class CustodyStatus(Labelled):
    IN_CUSTODY = "in_custody"
    LENT = "lent"
    TRANSFERRED = "transferred"


class FileMovementKind(Labelled):
    RECEIVE = "receive"
    LEND = "lend"
    RETURN = "return"
    TRANSFER_OUT = "transfer_out"


class GuidanceKind(Labelled):
    CAREER = "career"
    ENTREPRENEURSHIP = "entrepreneurship"
    TRAINING_REFERRAL = "training"
    POLICY = "policy"


class ConsultChannel(Labelled):
    WALK_IN = "walk_in"
    PHONE = "phone"
    ONLINE = "online"


class ServiceWindow(Labelled):
    REGISTRATION = "registration"
    PERSONNEL = "personnel"
    REFERRAL = "referral"
    GUIDANCE = "guidance"
    INFORMATION = "information"


class ClerkRole(Labelled):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"


_LABELS: dict[Labelled, str] = {
    Sex.MALE: N(C, "Male"),
    Sex.FEMALE: N(C, "Female"),
    SexRequirement.ANY: N(C, "Any"),
    SexRequirement.MALE: N(C, "Men only"),
    SexRequirement.FEMALE: N(C, "Women only"),
    PayUnit.HOUR: N(C, "per hour"),
    PayUnit.DAY: N(C, "per day"),
    PayUnit.MONTH: N(C, "per month"),
    PayUnit.PIECE: N(C, "per piece"),
    WorkForm.DAY_WORK: N(C, "Day work"),
    WorkForm.SHORT_TERM: N(C, "Short term"),
    WorkForm.LONG_TERM: N(C, "Long term"),
    WorkForm.PART_TIME: N(C, "Part time"),
    Education.NONE: N(C, "No schooling"),
    Education.PRIMARY: N(C, "Primary school"),
    Education.JUNIOR: N(C, "Junior middle school"),
    Education.SENIOR: N(C, "Senior middle school"),
    Education.VOCATIONAL: N(C, "Vocational school"),
    Education.COLLEGE: N(C, "College"),
    Education.BACHELOR: N(C, "Bachelor"),
    Education.POSTGRADUATE: N(C, "Postgraduate"),
    HukouType.RURAL: N(C, "Rural"),
    HukouType.URBAN: N(C, "Urban"),
    PersonCategory.RURAL_MIGRANT: N(C, "Rural labour moving to work"),
    PersonCategory.URBAN_UNEMPLOYED: N(C, "Urban unemployed"),
    PersonCategory.GRADUATE: N(C, "College graduate"),
    PersonCategory.VETERAN: N(C, "Veteran"),
    PersonCategory.POVERTY_ALLEVIATED: N(C, "Labour out of poverty"),
    PersonCategory.FLEXIBLE: N(C, "Flexible worker"),
    PersonCategory.OTHER: N(C, "Other"),
    HardshipCategory.ZERO_EMPLOYMENT_FAMILY: N(C, "Zero-employment family"),
    HardshipCategory.LOW_INCOME: N(C, "Minimum-living-allowance family"),
    HardshipCategory.DISABLED: N(C, "Person with disability"),
    HardshipCategory.OLDER_WORKER: N(C, "Older worker"),
    HardshipCategory.LONG_UNEMPLOYED: N(C, "Unemployed over a year"),
    HardshipCategory.LAND_LOST: N(C, "Farmer who lost land"),
    PersonStatus.SEEKING: N(C, "Seeking work"),
    PersonStatus.EMPLOYED: N(C, "Employed"),
    PersonStatus.PAUSED: N(C, "Not seeking"),
    EmployerKind.COMPANY: N(C, "Company"),
    EmployerKind.SELF_EMPLOYED: N(C, "Self-employed business"),
    EmployerKind.INSTITUTION: N(C, "Institution or organisation"),
    EmployerKind.HOUSEHOLD: N(C, "Household or private person"),
    EmployerStatus.ACTIVE: N(C, "Active"),
    EmployerStatus.SUSPENDED: N(C, "Suspended"),
    PostingStatus.OPEN: N(C, "Open"),
    PostingStatus.FILLED: N(C, "Filled"),
    PostingStatus.CLOSED: N(C, "Closed"),
    PostingStatus.EXPIRED: N(C, "Expired"),
    ReferralStatus.ISSUED: N(C, "Issued"),
    ReferralStatus.INTENTION: N(C, "Preliminary intention"),
    ReferralStatus.HIRED: N(C, "Hired"),
    ReferralStatus.NOT_HIRED: N(C, "Not hired"),
    ReferralStatus.NO_SHOW: N(C, "No show"),
    ReferralStatus.EXPIRED: N(C, "Expired"),
    ReferralStatus.VOID: N(C, "Void"),
    CustodyStatus.IN_CUSTODY: N(C, "In custody"),
    CustodyStatus.LENT: N(C, "Lent out"),
    CustodyStatus.TRANSFERRED: N(C, "Transferred out"),
    FileMovementKind.RECEIVE: N(C, "Received"),
    FileMovementKind.LEND: N(C, "Lent"),
    FileMovementKind.RETURN: N(C, "Returned"),
    FileMovementKind.TRANSFER_OUT: N(C, "Transferred out"),
    GuidanceKind.CAREER: N(C, "Career guidance"),
    GuidanceKind.ENTREPRENEURSHIP: N(C, "Entrepreneurship"),
    GuidanceKind.TRAINING_REFERRAL: N(C, "Skills-training referral"),
    GuidanceKind.POLICY: N(C, "Policy and subsidy advice"),
    ConsultChannel.WALK_IN: N(C, "Walk-in"),
    ConsultChannel.PHONE: N(C, "Phone"),
    ConsultChannel.ONLINE: N(C, "Online or chat group"),
    ServiceWindow.REGISTRATION: N(C, "Employment registration"),
    ServiceWindow.PERSONNEL: N(C, "Personnel agency"),
    ServiceWindow.REFERRAL: N(C, "Job referral"),
    ServiceWindow.GUIDANCE: N(C, "Employment guidance"),
    ServiceWindow.INFORMATION: N(C, "Information"),
    ClerkRole.CLERK: N(C, "Clerk"),
    ClerkRole.SUPERVISOR: N(C, "Supervisor"),
}
