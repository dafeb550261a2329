"""The annual-report pages of the staff area (/work/reports/): the list and a new report, a
report's page (its text with every figure linked to its records, the figures with how each is
said, what moved since the last generation, the contribution tasks and the steps), a section's
page, a figure's records, a division's contribution, and the .docx."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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

from fazhi.core import refusals
from fazhi.core.agencies import agency_of
from fazhi.core.attachments import attachments_of
from fazhi.core.formfields import place_error
from fazhi.core.http import get_visible_or_404, staff_view
from fazhi.core.models import Organization
from fazhi.core.pages import TRY_AGAIN, next_steps
from fazhi.core.workflow import DomainError
from fazhi.reports import actions, generation, permissions, snapshots
from fazhi.reports import forms as f
from fazhi.reports import render as rendering
from fazhi.reports.docx import build_report_docx, report_filename
from fazhi.reports.models import AnnualReport, ContributionTask, ReportSection

S = AnnualReport.Status


@dataclass(frozen=True)
class Step:
    label: Any
    form: type[forms.Form]
    run: Callable[[AnnualReport, Any, dict[str, Any]], Any]
    offered: Callable[[AnnualReport, Any], bool]
    hints: tuple[tuple[str, str], ...] = ()
    initial: Callable[[AnnualReport], dict[str, Any]] = lambda r: {}
    # False: the step only starts the work, whose outcome the report's page tells later.
    announce: bool = True


def _today_initial(name: str) -> Callable[[AnnualReport], dict[str, Any]]:
    return lambda r: {name: timezone.localdate()}


STEPS: dict[str, Step] = {
    "generate": Step(
        gettext_lazy("生成报告数字"),
        f.EmptyForm,
        lambda r, u, d: generation.start(r, actor=u),
        lambda r, u: permissions.can_assemble(u) and r.status not in AnnualReport.FROZEN,
        announce=False,
    ),
    "open_contributions": Step(
        gettext_lazy("开始处室供稿"),
        f.EmptyForm,
        lambda r, u, d: actions.open_contributions(r, actor=u),
        lambda r, u: permissions.can_assemble(u) and r.status == S.DRAFTING and r.tasks.exists(),
    ),
    "send_to_review": Step(
        gettext_lazy("提交法制机构审核"),
        f.EmptyForm,
        lambda r, u, d: actions.send_to_review(r, actor=u),
        lambda r, u: permissions.can_assemble(u) and r.status in (S.DRAFTING, S.CONTRIBUTIONS),
    ),
    "approve": Step(
        gettext_lazy("审议通过"),
        f.ApproveForm,
        lambda r, u, d: actions.approve_report(
            r, actor=u, meeting=d["meeting"], approved_on=d["approved_on"]
        ),
        lambda r, u: permissions.can_approve(u) and r.status == S.LEGAL_REVIEW,
        (("审议会议", "meeting"), ("审议日期", "approved_on")),
        _today_initial("approved_on"),
    ),
    "return": Step(
        gettext_lazy("退回修改"),
        f.ReturnForm,
        lambda r, u, d: actions.return_report(r, actor=u, reason=d["reason"]),
        lambda r, u: (
            (permissions.can_approve(u) or permissions.can_assemble(u))
            and r.status in (S.CONTRIBUTIONS, S.LEGAL_REVIEW, S.APPROVED)
        ),
        (("退回理由", "reason"),),
    ),
    "submit": Step(
        gettext_lazy("报送"),
        f.SubmitForm,
        lambda r, u, d: actions.submit_report(r, actor=u, **d),
        lambda r, u: permissions.can_assemble(u) and r.status == S.APPROVED,
        (("报送单位", "submitted_to"), ("报送日期", "submitted_on")),
        _today_initial("submitted_on"),
    ),
    "secrecy_check": Step(
        gettext_lazy("记录保密审查"),
        f.SecrecyForm,
        lambda r, u, d: actions.record_secrecy_check(r, actor=u, **d),
        lambda r, u: permissions.can_assemble(u) and r.status == S.SUBMITTED,
        (("保密审查人", "checked_by"), ("保密审查日期", "checked_on"), ("不予公开", "withheld")),
        _today_initial("checked_on"),
    ),
    "publish": Step(
        gettext_lazy("向社会公开"),
        f.PublishForm,
        lambda r, u, d: actions.publish_report(r, actor=u, **d),
        lambda r, u: permissions.can_assemble(u) and r.status == S.SECRECY_CHECKED,
        (("公开日期", "published_on"), ("公开载体", "channel"), ("保密审查", "published_on")),
        _today_initial("published_on"),
    ),
    "add_section": Step(
        gettext_lazy("增加章节"),
        f.AddSectionForm,
        lambda r, u, d: actions.add_section(r, actor=u, part=d["part"], heading=d["heading"], text=d["text"]),
        lambda r, u: permissions.can_assemble(u) and r.status in actions.EDITABLE,
        (("部分", "part"), ("小标题", "heading"), ("正文", "text")),
    ),
    "phrasing": Step(
        gettext_lazy("设置表述"),
        f.PhrasingForm,
        lambda r, u, d: actions.set_phrasing(r, actor=u, key=d["key"], phrasing=d["phrasing"]),
        lambda r, u: permissions.can_assemble(u) and r.status in actions.EDITABLE,
    ),
    "manual": Step(
        gettext_lazy("录入数字"),
        f.ManualFigureForm,
        lambda r, u, d: actions.enter_manual_figure(r, actor=u, **d),
        lambda r, u: permissions.can_assemble(u) and r.status in actions.EDITABLE,
        (
            ("数值", "value"),
            ("代码", "key"),
            ("名称", "label"),
            ("单位", "unit"),
            ("来源", "source"),
            ("文件", "evidence"),
        ),
    ),
}


def _reports(user: Any) -> Any:
    return AnnualReport.objects.visible_to(user).select_related("agency")


def _agency_of(user: Any) -> Organization | None:
    """The agency the user works for; None for a user of no agency (who makes no report)."""
    return agency_of(user)


@staff_view(permissions.can_see)
def report_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = None
    if permissions.can_assemble(user):
        form = f.CreateReportForm(
            request.POST if request.method == "POST" else None,
            initial={"year": timezone.localdate().year - 1, "order": "measures_first"},
        )
        if request.method == "POST":
            if form.is_valid():
                d = form.cleaned_data
                agency = _agency_of(user)
                try:
                    if agency is None:
                        raise DomainError(_("没有可编写报告的机关"))
                    report = actions.create_report(
                        actor=user,
                        agency=agency,
                        year=d["year"],
                        title=d["title"],
                        preamble=d["preamble"],
                        part_order=[str(p) for p in f.PART_ORDERS[d["order"]]],
                    )
                except DomainError as exc:
                    place_error(form, (("年度", "year"), ("部分", "order"), ("标题", "title")), str(exc))
                else:
                    messages.success(request, _("已创建报告：%(t)s。") % {"t": report.title})
                    return redirect("reports:detail", report.pk)
            messages.error(request, TRY_AGAIN)
    elif request.method == "POST":
        raise Http404
    return render(request, "reports/list.html", {"reports": _reports(user), "form": form})


def _step_forms(
    report: AnnualReport, user: Any, bound: dict[str, forms.Form] | None = None
) -> dict[str, forms.Form]:
    out = {
        name: step.form(prefix=name, initial=step.initial(report))
        for name, step in STEPS.items()
        if step.offered(report, user)
    }
    out.update(bound or {})
    return out


def _detail(
    request: HttpRequest, report: AnnualReport, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user: Any = request.user
    # First: a generation that ended since the report was read has stored figures it lacks.
    progress = _generation_progress(request, report)
    said = rendering.said_figures(report)
    link = lambda key: reverse("reports:figure", args=[report.pk, key])  # noqa: E731
    frozen = report.status in AnnualReport.FROZEN
    checking = frozen and request.GET.get("check") == "1"
    if bound is None:
        bound = refusals.bound_steps(request, STEPS, lambda name, data: STEPS[name].form(data, prefix=name))
    forms_offered = _step_forms(report, user, bound)
    if progress is not None:
        forms_offered.pop("generate", None)  # one generation at a time
    context = {
        "report": report,
        "parts": rendering.outline(report, said, link=link),
        "preamble": rendering.html_paragraphs(report.preamble, said, link=link),
        "figures": rendering.figure_table(report, said),
        "used": snapshots.figure_keys(report),
        # Against the records as they are now only on request: it recomputes every figure.
        "changes": (snapshots.diff_with_records(report) if checking else [])
        if frozen
        else snapshots.diff_generations(report),
        "changes_live": frozen,
        "checked": checking,
        "tasks": report.tasks.select_related("division", "section", "submitted_by"),
        "manual": report.manual_figures.all(),
        "forms": forms_offered,
        "progress": progress,
        "can_assemble": permissions.can_assemble(user),
        "editable": report.status in actions.EDITABLE and permissions.can_assemble(user),
        "submit_due": actions.deadline(report, "annual_report.submit"),
        "publish_due": actions.deadline(report, "annual_report.publish"),
        "steps": [(value, label) for value, label in S.choices],
    }
    context["step_links"] = next_steps(context["forms"], {name: step.label for name, step in STEPS.items()})
    return render(request, "reports/detail.html", context)


def _generation_progress(request: HttpRequest, report: AnnualReport) -> dict[str, Any] | None:
    """The progress of a running generation of the report's figures; once it is over, its
    outcome told (once) to the person who started it."""
    job = generation.Job(report.pk)
    state = job.state()
    phase = state.get("phase")
    if phase == generation.RUNNING:
        if not job.interrupted():
            return generation.progress_context(job, state)
        messages.warning(request, _("上次生成报告数字被中断，未保存任何数字；请重新生成。"))
        job.remove()
        job.release()
    elif phase in (generation.DONE, generation.FAILED) and state.get("by") == request.user.pk:
        if phase == generation.DONE:
            # The caller read the report before the state file said done: it may have been read
            # before the figures were stored (the page would say "done" and show none).
            report.refresh_from_db()
            messages.success(
                request, _("已生成报告数字（第 %(n)s 次生成）。") % {"n": state.get("generation")}
            )
        else:
            messages.error(request, state.get("message") or _("生成报告数字未完成。"))
        job.remove()
    return None


@staff_view(permissions.can_see)
def generation_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a generation alone, polled by htmx every second; once the work is over,
    htmx is sent back to the report's page (which tells the outcome)."""
    report = get_visible_or_404(_reports(request.user), pk=pk)
    job = generation.Job(report.pk)
    state = job.state()
    if state.get("phase") != generation.RUNNING or job.interrupted():
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("reports:detail", args=[report.pk])
        return response
    return render(request, "reports/_progress.html", {"progress": generation.progress_context(job, state)})


