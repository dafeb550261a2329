"""The year's figures of reconsideration, litigation and mediation."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query

from fazhi.core.agencies import agency_of
from fazhi.disputes.api._common import router
from fazhi.disputes.api.rows import READ, _reader
from fazhi.disputes.api.schemas import DisputeStatsOut, DisputeStatsQuery
from fazhi.disputes.stats import dispute_figures

# ---------------------------------------------------------------------------------------------
# Figures


@router.get("/stats", response={200: DisputeStatsOut, **READ}, summary="年度复议诉讼调解数据")
def stats(request: HttpRequest, query: Query[DisputeStatsQuery]) -> dict[str, Any]:
    reader = _reader(request)
    agency = agency_of(reader)
    if agency is None or (query.agency and query.agency != agency.code):
        raise Http404
    return dispute_figures(query.year, agency).as_dict()
