"""Municipal powers delegated to the districts and functional zones (下放市级权力): the list, a
delegation, and a power's page, where the training and guidance given are recorded and the
power withdrawn."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.services import actions, permissions
from fazhi.services.forms import DelegateForm, PowerFilterForm, TrainingForm, WithdrawPowerForm
from fazhi.services.models import DelegatedPower
from fazhi.services.view_helpers import PAGE_SIZE
from fazhi.services.views._common import (
    CreatePage,
    Kind,
    Step,
    area,
    create_page,
    detail_page,
    list_context,
    step_action,
)

P = DelegatedPower.Status

POWER_CREATE = CreatePage(
    title=gettext_lazy("下放权力事项"),
    lead=gettext_lazy(
        "登记下放至区（功能区）的市级权力事项：承接单位、下放依据和下放日期。下放后记录对承接单位的培训指导。"
    ),
    form=lambda request, data: DelegateForm(data, initial={"delegated_on": local_today()}),
    run=lambda user, d: actions.delegate_power(actor=user, **d),
    hints=(
        ("权力事项", "name"),
        ("承接单位", "recipient"),
        ("下放依据", "document"),
        ("下放日期", "delegated_on"),
    ),
    section="powers",
    back="services:powers",
    done=lambda p: _("已登记下放权力事项：%(p)s。") % {"p": str(p)},
    after=lambda p: reverse("services:power_detail", args=[p.pk]),
)


@staff_view(permissions.can_see)
def power_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PowerFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    queryset = DelegatedPower.objects.visible_to(user)
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("recipient"):
        queryset = queryset.filter(recipient=data["recipient"])
    queryset = queryset.select_related("recipient").defer("withdrawal_reason")
    page = Paginator(
        queryset.order_by("recipient__sort_order", "recipient_id", "name", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "services/power_list.html", {**area(user), **list_context(form), "page": page})


@staff_view(permissions.can_manage)
def power_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, POWER_CREATE)


def _context(user: Any, power: DelegatedPower, today: datetime.date) -> dict[str, Any]:
    return {"power": power}


POWER = Kind(
    queryset=lambda user: DelegatedPower.objects.visible_to(user).select_related("recipient", "created_by"),
    steps={
        "record_training": Step(
            gettext_lazy("记录培训指导"),
            "#training",
            TrainingForm,
            lambda p, u, d: actions.record_training(p, actor=u, held_on=d["held_on"]),
            lambda p, today: p.status == P.DELEGATED,
            (("培训指导日期", "held_on"), ("已收回", "held_on")),
            initial=lambda p, today: {"held_on": today},
        ),
        "withdraw": Step(
            gettext_lazy("收回权力"),
            "#withdraw",
            WithdrawPowerForm,
            lambda p, u, d: actions.withdraw_power(p, actor=u, reason=d["reason"]),
            lambda p, today: p.status == P.DELEGATED,
            (("收回理由", "reason"),),
            done=lambda p: _("已收回该权力事项。"),
        ),
    },
    template="services/power_detail.html",
    detail="services:power_detail",
    context=_context,
)


@staff_view(permissions.can_see)
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, POWER, pk)


@require_POST
@staff_view(permissions.can_manage)
def power_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, POWER, pk, action)
