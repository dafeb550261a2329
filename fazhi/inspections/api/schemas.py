"""The request and response schemas of the inspections API."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field

from fazhi.core.api.fields import storable
from fazhi.core.api.schemas import DepartmentOut
from fazhi.inspections.api._common import (
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    PlanStatusValue,
    ResultValue,
    TaskStatusValue,
)

# ---------------------------------------------------------------------------------------------
# Schemas


class InspectionPageQuery(Schema):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)
    dept: str | None = Field(None, max_length=40, description="部门代码：只列该部门的（公开列表）")


class DrawQuery(InspectionPageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="计划年度")


class PublicPlanQuery(InspectionPageQuery):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="计划年度")


class PlanQuery(PublicPlanQuery):
    status: PlanStatusValue | None = Field(None, description="计划状态")


class ResultQuery(InspectionPageQuery):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="计划编号")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="计划年度")


class TaskQuery(InspectionPageQuery):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="计划编号")
    status: TaskStatusValue | None = Field(None, description="任务状态")


class ItemOut(Schema):
    id: int
    name: str
    legal_basis: str
    inspecting_body: str
    method: str
    domain: str
    domain_label: str
    agency: DepartmentOut


class InspectionItemPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ItemOut]


class DrawOut(Schema):
    id: int = Field(description="抽取编号（GET /draws/{id}/bundle）")
    plan_id: int
    title: str
    year: int
    batch: int
    item: str
    domain: str
    algorithm: str
    drawn_at: datetime.datetime
    selected_count: int = Field(description="抽中对象数")
    pool_size: int = Field(description="冻结的检查对象名录条数")
    inspector_count: int = Field(description="冻结的执法检查人员名录条数")
    expert_count: int = Field(description="冻结的专家名录条数")
    conflict_count: int = Field(description="冻结的回避关系条数")
    seed: str
    bundle_sha256: str = Field(description="数据包（原样下载的文件）的 SHA-256")
    bundle_url: str
    url: str
    agency: DepartmentOut


class DrawPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DrawOut]


class AssignmentOut(Schema):
    inspectors: list[str]
    experts: list[str]


class BundleOut(Schema):
    """The bundle of DOMAIN.md §10 step 6 (exactly these keys)."""

    algorithm: str
    pool: list[tuple[str, str]] = Field(description="[分层, 统一社会信用代码]，已排序")
    inspectors: list[str] = Field(description="执法证号，已排序")
    experts: list[str] = Field(description="专家库编号，已排序")
    conflicts: list[tuple[str, str]] = Field(description="[统一社会信用代码, 人员编号]，已排序")
    ratios: dict[str, str]
    inspectors_per_entity: int
    experts_per_entity: int
    inspector_cap: int | None
    commitments: list[str]
    secrets: list[str]
    public_value: str
    seed: str
    selected: list[tuple[str, str]] = Field(description="[分层, 统一社会信用代码]，按抽取顺序")
    assignments: dict[str, AssignmentOut]


class StratumOut(Schema):
    name: str
    domain: str
    risk_level: str = Field(description="空为全部等级")
    ratio: str
    size: int | None = Field(description="冻结名录中该分层的对象数 N")
    selected: int | None = Field(description="应抽取数 k = ⌈N × 比例⌉")


class ContributorOut(Schema):
    order: int
    name: str
    commitment: str
    secret: str | None = Field(description="抽取后公开；之前为 null")


class PoolOut(Schema):
    kind: str
    kind_label: str
    size: int
    digest: str


class ExclusionOut(Schema):
    kind: str
    person_id: str
    reason: str


class PlanSummaryOut(Schema):
    id: int
    title: str
    year: int
    batch: int
    item: str
    domain: str
    status: str
    status_label: str
    draw_on: datetime.date
    published_at: datetime.datetime | None
    draw_id: int | None = Field(description="已抽取时，抽取编号")
    agency: DepartmentOut = Field(description="制定计划的部门（检查主体）")


class PlanPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PlanSummaryOut]


class PlanDetailOut(PlanSummaryOut):
    legal_basis: str
    inspecting_body: str
    method: str
    inspectors_per_entity: int
    experts_per_entity: int
    inspector_cap: int | None
    public_value_source: str
    redraw_of: int | None
    redraw_reason: str
    pool_digest: str
    inspector_digest: str
    expert_digest: str
    conflict_digest: str
    strata: list[StratumOut]
    contributors: list[ContributorOut]
    pools: list[PoolOut]
    exclusions: list[ExclusionOut]
    url: str | None = Field(description="公开页面（已公布的计划）")


class PublicEntityOut(Schema):
    name: str = Field(description="自然人只显示姓氏")
    uscc: str
    legal_representative: str
    address: str = Field(description="自然人只显示到区县")
    domain: str


class ResultOut(Schema):
    id: int
    plan_id: int
    plan: str
    year: int
    item: str
    inspecting_body: str
    agency: DepartmentOut
    entity: PublicEntityOut
    natural_person: bool
    result: str
    result_label: str
    description: str
    ended_on: datetime.date | None
    publicity_due_on: datetime.date | None
    published_on: datetime.date | None
    published_in_time: bool


class ResultPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ResultOut]


class EntityOut(Schema):
    name: str
    uscc: str
    legal_representative: str
    address: str
    domain: str
    risk_level: str
    natural_person: bool


class InspectorOut(Schema):
    certificate_number: str
    name: str


class ExpertOut(Schema):
    code: str
    name: str
    field: str


class TaskOut(Schema):
    id: int
    plan_id: int
    plan: str
    sequence: int
    stratum: str
    entity: EntityOut
    inspectors: list[InspectorOut]
    experts: list[ExpertOut]
    status: str
    status_label: str
    ended_on: datetime.date | None
    result: str
    result_label: str
    description: str
    publicity_due_on: datetime.date | None
    published_on: datetime.date | None
    publicity_overdue: bool


class TaskDetailOut(TaskOut):
    actions: list[str] = Field(description="当前用户可进行的操作")


class TaskPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[TaskOut]


class ResultIn(Schema):
    result: ResultValue
    ended_on: datetime.date = Field(description="检查结束日期")
    description: Annotated[str, Field(max_length=5000), AfterValidator(storable)] = Field(
        "", description="发现问题时必填"
    )
