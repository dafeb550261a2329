"""Staff pages of major administrative decisions: the list of matters, the proposal form, the
leadership's board, and the detail page where every procedure is run. Every write goes through
actions.py (or archive.py for the hand-over); a step the person may never take answers 404, one
the matter's stage does not allow is refused by the action with the article it breaks, and a
refused step shows the page again with the input kept and the reason next to the field. The
catalog pages are in catalog_views.py, the expert pool in expert_views.py; their views are named
here too, for urls.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, Max, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.attachments import AttachmentRejected
from fazhi.core.calendar import CalendarNotCovered, compute_deadline, deadline_cache
from fazhi.core.deadlines import earliest_due
from fazhi.core.formats import cn_date, date_text
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.pages import next_steps
from fazhi.core.workflow import DomainError
from fazhi.decisions import actions, archive, permissions
from fazhi.decisions.catalog_views import catalog_action, catalog_detail, catalog_list
from fazhi.decisions.expert_views import expert_list
from fazhi.decisions.forms import (
    AdjustForm,
    BoardYearForm,
    CommentAnswerForm,
    ConsultationForm,
    DecisionFilterForm,
    DraftForm,
    DuplicateForm,
    EvaluationForm,
    ExecutionForm,
    ExpertOpinionForm,
    HearingForm,
    InterestForm,
    MeetingForm,
    ProposeForm,
    PublishForm,
    ReportForm,
    ReviseForm,
    RiskForm,
)
from fazhi.decisions.models import (
    PRELIMINARY,
    STEP_ORDER,
    Consultation,
    DecisionComment,
    MajorDecision,
    RiskAssessment,
    Step,
)
from fazhi.decisions.view_helpers import (
    archive_deadline,
    archive_on_time,
    consultation_deadline,
    local_today,
    next_step,
    overdue_notes,
    step_cells,
    timeline,
)
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest

# The views urls.py names that live in the other page modules.
__all__ = [
    "archive_download",
    "board",
    "catalog_action",
    "catalog_detail",
    "catalog_list",
    "decision_action",
    "decision_detail",
    "decision_list",
    "expert_list",
    "propose",
]

G = MajorDecision.Stage
STEP_VALUES = {s.value for s in STEP_ORDER}
# Stages after the collective decision: its publication, archive, tracking and adjustment.
AFTER_MEETING = {G.DECIDED, G.PUBLISHED, G.SUSPENDED, G.NOT_ADOPTED}
PAGE_SIZE = 25
OPEN_REVIEW = {
    ReviewRequest.Status.DRAFT,
    ReviewRequest.Status.SUBMITTED,
    ReviewRequest.Status.UNDER_REVIEW,
    ReviewRequest.Status.RETURNED,
}


def _filter_notes(form: forms.Form) -> list[str]:
    return [
        _("已忽略无效的筛选条件“%(label)s”：%(error)s")
        % {"label": form.fields[name].label, "error": " ".join(str(e) for e in errors)}
        for name, errors in form.errors.items()
        if name in form.fields
    ]


def _place_error(form: forms.Form, hints: list[tuple[str, str]], message: str) -> None:
    """Put an action's message next to the field it names (else above the form)."""
    for words, name in hints:
        if words in message and name in form.fields:
            form.add_error(name, message)
            return
    form.add_error(None, message)


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


# ---------------------------------------------------------------------------------------------
# The detail page


@dataclass(frozen=True)
class Action:
    """A step of the detail page: who may ever take it (else 404), its name, the procedure it
    belongs to, and where on the page its form is. `stages`, when given, are checked here
    because the action itself does not (the page refuses in the words of the procedure)."""

    may: Callable[[Any, MajorDecision], bool]
    label: Any
    anchor: str
    step: Step | None = None
    stages: frozenset[str] = frozenset()


def _run_it(user: Any, decision: MajorDecision) -> bool:
    return permissions.can_run(user, decision)


def _adjuster(user: Any, decision: MajorDecision) -> bool:
    return permissions.can_compile(user) or permissions.can_record_decision(user)


