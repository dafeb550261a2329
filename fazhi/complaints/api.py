"""/api/v1/complaints — complaints and public reports about enforcement over JSON.

    GET  /stats?year=                          the year's figures (stats.complaint_figures)
    GET  /complaints[/{complaint_id}]          the register, by year, status and channel; paginated
    POST /complaints                           enter a letter, a visit or a 12345 transfer
                                               (actions.enter_complaint); the answer carries the
                                               receipt code, this once
    POST /complaints/{complaint_id}/register   register a portal submission
    POST /complaints/{complaint_id}/dismiss    not register it, with the reason
    POST /complaints/{complaint_id}/accept     accept and give it to a division
    POST /complaints/{complaint_id}/transfer   pass it to the competent authority
    POST /complaints/{complaint_id}/answer     the division's reply
    POST /complaints/{complaint_id}/link_case  the enforcement case it led to
    POST /complaints/{complaint_id}/judicial_transfer  its transfer to judicial organs

The legal affairs division reads and writes everything; the leadership reads; a division reads
and answers the complaints it handles. The public form and the status page (receipt code) are
pages only, behind their captcha and rate limits: there is no public API for them.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden, missing or not one's to do,
404; no account, 401; a body of the wrong shape or a division or case that is not there, 422;
a wrong state or a closed gate (a notice by a way the complainant cannot be reached), 409;
other refusals (a date after today, contact details on an anonymous complaint), 400.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.complaints import actions, permissions
from fazhi.complaints.models import Complaint
from fazhi.complaints.stats import complaint_figures
from fazhi.core.agencies import agency_id_of, agency_of
from fazhi.core.api.fields import storable, within_years
from fazhi.core.models import Organization
from fazhi.enforcement.models import EnforcementCase

router = Router(tags=["执法投诉举报"])

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_ID = 2**31 - 1
ERRORS = {400, 404, 409, 422}

KindValue = Literal["complaint", "report"]
ChannelValue = Literal["letter", "visit", "hotline"]
StatusValue = Literal["submitted", "registered", "accepted", "transferred", "answered", "dismissed"]
MethodValue = Literal["portal", "phone", "email", "letter", "in_person"]

IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)
Line = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Short = Annotated[str, Field(max_length=100), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
ComplaintId = Annotated[int, Path(ge=1, le=MAX_ID, description="投诉举报编号")]


class ComplaintErrorOut(Schema):
    detail: str


class ComplaintStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度（按收到日期）")
    agency: str | None = Field(None, max_length=50, description="机关代码（本机关）")


class ComplaintStatsOut(Schema):
    year: int
    received: int = Field(description="收到并登记的投诉举报")
    accepted: int = Field(description="其中受理")
    answered: int = Field(description="其中已答复")
    answered_in_time: int = Field(description="其中按期答复")
    led_to_cases: int = Field(description="其中由此立案查处")
    transferred: int = Field(description="其中转交有权处理的机关")
    judicial_transfers: int = Field(description="其中移送司法机关")
    complaints: int = Field(description="投诉")
    reports: int = Field(description="举报")
    hotline: int = Field(description="12345热线转办")
    portal: int = Field(description="网上投诉举报")


class ComplaintQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="收到年度")
    status: StatusValue | None = Field(None, description="状态")
    channel: ChannelValue | Literal["portal"] | None = Field(None, description="来源")


class ComplaintSummaryOut(Schema):
    id: int
    kind: str
    channel: str
    hotline_ticket: str
    subject: str
    received_on: datetime.date
    status: str
    status_label: str
    division: str | None
    decision_due_on: datetime.date | None = Field(
        description="受理决定期限（待确认的规则；空为待录入工作日历）"
    )
    reply_due_on: datetime.date | None = Field(description="答复期限（待确认的规则；空为待录入工作日历）")


class ComplaintPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ComplaintSummaryOut]


class ComplaintDetailOut(ComplaintSummaryOut):
    content: str
    respondent: str
    anonymous: bool
    contact_name: str = Field(description="不公开")
    contact_phone: str = Field(description="不公开")
    contact_email: str = Field(description="不公开")
    contact_address: str = Field(description="不公开")
    registered_on: datetime.date | None
    dismissal_reason: str
    decided_on: datetime.date | None
    decision_reason: str
    competent_authority: str
    notice: str
    notice_method: str
    replied_on: datetime.date | None
    findings: str
    reply: str
    reply_method: str
    late_reason: str
    answered_in_time: bool | None
    enforcement_case_id: int | None
    judicial_transferred_on: datetime.date | None
    judicial_organ: str
    judicial_reason: str


class ComplaintEnteredOut(ComplaintDetailOut):
    receipt_code: str = Field(description="查询码：仅在此返回一次，本系统只保存其 SHA-256")


class ComplaintEntryIn(Schema):
    channel: ChannelValue = Field(description="来源：letter 来信、visit 来访、hotline 12345热线转办")
    hotline_ticket: Annotated[str, Field(max_length=40), AfterValidator(storable)] = ""
    received_on: Day
    kind: KindValue
    subject: Line
    content: Text
    respondent: Line = ""
    anonymous: bool = False
    contact_name: Short = ""
    contact_phone: Annotated[str, Field(max_length=30), AfterValidator(storable)] = ""
    contact_email: Short = ""
    contact_address: Line = ""


class ComplaintRegisterIn(Schema):
    registered_on: Day


class ComplaintDismissIn(Schema):
    reason: Text


class ComplaintAcceptIn(Schema):
    decided_on: Day
    division_id: int = Field(ge=1, le=MAX_ID, description="承办处室")
    reason: Text
    notice: Text
    notice_method: MethodValue


class ComplaintTransferIn(Schema):
    decided_on: Day
    authority: Line = Field(description="有权处理的机关")
    reason: Text
    notice: Text
    notice_method: MethodValue


class ComplaintAnswerIn(Schema):
    replied_on: Day
    findings: Text
    reply: Text
    reply_method: MethodValue
    late_reason: Text = ""


class ComplaintLinkCaseIn(Schema):
    case_id: int = Field(ge=1, le=MAX_ID, description="执法案件编号")


class ComplaintJudicialIn(Schema):
    transferred_on: Day
    organ: Short
    reason: Text


def _responses(out: type[Schema], status: int = 200) -> dict[int, type[Schema]]:
    return {status: out, **dict.fromkeys(ERRORS, ComplaintErrorOut)}


READ = {404: ComplaintErrorOut, 422: ComplaintErrorOut}


def _reader(request: HttpRequest) -> Any:
    if not permissions.can_open_area(request.user):
        raise Http404
    return request.user


def _registrar(request: HttpRequest) -> Any:
    if not permissions.can_register(request.user):
        raise Http404
    return request.user


def _visible(request: HttpRequest) -> QuerySet[Complaint]:
    return Complaint.objects.visible_to(_reader(request)).select_related("division")


def _get(request: HttpRequest, pk: int) -> Complaint:
    complaint = _visible(request).filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


def _summary(c: Complaint) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "channel": c.channel,
        "hotline_ticket": c.hotline_ticket,
        "subject": c.subject,
        "received_on": c.received_on,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "division": c.division.name if c.division else None,
        "decision_due_on": c.decision_due_on,
        "reply_due_on": c.reply_due_on,
    }


DETAIL_FIELDS = (
    "content",
    "respondent",
    "anonymous",
    "contact_name",
    "contact_phone",
    "contact_email",
    "contact_address",
    "registered_on",
    "dismissal_reason",
    "decided_on",
    "decision_reason",
    "competent_authority",
    "notice",
    "notice_method",
    "replied_on",
    "findings",
    "reply",
    "reply_method",
    "late_reason",
    "enforcement_case_id",
    "judicial_transferred_on",
    "judicial_organ",
    "judicial_reason",
)


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    c = _get(request, pk)
    return {
        **_summary(c),
        **{name: getattr(c, name) for name in DETAIL_FIELDS},
        "answered_in_time": c.answered_in_time(),
    }


@router.get("/stats", response={200: ComplaintStatsOut, **READ}, summary="年度执法投诉举报数据")
def stats(request: HttpRequest, query: Query[ComplaintStatsQuery]) -> dict[str, Any]:
    """The figures of the user's own agency (`agency`, if given, must be its code)."""
    if not permissions.can_see_all(request.user):
        raise Http404
    agency = agency_of(request.user)
    if agency is None or (query.agency and query.agency != agency.code):
        raise Http404
    return complaint_figures(query.year, agency).as_dict()


