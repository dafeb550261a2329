"""/api/v1/learning — law study and exams over JSON.

    GET  /questions                    the bank (the personnel division)
    GET  /exams                        exams with roster, sat and passed counts (personnel, leadership)
    GET  /exams/{exam_id}/results      every sitting's score (personnel, leadership)
    GET  /stats?year=                  the year's figures by exam kind and unit (personnel, leadership)
    GET  /my/attempts                  the caller's own sittings and scores
    POST /exams/{exam_id}/attempts     start (or resume) a sitting: the drawn paper, options shuffled
    POST /attempts/{attempt_id}/answers   save one answer as given (refused once time is up: 409)
    POST /attempts/{attempt_id}/submit    hand in and grade (a late hand-in: 409)

Scores are read only by the candidate, the personnel division and the leadership; anything else
answers 404. Errors are JSON with a Chinese `detail`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import AfterValidator, Field

from fazhi.core.agencies import agency_of, scoped
from fazhi.core.api.fields import storable
from fazhi.learning import actions, permissions
from fazhi.learning.models import Attempt, Exam, Question
from fazhi.learning.stats import exam_figures, exams_with_counts

router = Router(tags=["学法用法"])
MAX_ID = 2**31 - 1
ExamId = Annotated[int, Path(ge=1, le=MAX_ID, description="考试编号")]
AttemptId = Annotated[int, Path(ge=1, le=MAX_ID, description="考试记录编号")]


class LearningErrorOut(Schema):
    detail: str


ERR = {
    400: LearningErrorOut,
    401: LearningErrorOut,
    404: LearningErrorOut,
    409: LearningErrorOut,
    422: LearningErrorOut,
}


class QuestionPageQuery(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_ID)


class BankQuestionOut(Schema):
    id: int
    code: str
    kind: str
    category: str
    stem: str
    options: list[str]
    answer: str
    explanation: str
    law: str | None
    article: str
    law_version_id: int | None
    status: str


class BankQuestionPageOut(Schema):
    count: int
    items: list[BankQuestionOut]


class LearningExamOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    source: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    time_limit_minutes: int
    pass_mark: int
    max_attempts: int
    roster: int
    sat: int
    passed: int


class ExamResultOut(Schema):
    attempt_id: int
    exam_id: int
    exam: str
    name: str
    unit: str
    number: int
    submitted_at: datetime.datetime | None
    score: Decimal | None
    max_score: Decimal | None
    passed: bool | None
    imported: bool


class LearningStatsQuery(Schema):
    year: int = Field(..., ge=2000, le=2100, description="统计年度")


class LearningKindFigureOut(Schema):
    kind: str
    label: str
    sat: int
    passed: int
    rate: Decimal


class LearningUnitFigureOut(Schema):
    unit: str
    sat: int
    passed: int
    rate: Decimal


class LearningStatsOut(Schema):
    year: int
    by_kind: list[LearningKindFigureOut]
    by_unit: list[LearningUnitFigureOut]


class ExamPaperQuestionOut(Schema):
    id: int
    kind: str
    stem: str
    points: str
    options: list[dict[str, str]] = Field(
        description="按显示顺序：shown（显示字母）、value（作答时提交的字母）、text"
    )
    answer: str = Field(description="已保存的作答")


class ExamSittingOut(Schema):
    id: int
    exam_id: int
    number: int
    seed: str
    deadline_at: datetime.datetime | None
    seconds_left: int
    questions: list[ExamPaperQuestionOut]


class ExamAnswerIn(Schema):
    question_id: int = Field(ge=1, le=MAX_ID)
    value: Annotated[str, Field(max_length=200), AfterValidator(storable)] = Field(
        description="单选 B；多选 ACD；判断 对/错；填空为所填文字"
    )


class ExamAnswerOut(Schema):
    question_id: int
    saved_at: datetime.datetime


def _scores_reader(request: HttpRequest) -> None:
    if not permissions.can_read_scores(request.user):
        raise Http404


def _result(a: Attempt) -> dict[str, Any]:
    return {
        "attempt_id": a.pk,
        "exam_id": a.exam_id,
        "exam": a.exam.title,
        "name": a.employee.full_name,
        "unit": a.employee.unit,
        "number": a.number,
        "submitted_at": a.submitted_at,
        "score": a.score,
        "max_score": a.max_score,
        "passed": a.passed,
        "imported": a.imported,
    }


@router.get("/questions", response={200: BankQuestionPageOut, **ERR}, summary="题库")
def question_list(request: HttpRequest, query: Query[QuestionPageQuery]) -> dict[str, Any]:
    if not permissions.can_manage(request.user):
        raise Http404
    qs = Question.objects.select_related("law").order_by("code")
    items = [
        {
            "id": q.pk,
            "code": q.code,
            "kind": q.kind,
            "category": q.category,
            "stem": q.stem,
            "options": q.options,
            "answer": q.answer,
            "explanation": q.explanation,
            "law": q.law.title if q.law else None,
            "article": q.article,
            "law_version_id": q.law_version_id,
            "status": q.status,
        }
        for q in qs[query.offset : query.offset + query.limit]
    ]
    return {"count": qs.count(), "items": items}


@router.get("/exams", response={200: list[LearningExamOut], **ERR}, summary="考试")
def exam_list(request: HttpRequest) -> list[dict[str, Any]]:
    _scores_reader(request)
    exams = scoped(exams_with_counts(), request.user).order_by("-opens_at", "-pk")
    fields = LearningExamOut.model_fields
    return [{f: getattr(e, f) for f in fields} for e in exams]


@router.get("/exams/{exam_id}/results", response={200: list[ExamResultOut], **ERR}, summary="考试成绩")
def exam_results(request: HttpRequest, exam_id: ExamId) -> list[dict[str, Any]]:
    _scores_reader(request)
    if not scoped(Exam.objects.filter(pk=exam_id), request.user).exists():
        raise Http404
    rows = (
        Attempt.objects.filter(exam_id=exam_id)
        .select_related("exam", "employee")
        .order_by("employee__unit", "employee__full_name", "number")
    )
    return [_result(a) for a in rows]


@router.get("/stats", response={200: LearningStatsOut, **ERR}, summary="学法考试统计")
def stats(request: HttpRequest, query: Query[LearningStatsQuery]) -> dict[str, Any]:
    _scores_reader(request)
    data = exam_figures(query.year, agency_of(request.user))
    return {
        "year": data["year"],
        "by_kind": [{**k, "label": str(k["label"])} for k in data["by_kind"]],
        "by_unit": data["by_unit"],
    }


@router.get("/my/attempts", response={200: list[ExamResultOut], **ERR}, summary="我的成绩")
def my_attempts(request: HttpRequest) -> list[dict[str, Any]]:
    if not permissions.can_take_exams(request.user):
        raise Http404
    rows = (
        Attempt.objects.filter(employee__user=request.user.pk)
        .select_related("exam", "employee")
        .order_by("-pk")
    )
    return [_result(a) for a in rows]


def _sitting(attempt: Attempt) -> dict[str, Any]:
    from django.utils import timezone

    from fazhi.learning.views.candidate import paper_rows

    left = 0
    if attempt.deadline_at and attempt.submitted_at is None:
        left = max(0, int((attempt.deadline_at - timezone.now()).total_seconds()))
    return {
        "id": attempt.pk,
        "exam_id": attempt.exam_id,
        "number": attempt.number,
        "seed": attempt.seed,
        "deadline_at": attempt.deadline_at,
        "seconds_left": left,
        "questions": [
            {
                "id": r["q"].pk,
                "kind": r["q"].kind,
                "stem": r["q"].stem,
                "points": r["points"],
                "options": [
                    {"shown": o["shown"], "value": o["value"], "text": o["text"]} for o in r["options"]
                ],
                "answer": r["value"],
            }
            for r in paper_rows(attempt, reveal=False)
        ],
    }


def _own(request: HttpRequest, attempt_id: int) -> Attempt:
    attempt = (
        Attempt.objects.select_related("exam", "employee")
        .filter(pk=attempt_id, employee__user=request.user.pk)
        .first()
    )
    if attempt is None or not permissions.can_take_exams(request.user):
        raise Http404
    return attempt


@router.post("/exams/{exam_id}/attempts", response={201: ExamSittingOut, **ERR}, summary="开始答题")
def start(request: HttpRequest, exam_id: ExamId) -> tuple[int, dict[str, Any]]:
    exam = Exam.objects.filter(pk=exam_id, candidates__employee__user=request.user.pk).first()
    if exam is None or not permissions.can_take_exams(request.user):
        raise Http404
    return 201, _sitting(actions.open_attempt(exam, request.user))


@router.post("/attempts/{attempt_id}/answers", response={200: ExamAnswerOut, **ERR}, summary="保存作答")
def save(request: HttpRequest, attempt_id: AttemptId, body: ExamAnswerIn) -> dict[str, Any]:
    attempt = _own(request, attempt_id)
    answer = actions.save_answer(attempt, actor=request.user, question_id=body.question_id, value=body.value)
    return {"question_id": answer.question_id, "saved_at": answer.saved_at}


@router.post("/attempts/{attempt_id}/submit", response={200: ExamResultOut, **ERR}, summary="交卷")
def submit(request: HttpRequest, attempt_id: AttemptId) -> dict[str, Any]:
    attempt = _own(request, attempt_id)
    return _result(actions.submit_attempt(attempt, actor=request.user))