ACTIONS: dict[str, Action] = {
    "save_draft": Action(_run_it, gettext_lazy("保存决策草案"), "#draft"),
    "start": Action(_run_it, gettext_lazy("启动法定程序"), "#draft"),
    "open_consultation": Action(_run_it, gettext_lazy("公开征求意见"), "#participation"),
    "answer_comment": Action(
        _run_it,
        gettext_lazy("答复意见"),
        "#comments",
        Step.PUBLIC_PARTICIPATION,
        frozenset({G.PUBLIC_PARTICIPATION}),
    ),
    "mark_duplicate": Action(
        _run_it,
        gettext_lazy("归并重复意见"),
        "#comments",
        Step.PUBLIC_PARTICIPATION,
        frozenset({G.PUBLIC_PARTICIPATION}),
    ),
    "schedule_hearing": Action(_run_it, gettext_lazy("公告听证会"), "#participation"),
    "publish_report": Action(_run_it, gettext_lazy("公布意见采纳情况"), "#participation"),
    "complete_participation": Action(_run_it, gettext_lazy("完成公众参与"), "#participation"),
    "declare_interest": Action(
        _run_it,
        gettext_lazy("声明利害关系并回避"),
        "#experts",
        Step.EXPERT_ARGUMENTATION,
        frozenset({G.EXPERT_ARGUMENTATION}),
    ),
    "add_expert_opinion": Action(_run_it, gettext_lazy("记录专家论证意见"), "#experts"),
    "complete_experts": Action(_run_it, gettext_lazy("完成专家论证"), "#experts"),
    "record_risk": Action(_run_it, gettext_lazy("记录风险评估"), "#risk"),
    "revise_draft": Action(_run_it, gettext_lazy("调整决策草案"), "#risk"),
    "complete_risk": Action(_run_it, gettext_lazy("完成风险评估"), "#risk"),
    "submit_review": Action(permissions.is_lead, gettext_lazy("送请合法性审查"), "#review"),
    "send_to_meeting": Action(_run_it, gettext_lazy("提交集体讨论"), "#review"),
    "record_decision": Action(
        lambda user, d: permissions.can_record_decision(user), gettext_lazy("记录集体讨论决定"), "#meeting"
    ),
    "publish": Action(_run_it, gettext_lazy("公布决策"), "#publication"),
    "archive": Action(_run_it, gettext_lazy("移交归档"), "#archive"),
    "execution_report": Action(_run_it, gettext_lazy("报告执行情况"), "#execution"),
    "post_evaluation": Action(_run_it, gettext_lazy("决策后评估"), "#evaluation"),
    "adjust": Action(_adjuster, gettext_lazy("调整或中止决策"), "#adjustment"),
}

# Words of an action's refusal → the field it concerns, so the message stands next to it.
FIELD_HINTS: dict[str, list[tuple[str, str]]] = {
    "save_draft": [("起草说明", "explanation"), ("决策草案", "draft_text")],
    "open_consultation": [("截止", "closes_on")],
    "answer_comment": [("理由", "answer"), ("采纳", "adoption")],
    "mark_duplicate": [("归并", "of")],
    "schedule_hearing": [
        ("材料", "materials_delivered_on"),
        ("听证会", "held_on"),
        ("地点", "place"),
        ("听证参加人", "participants"),
    ],
    "publish_report": [("采纳情况报告", "report")],
    "declare_interest": [("利害关系", "note")],
    "add_expert_opinion": [("专家库", "expert"), ("回避", "expert"), ("论证意见", "opinion")],
    "record_risk": [("评估单位", "assessor"), ("风险点", "risk_points"), ("措施", "mitigations")],
    "revise_draft": [("调整说明", "note"), ("决策草案", "draft_text")],
    "record_decision": [
        ("会议日期", "meeting_on"),
        ("决策会议", "meeting_name"),
        ("出席人员", "attendees"),
        ("决定内容", "decision_text"),
    ],
    "publish": [("公布日期", "published_on"), ("公布载体", "channel")],
    "execution_report": [("执行单位", "execution_unit"), ("报告期", "period"), ("执行进展", "progress")],
    "post_evaluation": [
        ("决策后评估", "evaluator"),
        ("评估单位", "evaluator"),
        ("评估原因", "trigger"),
        ("评估报告", "report"),
        ("评估结论", "conclusion"),
    ],
    "adjust": [("重新履行", "rerun"), ("类型", "kind"), ("理由", "reason")],
}