@router.get("/complaints", response={200: ComplaintPageOut, **READ}, summary="执法投诉举报")
def complaint_list(request: HttpRequest, query: Query[ComplaintQuery]) -> dict[str, Any]:
    """Newest first. Two queries."""
    rows = _visible(request)
    if query.year is not None:
        rows = rows.filter(received_on__year=query.year)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.channel:
        rows = rows.filter(channel=query.channel)
    count = rows.count()
    page = rows.order_by("-received_on", "-pk")[query.offset : query.offset + query.limit]
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary(c) for c in page],
    }


@router.get("/complaints/{complaint_id}", response={200: ComplaintDetailOut, **READ}, summary="投诉举报详情")
def complaint_detail(request: HttpRequest, complaint_id: ComplaintId) -> dict[str, Any]:
    return _detail(request, complaint_id)


@router.post(
    "/complaints", response=_responses(ComplaintEnteredOut, 201), summary="登记来信、来访、12345转办"
)
def complaint_enter(request: HttpRequest, body: ComplaintEntryIn) -> tuple[int, dict[str, Any]]:
    actor = _registrar(request)
    complaint, code = actions.enter_complaint(actor=actor, **body.dict())
    return 201, {**_detail(request, complaint.pk), "receipt_code": code}


def _for_registrar(request: HttpRequest, pk: int) -> tuple[Any, Complaint]:
    actor = _registrar(request)
    return actor, _get(request, pk)


