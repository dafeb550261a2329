"""The candidate's pages: my exams and results, the timed exam page, the result.

The exam page survives a reload or a dropped connection: each answer is saved as it is given
(htmx posts the one question to `answer`), and the clock is the server's (the deadline is stored
on the sitting; the page counts down from what the server says is left and submits itself when
time runs out). Without JavaScript the paper is still a form: the submit button saves every
answer and hands in."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.http import staff_view
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.learning import actions, permissions
from fazhi.learning.models import Answer, Attempt, Exam, Question


def _now() -> datetime.datetime:
    return timezone.now()


@staff_view(permissions.can_take_exams)
def index(request: HttpRequest) -> HttpResponse:
    """My exams (those I am on the roster of) and my results."""
    user: Any = request.user
    now = _now()
    employee = actions.employee_of(user)
    exams: list[Exam] = []
    attempts: list[Attempt] = []
    if employee is not None:
        actions.expire_attempts(employee=employee, now=now)
        exams = list(Exam.objects.filter(candidates__employee=employee).order_by("-opens_at", "-pk"))
        attempts = list(Attempt.objects.filter(employee=employee).select_related("exam").order_by("-pk"))
        by_exam: dict[int, list[Attempt]] = {}
        for a in attempts:
            by_exam.setdefault(a.exam_id, []).append(a)
        for exam in exams:
            mine = by_exam.get(exam.pk, [])
            exam.mine = mine  # type: ignore[attr-defined]
            exam.in_progress = next((a for a in mine if a.submitted_at is None), None)  # type: ignore[attr-defined]
            exam.passed = any(a.passed for a in mine)  # type: ignore[attr-defined]
            exam.can_start = (  # type: ignore[attr-defined]
                exam.source == Exam.Source.ONLINE
                and exam.is_open(now)
                and not exam.passed  # type: ignore[attr-defined]
                and (exam.in_progress is not None or len(mine) < exam.max_attempts)  # type: ignore[attr-defined]
            )
            exam.state = _state(exam, now)  # type: ignore[attr-defined]
    return render(
        request,
        "learning/index.html",
        {"employee": employee, "exams": exams, "attempts": attempts, **area(user)},
    )


def _state(exam: Exam, now: datetime.datetime) -> str:
    if now < exam.opens_at:
        return str(_("未开考"))
    if exam.is_open(now):
        return str(_("进行中"))
    return str(_("已结束"))


def area(user: Any) -> dict[str, Any]:
    return {
        "can_manage": permissions.can_manage(user),
        "can_read_scores": permissions.can_read_scores(user),
        "can_take": permissions.can_take_exams(user),
    }


@require_POST
@staff_view(permissions.can_take_exams)
def start(request: HttpRequest, pk: int) -> HttpResponse:
    exam = get_object_or_404(Exam, pk=pk)
    try:
        attempt = actions.open_attempt(exam, request.user, now=_now())
    except LegalGateClosed as exc:
        if (
            actions.employee_of(request.user) is None
            or not exam.candidates.filter(employee__user=request.user.pk).exists()
        ):
            raise Http404 from exc
        messages.error(request, str(exc))
        return redirect("learning:index")
    return redirect("learning:attempt", pk=attempt.pk)


def _own_attempt(request: HttpRequest, pk: int) -> Attempt:
    attempt = (
        Attempt.objects.select_related("exam", "employee")
        .filter(pk=pk, employee__user=request.user.pk)
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def paper_rows(attempt: Attempt, *, reveal: bool) -> list[dict[str, Any]]:
    """The questions in the order drawn, each with its options in the order drawn."""
    questions = Question.objects.in_bulk(attempt.question_ids)
    answers = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    rows = []
    for n, qid in enumerate(attempt.question_ids, start=1):
        q = questions[qid]
        answer = answers.get(qid)
        value = answer.value if answer else ""
        order = attempt.option_orders.get(str(qid), list(range(len(q.options))))
        options = [
            {
                "shown": chr(ord("A") + i),
                "value": chr(ord("A") + k),
                "text": q.options[k],
                "checked": chr(ord("A") + k) in value,
            }
            for i, k in enumerate(order)
        ]
        shown = {o["value"]: o["shown"] for o in options}
        rows.append(
            {
                "n": n,
                "q": q,
                "options": options,
                "value": value,
                "points": attempt.points.get(str(qid), ""),
                "correct": answer.correct if answer else False,
                "your_shown": "".join(sorted(shown.get(c, c) for c in value)) if options else value,
                "answer_shown": "".join(sorted(shown.get(c, c) for c in q.answer)) if options else q.answer,
                "reveal": reveal,
            }
        )
    return rows


@staff_view(permissions.can_take_exams)
def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    now = _now()
    if attempt.submitted_at is None and attempt.deadline_at and now > attempt.deadline_at:
        actions.expire_attempts(exam=attempt.exam, employee=attempt.employee, now=now)
        attempt.refresh_from_db()
    graded = attempt.graded_at is not None
    reveal = graded and attempt.exam.is_closed(now)
    remaining = 0
    if not graded and attempt.deadline_at:
        remaining = max(0, int((attempt.deadline_at - now).total_seconds()))
    return render(
        request,
        "learning/attempt.html",
        {
            "attempt": attempt,
            "exam": attempt.exam,
            "graded": graded,
            "reveal": reveal,
            "rows": paper_rows(attempt, reveal=reveal) if attempt.question_ids else [],
            "remaining": remaining,
            **area(request.user),
        },
    )


def _posted_value(request: HttpRequest, qid: int) -> str:
    """A multiple choice posts one letter per ticked box ("A", "C" → "AC"); the others one value."""
    values = [v.strip() for v in request.POST.getlist(f"q-{qid}") if v.strip()]
    return "".join(sorted(values)) if len(values) > 1 else (values[0] if values else "")


@require_POST
@staff_view(permissions.can_take_exams)
def answer(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    """One answer saved as given (htmx); answers with a short status for the question."""
    attempt = _own_attempt(request, pk)
    try:
        saved = actions.save_answer(
            attempt, actor=request.user, question_id=qid, value=_posted_value(request, qid)
        )
    except LegalGateClosed as exc:
        response = HttpResponse(format_html('<span class="field-error">{}</span>', str(exc)))
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = reverse("learning:attempt", args=[attempt.pk])
        return response
    except (DomainError, PermissionDenied) as exc:
        raise Http404 from exc
    when = timezone.localtime(saved.saved_at).strftime("%H:%M:%S")
    return HttpResponse(format_html('<span class="saved">{} {}</span>', _("已保存"), when))


@require_POST
@staff_view(permissions.can_take_exams)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    now = _now()
    try:
        if attempt.submitted_at is None and attempt.deadline_at and now <= attempt.deadline_at:
            for qid in attempt.question_ids:
                if f"q-{qid}" in request.POST:
                    actions.save_answer(
                        attempt,
                        actor=request.user,
                        question_id=qid,
                        value=_posted_value(request, qid),
                        now=now,
                    )
        graded = actions.submit_attempt(attempt, actor=request.user, now=now)
    except LegalGateClosed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("已交卷。得分 %(s)s / %(m)s，%(r)s。")
            % {"s": graded.score, "m": graded.max_score, "r": _("合格") if graded.passed else _("不合格")},
        )
    return redirect("learning:attempt", pk=attempt.pk)
