"""The request and response schemas of the disputes API."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from fazhi.disputes.api._common import (
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    CaseNumber,
    Day,
    InstanceValue,
    LitigationOutcomeValue,
    LitigationStatusValue,
    MediationKindValue,
    MediationStatusValue,
    Name,
    Organ,
    Parties,
    ReconsiderationOutcomeValue,
    ReconsiderationStatusValue,
    Text,
)

# ---------------------------------------------------------------------------------------------
# Schemas


class DisputePageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class ReconsiderationQuery(DisputePageQuery):
    status: ReconsiderationStatusValue | None = Field(None, description="状态")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="收到申请书副本的年度")


class LitigationQuery(DisputePageQuery):
    status: LitigationStatusValue | None = Field(None, description="状态")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="收到起诉状副本的年度")


class MediationQuery(DisputePageQuery):
    status: MediationStatusValue | None = Field(None, description="状态")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="申请年度")


class DisputeStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度")
    agency: str | None = Field(None, max_length=50, description="机关代码（本机关）")


class DisputeStatsOut(Schema):
    year: int
    reconsiderations: int = Field(description="本年度收到行政复议申请书副本")
    replies_in_time: int = Field(description="其中按期答复")
    reconsiderations_reversed: int = Field(description="本年度复议决定变更、撤销或者确认违法、无效")
    litigations: int = Field(description="本年度收到起诉状副本")
    defences_in_time: int = Field(description="其中按期答辩")
    court_hearings: int = Field(description="本年度开庭")
    head_appearances: int = Field(description="其中负责人出庭")
    judicial_recommendations: int = Field(description="本年度裁判中的司法建议")
    litigations_reversed: int = Field(description="本年度裁判撤销、变更或者确认违法、无效")
    mediations: int = Field(description="本年度申请行政调解")
    mediations_agreed: int = Field(description="其中达成调解协议")
    observations: int = Field(description="组织旁听庭审")
    observers: int = Field(description="旁听人次")
    screenings: int = Field(description="矛盾纠纷排查")
    disputes_found: int = Field(description="发现矛盾纠纷")
    disputes_resolved: int = Field(description="已化解")
    head_appearance_rate: float | None = Field(description="负责人出庭 ÷ 开庭；无开庭时为 null")


class DisputeDeadlineOut(Schema):
    due: datetime.date
    basis: str = Field(description="法律依据")
    period: str = Field(description="期限")
    rule: str | None
    rule_version: int | None


class ReconsiderationSummaryOut(Schema):
    id: int
    applicant: str
    organ: str = Field(description="复议机关")
    case_number: str
    division: str
    status: str
    status_label: str
    received_on: datetime.date = Field(description="收到申请书副本之日")
    reply_due_on: datetime.date | None = Field(description="答复期限；日历未录入时为 null（待定）")
    replied_on: datetime.date | None
    decided_on: datetime.date | None
    outcome: str
    outcome_label: str
    enforcement_case_id: int | None
    overdue: list[str] = Field(description="今天已逾期的环节")


class ReconsiderationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReconsiderationSummaryOut]


class ReconsiderationDetailOut(ReconsiderationSummaryOut):
    challenged_act: str
    enforcement_case_code: str | None
    reply_deadline: DisputeDeadlineOut | None
    reply_summary: str
    hearing_on: datetime.date | None
    head_attended: bool
    attendee: str
    absence_reason: str
    decision_summary: str
    decision_served_on: datetime.date | None = Field(description="复议决定书送达之日，即发生法律效力之日")
    reverses_act: bool = Field(description="复议决定变更、撤销或者确认违法、无效")
    opinion_letter_on: datetime.date | None
    correction_due_on: datetime.date | None
    correction_reported_on: datetime.date | None
    performed_on: datetime.date | None
    performance_note: str
    created_by: str


class LitigationSummaryOut(Schema):
    id: int
    plaintiff: str
    court: str
    case_number: str
    instance: str
    instance_label: str
    division: str
    head_required: bool = Field(description="法院通知负责人出庭")
    status: str
    status_label: str
    complaint_received_on: datetime.date
    defence_due_on: datetime.date | None = Field(description="答辩期限；日历未录入时为 null（待定）")
    defended_on: datetime.date | None
    hearing_on: datetime.date | None
    judged_on: datetime.date | None
    outcome: str
    outcome_label: str
    enforcement_case_id: int | None
    overdue: list[str] = Field(description="今天已逾期的环节")


class LitigationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[LitigationSummaryOut]


class LitigationDetailOut(LitigationSummaryOut):
    challenged_act: str
    enforcement_case_code: str | None
    defence_deadline: DisputeDeadlineOut | None
    head: str | None = Field(description="出庭负责人")
    head_capacity: str = Field(
        description="出庭负责人的身份（法释〔2020〕3号第二条）；机关领导不另注明时为空"
    )
    excuse: str
    excuse_label: str
    excuse_detail: str
    proof_form: str = Field(
        description="证明材料加盖行政机关印章（seal）或者由主要负责人签字认可（signature）"
    )
    appearing_staff: str
    heard_on: datetime.date | None
    head_appeared: bool
    head_spoke: bool
    judgment_summary: str
    judicial_recommendation: str
    effective_on: datetime.date | None = Field(description="裁判发生法律效力之日；null 为尚未生效")
    reverses_act: bool = Field(description="裁判撤销、变更或者确认违法、无效")
    created_by: str


class MediationSummaryOut(Schema):
    id: int
    kind: str
    kind_label: str
    parties: str
    division: str
    status: str
    status_label: str
    requested_on: datetime.date
    accepted_on: datetime.date | None
    closed_on: datetime.date | None


class MediationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[MediationSummaryOut]


class MeetingOut(Schema):
    id: int
    held_on: datetime.date
    participants: str
    note: str


class MediationDetailOut(MediationSummaryOut):
    summary: str
    refusal_reason: str
    agreement: str
    failure_reason: str
    meetings: list[MeetingOut]
    created_by: str


class RegisterReconsiderationIn(Schema):
    applicant: Name = Field(description="申请人")
    challenged_act: Text = Field(description="被申请复议的行政行为")
    received_on: Day = Field(description="收到申请书副本之日")
    organ: Organ = Field("天津市人民政府", description="复议机关")
    case_number: CaseNumber = Field("", description="复议案号")
    enforcement_case_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="关联执法案件（复议决定撤销、变更等时记录于该案）"
    )


class ReplyIn(Schema):
    replied_on: Day = Field(description="提交答复和证据之日")
    summary: Text = Field(description="答复要点")


class ReconsiderationDecisionIn(Schema):
    decided_on: Day = Field(description="复议决定日期")
    served_on: Day = Field(description="复议决定书送达之日（一经送达即发生法律效力）")
    outcome: ReconsiderationOutcomeValue
    summary: Text = Field(description="复议决定要点")


class RegisterLitigationIn(Schema):
    plaintiff: Name = Field(description="原告")
    court: Organ = Field(description="受理法院")
    challenged_act: Text = Field(description="被诉行政行为")
    complaint_received_on: Day = Field(description="收到起诉状副本之日")
    instance: InstanceValue = "first"
    case_number: CaseNumber = Field("", description="案号")
    head_required: bool = Field(False, description="法院通知负责人出庭")
    enforcement_case_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="关联执法案件（判决撤销、变更等时记录于该案）"
    )


class DefenceIn(Schema):
    defended_on: Day = Field(description="提交答辩状和证据之日")


class JudgmentIn(Schema):
    judged_on: Day = Field(description="裁判日期")
    outcome: LitigationOutcomeValue
    summary: Text = Field(description="裁判要点")
    judicial_recommendation: Text = Field("", description="司法建议")
    effective_on: Day | None = Field(
        None, description="裁判发生法律效力之日；二审不填为裁判日期，一审判决待上诉期满未上诉后另行记录"
    )


class JudgmentEffectIn(Schema):
    effective_on: Day = Field(description="裁判发生法律效力之日（一审判决：上诉期满未上诉）")


class RequestMediationIn(Schema):
    kind: MediationKindValue
    parties: Parties = Field(description="当事人")
    summary: Text = Field(description="纠纷简要情况")
    requested_on: Day = Field(description="申请日期")


class MediationAcceptIn(Schema):
    accepted_on: Day = Field(description="受理日期")


class MeetingIn(Schema):
    held_on: Day = Field(description="调解日期")
    participants: Parties = Field(description="参加人员")
    note: Text = Field(description="调解情况")


class MediationConcludeIn(Schema):
    agreed: bool = Field(description="是否达成调解协议")
    text: Text = Field(description="调解协议内容，或者调解不成的情况")
    closed_on: Day = Field(description="结案日期")
