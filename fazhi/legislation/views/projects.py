"""Legislative projects: the list (by plan year and stage), the form that enters a project of
the year's plan, and a project's page with its steps — drafting, public comment with an answer
to every comment, legality review, deliberation, promulgation into the register of laws."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import pages, refusals
from fazhi.core.audit import timeline_of
from fazhi.core.calendar import compute_deadline, stored_deadline
from fazhi.core.formfields import place_error, year_from
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.pages import TRY_AGAIN, CreatePage, Kind, Step
from fazhi.core.workflow import DomainError
from fazhi.legislation import actions, permissions
from fazhi.legislation.forms import (
    AnswerForm,
    CommentForm,
    ConcludeReviewForm,
    DeliberationForm,
    DraftForm,
    Empty,
    OpenCommentForm,
    ProjectForm,
    PromulgateForm,
    SubmitReviewForm,
    TerminateForm,
)
from fazhi.legislation.models import DraftComment, LegislativeProject
from fazhi.legislation.views._common import AREA, area, create_page

G = LegislativeProject.Stage
PAGE_SIZE = 50

PROJECT_CREATE = CreatePage(
    title=gettext_lazy("登记立法项目"),
    lead=gettext_lazy(
        "登记列入年度立法计划的项目：制定或修改的地方性法规、政府规章，计划类别（正式项目、预备项目、调研项目），本机关牵头起草还是配合参与。"
    ),
    form=lambda request, data: ProjectForm(
        data, user=request.user, initial={"plan_year": timezone.localdate().year}
    ),
    run=lambda user, d: actions.create_project(actor=user, **d),
    hints=(
        ("所修改的法规规章", "law"),
        ("修改项目", "law"),
        ("已废止", "law"),
        ("承办处室", "division"),
        ("立法计划年度", "plan_year"),
        ("项目名称", "title"),
    ),
    back="legislation:projects",
    done=lambda p: _("已登记立法项目：%(t)s。") % {"t": p.title},
    after=lambda p: reverse("legislation:project_detail", args=[p.pk]),
    section="projects",
)


@staff_view(permissions.can_see_projects)
def project_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year, notes = year_from(raw, today.year) if raw else (None, [])
    queryset = LegislativeProject.objects.visible_to(user)
    if year:
        queryset = queryset.filter(plan_year=year)
    stage = request.GET.get("stage", "")
    if stage in G.values:
        queryset = queryset.filter(stage=stage)
    queryset = queryset.select_related("division", "law").annotate(
        unanswered=Count("comments", filter=Q(comments__adoption=""))
    )
    page = Paginator(queryset.order_by("-plan_year", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "legislation/project_list.html",
        {
            **area(user),
            "page": page,
            "year": year,
            "stage": stage,
            "stages": G.choices,
            "notes": notes,
        },
    )


@staff_view(permissions.can_manage)
def project_create(request: HttpRequest) -> HttpResponse:
    return create_page(request, PROJECT_CREATE)


def _minimum_close(project: LegislativeProject, today: datetime.date) -> dict[str, Any]:
    try:
        due = compute_deadline(today, actions.COMMENT_RULES[LegislativeProject.LawKind(project.law_kind)]).due
    except DomainError:
        return {}
    return {"closes_on": due}


VERB_LABELS: dict[str, Any] = {
    "legislation.create": gettext_lazy("列入立法计划"),
    "legislation.start_drafting": gettext_lazy("启动起草"),
    "legislation.draft": gettext_lazy("保存草案"),
    "legislation.open_comment": gettext_lazy("公开征求意见"),
    "legislation.comment": gettext_lazy("收到意见"),
    "legislation.comment_answer": gettext_lazy("答复意见"),
    "legislation.submit_for_review": gettext_lazy("报送合法性审查"),
    "legislation.conclude_review": gettext_lazy("登记审查结论"),
    "legislation.deliberation": gettext_lazy("审议"),
    "legislation.adopt": gettext_lazy("通过"),
    "legislation.promulgate": gettext_lazy("公布"),
    "legislation.terminate": gettext_lazy("终止"),
}


def _context(
    user: Any, project: LegislativeProject, today: datetime.date, bound: Any = None
) -> dict[str, Any]:
    comments = list(project.comments.select_related("answered_by").order_by("submitted_at", "pk"))
    manage = permissions.can_manage(user) and project.stage == G.PUBLIC_COMMENT
    for c in comments:
        c.form = None  # type: ignore[attr-defined]
        if manage:
            if bound is not None and bound[0] == c.pk:
                c.form = bound[1]  # type: ignore[attr-defined]
            else:
                c.form = AnswerForm(  # type: ignore[attr-defined]
                    prefix=f"c{c.pk}", initial={"adoption": c.adoption, "answer": c.answer}
                )
    return {
        "project": project,
        "comments": comments,
        "unanswered": sum(1 for c in comments if not c.adoption),
        "window": stored_deadline(project.comment_opens_on, project.comment_closes_on, project.comment_rule),
        "window_open": project.comment_window_open(today),
        "deliberations": list(project.deliberations.order_by("held_on", "pk")),
        "flow": [(s, s.label) for s in LegislativeProject.FLOW],
        "stage_index": LegislativeProject.FLOW.index(G(project.stage))
        if project.stage in LegislativeProject.FLOW
        else -1,
        "events": timeline_of(
            project, verb_labels=VERB_LABELS, statuses=dict(G.choices), detail=lambda e: ""
        ),
    }


P = LegislativeProject.Part
PROJECT = Kind(
    queryset=lambda user: LegislativeProject.objects.visible_to(user).select_related(
        "division", "law", "law_version", "created_by", "comment_rule"
    ),
    steps={
        "start_drafting": Step(
            gettext_lazy("启动起草"),
            "#drafting",
            Empty,
            lambda p, u, d: actions.start_drafting(p, actor=u),
            lambda p, today: p.stage == G.PLANNED,
        ),
        "save_draft": Step(
            gettext_lazy("保存草案"),
            "#drafting",
            DraftForm,
            lambda p, u, d: actions.save_draft(p, actor=u, **d),
            lambda p, today: p.stage in (G.DRAFTING, G.PUBLIC_COMMENT),
            (("草案文本", "draft_text"), ("起草说明", "explanation")),
            initial=lambda p, today: {"draft_text": p.draft_text, "explanation": p.explanation},
        ),
        "open_comment": Step(
            gettext_lazy("公开征求意见"),
            "#comments",
            OpenCommentForm,
            lambda p, u, d: actions.open_comment(p, actor=u, closes_on=d["closes_on"]),
            lambda p, today: p.stage == G.DRAFTING and p.part == P.LEAD,
            (("截止日", "closes_on"), ("征求意见", "closes_on"), ("草案文本", "closes_on")),
            initial=lambda p, today: _minimum_close(p, today),
        ),
        "add_comment": Step(
            gettext_lazy("录入意见"),
            "#comments",
            CommentForm,
            lambda p, u, d: actions.add_comment(p, actor=u, **d),
            lambda p, today: p.comment_window_open(today),
            (
                ("意见内容", "text"),
                ("提出人", "author_name"),
                ("联系方式", "contact"),
                ("征求意见期", "text"),
            ),
            done=lambda p: _("已录入意见。"),
        ),
        "submit_for_review": Step(
            gettext_lazy("报送合法性审查"),
            "#review",
            SubmitReviewForm,
            lambda p, u, d: actions.submit_for_review(p, actor=u, submitted_on=d["submitted_on"]),
            lambda p, today: (p.stage == G.DRAFTING and p.part == P.JOIN) or p.stage == G.PUBLIC_COMMENT,
            (("报送审查日期", "submitted_on"), ("届满", "submitted_on"), ("意见", "submitted_on")),
            initial=lambda p, today: {"submitted_on": today},
        ),
        "conclude_review": Step(
            gettext_lazy("登记审查结论"),
            "#review",
            ConcludeReviewForm,
            lambda p, u, d: actions.conclude_review(p, actor=u, **d),
            lambda p, today: p.stage == G.LEGALITY_REVIEW,
            (("审查完成日期", "concluded_on"), ("审查意见", "opinion")),
            initial=lambda p, today: {"concluded_on": today},
        ),
        "record_deliberation": Step(
            gettext_lazy("登记审议"),
            "#deliberation",
            DeliberationForm,
            lambda p, u, d: actions.record_deliberation(p, actor=u, **d),
            lambda p, today: p.stage == G.DELIBERATION,
            (
                ("会议日期", "held_on"),
                ("审议机关", "body"),
                ("人大常委会", "body"),
                ("常务会议", "body"),
                ("审议结果", "outcome"),
            ),
            initial=lambda p, today: {"held_on": today},
        ),
        "promulgate": Step(
            gettext_lazy("登记公布"),
            "#promulgation",
            PromulgateForm,
            lambda p, u, d: actions.promulgate(p, actor=u, **d),
            lambda p, today: p.stage == G.ADOPTED,
            (
                ("公布日期", "promulgated_on"),
                ("施行日期", "effective_on"),
                ("公告", "number"),
                ("制定机关", "issuing_body"),
            ),
            done=lambda p: _("已登记公布，新版本已记入法律法规库。"),
        ),
        "terminate": Step(
            gettext_lazy("终止项目"),
            "#terminate",
            TerminateForm,
            lambda p, u, d: actions.terminate(p, actor=u, reason=d["reason"]),
            lambda p, today: p.stage in actions.TRANSITIONS["terminate"].sources,
            (("终止理由", "reason"),),
            done=lambda p: _("已终止项目。"),
        ),
    },
    template="legislation/project_detail.html",
    detail="legislation:project_detail",
    context=_context,
)


@staff_view(permissions.can_see_projects)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    refusal = refusals.take(request, when=lambda action: action.startswith("c") and action[1:].isdigit())
    if refusal is None:
        return pages.detail_page(request, AREA, PROJECT, pk)
    # A comment's answer refused just before, as it was filled in.
    project = get_visible_or_404(PROJECT.queryset(request.user), pk=pk)
    form = refusal.restore(AnswerForm(refusal.data, prefix=refusal.action))
    return _render_with_answer(request, project, (int(refusal.action[1:]), form))


@require_POST
@staff_view(permissions.can_manage)
def project_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return pages.step_action(request, AREA, PROJECT, pk, action)


@require_POST
@staff_view(permissions.can_manage)
def comment_answer(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """The answer to one comment, posted from its row on the project's page."""
    user: Any = request.user
    project = get_visible_or_404(PROJECT.queryset(user), pk=pk)
    comment = DraftComment.objects.filter(project=project, pk=comment_id).first()
    if comment is None:
        raise Http404
    comment.project = project
    form = AnswerForm(request.POST, prefix=f"c{comment.pk}")
    page = reverse("legislation:project_detail", args=[project.pk]) + f"#comment-{comment.pk}"
    message: Any = TRY_AGAIN
    if form.is_valid():
        try:
            actions.answer_comment(comment, actor=user, **form.cleaned_data)
        except DomainError as exc:
            place_error(form, (("理由", "answer"), ("答复", "answer"), ("采纳", "adoption")), str(exc))
            message = str(exc)
        else:
            messages.success(request, _("已答复意见。"))
            return redirect(page)
    return refusals.refuse(request, form, action=f"c{comment.pk}", to=page, message=message)


def _render_with_answer(
    request: HttpRequest, project: LegislativeProject, answer: tuple[int, forms.Form]
) -> HttpResponse:
    """The project's page with one comment's answer form as it was refused."""
    user: Any = request.user
    today = timezone.localdate()
    acts = AREA.may_act(user)
    step_forms: dict[str, forms.Form] = {
        name: step.form(prefix=name, initial=step.initial(project, today))
        for name, step in PROJECT.steps.items()
        if acts and step.offered(project, today)
    }
    return render(
        request,
        PROJECT.template,
        {
            **area(user),
            "forms": step_forms,
            "today": today,
            **_context(user, project, today, answer),
        },
    )
