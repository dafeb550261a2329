"""The pages of evaluations and inspections received (/work/oversight/): the list, the form that
records one, and its page — the heads' part, the feedback, the findings each put on the task
ledger, the evidence of completion, and the rectification report that closes it."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
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
from fazhi.core.formfields import place_error
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.pages import TRY_AGAIN, CreatePage, Kind, Step
from fazhi.core.workflow import DomainError
from fazhi.ledger.models import LedgerItem
from fazhi.oversight import actions, permissions
from fazhi.oversight.forms import (
    CloseForm,
    EvidenceForm,
    FeedbackForm,
    FindingForm,
    HeadPartForm,
    OversightForm,
)
from fazhi.oversight.models import Finding, Oversight

S = Oversight.Status


def area(user: Any) -> dict[str, Any]:
    return {"can_manage": permissions.can_manage(user)}


AREA = pages.Area(may_act=permissions.can_manage, context=area)

CREATE = CreatePage(
    title=gettext_lazy("登记评估督察"),
    lead=gettext_lazy(
        "登记本机关接受的法治政府建设第三方评估、中央或市级法治督察、年度考核：组织单位、时间、评估督察的内容和方式。"
    ),
    form=lambda request, data: OversightForm(data, initial={"year": timezone.localdate().year}),
    run=lambda user, d: actions.create_oversight(actor=user, **d),
    hints=(
        ("结束日期", "ended_on"),
        ("开始日期", "started_on"),
        ("年度", "year"),
        ("组织或实施单位", "conducted_by"),
        ("内容", "scope"),
        ("名称", "title"),
    ),
    back="oversight:list",
    done=lambda o: _("已登记：%(t)s。") % {"t": o.title},
    after=lambda o: reverse("oversight:detail", args=[o.pk]),
)


@staff_view(permissions.can_see)
def oversight_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Oversight.objects.visible_to(request.user)
        .annotate(
            n=Count("findings"),
            done=Count(
                "findings",
                filter=Q(findings__task__status=LedgerItem.Status.DONE) & ~Q(findings__evidence=""),
            ),
        )
        .order_by("-started_on", "-pk")
    )
    return render(request, "oversight/list.html", {**area(request.user), "rows": rows})


@staff_view(permissions.can_manage)
def oversight_create(request: HttpRequest) -> HttpResponse:
    return pages.create_page(request, CREATE, template="oversight/create.html", context=area(request.user))


VERB_LABELS: dict[str, Any] = {
    "oversight.create": gettext_lazy("登记"),
    "oversight.head_part": gettext_lazy("领导履职"),
    "oversight.feedback": gettext_lazy("反馈意见"),
    "oversight.finding": gettext_lazy("交办整改任务"),
    "oversight.rectify": gettext_lazy("进入整改"),
    "oversight.evidence": gettext_lazy("登记整改佐证"),
    "oversight.close": gettext_lazy("报送整改报告"),
}


def _context(user: Any, oversight: Oversight, today: datetime.date, bound: Any = None) -> dict[str, Any]:
    findings = list(oversight.findings.select_related("task__division", "task__lead").order_by("number"))
    manage = permissions.can_manage(user) and oversight.status != S.CLOSED
    for f in findings:
        f.form = None  # type: ignore[attr-defined]
        if manage:
            if bound is not None and bound[0] == f.pk:
                f.form = bound[1]  # type: ignore[attr-defined]
            else:
                f.form = EvidenceForm(prefix=f"f{f.pk}", initial={"evidence": f.evidence})  # type: ignore[attr-defined]
    return {
        "oversight": oversight,
        "parts": list(oversight.head_parts.select_related("leader").order_by("on", "pk")),
        "findings": findings,
        "rectified": sum(1 for f in findings if f.is_rectified),
        "events": timeline_of(
            oversight, verb_labels=VERB_LABELS, statuses=dict(S.choices), detail=lambda e: ""
        ),
    }


OPEN = (S.OPEN, S.RECTIFYING)
KIND = Kind(
    queryset=lambda user: Oversight.objects.visible_to(user).select_related("created_by"),
    steps={
        "record_head_part": Step(
            gettext_lazy("登记领导履职"),
            "#heads",
            HeadPartForm,
            lambda o, u, d: actions.record_head_part(o, actor=u, **d),
            lambda o, today: True,
            (("机关领导", "leader"), ("日期", "on"), ("内容", "content"), ("方式", "kind")),
            initial=lambda o, today: {"on": today, "agency_id": o.agency_id},
        ),
        "record_feedback": Step(
            gettext_lazy("登记反馈意见"),
            "#feedback",
            FeedbackForm,
            lambda o, u, d: actions.record_feedback(o, actor=u, **d),
            lambda o, today: o.status in OPEN,
            (("结束日期", "ended_on"), ("反馈意见日期", "feedback_on"), ("结论", "result")),
            initial=lambda o, today: {
                "feedback_on": o.feedback_on or today,
                "ended_on": o.ended_on,
                "result": o.result,
            },
        ),
        "add_finding": Step(
            gettext_lazy("交办整改任务"),
            "#findings",
            FindingForm,
            lambda o, u, d: actions.add_finding(o, actor=u, **d),
            lambda o, today: o.status in OPEN,
            (
                ("整改时限", "due_on"),
                ("完成时限", "due_on"),
                ("分管领导", "lead"),
                ("责任处室", "division"),
                ("问题", "text"),
            ),
            initial=lambda o, today: {"agency_id": o.agency_id},
            done=lambda o: _("已列入重点任务台账。"),
        ),
        "close": Step(
            gettext_lazy("报送整改报告"),
            "#close",
            CloseForm,
            lambda o, u, d: actions.close_oversight(o, actor=u, **d),
            lambda o, today: o.status in OPEN,
            (
                ("报送日期", "closed_on"),
                ("报送单位", "report_to"),
                ("整改报告", "report"),
                ("问题", "report"),
            ),
            initial=lambda o, today: {"closed_on": today},
            done=lambda o: _("已报送整改报告，评估督察办结。"),
        ),
    },
    template="oversight/detail.html",
    detail="oversight:detail",
    context=_context,
)


@staff_view(permissions.can_see)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    refusal = refusals.take(request, when=lambda action: action.startswith("f") and action[1:].isdigit())
    if refusal is None:
        return pages.detail_page(request, AREA, KIND, pk)
    # A finding's evidence refused just before, as it was filled in.
    oversight = get_visible_or_404(KIND.queryset(request.user), pk=pk)
    form = refusal.restore(EvidenceForm(refusal.data, prefix=refusal.action))
    return _render_with_evidence(request, oversight, (int(refusal.action[1:]), form))


@require_POST
@staff_view(permissions.can_manage)
def action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return pages.step_action(request, AREA, KIND, pk, action)


@require_POST
@staff_view(permissions.can_manage)
def finding_evidence(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    """The evidence of one finding, posted from its row on the page."""
    user: Any = request.user
    oversight = get_visible_or_404(KIND.queryset(user), pk=pk)
    finding = Finding.objects.filter(oversight=oversight, pk=finding_id).first()
    if finding is None:
        raise Http404
    finding.oversight = oversight
    form = EvidenceForm(request.POST, prefix=f"f{finding.pk}")
    page = reverse("oversight:detail", args=[oversight.pk]) + f"#finding-{finding.pk}"
    message: Any = TRY_AGAIN
    if form.is_valid():
        try:
            actions.record_evidence(finding, actor=user, evidence=form.cleaned_data["evidence"])
        except DomainError as exc:
            place_error(form, (("佐证", "evidence"),), str(exc))
            message = str(exc)
        else:
            messages.success(request, _("已登记整改完成佐证。"))
            return redirect(page)
    return refusals.refuse(request, form, action=f"f{finding.pk}", to=page, message=message)


def _render_with_evidence(
    request: HttpRequest, oversight: Any, evidence: tuple[int, forms.Form]
) -> HttpResponse:
    """The page with one finding's evidence form as it was refused."""
    user: Any = request.user
    today = timezone.localdate()
    step_forms: dict[str, forms.Form] = {
        name: step.form(prefix=name, initial=step.initial(oversight, today))
        for name, step in KIND.steps.items()
        if step.offered(oversight, today)
    }
    return render(
        request,
        KIND.template,
        {
            **area(user),
            "forms": step_forms,
            "today": today,
            **_context(user, oversight, today, evidence),
        },
    )
