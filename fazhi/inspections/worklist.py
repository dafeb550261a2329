"""Inspection items on the “我的工作” dashboard: an enforcement officer's tasks waiting for the
inspection; for the planners (the legal affairs division), the results waiting for publication
with their deadline from the rule book, and the plans to publish and to draw (on their draw
date — a draw before or after it is refused)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.agencies import scoped
from fazhi.core.formats import date_text
from fazhi.core.worklist import WorkItem
from fazhi.inspections import permissions
from fazhi.inspections.models import InspectionPlan, InspectionTask

P = InspectionPlan.Status
T = InspectionTask.Status
LIMIT = 50


def _task_url(task: InspectionTask, anchor: str = "") -> str:
    return reverse("inspections:task_detail", args=[task.pk]) + anchor


def _officer_items(user: Any) -> list[WorkItem]:
    tasks = (
        InspectionTask.objects.assigned_to(user)
        .filter(status=T.ASSIGNED)
        .select_related("entity", "plan")
        .order_by("plan__draw_on", "plan_id", "sequence")
    )
    return [
        WorkItem(
            _("待检查：%(e)s（%(p)s）") % {"e": task.entity.name, "p": task.plan.title},
            _task_url(task, "#result"),
            _("抽查任务"),
        )
        for task in tasks[:LIMIT]
    ]


def _publicity_items(user: Any) -> list[WorkItem]:
    tasks = (
        InspectionTask.objects.visible_to(user)
        .filter(status=T.RECORDED)
        .select_related("entity", "publicity_rule")
        .order_by("publicity_due_on", "pk")
    )
    return [
        WorkItem(
            _("检查结果待公示：%(e)s") % {"e": task.entity.name},
            reverse("inspections:publicity") + f"#task-{task.pk}",
            _("结果公示"),
            due=task.publicity_deadline,
        )
        for task in tasks[:LIMIT]
    ]


def _plan_items(user: Any, today: datetime.date) -> list[WorkItem]:
    kind = _("抽查计划")
    items = []
    plans = scoped(InspectionPlan.objects.filter(status__in=[P.DRAFT, P.PUBLISHED]), user).order_by(
        "draw_on", "pk"
    )
    for plan in plans[:LIMIT]:
        url = reverse("inspections:plan_detail", args=[plan.pk])
        when = date_text(plan.draw_on)
        if plan.status == P.DRAFT:
            title = _("待公布（抽取日期 %(d)s）：%(t)s") % {"d": when, "t": plan.title}
            items.append(WorkItem(title, url + "#publish", kind))
        elif plan.draw_on == today:
            items.append(WorkItem(_("今日抽取：%(t)s") % {"t": plan.title}, url + "#draw", kind))
        elif plan.draw_on > today:
            title = _("待抽取（抽取日期 %(d)s）：%(t)s") % {"d": when, "t": plan.title}
            items.append(WorkItem(title, url + "#draw", kind))
        else:
            title = _("抽取日期 %(d)s 已过，未抽取，应另行制定计划：%(t)s") % {"d": when, "t": plan.title}
            items.append(WorkItem(title, url, kind))
    return items


def inspection_items(user: Any) -> Iterable[WorkItem]:
    items: list[WorkItem] = []
    if permissions.has_own_tasks(user):
        items += _officer_items(user)
    if permissions.is_planner(user):
        items += _plan_items(user, timezone.localdate())
        items += _publicity_items(user)
    return items
