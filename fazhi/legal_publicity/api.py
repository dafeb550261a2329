"""/api/v1/publicity — legal publicity (普法) over JSON.

    GET  /stats?year=                 the year's figures (stats.publicity_figures): for the legal
                                      affairs division and the leadership, who see every
                                      division's activities; anyone else 404
    GET  /activities[/{activity_id}]  activities as `visible_to` scopes them (a division its
                                      own), by year, form, audience and division; paginated
    POST /activities                  record an activity (actions.record_activity): a division
                                      its own, the legal affairs division any division's

The plan and the responsibility list are kept on the /work/publicity/ pages.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden, missing or not one's to do,
404; no account, 401; a body or query of the wrong shape, or a division or list item that is
not there, 422; other refusals (a date after today, 以案释法 without its case, a list item of
another division or year), 400.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.agencies import agency_id_of, agency_of
from fazhi.core.api.fields import storable, within_years
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.attachments import attachments_of
from fazhi.core.models import Organization, User
from fazhi.core.workflow import DomainError
from fazhi.legal_publicity import actions, permissions
from fazhi.legal_publicity.models import Activity, ResponsibilityItem
from fazhi.legal_publicity.stats import publicity_figures
from fazhi.legal_publicity.view_helpers import can_record, can_view_figures, responsibility_year_error

router = Router(tags=["普法"])

# Ids in paths and bodies: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
ERRORS = {400, 404, 409, 422}

# The choices of the model, spelt out so that the OpenAPI document lists them (a test keeps them
# equal to the model choices).
KindValue = Literal["lecture", "training", "case", "web", "materials", "event", "other"]
AudienceValue = Literal["internal", "public"]


IN_YEARS = within_years(actions.MIN_YEAR, actions.MAX_YEAR)


# The limits are the model's and the action's (clean_text), so that a body the schema accepts is
# never refused for its length further on.
Title = Annotated[str, Field(max_length=200), AfterValidator(storable)]
Laws = Annotated[str, Field(max_length=300), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
ActivityId = Annotated[int, Path(ge=1, le=MAX_ID, description="普法活动编号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class PublicityStatsQuery(Schema):
    year: int = Field(..., ge=actions.MIN_YEAR, le=actions.MAX_YEAR, description="统计年度")


class PublicityStatsOut(Schema):
    year: int
    plan: str = Field(description="当年实施的普法规划（当年年底前已印发）；没有时为空")
    plan_drafting: str = Field("", description="当年研究编制、次年以后印发的普法规划；没有时为空")
    activities: int = Field(description="本年度普法活动")
    by_kind: dict[str, int] = Field(description="按活动形式（lecture、training、case……）")
    internal: int = Field(description="其中面向系统内部")
    public: int = Field(description="其中面向社会公众")
    reach: int = Field(description="覆盖人次")
    cases_explained: int = Field(description="以案释法")
    responsibilities: int = Field(description="本年度普法责任清单事项")
    responsibilities_done: int = Field(description="其中已完成")
    responsibilities_done_in_time: int = Field(description="其中按期完成")


class ActivityQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)
    year: int | None = Field(None, ge=actions.MIN_YEAR, le=actions.MAX_YEAR, description="活动年度")
    kind: KindValue | None = Field(None, description="形式")
    audience: AudienceValue | None = Field(None, description="活动对象")
    division_id: int | None = Field(None, ge=1, le=MAX_ID, description="组织处室")


class ActivitySummaryOut(Schema):
    id: int
    held_on: datetime.date
    division_id: int
    division: str
    kind: str
    kind_label: str
    audience: str
    audience_label: str
    title: str
    laws: str = Field(description="宣传的法律法规")
    reach: int = Field(description="覆盖人次")
    responsibility_id: int | None = Field(description="落实的普法责任清单事项")


class ActivityPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ActivitySummaryOut]


class MaterialOut(Schema):
    name: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime


class ActivityDetailOut(ActivitySummaryOut):
    case_used: str = Field(description="所释案例")
    responsibility: str | None = Field(description="落实的责任清单事项的普法内容")
    materials: list[MaterialOut] = Field(description="宣传资料、课件、照片（在页面上传）")
    created_by: str


class RecordActivityIn(Schema):
    held_on: Day = Field(description="活动日期（不晚于今天）")
    division_id: int = Field(ge=1, le=MAX_ID, description="组织处室；处室工作人员只能为本处室记录")
    kind: KindValue = Field(description="形式")
    audience: AudienceValue = Field(description="活动对象")
    title: Title = Field(description="活动名称")
    laws: Laws = Field(description="宣传的法律法规")
    reach: int = Field(0, ge=0, le=actions.MAX_REACH, description="覆盖人次")
    case_used: Text = Field("", description="所释案例；形式为 case（以案释法）时必填")
    responsibility_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="落实的普法责任清单事项（同一处室、活动当年的清单）"
    )


# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _reader(request: HttpRequest) -> User:
    """The signed-in user, if they may open the area: otherwise 404."""
    if not permissions.can_open_area(request.user):
        raise Http404
    return request.user  # type: ignore[return-value]


def _activities(request: HttpRequest) -> QuerySet[Activity]:
    return Activity.objects.visible_to(_reader(request)).select_related("division")


def _summary(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "held_on": activity.held_on,
        "division_id": activity.division_id,
        "division": activity.division.name,
        "kind": activity.kind,
        "kind_label": str(activity.get_kind_display()),
        "audience": activity.audience,
        "audience_label": str(activity.get_audience_display()),
        "title": activity.title,
        "laws": activity.laws,
        "reach": activity.reach,
        "responsibility_id": activity.responsibility_id,
    }


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    activity = _activities(request).select_related("responsibility", "created_by").filter(pk=pk).first()
    if activity is None:
        raise Http404
    return {
        **_summary(activity),
        "case_used": activity.case_used,
        "responsibility": activity.responsibility.content if activity.responsibility else None,
        "materials": [
            {"name": a.original_name, "size": a.size, "sha256": a.sha256, "uploaded_at": a.uploaded_at}
            for a in attachments_of(activity).order_by("uploaded_at", "pk")
        ],
        "created_by": activity.created_by.display_name,
    }


def _division(actor: User, division_id: int) -> Organization:
    """A division of the actor's agency (another agency's answers as a missing one)."""
    division = Organization.objects.filter(
        pk=division_id, kind=Organization.Kind.DIVISION, parent_id=agency_id_of(actor)
    ).first()
    if division is None:
        raise HttpError(422, f"未找到处室（编号 {division_id}）")
    return division


def _responsibility(actor: User, item_id: int | None) -> ResponsibilityItem | None:
    """The list item a body names. A missing one and one the actor may not see answer alike, so
    that the answer reveals nothing."""
    if item_id is None:
        return None
    item = ResponsibilityItem.objects.visible_to(actor).filter(pk=item_id).first()
    if item is None:
        raise HttpError(422, f"未找到普法责任清单事项（编号 {item_id}）")
    return item


def _responses(out: type[Schema], status: int = 200) -> dict[int, type[Schema]]:
    return {status: out, **dict.fromkeys(ERRORS, ErrorOut)}


READ = {404: ErrorOut, 422: ErrorOut}


# ---------------------------------------------------------------------------------------------
# Routes


@router.get("/stats", response={200: PublicityStatsOut, **READ}, summary="年度普法数据")
def stats(request: HttpRequest, query: Query[PublicityStatsQuery]) -> dict[str, Any]:
    if not can_view_figures(request.user):
        raise Http404
    return publicity_figures(query.year, agency_of(request.user)).as_dict()


@router.get("/activities", response={200: ActivityPageOut, **READ}, summary="普法活动")
def activity_list(request: HttpRequest, query: Query[ActivityQuery]) -> dict[str, Any]:
    """Newest first. Two queries."""
    activities = _activities(request)
    if query.year is not None:
        activities = activities.filter(held_on__year=query.year)
    if query.kind:
        activities = activities.filter(kind=query.kind)
    if query.audience:
        activities = activities.filter(audience=query.audience)
    if query.division_id is not None:
        activities = activities.filter(division_id=query.division_id)
    count = activities.count()
    page = activities.defer("case_used").order_by("-held_on", "-pk")[
        query.offset : query.offset + query.limit
    ]
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary(activity) for activity in page],
    }


@router.get("/activities/{activity_id}", response={200: ActivityDetailOut, **READ}, summary="普法活动详情")
def activity_detail(request: HttpRequest, activity_id: ActivityId) -> dict[str, Any]:
    return _detail(request, activity_id)


@router.post("/activities", response=_responses(ActivityDetailOut, 201), summary="记录普法活动")
def activity_record(request: HttpRequest, body: RecordActivityIn) -> tuple[int, dict[str, Any]]:
    """A division records its own activities (谁执法谁普法); the legal affairs division records
    any division's. 以案释法 (`kind`: case) names the case in `case_used`. A list item must be
    the division's, of the year the activity was held in."""
    actor: Any = request.user
    if not can_record(actor):
        raise Http404
    division = _division(actor, body.division_id)
    item = _responsibility(actor, body.responsibility_id)
    message = responsibility_year_error(item, body.held_on)
    if message:
        raise DomainError(message)
    activity = actions.record_activity(
        actor=actor,
        held_on=body.held_on,
        division=division,
        kind=body.kind,
        audience=body.audience,
        title=body.title,
        laws=body.laws,
        reach=body.reach,
        case_used=body.case_used,
        responsibility=item,
    )
    return 201, _detail(request, activity.pk)
