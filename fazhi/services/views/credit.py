"""False-commitment credit records (告知承诺失信记录): the list, and a record's page, where the
legal affairs division records the applicant's credit repair (the commitment route is open to
them again)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.http import staff_view
from fazhi.services import actions, permissions
from fazhi.services.forms import CreditFilterForm, RepairForm
from fazhi.services.models import CreditRecord
from fazhi.services.view_helpers import PAGE_SIZE
from fazhi.services.views._common import Kind, Step, area, detail_page, list_context, step_action


@staff_view(permissions.can_see)
def credit_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = CreditFilterForm(request.GET)
    form.is_valid()
    state = form.cleaned_data.get("state")
    queryset = CreditRecord.objects.visible_to(user)
    if state == "open":
        queryset = queryset.filter(repaired_on__isnull=True)
    elif state == "repaired":
        queryset = queryset.filter(repaired_on__isnull=False)
    queryset = queryset.select_related("commitment__matter").defer(
        "repair_reason", "commitment__verification_note"
    )
    page = Paginator(queryset.order_by("-recorded_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "services/credit_list.html", {**area(user), **list_context(form), "page": page})


def _context(user: Any, record: CreditRecord, today: datetime.date) -> dict[str, Any]:
    return {"record": record}


CREDIT = Kind(
    queryset=lambda user: CreditRecord.objects.visible_to(user).select_related("commitment__matter"),
    steps={
        "repair": Step(
            gettext_lazy("记录信用修复"),
            "#repair",
            RepairForm,
            lambda r, u, d: actions.repair_credit(r, actor=u, reason=d["reason"]),
            lambda r, today: r.repaired_on is None,
            (("信用修复情况", "reason"), ("已修复", "reason")),
            done=lambda r: _("已记录信用修复：%(a)s 可再次选择告知承诺方式。") % {"a": r.applicant},
        ),
    },
    template="services/credit_detail.html",
    detail="services:credit_detail",
    context=_context,
)


@staff_view(permissions.can_see)
def credit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, CREDIT, pk)


@require_POST
@staff_view(permissions.can_manage)
def credit_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, CREDIT, pk, action)