FILE_FIELDS = {"add_expert_opinion": "signed_copy", "record_risk": "report", "record_decision": "minutes"}


class Empty(forms.Form):
    """A step with nothing to type: a button."""


def _step_form(
    action: str, decision: MajorDecision, today: datetime.date, data: Any = None, files: Any = None
) -> forms.Form:
    makers: dict[str, Callable[[], forms.Form]] = {
        "save_draft": lambda: DraftForm(
            data,
            prefix="draft",
            initial={"draft_text": decision.draft_text, "explanation": decision.explanation},
        ),
        "open_consultation": lambda: ConsultationForm(data, prefix="consultation"),
        "schedule_hearing": lambda: HearingForm(data, prefix="hearing"),
        "publish_report": lambda: ReportForm(data, prefix="report"),
        "declare_interest": lambda: InterestForm(data, prefix="interest"),
        "add_expert_opinion": lambda: ExpertOpinionForm(
            data, files, prefix="opinion", initial={"signed_on": today}
        ),
        "record_risk": lambda: RiskForm(data, files, prefix="risk"),
        "revise_draft": lambda: ReviseForm(
            data, prefix="revise", initial={"draft_text": decision.draft_text}
        ),
        "record_decision": lambda: MeetingForm(data, files, prefix="meeting", initial={"meeting_on": today}),
        "publish": lambda: PublishForm(data, prefix="publish", initial={"published_on": today}),
        "execution_report": lambda: ExecutionForm(data, prefix="execution"),
        "post_evaluation": lambda: EvaluationForm(data, prefix="evaluation"),
        "adjust": lambda: AdjustForm(data, prefix="adjust"),
    }
    maker = makers.get(action)
    return maker() if maker is not None else Empty(data)


def _stage_refusal(decision: MajorDecision, action: Action) -> str | None:
    """The refusal of a step the action does not guard by stage itself, in the same words as the
    actions' own guard (the procedures' order is free: 713号 fixes none)."""
    if not action.stages or decision.stage in action.stages:
        return None
    assert action.step is not None
    if action.step in PRELIMINARY and decision.may_run(action.step):
        return None
    return _("该事项当前处于“%(stage)s”阶段，不能%(action)s") % {
        "stage": decision.get_stage_display(),
        "action": action.label,
    }


@dataclass
class Context:
    """What the detail page knows of the matter, loaded once."""

    consultation: Consultation | None
    reviews: list[ReviewRequest]
    latest_risk: RiskAssessment | None


def _offered(name: str, decision: MajorDecision, ctx: Context, gate: Any, today: datetime.date) -> bool:
    """Whether the page shows the step's form now (the action still has the last word)."""
    stage = decision.stage
    consultation = ctx.consultation
    # The preliminary procedures are open side by side (713号 fixes no order among them).
    participation = decision.may_run(Step.PUBLIC_PARTICIPATION)
    risk = decision.may_run(Step.RISK_ASSESSMENT)
    if name == "save_draft":
        return stage in {G.DRAFTING, G.PUBLIC_PARTICIPATION, G.EXPERT_ARGUMENTATION, G.RISK_ASSESSMENT}
    if name == "start":
        return stage == G.DRAFTING
    if name == "open_consultation":
        return participation and consultation is None
    if name == "schedule_hearing":
        return participation
    if name == "publish_report":
        # The report follows the window (the action refuses it earlier).
        return (
            participation
            and consultation is not None
            and not consultation.report_published_on
            and today > consultation.closes_on
        )
    if name == "complete_participation":
        return participation and consultation is not None and bool(consultation.report_published_on)
    if name in {"declare_interest", "add_expert_opinion", "complete_experts"}:
        return decision.may_run(Step.EXPERT_ARGUMENTATION)
    if name == "record_risk":
        return risk
    if name == "revise_draft":
        latest = ctx.latest_risk
        return (
            risk
            and latest is not None
            and latest.level == RiskAssessment.Level.UNCONTROLLABLE
            and not latest.revised_draft
        )
    if name == "complete_risk":
        return risk and ctx.latest_risk is not None
    if name == "submit_review":
        return (
            stage == G.LEGALITY_REVIEW
            and not (gate and gate.allowed)
            and not any(r.status in OPEN_REVIEW for r in ctx.reviews)
        )
    if name == "send_to_meeting":
        return stage == G.LEGALITY_REVIEW and bool(gate and gate.allowed)
    if name == "record_decision":
        return stage == G.COLLECTIVE_DECISION
    if name == "publish":
        return stage == G.DECIDED
    if name in {"archive", "execution_report", "post_evaluation"}:
        return stage == G.PUBLISHED
    if name == "adjust":
        return stage in {G.PUBLISHED, G.SUSPENDED}
    return False


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
        "next_steps": next_steps(step_forms, {name: action.label for name, action in ACTIONS.items()}),
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


