"""The list of cases and the filing form (立案)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.http import staff_view
from fazhi.core.models import Inspector
from fazhi.core.workflow import DomainError
from fazhi.enforcement import actions, permissions
from fazhi.enforcement.forms import CaseFilterForm, FileCaseForm
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.view_helpers import (
    DEADLINE_RULES,
    LONG_TEXTS,
    PAGE_SIZE,
    filter_notes,
    next_step,
    place_error,
    publicity_steps,
    review_states,
)
from fazhi.enforcement.views.steps import TRY_AGAIN, _area

# ---------------------------------------------------------------------------------------------
# The list


@staff_view(permissions.can_open_area)
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user may see, newest first, by status and year of filing, with the next
    step, its deadline and what is late. A fixed number of queries whatever the page holds."""
    user: Any = request.user
    form = CaseFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    cases = EnforcementCase.objects.visible_to(user)
    if data.get("status"):
        cases = cases.filter(status=data["status"])
    if data.get("year"):
        cases = cases.filter(filed_on__year=data["year"])
    cases = (
        cases.select_related("division", *DEADLINE_RULES)
        .prefetch_related(Prefetch("officers", queryset=Inspector.objects.order_by("certificate_number")))
        .defer(*LONG_TEXTS)
        .order_by("-filed_on", "-pk")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    states = review_states(page)
    for case in page:
        case.next = next_step(case, today, states.get(case.pk))  # type: ignore[attr-defined]
        case.publicity = publicity_steps(case)  # type: ignore[attr-defined]
        case.late = case.overdue_steps(today)  # type: ignore[attr-defined]
    return render(
        request,
        "enforcement/list.html",
        {
            **_area(user),
            "page": page,
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "today": today,
        },
    )


# ---------------------------------------------------------------------------------------------
# Filing

# Words of a refusal → the field it concerns (the first match wins: the more specific first).
FILE_HINTS = [
    ("第四十二条", "officers"),
    ("执法人员", "officers"),
    ("违法行为终了之日", "violation_ended_on"),
    ("违法行为发生之日", "violation_occurred_on"),
    ("第三十六条", "violation_occurred_on"),
    ("发现之日", "discovered_on"),
    ("执法类别", "category"),
    ("当事人类型", "party_kind"),
    ("证件号码", "party_code"),
    ("统一社会信用代码", "party_code"),
    ("案件来源", "facts"),
    ("案由", "title"),
    ("当事人", "party_name"),
    ("情形", "major_grounds"),
]


@staff_view(permissions.can_file)
def case_create(request: HttpRequest) -> HttpResponse:
    """立案: the case with its officers; the 90 days for the decision start today."""
    user: Any = request.user
    today = local_today()
    form = FileCaseForm(
        request.POST if request.method == "POST" else None, today=today, agency_id=agency_id_of(request.user)
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = actions.file_case(
                    actor=user,
                    title=data["title"],
                    category=data["category"],
                    party_name=data["party_name"],
                    party_kind=data["party_kind"],
                    party_code=data["party_code"],
                    facts=data["facts"],
                    officers=list(data["officers"]),
                    discovered_on=data["discovered_on"],
                    violation_occurred_on=data["violation_occurred_on"],
                    continuing_act=data["continuing_act"],
                    violation_ended_on=data["violation_ended_on"],
                    grave_harm=data["grave_harm"],
                    major_grounds=data["major_grounds"],
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, FILE_HINTS, str(exc))
            else:
                messages.success(
                    request,
                    _("已立案，案件编号 %(code)s；应于 %(d)s 前作出决定。")
                    % {"code": case.code, "d": date_text(case.decision_due_on)},
                )
                return redirect("enforcement:detail", pk=case.pk)
        messages.error(request, TRY_AGAIN)
    return render(request, "enforcement/create.html", {**_area(user), "form": form, "today": today})
