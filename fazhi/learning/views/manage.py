"""The personnel division's and the leadership's pages: the exams with their rosters and results,
setting an exam, importing the city's results; the question bank with its .xlsx import and
export and the re-approval of retired questions. Scores are read here only by the personnel
division and the leadership (a candidate reads their own on "my exams")."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.agencies import scoped
from fazhi.core.formfields import place_error
from fazhi.core.http import staff_view
from fazhi.core.models import LawVersion, User
from fazhi.core.workflow import DomainError
from fazhi.learning import actions, excel, permissions
from fazhi.learning.forms import EmployeeForm, ExamForm, QuestionForm, ReapproveForm, UploadForm, own_roster
from fazhi.learning.models import Attempt, Category, Employee, Exam, Question
from fazhi.learning.stats import exams_with_counts
from fazhi.learning.views.candidate import area

PAGE_SIZE = 50


@staff_view(permissions.can_read_scores)
def exam_list(request: HttpRequest) -> HttpResponse:
    exams = scoped(exams_with_counts(), request.user).order_by("-opens_at", "-pk")
    page = Paginator(exams, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/exam_list.html", {"page": page, **area(request.user)})


@staff_view(permissions.can_read_scores)
def exam_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exam = get_object_or_404(scoped(Exam.objects.all(), request.user), pk=pk)
    attempts = (
        Attempt.objects.filter(exam=exam)
        .select_related("employee")
        .order_by("employee__unit", "employee__full_name", "number")
    )
    sat = {a.employee_id for a in attempts if a.graded_at}
    page = Paginator(attempts, PAGE_SIZE).get_page(request.GET.get("page"))
    missing = exam.candidates.exclude(employee_id__in=sat).select_related("employee")[:PAGE_SIZE]
    return render(
        request,
        "learning/exam_detail.html",
        {
            "exam": exam,
            "blueprint": exam.blueprint.all(),
            "page": page,
            "roster": exam.candidates.count(),
            "sat": len(sat),
            "passed": attempts.filter(passed=True).values("employee").distinct().count(),
            "missing": missing,
            "upload": UploadForm(),
            **area(request.user),
        },
    )


@staff_view(permissions.can_manage)
def exam_create(request: HttpRequest) -> HttpResponse:
    form = ExamForm(request.POST or None)
    own_roster(form, request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            exam = actions.create_exam(
                actor=request.user,
                title=d["title"],
                kind=d["kind"],
                year=d["year"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
                time_limit_minutes=d["time_limit_minutes"],
                blueprint=d["blueprint"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(
                form,
                (
                    ("组卷", "blueprint"),
                    ("题库", "blueprint"),
                    ("截止", "closes_at"),
                    ("时限", "time_limit_minutes"),
                ),
                str(exc),
            )
        else:
            people = (
                [d["candidate"]]
                if d["roster"] == "one"
                else list(Employee.objects.filter(is_active=True, agency_id=exam.agency_id))
            )
            actions.add_candidates(exam, people, actor=request.user)
            messages.success(request, _("已设置考试：%(t)s") % {"t": exam.title})
            return redirect("learning:exam_detail", pk=exam.pk)
    return render(request, "learning/exam_create.html", {"form": form, **area(request.user)})


@require_POST
@staff_view(permissions.can_manage)
def results_import(request: HttpRequest, pk: int) -> HttpResponse:
    exam = get_object_or_404(scoped(Exam.objects.all(), request.user), pk=pk)
    form = UploadForm(request.POST, request.FILES)
    report = None
    rows_errors: list[tuple[int, str]] = []
    file_error = ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        rows, rows_errors, file_error = excel.read_results(upload, size=upload.size)
        if not file_error and not rows_errors:
            report = actions.import_results(exam, rows, actor=request.user)
    return render(
        request,
        "learning/results_import.html",
        {
            "exam": exam,
            "form": form,
            "report": report,
            "errors": rows_errors,
            "file_error": file_error,
            **area(request.user),
        },
    )


@staff_view(permissions.can_manage)
def question_list(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.select_related("law", "law_version").order_by("status", "code")
    category = request.GET.get("category", "")
    status = request.GET.get("status", "")
    if category in Category.values:
        questions = questions.filter(category=category)
    if status in Question.Status.values:
        questions = questions.filter(status=status)
    counts = dict(Question.objects.order_by().values_list("status").annotate(n=Count("pk")))
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/question_list.html",
        {
            "page": page,
            "categories": Category.choices,
            "statuses": Question.Status.choices,
            "category": category,
            "status": status,
            "counts": counts,
            "upload": UploadForm(),
            **area(request.user),
        },
    )


QUESTION_HINTS = (
    ("题号", "code"),
    ("答案", "answer"),
    ("选项", "options"),
    ("版本", "law_version"),
    ("题干", "stem"),
    ("解析", "explanation"),
    ("条款", "article"),
)


@staff_view(permissions.can_manage)
def question_create(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data["law_version"]
        try:
            question = actions.create_question(
                actor=request.user, law=version.law if version else None, **data
            )
        except DomainError as exc:
            place_error(form, QUESTION_HINTS, str(exc))
        else:
            messages.success(request, _("已录入试题 %(c)s。") % {"c": question.code})
            return redirect("learning:question_detail", pk=question.pk)
    return render(request, "learning/question_create.html", {"form": form, **area(request.user)})


@staff_view(permissions.can_manage)
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("law", "law_version"), pk=pk)
    form = ReapproveForm(request.POST or None)
    form = refusals.bound_forms(request, {"reapprove": ReapproveForm}).get("reapprove", form)  # type: ignore[assignment]
    current = question.law.version_on(timezone.localdate()) if question.law else None
    if request.method == "POST" and not form.is_valid():
        return refusals.refuse(request, form, action="reapprove", to=request.path)
    if request.method == "POST":
        if current is None:
            raise Http404
        try:
            actions.reapprove_question(
                question, actor=request.user, law_version=current, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
            return refusals.refuse(request, form, action="reapprove", to=request.path, message=str(exc))
        else:
            messages.success(request, _("已依据现行版本复核，试题恢复使用。"))
            return redirect("learning:question_detail", pk=question.pk)
    return render(
        request,
        "learning/question_detail.html",
        {"question": question, "current": current, "form": form, **area(request.user)},
    )


@staff_view(permissions.can_manage)
def question_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        excel.export_questions(Question.objects.order_by("code")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename=questions.xlsx"
    return response


@staff_view(permissions.can_manage)
def question_import(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    saved = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = excel.read_questions(upload, size=upload.size)
        if report.ok:
            saved = excel.import_questions(report, actor=request.user)
            messages.success(request, _("已导入 %(n)s 道试题。") % {"n": saved})
            return redirect("learning:questions")
    return render(
        request, "learning/question_import.html", {"form": form, "report": report, **area(request.user)}
    )


def version_label(version: LawVersion | None) -> str:
    return version.label if version else ""


@staff_view(permissions.can_manage)
def roster(request: HttpRequest) -> HttpResponse:
    """The roster of state employees, searched by name or unit; a person added (or a name
    corrected for a result that matched nobody)."""
    user: Any = request.user
    form = EmployeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        account = None
        if d["username"]:
            account = User.objects.filter(username=d["username"], is_active=True).first()
            if account is None:
                form.add_error("username", _("没有这个账号"))
        if not form.errors:
            try:
                employee = actions.add_employee(
                    actor=user, full_name=d["full_name"], unit=d["unit"], post=d["post"], user=account
                )
            except DomainError as exc:
                place_error(
                    form, (("账号", "username"), ("名册中已有", "full_name"), ("单位", "unit")), str(exc)
                )
            else:
                messages.success(request, _("已加入名册：%(e)s") % {"e": employee})
                return redirect(reverse("learning:roster") + "?q=" + employee.full_name)
    q = request.GET.get("q", "").strip()[:50]
    people = scoped(Employee.objects.select_related("user"), user).order_by("unit", "full_name", "pk")
    if q:
        people = people.filter(Q(full_name__contains=q) | Q(unit__contains=q))
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "learning/roster.html", {"page": page, "q": q, "form": form, **area(user)})
