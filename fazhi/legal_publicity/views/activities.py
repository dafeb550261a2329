"""Legal-publicity activities (普法活动): the list by year, form, audience and division,
recording one (a division its own, the legal affairs division any division's), and an
activity's page with its materials attached."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.agencies import agency_of
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.legal_publicity import actions, permissions
from fazhi.legal_publicity.forms import ActivityFilterForm, ActivityForm
from fazhi.legal_publicity.models import Activity, ResponsibilityItem
from fazhi.legal_publicity.view_helpers import PAGE_SIZE, can_record, filter_notes
from fazhi.legal_publicity.views._common import CreatePage, area, create_page


def _activity_form(request: HttpRequest, data: Any) -> ActivityForm:
    """The form; opened from a list item's page (?responsibility=<id>), it starts from that
    item and its division."""
    user: Any = request.user
    today = local_today()
    initial: dict[str, Any] = {"held_on": today}
    wanted = request.GET.get("responsibility", "")
    if data is None and wanted.isdigit():
        item = ResponsibilityItem.objects.visible_to(user).filter(pk=int(wanted)).first()
        if item is not None and permissions.can_record_for(user, item.division_id):
            initial.update(responsibility=item.pk, division=item.division_id)
    return ActivityForm(data, user=user, today=today, initial=initial)


ACTIVITY_CREATE = CreatePage(
    title=gettext_lazy("记录普法活动"),
    lead=gettext_lazy(
        "记录本处室开展的普法活动：形式、对象、宣传的法律法规和覆盖人次。以案释法的，写明所释案例；落实普法责任清单事项的，选择该事项。宣传资料、课件和照片在保存后作为附件上传。"
    ),
    form=_activity_form,
    run=lambda user, d: actions.record_activity(actor=user, **d),
    hints=(
        ("活动日期", "held_on"),
        ("所释案例", "case_used"),
        ("责任清单事项", "responsibility"),
        ("处室", "division"),
        ("活动形式", "kind"),
        ("活动对象", "audience"),
        ("覆盖人次", "reach"),
        ("活动名称", "title"),
        ("宣传的法律法规", "laws"),
    ),
    section="activities",
    back="legal_publicity:activities",
    done=lambda a: _("已记录普法活动：%(t)s。可上传宣传资料、课件或照片。") % {"t": a.title},
    after=lambda a: reverse("legal_publicity:activity_detail", args=[a.pk]) + "#attachments",
)


@staff_view(permissions.can_open_area)
def activity_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = ActivityFilterForm(request.GET, agency=agency_of(user))
    form.is_valid()
    data = form.cleaned_data
    queryset = Activity.objects.visible_to(user)
    if data.get("year"):
        queryset = queryset.filter(held_on__year=data["year"])
    for name in ("kind", "audience", "division"):
        if data.get(name):
            queryset = queryset.filter(**{name: data[name]})
    queryset = queryset.select_related("division").defer("case_used").order_by("-held_on", "-pk")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "legal_publicity/activity_list.html",
        {
            **area(user),
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "page": page,
        },
    )


@staff_view(can_record)
def activity_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, ACTIVITY_CREATE)


@staff_view(permissions.can_open_area)
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    activity = get_visible_or_404(
        Activity.objects.visible_to(user).select_related("division", "responsibility", "created_by"), pk=pk
    )
    return render(request, "legal_publicity/activity_detail.html", {**area(user), "activity": activity})
