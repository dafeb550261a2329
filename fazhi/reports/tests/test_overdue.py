"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, ProviderTestCase
from fazhi.reports.models import AnnualReport, ContributionTask, ReportSection
from fazhi.reports.overdue import overdue_contributions


class ReportTests(ProviderTestCase):
    def test_a_contribution_not_sent_by_its_due_date(self) -> None:
        report = AnnualReport.objects.create(
            agency=self.bureau, year=2023, title="2023年法治政府建设年度报告", created_by=self.reviewer
        )
        section = ReportSection.objects.create(report=report, part="measures", heading="推进依法行政")
        ContributionTask.objects.create(
            report=report, section=section, division=self.sci_division, due_on=LATE
        )
        ContributionTask.objects.create(
            report=report, section=section, division=self.other_division, due_on=AHEAD
        )
        ContributionTask.objects.create(
            report=report,
            section=section,
            division=self.legal_division,
            due_on=LATE,
            submitted_at=timezone.now(),
            submitted_by=self.reviewer,
        )
        self.assert_one(
            overdue_contributions(self.bureau, TODAY),
            words="推进依法行政",
            due=LATE,
            division=self.sci_division,
        )
