from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core import permissions
from fazhi.core.forms import IssueNumberForm, SeriesForm, series_of
from fazhi.core.http import StaffRequest, staff_view
from fazhi.core.models import IssuedNumber
from fazhi.core.numbering import create_series, issue_number
from fazhi.core.workflow import DomainError


@staff_view(permissions.can_view_numbering)
def numbering_index(request: StaffRequest) -> HttpResponse:
    """The register of numbers (登记簿): every series, its yearly counts, the latest numbers."""
    issue_form = IssueNumberForm(prefix="issue", user=request.user)
    series_form = SeriesForm(prefix="series", user=request.user)
    if request.method == "POST" and "issue-series" in request.POST:
        issue_form = IssueNumberForm(request.POST, prefix="issue", user=request.user)
        if issue_form.is_valid():
            data = issue_form.cleaned_data
            try:
                issued = issue_number(
                    data["series"], year=data["year"], actor=request.user, title=data["title"]
                )
            except DomainError as exc:
                issue_form.add_error(None, str(exc))
            else:
                messages.success(request, _("已编号：%(number)s") % {"number": issued.number})
                return redirect("core:numbering")
    elif request.method == "POST" and "series-code" in request.POST:
        if not permissions.is_system_admin(request.user):
            raise Http404
        series_form = SeriesForm(request.POST, prefix="series", user=request.user)
        if series_form.is_valid():
            data = series_form.cleaned_data
            try:
                create_series(
                    data["organization"], kind=data["kind"], prefix=data["code"], actor=request.user
                )
            except DomainError as exc:
                series_form.add_error("code", str(exc))
            else:
                messages.success(request, _("已新增文号序列"))
                return redirect("core:numbering")
    # Issue 12: the register of the user's own department.
    series = series_of(request.user).annotate(issued_count=Count("issued"), last_year=Max("issued__year"))
    recent = (
        IssuedNumber.objects.filter(series__in=series_of(request.user))
        .select_related("series", "issued_by")
        .order_by("-issued_at", "-pk")[:50]
    )
    return render(
        request,
        "core/numbering.html",
        {
            "series": series,
            "recent": recent,
            "issue_form": issue_form,
            "series_form": series_form,
            "can_create_series": permissions.is_system_admin(request.user),
        },
    )
