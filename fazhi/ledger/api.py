"""/api/v1/ledger — the key tasks of the year (重点任务台账) over JSON.

The leadership and the legal affairs division read the whole ledger; a division reads the tasks
it owns (LedgerItem.objects.visible_to); anyone else gets 404, and no account 401:

    GET  /stats?year=                               the year's figures (stats.ledger_figures), for
                                                    those who read the whole ledger
    GET  /items?year=&status=&division=             the tasks one may see, by year, status and
                                                    owning division
    GET  /items/{item_id}                           a task with its prerequisites, progress
                                                    reports and supervisions

Writes, each calling its action and answering the task as it now stands:

    POST /items                                     put a task on the ledger (who keeps it)
    POST /items/{item_id}/progress                  the owning division reports progress
    POST /items/{item_id}/submit                    its head submits it for sign-off (100%, every
                                                    prerequisite done)
    POST /items/{item_id}/sign_off | return         a bureau leader confirms it done or returns it
    POST /items/{item_id}/supervise                 a bureau leader supervises it (督办)
    POST /items/{item_id}/supervisions/{supervision_id}/respond
                                                    the owning division answers a supervision
    POST /items/{item_id}/cancel                    who keeps the ledger cancels it, with a reason
    POST /items/{item_id}/assess                    the year-end assessment by a bureau leader

The leading group is recorded on the /work/ledger/ pages.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden, missing or not one's to do,
404; a step the task's state does not allow or a closed gate (progress below 100%, an unfinished
prerequisite, an assessment before the due date), 409; a body or query of the wrong shape or an
unknown division, leader or prerequisite, 422; other refusals (an empty reason, a response date
before today, a leader who is not one), 400.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated, Any, Literal

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.agencies import agency_id_of, agency_of, same_agency
from fazhi.core.api.fields import storable, within_years
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.clock import today as _today
from fazhi.core.models import Organization, User
from fazhi.core.workflow import InvalidTransition, Transition
from fazhi.ledger import actions, permissions
from fazhi.ledger.models import LedgerItem, Supervision
from fazhi.ledger.stats import ledger_figures

router = Router(tags=["重点任务台账"])

# Ids in paths and bodies: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
# The years the actions accept (actions._year); dates outside them are no task's.
MIN_YEAR, MAX_YEAR = actions.MIN_YEAR, actions.MAX_YEAR
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
StatusValue = Literal["open", "in_progress", "pending_signoff", "done", "cancelled"]
AssessmentValue = Literal["completed", "mostly", "not_completed"]


IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)


# The limits are the model's and the actions' (clean_text), so that a body the schema accepts
# is never refused for its length further on.
Title = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Source = Annotated[str, Field(max_length=100), AfterValidator(storable)]
Username = Annotated[str, Field(min_length=1, max_length=150), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="重点任务编号")]
SupervisionId = Annotated[int, Path(ge=1, le=MAX_ID, description="督办编号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class LedgerPageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class ItemQuery(LedgerPageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="年度")
    status: StatusValue | None = Field(None, description="状态")
    division: int | None = Field(None, ge=1, le=MAX_ID, description="责任处室编号")


class LedgerStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度")


class LedgerStatsOut(Schema):
    year: int
    group_head: str = Field(description="法治建设领导小组组长；未录入时为空")
    group_deputies: int = Field(description="副组长人数")
    group_members: int = Field(description="办公室成员人数")
    tasks: int = Field(description="本年度重点任务（不含已撤销）")
    done: int = Field(description="已完成")
    done_in_time: int = Field(description="其中按期完成")
    overdue: int = Field(description="今天已超过完成时限仍未完成")
    supervisions: int = Field(description="督办")
    responded_in_time: int = Field(description="其中按期反馈")


class ItemSummaryOut(Schema):
    id: int
    year: int
    title: str
    division_id: int
    division: str = Field(description="责任处室")
    lead: str = Field(description="分管领导的用户名")
    lead_name: str = Field(description="分管领导")
    due_on: datetime.date = Field(description="完成时限")
    status: str
    status_label: str
    progress: int = Field(description="进度（%）")
    completed_on: datetime.date | None = Field(description="提请确认完成之日")
    signed_off_on: datetime.date | None = Field(description="分管领导确认之日")
    overdue: bool = Field(description="今天已超过完成时限仍未完成")
    assessment: str
    assessment_label: str


class ItemPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemSummaryOut]


class PrerequisiteOut(Schema):
    id: int
    title: str
    status: str
    status_label: str


class ReportOut(Schema):
    id: int
    reported_on: datetime.date
    progress: int
    note: str
    reported_by: str


class SupervisionOut(Schema):
    id: int
    issued_on: datetime.date
    issued_by: str = Field(description="督办人")
    instruction: str = Field(description="督办意见")
    respond_by: datetime.date = Field(description="反馈时限")
    responded_on: datetime.date | None
    response: str
    open: bool = Field(description="尚未反馈")


class ItemDetailOut(ItemSummaryOut):
    description: str = Field(description="目标和措施")
    source: str = Field(description="任务来源")
    done_in_time: bool | None = Field(description="按期完成；未完成时为 null")
    cancel_reason: str
    assessment_note: str
    blocked_by: list[PrerequisiteOut] = Field(description="前置任务")
    reports: list[ReportOut] = Field(description="进展报告")
    supervisions: list[SupervisionOut] = Field(description="督办")
    created_by: str


class CreateItemIn(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="年度")
    title: Title = Field(description="任务")
    division_id: Id = Field(description="责任处室编号")
    lead: Username = Field(description="分管领导的用户名（本机关领导）")
    due_on: Day = Field(description="完成时限")
    description: Text = Field("", description="目标和措施")
    source: Source = Field("", description="任务来源")
    blocked_by: list[Id] = Field([], max_length=100, description="前置任务编号（同一年度）")


class ProgressIn(Schema):
    progress: int = Field(..., ge=0, le=100, description="进度（%）")
    note: Text = Field(description="进展情况")


class ReasonIn(Schema):
    reason: Text = Field(description="理由")


class SuperviseIn(Schema):
    instruction: Text = Field(description="督办意见")
    respond_by: Day = Field(description="反馈时限（不早于今天）")


class RespondIn(Schema):
    response: Text = Field(description="反馈情况")


class AssessIn(Schema):
    assessment: AssessmentValue = Field(description="年终评价")
    note: Text = Field("", description="评价意见（评价为“完成”以外时必填）")


# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _page(query: LedgerPageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _reader(request: HttpRequest) -> User:
    """The signed-in user, if the ledger area is theirs: otherwise 404."""
    if not permissions.can_open_area(request.user):
        raise Http404
    return request.user  # type: ignore[return-value]


def _allowed(ok: bool) -> None:
    """A step not one's to take answers 404, as for a hidden task."""
    if not ok:
        raise Http404


