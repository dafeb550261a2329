"""Staff reads: the year's figures, the case list and a case. The fixed paths come before
/cases/{case_id}."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query

from fazhi.core.agencies import agency_of
from fazhi.core.api.schemas import ErrorOut
from fazhi.enforcement import permissions
from fazhi.enforcement import public_views as public
from fazhi.enforcement.api._common import CaseId, router
from fazhi.enforcement.api.rows import _cases, _detail, _page, _summary
from fazhi.enforcement.api.schemas import (
    CaseDetailOut,
    CasePageOut,
    CaseQuery,
    EnforcementStatsOut,
    EnforcementStatsQuery,
)
from fazhi.enforcement.stats import year_figures

# ---------------------------------------------------------------------------------------------
# Staff reads. The fixed paths come before /cases/{case_id}.


@router.get(
    "/stats", response={200: EnforcementStatsOut, 404: ErrorOut, 422: ErrorOut}, summary="年度行政执法数据"
)
def stats(request: HttpRequest, query: Query[EnforcementStatsQuery]) -> dict[str, Any]:
    """The figures of the user's own agency (`agency`, if given, must be its code)."""
    if not permissions.can_view_stats(request.user):
        raise Http404
    agency = agency_of(request.user)
    if agency is None or (query.agency and query.agency != agency.code):
        raise Http404
    return year_figures(query.year, agency=agency, today=public.today()).as_dict()


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
