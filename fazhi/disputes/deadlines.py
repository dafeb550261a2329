"""The disputes' filler of pending due dates (registered with core.deadlines).

A reply, defence or correction report filed while its due date was pending was recorded with
`in_time: null`; once the year is entered the date is stored and the event records whether the
step was in time, so the figures (disputes.stats, which compare the stored dates) count it then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model, Q

from fazhi.core.audit import record_event
from fazhi.core.deadlines import deadline_or_pending, in_time
from fazhi.disputes.models import Litigation, Reconsideration

# model → [(start field, due field, rule field, rule code, done field)]
LIMITS: dict[type[Model], list[tuple[str, str, str, str, str]]] = {
    Reconsideration: [
        ("received_on", "reply_due_on", "reply_rule", "reconsideration.reply", "replied_on"),
        (
            "opinion_letter_on",
            "correction_due_on",
            "correction_rule",
            "reconsideration.opinion_report",
            "correction_reported_on",
        ),
    ],
    Litigation: [
        ("complaint_received_on", "defence_due_on", "defence_rule", "litigation.defence", "defended_on"),
    ],
}


def fill_case(case: Any) -> list[str]:
    """Store the limits of one matter left pending; one audit event when any is stored."""
    updates: dict[str, Any] = {}
    data: dict[str, Any] = {}
    for start_field, due_field, rule_field, rule, done_field in LIMITS[type(case)]:
        start: datetime.date | None = getattr(case, start_field)
        if start is None or getattr(case, due_field) is not None:
            continue
        due = deadline_or_pending(start, rule)
        if due is None:
            continue
        updates[due_field], updates[f"{rule_field}_id"] = due.due, due.rule_id
        data[due_field] = {
            "due": due.due.isoformat(),
            "rule": rule,
            "rule_version": due.rule_version,
            "in_time": in_time(getattr(case, done_field), due.due),
        }
    if updates:
        model = type(case)
        with transaction.atomic():
            model._default_manager.filter(pk=case.pk).update(**updates)
            verb = "reconsideration" if model is Reconsideration else "litigation"
            record_event(f"{verb}.deadlines_computed", actor=None, obj=case, data=data)
        for name, value in updates.items():
            setattr(case, name, value)
    return sorted(data)


def fill_pending_deadlines() -> int:
    filled = 0
    reconsiderations = Reconsideration.objects.filter(
        Q(reply_due_on__isnull=True) | Q(opinion_letter_on__isnull=False, correction_due_on__isnull=True)
    )
    for case in reconsiderations:
        filled += bool(fill_case(case))
    for lawsuit in Litigation.objects.filter(defence_due_on__isnull=True):
        filled += bool(fill_case(lawsuit))
    return filled