def _at(item: LedgerItem, transition: Transition) -> None:
    """A step the task's state allows: otherwise 409 naming the state, worded as the transition
    helper words it (before the action checks the body)."""
    if item.status not in transition.sources:
        raise InvalidTransition(f"当前状态为“{item.get_status_display()}”，不能{transition.label}")


def _step(
    request: HttpRequest, pk: int, allowed: Callable[[User, LedgerItem], bool]
) -> tuple[User, LedgerItem]:
    """The task a step is taken on and who takes it: a task one may not see, or a step not one's
    to take, answers 404 before anything about its state is told."""
    item = _item(request, pk)
    user: User = request.user  # type: ignore[assignment]
    _allowed(allowed(user, item))
    return user, item


def _leader(user: User, item: LedgerItem) -> bool:
    return permissions.is_item_leader(user, item)


def _keeper(user: User, item: LedgerItem) -> bool:
    return permissions.can_manage_item(user, item)


def _items(request: HttpRequest) -> QuerySet[LedgerItem]:
    return LedgerItem.objects.visible_to(_reader(request)).select_related("division", "lead")


def _item(request: HttpRequest, pk: int) -> LedgerItem:
    item = _items(request).select_related("created_by").filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def _summary(item: LedgerItem, today: datetime.date) -> dict[str, Any]:
    return {
        "id": item.pk,
        "year": item.year,
        "title": item.title,
        "division_id": item.division_id,
        "division": item.division.name,
        "lead": item.lead.username,
        "lead_name": item.lead.display_name,
        "due_on": item.due_on,
        "status": item.status,
        "status_label": str(item.get_status_display()),
        "progress": item.progress,
        "completed_on": item.completed_on,
        "signed_off_on": item.signed_off_on,
        "overdue": item.is_overdue(today),
        "assessment": item.assessment,
        "assessment_label": str(item.get_assessment_display()) if item.assessment else "",
    }


