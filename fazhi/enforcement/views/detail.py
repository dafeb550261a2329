"""A case's page, where every step is taken: a refused step shows the page again with the input
kept and the reason next to the field."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core import refusals
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.pages import next_steps
from fazhi.enforcement import permissions
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.view_helpers import (
    DEADLINE_RULES,
    PENDING_REVIEW,
    ReviewState,
    deadline_rows,
    heard,
    hearing_window_open,
    next_step,
    publicity_steps,
    records_with_files,
    reviews_of,
    timeline,
)
from fazhi.enforcement.views.instruments import rows as instrument_rows
from fazhi.enforcement.views.steps import HANDLE, STEPS, S, _area, _offered, _roles, _step_form
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest


def _decision_waits_for(case: EnforcementCase, today: datetime.date, gate: Any) -> list[str]:
    """What still stands before the decision, in the words of the rule (the action refuses a
    decision for the same reasons)."""
    if case.status != S.NOTIFIED:
        return []
    waits = []
    if case.hearing_requested_on and not case.hearing_held_on:
        waits.append(_("当事人已申请听证，听证举行前不得作出决定（《行政处罚法》第六十四条）"))
    elif hearing_window_open(case, today):
        assert case.hearing_request_due_on is not None
        waits.append(
            _(
                "当事人申请听证的期限至 %(d)s 届满，期满后（或当事人明确放弃后）方可决定（《行政处罚法》第六十四条）"
            )
            % {"d": date_text(case.hearing_request_due_on)}
        )
    elif not heard(case):
        waits.append(_("尚未记录当事人的陈述、申辩或放弃：作出决定前应当听取当事人的陈述、申辩"))
    if gate is not None and not gate.allowed:
        waits.append(gate.reason)
    return waits


def _render_detail(
    request: HttpRequest, case: EnforcementCase, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The case's page; `bound` holds a form that failed, shown again as it was filled in with
    the reason next to the field."""
    user: Any = request.user
    today = local_today()
    roles = _roles(user, case)
    reviews = reviews_of(case)
    mark_openable(reviews, ReviewRequest.objects.visible_to(user))
    gate = review_gate(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT) if case.is_major else None
    review = (
        ReviewState(cleared=gate.allowed, reviewing=any(r.status in PENDING_REVIEW for r in reviews))
        if gate is not None
        else None
    )
    step_forms: dict[str, forms.Form] = {
        name: _step_form(name, case, today)
        for name, step in STEPS.items()
        if step.who & roles and _offered(name, case, today, review)
    }
    if bound is None:
        bound = refusals.bound_steps(request, STEPS, lambda name, data: _step_form(name, case, today, data))
    step_forms.update(bound)
    officers = list(case.officers.select_related("user").order_by("certificate_number"))
    for officer in officers:
        officer.lapsed = officer.certificate_expires_on < today  # type: ignore[attr-defined]
    return render(
        request,
        "enforcement/detail.html",
        {
            **_area(user),
            "case": case,
            "forms": step_forms,
            "step_links": next_steps(step_forms, {name: step.label for name, step in STEPS.items()}),
            "steps": STEPS,
            "officers": officers,
            "late": case.overdue_steps(today),
            "next": next_step(case, today, review),
            "publicity": publicity_steps(case),
            "deadlines": deadline_rows(case),
            "reviews": reviews,
            "gate": gate,
            "decision_waits": _decision_waits_for(case, today, gate),
            "decision_overdue": bool(
                case.status == S.NOTIFIED and case.decision_due_on and today > case.decision_due_on
            ),
            "records": records_with_files(case),
            "instruments": instrument_rows(case, user),
            "events": timeline(case),
            "handles": HANDLE in roles,
            "today": today,
        },
    )


def _get_case(request: HttpRequest, pk: int) -> EnforcementCase:
    queryset = EnforcementCase.objects.visible_to(request.user).select_related(
        "division", "filed_by", "decided_by", *DEADLINE_RULES
    )
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_open_area)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_case(request, pk))
