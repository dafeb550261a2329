"""The citations to check after a new version of a law took effect: the list of those one is
asked to check (the register's keepers see all), and a flag's page with the check."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import refusals
from fazhi.core.agencies import agency_id_of
from fazhi.core.formfields import place_error
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.permissions import can_manage_laws
from fazhi.core.workflow import DomainError
from fazhi.legislation import actions, permissions
from fazhi.legislation.forms import CheckForm
from fazhi.legislation.models import CitationFlag
from fazhi.legislation.views._common import area
from fazhi.legislation.worklist import flags_for

PAGE_SIZE = 50


def visible_flags(user: Any) -> QuerySet[CitationFlag]:
    """The register's keepers see the rule-book rows' flags and every document flag of their own
    agency; others the flags they may check (their own agency's, by construction)."""
    if can_manage_laws(user):
        agency_id = agency_id_of(user)
        own = Q(agency_id=agency_id) if agency_id is not None else Q(pk__in=[])
        return CitationFlag.objects.filter(Q(agency__isnull=True) | own)
    scope = flags_for(user)
    return CitationFlag.objects.filter(scope) if scope is not None else CitationFlag.objects.none()


def subject_url(flag: CitationFlag) -> str:
    if flag.subject == CitationFlag.Subject.DOCUMENT:
        return reverse("documents:detail", args=[int(flag.subject_key)])
    return reverse("core:rule_detail", args=[flag.subject_key])


@staff_view(permissions.can_see_flags)
def flag_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", CitationFlag.Status.OPEN)
    queryset = visible_flags(request.user).select_related("version__law", "division")
    if status in CitationFlag.Status.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset.order_by("-created_at", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "legislation/flag_list.html",
        {**area(request.user), "page": page, "status": status, "statuses": CitationFlag.Status.choices},
    )


@staff_view(permissions.can_see_flags)
def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    flag = get_visible_or_404(
        visible_flags(user).select_related("version__law", "division", "owner", "checked_by"), pk=pk
    )
    may_check = permissions.can_check(user, flag) and flag.status == CitationFlag.Status.OPEN
    form = CheckForm(request.POST if request.method == "POST" else None)
    refused = refusals.bound_forms(request, {"check": CheckForm}) if may_check else {}
    form = refused.get("check", form)  # type: ignore[assignment]
    if request.method == "POST":
        if not may_check:
            raise Http404
        if form.is_valid():
            try:
                actions.check_flag(flag, actor=user, note=form.cleaned_data["note"])
            except DomainError as exc:
                place_error(form, (("核对结果", "note"),), str(exc))
            else:
                messages.success(request, _("已记录核对结果。"))
                return redirect("legislation:flag_detail", flag.pk)
        return refusals.refuse(request, form, action="check", to=request.path)
    previous = (
        flag.version.law.versions.filter(effective_on__lt=flag.version.effective_on)
        .order_by("-effective_on", "-pk")
        .first()
    )
    return render(
        request,
        "legislation/flag_detail.html",
        {
            **area(user),
            "flag": flag,
            "previous": previous,
            "subject_url": subject_url(flag),
            "form": form if may_check else None,
        },
    )
