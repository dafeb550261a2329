"""/api/v1/enforcement — enforcement cases and the public publicity list over JSON.

Public, no account (`auth=None`), the same data as the /enforcement/ pages (public_views.py):

    GET /public/decisions           published decisions, newest first; natural persons masked,
                                    withdrawn ones as withdrawn with the reason only

For staff (session or bearer token):

    GET  /stats?year=               the year's figures (the leadership and the legal affairs
                                    division: whoever may view every case)
    GET  /cases[/{case_id}]         EnforcementCase.objects.visible_to(user): an officer's own,
                                    every case for the leadership and the legal affairs division
    POST /cases                     file a case (actions.file_case), officers by certificate
    POST /cases/{case_id}/<step>    one route per step, each calling its action: records,
                                    major_grounds, notify, record_statement, request_hearing,
                                    schedule_hearing, record_hearing, submit_for_review, decide,
                                    serve, execute, close, transfer, publish, record_reversal,
                                    withdraw_publicity

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden or missing, or a step the
user may not take, 404; a step the case's state does not allow or a closed legal gate (with the
article it enforces), 409; a body or query of the wrong shape, 422; other refusals, 400.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.api.fields import storable
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.models import Inspector, User
from fazhi.core.workflow import InvalidTransition
from fazhi.enforcement import actions, permissions
from fazhi.enforcement import public_views as public
from fazhi.enforcement.models import CaseQuerySet, EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest, subject_key

router = Router(tags=["行政执法"])

S = EnforcementCase.Status
# Ids in paths and queries: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = public.MIN_YEAR, public.MAX_YEAR
ERRORS = {400, 404, 409, 422}
# The steps a party's statement and hearing and the legality check belong to: after the
# notice, before the decision.
AT_NOTICE = frozenset({S.NOTIFIED.value})

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
StatusValue = Literal["investigating", "notified", "decided", "served", "executed", "closed", "transferred"]
CategoryValue = Literal["penalty", "coercion", "other"]
PartyKindValue = Literal["organization", "person"]
OutcomeValue = Literal["penalty", "no_penalty"]
MajorGroundValue = Literal["public_interest", "hearing", "complex", "by_law"]
RecordStepValue = Literal[
    "filing", "investigation", "notice", "hearing", "review", "decision", "service", "execution", "closing"
]
RecordKindValue = Literal["text", "audio_video"]


def _day(value: datetime.date) -> datetime.date:
    """A date a case can bear. Far ones are no case's date, and the deadline arithmetic counting
    from them would overflow or ask for calendars that will never be entered."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"日期应在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间")
    return value


