"""The pre-appointment gate (promotions), the exam rules, the figures with their chart, and the
study records."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.agencies import agency_id_of, agency_of, scoped
from fazhi.core.formfields import place_error, year_from
from fazhi.core.http import staff_view
from fazhi.core.workflow import DomainError
from fazhi.learning import actions, permissions, rules
from fazhi.learning.forms import PromotionForm, RequiredLawForm, RuleForm, SessionForm, own_roster
from fazhi.learning.models import ExamRule, Promotion, RequiredLaw, StudySession
from fazhi.learning.stats import exam_figures
from fazhi.learning.views.candidate import area

PAGE_SIZE = 50
PALETTE = ["#b4161b", "#0b4f9c", "#1e6b34", "#a15c00"]


@staff_view(permissions.can_read_scores)
def promotions(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PromotionForm(request.POST or None)
    own_roster(form, user)
    if request.method == "POST":
        if not permissions.can_manage(user):
            raise Http404
        if form.is_valid():
            try:
                promotion = actions.propose_promotion(actor=user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已登记：%(p)s") % {"p": promotion})
                return redirect("learning:promotions")
    rows = list(
        scoped(Promotion.objects.select_related("employee", "exam_attempt"), user).order_by(
            "-appointed_on", "-pk"
        )[:PAGE_SIZE]
    )
    for row in rows:
        if row.status == Promotion.Status.PROPOSED:
            row.allowed, row.reason, _attempt = actions.gate(row)  # type: ignore[attr-defined]
    return render(request, "learning/promotions.html", {"rows": rows, "form": form, **area(user)})


@require_POST
@staff_view(permissions.can_manage)
def promotion_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    promotion = get_object_or_404(scoped(Promotion.objects.all(), request.user), pk=pk)
    try:
        actions.confirm_promotion(promotion, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已确认任职：%(p)s") % {"p": promotion})
    return redirect("learning:promotions")


@staff_view(permissions.can_view_study)
def rule_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    agency_id = agency_id_of(user)
    current = rules.current_rules(agency_id)
    history = ExamRule.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id)).order_by(
        "code", "-version"
    )
    forms = {
        rule.code: RuleForm(initial={"value": rule.value, "basis": rule.basis}, prefix=rule.code)
        for rule in current
    }
    if request.method == "POST":
        if not permissions.can_manage(user):
            raise Http404
        code = request.POST.get("code", "")
        if code not in forms:
            raise Http404
        form = RuleForm(request.POST, prefix=code)
        forms[code] = form
        if form.is_valid():
            try:
                rules.set_rule(code, actor=user, **form.cleaned_data)
            except DomainError as exc:
                place_error(
                    form,
                    (("取值", "value"), ("之间", "value"), ("依据", "basis"), ("日期", "valid_from")),
                    str(exc),
                )
            else:
                messages.success(request, _("已修改考试规则（新版本）。"))
                return redirect("learning:rules")
    rows = [(rule, forms[rule.code]) for rule in current]
    return render(request, "learning/rules.html", {"rows": rows, "history": history, **area(user)})


@staff_view(permissions.can_read_scores)
def figures(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year, notes = year_from(request.GET.get("year", ""), today.year)
    data = exam_figures(year, agency_of(request.user))
    chart = {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [str(_("参考人数")), str(_("通过人数"))]},
        "grid": {"left": 48, "right": 24, "top": 36, "bottom": 48},
        "xAxis": {
            "type": "category",
            "data": [str(k["label"]) for k in data["by_kind"]],
            "axisLabel": {"interval": 0},
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": str(_("参考人数")), "type": "bar", "data": [k["sat"] for k in data["by_kind"]]},
            {"name": str(_("通过人数")), "type": "bar", "data": [k["passed"] for k in data["by_kind"]]},
        ],
    }
    return render(
        request,
        "learning/figures.html",
        {
            "year": year,
            "notes": notes,
            "data": data,
            "chart": chart,
            "choices": range(today.year, 2015, -1),
            **area(request.user),
        },
    )


@staff_view(permissions.can_view_study)
def study(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    posted = request.method == "POST"
    which = request.POST.get("form", "session")
    form = SessionForm(request.POST if posted and which == "session" else None)
    law_form = RequiredLawForm(request.POST if posted and which == "law" else None, prefix="law")
    if posted and not permissions.can_manage(user):
        raise Http404
    if posted and which == "law" and law_form.is_valid():
        try:
            actions.add_required_law(actor=user, **law_form.cleaned_data)
        except DomainError as exc:
            law_form.add_error("law", str(exc))
        else:
            messages.success(request, _("已加入应知应会法律法规清单。"))
            return redirect(reverse("learning:study") + "#required")
    if posted and which == "session":
        if form.is_valid():
            try:
                session = actions.record_session(actor=user, **form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(
                    form,
                    (
                        ("日期", "held_on"),
                        ("参加人员", "attendees"),
                        ("法律法规", "laws_text"),
                        ("主题", "topic"),
                    ),
                    str(exc),
                )
            else:
                messages.success(request, _("已记录学法活动：%(t)s") % {"t": session.topic})
                return redirect("learning:session_detail", pk=session.pk)
    sessions = Paginator(
        scoped(StudySession.objects.prefetch_related("laws"), user).order_by("-held_on", "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    required = scoped(RequiredLaw.objects.select_related("law"), user).order_by("post", "law__title")
    return render(
        request,
        "learning/study.html",
        {"page": sessions, "required": required, "form": form, "law_form": law_form, **area(user)},
    )


@staff_view(permissions.can_view_study)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(scoped(StudySession.objects.prefetch_related("laws"), request.user), pk=pk)
    return render(
        request,
        "learning/session_detail.html",
        {
            "session": session,
            "can_attach": permissions.can_attach_session(request.user, session),
            **area(request.user),
        },
    )
