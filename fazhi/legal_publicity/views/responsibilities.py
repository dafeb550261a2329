"""The yearly responsibility list (普法责任清单, 谁执法谁普法): the list by year and division,
adding an item (the legal affairs division), and an item's page with the activities that carry
it out and the form by which its division reports it done."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_of
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.workflow import DomainError
from fazhi.legal_publicity import actions, permissions
from fazhi.legal_publicity.forms import CompleteForm, ResponsibilityFilterForm, ResponsibilityForm
from fazhi.legal_publicity.models import ResponsibilityItem
from fazhi.legal_publicity.view_helpers import (
    PAGE_SIZE,
    filter_notes,
    mark_standing,
    place_error,
    with_activity_counts,
)
from fazhi.legal_publicity.views._common import CreatePage, area, create_page

COMPLETE_HINTS = (("完成情况评价", "evaluation"),)

RESPONSIBILITY_CREATE = CreatePage(
    title=gettext_lazy("添加普法责任清单事项"),
    lead=gettext_lazy(
        "按“谁执法谁普法”的要求，逐项列明责任处室、普法内容、普法对象、工作标准和完成时限（中办发〔2017〕31号）。完成时限按清单规定录入。"
    ),
    form=lambda request, data: ResponsibilityForm(
        data, initial={"year": local_today().year}, agency=agency_of(request.user)
    ),
    run=lambda user, d: actions.add_responsibility(actor=user, **d),
    hints=(
        ("年度", "year"),
        ("处室", "division"),
        ("普法内容", "content"),
        ("普法对象", "audience"),
        ("工作标准", "standard"),
        ("完成时限", "due_on"),
    ),
    section="responsibilities",
    back="legal_publicity:responsibilities",
    done=lambda item: (
        _("已添加 %(y)s 年普法责任清单事项：%(d)s，完成时限 %(due)s。")
        % {"y": item.year, "d": item.division.name, "due": date_text(item.due_on)}
    ),
    after=lambda item: reverse("legal_publicity:responsibility_detail", args=[item.pk]),
)


@staff_view(permissions.can_open_area)
def responsibility_list(request: HttpRequest) -> HttpResponse:
    """The list by year, division and completion (overdue: not done and past the time limit)."""
    user: Any = request.user
    today = local_today()
    form = ResponsibilityFilterForm(request.GET, agency=agency_of(user))
    form.is_valid()
    data = form.cleaned_data
    queryset: QuerySet[ResponsibilityItem] = ResponsibilityItem.objects.visible_to(user)
    if data.get("year"):
        queryset = queryset.filter(year=data["year"])
    if data.get("division"):
        queryset = queryset.filter(division=data["division"])
    status = data.get("status")
    if status == "open":
        queryset = queryset.filter(done_on__isnull=True)
    elif status == "overdue":
        queryset = queryset.filter(done_on__isnull=True, due_on__lt=today)
    elif status == "done":
        queryset = queryset.filter(done_on__isnull=False)
    queryset = with_activity_counts(queryset).defer("standard", "evaluation")
    page = Paginator(
        queryset.order_by("-year", "division__sort_order", "division_id", "due_on", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    mark_standing(page.object_list, today)  # type: ignore[arg-type]
    return render(
        request,
        "legal_publicity/responsibility_list.html",
        {
            **area(user),
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "page": page,
        },
    )


@staff_view(permissions.can_manage)
def responsibility_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, RESPONSIBILITY_CREATE)


def _item(user: Any, pk: int) -> ResponsibilityItem:
    return get_visible_or_404(
        ResponsibilityItem.objects.visible_to(user).select_related("division", "created_by"), pk=pk
    )


def _render_detail(
    request: HttpRequest, item: ResponsibilityItem, today: datetime.date, form: forms.Form | None = None
) -> HttpResponse:
    user: Any = request.user
    own = permissions.can_record_for(user, item.division_id)
    if form is None and own and item.done_on is None:
        refused = refusals.bound_forms(
            request, {"complete": lambda data: CompleteForm(data, prefix="complete")}
        )
        form = refused.get("complete") or CompleteForm(prefix="complete")
    mark_standing([item], today)
    return render(
        request,
        "legal_publicity/responsibility_detail.html",
        {
            **area(user),
            "item": item,
            "activities": list(item.activities.select_related("division").order_by("-held_on", "-pk")),
            "complete_form": form,
            "can_record_here": own,
            "today": today,
        },
    )


@staff_view(permissions.can_open_area)
def responsibility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _item(request.user, pk), local_today())


@require_POST
@staff_view(permissions.can_open_area)
def responsibility_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Its division (or the legal affairs division) reports the item done, with an evaluation;
    the action refuses while no activity is recorded against it."""
    user: Any = request.user
    item = _item(user, pk)
    if not permissions.can_record_for(user, item.division_id):
        raise Http404
    form = CompleteForm(request.POST, prefix="complete")
    page = reverse("legal_publicity:responsibility_detail", args=[item.pk]) + "#complete"
    if not form.is_valid():
        return refusals.refuse(request, form, action="complete", to=page)
    try:
        actions.complete_responsibility(item, actor=user, evaluation=form.cleaned_data["evaluation"])
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        # The action changed nothing; the page shows the refusal with the input kept.
        place_error(form, COMPLETE_HINTS, str(exc))
        return refusals.refuse(request, form, action="complete", to=page, message=str(exc))
    messages.success(request, _("已完成该普法责任清单事项。"))
    return redirect(reverse("legal_publicity:responsibility_detail", args=[item.pk]) + "#complete")