@router.post(
    "/complaints/{complaint_id}/register", response=_responses(ComplaintDetailOut), summary="登记网上投诉举报"
)
def complaint_register(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintRegisterIn
) -> dict[str, Any]:
    actor, complaint = _for_registrar(request, complaint_id)
    actions.register_complaint(complaint, actor=actor, registered_on=body.registered_on)
    return _detail(request, complaint.pk)


@router.post(
    "/complaints/{complaint_id}/dismiss", response=_responses(ComplaintDetailOut), summary="不予登记"
)
def complaint_dismiss(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintDismissIn
) -> dict[str, Any]:
    actor, complaint = _for_registrar(request, complaint_id)
    actions.dismiss_complaint(complaint, actor=actor, reason=body.reason)
    return _detail(request, complaint.pk)


@router.post(
    "/complaints/{complaint_id}/accept", response=_responses(ComplaintDetailOut), summary="受理并交处室办理"
)
def complaint_accept(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintAcceptIn
) -> dict[str, Any]:
    actor, complaint = _for_registrar(request, complaint_id)
    division = Organization.objects.filter(
        pk=body.division_id, kind=Organization.Kind.DIVISION, parent_id=agency_id_of(actor)
    ).first()
    if division is None:
        raise HttpError(422, f"未找到处室（编号 {body.division_id}）")
    actions.accept_complaint(
        complaint,
        actor=actor,
        decided_on=body.decided_on,
        division=division,
        reason=body.reason,
        notice=body.notice,
        notice_method=body.notice_method,
    )
    return _detail(request, complaint.pk)


@router.post(
    "/complaints/{complaint_id}/transfer",
    response=_responses(ComplaintDetailOut),
    summary="转交有权处理的机关",
)
def complaint_transfer(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintTransferIn
) -> dict[str, Any]:
    actor, complaint = _for_registrar(request, complaint_id)
    actions.transfer_complaint(complaint, actor=actor, **body.dict())
    return _detail(request, complaint.pk)


@router.post("/complaints/{complaint_id}/answer", response=_responses(ComplaintDetailOut), summary="答复")
def complaint_answer(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintAnswerIn
) -> dict[str, Any]:
    complaint = _get(request, complaint_id)
    if not permissions.is_handler(request.user, complaint):
        raise Http404
    actions.answer_complaint(complaint, actor=request.user, **body.dict())  # type: ignore[arg-type]
    return _detail(request, complaint.pk)


@router.post(
    "/complaints/{complaint_id}/link_case",
    response=_responses(ComplaintDetailOut),
    summary="关联由此立案的执法案件",
)
def complaint_link_case(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintLinkCaseIn
) -> dict[str, Any]:
    actor, complaint = _for_registrar(request, complaint_id)
    case = EnforcementCase.objects.visible_to(actor).filter(pk=body.case_id).first()
    if case is None:
        raise HttpError(422, f"未找到执法案件（编号 {body.case_id}）")
    actions.link_enforcement_case(complaint, actor=actor, case=case)
    return _detail(request, complaint.pk)


@router.post(
    "/complaints/{complaint_id}/judicial_transfer",
    response=_responses(ComplaintDetailOut),
    summary="记录移送司法机关",
)
def complaint_judicial_transfer(
    request: HttpRequest, complaint_id: ComplaintId, body: ComplaintJudicialIn
) -> dict[str, Any]:
    actor, complaint = _for_registrar(request, complaint_id)
    actions.record_judicial_transfer(complaint, actor=actor, **body.dict())
    return _detail(request, complaint.pk)
