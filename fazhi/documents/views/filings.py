"""The filing pages: the Justice Bureau's list and the filing package with its decision, the
agency's answer to a deferral, and the year's filing figures (报备率、及时率、规范率)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_of
from fazhi.core.calendar import deadline_cache, stored_deadline
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.workflow import DomainError
from fazhi.documents import actions, permissions
from fazhi.documents.forms import CorrectionForm, FilingDecisionForm, FilingFilterForm
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.stats import filing_stats, scope_of
from fazhi.documents.view_helpers import (
    PAGE_SIZE,
    filings_visible_to,
    filter_notes,
    is_leadership,
    place_error,
    safe_deadline,
    timeline,
)
from fazhi.reviews.models import ReviewRequest

S = NormativeDocument.Status


# ---------------------------------------------------------------------------------------------
# Filing with the Justice Bureau


def _late_days(filing: Filing) -> int:
    if filing.due_on is None:  # pending: decided once the calendar year is entered
        return 0
    return max((filing.submitted_on - filing.due_on).days, 0)


@staff_view(permissions.can_see_filings)
def filing_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = FilingFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    filings = filings_visible_to(user)
    if data.get("status"):
        filings = filings.filter(status=data["status"])
    if data.get("year"):
        filings = filings.filter(submitted_on__year=data["year"])
    filings = filings.select_related("document", "document__agency", "due_rule").order_by(
        "-submitted_on", "-pk"
    )
    page = Paginator(filings, PAGE_SIZE).get_page(request.GET.get("page"))
    for filing in page:
        filing.late_days = _late_days(filing)  # type: ignore[attr-defined]
    unfiled: list[tuple[NormativeDocument, Any]] = []
    if permissions.can_issue(user) and user.organization_id:
        waiting = NormativeDocument.objects.filter(
            agency=user.organization.agency, status=S.PUBLISHED, filing__isnull=True
        ).order_by("published_on", "pk")
        with deadline_cache():
            unfiled = [(d, safe_deadline(d.published_on, "document.filing")[0]) for d in waiting[:100]]  # type: ignore[arg-type]
    return render(
        request,
        "documents/filing_list.html",
        {
            "page": page,
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in form.fields),
            "every_agency": permissions.can_review_filings(user),
            "unfiled": unfiled,
            "today": local_today(),
        },
    )


def _filing_for(request: HttpRequest, pk: int) -> Filing:
    queryset = filings_visible_to(request.user).select_related(
        "document",
        "document__agency",
        "document__division",
        "authority",
        "due_rule",
        "submitted_by",
        "decided_by",
    )
    return get_visible_or_404(queryset, pk=pk)


def _filing_review(document: NormativeDocument) -> ReviewRequest | None:
    """The concluded legality review sent with the filing (the latest, as file_document takes)."""
    content_type = ContentType.objects.get_for_model(NormativeDocument)
    return (
        ReviewRequest.objects.filter(
            agency_id=document.agency_id,
            subject_type=content_type,
            subject_id=str(document.pk),
            status__in=[ReviewRequest.Status.CONCLUDED, ReviewRequest.Status.CLOSED],
        )
        .select_related("concluded_by")
        .order_by("-pk")
        .first()
    )


def _render_filing(
    request: HttpRequest,
    filing: Filing,
    *,
    decision: FilingDecisionForm | None = None,
    correction: CorrectionForm | None = None,
) -> HttpResponse:
    user = request.user
    document = filing.document
    review = _filing_review(document)
    opinions = list(review.opinions.order_by("number")) if review else []
    can_decide = permissions.can_decide_filing(user, filing)
    can_correct = permissions.can_answer_correction(user, filing)
    if decision is None and correction is None:
        refused = refusals.bound_forms(
            request,
            {
                "decide": lambda data: FilingDecisionForm(data, prefix="decision"),
                "answer_correction": lambda data: CorrectionForm(data, prefix="correction"),
            },
        )
        decision = refused.get("decide") if can_decide else None  # type: ignore[assignment]
        correction = refused.get("answer_correction") if can_correct else None  # type: ignore[assignment]
    return render(
        request,
        "documents/filing_detail.html",
        {
            "filing": filing,
            "document": document,
            "review": review,
            "opinions": opinions,
            "review_visible": bool(
                review and ReviewRequest.objects.visible_to(user).filter(pk=review.pk).exists()
            ),
            "document_visible": permissions.can_see_documents(user),
            "deadline": stored_deadline(document.published_on, filing.due_on, filing.due_rule),
            "late_days": _late_days(filing),
            "decision_form": decision or (FilingDecisionForm(prefix="decision") if can_decide else None),
            "correction_form": correction or (CorrectionForm(prefix="correction") if can_correct else None),
            "events": timeline(document, filing),
        },
    )


@staff_view(permissions.can_see_filings)
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_filing(request, _filing_for(request, pk))


FILING_STEPS = {
    "decide": (actions.FILING_TRANSITIONS["filed"].sources, gettext_lazy("作出备案审查结论")),
    "answer_correction": (actions.FILING_TRANSITIONS["corrected"].sources, gettext_lazy("报送纠正情况")),
}


@require_POST
@staff_view(permissions.can_see_filings)
def filing_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The Justice Bureau's decision, or the legal affairs division's answer to a deferral (the
    drafting division answers from the document page). A refused step shows the page again with
    the input kept and the reason next to the field."""
    if action not in FILING_STEPS:
        raise Http404
    user: Any = request.user
    filing = _filing_for(request, pk)
    may = permissions.can_review_filings(user) if action == "decide" else permissions.can_issue(user)
    if not may:
        raise Http404
    states, label = FILING_STEPS[action]
    if filing.status not in states:
        messages.error(
            request,
            _("当前状态为“%(status)s”，不能%(action)s")
            % {"status": filing.get_status_display(), "action": label},
        )
        return redirect("documents:filing_detail", pk=filing.pk)
    form: forms.Form
    if action == "decide":
        form = FilingDecisionForm(request.POST, prefix="decision")
    else:
        form = CorrectionForm(request.POST, prefix="correction")
    if form.is_valid():
        try:
            if action == "decide":
                actions.decide_filing(
                    filing,
                    actor=user,
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                    correction_request=form.cleaned_data["correction_request"],
                )
            else:
                actions.answer_correction(filing, actor=user, answer=form.cleaned_data["answer"])
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            hints = [("理由", "note"), ("纠正要求", "correction_request"), ("纠正情况", "answer")]
            place_error(form, hints, str(exc))
        else:
            filing.refresh_from_db(fields=["status"])
            if action == "decide":
                messages.success(request, _("已作出审查结论：%(s)s。") % {"s": filing.get_status_display()})
            else:
                messages.success(request, _("已报送纠正情况，等待司法局复审。"))
            return redirect("documents:filing_detail", pk=filing.pk)
    return refusals.refuse(
        request, form, action=action, to=reverse("documents:filing_detail", args=[filing.pk])
    )


