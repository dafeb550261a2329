"""The staff pages of complaints (/work/complaints/): the register of a year with its figures,
entering a complaint received by letter, at a visit or from the 12345 hotline, the .xlsx import
of hotline transfers, and a complaint's page with the steps the reader may take on it."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.complaints import actions, excel, permissions
from fazhi.complaints.forms import (
    AcceptForm,
    AnswerForm,
    DismissForm,
    EntryForm,
    FilterForm,
    ImportForm,
    JudicialTransferForm,
    LinkCaseForm,
    RegisterForm,
    TransferForm,
)
from fazhi.complaints.models import Complaint
from fazhi.complaints.stats import complaint_figures
from fazhi.core import refusals
from fazhi.core.agencies import agency_id_of
from fazhi.core.audit import timeline_of
from fazhi.core.calendar import stored_deadline
from fazhi.core.formfields import filter_notes, place_error
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.models import AuditEvent
from fazhi.core.pages import TRY_AGAIN, next_steps
from fazhi.core.workflow import DomainError
from fazhi.enforcement.models import EnforcementCase

S = Complaint.Status
PAGE_SIZE = 50


def _area(user: Any) -> dict[str, Any]:
    return {"can_register": permissions.can_register(user)}


# ---------------------------------------------------------------------------------------------
# The register


@staff_view(permissions.can_open_area)
def complaint_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    form = FilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    year = data.get("year") or today.year
    queryset = Complaint.objects.visible_to(user).filter(received_on__year=year)
    status = data.get("status")
    if status == "overdue":
        queryset = queryset.filter(status=S.REGISTERED, decision_due_on__lt=today) | queryset.filter(
            status=S.ACCEPTED, reply_due_on__lt=today
        )
    elif status:
        queryset = queryset.filter(status=status)
    if data.get("channel"):
        queryset = queryset.filter(channel=data["channel"])
    rows = queryset.select_related("division").defer("content", "findings", "reply", "notice")
    page = Paginator(rows.order_by("-received_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    for c in page.object_list:
        c.overdue = c.is_overdue(today)  # type: ignore[attr-defined]
    return render(
        request,
        "complaints/list.html",
        {
            **_area(user),
            "form": form,
            "notes": filter_notes(form),
            "filtered": any(form.data.get(name) for name in ("status", "channel")),
            "page": page,
            "year": year,
            "figures": complaint_figures(year, agency_id_of(user) or 0)
            if permissions.can_see_all(user)
            else None,
            "today": today,
        },
    )


# ---------------------------------------------------------------------------------------------
# Entering a complaint received by letter, at a visit or from the hotline

ENTRY_HINTS = (
    ("工单号", "hotline_ticket"),
    ("来源", "channel"),
    ("收到日期", "received_on"),
    ("匿名", "anonymous"),
    ("电子邮箱", "contact_email"),
    ("联系电话", "contact_phone"),
    ("通讯地址", "contact_address"),
    ("姓名", "contact_name"),
    ("类别", "kind"),
    ("事由", "subject"),
    ("被投诉举报", "respondent"),
    ("内容", "content"),
)


def _receipt_message(code: str) -> str:
    return _("已登记。查询码：%(code)s（仅显示这一次，请告知投诉举报人，凭此码在门户网站查询办理进展）。") % {
        "code": code
    }


@staff_view(permissions.can_register)
def complaint_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method == "POST":
        form = EntryForm(request.POST)
        if form.is_valid():
            try:
                complaint, code = actions.enter_complaint(actor=user, **form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, ENTRY_HINTS, str(exc))
            else:
                messages.success(request, _receipt_message(code))
                return redirect("complaints:detail", complaint.pk)
        messages.error(request, TRY_AGAIN)
    else:
        form = EntryForm(initial={"received_on": timezone.localdate(), "channel": Complaint.Channel.HOTLINE})
    return render(request, "complaints/create.html", {**_area(user), "form": form})


@staff_view(permissions.can_register)
def complaint_import(request: HttpRequest) -> HttpResponse:
    """Upload the sheet of 12345 transfers: every bad row is named with its reasons and nothing is
    saved; a clean file is entered whole, and the receipt codes are listed once."""
    user: Any = request.user
    context: dict[str, Any] = {**_area(user), "columns": list(excel.IMPORT_COLUMNS.items())}
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = excel.read_complaint_import(upload, size=upload.size, agency_id=agency_id_of(user))
        context["report"] = report
        if report.ok:
            try:
                context["entered"] = excel.import_complaints(report.rows, actor=user, filename=upload.name)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, _("已导入 %(n)d 件投诉举报。") % {"n": len(context["entered"])})
        else:
            messages.error(request, _("文件有误，未导入任何内容。请按下列提示修改后重新上传。"))
    return render(request, "complaints/import.html", {**context, "form": form})


# ---------------------------------------------------------------------------------------------
# A complaint's page and its steps


@dataclass(frozen=True)
class Step:
    """A step on a complaint's page: its button, where its form is, the form, who may take it on
    this complaint, when the page offers it (the action has the last word), the action, the words
    of a refusal that point at a field, the form's first values and the message once done."""

    label: Any
    anchor: str
    form: type[forms.Form]
    may: Callable[[Any, Complaint], bool]
    offered: Callable[[Complaint], bool]
    run: Callable[[Complaint, Any, dict[str, Any]], Any]
    hints: tuple[tuple[str, str], ...] = ()
    initial: Callable[[Complaint, datetime.date], dict[str, Any]] = field(default=lambda c, today: {})
    done: Any = None


