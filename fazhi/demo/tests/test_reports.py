"""The demo's annual reports: 2021 assembled from the demo's records, published, in the seed's
part order, its figures those of the seed report; the current year's in contribution."""

from __future__ import annotations

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core import figures
from fazhi.demo.data import load_demo
from fazhi.demo.reports import exam_key
from fazhi.reports import render
from fazhi.reports.models import AnnualReport


class DemoReportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_2021_is_published_in_the_seeds_part_order(self) -> None:
        report = AnnualReport.objects.get(year=2021)
        self.assertEqual(report.status, AnnualReport.Status.PUBLISHED)
        self.assertEqual(report.part_order, ["measures", "duty", "shortcomings", "plan"])
        self.assertEqual(report.approval_meeting, "局党委会（2022年第4次）")

    def test_the_2021_figures_are_the_seed_reports(self) -> None:
        said = {k: s.text for k, s in render.said_figures(AnnualReport.objects.get(year=2021)).items()}
        expected = {
            "decisions.catalog_matters": "5",
            "documents.issued": "5",
            "documents.filed": "5",
            "documents.filing_rate": "100%",
            "reviews.matters": "60余",
            "reviews.opinions": "近200",
            "inspections.units_inspected": "38",
            "inspections.problems_found": "0",
            "enforcement.major_penalties": "0",
            "enforcement.transferred": "0",
            "disputes.reconsiderations": "0",
            "disputes.litigations": "0",
            "ledger.group_deputies": "3",
            "ledger.group_divisions": "18",
            "manual.regulations_amended": "3",
        }
        for key, text in expected.items():
            with self.subTest(key=key):
                self.assertEqual(said[key], text)

    def test_the_law_exam_figure_is_447_when_the_exams_app_registers_it(self) -> None:
        said = render.said_figures(AnnualReport.objects.get(year=2021))[exam_key()]
        self.assertTrue(said.available)
        self.assertEqual(said.text, "447")

    def test_the_approximate_figures_stay_exact_underneath(self) -> None:
        snaps = render.said_figures(AnnualReport.objects.get(year=2021))
        self.assertEqual(int(snaps["reviews.matters"].snapshot.value), 63)  # type: ignore[union-attr]
        self.assertEqual(int(snaps["reviews.opinions"].snapshot.value), 196)  # type: ignore[union-attr]

    def test_the_current_years_report_awaits_the_divisions_contributions(self) -> None:
        report = AnnualReport.objects.exclude(year=2021).get()
        self.assertEqual(report.status, AnnualReport.Status.CONTRIBUTIONS)
        self.assertEqual(report.tasks.filter(submitted_at__isnull=True).count(), 3)

    def test_no_figure_issues_a_query_per_record(self) -> None:
        """Over the demo's records, which every system has: each figure of every year of the
        demo is counted in one query, or two for a rate (numerator and denominator)."""
        agency = AnnualReport.objects.get(year=2021).agency
        counted = 0
        for year in range(2021, timezone.localdate().year + 1):
            for figure in figures.all_figures():
                with self.subTest(key=figure.key, year=year), CaptureQueriesContext(connection) as queries:
                    value = figure.compute(agency, year)
                    counted += len(value.records)
                    self.assertLessEqual(len(queries), 2)
        self.assertGreater(counted, 1000)  # the figures did count records
