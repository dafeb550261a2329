"""The overdue work this app lists on the leadership's overview (core.overdue), from stored due dates."""

from __future__ import annotations

from typing import Any

from fazhi.core.tests.overdue_cases import AHEAD, LATE, TODAY, D, ProviderTestCase
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.overdue import overdue_documents


class DocumentTests(ProviderTestCase):
    def document(self, title: str, **fields: Any) -> NormativeDocument:
        return NormativeDocument.objects.create(
            title=title, agency=self.bureau, division=self.sci_division, created_by=self.drafter, **fields
        )

    def test_a_published_document_not_sent_for_filing_in_time_and_a_closed_window(self) -> None:
        S = NormativeDocument.Status
        self.document("逾期未备案", status=S.PUBLISHED, published_on=D(2024, 4, 1))
        self.document("刚公布", status=S.PUBLISHED, published_on=D(2024, 6, 10))
        filed = self.document("已报送", status=S.PUBLISHED, published_on=D(2024, 4, 1))
        Filing.objects.create(
            document=filed,
            authority=self.justice_bureau,
            submitted_on=D(2024, 4, 20),
            submitted_by=self.reviewer,
        )
        self.document("征求意见已截止", status=S.SOLICITING, comment_closes_on=LATE)
        self.document("征求意见中", status=S.SOLICITING, comment_closes_on=AHEAD)
        items = list(overdue_documents(self.bureau, TODAY))
        self.assertEqual(len(items), 2, self.titles(items))
        filing, window = sorted(items, key=lambda i: i.due_on)
        self.assertIn("逾期未备案", filing.title)
        self.assertIn("备案", filing.kind)
        # 30 days after publication by the seeded rule book: in May, well before today.
        self.assertTrue(D(2024, 5, 1) <= filing.due_on < TODAY)
        self.assertIn("征求意见已截止", window.title)
        self.assertEqual(window.due_on, LATE)
        self.assertEqual({filing.division_id, window.division_id}, {self.sci_division.pk})
