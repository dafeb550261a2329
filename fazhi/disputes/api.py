"""/api/v1/disputes — administrative reconsideration, litigation and mediation over JSON.

For the legal affairs division, which handles them, and the leadership, which reads them
(permissions.can_see); anyone else gets 404, and no account 401:

    GET  /stats?year=                               the year's figures (stats.dispute_figures)
    GET  /reconsiderations[/{reconsideration_id}]   the bureau as respondent, by year and status
    GET  /litigations[/{litigation_id}]             the bureau as defendant, by year and status
    GET  /mediations[/{mediation_id}]               disputes the bureau mediates, by year and status

Writes, by the legal affairs division only (permissions.can_handle), each calling its action
and answering the record as it now stands:

    POST /reconsiderations                          register the application copy (reply due in
                                                    10 working days); optionally linked to an
                                                    enforcement case, which a reversing decision
                                                    then records as reversed
    POST /reconsiderations/{id}/reply | decision
    POST /litigations                               register the complaint (defence due in 15 days)
    POST /litigations/{id}/defence | judgment
    POST /mediations                                a request for mediation
    POST /mediations/{id}/accept | meetings | conclude

Planning who attends a reconsideration hearing or appears in court (with the sealed proof of the
head's excuse), closing a reconsideration, opinion letters, refusals, court observations and
dispute screening are done on the /work/disputes/ pages.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden, missing or not one's to do,
404; a step the record's state does not allow or a closed legal gate (with the article), 409; a
body or query of the wrong shape, 422; other refusals (a date after today, an empty field), 400.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.api.fields import storable, within_years
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.calendar import Deadline
from fazhi.core.clock import today as _today
from fazhi.core.models import User
from fazhi.core.workflow import DomainError, InvalidTransition, Transition
from fazhi.disputes import actions, permissions
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.stats import dispute_figures
from fazhi.enforcement.models import EnforcementCase

router = Router(tags=["复议诉讼调解"])

# Ids in paths and bodies: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
# The years a record's dates may fall in: far ones are no dispute's, and the deadline arithmetic
# counting from them would ask for calendars that will never be entered.
MIN_YEAR, MAX_YEAR = 2000, 2099
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
ReconsiderationStatusValue = Literal["received", "replied", "decided", "closed"]
ReconsiderationOutcomeValue = Literal[
    "changed",
    "revoked",
    "confirmed_unlawful",
    "ordered_performance",
    "confirmed_void",
    "upheld",
    "dismissed",
    "mediated",
    "withdrawn",
]
LitigationStatusValue = Literal["received", "defended", "heard", "judged"]
LitigationOutcomeValue = Literal[
    "dismissed",
    "revoked",
    "changed",
    "confirmed_unlawful",
    "confirmed_void",
    "ordered_performance",
    "withdrawn",
    "mediated",
]
InstanceValue = Literal["first", "second", "retrial"]
MediationKindValue = Literal["civil", "administrative"]
MediationStatusValue = Literal["requested", "accepted", "refused", "agreed", "failed"]


IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)


# The limits are the models' and the actions' (clean_text), so that a body the schema accepts
# is never refused for its length further on.
Name = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Parties = Annotated[str, Field(max_length=300), AfterValidator(storable)]
Organ = Annotated[str, Field(max_length=100), AfterValidator(storable)]
CaseNumber = Annotated[str, Field(max_length=100), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
ReconsiderationId = Annotated[int, Path(ge=1, le=MAX_ID, description="行政复议编号")]
LitigationId = Annotated[int, Path(ge=1, le=MAX_ID, description="行政诉讼编号")]
MediationId = Annotated[int, Path(ge=1, le=MAX_ID, description="行政调解编号")]


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
    head_capacity: str = Field(description="出庭负责人的身份（法释〔2020〕3号第二条）；局领导不另注明时为空")
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


# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _page(query: DisputePageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _deadline(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "due": deadline.due,
        "basis": deadline.basis,
        "period": deadline.period_label,
        "rule": deadline.rule_code,
        "rule_version": deadline.rule_version,
    }


def _reader(request: HttpRequest) -> User:
    """The signed-in user, if they may read disputes: otherwise 404."""
    if not permissions.can_see(request.user):
        raise Http404
    return request.user  # type: ignore[return-value]


def _handler(request: HttpRequest) -> User:
    """The signed-in user, if they handle disputes: otherwise 404, as for a hidden record."""
    if not permissions.can_handle(request.user):
        raise Http404
    return request.user  # type: ignore[return-value]


def _registrar(request: HttpRequest) -> User:
    """A handler who may register a record: it belongs to their division, so an account outside
    any division (a superuser, say) is refused rather than failing on the missing division."""
    user = _handler(request)
    if user.organization_id is None:
        raise DomainError("登记人未归属任何处室")
    return user


def _linked_case(actor: User, case_id: int | None) -> EnforcementCase | None:
    """The enforcement case a body names. A missing one and one the actor may not see answer
    alike, so that the answer reveals nothing."""
    if case_id is None:
        return None
    case = EnforcementCase.objects.visible_to(actor).filter(pk=case_id).first()
    if case is None:
        raise HttpError(422, f"未找到关联执法案件（编号 {case_id}）")
    return case


def _at(record: Any, transition: Transition) -> None:
    """A step the record's state allows: otherwise 409 naming the state, worded as the
    transition helper words it (before the action checks the body's dates)."""
    if record.status not in transition.sources:
        raise InvalidTransition(f"当前状态为“{record.get_status_display()}”，不能{transition.label}")


# --- reconsideration


def _reconsiderations(request: HttpRequest) -> QuerySet[Reconsideration]:
    return Reconsideration.objects.visible_to(_reader(request)).select_related("division")


def _reconsideration(request: HttpRequest, pk: int) -> Reconsideration:
    case = (
        _reconsiderations(request)
        .select_related("enforcement_case", "reply_rule", "created_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def _reconsideration_summary(case: Reconsideration, today: datetime.date) -> dict[str, Any]:
    return {
        "id": case.pk,
        "applicant": case.applicant,
        "organ": case.organ,
        "case_number": case.case_number,
        "division": case.division.name,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "received_on": case.received_on,
        "reply_due_on": case.reply_due_on,
        "replied_on": case.replied_on,
        "decided_on": case.decided_on,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "enforcement_case_id": case.enforcement_case_id,
        "overdue": case.overdue_steps(today),
    }


def _reconsideration_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The record as it now stands, read afresh after a step."""
    case = _reconsideration(request, pk)
    return {
        **_reconsideration_summary(case, _today()),
        "challenged_act": case.challenged_act,
        "enforcement_case_code": case.enforcement_case.code if case.enforcement_case else None,
        "reply_deadline": _deadline(case.reply_deadline),
        "reply_summary": case.reply_summary,
        "hearing_on": case.hearing_on,
        "head_attended": case.head_attended,
        "attendee": case.attendee,
        "absence_reason": case.absence_reason,
        "decision_summary": case.decision_summary,
        "decision_served_on": case.decision_served_on,
        "reverses_act": case.reverses_act,
        "opinion_letter_on": case.opinion_letter_on,
        "correction_due_on": case.correction_due_on,
        "correction_reported_on": case.correction_reported_on,
        "performed_on": case.performed_on,
        "performance_note": case.performance_note,
        "created_by": case.created_by.display_name,
    }


# --- litigation


def _litigations(request: HttpRequest) -> QuerySet[Litigation]:
    return Litigation.objects.visible_to(_reader(request)).select_related("division")


def _litigation(request: HttpRequest, pk: int) -> Litigation:
    case = (
        _litigations(request)
        .select_related("enforcement_case", "defence_rule", "head", "created_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def _litigation_summary(case: Litigation, today: datetime.date) -> dict[str, Any]:
    return {
        "id": case.pk,
        "plaintiff": case.plaintiff,
        "court": case.court,
        "case_number": case.case_number,
        "instance": case.instance,
        "instance_label": str(case.get_instance_display()),
        "division": case.division.name,
        "head_required": case.head_required,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "complaint_received_on": case.complaint_received_on,
        "defence_due_on": case.defence_due_on,
        "defended_on": case.defended_on,
        "hearing_on": case.hearing_on,
        "judged_on": case.judged_on,
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "enforcement_case_id": case.enforcement_case_id,
        "overdue": case.overdue_steps(today),
    }


def _litigation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    case = _litigation(request, pk)
    return {
        **_litigation_summary(case, _today()),
        "challenged_act": case.challenged_act,
        "enforcement_case_code": case.enforcement_case.code if case.enforcement_case else None,
        "defence_deadline": _deadline(case.defence_deadline),
        "head": case.head.display_name if case.head else None,
        "head_capacity": case.head_capacity,
        "excuse": case.excuse,
        "excuse_label": str(case.get_excuse_display()) if case.excuse else "",
        "excuse_detail": case.excuse_detail,
        "proof_form": case.proof_form,
        "appearing_staff": case.appearing_staff,
        "heard_on": case.heard_on,
        "head_appeared": case.head_appeared,
        "head_spoke": case.head_spoke,
        "judgment_summary": case.judgment_summary,
        "judicial_recommendation": case.judicial_recommendation,
        "effective_on": case.effective_on,
        "reverses_act": case.reverses_act,
        "created_by": case.created_by.display_name,
    }


# --- mediation


def _mediations(request: HttpRequest) -> QuerySet[Mediation]:
    return Mediation.objects.visible_to(_reader(request)).select_related("division")


def _mediation(request: HttpRequest, pk: int) -> Mediation:
    mediation = _mediations(request).select_related("created_by").filter(pk=pk).first()
    if mediation is None:
        raise Http404
    return mediation


def _mediation_summary(mediation: Mediation) -> dict[str, Any]:
    return {
        "id": mediation.pk,
        "kind": mediation.kind,
        "kind_label": str(mediation.get_kind_display()),
        "parties": mediation.parties,
        "division": mediation.division.name,
        "status": mediation.status,
        "status_label": str(mediation.get_status_display()),
        "requested_on": mediation.requested_on,
        "accepted_on": mediation.accepted_on,
        "closed_on": mediation.closed_on,
    }


def _mediation_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    mediation = _mediation(request, pk)
    return {
        **_mediation_summary(mediation),
        "summary": mediation.summary,
        "refusal_reason": mediation.refusal_reason,
        "agreement": mediation.agreement,
        "failure_reason": mediation.failure_reason,
        "meetings": [
            {"id": m.pk, "held_on": m.held_on, "participants": m.participants, "note": m.note}
            for m in mediation.meetings.order_by("held_on", "pk")
        ],
        "created_by": mediation.created_by.display_name,
    }


def _responses(out: type[Schema], status: int = 200) -> dict[int, type[Schema]]:
    return {status: out, **dict.fromkeys(ERRORS, ErrorOut)}


READ = {404: ErrorOut, 422: ErrorOut}


# ---------------------------------------------------------------------------------------------
# Figures


@router.get("/stats", response={200: DisputeStatsOut, **READ}, summary="年度复议诉讼调解数据")
def stats(request: HttpRequest, query: Query[DisputeStatsQuery]) -> dict[str, Any]:
    _reader(request)
    return dispute_figures(query.year).as_dict()


# ---------------------------------------------------------------------------------------------
# Reconsideration. The fixed paths come before /{reconsideration_id}.


@router.get(
    "/reconsiderations", response={200: ReconsiderationPageOut, **READ}, summary="行政复议（本局为被申请人）"
)
def reconsideration_list(request: HttpRequest, query: Query[ReconsiderationQuery]) -> dict[str, Any]:
    """Newest application copy first. Two queries."""
    cases = _reconsiderations(request)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.year is not None:
        cases = cases.filter(received_on__year=query.year)
    count = cases.count()
    today = _today()
    page = cases.order_by("-received_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_reconsideration_summary(case, today) for case in page])


@router.get(
    "/reconsiderations/{reconsideration_id}",
    response={200: ReconsiderationDetailOut, **READ},
    summary="行政复议详情",
)
def reconsideration_detail(request: HttpRequest, reconsideration_id: ReconsiderationId) -> dict[str, Any]:
    return _reconsideration_detail(request, reconsideration_id)


@router.post("/reconsiderations", response=_responses(ReconsiderationDetailOut, 201), summary="登记行政复议")
def reconsideration_register(
    request: HttpRequest, body: RegisterReconsiderationIn
) -> tuple[int, dict[str, Any]]:
    """The reconsideration organ sent the application copy: the reply and evidence are due
    within 10 working days (《行政复议法》第四十八条). An unknown `enforcement_case_id` answers
    422."""
    actor = _registrar(request)
    case = actions.register_reconsideration(
        actor=actor,
        applicant=body.applicant,
        challenged_act=body.challenged_act,
        received_on=body.received_on,
        organ=body.organ,
        case_number=body.case_number,
        enforcement_case=_linked_case(actor, body.enforcement_case_id),
    )
    return 201, _reconsideration_detail(request, case.pk)


@router.post(
    "/reconsiderations/{reconsideration_id}/reply",
    response=_responses(ReconsiderationDetailOut),
    summary="提交答复和证据",
)
def reconsideration_reply(
    request: HttpRequest, reconsideration_id: ReconsiderationId, body: ReplyIn
) -> dict[str, Any]:
    actor = _handler(request)
    case = _reconsideration(request, reconsideration_id)
    _at(case, actions.RECONSIDERATION["reply"])
    actions.submit_reply(case, actor=actor, replied_on=body.replied_on, summary=body.summary)
    return _reconsideration_detail(request, reconsideration_id)


@router.post(
    "/reconsiderations/{reconsideration_id}/decision",
    response=_responses(ReconsiderationDetailOut),
    summary="记录复议决定",
)
def reconsideration_decision(
    request: HttpRequest, reconsideration_id: ReconsiderationId, body: ReconsiderationDecisionIn
) -> dict[str, Any]:
    """A decision that changes, revokes, or declares the act unlawful or void is recorded on the
    linked enforcement case, whose published decision must then be withdrawn within 3 working
    days (《行政处罚法》第四十八条)."""
    actor = _handler(request)
    case = _reconsideration(request, reconsideration_id)
    _at(case, actions.RECONSIDERATION["decision"])
    actions.record_reconsideration_decision(
        case,
        actor=actor,
        decided_on=body.decided_on,
        served_on=body.served_on,
        outcome=body.outcome,
        summary=body.summary,
    )
    return _reconsideration_detail(request, reconsideration_id)


# ---------------------------------------------------------------------------------------------
# Litigation


@router.get("/litigations", response={200: LitigationPageOut, **READ}, summary="行政诉讼（本局为被告）")
def litigation_list(request: HttpRequest, query: Query[LitigationQuery]) -> dict[str, Any]:
    """Newest complaint first. Two queries."""
    cases = _litigations(request)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.year is not None:
        cases = cases.filter(complaint_received_on__year=query.year)
    count = cases.count()
    today = _today()
    page = cases.order_by("-complaint_received_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_litigation_summary(case, today) for case in page])


@router.get(
    "/litigations/{litigation_id}", response={200: LitigationDetailOut, **READ}, summary="行政诉讼详情"
)
def litigation_detail(request: HttpRequest, litigation_id: LitigationId) -> dict[str, Any]:
    return _litigation_detail(request, litigation_id)


@router.post("/litigations", response=_responses(LitigationDetailOut, 201), summary="登记行政诉讼")
def litigation_register(request: HttpRequest, body: RegisterLitigationIn) -> tuple[int, dict[str, Any]]:
    """The court served the complaint: the defence and evidence are due within 15 days
    (《行政诉讼法》第六十七条). An unknown `enforcement_case_id` answers 422."""
    actor = _registrar(request)
    case = actions.register_litigation(
        actor=actor,
        plaintiff=body.plaintiff,
        court=body.court,
        challenged_act=body.challenged_act,
        complaint_received_on=body.complaint_received_on,
        instance=body.instance,
        case_number=body.case_number,
        head_required=body.head_required,
        enforcement_case=_linked_case(actor, body.enforcement_case_id),
    )
    return 201, _litigation_detail(request, case.pk)


@router.post(
    "/litigations/{litigation_id}/defence", response=_responses(LitigationDetailOut), summary="提交答辩状"
)
def litigation_defence(request: HttpRequest, litigation_id: LitigationId, body: DefenceIn) -> dict[str, Any]:
    actor = _handler(request)
    case = _litigation(request, litigation_id)
    _at(case, actions.LITIGATION["defence"])
    actions.submit_defence(case, actor=actor, defended_on=body.defended_on)
    return _litigation_detail(request, litigation_id)


@router.post(
    "/litigations/{litigation_id}/judgment", response=_responses(LitigationDetailOut), summary="记录裁判"
)
def litigation_judgment(
    request: HttpRequest, litigation_id: LitigationId, body: JudgmentIn
) -> dict[str, Any]:
    """A judgment that revokes, changes, or declares the act unlawful or void is recorded on the
    linked enforcement case."""
    actor = _handler(request)
    case = _litigation(request, litigation_id)
    _at(case, actions.LITIGATION["judgment"])
    actions.record_judgment(
        case,
        actor=actor,
        judged_on=body.judged_on,
        outcome=body.outcome,
        summary=body.summary,
        judicial_recommendation=body.judicial_recommendation,
        effective_on=body.effective_on,
    )
    return _litigation_detail(request, litigation_id)


@router.post(
    "/litigations/{litigation_id}/judgment_effect",
    response=_responses(LitigationDetailOut),
    summary="记录裁判发生法律效力",
)
def litigation_judgment_effect(
    request: HttpRequest, litigation_id: LitigationId, body: JudgmentEffectIn
) -> dict[str, Any]:
    """A first-instance judgment took legal effect (the appeal period ran out without an appeal):
    a reversing one is then recorded on the linked enforcement case, and its publicity is
    withdrawn within 3 working days of this day (《行政处罚法》第四十八条)."""
    actor = _handler(request)
    case = _litigation(request, litigation_id)
    actions.record_judgment_effect(case, actor=actor, effective_on=body.effective_on)
    return _litigation_detail(request, litigation_id)


# ---------------------------------------------------------------------------------------------
# Mediation


@router.get("/mediations", response={200: MediationPageOut, **READ}, summary="行政调解")
def mediation_list(request: HttpRequest, query: Query[MediationQuery]) -> dict[str, Any]:
    """Newest request first. Two queries."""
    mediations = _mediations(request)
    if query.status:
        mediations = mediations.filter(status=query.status)
    if query.year is not None:
        mediations = mediations.filter(requested_on__year=query.year)
    count = mediations.count()
    page = mediations.order_by("-requested_on", "-pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_mediation_summary(m) for m in page])


@router.get("/mediations/{mediation_id}", response={200: MediationDetailOut, **READ}, summary="行政调解详情")
def mediation_detail(request: HttpRequest, mediation_id: MediationId) -> dict[str, Any]:
    return _mediation_detail(request, mediation_id)


@router.post("/mediations", response=_responses(MediationDetailOut, 201), summary="登记行政调解申请")
def mediation_request(request: HttpRequest, body: RequestMediationIn) -> tuple[int, dict[str, Any]]:
    """Mediation is voluntary and free of charge (天津市行政调解规定第三条、第五条)."""
    actor = _registrar(request)
    mediation = actions.request_mediation(
        actor=actor,
        kind=body.kind,
        parties=body.parties,
        summary=body.summary,
        requested_on=body.requested_on,
    )
    return 201, _mediation_detail(request, mediation.pk)


@router.post(
    "/mediations/{mediation_id}/accept", response=_responses(MediationDetailOut), summary="受理调解申请"
)
def mediation_accept(
    request: HttpRequest, mediation_id: MediationId, body: MediationAcceptIn
) -> dict[str, Any]:
    actor = _handler(request)
    mediation = _mediation(request, mediation_id)
    _at(mediation, actions.MEDIATION["accept"])
    actions.accept_mediation(mediation, actor=actor, accepted_on=body.accepted_on)
    return _mediation_detail(request, mediation_id)


@router.post(
    "/mediations/{mediation_id}/meetings", response=_responses(MediationDetailOut), summary="记录调解会"
)
def mediation_meeting(request: HttpRequest, mediation_id: MediationId, body: MeetingIn) -> dict[str, Any]:
    actor = _handler(request)
    mediation = _mediation(request, mediation_id)
    actions.add_meeting(
        mediation, actor=actor, held_on=body.held_on, participants=body.participants, note=body.note
    )
    return _mediation_detail(request, mediation_id)


@router.post(
    "/mediations/{mediation_id}/conclude", response=_responses(MediationDetailOut), summary="调解结案"
)
def mediation_conclude(
    request: HttpRequest, mediation_id: MediationId, body: MediationConcludeIn
) -> dict[str, Any]:
    """An agreement (`agreed`: true), after at least one mediation meeting, or the record that
    mediation failed."""
    actor = _handler(request)
    mediation = _mediation(request, mediation_id)
    _at(mediation, actions.MEDIATION["agree"] if body.agreed else actions.MEDIATION["fail"])
    actions.conclude_mediation(
        mediation, actor=actor, agreed=body.agreed, text=body.text, closed_on=body.closed_on
    )
    return _mediation_detail(request, mediation_id)
