"""Exams: setting one (blueprint, window, time limit, the pass mark and retakes from the rule
book, the question pool frozen), its roster, a candidate's sitting (the paper drawn with a
recorded seed, never the same paper twice for one candidate), answers saved as they are given
with the clock on the server, submission (refused once time is up: the saved answers are graded
as they stand), grading at once, and results received from the city's online system."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.agencies import agency_for
from fazhi.core.audit import record_event
from fazhi.core.workflow import DomainError, LegalGateClosed, clean_text, require
from fazhi.learning import permissions, rules
from fazhi.learning.draw import Line, draw_paper, line_key
from fazhi.learning.grading import is_correct
from fazhi.learning.models import (
    Answer,
    Attempt,
    BlueprintLine,
    Candidate,
    Category,
    Employee,
    Exam,
    Question,
)

MAX_DRAWS = 20  # tries for a paper the candidate has not had before
MAX_MINUTES = 600


@dataclass(frozen=True)
class BlueprintSpec:
    category: str
    kind: str
    count: int
    points: Decimal


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def create_exam(
    *,
    actor: Any,
    title: str,
    kind: str,
    year: int,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    time_limit_minutes: int,
    blueprint: Sequence[BlueprintSpec],
    source: str = Exam.Source.ONLINE,
) -> Exam:
    require(permissions.can_manage(actor))
    agency = agency_for(actor)
    title = clean_text(title, "考试名称", limit=200)
    if kind not in Exam.Kind.values:
        raise DomainError("考试类型不正确")
    if source not in Exam.Source.values:
        raise DomainError("组织方式不正确")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("年度不正确")
    if closes_at <= opens_at:
        raise DomainError("截止时间应晚于开考时间")
    if not isinstance(time_limit_minutes, int) or not 1 <= time_limit_minutes <= MAX_MINUTES:
        raise DomainError(f"答题时限应在 1 至 {MAX_MINUTES} 分钟之间")
    if source == Exam.Source.ONLINE and not blueprint:
        raise DomainError("请设置组卷规则（各类别、题型的题数和分值）")
    pool: dict[str, list[int]] = {}
    seen: set[str] = set()
    for line in blueprint:
        key = line_key(line.category, line.kind)
        if line.category not in Category.values or line.kind not in Question.Kind.values:
            raise DomainError("组卷规则的类别或题型不正确")
        if key in seen:
            raise DomainError("组卷规则中同一类别、题型只能出现一次")
        seen.add(key)
        if line.count < 1 or line.points <= 0:
            raise DomainError("组卷规则的题数和分值应大于零")
        ids = list(
            Question.objects.usable()
            .filter(category=line.category, kind=line.kind)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if len(ids) < line.count:
            raise DomainError(
                f"题库中{Category(line.category).label}{Question.Kind(line.kind).label}只有 {len(ids)} 道在用试题，不足 {line.count} 道"
            )
        pool[key] = ids
    pass_mark = rules.current(rules.PASS_MARK, agency.pk)
    retakes = rules.current(rules.RETAKES, agency.pk)
    # The retake allowance is the pre-appointment exam's (a failed candidate may retake once);
    # the other exams are sat once unless the personnel division sets another exam.
    attempts = 1 + retakes.value if kind == Exam.Kind.PRE_APPOINTMENT else 1
    with transaction.atomic():
        exam = Exam.objects.create(
            agency=agency,
            title=title,
            kind=kind,
            year=year,
            source=source,
            opens_at=opens_at,
            closes_at=closes_at,
            time_limit_minutes=time_limit_minutes,
            pass_mark=pass_mark.value,
            max_attempts=attempts,
            rule_versions={pass_mark.code: pass_mark.version, retakes.code: retakes.version},
            pool=pool,
            created_by=actor,
        )
        BlueprintLine.objects.bulk_create(
            BlueprintLine(exam=exam, category=b.category, kind=b.kind, count=b.count, points=b.points)
            for b in blueprint
        )
        record_event(
            "learning.exam",
            actor=actor,
            obj=exam,
            data={
                "title": title,
                "kind": kind,
                "window": [opens_at.isoformat(), closes_at.isoformat()],
                "pass_mark": pass_mark.value,
                "max_attempts": attempts,
                "blueprint": [[b.category, b.kind, b.count, str(b.points)] for b in blueprint],
            },
        )
    return exam


@transaction.atomic
def add_candidates(exam: Exam, employees: Iterable[Employee], *, actor: Any) -> int:
    require(permissions.can_manage(actor, exam))
    employees = list(employees)
    if any(e.agency_id != exam.agency_id for e in employees):
        raise DomainError("应考人员应当是本机关名册中的人员")
    have = set(exam.candidates.values_list("employee_id", flat=True))
    new = [Candidate(exam=exam, employee=e) for e in employees if e.pk not in have]
    Candidate.objects.bulk_create(new)
    if new:
        record_event("learning.roster", actor=actor, obj=exam, data={"added": [c.employee_id for c in new]})
    return len(new)


def employee_of(user: Any) -> Employee | None:
    return Employee.objects.filter(user=user, is_active=True).first() if getattr(user, "pk", None) else None


def _lines(exam: Exam) -> list[Line]:
    return [Line(line_key(b.category, b.kind), b.count, str(b.points)) for b in exam.blueprint.all()]


def _option_counts(exam: Exam) -> dict[int, int]:
    ids = [i for ids in exam.pool.values() for i in ids]
    return {pk: len(opts) for pk, opts in Question.objects.filter(pk__in=ids).values_list("pk", "options")}


def recreate_paper(attempt: Attempt) -> list[int]:
    """The paper of an attempt, drawn again from its seed (for an appeal); equals the one kept."""
    exam = attempt.exam
    return draw_paper(exam.pool, _lines(exam), attempt.seed, _option_counts(exam)).question_ids


def open_attempt(exam: Exam, user: Any, *, now: datetime.datetime | None = None) -> Attempt:
    """The candidate's sitting in progress, or a new one with a freshly drawn paper."""
    now = _now(now)
    employee = employee_of(user)
    if employee is None or not exam.candidates.filter(employee=employee).exists():
        raise LegalGateClosed("您不在本次考试的应考人员名单中")
    if exam.source != Exam.Source.ONLINE:
        raise LegalGateClosed("本次考试在全市学法用法考试系统中进行，成绩由人事处导入")
    expire_attempts(exam=exam, employee=employee, now=now)
    current = exam.attempts.filter(employee=employee, submitted_at__isnull=True, imported=False).first()
    if current is not None:
        return current
    if not exam.is_open(now):
        raise LegalGateClosed("不在考试时间内")
    past = list(exam.attempts.filter(employee=employee))
    if any(a.passed for a in past):
        raise LegalGateClosed("您已通过本次考试")
    if len(past) >= exam.max_attempts:
        rule = rules.current(rules.RETAKES, exam.agency_id)
        raise LegalGateClosed(f"已参加 {len(past)} 次，不能再考（{rules.cite(rule)}）")
    had = {a.paper_digest for a in past if a.paper_digest}
    lines, counts = _lines(exam), _option_counts(exam)
    for _try in range(MAX_DRAWS):
        seed = secrets.token_hex(16)
        paper = draw_paper(exam.pool, lines, seed, counts)
        if paper.digest not in had:
            break
    else:
        raise LegalGateClosed("题池不足以为补考抽取一份不同的试卷，请人事处扩充题库后另设考试")
    deadline = min(now + datetime.timedelta(minutes=exam.time_limit_minutes), exam.closes_at)
    max_score = sum((Decimal(p) for p in paper.points.values()), Decimal(0))
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                exam=exam,
                employee=employee,
                number=len(past) + 1,
                seed=seed,
                question_ids=paper.question_ids,
                option_orders=paper.option_orders,
                points=paper.points,
                paper_digest=paper.digest,
                started_at=now,
                deadline_at=deadline,
                max_score=max_score,
            )
            record_event(
                "learning.attempt_start",
                actor=user,
                obj=attempt,
                data={
                    "exam": exam.pk,
                    "number": attempt.number,
                    "seed": seed,
                    "questions": paper.question_ids,
                    "digest": paper.digest,
                    "deadline": deadline.isoformat(),
                },
            )
    except IntegrityError:
        # Two tabs started at once: the other one won; use its attempt.
        return exam.attempts.get(employee=employee, number=len(past) + 1)
    return attempt


