"""The pre-appointment gate: a promotion (candidate, post, date) is confirmed only with a passed
pre-appointment law exam within the rule book's validity; a failed candidate may retake as the
rule book allows; failing again blocks the promotion, with the rule cited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.audit import record_event
from fazhi.core.calendar import shift_months
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed, clean_text, require
from fazhi.learning import permissions, rules
from fazhi.learning.models import Attempt, Employee, Exam, Promotion

BLOCKING = "不予任职"


def propose_promotion(*, actor: Any, employee: Employee, post: str, appointed_on: datetime.date) -> Promotion:
    require(permissions.can_manage(actor))
    if not isinstance(employee, Employee):
        raise DomainError("请选择拟任人选")
    require(permissions.can_manage(actor, employee))
    if not isinstance(appointed_on, datetime.date):
        raise DomainError("拟任职日期不正确")
    with transaction.atomic():
        promotion = Promotion.objects.create(
            agency_id=employee.agency_id,
            employee=employee,
            post=clean_text(post, "拟任职务", limit=100),
            appointed_on=appointed_on,
            created_by=actor,
        )
        record_event(
            "learning.promotion",
            actor=actor,
            obj=promotion,
            data={"employee": employee.full_name, "post": promotion.post, "on": appointed_on.isoformat()},
        )
    return promotion


def gate(promotion: Promotion) -> tuple[bool, str, Attempt | None]:
    """(allowed, the reason citing the rule, the passed attempt that opens the gate)."""
    validity = rules.current(rules.VALIDITY, promotion.agency_id)
    retakes = rules.current(rules.RETAKES, promotion.agency_id)
    since = shift_months(promotion.appointed_on, -validity.value)
    sittings = Attempt.objects.filter(
        employee=promotion.employee,
        # The pre-appointment exams of the promoting agency only.
        exam__agency_id=promotion.agency_id,
        exam__kind=Exam.Kind.PRE_APPOINTMENT,
        graded_at__isnull=False,
        graded_at__date__gte=since,
        graded_at__date__lte=promotion.appointed_on,
    ).order_by("graded_at", "pk")
    passed = next((a for a in sittings if a.passed), None)
    if passed is not None:
        return True, "", passed
    failed = sum(1 for a in sittings if a.passed is False)
    if failed > retakes.value:
        return False, f"任前法律知识考试{failed}次未通过，{BLOCKING}（{rules.cite(retakes)}）", None
    return (
        False,
        (
            f"拟任人选在拟任职日期前{validity.value}个月内没有通过任前法律知识考试，不能确认任职"
            f"（{rules.cite(validity)}）"
        ),
        None,
    )


class PromotionBlocked(LegalGateClosed):
    """The candidate failed more often than the retakes allow: the promotion is blocked (and
    stays blocked), the refusal citing the rule."""


def confirm_promotion(promotion: Promotion, *, actor: Any) -> Promotion:
    require(permissions.can_manage(actor, promotion))
    blocked = _confirm(promotion, actor)
    if blocked:
        raise PromotionBlocked(blocked)
    return promotion


@transaction.atomic
def _confirm(promotion: Promotion, actor: Any) -> str:
    if promotion.status != Promotion.Status.PROPOSED:
        raise InvalidTransition("该任职已处理")
    allowed, reason, attempt = gate(promotion)
    if not allowed and BLOCKING in reason:
        moved = Promotion.objects.filter(pk=promotion.pk, status=Promotion.Status.PROPOSED).update(
            status=Promotion.Status.BLOCKED,
            decision_note=reason[:300],
            decided_by=actor,
            decided_at=timezone.now(),
        )
        if not moved:
            raise InvalidTransition("该任职已处理")
        record_event(
            "learning.promotion_blocked",
            actor=actor,
            obj=promotion,
            from_status=Promotion.Status.PROPOSED,
            to_status=Promotion.Status.BLOCKED,
            data={"reason": reason},
        )
        promotion.refresh_from_db()
        return reason
    if not allowed:
        raise LegalGateClosed(reason)
    assert attempt is not None
    moved = Promotion.objects.filter(pk=promotion.pk, status=Promotion.Status.PROPOSED).update(
        status=Promotion.Status.CONFIRMED, exam_attempt=attempt, decided_by=actor, decided_at=timezone.now()
    )
    if not moved:
        raise InvalidTransition("该任职已处理")
    record_event(
        "learning.promotion_confirm",
        actor=actor,
        obj=promotion,
        from_status=Promotion.Status.PROPOSED,
        to_status=Promotion.Status.CONFIRMED,
        data={"attempt": attempt.pk, "score": str(attempt.score)},
    )
    promotion.refresh_from_db()
    return ""
