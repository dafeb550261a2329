"""The request and response schemas of the enforcement API."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from fazhi.core.api.schemas import DepartmentOut
from fazhi.enforcement.api._common import (
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    CategoryValue,
    CertificateNumber,
    Day,
    Fine,
    MajorGroundValue,
    Method,
    Organ,
    OutcomeValue,
    PartyCode,
    PartyKindValue,
    Reason,
    RecordKindValue,
    RecordStepValue,
    StatusValue,
    Text,
    Title,
)

# ---------------------------------------------------------------------------------------------
# Schemas


class CasePageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class PublicDecisionQuery(CasePageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="决定年度")
    category: CategoryValue | None = Field(None, description="执法类别")
    dept: str | None = Field(None, max_length=50, description="部门代码；不填为全部部门")


class EnforcementDepartmentOut(DepartmentOut):
    """The department a public decision belongs to, with its short name."""

    short_name: str


class CaseQuery(CasePageQuery):
    status: StatusValue | None = Field(None, description="案件状态")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="立案年度")


class EnforcementStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度")
    agency: str | None = Field(None, max_length=50, description="机关代码（本机关）")


class PublicDecisionOut(Schema):
    """A published decision. Withdrawn (`withdrawn`): only the number, the dates and the reason;
    the other fields are null (《行政处罚法》第四十八条)."""

    id: int
    agency: EnforcementDepartmentOut = Field(description="作出决定的部门")
    decision_number: str
    decided_on: datetime.date | None
    published_on: datetime.date | None
    withdrawn: bool
    withdrawn_on: datetime.date | None
    withdrawal_reason: str = Field(description="撤回公示的理由（决定被变更、撤销或者确认违法、无效的情况）")
    title: str | None = Field(description="案由")
    category: str | None
    category_label: str | None
    party: str | None = Field(description="当事人；自然人只显示姓氏")
    party_kind: str | None
    party_kind_label: str | None
    natural_person: bool | None
    party_code: str | None = Field(description="法人或者其他组织的统一社会信用代码；自然人不公示证件号码")
    outcome: str | None
    outcome_label: str | None
    decision_text: str | None
    fine_amount: str | None = Field(description="罚款金额（元），两位小数")
    url: str


class PublicDecisionPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PublicDecisionOut]


class EnforcementStatsOut(Schema):
    year: int
    filed: int = Field(description="本年度立案")
    decided: int = Field(description="本年度作出决定")
    penalties: int = Field(description="其中给予行政处罚")
    no_penalty: int = Field(description="其中不予行政处罚")
    major: int = Field(description="重大执法决定（经法制审核）")
    hearings: int = Field(description="举行听证")
    decided_in_time: int = Field(description="在决定期限内作出")
    fines_total: str = Field(description="罚款合计（元）")
    published: int = Field(description="本年度决定中已公示")
    published_in_time: int = Field(description="按期公示")
    withdrawn: int = Field(description="本年度撤回公示")
    transferred: int = Field(description="移送司法机关")
    open_cases: int = Field(description="年末（当年为今天）在办案件")
    by_category: dict[str, int] = Field(description="按执法类别的立案数")
    publicity_rate: float | None = Field(description="按期公示 ÷ 作出决定；无决定时为 null")


class OfficerOut(Schema):
    certificate_number: str
    name: str


class CaseRecordOut(Schema):
    id: int
    step: str
    step_label: str
    kind: str
    kind_label: str
    title: str
    note: str
    recorded_on: datetime.date
    recorded_by: str


class LegalityCheckOut(Schema):
    cleared: bool = Field(description="法制审核是否已通过（可以作出决定）")
    reason: str
    review_id: int | None = Field(description="最近一次法制审核（合法性审核）申请的编号")
    review_status: str | None
    review_status_label: str | None


class CaseSummaryOut(Schema):
    id: int
    code: str = Field(description="立案编号")
    title: str
    category: str
    category_label: str
    division: str
    party_name: str
    party_kind: str
    status: str
    status_label: str
    filed_on: datetime.date
    decision_due_on: datetime.date | None
    decided_on: datetime.date | None
    decision_number: str
    published_on: datetime.date | None
    withdrawn_on: datetime.date | None
    is_major: bool
    overdue: list[str] = Field(description="今天已逾期的环节")


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseSummaryOut]


class CaseDetailOut(CaseSummaryOut):
    party_code: str
    facts: str
    discovered_on: datetime.date
    violation_occurred_on: datetime.date | None
    continuing_act: bool
    violation_ended_on: datetime.date | None
    grave_harm: bool
    filed_by: str
    officers: list[OfficerOut]
    major_grounds: list[str]
    major_ground_labels: list[str]
    legality_check: LegalityCheckOut | None = Field(description="重大执法决定的法制审核；非重大时为 null")
    notified_on: datetime.date | None
    proposed_decision: str
    hearing_right: bool
    hearing_request_due_on: datetime.date | None
    statement: str
    waived: bool
    hearing_requested_on: datetime.date | None
    hearing_on: datetime.date | None
    hearing_notified_on: datetime.date | None
    hearing_held_on: datetime.date | None
    hearing_record: str
    decided_by: str | None
    outcome: str
    outcome_label: str
    decision_text: str
    fine_amount: str | None
    overdue_reason: str
    extension_basis: str
    service_due_on: datetime.date | None
    served_on: datetime.date | None
    service_method: str
    late_service_reason: str
    executed_on: datetime.date | None
    execution_note: str
    closed_on: datetime.date | None
    publicity_due_on: datetime.date | None
    reversed_on: datetime.date | None
    reversal_effective_on: datetime.date | None
    reversal_reason: str
    withdrawal_due_on: datetime.date | None
    transferred_on: datetime.date | None
    transferred_to: str
    transfer_reason: str
    records: list[CaseRecordOut]
    public_url: str | None = Field(description="公示页面（已公示的决定）")


class FileCaseIn(Schema):
    title: Title = Field(description="案由")
    category: CategoryValue = "penalty"
    party_name: Title = Field(description="当事人")
    party_kind: PartyKindValue
    party_code: PartyCode = Field("", description="统一社会信用代码或身份证件号码")
    facts: Text = Field(description="案件来源及基本事实")
    officers: list[CertificateNumber] = Field(
        min_length=1, max_length=20, description="执法人员的执法证号（至少两名持有效证件的执法人员）"
    )
    discovered_on: Day = Field(description="发现之日")
    violation_occurred_on: Day | None = Field(
        None, description="违法行为发生之日（追责期限的起算日，《行政处罚法》第三十六条）"
    )
    continuing_act: bool = Field(
        False, description="违法行为有连续或者继续状态：追责期限从 violation_ended_on（行为终了之日）起计算"
    )
    violation_ended_on: Day | None = Field(None, description="违法行为终了之日（连续或者继续状态的违法行为）")
    grave_harm: bool = Field(False, description="涉及公民生命健康安全、金融安全且有危害后果")
    major_grounds: list[MajorGroundValue] = Field(
        default_factory=list, max_length=4, description="重大执法决定情形（《行政处罚法》第五十八条）"
    )


class RecordIn(Schema):
    step: RecordStepValue
    kind: RecordKindValue = "text"
    title: Title
    note: Text = ""


class MajorGroundsIn(Schema):
    grounds: list[MajorGroundValue] = Field(max_length=4)


class NotifyIn(Schema):
    proposed_decision: Text = Field(description="拟作出的决定及理由、依据")
    hearing_right: bool = Field(description="告知听证权利（《行政处罚法》第六十三条）")


class StatementIn(Schema):
    statement: Text = ""
    waived: bool = Field(False, description="当事人明确放弃陈述、申辩和听证")


class HearingRequestIn(Schema):
    requested_on: Day | None = Field(None, description="申请日期，默认今天")


class HearingScheduleIn(Schema):
    hearing_on: Day = Field(description="听证日期（今天通知，至少提前七个工作日）")


class HearingRecordIn(Schema):
    record: Text = Field(description="听证笔录摘要")


class ReviewSubmitIn(Schema):
    explanation: Text = ""


class DecideIn(Schema):
    outcome: OutcomeValue
    decision_text: Text
    fine_amount: Fine | None = Field(None, description="罚款金额（元）")
    extension_basis: Title = Field(
        "",
        description="超过九十日作出决定时，法律、法规或者规章的名称和条文，如“《××规定》第××条”（《行政处罚法》第六十条）",
    )
    overdue_reason: Reason = Field("", description="超过决定期限的情况说明")


class ServeIn(Schema):
    served_on: Day
    method: Method = Field(description="送达方式")
    late_reason: Reason = ""


class ExecuteIn(Schema):
    executed_on: Day
    note: Text = Field(description="执行情况")


class TransferIn(Schema):
    transferred_to: Organ = Field(description="移送机关")
    reason: Text = Field(description="移送理由")


class ReversalIn(Schema):
    reversed_on: Day = Field(description="决定被变更、撤销或者确认违法、无效之日")
    effective_on: Day | None = Field(
        None,
        description="该决定或者裁判发生法律效力之日（不填为同一日）；撤回公示的三个工作日自此起算（《行政处罚法》第四十八条）",
    )
    reason: Text = Field(description="变更、撤销或者确认违法、无效的情况（撤回公示时公开）")
