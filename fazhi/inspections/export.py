"""A sampling plan with its tasks and results, for upload to the enforcement supervision platform
(行政执法监督平台): `plan_workbook(plan)` as .xlsx and `plan_json(plan)` as JSON.

This is the bureau's report to its supervisor, not publicity: natural persons are NOT masked, so
only the planners may export (permissions.is_planner; views.exports and the API check it).

The workbook has three sheets with Chinese headers in the first row — 抽查计划 (one row),
抽查任务 (one row per selected entity, in draw order) and 检查结果 (one row per recorded result)
— with dates as Excel dates.

The JSON document (`FORMAT`, version 1), every date an ISO 8601 string:

    {
      "format": "fazhi-inspection-export", "version": 1, "generated_at": "<datetime>",
      "plan": {
        "id", "title", "year", "batch", "status", "status_label",
        "item": {"name", "legal_basis", "inspecting_body", "method", "domain", "domain_label"},
        "published_at", "draw_on", "inspectors_per_entity", "experts_per_entity",
        "inspector_cap" (null: none), "public_value_source",
        "strata": [{"name", "domain", "risk_level", "ratio"}],
        "digests": {"pool_digest", "inspector_digest", "expert_digest", "conflict_digest"},
        "contributors": [{"order", "name", "commitment", "secret" (null before the draw)}],
        "draw": null or {"id", "algorithm", "drawn_at", "public_value", "seed", "selected_count",
                         "bundle_sha256"}
      },
      "tasks": [{"sequence", "stratum", "status", "status_label",
                 "entity": {"name", "uscc", "legal_representative", "address", "domain",
                            "domain_label", "risk_level", "risk_level_label", "natural_person"},
                 "inspectors": [{"certificate_number", "name"}],
                 "experts": [{"code", "name", "field"}]}],
      "results": [{"sequence", "uscc", "entity", "result", "result_label", "description",
                   "ended_on", "recorded_by", "recorded_at", "publicity_due_on", "published_on",
                   "published_in_time"}]
    }
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from fazhi.core.spreadsheets import workbook
from fazhi.inspections.draw import ALGORITHM
from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask

FORMAT = "fazhi-inspection-export"
VERSION = 1
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

PLAN_HEADERS = [
    "计划编号",
    "计划名称",
    "年度",
    "批次",
    "抽查事项",
    "领域",
    "检查依据",
    "检查主体",
    "检查方式",
    "状态",
    "公布日期",
    "抽取日期",
    "抽取时间",
    "抽查分层及比例",
    "每个对象执法人员数",
    "每个对象专家数",
    "每名执法人员最多分派对象数",
    "抽中对象数",
    "抽取算法",
    "种子",
    "验证数据包SHA-256",
]
TASK_HEADERS = [
    "抽取顺序",
    "分层",
    "检查对象名称",
    "统一社会信用代码",
    "法定代表人（负责人）",
    "住所（地址）",
    "领域",
    "风险等级",
    "是否自然人",
    "执法检查人员",
    "执法证号",
    "专家",
    "专家库编号",
    "任务状态",
]
RESULT_HEADERS = [
    "抽取顺序",
    "检查对象名称",
    "统一社会信用代码",
    "检查结果",
    "问题描述",
    "检查结束日期",
    "结果录入人",
    "录入时间",
    "公示期限",
    "公示日期",
    "是否按期公示",
]


def _draw_of(plan: InspectionPlan) -> Draw | None:
    return Draw.objects.filter(plan=plan).first()


def _tasks(plan: InspectionPlan) -> Iterator[InspectionTask]:
    """The plan's tasks in draw order with their people, in chunks (a plan over a large
    registry has tens of thousands)."""
    return (
        InspectionTask.objects.filter(plan=plan)
        .select_related("entity__agency", "result_recorded_by")
        .prefetch_related("inspectors", "experts")
        .order_by("sequence")
        .iterator(chunk_size=2000)
    )


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A moment as local time without its zone (Excel has no time zones)."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _strata_text(plan: InspectionPlan) -> str:
    return "；".join(f"{s.name}：{s.ratio}" for s in plan.strata.order_by("name"))


def _in_time(task: InspectionTask) -> bool | None:
    if task.published_on is None or task.publicity_due_on is None:
        return None
    return task.published_on <= task.publicity_due_on


def _recorded(task: InspectionTask) -> bool:
    return task.status != InspectionTask.Status.ASSIGNED


# ---------------------------------------------------------------------------------------------
# .xlsx


def _row(ws: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    cells: list[Any] = []
    for value in values:
        if isinstance(value, datetime.datetime):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATETIME_FORMAT
            cells.append(cell)
        elif isinstance(value, datetime.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATE_FORMAT
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def _sheet(wb: Workbook, title: str, headers: list[str], widths: dict[str, int]) -> WriteOnlyWorksheet:
    ws = wb.create_sheet(title)
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    bold = []
    for header in headers:
        cell = WriteOnlyCell(ws, value=header)
        cell.font = Font(bold=True)
        bold.append(cell)
    ws.append(bold)
    return ws


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def plan_workbook(plan: InspectionPlan) -> bytes:
    """The plan, its tasks and its results as an .xlsx workbook (three sheets)."""
    draw = _draw_of(plan)
    wb = workbook(write_only=True)
    ws = _sheet(wb, "抽查计划", PLAN_HEADERS, {"B": 40, "E": 30, "G": 50, "N": 40, "T": 66, "U": 66})
    ws.append(
        _row(
            ws,
            [
                plan.pk,
                plan.title,
                plan.year,
                plan.batch,
                plan.item.name,
                plan.item.domain_label,
                plan.item.legal_basis,
                plan.item.inspecting_body,
                plan.item.method,
                str(plan.get_status_display()),
                timezone.localdate(plan.published_at) if plan.published_at else None,
                plan.draw_on,
                _local(draw.drawn_at) if draw else None,
                _strata_text(plan),
                plan.inspectors_per_entity,
                plan.experts_per_entity,
                plan.inspector_cap if plan.inspector_cap is not None else "不设上限",
                draw.selected_count if draw else None,
                ALGORITHM if draw else None,
                draw.seed if draw else None,
                draw.bundle_sha256 if draw else None,
            ],
        )
    )
    tasks_ws = _sheet(wb, "抽查任务", TASK_HEADERS, {"B": 22, "C": 36, "D": 22, "F": 40, "J": 24, "K": 28})
    results_ws = _sheet(wb, "检查结果", RESULT_HEADERS, {"B": 36, "C": 22, "D": 18, "E": 40, "H": 18})
    for task in _tasks(plan):
        entity = task.entity
        inspectors = sorted(task.inspectors.all(), key=lambda i: i.certificate_number)
        experts = sorted(task.experts.all(), key=lambda x: x.code)
        tasks_ws.append(
            [
                task.sequence,
                task.stratum,
                entity.name,
                entity.uscc,
                entity.legal_representative,
                entity.address,
                entity.domain_label,
                str(entity.get_risk_level_display()),
                _yes_no(entity.is_natural_person),
                "、".join(i.name for i in inspectors),
                "、".join(i.certificate_number for i in inspectors),
                "、".join(x.name for x in experts),
                "、".join(x.code for x in experts),
                str(task.get_status_display()),
            ]
        )
        if _recorded(task):
            recorder = task.result_recorded_by
            results_ws.append(
                _row(
                    results_ws,
                    [
                        task.sequence,
                        entity.name,
                        entity.uscc,
                        str(task.get_result_display()),
                        task.result_description,
                        task.ended_on,
                        recorder.display_name if recorder else "",
                        _local(task.result_recorded_at),
                        task.publicity_due_on,
                        task.published_on,
                        _yes_no(_in_time(task)),
                    ],
                )
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# JSON


def plan_json(plan: InspectionPlan) -> dict[str, Any]:
    """The plan, its tasks and its results as the JSON document described above."""
    draw = _draw_of(plan)
    item = plan.item
    tasks: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for task in _tasks(plan):
        entity = task.entity
        tasks.append(
            {
                "sequence": task.sequence,
                "stratum": task.stratum,
                "status": task.status,
                "status_label": str(task.get_status_display()),
                "entity": {
                    "name": entity.name,
                    "uscc": entity.uscc,
                    "legal_representative": entity.legal_representative,
                    "address": entity.address,
                    "domain": entity.domain,
                    "domain_label": entity.domain_label,
                    "risk_level": entity.risk_level,
                    "risk_level_label": str(entity.get_risk_level_display()),
                    "natural_person": entity.is_natural_person,
                },
                "inspectors": [
                    {"certificate_number": i.certificate_number, "name": i.name}
                    for i in sorted(task.inspectors.all(), key=lambda i: i.certificate_number)
                ],
                "experts": [
                    {"code": x.code, "name": x.name, "field": x.field}
                    for x in sorted(task.experts.all(), key=lambda x: x.code)
                ],
            }
        )
        if _recorded(task):
            recorder = task.result_recorded_by
            results.append(
                {
                    "sequence": task.sequence,
                    "uscc": entity.uscc,
                    "entity": entity.name,
                    "result": task.result,
                    "result_label": str(task.get_result_display()),
                    "description": task.result_description,
                    "ended_on": _iso(task.ended_on),
                    "recorded_by": recorder.display_name if recorder else None,
                    "recorded_at": _iso(task.result_recorded_at),
                    "publicity_due_on": _iso(task.publicity_due_on),
                    "published_on": _iso(task.published_on),
                    "published_in_time": _in_time(task),
                }
            )
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": _iso(timezone.now()),
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "year": plan.year,
            "batch": plan.batch,
            "status": plan.status,
            "status_label": str(plan.get_status_display()),
            "item": {
                "name": item.name,
                "legal_basis": item.legal_basis,
                "inspecting_body": item.inspecting_body,
                "method": item.method,
                "domain": item.domain,
                "domain_label": item.domain_label,
            },
            "published_at": _iso(plan.published_at),
            "draw_on": _iso(plan.draw_on),
            "inspectors_per_entity": plan.inspectors_per_entity,
            "experts_per_entity": plan.experts_per_entity,
            "inspector_cap": plan.inspector_cap,
            "public_value_source": plan.public_value_source,
            "strata": [
                {"name": s.name, "domain": s.domain, "risk_level": s.risk_level, "ratio": s.ratio}
                for s in plan.strata.order_by("name")
            ],
            "digests": plan.digests(),
            "contributors": [
                {"order": c.order, "name": c.name, "commitment": c.commitment, "secret": c.secret or None}
                for c in plan.contributors.order_by("order")
            ],
            "draw": None
            if draw is None
            else {
                "id": draw.pk,
                "algorithm": ALGORITHM,
                "drawn_at": _iso(draw.drawn_at),
                "public_value": draw.public_value,
                "seed": draw.seed,
                "selected_count": draw.selected_count,
                "bundle_sha256": draw.bundle_sha256,
            },
        },
        "tasks": tasks,
        "results": results,
    }


def export_filename(plan: InspectionPlan, extension: str) -> str:
    return f"fazhi-inspection-plan-{plan.pk}.{extension}"
