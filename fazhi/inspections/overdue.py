"""Inspection results recorded and not published by their publicity time limit (公示期限,
stored on the task from the rule book), for the leadership's overview (core.overdue). A task has
no division of its own: it is the planning division's (who made the plan)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.inspections.models import InspectionTask

LIMIT = 200


def overdue_tasks(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        InspectionTask.objects.filter(
            agency_scope(agency, "plan__agency"),
            status=InspectionTask.Status.RECORDED,
            publicity_due_on__lt=today,
        )
        .select_related("entity", "plan__created_by__organization")
        .only(
            "pk",
            "publicity_due_on",
            "entity__name",
            "plan__title",
            "plan__created_by__organization__name",
            "plan__created_by__organization_id",
        )
        .order_by("publicity_due_on", "pk")[:LIMIT]
    )
    items = []
    for task in late:
        organization = task.plan.created_by.organization
        items.append(
            OverdueItem(
                title=_("检查结果超过公示期限：%(e)s（%(p)s）")
                % {"e": task.entity.name, "p": task.plan.title},
                url=reverse("inspections:task_detail", args=[task.pk]),
                kind=_("双随机抽查"),
                due_on=task.publicity_due_on,  # type: ignore[arg-type]
                division_id=organization.pk if organization else None,
                division_name=organization.name if organization else "",
                open_permission="inspections.manage_plan",
            )
        )
    return items
