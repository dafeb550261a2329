"""Staff downloads of a plan for the enforcement supervision platform (export.py): the .xlsx
workbook and the JSON document. They hold natural persons' particulars unmasked, so only the
planners may download them; anyone else gets 404, as for a plan they cannot see."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from fazhi.core.http import StaffRequest, get_visible_or_404, staff_view
from fazhi.inspections import permissions
from fazhi.inspections.export import XLSX_CONTENT_TYPE, export_filename, plan_json, plan_workbook
from fazhi.inspections.models import InspectionPlan
from fazhi.inspections.public_views import valid_id


def _plan(request: StaffRequest, pk: int) -> InspectionPlan:
    return get_visible_or_404(
        InspectionPlan.objects.visible_to(request.user).select_related("item"), pk=valid_id(pk)
    )


@require_GET
@staff_view(permissions.is_planner)
def plan_export_xlsx(request: StaffRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    response = HttpResponse(plan_workbook(plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, export_filename(plan, "xlsx"))
    return response


@require_GET
@staff_view(permissions.is_planner)
def plan_export_json(request: StaffRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    body = json.dumps(plan_json(plan), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, export_filename(plan, "json"))
    return response
