"""The figures of a year, counted in SQL from the records: participants and passes by exam kind
and by unit, and the study sessions; registered with the report's figure registry (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.figures import Figure, FigureValue, RecordRef, agency_scope, rate
from fazhi.learning.models import Attempt, Exam, StudySession


def _graded(year: int, kind: str | None = None, agency: Any = None) -> Any:
    """The graded sittings of the year's exams of `agency` (None: every agency's)."""
    qs = Attempt.objects.graded().filter(agency_scope(agency, "exam__agency"), exam__year=year)
    return qs.filter(exam__kind=kind) if kind else qs


def exam_figures(year: int, agency: Any = None) -> dict[str, Any]:
    """Per exam kind and per unit: people who sat (distinct), passed (distinct), the rate — of
    the exams of `agency` (None: every agency's)."""
    by_kind = []
    for kind, label in Exam.Kind.choices:
        row = _graded(year, kind, agency).aggregate(
            sat=Count("employee", distinct=True),
            passed=Count("employee", distinct=True, filter=Q(passed=True)),
        )
        by_kind.append({"kind": kind, "label": label, **row, "rate": rate(row["passed"], row["sat"])})
    units = (
        _graded(year, Exam.Kind.ANNUAL, agency)
        .values("employee__unit")
        .annotate(
            sat=Count("employee", distinct=True),
            passed=Count("employee", distinct=True, filter=Q(passed=True)),
        )
        .order_by("employee__unit")
    )
    by_unit = [
        {
            "unit": u["employee__unit"],
            "sat": u["sat"],
            "passed": u["passed"],
            "rate": rate(u["passed"], u["sat"]),
        }
        for u in units
    ]
    sessions = dict(
        StudySession.objects.filter(agency_scope(agency, "agency"), held_on__year=year)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return {
        "year": year,
        "by_kind": by_kind,
        "by_unit": by_unit,
        "sessions": [(label, sessions.get(kind, 0)) for kind, label in StudySession.Kind.choices],
    }


def _refs(year: int, *, passed_only: bool, agency: Any = None) -> list[RecordRef]:
    qs = _graded(year, Exam.Kind.ANNUAL, agency)
    if passed_only:
        qs = qs.filter(passed=True)
    # One record per person (their last graded sitting of the year's annual exam).
    rows = qs.order_by("employee_id", "-graded_at").values_list("pk", "employee_id", "employee__full_name")
    seen: set[int] = set()
    refs = []
    for pk, employee_id, name in rows:
        if employee_id not in seen:
            seen.add(employee_id)
            refs.append(RecordRef("learning.Attempt", pk, name))
    return refs


def participants(agency: Any, year: int) -> FigureValue:
    refs = _refs(year, passed_only=False, agency=agency)
    return FigureValue(len(refs), refs)


def passed(agency: Any, year: int) -> FigureValue:
    refs = _refs(year, passed_only=True, agency=agency)
    return FigureValue(len(refs), refs)


def pass_rate(agency: Any, year: int) -> FigureValue:
    every = _refs(year, passed_only=False, agency=agency)
    ok = _refs(year, passed_only=True, agency=agency)
    return FigureValue(rate(len(ok), len(every)), every)


def pre_appointment(agency: Any, year: int) -> FigureValue:
    refs = _refs_kind(year, Exam.Kind.PRE_APPOINTMENT, agency)
    return FigureValue(len(refs), refs)


def _refs_kind(year: int, kind: str, agency: Any = None) -> list[RecordRef]:
    rows = _graded(year, kind, agency).values_list("pk", "employee__full_name")
    return [RecordRef("learning.Attempt", pk, name) for pk, name in rows]


def study_sessions(agency: Any, year: int) -> FigureValue:
    rows = StudySession.objects.filter(agency_scope(agency, "agency"), held_on__year=year).values_list(
        "pk", "topic"
    )
    refs = [RecordRef("learning.StudySession", pk, topic) for pk, topic in rows]
    return FigureValue(len(refs), refs)


SYSTEM = _("学法用法")
FIGURES = [
    Figure(
        "learning.exam_participants",
        _("参加年度学法用法考试的国家工作人员"),
        _("人"),
        participants,
        SYSTEM,
        10,
    ),
    Figure("learning.exam_passed", _("通过年度学法用法考试的国家工作人员"), _("人"), passed, SYSTEM, 20),
    Figure("learning.exam_pass_rate", _("年度学法用法考试通过率"), _("%"), pass_rate, SYSTEM, 30),
    Figure(
        "learning.pre_appointment_sittings", _("任前法律知识考试人次"), _("人次"), pre_appointment, SYSTEM, 40
    ),
    Figure("learning.study_sessions", _("领导干部学法活动"), _("次"), study_sessions, SYSTEM, 50),
]


def _count(queryset: Any, field: str = "pk", *, distinct: bool = False) -> Any:
    """A per-exam count as a subquery (a join of roster and sittings would multiply the rows)."""
    from django.db.models import IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    counted = (
        queryset.filter(exam=OuterRef("pk"))
        .order_by()
        .values("exam")
        .annotate(n=Count(field, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def exams_with_counts() -> Any:
    """Exams with their roster, the people who sat and who passed: one query."""
    from fazhi.learning.models import Candidate

    graded = Attempt.objects.filter(graded_at__isnull=False)
    return Exam.objects.annotate(
        roster=_count(Candidate.objects.all()),
        sat=_count(graded, "employee", distinct=True),
        passed=_count(graded.filter(passed=True), "employee", distinct=True),
    )
