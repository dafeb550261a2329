"""/api/v1/documents — the public library over JSON: no account needed (`auth=None`), only
published documents, the same search as the /policies/ pages (library.search_documents).

Errors answer JSON with a Chinese `detail` (fazhi/api.py): a document not in the library 404;
a query of the wrong shape or out of range 422 — never a 500.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from pydantic import Field

from fazhi.core.agencies import agencies, agency_of
from fazhi.core.api.schemas import DepartmentOut, ErrorOut
from fazhi.core.clock import today
from fazhi.core.models import Organization
from fazhi.documents import library, permissions
from fazhi.documents.models import NormativeDocument, ValidityEvent
from fazhi.documents.search import MAX_QUERY_CHARS
from fazhi.documents.stats import filing_stats, filings_by_department
from fazhi.documents.validity import Validity, banner

router = Router(tags=["规范性文件"])

# Ids in paths: larger values cannot be a row and would overflow SQLite's 64-bit integers.
MAX_ID = 2**31 - 1
MIN_YEAR, MAX_YEAR = 1949, 2999

# The statuses a published document can have today, spelt out so that the OpenAPI document
# lists them (a test keeps them equal to library.LIBRARY_STATUSES).
StatusValue = Literal["not_yet_in_force", "in_force", "amended", "expired", "repealed", "declared_invalid"]
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="文件编号")]


class DocumentQuery(Schema):
    q: str | None = Field(
        None,
        max_length=MAX_QUERY_CHARS,
        description="关键词：以空格分隔，文件名称、文号或正文须原样包含每一个词（任意长度，英文字母不分大小写）",
    )
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="公布年度")
    status: StatusValue | None = Field(None, description="截至今日的效力状态")
    agency: int | None = Field(None, ge=1, le=MAX_ID, description="制定机关编号")
    dept: str | None = Field(None, max_length=40, description="部门代码（如 tjkjj），同 /policies/?dept=")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_ID)


class DocumentStatsQuery(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="公布年度，缺省为今年")
    agency: str | None = Field(
        None,
        max_length=40,
        description="部门代码（如 tjkjj）；司法局的代码为报送该局备案的全部文件；缺省为全市",
    )


class ByDepartmentQuery(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="公布年度，缺省为今年")


class DepartmentFilingsOut(Schema):
    agency_id: int
    code: str
    name: str
    issued: int
    filed: int
    filed_on_time: int
    accepted: int = Field(description="予以备案")
    rejected: int = Field(description="不予备案")
    deferred: int = Field(description="暂缓备案（含已纠正待复审）")
    corrections: int = Field(description="提出过纠正要求的备案数")
    timeliness_rate: float | None = Field(description="按期报送率 = 按期报送 ÷ 报送备案")


class ByDepartmentOut(Schema):
    year: int
    authority: str
    departments: list[DepartmentFilingsOut]


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    agency: DepartmentOut
    status: str
    status_label: str
    published_on: datetime.date
    effective_on: datetime.date | None
    expires_on: datetime.date | None
    filed_on: datetime.date | None = Field(description="报送备案日期；未报送为 null")
    url: str


class DocumentPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[DocumentOut]


class DocumentRefOut(Schema):
    id: int
    number: str
    title: str


class EventOut(Schema):
    kind: str
    kind_label: str
    on: datetime.date
    by_document: DocumentRefOut | None
    note: str


class DocumentDetailOut(DocumentOut):
    banner: str
    filing_accepted: bool = Field(description="司法局已予以备案")
    body: str
    events: list[EventOut]


class DocumentStatsOut(Schema):
    year: int
    issued: int
    filed: int
    filed_on_time: int
    decided: int
    accepted: int
    filing_rate: float | None
    timeliness_rate: float | None
    conformity_rate: float | None


def _filing(document: NormativeDocument) -> Any:
    try:
        return document.filing
    except NormativeDocument.filing.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None


def _summary(request: HttpRequest, document: NormativeDocument, status: Validity) -> dict[str, Any]:
    filing = _filing(document)
    return {
        "id": document.pk,
        "number": document.number,
        "title": document.title,
        "agency": {"code": document.agency.code, "name": document.agency.name},
        "status": status.value,
        "status_label": str(status.label),
        "published_on": document.published_on,
        "effective_on": document.effective_on,
        "expires_on": document.expires_on,
        "filed_on": filing.submitted_on if filing else None,
        "url": request.build_absolute_uri(reverse("library:document", args=[document.pk])),
    }


@router.get(
    "",
    auth=None,
    response={200: DocumentPageOut, 422: ErrorOut},
    summary="政策文件库：列表与检索",
)
def document_list(request: HttpRequest, query: Query[DocumentQuery]) -> dict[str, Any]:
    """Published documents, newest first, or best first with `q`. Three queries: the count, the
    ids of the page, its rows."""
    agency = query.agency
    if query.dept:
        department = agencies().filter(code=query.dept.strip()).first()
        agency = department.pk if department is not None else 0  # an unknown department: nothing
    hits, count = library.search_documents(
        query.q or "",
        year=query.year,
        status=query.status,
        agency=agency,
        limit=query.limit,
        offset=query.offset,
    )
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [_summary(request, hit.document, hit.status) for hit in hits],
    }


@router.get(
    "/stats",
    auth=None,
    response={200: DocumentStatsOut, 404: ErrorOut, 422: ErrorOut},
    summary="年度备案统计",
)
def document_stats(request: HttpRequest, query: Query[DocumentStatsQuery]) -> dict[str, Any]:
    """报备率、及时率、规范率 of the documents published in a year: of one department, of the
    departments filing with one justice bureau, or (no `agency`) of the whole city."""
    agency = None
    if query.agency:
        agency = Organization.objects.filter(
            code=query.agency.strip(), kind__in=[Organization.Kind.AGENCY, Organization.Kind.JUSTICE_BUREAU]
        ).first()
        if agency is None:
            raise Http404
    return filing_stats(query.year or today().year, agency).as_dict()


@router.get(
    "/filings/by-department",
    response={200: ByDepartmentOut, 404: ErrorOut, 422: ErrorOut},
    summary="各部门备案情况（司法局）",
)
def filings_by_department_api(request: HttpRequest, query: Query[ByDepartmentQuery]) -> dict[str, Any]:
    """The justice bureau's city view: by department, the year's filings addressed to the
    caller's bureau, their timeliness and outcomes. For its filing officers and leaders."""
    if not permissions.can_see_city_filings(request.user):
        raise Http404
    bureau = agency_of(request.user)
    assert bureau is not None
    year = query.year or today().year
    return {
        "year": year,
        "authority": bureau.name,
        "departments": [r.as_dict() for r in filings_by_department(year, bureau)],
    }


@router.get(
    "/{document_id}",
    auth=None,
    response={200: DocumentDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="政策文件详情",
)
def document_detail(request: HttpRequest, document_id: DocumentId) -> dict[str, Any]:
    day = today()
    events = ValidityEvent.objects.select_related("by_document").order_by("on", "pk")
    document = (
        library.with_status(library.library_documents(day), day)
        .prefetch_related(Prefetch("validity_events", queryset=events))
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404
    status = Validity(document.status_today)  # type: ignore[attr-defined]
    filing = _filing(document)
    return {
        **_summary(request, document, status),
        "banner": banner(document, day),
        "filing_accepted": filing is not None and filing.status == filing.Status.FILED,
        "body": document.body,
        "events": [
            {
                "kind": event.kind,
                "kind_label": event.get_kind_display(),
                "on": event.on,
                "by_document": (
                    {"id": by.pk, "number": by.number, "title": by.title}
                    if (by := event.by_document) is not None and by.published_on and by.published_on <= day
                    else None
                ),
                "note": event.note,
            }
            for event in document.validity_events.all()
        ],
    }