def _own(attempt: Attempt, user: Any) -> None:
    if attempt.employee.user_id != getattr(user, "pk", None):
        require(False)


def save_answer(
    attempt: Attempt, *, actor: Any, question_id: int, value: str, now: datetime.datetime | None = None
) -> Answer:
    """Save one answer as it is given; refused once the attempt is submitted or its time is up."""
    now = _now(now)
    _own(attempt, actor)
    if attempt.submitted_at is not None:
        raise LegalGateClosed("已交卷，不能再修改答案")
    if attempt.deadline_at is not None and now > attempt.deadline_at:
        raise LegalGateClosed("答题时间已到，答案未保存")
    if question_id not in attempt.question_ids:
        raise DomainError("该题不在您的试卷中")
    value = (value or "").strip()[:200]
    answer, _created = Answer.objects.update_or_create(
        attempt=attempt, question_id=question_id, defaults={"value": value, "saved_at": now}
    )
    return answer


def _grade(attempt: Attempt, *, now: datetime.datetime, auto: bool, actor: Any) -> Attempt:
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    answers = {a.question_id: a for a in attempt.answers.all()}
    score = Decimal(0)
    changed = []
    for qid in attempt.question_ids:
        answer = answers.get(qid)
        if answer is None:
            continue
        answer.correct = is_correct(questions[qid], answer.value)
        changed.append(answer)
        if answer.correct:
            score += Decimal(attempt.points[str(qid)])
    Answer.objects.bulk_update(changed, ["correct"])
    max_score = attempt.max_score or Decimal(0)
    passed = bool(max_score) and score * 100 >= attempt.exam.pass_mark * max_score
    moved = Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        submitted_at=now, auto_submitted=auto, graded_at=now, score=score, passed=passed
    )
    if not moved:
        raise LegalGateClosed("已交卷")
    record_event(
        "learning.attempt_graded",
        actor=actor if getattr(actor, "pk", None) else None,
        obj=attempt,
        data={"score": str(score), "max": str(max_score), "passed": passed, "auto": auto},
    )
    attempt.refresh_from_db()
    return attempt


