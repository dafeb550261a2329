"""The normative-document figures of the annual report, against hand-built records."""

from __future__ import annotations

from typing import Any

from fazhi.core.figures import rate
from fazhi.core.models import DeadlineRule
from fazhi.core.tests.figure_cases import LAST_DAY, NEXT_YEAR, D, FigureTestCase
from fazhi.documents.models import CleanupCampaign, CleanupItem, Filing, NormativeDocument


class DocumentFigureTests(FigureTestCase):
    def document(
        self, published_on: Any, *, agency: Any = None, filed_on: Any = None, due_on: Any = None
    ) -> Any:
        agency = agency or self.bureau
        division = self.sci_division if agency == self.bureau else self.foreign_division
        doc = NormativeDocument.objects.create(
            title=f"文件{NormativeDocument.objects.count() + 1}",
            agency=agency,
            division=division,
            created_by=self.drafter,
            published_on=published_on,
        )
        if filed_on:
            Filing.objects.create(
                document=doc,
                authority=self.justice_bureau,
                submitted_on=filed_on,
                due_on=due_on or filed_on,
                due_rule=DeadlineRule.objects.get(code="document.filing", version=1),
                submitted_by=self.reviewer,
            )
        return doc

    def test_issued_filed_and_rate_count_the_years_documents_of_the_agency_only(self) -> None:
        self.document(LAST_DAY, filed_on=NEXT_YEAR, due_on=NEXT_YEAR)
        self.document(D(2021, 3, 1), filed_on=LAST_DAY, due_on=D(2021, 4, 1))  # filed late
        self.document(D(2021, 6, 1))  # not filed
        self.document(NEXT_YEAR, filed_on=NEXT_YEAR)  # the next year
        self.document(LAST_DAY, agency=self.other_agency, filed_on=LAST_DAY)  # another agency
        self.assertFigure("documents.issued", 3)
        self.assertFigure("documents.filed", 2)
        self.assertFigure("documents.filed_on_time", 1)
        self.assertEqual(self.figure("documents.filing_rate").value, rate(2, 3))
        self.assertFigure("documents.issued", 4, agency=None)

    def test_cleanup_results_count_the_campaigns_published_in_the_year(self) -> None:
        doc = self.document(D(2019, 5, 1))
        other = self.document(D(2019, 5, 1), agency=self.other_agency)
        done = CleanupCampaign.objects.create(
            title="2021年清理", reason="民法典", scope="全部", created_by=self.reviewer, published_on=LAST_DAY
        )
        later = CleanupCampaign.objects.create(
            title="2022年清理",
            reason="行政处罚法",
            scope="全部",
            created_by=self.reviewer,
            published_on=NEXT_YEAR,
        )
        CleanupItem.objects.create(campaign=done, document=doc, disposition=CleanupItem.Disposition.REPEAL)
        CleanupItem.objects.create(campaign=done, document=other, disposition=CleanupItem.Disposition.AMEND)
        CleanupItem.objects.create(campaign=later, document=doc, disposition=CleanupItem.Disposition.AMEND)
        self.assertFigure("documents.cleanup_reviewed", 1)
        self.assertFigure("documents.cleanup_repealed", 1)
        self.assertFigure("documents.cleanup_amended", 0)
        self.assertFigure("documents.cleanup_amended", 1, agency=None)
