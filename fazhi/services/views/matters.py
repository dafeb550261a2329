"""The catalog of service matters (政务服务、公共服务事项目录): the list by kind, commitment and
publication — filtered to the commitment matters it is the list of notification-commitment
matters (告知承诺制清单) — registering a matter, and a matter's page, where the legal affairs
division sets its notification-commitment terms."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.agencies import agency_id_of
from fazhi.core.http import staff_view
from fazhi.services import actions, permissions
from fazhi.services.forms import CommitmentTermsForm, MatterFilterForm, MatterForm
from fazhi.services.models import ServiceMatter
from fazhi.services.view_helpers import PAGE_SIZE, yes_no
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

LONG_TEXTS = ("basis", "proof_replaced", "excluded_reason", "supervision_rules")
TERMS_HINTS = (
    ("不适用告知承诺制", "excluded_reason"),
    ("核查时限单位", "day_kind"),
    ("核查时限", "verification_days"),
    ("以承诺替代的证明材料", "proof_replaced"),
    ("核查方式", "verification_method"),
    ("事中事后监管细则", "supervision_rules"),
)


def _terms(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "commitment_allowed": data["commitment_allowed"],
        "excluded_reason": data["excluded_reason"],
        "proof_replaced": data["proof_replaced"],
        "verification_method": data["verification_method"],
        "verification_days": data["verification_days"],
        "day_kind": data["day_kind"],
        "supervision_rules": data["supervision_rules"],
    }


MATTER_CREATE = CreatePage(
    title=gettext_lazy("登记服务事项"),
    lead=gettext_lazy(
        "将事项列入政务服务、公共服务事项目录。需要提交证明材料、实行告知承诺制的，写明以承诺替代的证明材料、核查方式和核查时限（由事项确定，没有全国统一时限）；直接涉及国家安全、国家秘密、公共安全、金融业审慎监管、生态环境保护和人身健康、生命财产安全以及重要涉外等的事项不适用告知承诺制（国办发〔2020〕42号）。"
    ),
    form=lambda request, data: MatterForm(data, agency_id=agency_id_of(request.user)),
    run=lambda user, d: actions.register_matter(
        actor=user,
        code=d["code"],
        name=d["name"],
        kind=d["kind"],
        division=d["division"],
        basis=d["basis"],
        published=d["published"],
        **_terms(d),
    ),
    hints=(
        ("事项编码", "code"),
        ("事项名称", "name"),
        ("事项类型", "kind"),
        ("承办处室", "division"),
        ("设定依据", "basis"),
        *TERMS_HINTS,
    ),
    section="matters",
    back="services:matters",
    done=lambda m: _("已登记服务事项：%(m)s。") % {"m": str(m)},
    after=lambda m: reverse("services:matter_detail", args=[m.pk]),
)


@staff_view(permissions.can_see)
def matter_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = MatterFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    queryset = ServiceMatter.objects.visible_to(user)
    if data.get("kind"):
        queryset = queryset.filter(kind=data["kind"])
    for name, field in (("commitment", "commitment_allowed"), ("published", "published")):
        wanted = yes_no(data.get(name))
        if wanted is not None:
            queryset = queryset.filter(**{field: wanted})
    queryset = (
        queryset.select_related("division")
        .defer(*LONG_TEXTS)
        .annotate(commitment_count=Count("commitments"))
        .order_by("code")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "services/matter_list.html",
        {
            **area(user),
            **list_context(form),
            "page": page,
            "commitment_list": yes_no(data.get("commitment")) is True,
        },
    )


@staff_view(permissions.can_manage)
def matter_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, MATTER_CREATE)


def _terms_initial(matter: ServiceMatter, today: datetime.date) -> dict[str, Any]:
    return {
        "commitment_allowed": matter.commitment_allowed,
        "excluded_reason": matter.excluded_reason,
        "proof_replaced": matter.proof_replaced,
        "verification_method": matter.verification_method,
        "verification_days": matter.verification_days,
        "day_kind": matter.verification_day_kind,
        "supervision_rules": matter.supervision_rules,
    }


def _context(user: Any, matter: ServiceMatter, today: datetime.date) -> dict[str, Any]:
    recent = list(matter.commitments.order_by("-signed_on", "-pk")[:10])
    return {"matter": matter, "recent": recent, "commitment_count": matter.commitments.count()}


MATTER = Kind(
    queryset=lambda user: ServiceMatter.objects.visible_to(user).select_related("division"),
    steps={
        "terms": Step(
            gettext_lazy("保存告知承诺制设置"),
            "#terms",
            CommitmentTermsForm,
            lambda m, u, d: actions.set_commitment_terms(m, actor=u, **_terms(d)),
            lambda m, today: True,
            TERMS_HINTS,
            initial=_terms_initial,
            done=lambda m: (
                _("已设置：该事项实行告知承诺制。")
                if m.commitment_allowed
                else _("已设置：该事项不实行告知承诺制。")
            ),
        ),
    },
    template="services/matter_detail.html",
    detail="services:matter_detail",
    context=_context,
)


@staff_view(permissions.can_see)
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, MATTER, pk)


@require_POST
@staff_view(permissions.can_manage)
def matter_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, MATTER, pk, action)