def _registrar(user: Any, complaint: Complaint) -> bool:
    return permissions.can_register(user)


def _link_case(complaint: Complaint, user: Any, data: dict[str, Any]) -> None:
    case = EnforcementCase.objects.visible_to(user).filter(pk=data["case"]).first()
    if case is None:
        raise DomainError("未找到该执法案件")
    actions.link_enforcement_case(complaint, actor=user, case=case)


NOTICE_HINTS = (
    ("告知方式", "notice_method"),
    ("告知", "notice_method"),
    ("决定日期", "decided_on"),
    ("决定理由", "reason"),
    ("告知内容", "notice"),
)
HANDLED = (S.ACCEPTED, S.ANSWERED)

STEPS: dict[str, Step] = {
    "register": Step(
        gettext_lazy("登记"),
        "#decision",
        RegisterForm,
        _registrar,
        lambda c: c.status == S.SUBMITTED,
        lambda c, u, d: actions.register_complaint(c, actor=u, registered_on=d["registered_on"]),
        (("登记日期", "registered_on"),),
        initial=lambda c, today: {"registered_on": today},
        done=gettext_lazy("已登记，请在受理决定期限内作出受理或者转交的决定。"),
    ),
    "dismiss": Step(
        gettext_lazy("不予登记"),
        "#decision",
        DismissForm,
        _registrar,
        lambda c: c.status == S.SUBMITTED,
        lambda c, u, d: actions.dismiss_complaint(c, actor=u, reason=d["reason"]),
        (("理由", "reason"),),
        done=gettext_lazy("已不予登记。"),
    ),
    "accept": Step(
        gettext_lazy("受理并交处室办理"),
        "#decision",
        AcceptForm,
        _registrar,
        lambda c: c.status == S.REGISTERED,
        lambda c, u, d: actions.accept_complaint(
            c,
            actor=u,
            decided_on=d["decided_on"],
            division=d["division"],
            reason=d["reason"],
            notice=d["notice"],
            notice_method=d["notice_method"],
        ),
        (("承办处室", "division"), *NOTICE_HINTS),
        initial=lambda c, today: {"decided_on": today, "notice_method": Complaint.NoticeMethod.PORTAL},
        done=gettext_lazy("已受理并交承办处室办理。"),
    ),
    "transfer": Step(
        gettext_lazy("转交有权处理的机关"),
        "#decision",
        TransferForm,
        _registrar,
        lambda c: c.status == S.REGISTERED,
        lambda c, u, d: actions.transfer_complaint(
            c,
            actor=u,
            decided_on=d["decided_on"],
            authority=d["authority"],
            reason=d["reason"],
            notice=d["notice"],
            notice_method=d["notice_method"],
        ),
        (("有权处理的机关", "authority"), *NOTICE_HINTS),
        initial=lambda c, today: {"decided_on": today, "notice_method": Complaint.NoticeMethod.PORTAL},
        done=gettext_lazy("已转交有权处理的机关，并告知投诉举报人。"),
    ),
    "answer": Step(
        gettext_lazy("答复"),
        "#reply",
        AnswerForm,
        permissions.is_handler,
        lambda c: c.status == S.ACCEPTED,
        lambda c, u, d: actions.answer_complaint(
            c,
            actor=u,
            replied_on=d["replied_on"],
            findings=d["findings"],
            reply=d["reply"],
            reply_method=d["reply_method"],
            late_reason=d["late_reason"],
        ),
        (
            ("超过答复期限", "late_reason"),
            ("答复日期", "replied_on"),
            ("答复方式", "reply_method"),
            ("答复", "reply_method"),
            ("调查核实", "findings"),
            ("答复内容", "reply"),
        ),
        initial=lambda c, today: {"replied_on": today, "reply_method": Complaint.NoticeMethod.PORTAL},
        done=gettext_lazy("已答复。"),
    ),
    "link_case": Step(
        gettext_lazy("关联执法案件"),
        "#outcome",
        LinkCaseForm,
        _registrar,
        lambda c: c.status in HANDLED and c.enforcement_case_id is None,
        _link_case,
        (("案件", "case"),),
        done=gettext_lazy("已关联由此立案的执法案件。"),
    ),
    "judicial_transfer": Step(
        gettext_lazy("记录移送司法机关"),
        "#outcome",
        JudicialTransferForm,
        _registrar,
        lambda c: c.status in HANDLED and c.judicial_transferred_on is None,
        lambda c, u, d: actions.record_judicial_transfer(
            c, actor=u, transferred_on=d["transferred_on"], organ=d["organ"], reason=d["reason"]
        ),
        (("移送日期", "transferred_on"), ("司法机关", "organ"), ("移送理由", "reason")),
        initial=lambda c, today: {"transferred_on": today},
        done=gettext_lazy("已记录移送司法机关。"),
    ),
}

