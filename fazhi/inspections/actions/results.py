"""Tasks and results, and their publication."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from fazhi.core.attachments import attach_file
from fazhi.core.clock import today as _today
from fazhi.core.deadlines import deadline_or_pending
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    apply_transition,
    clean_text,
    require,
)
from fazhi.inspections import permissions
from fazhi.inspections.actions._common import TASK_TRANSITIONS, R
from fazhi.inspections.models import (
    Draw,
    InspectionTask,
)

# --- tasks and results -------------------------------------------------------------------------


def record_result(
    task: InspectionTask,
    *,
    actor: User,
    result: str,
    ended_on: datetime.date,
    description: str = "",
    attachments: Iterable[UploadedFile] = (),
) -> None:
    """An assigned inspector records the result (谁检查、谁录入). The result is due for
    publicity by the rule book's `inspection.result_publicity` (20 working days after the
    inspection ends, by default), computed now with the rule version in force on `ended_on` —
    or pending while the calendar of a year it needs is not entered (core.deadlines)."""
    require(permissions.can_record_result(actor, task))
    if result not in R.values:
        raise DomainError("检查结果不正确")
    description = clean_text(description, "问题描述", required=result == R.PROBLEMS_FOUND)
    today = _today()
    drawn_on = timezone.localdate(Draw.objects.only("drawn_at").get(plan_id=task.plan_id).drawn_at)
    if ended_on > today:
        raise DomainError("检查结束日期不能晚于今天")
    if ended_on < drawn_on:
        raise DomainError(f"检查结束日期不能早于抽取日期 {cn_date(drawn_on)}")
    due = deadline_or_pending(ended_on, "inspection.result_publicity")
    with transaction.atomic():
        for upload in attachments:
            attach_file(task, upload, actor=actor, purpose="检查记录")
        apply_transition(
            task,
            TASK_TRANSITIONS["record_result"],
            actor=actor,
            verb="inspection.result_record",
            data={
                "entity": task.entity.uscc,
                "result": result,
                "description": description,
                "ended_on": ended_on.isoformat(),
                "publicity_due_on": due.due.isoformat() if due else None,
                "rule": "inspection.result_publicity",
                "rule_version": due.rule_version if due else None,
            },
            result=result,
            result_description=description,
            ended_on=ended_on,
            result_recorded_by=actor,
            result_recorded_at=timezone.now(),
            publicity_due_on=due.due if due else None,
            publicity_rule_id=due.rule_id if due else None,
        )


def publish_results(tasks: Iterable[InspectionTask], *, actor: User) -> int:
    """Publish recorded results (all or none) on the public result list, dated today. A late
    publication is still made, and the audit event says it was late."""
    tasks = list(tasks)
    for task in tasks:
        require(permissions.can_publish_result(actor, task))
    today = _today()
    with transaction.atomic():
        for task in tasks:
            apply_transition(
                task,
                TASK_TRANSITIONS["publish"],
                actor=actor,
                verb="inspection.result_publish",
                data={
                    "published_on": today.isoformat(),
                    "publicity_due_on": task.publicity_due_on.isoformat() if task.publicity_due_on else None,
                    # Undecided (None) while the due date is pending: decided when it is filled.
                    "late": None if task.publicity_due_on is None else today > task.publicity_due_on,
                },
                published_on=today,
                published_by=actor,
            )
    return len(tasks)