# ---------------------------------------------------------------------------------------------
# Filing figures


def _can_see_stats(user: Any) -> bool:
    return permissions.can_see_filings(user) or is_leadership(user)


def _percent(rate: Any) -> str | None:
    return None if rate is None else f"{rate * 100:.1f}%"


PALETTE = ["#b4161b", "#0b4f9c", "#1e6b34"]


@staff_view(_can_see_stats)
def stats_page(request: HttpRequest) -> HttpResponse:
    """报备率、及时率、规范率 of a year, with every year that has data in a table and a chart."""
    today = local_today()
    agency = agency_of(request.user)
    documents, _filings = scope_of(agency)
    years = sorted(
        {
            d.year
            for d in NormativeDocument.objects.published().filter(documents).dates("published_on", "year")
        },
        reverse=True,
    )
    fallback = years[0] if years else today.year
    raw = request.GET.get("year", "").strip()
    notes: list[str] = []
    year: int | None = None
    if raw:
        try:
            year = int(raw)
        except ValueError:
            year = None
        if year is None or not 2000 <= year <= 2999:
            notes.append(
                _("“%(value)s”不是有效的年份，已显示 %(year)s 年的统计。")
                % {"value": raw[:20], "year": fallback}
            )
            year = None
    if year is None:
        year = fallback
    current = filing_stats(year, agency)
    rows = [filing_stats(y, agency) for y in years]
    ascending = list(reversed(rows))
    chart = {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 48, "right": 24, "top": 40, "bottom": 32},
        "xAxis": {"type": "category", "data": [str(r.year) for r in ascending]},
        "yAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "series": [
            {
                "name": name,
                "type": "line",
                "data": [
                    None if getattr(r, key) is None else round(float(getattr(r, key)) * 100, 1)
                    for r in ascending
                ],
            }
            for name, key in (
                (_("报备率"), "filing_rate"),
                (_("及时率"), "timeliness_rate"),
                (_("规范率"), "conformity_rate"),
            )
        ],
    }
    return render(
        request,
        "documents/stats.html",
        {
            "year": year,
            "choices": sorted(set(years) | {year, today.year}, reverse=True),
            "notes": notes,
            "stats": current,
            "rates": {
                "filing": _percent(current.filing_rate),
                "timeliness": _percent(current.timeliness_rate),
                "conformity": _percent(current.conformity_rate),
            },
            "rows": [
                {
                    "stats": r,
                    "filing": _percent(r.filing_rate),
                    "timeliness": _percent(r.timeliness_rate),
                    "conformity": _percent(r.conformity_rate),
                }
                for r in rows
            ],
            "chart": chart,
        },
    )
