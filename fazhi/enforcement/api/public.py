"""The public route: published enforcement decisions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query

from fazhi.core.agencies import agencies
from fazhi.core.api.schemas import ErrorOut
from fazhi.enforcement import public_views as public
from fazhi.enforcement.api._common import router
from fazhi.enforcement.api.rows import _page, _public_decision
from fazhi.enforcement.api.schemas import PublicDecisionPageOut, PublicDecisionQuery

# ---------------------------------------------------------------------------------------------
# Public route


@router.get(
    "/public/decisions",
    auth=None,
    response={200: PublicDecisionPageOut, 422: ErrorOut},
    summary="行政执法决定公示（公开）",
)
def public_decision_list(request: HttpRequest, query: Query[PublicDecisionQuery]) -> dict[str, Any]:
    """Published decisions, newest publication first, by year of decision and category. A
        natural person's name is masked and their identity number never given; a withdrawn decision
        carries only its number, dates and the reason for the withdrawal. Every department's, each
    with its department; `dept` (a department's code) limits them to one. Two queries."""
    department = agencies().filter(code=query.dept).first() if query.dept else None
    if query.dept and department is None:
        return _page(query, 0, [])
    decisions = public.public_decisions(year=query.year, category=query.category, agency=department)
    count = decisions.count()
    page = decisions[query.offset : query.offset + query.limit]
    return _page(query, count, [_public_decision(request, case) for case in page])