def _supervision(supervision: Supervision) -> dict[str, Any]:
    return {
        "id": supervision.pk,
        "issued_on": supervision.issued_on,
        "issued_by": supervision.issued_by.display_name,
        "instruction": supervision.instruction,
        "respond_by": supervision.respond_by,
        "responded_on": supervision.responded_on,
        "response": supervision.response,
        "open": supervision.is_open,
    }


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The task as it now stands, read afresh after a step."""
    item = _item(request, pk)
    return {
        **_summary(item, _today()),
        "description": item.description,
        "source": item.source,
        "done_in_time": item.done_in_time(),
        "cancel_reason": item.cancel_reason,
        "assessment_note": item.assessment_note,
        "blocked_by": [
            {"id": p.pk, "title": p.title, "status": p.status, "status_label": str(p.get_status_display())}
            for p in item.blocked_by.order_by("due_on", "pk")
        ],
        "reports": [
            {
                "id": r.pk,
                "reported_on": r.reported_on,
                "progress": r.progress,
                "note": r.note,
                "reported_by": r.reported_by.display_name,
            }
            for r in item.reports.select_related("reported_by").order_by("reported_on", "pk")
        ],
        "supervisions": [
            _supervision(s) for s in item.supervisions.select_related("issued_by").order_by("issued_on", "pk")
        ],
        "created_by": item.created_by.display_name,
    }


def _division(actor: User, division_id: int) -> Organization:
    """A division of the actor's agency (another agency's answers as a missing one)."""
    agency_id = agency_id_of(actor)
    division = (
        Organization.objects.filter(pk=division_id).filter(Q(pk=agency_id) | Q(parent_id=agency_id)).first()
    )
    if division is None:
        raise HttpError(422, f"未找到责任处室（编号 {division_id}）")
    return division


def _lead(actor: User, username: str) -> User:
    lead = User.objects.filter(username=username, is_active=True).first()
    if lead is None or not same_agency(lead, agency_id_of(actor)):
        raise HttpError(422, f"未找到分管领导（用户名 {username}）")
    return lead


def _prerequisites(actor: User, ids: list[int]) -> list[LedgerItem]:
    """The tasks a body names as prerequisites. A missing one and one the actor may not see
    answer alike, so that the answer reveals nothing."""
    wanted = set(ids)
    found = list(LedgerItem.objects.visible_to(actor).filter(pk__in=wanted))
    missing = sorted(wanted - {p.pk for p in found})
    if missing:
        raise HttpError(422, "未找到前置任务（编号 " + "、".join(str(pk) for pk in missing) + "）")
    return found


def _responses(out: type[Schema], status: int = 200) -> dict[int, type[Schema]]:
    return {status: out, **dict.fromkeys(ERRORS, ErrorOut)}


READ = {404: ErrorOut, 422: ErrorOut}


# ---------------------------------------------------------------------------------------------
# Figures


@router.get("/stats", response={200: LedgerStatsOut, **READ}, summary="年度重点任务台账数据")
def stats(request: HttpRequest, query: Query[LedgerStatsQuery]) -> dict[str, Any]:
    """For those who read the whole ledger (the leadership and the legal affairs division): the
    figures of their own agency."""
    user = request.user
    _allowed(permissions.can_open_area(user) and user.has_perm("ledger.view_ledgeritem"))
    return ledger_figures(query.year, today=_today(), agency=agency_of(user)).as_dict()


# ---------------------------------------------------------------------------------------------
# Tasks. The fixed paths come before /{item_id}.


@router.get("/items", response={200: ItemPageOut, **READ}, summary="重点任务")
def item_list(request: HttpRequest, query: Query[ItemQuery]) -> dict[str, Any]:
    """By year and due date; a division sees the tasks it owns. Two queries."""
    items = _items(request)
    if query.year is not None:
        items = items.filter(year=query.year)
    if query.status:
        items = items.filter(status=query.status)
    if query.division is not None:
        items = items.filter(division_id=query.division)
    count = items.count()
    today = _today()
    page = items.order_by("year", "due_on", "pk")[query.offset : query.offset + query.limit]
    return _page(query, count, [_summary(item, today) for item in page])


@router.get("/items/{item_id}", response={200: ItemDetailOut, **READ}, summary="重点任务详情")
def item_detail(request: HttpRequest, item_id: ItemId) -> dict[str, Any]:
    return _detail(request, item_id)


@router.post("/items", response=_responses(ItemDetailOut, 201), summary="列入重点任务")
def item_create(request: HttpRequest, body: CreateItemIn) -> tuple[int, dict[str, Any]]:
    """The owning division by id, the leader in charge (a leader of the agency) by username; the
    prerequisites are tasks of the same year. An unknown division, leader or prerequisite
    answers 422."""
    actor = _reader(request)
    _allowed(permissions.can_manage(actor))
    item = actions.create_item(
        actor=actor,
        year=body.year,
        title=body.title,
        division=_division(actor, body.division_id),
        lead=_lead(actor, body.lead),
        due_on=body.due_on,
        description=body.description,
        source=body.source,
        blocked_by=_prerequisites(actor, body.blocked_by),
    )
    return 201, _detail(request, item.pk)


@router.post("/items/{item_id}/progress", response=_responses(ItemDetailOut), summary="报告进展")
def item_progress(request: HttpRequest, item_id: ItemId, body: ProgressIn) -> dict[str, Any]:
    """By the owning division, while the task is not started or in progress."""
    actor, item = _step(request, item_id, permissions.is_owner)
    actions.report_progress(item, actor=actor, progress=body.progress, note=body.note)
    return _detail(request, item_id)


@router.post("/items/{item_id}/submit", response=_responses(ItemDetailOut), summary="提请确认完成")
def item_submit(request: HttpRequest, item_id: ItemId) -> dict[str, Any]:
    """By the owning division's head, at 100% with every prerequisite done (otherwise 409)."""
    actor, item = _step(request, item_id, permissions.is_owner_head)
    _at(item, actions.TRANSITIONS["submit"])
    actions.submit_for_signoff(item, actor=actor)
    return _detail(request, item_id)