VERB_LABELS: dict[str, Any] = {
    "complaint.submit": gettext_lazy("网上提交"),
    "complaint.enter": gettext_lazy("录入并登记"),
    "complaint.register": gettext_lazy("登记"),
    "complaint.dismiss": gettext_lazy("不予登记"),
    "complaint.accept": gettext_lazy("受理"),
    "complaint.transfer": gettext_lazy("转交有权处理的机关"),
    "complaint.answer": gettext_lazy("答复"),
    "complaint.link_case": gettext_lazy("关联执法案件"),
    "complaint.judicial_transfer": gettext_lazy("移送司法机关"),
}


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    if event.verb == "complaint.accept":
        return str(data.get("division", ""))
    if event.verb == "complaint.transfer":
        return str(data.get("authority", ""))
    if event.verb == "complaint.dismiss":
        return str(data.get("reason", ""))
    if event.verb == "complaint.answer" and data.get("in_time") is not None:
        return _("按期") if data["in_time"] else _("逾期")
    if event.verb == "complaint.judicial_transfer":
        return str(data.get("organ", ""))
    return ""


def _get(user: Any, pk: int) -> Complaint:
    queryset = Complaint.objects.visible_to(user).select_related(
        "division",
        "decided_by",
        "replied_by",
        "created_by",
        "decision_rule",
        "reply_rule",
        "enforcement_case",
    )
    return get_visible_or_404(queryset, pk=pk)


def _of_agency(form: forms.Form, complaint: Complaint) -> forms.Form:
    """A step's form offering only the divisions of the complaint's own agency."""
    field = form.fields.get("division")
    if isinstance(field, forms.ModelChoiceField):
        field.queryset = field.queryset.filter(parent_id=complaint.agency_id)  # type: ignore[union-attr]
    return form


def _render_detail(
    request: HttpRequest, complaint: Complaint, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    step_forms: dict[str, forms.Form] = {
        name: _of_agency(step.form(prefix=name, initial=step.initial(complaint, today)), complaint)
        for name, step in STEPS.items()
        if step.may(user, complaint) and step.offered(complaint)
    }
    if bound is None:
        bound = refusals.bound_steps(
            request, STEPS, lambda name, data: _of_agency(STEPS[name].form(data, prefix=name), complaint)
        )
    step_forms.update(bound)
    case = complaint.enforcement_case
    return render(
        request,
        "complaints/detail.html",
        {
            **_area(user),
            "complaint": complaint,
            "forms": step_forms,
            "step_links": next_steps(step_forms, {name: step.label for name, step in STEPS.items()}),
            "decision_due": stored_deadline(
                complaint.registered_on, complaint.decision_due_on, complaint.decision_rule
            ),
            "reply_due": stored_deadline(complaint.decided_on, complaint.reply_due_on, complaint.reply_rule),
            "overdue": complaint.is_overdue(today),
            "case_openable": case is not None
            and EnforcementCase.objects.visible_to(user).filter(pk=case.pk).exists(),
            "events": timeline_of(
                complaint, verb_labels=VERB_LABELS, statuses=dict(S.choices), detail=_event_detail
            ),
            "today": today,
        },
    )


@staff_view(permissions.can_open_area)
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get(request.user, pk))


@require_POST
@staff_view(permissions.can_open_area)
def complaint_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step, posted from the complaint's page."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    complaint = _get(user, pk)
    if not step.may(user, complaint):
        raise Http404
    form = _of_agency(step.form(request.POST, prefix=action), complaint)
    page = reverse("complaints:detail", args=[complaint.pk]) + step.anchor
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        step.run(complaint, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        place_error(form, step.hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, str(step.done))
    return redirect(reverse("complaints:detail", args=[complaint.pk]) + step.anchor)
