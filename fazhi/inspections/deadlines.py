"""The inspections' filler of pending due dates (registered with core.deadlines)."""

from __future__ import annotations

from django.db import transaction

from fazhi.core.audit import record_event
from fazhi.core.deadlines import deadline_or_pending, in_time
from fazhi.inspections.models import InspectionTask


def fill_pending_deadlines() -> int:
    """The publicity due dates left pending for want of a calendar year (core.deadlines): stored
    once the year is in, with whether a result already published was published in time."""
    filled = 0
    tasks = InspectionTask.objects.filter(ended_on__isnull=False, publicity_due_on__isnull=True)
    for task in tasks.select_related("plan"):
        assert task.ended_on is not None
        due = deadline_or_pending(task.ended_on, "inspection.result_publicity")
        if due is None:
            continue
        with transaction.atomic():
            InspectionTask.objects.filter(pk=task.pk).update(
                publicity_due_on=due.due, publicity_rule_id=due.rule_id
            )
            record_event(
                "inspection.deadlines_computed",
                actor=None,
                obj=task,
                data={
                    "publicity_due_on": due.due.isoformat(),
                    "rule": due.rule_code,
                    "rule_version": due.rule_version,
                    "in_time": in_time(task.published_on, due.due),
                },
            )
        filled += 1
    return filled