@router.post("/items/{item_id}/sign_off", response=_responses(ItemDetailOut), summary="确认完成")
def item_sign_off(request: HttpRequest, item_id: ItemId) -> dict[str, Any]:
    """By a leader of the agency."""
    actor, item = _step(request, item_id, _leader)
    _at(item, actions.TRANSITIONS["sign_off"])
    actions.sign_off(item, actor=actor)
    return _detail(request, item_id)


@router.post("/items/{item_id}/return", response=_responses(ItemDetailOut), summary="退回")
def item_return(request: HttpRequest, item_id: ItemId, body: ReasonIn) -> dict[str, Any]:
    """By a leader of the agency, with the reason: the task goes back to work."""
    actor, item = _step(request, item_id, _leader)
    _at(item, actions.TRANSITIONS["return"])
    actions.return_item(item, actor=actor, reason=body.reason)
    return _detail(request, item_id)


@router.post("/items/{item_id}/supervise", response=_responses(ItemDetailOut), summary="督办")
def item_supervise(request: HttpRequest, item_id: ItemId, body: SuperviseIn) -> dict[str, Any]:
    """By a leader of the agency, with the date by which the division answers (not before today)."""
    actor, item = _step(request, item_id, _leader)
    if not item.is_open:
        raise InvalidTransition(f"当前状态为“{item.get_status_display()}”，不能督办")
    actions.supervise(item, actor=actor, instruction=body.instruction, respond_by=body.respond_by)
    return _detail(request, item_id)


@router.post(
    "/items/{item_id}/supervisions/{supervision_id}/respond",
    response=_responses(ItemDetailOut),
    summary="反馈督办",
)
def item_respond(
    request: HttpRequest, item_id: ItemId, supervision_id: SupervisionId, body: RespondIn
) -> dict[str, Any]:
    """By the owning division, once for each supervision."""
    actor, item = _step(request, item_id, permissions.is_owner)
    supervision = item.supervisions.filter(pk=supervision_id).first()
    if supervision is None:
        raise Http404
    supervision.item = item
    if not supervision.is_open:
        raise InvalidTransition("该督办已反馈")
    actions.respond(supervision, actor=actor, response=body.response)
    return _detail(request, item_id)


@router.post("/items/{item_id}/cancel", response=_responses(ItemDetailOut), summary="撤销")
def item_cancel(request: HttpRequest, item_id: ItemId, body: ReasonIn) -> dict[str, Any]:
    """By who keeps the ledger, with the reason; a done task is not cancelled."""
    actor, item = _step(request, item_id, _keeper)
    _at(item, actions.TRANSITIONS["cancel"])
    actions.cancel_item(item, actor=actor, reason=body.reason)
    return _detail(request, item_id)


@router.post("/items/{item_id}/assess", response=_responses(ItemDetailOut), summary="年终评价")
def item_assess(request: HttpRequest, item_id: ItemId, body: AssessIn) -> dict[str, Any]:
    """By a leader of the agency, once the task is done or its due date has passed (otherwise 409); a
    note is required unless the task is assessed 完成. A later assessment replaces the earlier."""
    actor, item = _step(request, item_id, _leader)
    actions.assess(item, actor=actor, assessment=body.assessment, note=body.note)
    return _detail(request, item_id)