def _run(action: str, decision: MajorDecision, user: Any, data: dict[str, Any], form: forms.Form) -> Any:
    if action == "save_draft":
        return actions.save_draft(
            decision, actor=user, draft_text=data["draft_text"], explanation=data["explanation"]
        )
    if action == "start":
        return actions.start_procedures(decision, actor=user)
    if action == "open_consultation":
        return actions.open_consultation(
            decision, actor=user, closes_on=data["closes_on"], short_reason=data["short_reason"]
        )
    if action == "schedule_hearing":
        return actions.schedule_hearing(
            decision,
            actor=user,
            held_on=data["held_on"],
            place=data["place"],
            participants=data["participants"],
            materials_delivered_on=data.get("materials_delivered_on"),
        )
    if action == "publish_report":
        return actions.publish_adoption_report(decision, actor=user, report=data["report"])
    if action == "complete_participation":
        return actions.complete_public_participation(decision, actor=user)
    if action == "declare_interest":
        return actions.declare_interest(decision, data["expert"], actor=user, note=data["note"])
    if action == "add_expert_opinion":
        return actions.add_expert_opinion(
            decision,
            data["expert"],
            actor=user,
            opinion=data["opinion"],
            signed_on=data["signed_on"],
            signed_copy=data["signed_copy"],
        )
    if action == "complete_experts":
        return actions.complete_expert_argumentation(decision, actor=user)
    if action == "record_risk":
        return actions.record_risk_assessment(
            decision,
            actor=user,
            assessor=data["assessor"],
            level=data["level"],
            risk_points=data["risk_points"],
            mitigations=data["mitigations"],
            report=data["report"],
        )
    if action == "revise_draft":
        return actions.revise_draft_after_risk(
            decision, actor=user, draft_text=data["draft_text"], note=data["note"]
        )
    if action == "complete_risk":
        return actions.complete_risk_assessment(decision, actor=user)
    if action == "submit_review":
        return actions.submit_for_legality_review(decision, actor=user)
    if action == "send_to_meeting":
        return actions.send_to_meeting(decision, actor=user)
    if action == "record_decision":
        assert isinstance(form, MeetingForm)
        return actions.record_collective_decision(
            decision,
            actor=user,
            meeting_name=data["meeting_name"],
            meeting_on=data["meeting_on"],
            attendees=data["attendees"],
            statements=form.statements(),
            adopted=data["adopted"] == "yes",
            decision_text=data["decision_text"],
            dissent=data["dissent"],
            minutes=data["minutes"],
        )
    if action == "publish":
        return actions.publish_decision(
            decision, actor=user, published_on=data["published_on"], channel=data["channel"]
        )
    if action == "archive":
        return archive.archive_decision(decision, actor=user)
    if action == "execution_report":
        return actions.add_execution_report(
            decision,
            actor=user,
            execution_unit=data["execution_unit"],
            period=data["period"],
            progress=data["progress"],
            problems=data["problems"],
        )
    if action == "post_evaluation":
        return actions.record_post_evaluation(
            decision,
            actor=user,
            evaluator=data["evaluator"],
            trigger=data["trigger"],
            report=data["report"],
            conclusion=data["conclusion"],
        )
    if action == "adjust":
        return actions.adjust_decision(
            decision, actor=user, kind=data["kind"], reason=data["reason"], rerun=data["rerun"]
        )
    raise Http404