@staff_view(permissions.can_see)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_visible_or_404(_reports(request.user), pk=pk))


@require_POST
@staff_view(permissions.can_see)
def report_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    report = get_visible_or_404(_reports(user), pk=pk)
    form = step.form(request.POST, request.FILES, prefix=action)
    page = reverse("reports:detail", args=[report.pk]) + f"#{action}"
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        step.run(report, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        place_error(form, step.hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    if step.announce:
        messages.success(request, _("已%(a)s。") % {"a": step.label})
    return redirect(page)


@staff_view(permissions.can_see)
def section_edit(request: HttpRequest, pk: int, section_id: int) -> HttpResponse:
    user: Any = request.user
    report = get_visible_or_404(_reports(user), pk=pk)
    section = get_visible_or_404(ReportSection.objects.filter(report=report), pk=section_id)
    may_edit = permissions.can_assemble(user) and report.status in actions.EDITABLE
    may_assign = permissions.can_assemble(user) and report.status in (S.DRAFTING, S.CONTRIBUTIONS)
    if request.method == "POST" and not (may_edit or may_assign):
        raise Http404
    edit = f.SectionForm(initial={"heading": section.heading, "text": section.text}, prefix="edit")
    assign = f.AssignForm(report=report, initial={"section": section.pk}, prefix="assign")
    refused = refusals.bound_forms(
        request,
        {
            "edit": lambda data: f.SectionForm(data, prefix="edit"),
            "assign": lambda data: f.AssignForm(data, report=report, prefix="assign"),
        },
    )
    edit = refused.get("edit", edit)  # type: ignore[assignment]
    assign = refused.get("assign", assign)  # type: ignore[assignment]
    if request.method == "POST" and request.POST.get("do") == "assign":
        assign = f.AssignForm(request.POST, report=report, prefix="assign")
        if assign.is_valid():
            d = assign.cleaned_data
            try:
                actions.assign_contribution(section, actor=user, division=d["division"], due_on=d["due_on"])
            except DomainError as exc:
                place_error(assign, (("处室", "division"), ("期限", "due_on")), str(exc))
            else:
                messages.success(request, _("已布置供稿任务。"))
                return redirect("reports:section", report.pk, section.pk)
        return refusals.refuse(request, assign, action="assign", to=request.path)
    elif request.method == "POST":
        edit = f.SectionForm(request.POST, prefix="edit")
        if edit.is_valid():
            try:
                actions.edit_section(section, actor=user, **edit.cleaned_data)
            except DomainError as exc:
                place_error(edit, (("小标题", "heading"), ("正文", "text")), str(exc))
            else:
                messages.success(request, _("已保存章节。"))
                return redirect(reverse("reports:detail", args=[report.pk]) + f"#section-{section.pk}")
        return refusals.refuse(request, edit, action="edit", to=request.path)
    return render(
        request,
        "reports/section.html",
        {
            "report": report,
            "section": section,
            "form": edit if may_edit else None,
            "assign": assign if may_assign else None,
            "tasks": section.tasks.select_related("division"),
            "figures": [fig for fig in _registered()],
        },
    )


def _registered() -> list[dict[str, str]]:
    from fazhi.core.figures import all_figures

    return [
        {"key": x.key, "label": str(x.label), "unit": str(x.unit), "system": str(x.system)}
        for x in all_figures()
    ]


RECORDS_PAGE = 200


@staff_view(permissions.can_see)
def figure_records(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """The records that make a figure, as the last generation found them."""
    report = get_visible_or_404(_reports(request.user), pk=pk)
    snap = report.snapshots.filter(generation=report.generation, key=key).first()
    if snap is None:
        raise Http404
    page = Paginator(snap.records, RECORDS_PAGE).get_page(request.GET.get("page"))
    manual = report.manual_figures.filter(key=key.removeprefix("manual.")).first() if snap.manual else None
    return render(
        request,
        "reports/figure.html",
        {
            "report": report,
            "snap": snap,
            "page": page,
            "said": rendering.said_figures(report).get(key),
            "manual": manual,
            "evidence": attachments_of(manual) if manual else [],
        },
    )


@staff_view(permissions.can_see)
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_visible_or_404(_reports(request.user), pk=pk)
    return docx_response(report)


def docx_response(report: AnnualReport) -> HttpResponse:
    response = HttpResponse(
        build_report_docx(report),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(report_filename(report))}"
    return response


@staff_view(permissions.can_see)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A division's contribution: the section as it stands, and the text it sends."""
    user: Any = request.user
    task = get_visible_or_404(
        ContributionTask.objects.select_related("report", "section", "division").filter(
            report__in=AnnualReport.objects.visible_to(user)
        ),
        pk=pk,
    )
    may = permissions.can_contribute(user, task) and task.submitted_at is None
    form = f.ContributionForm(
        request.POST if request.method == "POST" else None, initial={"text": task.section.text}
    )
    form = refusals.bound_forms(request, {"contribute": f.ContributionForm}).get("contribute", form)  # type: ignore[assignment]
    if request.method == "POST":
        if not may:
            raise Http404
        if form.is_valid():
            try:
                actions.submit_contribution(task, actor=user, text=form.cleaned_data["text"])
            except DomainError as exc:
                place_error(form, (("供稿", "text"),), str(exc))
            else:
                messages.success(request, _("已提交供稿。"))
                return redirect("reports:task", task.pk)
        return refusals.refuse(request, form, action="contribute", to=request.path)
    return render(request, "reports/task.html", {"task": task, "form": form if may else None})
