"""/api/v1/services — government services and notification-commitment over JSON.

    GET  /stats?year=                       the year's figures (stats.service_figures)
    GET  /matters[/{matter_id}]             the catalog, by kind, commitment and publication;
                                            `commitment=true` is the 告知承诺制清单
    GET  /commitments[/{commitment_id}]     commitments, by year, status and matter; paginated
    POST /commitments                       accept a commitment (actions.accept_commitment)
    POST /commitments/{commitment_id}/verify  record the verification (actions.verify)

The legal affairs division and the leadership read; the legal affairs division writes. The
catalog's terms, the credit records and the delegated powers are kept on the /work/services/
pages.

Errors answer JSON with a Chinese `detail` (fazhi/api.py): hidden, missing or not one's to do,
404; no account, 401; a body or query of the wrong shape, or a matter that is not there, 422;
a closed legal gate (a matter not under the system, an applicant who did not choose it or is
barred, a false commitment without its consequence) or a commitment no longer awaiting
verification, 409; other refusals (a date after today), 400.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import AfterValidator, Field

from fazhi.core.agencies import agency_of
from fazhi.core.api.fields import storable, within_years
from fazhi.core.api.schemas import ErrorOut
from fazhi.core.clock import today as local_today
from fazhi.services import actions, permissions
from fazhi.services.models import Commitment, ServiceMatter
from fazhi.services.stats import service_figures
from fazhi.services.view_helpers import MAX_YEAR, MIN_YEAR

router = Router(tags=["政务服务"])

# Ids in paths and bodies: larger values cannot be a row and would overflow SQLite's integers.
MAX_ID = 2**31 - 1
ERRORS = {400, 404, 409, 422}

# The choices of the models, spelt out so that the OpenAPI document lists them (a test keeps
# them equal to the model choices).
KindValue = Literal["government", "public"]
StatusValue = Literal["accepted", "verified", "false", "withdrawn"]
ConsequenceValue = Literal["terminate", "correction", "revoke", "penalty"]

IN_YEARS = within_years(MIN_YEAR, MAX_YEAR)

# The limits are the model's and the action's (clean_text), so that a body the schema accepts is
# never refused for its length further on.
Applicant = Annotated[str, Field(max_length=200), AfterValidator(storable)]
ApplicantCode = Annotated[str, Field(max_length=40), AfterValidator(storable)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(storable)]
Day = Annotated[datetime.date, AfterValidator(IN_YEARS)]
MatterId = Annotated[int, Path(ge=1, le=MAX_ID, description="服务事项编号")]
CommitmentId = Annotated[int, Path(ge=1, le=MAX_ID, description="告知承诺编号")]


# ---------------------------------------------------------------------------------------------
# Schemas


class ServiceStatsQuery(Schema):
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR, description="统计年度")
    agency: str | None = Field(None, max_length=50, description="机关代码（本机关）")


class ServiceStatsOut(Schema):
    year: int
    matters: int = Field(description="目录事项")
    published: int = Field(description="其中已在网上办事大厅公开")
    commitment_matters: int = Field(description="其中实行告知承诺制")
    with_supervision_rules: int = Field(description="其中已制定事中事后监管细则")
    commitments: int = Field(description="本年度受理的告知承诺")
    verified: int = Field(description="其中已核查")
    verified_in_time: int = Field(description="其中按期核查")
    false_found: int = Field(description="其中发现虚假承诺")
    awaiting_verification: int = Field(description="其中待核查（今天）")
    overdue_verification: int = Field(description="其中超过核查期限未核查（今天）")
    credit_records_open: int = Field(description="未修复的告知承诺失信记录")
    delegated_powers: int = Field(description="下放且未收回的权力事项（今天）")


class MatterQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)
    kind: KindValue | None = Field(None, description="事项类型")
    commitment: bool | None = Field(None, description="实行告知承诺制（true 即告知承诺制清单）")
    published: bool | None = Field(None, description="已在网上办事大厅公开")


class MatterSummaryOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    kind_label: str
    division_id: int
    division: str
    published: bool
    commitment_allowed: bool
    verification_days: int | None = Field(description="核查时限（由事项确定）")
    verification_day_kind: str = Field(description="working_days 或 calendar_days")


class MatterPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[MatterSummaryOut]


class MatterDetailOut(MatterSummaryOut):
    basis: str = Field(description="设定依据")
    proof_replaced: str = Field(description="以承诺替代的证明材料")
    excluded_reason: str = Field(description="不适用告知承诺制的理由")
    verification_method: str = Field(description="核查方式")
    supervision_rules: str = Field(description="事中事后监管细则")


class CommitmentQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="承诺年度")
    status: StatusValue | None = Field(None, description="状态")
    matter_id: int | None = Field(None, ge=1, le=MAX_ID, description="事项")


class CommitmentSummaryOut(Schema):
    id: int
    matter_id: int
    matter: str
    applicant: str
    applicant_code: str
    signed_on: datetime.date
    verification_due_on: datetime.date | None = Field(
        description="核查期限：按事项确定的核查时限计算；跨入未录入工作日历的年度时为空"
    )
    status: str
    status_label: str
    overdue: bool = Field(description="待核查且已超过核查期限")


class CommitmentPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CommitmentSummaryOut]


class CommitmentDetailOut(CommitmentSummaryOut):
    verified_on: datetime.date | None
    verification_note: str
    consequence: str
    withdrawn_on: datetime.date | None
    credit_record_id: int | None = Field(description="虚假承诺记入的失信记录")
    created_by: str


class CommitmentAcceptIn(Schema):
    matter_id: int = Field(ge=1, le=MAX_ID, description="实行告知承诺制的事项")
    applicant: Applicant = Field(description="申请人")
    applicant_code: ApplicantCode = Field(description="统一社会信用代码或身份证件号码")
    signed_on: Day = Field(description="承诺日期（不晚于今天）")
    chose_commitment: bool = Field(description="申请人自愿选择告知承诺方式；为 false 时不予受理")


class VerifyIn(Schema):
    verified_on: Day = Field(description="核查日期（不晚于今天，不早于承诺日期）")
    truthful: bool = Field(description="承诺是否属实")
    note: Text = Field(description="核查情况")
    consequence: ConsequenceValue | Literal[""] = Field(
        "", description="承诺不实时的处理：terminate、correction、revoke 或 penalty"
    )


# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _reader(request: HttpRequest) -> Any:
    """The signed-in user, if they may see the area: otherwise 404."""
    if not permissions.can_see(request.user):
        raise Http404
    return request.user


def _writer(request: HttpRequest) -> Any:
    if not permissions.can_manage(request.user):
        raise Http404
    return request.user


def _matter_summary(matter: ServiceMatter) -> dict[str, Any]:
    return {
        "id": matter.pk,
        "code": matter.code,
        "name": matter.name,
        "kind": matter.kind,
        "kind_label": str(matter.get_kind_display()),
        "division_id": matter.division_id,
        "division": matter.division.name,
        "published": matter.published,
        "commitment_allowed": matter.commitment_allowed,
        "verification_days": matter.verification_days,
        "verification_day_kind": matter.verification_day_kind,
    }


def _commitments(request: HttpRequest) -> QuerySet[Commitment]:
    return Commitment.objects.visible_to(_reader(request)).select_related("matter")


def _commitment_summary(commitment: Commitment, today: datetime.date) -> dict[str, Any]:
    return {
        "id": commitment.pk,
        "matter_id": commitment.matter_id,
        "matter": commitment.matter.name,
        "applicant": commitment.applicant,
        "applicant_code": commitment.applicant_code,
        "signed_on": commitment.signed_on,
        "verification_due_on": commitment.verification_due_on,
        "status": commitment.status,
        "status_label": str(commitment.get_status_display()),
        "overdue": commitment.is_overdue(today),
    }


def _commitment_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    commitment = _commitments(request).select_related("created_by", "credit_record").filter(pk=pk).first()
    if commitment is None:
        raise Http404
    record = getattr(commitment, "credit_record", None)
    return {
        **_commitment_summary(commitment, local_today()),
        "verified_on": commitment.verified_on,
        "verification_note": commitment.verification_note,
        "consequence": commitment.consequence,
        "withdrawn_on": commitment.withdrawn_on,
        "credit_record_id": record.pk if record else None,
        "created_by": commitment.created_by.display_name,
    }


def _responses(out: type[Schema], status: int = 200) -> dict[int, type[Schema]]:
    return {status: out, **dict.fromkeys(ERRORS, ErrorOut)}


READ = {404: ErrorOut, 422: ErrorOut}
MATTER_TEXTS = ("basis", "proof_replaced", "excluded_reason", "supervision_rules")


# ---------------------------------------------------------------------------------------------
# Routes


@router.get("/stats", response={200: ServiceStatsOut, **READ}, summary="年度政务服务数据")
def stats(request: HttpRequest, query: Query[ServiceStatsQuery]) -> dict[str, Any]:
    """The figures of the user's own agency (`agency`, if given, must be its code)."""
    agency = agency_of(_reader(request))
    if agency is None or (query.agency and query.agency != agency.code):
        raise Http404
    return service_figures(query.year, today=local_today(), agency=agency).as_dict()


