"""The list of matters, the proposal form and the leadership's board of a year."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, Max, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.clock import today as local_today
from fazhi.core.http import staff_view
from fazhi.core.workflow import DomainError
from fazhi.decisions import actions, permissions
from fazhi.decisions.forms import BoardYearForm, DecisionFilterForm, ProposeForm
from fazhi.decisions.models import STEP_ORDER, MajorDecision
from fazhi.decisions.view_helpers import (
    archive_deadline,
    archive_on_time,
    next_step,
    overdue_notes,
    step_cells,
)
from fazhi.decisions.views.steps import _place_error

STEP_VALUES = {s.value for s in STEP_ORDER}


PAGE_SIZE = 25


def _filter_notes(form: forms.Form) -> list[str]:
    return [
        _("已忽略无效的筛选条件“%(label)s”：%(error)s")
        % {"label": form.fields[name].label, "error": " ".join(str(e) for e in errors)}
        for name, errors in form.errors.items()
        if name in form.fields
    ]


# ---------------------------------------------------------------------------------------------
# The list and the proposal


@staff_view(permissions.can_see_decisions)
def decision_list(request: HttpRequest) -> HttpResponse:
    """The matters the user may see, by year and stage, with what each waits for."""
    user = request.user
    form = DecisionFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    decisions = MajorDecision.objects.visible_to(user)
    if data.get("year"):
        decisions = decisions.filter(year=data["year"])
    if data.get("stage"):
        decisions = decisions.filter(stage=data["stage"])
    decisions = (
        decisions.select_related("lead_division", "consultation")
        .defer("legal_basis", "reason", "explanation", "decision_text", "consultation__draft_text")
        .order_by("-year", "pk")
    )
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    today = local_today()
    for decision in page:
        decision.next = next_step(decision, today)  # type: ignore[attr-defined]
        decision.late = overdue_notes(decision, today)  # type: ignore[attr-defined]
    return render(
        request,
        "decisions/list.html",
        {
            "page": page,
            "form": form,
            "notes": _filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "can_propose": permissions.can_propose(user),
            "can_see_board": permissions.can_see_board(user),
        },
    )


PROPOSE_HINTS = [
    ("决策事项", "title"),
    ("决策依据", "legal_basis"),
    ("列入理由", "reason"),
    ("计划完成", "planned_end"),
]


@staff_view(permissions.can_propose)
def propose(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = actions.propose_decision(
                actor=request.user,  # type: ignore[arg-type]
                year=data["year"],
                title=data["title"],
                legal_basis=data["legal_basis"],
                reason=data["reason"],
                planned_start=data["planned_start"],
                planned_end=data["planned_end"],
                waivers=form.waivers(),
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            _place_error(form, PROPOSE_HINTS, str(exc))
        else:
            messages.success(
                request,
                _("已提出《%(title)s》，待政策法规处编入 %(year)s 年度目录。")
                % {"title": decision.title, "year": decision.year},
            )
            return redirect("decisions:detail", pk=decision.pk)
    return render(request, "decisions/propose.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# The board


def _board_years(today: datetime.date) -> list[int]:
    years = set(MajorDecision.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years | {today.year}, reverse=True)


@staff_view(permissions.can_see_board)
def board(request: HttpRequest) -> HttpResponse:
    """Every matter of a year and the procedure it is at, with publication, archive and
    tracking; what is late is marked in red and in words. A fixed number of queries: the years,
    then the matters with their division, consultation, archive rule and report counts."""
    today = local_today()
    form = BoardYearForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    year = year or today.year
    decisions = list(
        MajorDecision.objects.visible_to(request.user)
        .filter(year=year)
        .select_related("lead_division", "consultation", "archive_rule")
        .defer(
            "legal_basis", "reason", "draft_text", "explanation", "decision_text", "consultation__draft_text"
        )
        .annotate(
            report_count=Count("execution_reports", distinct=True),
            last_report_on=Max("execution_reports__reported_on"),
            evaluation_count=Count("evaluations", distinct=True),
            # Read with the matters, so that the deferred text is never fetched per row.
            has_draft=Case(When(draft_text__regex=r"\S", then=Value(True)), default=Value(False)),
        )
        .order_by("lead_division__sort_order", "lead_division__name", "pk")
    )
    rows = []
    for decision in decisions:
        late = overdue_notes(decision, today)
        rows.append(
            {
                "decision": decision,
                "cells": step_cells(decision),
                "next": next_step(decision, today),
                "late": late,
                "archive_deadline": archive_deadline(decision),
                "archive_on_time": archive_on_time(decision),
                "at_procedure": decision.stage in STEP_VALUES,
            }
        )
    return render(
        request,
        "decisions/board.html",
        {
            "rows": rows,
            "year": year,
            "years": _board_years(today),
            "notes": _filter_notes(form),
            "steps": [s.label for s in STEP_ORDER],
            "late_count": sum(1 for r in rows if r["late"]),
            "today": today,
        },
    )