def submit_attempt(attempt: Attempt, *, actor: Any, now: datetime.datetime | None = None) -> Attempt:
    """Hand in and grade at once. After the deadline the submission is refused; the answers saved
    in time are graded as they stand (the paper was handed in when the time ran out)."""
    now = _now(now)
    _own(attempt, actor)
    if attempt.submitted_at is not None:
        raise LegalGateClosed("已交卷")
    if attempt.deadline_at is not None and now > attempt.deadline_at:
        with transaction.atomic():
            _grade(attempt, now=attempt.deadline_at, auto=True, actor=None)
        raise LegalGateClosed("答题时间已到，逾时交卷不予接受；已按时间到时保存的答案评分")
    with transaction.atomic():
        return _grade(attempt, now=now, auto=False, actor=actor)


def expire_attempts(
    *, exam: Exam | None = None, employee: Employee | None = None, now: datetime.datetime | None = None
) -> int:
    """Grade the sittings whose time ran out without a submission (on access, and daily)."""
    now = _now(now)
    stale = Attempt.objects.filter(submitted_at__isnull=True, imported=False, deadline_at__lt=now)
    if exam is not None:
        stale = stale.filter(exam=exam)
    if employee is not None:
        stale = stale.filter(employee=employee)
    done = 0
    for attempt in stale.select_related("exam"):
        with transaction.atomic():
            try:
                assert attempt.deadline_at is not None
                _grade(attempt, now=attempt.deadline_at, auto=True, actor=None)
                done += 1
            except LegalGateClosed:
                pass
    return done


@dataclass(frozen=True)
class ResultRow:
    row: int
    name: str
    unit: str
    score: Decimal
    passed: bool


@dataclass
class ImportReport:
    imported: int
    already: int
    unmatched: list[ResultRow]


def parse_score(raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError) as exc:
        raise DomainError("成绩应为数字") from exc
    if not Decimal(0) <= value <= Decimal(1000):
        raise DomainError("成绩应在 0 至 1000 之间")
    return value.quantize(Decimal("0.1"))


@transaction.atomic
def import_results(
    exam: Exam, rows: Sequence[ResultRow], *, actor: Any, graded_at: datetime.datetime | None = None
) -> ImportReport:
    """Results received from the city's system, matched to the roster by name and unit; the
    rows that match nobody (or several) are listed for correction and not saved."""
    require(permissions.can_manage(actor, exam))
    when = graded_at or exam.closes_at
    people: dict[tuple[str, str], list[int]] = {}
    roster_of_agency = Employee.objects.filter(is_active=True, agency_id=exam.agency_id)
    for pk, name, unit in roster_of_agency.values_list("pk", "full_name", "unit"):
        people.setdefault((name, unit), []).append(pk)
    done = set(exam.attempts.filter(imported=True).values_list("employee_id", flat=True))
    # A result received for someone who also sat on the platform is their next sitting.
    sittings: dict[int, int] = {}
    for employee_id in exam.attempts.values_list("employee_id", flat=True):
        sittings[employee_id] = sittings.get(employee_id, 0) + 1
    unmatched: list[ResultRow] = []
    new: list[Attempt] = []
    roster = set(exam.candidates.values_list("employee_id", flat=True))
    already = 0
    for row in rows:
        found = people.get((row.name, row.unit), [])
        if len(found) != 1:
            unmatched.append(row)
            continue
        pk = found[0]
        if pk in done:
            already += 1
            continue
        done.add(pk)
        new.append(
            Attempt(
                exam=exam,
                employee_id=pk,
                number=sittings.get(pk, 0) + 1,
                imported=True,
                submitted_at=when,
                graded_at=when,
                score=row.score,
                passed=row.passed,
            )
        )
    Candidate.objects.bulk_create(
        [Candidate(exam=exam, employee_id=a.employee_id) for a in new if a.employee_id not in roster]
    )
    Attempt.objects.bulk_create(new)
    record_event(
        "learning.results_import",
        actor=actor,
        obj=exam,
        data={
            "imported": len(new),
            "already": already,
            "unmatched": [[r.row, r.name, r.unit] for r in unmatched],
        },
    )
    return ImportReport(imported=len(new), already=already, unmatched=unmatched)


def total_points(exam: Exam) -> Decimal:
    return sum((b.points * b.count for b in exam.blueprint.all()), Decimal(0))