@router.get("/matters", response={200: MatterPageOut, **READ}, summary="政务服务、公共服务事项目录")
def matter_list(request: HttpRequest, query: Query[MatterQuery]) -> dict[str, Any]:
    """By code. Two queries."""
    matters = ServiceMatter.objects.visible_to(_reader(request)).select_related("division")
    if query.kind:
        matters = matters.filter(kind=query.kind)
    if query.commitment is not None:
        matters = matters.filter(commitment_allowed=query.commitment)
    if query.published is not None:
        matters = matters.filter(published=query.published)
    count = matters.count()
    page = matters.defer(*MATTER_TEXTS).order_by("code")[query.offset : query.offset + query.limit]
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_matter_summary(m) for m in page],
    }


@router.get("/matters/{matter_id}", response={200: MatterDetailOut, **READ}, summary="服务事项详情")
def matter_detail(request: HttpRequest, matter_id: MatterId) -> dict[str, Any]:
    matter = (
        ServiceMatter.objects.visible_to(_reader(request))
        .select_related("division")
        .filter(pk=matter_id)
        .first()
    )
    if matter is None:
        raise Http404
    return {
        **_matter_summary(matter),
        "basis": matter.basis,
        "proof_replaced": matter.proof_replaced,
        "excluded_reason": matter.excluded_reason,
        "verification_method": matter.verification_method,
        "supervision_rules": matter.supervision_rules,
    }


