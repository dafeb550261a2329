"""Publicity of a decision, its reversal, and the withdrawal of a reversed decision
(国办发〔2018〕118号; 行政处罚法 Art 48)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import (
    deadline_or_pending,
    in_time,
)
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    clean_text,
    require,
)
from fazhi.enforcement import permissions
from fazhi.enforcement.actions._common import WITHDRAWAL, _date
from fazhi.enforcement.actions.deadlines import fill_pending_deadlines
from fazhi.enforcement.models import EnforcementCase

# --- publicity -------------------------------------------------------------------------------


def publish(case: EnforcementCase, *, actor: User) -> None:
    """Publish the decision on the enforcement publicity page (行政执法公示)."""
    require(permissions.can_handle(actor, case) or permissions.can_decide(actor, case))
    if case.decided_on is None:
        raise DomainError("作出决定后方可公示")
    if case.published_on:
        raise DomainError("该决定已公示")
    if case.reversed_on:
        raise LegalGateClosed("决定已被变更、撤销或者确认违法、无效，不再公示：" + WITHDRAWAL)
    fill_pending_deadlines(case, actor=actor)
    today = _today()
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(published_on=today)
        record_event(
            "enforcement.publish",
            actor=actor,
            obj=case,
            data={
                "published_on": today.isoformat(),
                "due": case.publicity_due_on.isoformat() if case.publicity_due_on else None,
                "in_time": in_time(today, case.publicity_due_on),
            },
        )
    case.published_on = today


def record_reversal(
    case: EnforcementCase,
    *,
    actor: User,
    reversed_on: datetime.date,
    reason: str,
    effective_on: datetime.date | None = None,
) -> None:
    """The decision was changed, revoked, or declared unlawful or void (by reconsideration, a
    court or the bureau itself), by a decision or judgment made on `reversed_on` that took legal
    effect on `effective_on` (the bureau's own correction: the day it is made). A published
    decision must then be withdrawn within 3 working days of the effective day (Art 48, 85).
    The legal affairs division records it too, from the reconsideration decision or judgment."""
    require(
        permissions.can_handle(actor, case)
        or permissions.can_decide(actor, case)
        or actor.has_perm("disputes.handle_dispute")
    )
    if case.decided_on is None:
        raise DomainError("尚未作出决定")
    if case.reversed_on:
        raise DomainError("已记录该决定被变更、撤销或者确认违法、无效")
    reversed_on = _date(reversed_on, "变更、撤销之日")
    if reversed_on < case.decided_on or reversed_on > _today():
        raise DomainError("变更、撤销之日应当在决定之日至今天之间")
    effective_on = _date(effective_on or reversed_on, "发生法律效力之日")
    if effective_on < reversed_on or effective_on > _today():
        raise DomainError("发生法律效力之日应当在变更、撤销之日至今天之间；尚未生效的，生效后再记录")
    text = clean_text(reason, "变更、撤销或者确认违法、无效的情况")
    updates: dict[str, Any] = {
        "reversed_on": reversed_on,
        "reversal_effective_on": effective_on,
        "reversal_reason": text,
    }
    data: dict[str, Any] = {
        "reversed_on": reversed_on.isoformat(),
        "effective_on": effective_on.isoformat(),
        "reason": text,
    }
    if case.published_on and not case.withdrawn_on:
        due = deadline_or_pending(effective_on, "enforcement.publicity_withdrawal")
        if due is not None:
            updates.update(withdrawal_due_on=due.due, withdrawal_rule_id=due.rule_id)
        data.update(
            withdrawal_due_on=due.due.isoformat() if due else None,
            rule_version=due.rule_version if due else None,
        )
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(**updates)
        record_event("enforcement.reversal", actor=actor, obj=case, data=data)
    for name, value in updates.items():
        setattr(case, name, value)


def withdraw_publicity(case: EnforcementCase, *, actor: User) -> None:
    """Take a reversed decision off the publicity page; the page then states the reason."""
    require(permissions.can_handle(actor, case) or permissions.can_decide(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if not case.published_on or case.withdrawn_on:
        raise DomainError("该决定未在公示中")
    if not case.reversed_on:
        raise LegalGateClosed("决定未被变更、撤销或者确认违法、无效，不能撤回公示：" + WITHDRAWAL)
    today = _today()
    with transaction.atomic():
        EnforcementCase.objects.filter(pk=case.pk).update(withdrawn_on=today)
        record_event(
            "enforcement.withdraw_publicity",
            actor=actor,
            obj=case,
            data={
                "withdrawn_on": today.isoformat(),
                "in_time": in_time(today, case.withdrawal_due_on),
                "reason": case.reversal_reason,
            },
        )
    case.withdrawn_on = today
