"""A case's pending due dates: which limits a case stores, and the filler that stores them once
the year's calendar is in (core.deadlines)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from fazhi.core.audit import record_event
from fazhi.core.deadlines import (
    deadline_or_pending,
    in_time,
)
from fazhi.core.models import User
from fazhi.enforcement.actions._common import publicity_rule
from fazhi.enforcement.models import EnforcementCase

# `deadline_or_pending` (core.deadlines): a step is never refused because a later limit cannot
# be computed yet (a case must be filed, a decision made, in December too): the due date is left
# pending — shown as such, never guessed — and `fill_pending_deadlines` stores it once the
# year's calendar is in (core.deadlines.fill_all runs it for every case).


# (start field, due field, rule field, rule code or a function of the case) of each stored limit.
PENDABLE: list[tuple[str, str, str, Any]] = [
    ("filed_on", "decision_due_on", "decision_rule", "enforcement.decision_max"),
    ("notified_on", "hearing_request_due_on", "hearing_request_rule", "enforcement.hearing_request"),
    ("hearing_on", "hearing_notice_due_on", "hearing_notice_rule", "enforcement.hearing_notice"),
    ("decided_on", "service_due_on", "service_rule", "enforcement.service"),
    (
        "decided_on",
        "publicity_due_on",
        "publicity_rule",
        lambda case: publicity_rule(case.category, case.outcome),
    ),
    ("reversal_effective_on", "withdrawal_due_on", "withdrawal_rule", "enforcement.publicity_withdrawal"),
]


def pending_fields(case: EnforcementCase) -> list[tuple[str, str, str, str]]:
    found = []
    for start_field, due_field, rule_field, rule in PENDABLE:
        if getattr(case, start_field) is None or getattr(case, due_field) is not None:
            continue
        if due_field == "hearing_request_due_on" and not case.hearing_right:
            continue
        if due_field == "withdrawal_due_on" and not case.published_on:
            continue
        if due_field in ("service_due_on", "publicity_due_on") and case.decided_on is None:
            continue
        found.append((start_field, due_field, rule_field, rule(case) if callable(rule) else rule))
    return found


# The date of the step each limit governs: once the limit is known, a step already taken is
# decided in time or late in the filling event (never against a pending date).
DONE_FIELD = {
    "decision_due_on": "decided_on",
    "hearing_request_due_on": "hearing_requested_on",
    "hearing_notice_due_on": "hearing_notified_on",
    "service_due_on": "served_on",
    "publicity_due_on": "published_on",
    "withdrawal_due_on": "withdrawn_on",
}


def fill_pending_deadlines(case: EnforcementCase, *, actor: User | None = None) -> list[str]:
    """Store the due dates left pending for want of a calendar year, now that it may be in.
    Returns the fields stored; writes one audit event when there are any."""
    updates: dict[str, Any] = {}
    data: dict[str, Any] = {}
    for start_field, due_field, rule_field, rule in pending_fields(case):
        deadline = deadline_or_pending(getattr(case, start_field), rule)
        if deadline is None:
            continue
        updates[due_field] = deadline.due
        updates[f"{rule_field}_id"] = deadline.rule_id
        data[due_field] = {
            "due": deadline.due.isoformat(),
            "rule": rule,
            "rule_version": deadline.rule_version,
            "in_time": in_time(getattr(case, DONE_FIELD[due_field]), deadline.due),
        }
    if updates:
        with transaction.atomic():
            EnforcementCase.objects.filter(pk=case.pk).update(**updates)
            record_event("enforcement.deadlines_computed", actor=actor, obj=case, data=data)
        for name, value in updates.items():
            setattr(case, name, value)
    return sorted(data)


def fill_all_pending_deadlines() -> int:
    """Every case with a pending due date (registered with core.deadlines; run daily by
    `fazhi deadlines fill`)."""
    filled = 0
    candidates = EnforcementCase.objects.filter(
        Q(decision_due_on__isnull=True)
        | Q(notified_on__isnull=False, hearing_right=True, hearing_request_due_on__isnull=True)
        | Q(hearing_on__isnull=False, hearing_notice_due_on__isnull=True)
        | Q(decided_on__isnull=False, service_due_on__isnull=True)
        | Q(decided_on__isnull=False, publicity_due_on__isnull=True)
        | Q(
            published_on__isnull=False,
            reversal_effective_on__isnull=False,
            withdrawn_on__isnull=True,
            withdrawal_due_on__isnull=True,
        )
    )
    for case in candidates:
        filled += bool(fill_pending_deadlines(case))
    return filled
