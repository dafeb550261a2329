"""/api/v1/reports — the annual rule-of-law reports over JSON.

    GET /reports                 the reports: published ones for anyone (no account needed);
                                 staff who may read reports also see their agency's drafts
    GET /reports/{year}          a report: its parts, sections (the text with the figures
                                 filled in) and figures with their values
    GET /reports/{year}/figures  staff only: every figure with its value, record count and the
                                 records' ids, the SHA-256 of their canonical JSON and the
                                 audit-chain head when it was generated; manual figures marked

Errors answer JSON with a Chinese `detail` (fazhi/api.py): a year with no report one may see,
404; the figures without an account, 401; a year of the wrong shape, 422.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Router, Schema
from ninja.errors import AuthenticationError

from fazhi.core.agencies import agency_id_of, filter_public, public_department
from fazhi.core.api.auth import TokenAuth
from fazhi.core.api.schemas import DepartmentOut
from fazhi.reports import permissions
from fazhi.reports import render as rendering
from fazhi.reports.models import AnnualReport

router = Router(tags=["法治政府建设年度报告"])

Year = Annotated[int, Path(ge=2000, le=2100, description="报告年度")]


class ReportErrorOut(Schema):
    detail: str


class ReportSummaryOut(Schema):
    year: int
    title: str
    agency: DepartmentOut
    status: str
    status_label: str
    published_on: datetime.date | None
    url: str | None


class ReportSectionOut(Schema):
    heading: str
    number: str
    text: str


class ReportPartOut(Schema):
    code: str
    number: str
    label: str
    sections: list[ReportSectionOut]


class ReportFigureOut(Schema):
    key: str
    label: str
    unit: str
    system: str
    value: float | None
    said: str
    approximate: bool
    manual: bool
    source: str
    previous_year_value: float | None


class AnnualReportOut(ReportSummaryOut):
    approval_meeting: str
    approved_on: datetime.date | None
    signature: str
    preamble: str
    parts: list[ReportPartOut]
    figures: list[ReportFigureOut]


class ReportRecordOut(Schema):
    model: str
    id: int
    title: str


class ReportFigureTraceOut(ReportFigureOut):
    record_count: int
    records: list[ReportRecordOut]
    records_sha256: str
    chain_seq: int
    chain_head: str
    generation: int
    generated_at: datetime.datetime


class ReportFiguresOut(Schema):
    year: int
    title: str
    status: str
    figures: list[ReportFigureTraceOut]


def _reader(request: HttpRequest) -> Any:
    """The signed-in user (session or bearer token), or None for an anonymous visitor."""
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        token_user = TokenAuth().authenticate(request, header[7:].strip())
        if token_user is None:
            raise AuthenticationError
        return token_user
    return None


def _readable(request: HttpRequest) -> Any:
    user = _reader(request)
    published = AnnualReport.objects.published()
    if user is None or not permissions.can_see(user):
        return published.select_related("agency")
    return (published | AnnualReport.objects.visible_to(user)).distinct().select_related("agency")


def _summary(report: AnnualReport) -> dict[str, Any]:
    published = report.status == AnnualReport.Status.PUBLISHED
    return {
        "year": report.year,
        "title": report.title,
        "agency": {"code": report.agency.code, "name": report.agency.name},
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "published_on": report.published_on,
        "url": f"/reports/{report.year}/?dept={report.agency.code}" if published else None,
    }


def _of_year(request: HttpRequest, year: int) -> AnnualReport:
    """The report of `year`: of the department chosen (`?dept=<code>`), else the staff member's own
    agency's, else the only one published that year (several and none chosen: 404)."""
    readable = filter_public(_readable(request).filter(year=year), request)
    user = _reader(request)
    own_agency = agency_id_of(user) if user is not None else None
    if own_agency is not None and public_department(request) is None:
        own = readable.filter(agency_id=own_agency).first()
        if own is not None:
            return own
    reports = list(readable.order_by("agency_id")[:2])
    if len(reports) != 1:
        raise Http404
    return reports[0]


def _figures(report: AnnualReport) -> list[dict[str, Any]]:
    said = rendering.said_figures(report)
    return [
        {
            "key": row["key"],
            "label": row["label"],
            "unit": row["unit"],
            "system": row["system"],
            "value": float(row["value"]) if row["value"] is not None else None,
            "said": row["text"],
            "approximate": row["approximate"],
            "manual": row["manual"],
            "source": row["source"],
            "previous_year_value": float(row["previous"]) if row["previous"] is not None else None,
        }
        for row in rendering.figure_table(report, said)
    ]


@router.get(
    "", auth=None, response={200: list[ReportSummaryOut], 401: ReportErrorOut}, summary="年度报告列表"
)
def report_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Published reports of every department for anyone (`?dept=<code>`: one department's);
    staff also see their agency's reports in progress."""
    readable = filter_public(_readable(request), request)
    return [_summary(r) for r in readable.order_by("-year", "agency_id")]


@router.get(
    "/{year}",
    auth=None,
    response={200: AnnualReportOut, 401: ReportErrorOut, 404: ReportErrorOut, 422: ReportErrorOut},
    summary="年度报告",
)
def report_detail(request: HttpRequest, year: Year) -> dict[str, Any]:
    report = _of_year(request, year)
    said = rendering.said_figures(report)
    parts = [
        {
            "code": p.code,
            "number": p.number,
            "label": str(p.label),
            "sections": [
                {
                    "heading": s["section"].heading if s["show_heading"] else "",
                    "number": s["number"],
                    "text": s["plain"],
                }
                for s in p.sections
            ],
        }
        for p in rendering.outline(report, said)
    ]
    return {
        **_summary(report),
        "approval_meeting": report.approval_meeting,
        "approved_on": report.approved_on,
        "signature": report.signature,
        "preamble": rendering.plain_text(report.preamble, said),
        "parts": parts,
        "figures": _figures(report),
    }


@router.get(
    "/{year}/figures",
    response={200: ReportFiguresOut, 401: ReportErrorOut, 404: ReportErrorOut, 422: ReportErrorOut},
    summary="年度报告数字及其记录（工作人员）",
)
def report_figures(request: HttpRequest, year: Year) -> dict[str, Any]:
    if not permissions.can_see(request.user):
        raise Http404
    report = AnnualReport.objects.visible_to(request.user).filter(year=year).order_by("agency_id").first()
    if report is None:
        raise Http404
    snaps = {s.key: s for s in report.snapshots.filter(generation=report.generation)}
    out = []
    for row in _figures(report):
        s = snaps[row["key"]]
        out.append(
            {
                **row,
                "record_count": len(s.records),
                "records": [{"model": r[0], "id": r[1], "title": r[2]} for r in s.records],
                "records_sha256": s.records_sha256,
                "chain_seq": s.chain_seq,
                "chain_head": s.chain_hash,
                "generation": s.generation,
                "generated_at": s.generated_at,
            }
        )
    return {"year": report.year, "title": report.title, "status": report.status, "figures": out}
