"""The overview of reconsideration, litigation and mediation with the year's figures and
what is open, and the lists (each with the step it waits for, its deadline and what is late)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.disputes import permissions
from fazhi.disputes.forms import (
    ListFilterForm,
)
from fazhi.disputes.models import CourtObservation, DisputeScreening, Litigation, Mediation, Reconsideration
from fazhi.disputes.stats import dispute_figures
from fazhi.disputes.view_helpers import (
    LITIGATION_LONG,
    LITIGATION_RULES,
    MEDIATION_LONG,
    OPEN_LITIGATION,
    OPEN_MEDIATION,
    OPEN_RECONSIDERATION,
    PAGE_SIZE,
    RECONSIDERATION_LONG,
    RECONSIDERATION_RULES,
    filter_notes,
    litigation_steps,
    mediation_step,
    reconsideration_steps,
    year_from,
)
from fazhi.disputes.views._common import L, M, R, area

OPEN = "open"  # the list filter for what is not yet finished
OVERVIEW_LIMIT = 50


# ---------------------------------------------------------------------------------------------
# The overview


@staff_view(permissions.can_see)
def index(request: HttpRequest) -> HttpResponse:
    """The year's figures, and every open reconsideration, lawsuit and mediation with what it
    waits for, by when, and what is late."""
    user: Any = request.user
    today = local_today()
    year, notes = year_from(request.GET.get("year", ""), today.year)
    years = (
        {d.year for d in Reconsideration.objects.visible_to(user).dates("received_on", "year")}
        | {d.year for d in Litigation.objects.visible_to(user).dates("complaint_received_on", "year")}
        | {d.year for d in Mediation.objects.visible_to(user).dates("requested_on", "year")}
    )
    reconsiderations = list(
        Reconsideration.objects.visible_to(user)
        .filter(OPEN_RECONSIDERATION)
        .select_related(*RECONSIDERATION_RULES)
        .defer(*RECONSIDERATION_LONG)
        .order_by("received_on", "pk")[:OVERVIEW_LIMIT]
    )
    for case in reconsiderations:
        case.next_steps = reconsideration_steps(case, today)  # type: ignore[attr-defined]
        case.late = case.overdue_steps(today)  # type: ignore[attr-defined]
    litigations = list(
        Litigation.objects.visible_to(user)
        .filter(OPEN_LITIGATION)
        .select_related("head", *LITIGATION_RULES)
        .defer(*LITIGATION_LONG)
        .order_by("complaint_received_on", "pk")[:OVERVIEW_LIMIT]
    )
    for lawsuit in litigations:
        lawsuit.next_steps = litigation_steps(lawsuit, today)  # type: ignore[attr-defined]
        lawsuit.late = lawsuit.overdue_steps(today)  # type: ignore[attr-defined]
    mediations = list(
        Mediation.objects.visible_to(user)
        .filter(OPEN_MEDIATION)
        .defer(*MEDIATION_LONG)
        .order_by("requested_on", "pk")[:OVERVIEW_LIMIT]
    )
    for mediation in mediations:
        mediation.next = mediation_step(mediation)  # type: ignore[attr-defined]
    figures = dispute_figures(year, agency_id_of(request.user) or 0)
    rate = figures.head_appearance_rate
    return render(
        request,
        "disputes/index.html",
        {
            **area(user),
            "year": year,
            "choices": sorted(years | {year, today.year}, reverse=True),
            "notes": notes,
            "figures": figures,
            "head_rate": None if rate is None else f"{rate * 100:.1f}%",
            "reconsiderations": reconsiderations,
            "litigations": litigations,
            "mediations": mediations,
            "limit": OVERVIEW_LIMIT,
            "today": today,
        },
    )


# ---------------------------------------------------------------------------------------------
# Lists


def _filtered(
    request: HttpRequest, queryset: QuerySet[Any], statuses: Any, open_q: Any, date_field: str
) -> tuple[QuerySet[Any], dict[str, Any]]:
    """Filter by status ("open" for what is not finished) and year, from the query string."""
    form = ListFilterForm(request.GET, statuses=[(OPEN, _("未办结")), *statuses])
    form.is_valid()
    data = form.cleaned_data
    if data.get("status") == OPEN:
        queryset = queryset.filter(open_q)
    elif data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("year"):
        queryset = queryset.filter(**{f"{date_field}__year": data["year"]})
    return queryset, {
        "form": form,
        "notes": filter_notes(form),
        "filtered": any(form.data.get(name) for name in form.fields),
    }


@staff_view(permissions.can_see)
def reconsideration_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset, filters = _filtered(
        request, Reconsideration.objects.visible_to(user), R.choices, OPEN_RECONSIDERATION, "received_on"
    )
    queryset = queryset.select_related("division", "enforcement_case", *RECONSIDERATION_RULES).defer(
        *RECONSIDERATION_LONG
    )
    page = Paginator(queryset.order_by("-received_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    for case in page:
        case.next_steps = reconsideration_steps(case, today)  # type: ignore[attr-defined]
        case.late = case.overdue_steps(today)  # type: ignore[attr-defined]
    return render(
        request,
        "disputes/reconsideration_list.html",
        {**area(user), **filters, "page": page, "today": today},
    )


@staff_view(permissions.can_see)
def litigation_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset, filters = _filtered(
        request, Litigation.objects.visible_to(user), L.choices, OPEN_LITIGATION, "complaint_received_on"
    )
    queryset = queryset.select_related("division", "head", "enforcement_case", *LITIGATION_RULES).defer(
        *LITIGATION_LONG
    )
    page = Paginator(queryset.order_by("-complaint_received_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = local_today()
    for lawsuit in page:
        lawsuit.next_steps = litigation_steps(lawsuit, today)  # type: ignore[attr-defined]
        lawsuit.late = lawsuit.overdue_steps(today)  # type: ignore[attr-defined]
    return render(
        request, "disputes/litigation_list.html", {**area(user), **filters, "page": page, "today": today}
    )


@staff_view(permissions.can_see)
def mediation_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset, filters = _filtered(
        request, Mediation.objects.visible_to(user), M.choices, OPEN_MEDIATION, "requested_on"
    )
    queryset = queryset.select_related("division").defer(*MEDIATION_LONG)
    page = Paginator(queryset.order_by("-requested_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    for mediation in page:
        mediation.next = mediation_step(mediation)  # type: ignore[attr-defined]
    return render(request, "disputes/mediation_list.html", {**area(user), **filters, "page": page})


@staff_view(permissions.can_see)
def observation_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset = (
        CourtObservation.objects.visible_to(user).select_related("created_by").order_by("-held_on", "-pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disputes/observation_list.html", {**area(user), "page": page})


@staff_view(permissions.can_see)
def screening_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queryset = (
        DisputeScreening.objects.visible_to(user)
        .select_related("division", "created_by")
        .order_by("-screened_on", "-pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "disputes/screening_list.html", {**area(user), "page": page})
