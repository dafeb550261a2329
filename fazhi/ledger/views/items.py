"""A task: the form that puts it on the ledger, its page, and the steps taken there — the owning
division reports progress and answers supervision, its head submits the task for sign-off, the
leadership signs off or returns it, supervises and assesses, those who keep the ledger cancel
it with a reason."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import agency_of
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.http import get_visible_or_404, mark_openable, staff_view
from fazhi.core.pages import next_steps
from fazhi.core.workflow import DomainError
from fazhi.ledger import actions, permissions
from fazhi.ledger.forms import (
    AssessForm,
    CancelForm,
    Empty,
    ItemForm,
    ProgressForm,
    ReasonForm,
    RespondForm,
    SuperviseForm,
)
from fazhi.ledger.models import LedgerItem, Supervision
from fazhi.ledger.view_helpers import due_date, place_error, respond_date, timeline, year_from
from fazhi.ledger.views.board import TRY_AGAIN, area

S = LedgerItem.Status
RESPOND = "respond"


def _day(value: datetime.date | None) -> str:
    return date_text(value) if value else ""


# ---------------------------------------------------------------------------------------------
# Putting a task on the ledger

# Words of a refusal → the field it concerns (the first match wins).
CREATE_HINTS = (
    ("前置任务", "blocked_by"),
    ("分管领导", "lead"),
    ("责任处室", "division"),
    ("完成时限", "due_on"),
    ("年度", "year"),
    ("目标和措施", "description"),
    ("任务来源", "source"),
    ("任务", "title"),
)


@staff_view(permissions.can_manage)
def create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    year, _notes = year_from(request.GET.get("year", ""), local_today().year)
    if request.method == "POST":
        form = ItemForm(request.POST, year=year, agency=agency_of(user))
        if form.is_valid():
            try:
                item = actions.create_item(actor=user, **form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, CREATE_HINTS, str(exc))
            else:
                messages.success(
                    request,
                    _("已列入 %(y)s 年重点任务台账：%(t)s，完成时限 %(d)s。")
                    % {"y": item.year, "t": item.title, "d": _day(item.due_on)},
                )
                return redirect("ledger:detail", item.pk)
        messages.error(request, TRY_AGAIN)
    else:
        form = ItemForm(year=year, initial={"year": year}, agency=agency_of(user))
    return render(
        request,
        "ledger/create.html",
        {**area(user), "form": form, "back": reverse("ledger:board") + f"?year={year}"},
    )


# ---------------------------------------------------------------------------------------------
# The task's page and its steps


@dataclass(frozen=True)
class Step:
    """A step on a task's page: its button, where on the page its form is, the form, who may
    ever take it on this task, when the page offers it (the action still has the last word),
    the action it runs, the words of a refusal that point at a field, and the message once it
    is done."""

    label: Any
    anchor: str
    form: type[forms.Form]
    may: Callable[[Any, LedgerItem], bool]
    offered: Callable[[LedgerItem, datetime.date], bool]
    run: Callable[[LedgerItem, Any, dict[str, Any]], Any]
    hints: tuple[tuple[str, str], ...] = ()
    initial: Callable[[LedgerItem], dict[str, Any]] = field(default=lambda item: {})
    done: Callable[[LedgerItem], str] | None = None


def _respond(item: LedgerItem, user: Any, data: dict[str, Any]) -> None:
    supervision = Supervision.objects.filter(item=item, pk=data["supervision"]).first()
    if supervision is None:
        raise Http404
    supervision.item = item
    actions.respond(supervision, actor=user, response=data["response"])


def _assessable(item: LedgerItem, today: datetime.date) -> bool:
    return item.status == S.DONE or (item.status != S.CANCELLED and item.due_on < today)


STEPS: dict[str, Step] = {
    "report_progress": Step(
        gettext_lazy("报告进展"),
        "#progress",
        ProgressForm,
        permissions.is_owner,
        lambda item, today: item.status in (S.OPEN, S.IN_PROGRESS),
        lambda item, u, d: actions.report_progress(item, actor=u, progress=d["progress"], note=d["note"]),
        (("进度", "progress"), ("进展情况", "note")),
        initial=lambda item: {"progress": item.progress},
        done=lambda item: _("已报告进展：%(p)s%%。") % {"p": item.progress},
    ),
    "submit_for_signoff": Step(
        gettext_lazy("提请确认完成"),
        "#signoff",
        Empty,
        permissions.is_owner_head,
        lambda item, today: item.status in (S.OPEN, S.IN_PROGRESS) and item.progress >= 100,
        lambda item, u, d: actions.submit_for_signoff(item, actor=u),
        done=lambda item: _("已提请分管领导 %(l)s 确认完成。") % {"l": item.lead.display_name},
    ),
    "sign_off": Step(
        gettext_lazy("确认完成"),
        "#signoff",
        Empty,
        permissions.is_item_leader,
        lambda item, today: item.status == S.PENDING_SIGNOFF,
        lambda item, u, d: actions.sign_off(item, actor=u),
        done=lambda item: _("已确认完成。"),
    ),
    "return_item": Step(
        gettext_lazy("退回"),
        "#signoff",
        ReasonForm,
        permissions.is_item_leader,
        lambda item, today: item.status == S.PENDING_SIGNOFF,
        lambda item, u, d: actions.return_item(item, actor=u, reason=d["reason"]),
        (("退回理由", "reason"),),
        done=lambda item: _("已退回责任处室继续办理。"),
    ),
    "supervise": Step(
        gettext_lazy("督办"),
        "#supervision",
        SuperviseForm,
        permissions.is_item_leader,
        lambda item, today: item.is_open,
        lambda item, u, d: actions.supervise(
            item, actor=u, instruction=d["instruction"], respond_by=d["respond_by"]
        ),
        (("反馈时限", "respond_by"), ("督办意见", "instruction")),
        done=lambda item: _("已督办。"),
    ),
    RESPOND: Step(
        gettext_lazy("反馈"),
        "#supervision",
        RespondForm,
        permissions.is_owner,
        lambda item, today: item.status != S.CANCELLED,
        _respond,
        (("反馈情况", "response"),),
        done=lambda item: _("已反馈督办。"),
    ),
    "cancel_item": Step(
        gettext_lazy("撤销任务"),
        "#cancel",
        CancelForm,
        permissions.can_manage_item,
        lambda item, today: item.is_open,
        lambda item, u, d: actions.cancel_item(item, actor=u, reason=d["reason"]),
        (("撤销理由", "reason"),),
        done=lambda item: _("已撤销任务。"),
    ),
    "assess": Step(
        gettext_lazy("年终评价"),
        "#assessment",
        AssessForm,
        permissions.is_item_leader,
        _assessable,
        lambda item, u, d: actions.assess(item, actor=u, assessment=d["assessment"], note=d["note"]),
        (("评价意见", "note"), ("评价结果", "assessment")),
        initial=lambda item: {"assessment": item.assessment, "note": item.assessment_note},
        done=lambda item: _("已评价：%(a)s。") % {"a": item.get_assessment_display()},
    ),
}


def _respond_form(supervision_id: Any, data: Any = None) -> forms.Form:
    """The answer form of one supervision; its ids name the supervision, as the page holds one
    form per open supervision."""
    key = str(supervision_id) if str(supervision_id).isdigit() else "x"
    return RespondForm(data, prefix=RESPOND, auto_id=f"id_s{key}_%s", initial={"supervision": supervision_id})


def _step_form(name: str, item: LedgerItem, data: Any = None) -> forms.Form:
    if name == RESPOND:
        return _respond_form(data.get(f"{RESPOND}-supervision", "") if data is not None else "", data)
    step = STEPS[name]
    if data is None:
        return step.form(prefix=name, initial=step.initial(item))
    return step.form(data, prefix=name)


def _get_item(user: Any, pk: int) -> LedgerItem:
    queryset = LedgerItem.objects.visible_to(user).select_related("division", "lead", "created_by")
    return get_visible_or_404(queryset, pk=pk)


def _render_detail(
    request: HttpRequest, item: LedgerItem, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The task's page; `bound` holds a form that failed, shown again as it was filled in with
    the reason next to the field."""
    user: Any = request.user
    today = local_today()
    step_forms: dict[str, forms.Form] = {
        name: _step_form(name, item)
        for name, step in STEPS.items()
        if name != RESPOND and step.may(user, item) and step.offered(item, today)
    }
    if bound is None:
        bound = refusals.bound_steps(request, STEPS, lambda name, data: _step_form(name, item, data))
    step_forms.update({name: form for name, form in bound.items() if name != RESPOND})
    answers = permissions.is_owner(user, item) and STEPS[RESPOND].offered(item, today)
    failed = bound.get(RESPOND)
    failed_id = str(failed.data.get(f"{RESPOND}-supervision")) if failed is not None else None
    supervisions = list(item.supervisions.select_related("issued_by").order_by("issued_on", "pk"))
    for supervision in supervisions:
        supervision.due = respond_date(supervision)  # type: ignore[attr-defined]
        supervision.late = bool(  # type: ignore[attr-defined]
            supervision.respond_by < (supervision.responded_on or today)
        )
        form = None
        if supervision.is_open and answers:
            form = failed if failed_id == str(supervision.pk) else _respond_form(supervision.pk)
        supervision.form = form  # type: ignore[attr-defined]
    prerequisites = list(item.blocked_by.select_related("division").order_by("due_on", "pk"))
    blocks = list(item.blocks.select_related("division").order_by("due_on", "pk"))
    mark_openable(prerequisites + blocks, LedgerItem.objects.visible_to(user))
    return render(
        request,
        "ledger/detail.html",
        {
            **area(user),
            "item": item,
            "forms": step_forms,
            "step_links": next_steps(step_forms, {name: step.label for name, step in STEPS.items()}),
            "due": due_date(item),
            "late": item.is_overdue(today),
            "reports": list(item.reports.select_related("reported_by").order_by("reported_on", "pk")),
            "supervisions": supervisions,
            "prerequisites": prerequisites,
            "unfinished": [p for p in prerequisites if p.status != S.DONE],
            "blocks": blocks,
            "events": timeline(item),
            "is_owner": permissions.is_owner(user, item),
            "is_owner_head": permissions.is_owner_head(user, item),
            "is_leader": permissions.is_item_leader(user, item),
            "today": today,
        },
    )


@staff_view(permissions.can_open_area)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_item(request.user, pk))


@require_POST
@staff_view(permissions.can_open_area)
def item_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step, posted from the task's page."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    item = _get_item(user, pk)
    if not step.may(user, item):
        raise Http404
    form = _step_form(action, item, request.POST)
    page = reverse("ledger:detail", args=[item.pk]) + step.anchor
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        step.run(item, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        # The action changed nothing; the page shows the refusal with the input kept.
        place_error(form, step.hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, step.done(item) if step.done else _("已%(a)s。") % {"a": step.label})
    return redirect(reverse("ledger:detail", args=[item.pk]) + step.anchor)