def _success_message(action: str, decision: MajorDecision, result: Any) -> str:
    decision.refresh_from_db()
    stage = decision.get_stage_display()
    if action == "open_consultation":
        return _("已公开征求意见，至 %(d)s 截止。") % {"d": date_text(result.closes_on)}
    if action == "schedule_hearing":
        return _("已公告听证会：%(d)s，%(p)s。") % {"d": date_text(result.held_on), "p": result.place}
    if action == "submit_review":
        return _("已送请合法性审查（%(code)s），等待政策法规处受理。") % {"code": result.code}
    if action == "record_decision":
        return _("已记录集体讨论决定：%(s)s。") % {"s": stage}
    if action == "publish":
        assert decision.archive_due_on is not None
        return _("已公布决策；档案应于 %(d)s 前移交。") % {"d": date_text(decision.archive_due_on)}
    if action == "archive":
        timing = _("按期") if archive_on_time(decision) else _("逾期")
        return _("已移交归档（%(t)s），档案包 SHA-256：%(h)s。") % {"t": timing, "h": decision.archive_sha256}
    if action in {"start", "complete_participation", "complete_experts", "complete_risk", "send_to_meeting"}:
        return _("已%(a)s，事项进入“%(s)s”。") % {"a": ACTIONS[action].label, "s": stage}
    if action == "adjust":
        return _("已记录%(k)s，事项当前处于“%(s)s”。") % {"k": result.get_kind_display(), "s": stage}
    return _("已%(a)s。") % {"a": ACTIONS[action].label}


def _refused(request: HttpRequest, decision_pk: int, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("decisions:detail", pk=decision_pk)


def _comment_step(request: HttpRequest, decision: MajorDecision, name: str, user: Any) -> HttpResponse:
    """Answer one comment, or group it with another."""
    consultation = Consultation.objects.filter(decision=decision).first()
    try:
        comment_pk = int(request.POST.get("comment", ""))
    except ValueError:
        comment_pk = 0
    comments = list(consultation.comments.all()) if consultation else []
    comment = next((c for c in comments if c.pk == comment_pk), None)
    if comment is None:
        raise Http404
    form: forms.Form
    if name == "answer_comment":
        form = CommentAnswerForm(request.POST, prefix=f"answer-{comment.pk}")
    else:
        form = DuplicateForm(
            request.POST, prefix=f"dup-{comment.pk}", choices=_duplicate_choices(comments, comment)
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            if name == "answer_comment":
                actions.answer_comment(comment, actor=user, adoption=data["adoption"], answer=data["answer"])
            else:
                primary = next(c for c in comments if c.pk == data["of"])
                actions.mark_duplicate(comment, of=primary, actor=user)
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            _place_error(form, FIELD_HINTS[name], str(exc))
        else:
            messages.success(
                request,
                _("已答复该条意见。")
                if name == "answer_comment"
                else _("已归并为重复意见，随所归并的意见一并答复。"),
            )
            return redirect(reverse("decisions:detail", args=[decision.pk]) + "#comment-" + str(comment.pk))
    return refusals.refuse(
        request,
        form,
        action=f"{name}:{comment.pk}",
        to=reverse("decisions:detail", args=[decision.pk]) + "#comment-" + str(comment.pk),
    )


@require_POST
@staff_view(permissions.can_see_decisions)
def decision_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the person may never take answers 404; one the stage does not allow is
    refused with the article it breaks; a refused step shows the page again with the input kept
    and the reason next to the field."""
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    decision = _get_decision(request, pk)
    if not step.may(user, decision):
        raise Http404
    refusal = _stage_refusal(decision, step)
    if refusal:
        return _refused(request, decision.pk, refusal)
    if action in {"answer_comment", "mark_duplicate"}:
        return _comment_step(request, decision, action, user)
    form = _step_form(action, decision, local_today(), request.POST, request.FILES)
    page = reverse("decisions:detail", args=[decision.pk]) + step.anchor
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, decision, user, form.cleaned_data, form)
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error(FILE_FIELDS.get(action), str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        if isinstance(form, Empty):
            return _refused(request, decision.pk, str(exc))
        _place_error(form, FIELD_HINTS.get(action, []), str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, decision, result))
    return redirect(reverse("decisions:detail", args=[decision.pk]) + step.anchor)


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
