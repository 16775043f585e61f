"""Closed vocabularies of the market, stored as short English codes.

Each member's ``label`` is the English catalogue text (context ``enums``);
the UI shows ``QCoreApplication.translate("enums", member.label)``.
"""

from __future__ import annotations

from enum import StrEnum

from lingong_desk.domain.i18n import QT_TRANSLATE_NOOP

C = "enums"


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        # keyed by class too: PayUnit.DAY and WorkForm.DAY_WORK are both "day"
        return _LABELS[(type(self), self.value)]


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


class FileContent(Labelled):
    """What a personnel file holds (the receipt checklist)."""

    RESUME = "resume"  # 履历表
    EDUCATION = "education"  # 学历证明
    CONTRACT = "contract"  # 劳动合同
    SOCIAL_INSURANCE = "social_insurance"  # 社保缴费记录
    TITLE = "title"  # 职称证书
    REWARDS = "rewards"  # 奖惩材料
    OTHER = "other"  # 其他


class TransferMethod(Labelled):
    """How a transferred file travels."""

    POST = "post"  # 邮寄
    COLLECTED = "collected"  # 自取
    CONFIDENTIAL = "confidential"  # 机要


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


_MEMBER_LABELS: list[tuple[Labelled, str]] = [
    (Sex.MALE, QT_TRANSLATE_NOOP("enums", "Male")),
    (Sex.FEMALE, QT_TRANSLATE_NOOP("enums", "Female")),
    (SexRequirement.ANY, QT_TRANSLATE_NOOP("enums", "Any")),
    (SexRequirement.MALE, QT_TRANSLATE_NOOP("enums", "Men only")),
    (SexRequirement.FEMALE, QT_TRANSLATE_NOOP("enums", "Women only")),
    (PayUnit.HOUR, QT_TRANSLATE_NOOP("enums", "per hour")),
    (PayUnit.DAY, QT_TRANSLATE_NOOP("enums", "per day")),
    (PayUnit.MONTH, QT_TRANSLATE_NOOP("enums", "per month")),
    (PayUnit.PIECE, QT_TRANSLATE_NOOP("enums", "per piece")),
    (WorkForm.DAY_WORK, QT_TRANSLATE_NOOP("enums", "Day work")),
    (WorkForm.SHORT_TERM, QT_TRANSLATE_NOOP("enums", "Short term")),
    (WorkForm.LONG_TERM, QT_TRANSLATE_NOOP("enums", "Long term")),
    (WorkForm.PART_TIME, QT_TRANSLATE_NOOP("enums", "Part time")),
    (Education.NONE, QT_TRANSLATE_NOOP("enums", "No schooling")),
    (Education.PRIMARY, QT_TRANSLATE_NOOP("enums", "Primary school")),
    (Education.JUNIOR, QT_TRANSLATE_NOOP("enums", "Junior middle school")),
    (Education.SENIOR, QT_TRANSLATE_NOOP("enums", "Senior middle school")),
    (Education.VOCATIONAL, QT_TRANSLATE_NOOP("enums", "Vocational school")),
    (Education.COLLEGE, QT_TRANSLATE_NOOP("enums", "College")),
    (Education.BACHELOR, QT_TRANSLATE_NOOP("enums", "Bachelor")),
    (Education.POSTGRADUATE, QT_TRANSLATE_NOOP("enums", "Postgraduate")),
    (HukouType.RURAL, QT_TRANSLATE_NOOP("enums", "Rural")),
    (HukouType.URBAN, QT_TRANSLATE_NOOP("enums", "Urban")),
    (PersonCategory.RURAL_MIGRANT, QT_TRANSLATE_NOOP("enums", "Rural labour moving to work")),
    (PersonCategory.URBAN_UNEMPLOYED, QT_TRANSLATE_NOOP("enums", "Urban unemployed")),
    (PersonCategory.GRADUATE, QT_TRANSLATE_NOOP("enums", "College graduate")),
    (PersonCategory.VETERAN, QT_TRANSLATE_NOOP("enums", "Veteran")),
    (PersonCategory.POVERTY_ALLEVIATED, QT_TRANSLATE_NOOP("enums", "Labour out of poverty")),
    (PersonCategory.FLEXIBLE, QT_TRANSLATE_NOOP("enums", "Flexible worker")),
    (PersonCategory.OTHER, QT_TRANSLATE_NOOP("enums", "Other")),
    (HardshipCategory.ZERO_EMPLOYMENT_FAMILY, QT_TRANSLATE_NOOP("enums", "Zero-employment family")),
    (HardshipCategory.LOW_INCOME, QT_TRANSLATE_NOOP("enums", "Minimum-living-allowance family")),
    (HardshipCategory.DISABLED, QT_TRANSLATE_NOOP("enums", "Person with disability")),
    (HardshipCategory.OLDER_WORKER, QT_TRANSLATE_NOOP("enums", "Older worker")),
    (HardshipCategory.LONG_UNEMPLOYED, QT_TRANSLATE_NOOP("enums", "Unemployed over a year")),
    (HardshipCategory.LAND_LOST, QT_TRANSLATE_NOOP("enums", "Farmer who lost land")),
    (PersonStatus.SEEKING, QT_TRANSLATE_NOOP("enums", "Seeking work")),
    (PersonStatus.EMPLOYED, QT_TRANSLATE_NOOP("enums", "Employed")),
    (PersonStatus.PAUSED, QT_TRANSLATE_NOOP("enums", "Not seeking")),
    (EmployerKind.COMPANY, QT_TRANSLATE_NOOP("enums", "Company")),
    (EmployerKind.SELF_EMPLOYED, QT_TRANSLATE_NOOP("enums", "Self-employed business")),
    (EmployerKind.INSTITUTION, QT_TRANSLATE_NOOP("enums", "Institution or organisation")),
    (EmployerKind.HOUSEHOLD, QT_TRANSLATE_NOOP("enums", "Household or private person")),
    (EmployerStatus.ACTIVE, QT_TRANSLATE_NOOP("enums", "Active")),
    (EmployerStatus.SUSPENDED, QT_TRANSLATE_NOOP("enums", "Suspended")),
    (PostingStatus.OPEN, QT_TRANSLATE_NOOP("enums", "Open")),
    (PostingStatus.FILLED, QT_TRANSLATE_NOOP("enums", "Filled")),
    (PostingStatus.CLOSED, QT_TRANSLATE_NOOP("enums", "Closed")),
    (PostingStatus.EXPIRED, QT_TRANSLATE_NOOP("enums", "Expired")),
    (ReferralStatus.ISSUED, QT_TRANSLATE_NOOP("enums", "Issued")),
    (ReferralStatus.INTENTION, QT_TRANSLATE_NOOP("enums", "Preliminary intention")),
    (ReferralStatus.HIRED, QT_TRANSLATE_NOOP("enums", "Hired")),
    (ReferralStatus.NOT_HIRED, QT_TRANSLATE_NOOP("enums", "Not hired")),
    (ReferralStatus.NO_SHOW, QT_TRANSLATE_NOOP("enums", "No show")),
    (ReferralStatus.EXPIRED, QT_TRANSLATE_NOOP("enums", "Expired")),
    (ReferralStatus.VOID, QT_TRANSLATE_NOOP("enums", "Void")),
    (CustodyStatus.IN_CUSTODY, QT_TRANSLATE_NOOP("enums", "In custody")),
    (CustodyStatus.LENT, QT_TRANSLATE_NOOP("enums", "Lent out")),
    (CustodyStatus.TRANSFERRED, QT_TRANSLATE_NOOP("enums", "Transferred out")),
    (FileMovementKind.RECEIVE, QT_TRANSLATE_NOOP("enums", "Received")),
    (FileMovementKind.LEND, QT_TRANSLATE_NOOP("enums", "Lent")),
    (FileMovementKind.RETURN, QT_TRANSLATE_NOOP("enums", "Returned")),
    (FileMovementKind.TRANSFER_OUT, QT_TRANSLATE_NOOP("enums", "Transferred out")),
    (FileContent.RESUME, QT_TRANSLATE_NOOP("enums", "CV form")),
    (FileContent.EDUCATION, QT_TRANSLATE_NOOP("enums", "Education certificates")),
    (FileContent.CONTRACT, QT_TRANSLATE_NOOP("enums", "Labour contract")),
    (FileContent.SOCIAL_INSURANCE, QT_TRANSLATE_NOOP("enums", "Social insurance record")),
    (FileContent.TITLE, QT_TRANSLATE_NOOP("enums", "Professional title certificate")),
    (FileContent.REWARDS, QT_TRANSLATE_NOOP("enums", "Rewards and penalties")),
    (FileContent.OTHER, QT_TRANSLATE_NOOP("enums", "Other papers")),
    (TransferMethod.POST, QT_TRANSLATE_NOOP("enums", "By post")),
    (TransferMethod.COLLECTED, QT_TRANSLATE_NOOP("enums", "Collected in person")),
    (TransferMethod.CONFIDENTIAL, QT_TRANSLATE_NOOP("enums", "Confidential mail")),
    (GuidanceKind.CAREER, QT_TRANSLATE_NOOP("enums", "Career guidance")),
    (GuidanceKind.ENTREPRENEURSHIP, QT_TRANSLATE_NOOP("enums", "Entrepreneurship")),
    (GuidanceKind.TRAINING_REFERRAL, QT_TRANSLATE_NOOP("enums", "Skills-training referral")),
    (GuidanceKind.POLICY, QT_TRANSLATE_NOOP("enums", "Policy and subsidy advice")),
    (ConsultChannel.WALK_IN, QT_TRANSLATE_NOOP("enums", "Walk-in")),
    (ConsultChannel.PHONE, QT_TRANSLATE_NOOP("enums", "Phone")),
    (ConsultChannel.ONLINE, QT_TRANSLATE_NOOP("enums", "Online or chat group")),
    (ServiceWindow.REGISTRATION, QT_TRANSLATE_NOOP("enums", "Employment registration")),
    (ServiceWindow.PERSONNEL, QT_TRANSLATE_NOOP("enums", "Personnel agency")),
    (ServiceWindow.REFERRAL, QT_TRANSLATE_NOOP("enums", "Job referral")),
    (ServiceWindow.GUIDANCE, QT_TRANSLATE_NOOP("enums", "Employment guidance")),
    (ServiceWindow.INFORMATION, QT_TRANSLATE_NOOP("enums", "Information")),
    (ClerkRole.CLERK, QT_TRANSLATE_NOOP("enums", "Clerk")),
    (ClerkRole.SUPERVISOR, QT_TRANSLATE_NOOP("enums", "Supervisor")),
]

_LABELS: dict[tuple[type[Labelled], str], str] = {
    (type(member), member.value): text for member, text in _MEMBER_LABELS
}