@router.get("/commitments", response={200: CommitmentPageOut, **READ}, summary="告知承诺")
def commitment_list(request: HttpRequest, query: Query[CommitmentQuery]) -> dict[str, Any]:
    """Newest first. Two queries."""
    commitments = _commitments(request)
    if query.year is not None:
        commitments = commitments.filter(signed_on__year=query.year)
    if query.status:
        commitments = commitments.filter(status=query.status)
    if query.matter_id is not None:
        commitments = commitments.filter(matter_id=query.matter_id)
    count = commitments.count()
    page = commitments.defer("verification_note", *(f"matter__{n}" for n in MATTER_TEXTS)).order_by(
        "-signed_on", "-pk"
    )[query.offset : query.offset + query.limit]
    today = local_today()
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_commitment_summary(c, today) for c in page],
    }


@router.get(
    "/commitments/{commitment_id}", response={200: CommitmentDetailOut, **READ}, summary="告知承诺详情"
)
def commitment_detail(request: HttpRequest, commitment_id: CommitmentId) -> dict[str, Any]:
    return _commitment_detail(request, commitment_id)


@router.post("/commitments", response=_responses(CommitmentDetailOut, 201), summary="受理告知承诺")
def commitment_accept(request: HttpRequest, body: CommitmentAcceptIn) -> tuple[int, dict[str, Any]]:
    """The applicant, told in writing of the proof obligation and the liability for a false
    commitment, chose freely to commit instead of proving (`chose_commitment`). Refused (409) for
    a matter not under the system and an applicant with an unrepaired false-commitment record."""
    actor = _writer(request)
    matter = ServiceMatter.objects.visible_to(actor).filter(pk=body.matter_id).first()
    if matter is None:
        raise HttpError(422, f"未找到服务事项（编号 {body.matter_id}）")
    commitment = actions.accept_commitment(
        actor=actor,
        matter=matter,
        applicant=body.applicant,
        applicant_code=body.applicant_code,
        signed_on=body.signed_on,
        chose_commitment=body.chose_commitment,
    )
    return 201, _commitment_detail(request, commitment.pk)


@router.post(
    "/commitments/{commitment_id}/verify", response=_responses(CommitmentDetailOut), summary="记录核查结果"
)
def commitment_verify(request: HttpRequest, commitment_id: CommitmentId, body: VerifyIn) -> dict[str, Any]:
    """A false commitment (`truthful`: false) names its consequence and goes on the applicant's
    credit record. Only a commitment awaiting verification is verified (409 otherwise)."""
    actor = _writer(request)
    commitment = Commitment.objects.visible_to(actor).filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404
    actions.verify(
        commitment,
        actor=actor,
        verified_on=body.verified_on,
        truthful=body.truthful,
        note=body.note,
        consequence=body.consequence,
    )
    return _commitment_detail(request, commitment.pk)
