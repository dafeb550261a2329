"""December with next year's calendar missing (issue 9): no step of a document is refused for a
later limit; the due dates are pending, never guessed, and filled when the year is entered."""

from __future__ import annotations

import datetime

from fazhi.core.deadlines import PendingGate
from fazhi.core.models import AuditEvent
from fazhi.core.testing import enter_year_from_notice, without_calendar_year
from fazhi.documents import actions
from fazhi.documents.models import Filing
from fazhi.documents.tests.factories import at, drafted, published, soliciting
from fazhi.documents.tests.test_actions import DocumentTestCase

D = datetime.date


class PendingDocumentDeadlines(DocumentTestCase):
    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def test_a_document_published_on_10_december_is_sent_for_filing_and_its_due_date_waits(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, start="2026-10-15", on="2026-12-10")
        with at("2026-12-20"):
            filing = actions.file_document(document, actor=self.reviewer, explanation="起草说明")
            self.assertIsNone(filing.due_on)
            self.assertIsNone(filing.on_time)
            self.login(self.reviewer)
            page = self.client.get(f"/work/documents/{document.pk}/")
            self.assertContains(page, "待录入 2027 年工作日历后计算")
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["documents.filing"], 1)
        filing = Filing.objects.get(pk=filing.pk)
        # 30 days after 10 December is Saturday 9 January 2027: the next working day.
        self.assertEqual(filing.due_on, D(2027, 1, 11))
        self.assertTrue(filing.on_time)
        event = AuditEvent.objects.get(verb="filing.deadline_computed")
        self.assertIs(event.data["in_time"], True)

    def test_comments_open_in_december_on_the_bound_and_are_extended_once_the_year_is_entered(self) -> None:
        document = drafted(self.drafter, start="2026-12-03", market=True)
        with at("2026-12-03"):
            with self.assertRaisesMessage(Exception, "2027年1月2日"):
                actions.open_solicitation(document, actor=self.drafter, closes_on=D(2027, 1, 1))
            # 30 days end on Saturday 2 January 2027; whether that is a rest day is not known yet.
            actions.open_solicitation(document, actor=self.drafter, closes_on=D(2027, 1, 2))
        with at("2027-01-03"), self.assertRaises(PendingGate):
            actions.submit_for_review(document, actor=self.drafter, legal_basis="依据", explanation="说明")
        with at("2026-12-21"):
            counts = enter_year_from_notice(2027, self.city_admin)
        self.assertEqual(counts["documents.solicitation"], 1)
        document.refresh_from_db()
        self.assertEqual(document.comment_closes_on, D(2027, 1, 4))  # 1–3 January are the holiday
        event = AuditEvent.objects.get(verb="document.solicitation_extended")
        self.assertEqual(event.data["previous"], "2027-01-02")

    def test_the_legacy_import_saves_rows_whose_filing_due_date_is_pending(self) -> None:
        from fazhi.documents.excel import import_rows, read_import
        from fazhi.documents.tests.test_excel import xlsx

        row = [
            "津科规〔2026〕9号",
            "历史文件",
            "2026-12-15",
            "2026-12-15",
            None,
            "现行有效",
            None,
            "2026-12-18",
            "予以备案",
        ]
        with at("2026-12-20"):
            upload = xlsx(row)
            report = read_import(upload, size=upload.size)
            self.assertEqual(report.errors, [])
            self.assertEqual(import_rows(report.rows, actor=self.reviewer, filename="历史文件.xlsx"), 1)
        filing = Filing.objects.get()
        self.assertIsNone(filing.due_on)
        enter_year_from_notice(2027, self.city_admin)
        filing.refresh_from_db()
        self.assertEqual(filing.due_on, D(2027, 1, 14))
        self.assertTrue(filing.on_time)

    def test_a_window_that_is_long_enough_is_left_as_it_is(self) -> None:
        document = soliciting(self.drafter, start="2026-12-15")
        with at("2026-12-16"):
            enter_year_from_notice(2027, self.city_admin)
        document.refresh_from_db()
        self.assertEqual(document.comment_closes_on, D(2027, 1, 19))
        self.assertFalse(AuditEvent.objects.filter(verb="document.solicitation_extended").exists())
