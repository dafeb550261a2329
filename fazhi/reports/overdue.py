"""Contributions to the annual report not sent by their due date (供稿期限, as the legal affairs
division set it), for the leadership's overview (core.overdue); the division is the one that owes
the text."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.figures import agency_scope
from fazhi.core.overdue import OverdueItem
from fazhi.reports.models import ContributionTask

LIMIT = 200


def overdue_contributions(agency: Any, today: datetime.date) -> Iterable[OverdueItem]:
    late = (
        ContributionTask.objects.filter(
            agency_scope(agency, "division"), submitted_at__isnull=True, due_on__lt=today
        )
        .select_related("division", "section", "report")
        .only("pk", "due_on", "division__name", "division_id", "section__heading", "report__title")
        .order_by("due_on", "pk")[:LIMIT]
    )
    return [
        OverdueItem(
            title=_("年度报告供稿超期：%(r)s · %(s)s") % {"r": task.report.title, "s": task.section.heading},
            url=reverse("reports:task", args=[task.pk]),
            kind=_("法治政府建设年度报告"),
            due_on=task.due_on,
            division_id=task.division_id,
            division_name=task.division.name,
        )
        for task in late
    ]