Title = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Reason = Annotated[str, Field(max_length=2000), AfterValidator(storable)]
PartyCode = Annotated[str, Field(max_length=40), AfterValidator(storable)]
Method = Annotated[str, Field(max_length=50), AfterValidator(storable)]
Organ = Annotated[str, Field(max_length=100), AfterValidator(storable)]
CertificateNumber = Annotated[str, Field(min_length=1, max_length=40), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(_day)]
Fine = Annotated[Decimal, Field(gt=0, le=actions.MAX_FINE, max_digits=14, decimal_places=2)]
CaseId = Annotated[int, Path(ge=1, le=MAX_ID, description="案件编号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class CasePageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class PublicDecisionQuery(CasePageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="决定年度")
    category: CategoryValue | None = Field(None, description="执法类别")


class CaseQuery(CasePageQuery):
    status: StatusValue | None = Field(None, description="案件状态")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="立案年度")


class EnforcementStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度")


class PublicDecisionOut(Schema):
    """A published decision. Withdrawn (`withdrawn`): only the number, the dates and the reason;
    the other fields are null (《行政处罚法》第四十八条)."""

    id: int
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


# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _page(query: CasePageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _actor(request: HttpRequest) -> User:
    """The signed-in user: the API's authentication has already refused anyone else."""
    return request.user  # type: ignore[return-value]


def _public_decision(request: HttpRequest, case: EnforcementCase) -> dict[str, Any]:
    url = reverse("public_enforcement:detail", args=[case.pk])
    return {**public.public_row(case), "url": request.build_absolute_uri(url)}


def _summary(case: EnforcementCase, today: datetime.date) -> dict[str, Any]:
    return {
        "id": case.pk,
        "code": case.code,
        "title": case.title,
        "category": case.category,
        "category_label": str(case.get_category_display()),
        "division": case.division.name,
        "party_name": case.party_name,
        "party_kind": case.party_kind,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "filed_on": case.filed_on,
        "decision_due_on": case.decision_due_on,
        "decided_on": case.decided_on,
        "decision_number": case.decision_number,
        "published_on": case.published_on,
        "withdrawn_on": case.withdrawn_on,
        "is_major": case.is_major,
        "overdue": case.overdue_steps(today),
    }


def _legality_check(case: EnforcementCase) -> dict[str, Any] | None:
    """Whether the gate of Art 58 lets the head decide, and the case's latest review request
    (pending or concluded)."""
    if not case.is_major:
        return None
    gate = review_gate(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT)
    subject_type, subject_id = subject_key(case)
    latest = (
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .order_by("-pk")
        .only("pk", "status")
        .first()
    )
    return {
        "cleared": gate.allowed,
        "reason": gate.reason,
        "review_id": latest.pk if latest else None,
        "review_status": latest.status if latest else None,
        "review_status_label": str(latest.get_status_display()) if latest else None,
    }


def _detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The case as it now stands, read afresh after a step."""
    case = _visible_case(request, case_id)
    records = case.records.select_related("recorded_by").order_by("recorded_on", "pk")
    return {
        **_summary(case, public.today()),
        "party_code": case.party_code,
        "facts": case.facts,
        "discovered_on": case.discovered_on,
        "violation_occurred_on": case.violation_occurred_on,
        "continuing_act": case.continuing_act,
        "violation_ended_on": case.violation_ended_on,
        "grave_harm": case.grave_harm,
        "filed_by": case.filed_by.display_name,
        "officers": [
            {"certificate_number": o.certificate_number, "name": o.name}
            for o in case.officers.order_by("certificate_number")
        ],
        "major_grounds": list(case.major_grounds),
        "major_ground_labels": case.major_ground_labels(),
        "legality_check": _legality_check(case),
        "notified_on": case.notified_on,
        "proposed_decision": case.proposed_decision,
        "hearing_right": case.hearing_right,
        "hearing_request_due_on": case.hearing_request_due_on,
        "statement": case.statement,
        "waived": case.waived,
        "hearing_requested_on": case.hearing_requested_on,
        "hearing_on": case.hearing_on,
        "hearing_notified_on": case.hearing_notified_on,
        "hearing_held_on": case.hearing_held_on,
        "hearing_record": case.hearing_record,
        "decided_by": case.decided_by.display_name if case.decided_by else None,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "decision_text": case.decision_text,
        "fine_amount": f"{case.fine_amount:.2f}" if case.fine_amount is not None else None,
        "overdue_reason": case.overdue_reason,
        "extension_basis": case.extension_basis,
        "service_due_on": case.service_due_on,
        "served_on": case.served_on,
        "service_method": case.service_method,
        "late_service_reason": case.late_service_reason,
        "executed_on": case.executed_on,
        "execution_note": case.execution_note,
        "closed_on": case.closed_on,
        "publicity_due_on": case.publicity_due_on,
        "reversed_on": case.reversed_on,
        "reversal_effective_on": case.reversal_effective_on,
        "reversal_reason": case.reversal_reason,
        "withdrawal_due_on": case.withdrawal_due_on,
        "transferred_on": case.transferred_on,
        "transferred_to": case.transferred_to,
        "transfer_reason": case.transfer_reason,
        "records": [
            {
                "id": r.pk,
                "step": r.step,
                "step_label": str(r.get_step_display()),
                "kind": r.kind,
                "kind_label": str(r.get_kind_display()),
                "title": r.title,
                "note": r.note,
                "recorded_on": r.recorded_on,
                "recorded_by": r.recorded_by.display_name,
            }
            for r in records
        ],
        "public_url": request.build_absolute_uri(reverse("public_enforcement:detail", args=[case.pk]))
        if case.published_on
        else None,
    }


def _cases(request: HttpRequest) -> CaseQuerySet:
    if not permissions.can_open_area(request.user):
        raise Http404
    return EnforcementCase.objects.visible_to(request.user).select_related(
        "division", "filed_by", "decided_by"
    )


def _visible_case(request: HttpRequest, case_id: int) -> EnforcementCase:
    case = _cases(request).filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


def _case_at(request: HttpRequest, case_id: int, sources: frozenset[str], step: str) -> EnforcementCase:
    """The visible case, in a state the step is taken from: otherwise 409 naming the state, as
    the transition helper words it. The action then checks who may take the step (404 if not)."""
    case = _visible_case(request, case_id)
    if case.status not in sources:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能{step}")
    return case


def _transition(name: str) -> tuple[frozenset[str], str]:
    transition = actions.TRANSITIONS[name]
    return transition.sources, transition.label


STEP = {200: CaseDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}


# ---------------------------------------------------------------------------------------------
# Public route


@router.get(
    "/public/decisions",
    auth=None,
    response={200: PublicDecisionPageOut, 422: ErrorOut},
    summary="行政执法决定公示（公开）",
)
def public_decision_list(request: HttpRequest, query: Query[PublicDecisionQuery]) -> dict[str, Any]:
    """Published decisions, newest publication first, by year of decision and category. A
    natural person's name is masked and their identity number never given; a withdrawn decision
    carries only its number, dates and the reason for the withdrawal. Two queries."""
    decisions = public.public_decisions(year=query.year, category=query.category)
    count = decisions.count()
    page = decisions[query.offset : query.offset + query.limit]
    return _page(query, count, [_public_decision(request, case) for case in page])


# ---------------------------------------------------------------------------------------------
# Staff reads. The fixed paths come before /cases/{case_id}.


@router.get(
    "/stats", response={200: EnforcementStatsOut, 404: ErrorOut, 422: ErrorOut}, summary="年度行政执法数据"
)
def stats(request: HttpRequest, query: Query[EnforcementStatsQuery]) -> dict[str, Any]:
    if not permissions.can_view_stats(request.user):
        raise Http404
    return year_figures(query.year, today=public.today()).as_dict()


@router.get("/cases", response={200: CasePageOut, 404: ErrorOut, 422: ErrorOut}, summary="执法案件")
def case_list(request: HttpRequest, query: Query[CaseQuery]) -> dict[str, Any]:
    """Cases the user may see, newest filing first: an officer's own (filed or handled); every
    case for the leadership and the legal affairs division. Two queries."""
    cases = _cases(request)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.year is not None:
        cases = cases.filter(filed_on__year=query.year)
    count = cases.count()
    today = public.today()
    page = cases.order_by("-filed_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_summary(case, today) for case in page])


@router.get(
    "/cases/{case_id}", response={200: CaseDetailOut, 404: ErrorOut, 422: ErrorOut}, summary="执法案件详情"
)
def case_detail(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    return _detail(request, case_id)


# ---------------------------------------------------------------------------------------------
# Writes: each calls its action, then answers the case as it now stands.


@router.post("/cases", response={201: CaseDetailOut, **dict.fromkeys(ERRORS, ErrorOut)}, summary="立案")
def case_file(request: HttpRequest, body: FileCaseIn) -> tuple[int, dict[str, Any]]:
    """File a case with its officers, named by their certificate numbers (at least two with a
    certificate valid today, 《行政处罚法》第四十二条). An unknown number answers 422 naming it."""
    actor = _actor(request)
    if not permissions.can_file(actor):
        raise Http404
    numbers = set(body.officers)
    officers = list(Inspector.objects.filter(certificate_number__in=numbers).order_by("certificate_number"))
    unknown = sorted(numbers - {o.certificate_number for o in officers})
    if unknown:
        raise HttpError(422, "未找到执法人员（执法证号）：" + "、".join(unknown))
    case = actions.file_case(
        actor=actor,
        title=body.title,
        category=body.category,
        party_name=body.party_name,
        party_kind=body.party_kind,
        party_code=body.party_code,
        facts=body.facts,
        officers=officers,
        discovered_on=body.discovered_on,
        violation_occurred_on=body.violation_occurred_on,
        continuing_act=body.continuing_act,
        violation_ended_on=body.violation_ended_on,
        grave_harm=body.grave_harm,
        major_grounds=body.major_grounds,
    )
    return 201, _detail(request, case.pk)


@router.post("/cases/{case_id}/records", response=STEP, summary="添加全过程记录（文字记录）")
def case_record(request: HttpRequest, case_id: CaseId, body: RecordIn) -> dict[str, Any]:
    """An entry of the full-process record, without files (files are attached on the case page)."""
    case = _visible_case(request, case_id)
    actions.add_record(
        case, actor=_actor(request), step=body.step, kind=body.kind, title=body.title, note=body.note
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/major_grounds", response=STEP, summary="认定重大执法决定情形")
def case_major_grounds(request: HttpRequest, case_id: CaseId, body: MajorGroundsIn) -> dict[str, Any]:
    case = _visible_case(request, case_id)
    actions.set_major_grounds(case, actor=_actor(request), grounds=body.grounds)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/notify", response=STEP, summary="告知")
def case_notify(request: HttpRequest, case_id: CaseId, body: NotifyIn) -> dict[str, Any]:
    """Tell the party the proposed decision and their rights; needs an investigation record."""
    case = _case_at(request, case_id, *_transition("notify"))
    actions.notify(
        case,
        actor=_actor(request),
        proposed_decision=body.proposed_decision,
        hearing_right=body.hearing_right,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/record_statement", response=STEP, summary="记录陈述、申辩或者放弃")
def case_statement(request: HttpRequest, case_id: CaseId, body: StatementIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "记录陈述、申辩")
    actions.record_statement(case, actor=_actor(request), statement=body.statement, waived=body.waived)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/request_hearing", response=STEP, summary="当事人申请听证")
def case_request_hearing(request: HttpRequest, case_id: CaseId, body: HearingRequestIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "申请听证")
    actions.request_hearing(case, actor=_actor(request), requested_on=body.requested_on)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/schedule_hearing", response=STEP, summary="安排听证并通知当事人")
def case_schedule_hearing(request: HttpRequest, case_id: CaseId, body: HearingScheduleIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "安排听证")
    actions.schedule_hearing(case, actor=_actor(request), hearing_on=body.hearing_on)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/record_hearing", response=STEP, summary="记录听证")
def case_record_hearing(request: HttpRequest, case_id: CaseId, body: HearingRecordIn) -> dict[str, Any]:
    case = _case_at(request, case_id, AT_NOTICE, "记录听证")
    actions.record_hearing(case, actor=_actor(request), record=body.record)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/submit_for_review", response=STEP, summary="送法制审核")
def case_submit_for_review(request: HttpRequest, case_id: CaseId, body: ReviewSubmitIn) -> dict[str, Any]:
    """Send a major decision to the legality check; `legality_check.review_id` names the review."""
    case = _case_at(request, case_id, AT_NOTICE, "送法制审核")
    actions.submit_for_review(case, actor=_actor(request), explanation=body.explanation)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/decide", response=STEP, summary="作出决定")
def case_decide(request: HttpRequest, case_id: CaseId, body: DecideIn) -> dict[str, Any]:
    """The head decides: after the party was heard, after a requested hearing, after the
    legality check of a major decision, within 90 days of filing or with the legal extension."""
    case = _case_at(request, case_id, *_transition("decide"))
    actions.decide(
        case,
        actor=_actor(request),
        outcome=body.outcome,
        decision_text=body.decision_text,
        fine_amount=body.fine_amount,
        overdue_reason=body.overdue_reason,
        extension_basis=body.extension_basis,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/serve", response=STEP, summary="送达")
def case_serve(request: HttpRequest, case_id: CaseId, body: ServeIn) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("serve"))
    actions.serve(
        case,
        actor=_actor(request),
        served_on=body.served_on,
        method=body.method,
        late_reason=body.late_reason,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/execute", response=STEP, summary="执行完毕")
def case_execute(request: HttpRequest, case_id: CaseId, body: ExecuteIn) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("execute"))
    actions.execute(case, actor=_actor(request), executed_on=body.executed_on, note=body.note)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/close", response=STEP, summary="结案归档")
def case_close(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("close"))
    actions.close(case, actor=_actor(request))
    return _detail(request, case_id)


@router.post("/cases/{case_id}/transfer", response=STEP, summary="移送司法机关")
def case_transfer(request: HttpRequest, case_id: CaseId, body: TransferIn) -> dict[str, Any]:
    case = _case_at(request, case_id, *_transition("transfer"))
    actions.transfer(case, actor=_actor(request), transferred_to=body.transferred_to, reason=body.reason)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/publish", response=STEP, summary="公示决定")
def case_publish(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    case = _visible_case(request, case_id)
    actions.publish(case, actor=_actor(request))
    return _detail(request, case_id)


@router.post(
    "/cases/{case_id}/record_reversal", response=STEP, summary="记录决定被变更、撤销或者确认违法、无效"
)
def case_record_reversal(request: HttpRequest, case_id: CaseId, body: ReversalIn) -> dict[str, Any]:
    """A published decision must then be withdrawn within 3 working days (`withdrawal_due_on`)."""
    case = _visible_case(request, case_id)
    actions.record_reversal(
        case,
        actor=_actor(request),
        reversed_on=body.reversed_on,
        reason=body.reason,
        effective_on=body.effective_on,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/withdraw_publicity", response=STEP, summary="撤回公示")
def case_withdraw_publicity(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    case = _visible_case(request, case_id)
    actions.withdraw_publicity(case, actor=_actor(request))
    return _detail(request, case_id)
