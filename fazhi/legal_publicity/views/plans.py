"""The five-year plans (普法规划): the list, adopting one (the legal affairs division), and a
plan's page with its text attached."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.agencies import scoped
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.legal_publicity import actions, permissions
from fazhi.legal_publicity.forms import PlanForm
from fazhi.legal_publicity.models import PublicityPlan
from fazhi.legal_publicity.view_helpers import PAGE_SIZE
from fazhi.legal_publicity.views._common import CreatePage, area, create_page

PLAN_CREATE = CreatePage(
    title=gettext_lazy("印发普法规划"),
    lead=gettext_lazy(
        "登记本系统的五年普法规划（如“八五”普法规划）：规划期限、印发日期和主要任务。规划正文在保存后作为附件上传。"
    ),
    form=lambda request, data: PlanForm(data),
    run=lambda user, d: actions.adopt_plan(actor=user, **d),
    hints=(
        ("开始研究编制日期", "drafting_started_on"),
        ("印发日期", "adopted_on"),
        ("规划期限", "end_year"),
        ("规划名称", "title"),
        ("主要任务", "summary"),
    ),
    section="plans",
    back="legal_publicity:plans",
    done=lambda plan: _("已登记普法规划：%(t)s。请上传规划正文。") % {"t": plan.title},
    after=lambda plan: reverse("legal_publicity:plan_detail", args=[plan.pk]) + "#attachments",
)


@staff_view(permissions.can_open_area)
def plan_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset = scoped(PublicityPlan.objects.select_related("created_by"), user).order_by("-start_year", "-pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    year = local_today().year
    for plan in page:
        plan.in_force = plan.start_year <= year <= plan.end_year  # type: ignore[attr-defined]
    return render(request, "legal_publicity/plan_list.html", {**area(user), "page": page})


@staff_view(permissions.can_manage)
def plan_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, PLAN_CREATE)


@staff_view(permissions.can_open_area)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    plan = get_visible_or_404(scoped(PublicityPlan.objects.select_related("created_by"), request.user), pk=pk)
    year = local_today().year
    return render(
        request,
        "legal_publicity/plan_detail.html",
        {**area(user), "plan": plan, "in_force": plan.start_year <= year <= plan.end_year},
    )
