"""A document's page, where every step of the lifecycle is taken (a refused step shows the page
again with the input kept), and the diff between two of its versions."""

from __future__ import annotations

import datetime

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.core import refusals
from fazhi.core.calendar import deadline_cache, stored_deadline
from fazhi.core.clock import today as local_today
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.documents import actions, permissions
from fazhi.documents.diff import diff_rows
from fazhi.documents.forms import CommentAnswerForm, StatusOnForm
from fazhi.documents.models import Filing, NormativeDocument, ValidityEvent
from fazhi.documents.validity import banner, status_on
from fazhi.documents.view_helpers import filings_visible_to, reviews_of, safe_deadline, timeline
from fazhi.documents.views.steps import STEPS, _commenter, _step_form, _window_open
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest


def _refused_forms(
    request: HttpRequest, document: NormativeDocument, today: datetime.date, names: list[str]
) -> tuple[dict[str, forms.Form], tuple[int, CommentAnswerForm] | None]:
    """The step refused just before (`core.refusals`): its form as it was filled in, with the
    reason next to the field; an opinion's answer form is `answer-<id>`."""
    refusal = refusals.take(request)
    if refusal is None:
        return {}, None
    if refusal.action.startswith("answer-"):
        comment_id = int(refusal.action.removeprefix("answer-") or 0)
        form = CommentAnswerForm(refusal.data, prefix=refusal.action)
        refusal.restore(form)
        return {}, (comment_id, form)
    return refusal.steps(names, lambda name, data: _step_form(name, document, today, data)), None


def _render_detail(
    request: HttpRequest,
    document: NormativeDocument,
    *,
    bound: dict[str, forms.Form] | None = None,
    answer: tuple[int, CommentAnswerForm] | None = None,
) -> HttpResponse:
    """The detail page; `bound` and `answer` are forms that failed, shown again as they were
    filled in with the reason next to the field."""
    user = request.user
    today = local_today()
    allowed = permissions.available_actions(user, document)
    step_names = [name for name in STEPS if name in allowed]
    if _window_open(document, today) and _commenter(user, document):
        step_names.insert(0, "comment")
    step_forms = {name: _step_form(name, document, today) for name in step_names}
    if bound is None and answer is None:
        bound, answer = _refused_forms(request, document, today, [*STEPS, "comment", "answer_correction"])
    step_forms.update(bound or {})
    correction = step_forms.pop("answer_correction", None)

    versions = list(document.versions.select_related("created_by").order_by("-number"))
    comments = list(document.comments.select_related("answered_by"))
    for comment in comments:
        form = None
        if answer is not None and answer[0] == comment.pk:
            form = answer[1]
        elif "answer_comments" in allowed and not comment.adoption:
            form = CommentAnswerForm(prefix=f"answer-{comment.pk}")
        comment.answer_form = form  # type: ignore[attr-defined]

    reviews = reviews_of(document)
    mark_openable(reviews, ReviewRequest.objects.visible_to(user))
    gate = review_gate(document, kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT) if reviews else None

    filing = Filing.objects.filter(document=document).select_related("due_rule", "authority").first()
    with deadline_cache():
        solicitation_minimum, solicitation_note = (None, "")
        if "open_solicitation" in step_forms:
            solicitation_minimum, solicitation_note = safe_deadline(
                today, actions.comment_rule_code(document)
            )
        filing_deadline, filing_note = (None, "")
        if filing is not None:
            filing_deadline = stored_deadline(document.published_on, filing.due_on, filing.due_rule)
        elif document.published_on:
            filing_deadline, filing_note = safe_deadline(document.published_on, "document.filing")
        evaluation, evaluation_note = (None, "")
        if document.expires_on:
            evaluation, evaluation_note = safe_deadline(
                document.expires_on, "document.evaluation_before_expiry"
            )
    validity_events = list(document.validity_events.select_related("by_document", "campaign"))
    status_form = StatusOnForm(request.GET if "on" in request.GET else None)
    status_answer = None
    if status_form.is_bound and status_form.is_valid():
        day = status_form.cleaned_data["on"]
        status_answer = (day, status_on(document, day, validity_events))

    context = {
        "document": document,
        "allowed": allowed,
        "forms": step_forms,
        "versions": versions,
        "current": versions[0] if versions else None,
        "comments": comments,
        "unanswered": sum(1 for c in comments if not c.adoption),
        "window_open": _window_open(document, today),
        "reviews": reviews,
        "gate": gate,
        "filing": filing,
        "filing_deadline": filing_deadline,
        "filing_note": filing_note,
        "filing_overdue": bool(
            filing is None and filing_deadline is not None and filing_deadline.due < today
        ),
        "can_see_filing": filing is not None and filings_visible_to(user).filter(pk=filing.pk).exists(),
        "correction_form": correction
        or (
            _step_form("answer_correction", document, today)
            if filing and permissions.can_answer_correction(user, filing)
            else None
        ),
        "solicitation_minimum": solicitation_minimum,
        "solicitation_note": solicitation_note,
        "comment_rule_deadline": stored_deadline(
            document.comment_opens_on, document.comment_closes_on, document.comment_rule
        ),
        "expiry": stored_deadline(document.effective_on, document.expires_on, document.validity_rule),
        "evaluation": evaluation,
        "evaluation_note": evaluation_note,
        "evaluated": [e for e in validity_events if e.kind == ValidityEvent.Kind.EVALUATED],
        "validity_events": validity_events,
        "banner": banner(document, today) if document.published_on else "",
        "validity_now": status_on(document, today, validity_events) if document.published_on else None,
        "status_form": status_form,
        "status_answer": status_answer,
        "events": timeline(document, filing),
        "today": today,
    }
    return render(request, "documents/detail.html", context)


def _get_document(request: HttpRequest, pk: int) -> NormativeDocument:
    queryset = NormativeDocument.objects.visible_to(request.user).select_related(
        "division", "agency", "created_by", "comment_rule", "validity_rule"
    )
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_see_documents)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_document(request, pk))


# ---------------------------------------------------------------------------------------------
# The version diff


def _version_number(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@staff_view(permissions.can_see_documents)
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side (?a=1&b=2; by default the latest against the one before)."""
    document = _get_document(request, pk)
    versions = {v.number: v for v in document.versions.select_related("created_by")}
    if not versions:
        raise Http404
    notes: list[str] = []
    latest = max(versions)
    b = _version_number(request.GET.get("b"))
    a = _version_number(request.GET.get("a"))
    if b not in versions:
        if request.GET.get("b"):
            notes.append(_("没有第 %(n)s 版，已改为最新版本。") % {"n": request.GET.get("b", "")[:10]})
        b = latest
    if a not in versions:
        if request.GET.get("a"):
            notes.append(_("没有第 %(n)s 版，已改为前一版本。") % {"n": request.GET.get("a", "")[:10]})
        a = max([n for n in versions if n < b], default=b)
    rows = diff_rows(versions[a].text, versions[b].text)
    changes_only = request.GET.get("changes") == "1"
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in ("insert", "delete", "replace")}
    return render(
        request,
        "documents/diff.html",
        {
            "document": document,
            "versions": sorted(versions.values(), key=lambda v: v.number),
            "old": versions[a],
            "new": versions[b],
            "rows": [r for r in rows if r.kind != "equal"] if changes_only else rows,
            "changes_only": changes_only,
            "counts": counts,
            "same": a == b,
            "notes": notes,
        },
    )
