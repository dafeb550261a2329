"""A matter's page, where every procedure is run (a refused step shows the page again with the
input kept and the reason next to the field), and its archive package."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from fazhi.core import refusals
from fazhi.core.calendar import CalendarNotCovered, compute_deadline, deadline_cache
from fazhi.core.clock import today as local_today
from fazhi.core.deadlines import earliest_due
from fazhi.core.formats import cn_date
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.pages import next_steps
from fazhi.core.workflow import DomainError
from fazhi.decisions import actions, archive, permissions
from fazhi.decisions.forms import CommentAnswerForm, DuplicateForm
from fazhi.decisions.models import STEP_ORDER, Consultation, DecisionComment, MajorDecision, Step
from fazhi.decisions.view_helpers import (
    archive_deadline,
    archive_on_time,
    consultation_deadline,
    next_step,
    overdue_notes,
    step_cells,
    timeline,
)
from fazhi.decisions.views.steps import ACTIONS, AFTER_MEETING, Context, _offered, _refused, _step_form
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest


def _comment_forms(
    comments: list[DecisionComment],
    *,
    active: bool,
    bound: tuple[str, int, forms.Form] | None,
) -> None:
    """Number the comments, group duplicates under the comment they repeat, and attach the
    answer and grouping forms (the one that failed, bound, in its place)."""
    numbers = {c.pk: n for n, c in enumerate(comments, start=1)}
    primaries = [c for c in comments if c.duplicate_of_id is None]
    grouped: dict[int, list[DecisionComment]] = {c.pk: [] for c in primaries}
    for comment in comments:
        comment.number = numbers[comment.pk]  # type: ignore[attr-defined]
        if comment.duplicate_of_id is not None and comment.duplicate_of_id in grouped:
            grouped[comment.duplicate_of_id].append(comment)
    for comment in comments:
        comment.repeats = grouped.get(comment.pk, [])  # type: ignore[attr-defined]
        comment.primary_number = numbers.get(comment.duplicate_of_id or 0)  # type: ignore[attr-defined]
        answer_form: forms.Form | None = None
        duplicate_form: forms.Form | None = None
        if active and comment.duplicate_of_id is None:
            if not comment.adoption:
                answer_form = CommentAnswerForm(prefix=f"answer-{comment.pk}")
            if not comment.repeats:  # type: ignore[attr-defined]
                choices = [
                    (c.pk, _("意见 %(n)s：%(t)s") % {"n": numbers[c.pk], "t": c.text[:30]})
                    for c in primaries
                    if c.pk != comment.pk
                ]
                if choices:
                    duplicate_form = DuplicateForm(prefix=f"dup-{comment.pk}", choices=choices)
        if bound is not None and bound[1] == comment.pk:
            if bound[0] == "answer_comment":
                answer_form = bound[2]
            else:
                duplicate_form = bound[2]
        comment.answer_form = answer_form  # type: ignore[attr-defined]
        comment.duplicate_form = duplicate_form  # type: ignore[attr-defined]


def _duplicate_choices(comments: list[DecisionComment], comment: DecisionComment) -> list[tuple[int, str]]:
    numbers = {c.pk: n for n, c in enumerate(comments, start=1)}
    return [
        (c.pk, _("意见 %(n)s：%(t)s") % {"n": numbers[c.pk], "t": c.text[:30]})
        for c in comments
        if c.duplicate_of_id is None and c.pk != comment.pk
    ]


def _reviews_of(decision: MajorDecision, user: Any) -> list[ReviewRequest]:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(MajorDecision)
    reviews = list(
        ReviewRequest.objects.filter(subject_type=content_type, subject_id=str(decision.pk)).order_by("-pk")
    )
    mark_openable(reviews, ReviewRequest.objects.visible_to(user))
    return reviews


def _refused_comment_form(
    refusal: refusals.Refusal, comments: list[DecisionComment]
) -> tuple[str, int, forms.Form] | None:
    """The answer or grouping form of a comment refused just before (`name:comment id`)."""
    name, _sep, raw = refusal.action.partition(":")
    comment = next((c for c in comments if str(c.pk) == raw), None)
    if comment is None:
        return None
    form: forms.Form
    if name == "answer_comment":
        form = CommentAnswerForm(refusal.data, prefix=f"answer-{comment.pk}")
    else:
        form = DuplicateForm(
            refusal.data, prefix=f"dup-{comment.pk}", choices=_duplicate_choices(comments, comment)
        )
    return name, comment.pk, refusal.restore(form)


def _render_detail(
    request: HttpRequest,
    decision: MajorDecision,
    *,
    bound: dict[str, forms.Form] | None = None,
    comment_form: tuple[str, int, forms.Form] | None = None,
) -> HttpResponse:
    """The detail page; `bound` and `comment_form` are forms that failed, shown again as they
    were filled in with the reason next to the field."""
    user: Any = request.user
    today = local_today()
    consultation = Consultation.objects.filter(decision=decision).select_related("rule").first()
    risks = list(decision.risk_assessments.order_by("assessed_on", "pk"))
    reviews = _reviews_of(decision, user)
    ctx = Context(consultation=consultation, reviews=reviews, latest_risk=risks[-1] if risks else None)
    gate = review_gate(decision, kind=ReviewRequest.SubjectKind.MAJOR_DECISION) if reviews else None

    step_forms: dict[str, forms.Form] = {}
    for name, action in ACTIONS.items():
        if name in {"answer_comment", "mark_duplicate"}:
            continue
        if action.may(user, decision) and _offered(name, decision, ctx, gate, today):
            step_forms[name] = _step_form(name, decision, today)
    refusal = refusals.take(request) if bound is None and comment_form is None else None
    if refusal is not None and ":" not in refusal.action:
        bound = refusal.steps(
            [name for name in ACTIONS if name not in {"answer_comment", "mark_duplicate"}],
            lambda name, data: _step_form(name, decision, today, data),
        )
    step_forms.update(bound or {})

    comments: list[DecisionComment] = []
    if consultation is not None:
        comments = list(consultation.comments.select_related("answered_by"))
        if refusal is not None and ":" in refusal.action:
            comment_form = _refused_comment_form(refusal, comments)
        active = decision.may_run(Step.PUBLIC_PARTICIPATION) and permissions.can_run(user, decision)
        _comment_forms(comments, active=active, bound=comment_form)

    comment_minimum, comment_note = None, ""
    if "open_consultation" in step_forms:
        with deadline_cache():
            try:
                comment_minimum = compute_deadline(today, "decision.comment_min")
            except CalendarNotCovered as exc:
                comment_note = (
                    f"{exc}；截止日不早于 {cn_date(earliest_due(today, 'decision.comment_min'))} 即可开始征求意见，"
                    "工作日历录入后不足最短期限的自动顺延"
                )
            except DomainError as exc:
                comment_note = str(exc)

    opinions = list(decision.expert_opinions.select_related("expert").order_by("pk"))
    context = {
        "decision": decision,
        "forms": step_forms,
        "step_links": next_steps(step_forms, {name: action.label for name, action in ACTIONS.items()}),
        "waivers": [(s.label, decision.waivers[s.value]) for s in STEP_ORDER if s.value in decision.waivers],
        "applies": {s.value: decision.applies(s) for s in STEP_ORDER},
        "waiver_of": decision.waivers,
        "cells": step_cells(decision),
        "next": next_step(decision, today),
        "late": overdue_notes(decision, today),
        "entries": list(
            decision.entries.select_related("catalog").order_by("catalog__year", "catalog__version")
        ),
        "consultation": consultation,
        "consultation_deadline": consultation_deadline(consultation) if consultation else None,
        "window_open": bool(consultation and consultation.opens_on <= today <= consultation.closes_on),
        "comment_minimum": comment_minimum,
        "comment_note": comment_note,
        "comments": comments,
        "unanswered": sum(1 for c in comments if not c.adoption),
        "hearings": list(decision.hearings.order_by("held_on", "pk")),
        "opinions": opinions,
        "risks": risks,
        "latest_risk": ctx.latest_risk,
        "reviews": reviews,
        "gate": gate,
        "archive_deadline": archive_deadline(decision),
        "archive_on_time": archive_on_time(decision),
        "archive_pending": decision.archived_on is None,
        "reports": list(
            decision.execution_reports.select_related("reported_by").order_by("reported_on", "pk")
        ),
        "evaluations": list(decision.evaluations.order_by("evaluated_on", "pk")),
        "assessors": sorted(actions.pre_decision_assessors(decision))
        if "post_evaluation" in step_forms
        else [],
        "adjustments": list(decision.adjustments.select_related("recorded_by").order_by("on", "pk")),
        "statements_on_record": _statements_on_record(decision),
        "can_download": decision.stage in AFTER_MEETING,
        # An adjusted decision re-running procedures keeps its publication and tracking in view.
        "after_meeting": decision.stage in AFTER_MEETING or decision.meeting_on is not None,
        "events": timeline(decision),
        "today": today,
    }
    return render(request, "decisions/detail.html", context)


def _statements_on_record(decision: MajorDecision) -> str:
    """The statements of the meeting as the audit event recorded them, in speaking order."""
    from fazhi.core.models import AuditEvent

    if not decision.meeting_on:
        return ""
    event = (
        AuditEvent.objects.filter(
            object_type="decisions.majordecision",
            object_id=str(decision.pk),
            verb="decision.collective_decision",
        )
        .order_by("-seq")
        .first()
    )
    data = event.data if event is not None and isinstance(event.data, dict) else {}
    return str(data.get("statements", ""))


def _get_decision(request: HttpRequest, pk: int) -> MajorDecision:
    queryset = MajorDecision.objects.visible_to(request.user).select_related(
        "lead_division", "agency", "proposed_by", "archive_rule"
    )
    return get_visible_or_404(queryset, pk=pk)


@staff_view(permissions.can_see_decisions)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_decision(request, pk))


# ---------------------------------------------------------------------------------------------
# The steps, each a POST from the detail page


# ---------------------------------------------------------------------------------------------
# The archive package


@staff_view(permissions.can_see_decisions)
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The archive package as it would be handed over: every record and file with the manifest
    of their SHA-256 hashes, checked against the audit chain."""
    decision = _get_decision(request, pk)
    try:
        package, _manifest = archive.build_package(decision)
    except DomainError as exc:
        return _refused(request, decision.pk, str(exc))
    name = f"重大行政决策档案-{decision.pk}-{decision.title[:40]}.zip"
    return HttpResponse(
        package,
        content_type="application/zip",
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )
