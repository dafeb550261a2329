"""Annual-report items on the "我的工作" dashboard, from January of the year after the report
year: for the legal affairs division, the report to create, submit (`annual_report.submit`, by
1 March) and publish (`annual_report.publish`, by 1 April), each with its rule-book deadline so
the dashboard shows it overdue; for the leadership, a report awaiting approval; for a division,
its open contribution tasks."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.agencies import agency_of, scoped
from fazhi.core.calendar import CalendarNotCovered, compute_deadline
from fazhi.core.formats import date_text
from fazhi.core.models import Organization
from fazhi.core.worklist import WorkItem
from fazhi.reports import permissions
from fazhi.reports.models import AnnualReport, ContributionTask

S = AnnualReport.Status
BEFORE_SUBMISSION = (S.DRAFTING, S.CONTRIBUTIONS, S.LEGAL_REVIEW, S.APPROVED)


def _deadline(year: int, rule: str) -> Any:
    try:
        return compute_deadline(datetime.date(year, 12, 31), rule)
    except CalendarNotCovered:
        return None


def _agency_of(user: Any) -> Organization | None:
    return agency_of(user)


def report_items(user: Any, *, today: datetime.date | None = None) -> Iterable[WorkItem]:
    today = today or timezone.localdate()
    kind = _("年度报告")
    items: list[WorkItem] = []
    year = today.year - 1  # from January, the past year's report is due
    if permissions.can_assemble(user):
        agency = _agency_of(user)
        report = AnnualReport.objects.filter(agency=agency, year=year).first()
        if report is None:
            items.append(
                WorkItem(
                    _("起草 %(y)s 年度法治政府建设情况报告") % {"y": year},
                    reverse("reports:list"),
                    kind,
                    _deadline(year, "annual_report.submit"),
                )
            )
        elif report.status in BEFORE_SUBMISSION:
            items.append(
                WorkItem(
                    _("报送 %(y)s 年度法治政府建设情况报告（%(s)s）")
                    % {"y": year, "s": report.get_status_display()},
                    reverse("reports:detail", args=[report.pk]),
                    kind,
                    _deadline(year, "annual_report.submit"),
                )
            )
        if report is None or report.status != S.PUBLISHED:
            items.append(
                WorkItem(
                    _("向社会公开 %(y)s 年度法治政府建设情况报告") % {"y": year},
                    reverse("reports:detail", args=[report.pk]) if report else reverse("reports:list"),
                    kind,
                    _deadline(year, "annual_report.publish"),
                )
            )
    if permissions.can_approve(user):
        for report in scoped(AnnualReport.objects.filter(status=S.LEGAL_REVIEW), user):
            items.append(
                WorkItem(
                    _("审议 %(t)s") % {"t": report.title},
                    reverse("reports:detail", args=[report.pk]) + "#approve",
                    kind,
                    _deadline(report.year, "annual_report.submit"),
                )
            )
    if permissions.can_see(user) and user.organization_id:
        tasks = ContributionTask.objects.filter(
            division_id=user.organization_id,
            submitted_at__isnull=True,
            report__status__in=(S.DRAFTING, S.CONTRIBUTIONS),
        ).select_related("section", "report")
        for task in tasks:
            items.append(
                WorkItem(
                    _("供稿：%(r)s · %(s)s（%(d)s 前）")
                    % {"r": task.report.title, "s": task.section.heading, "d": date_text(task.due_on)},
                    reverse("reports:task", args=[task.pk]),
                    kind,
                )
            )
    return items
