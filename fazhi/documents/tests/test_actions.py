from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent, NumberSeries
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.documents import actions
from fazhi.documents.models import Comment, Filing, NormativeDocument
from fazhi.documents.tests.factories import at, drafted, minutes, published, reviewed, soliciting
from fazhi.reviews.tests.test_actions import ReviewTestCase

S = NormativeDocument.Status
D = datetime.date


class DocumentTestCase(ReviewTestCase):
    series: NumberSeries

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.series = NumberSeries.objects.create(organization=cls.bureau, kind="normative", prefix="津科规")


class DraftingTests(DocumentTestCase):
    def test_a_division_drafts_with_a_first_version(self) -> None:
        document = drafted(self.drafter)
        self.assertEqual(
            (document.status, document.division, document.agency),
            (S.DRAFTING, self.sci_division, self.bureau),
        )
        self.assertEqual(document.versions.get().number, 1)
        self.assertTrue(AuditEvent.objects.filter(verb="document.create").exists())

    def test_provisional_documents_are_recognised_by_their_title(self) -> None:
        self.assertTrue(drafted(self.drafter, title="天津市科技创新券管理暂行办法").is_provisional)
        self.assertFalse(drafted(self.drafter, title="天津市科技创新券管理办法").is_provisional)

    def test_the_justice_bureau_cannot_draft(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.create_document(actor=self.filing_officer, title="x", text="y")

    def test_versions_are_numbered(self) -> None:
        document = drafted(self.drafter)
        self.assertEqual(
            actions.add_version(document, actor=self.drafter, text="新文本", note="修改第二条").number, 2
        )

    def test_another_division_cannot_edit(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.add_version(drafted(self.drafter), actor=self.outsider, text="新文本")


class SolicitationTests(DocumentTestCase):
    def test_the_comment_window_may_not_be_shorter_than_seven_working_days(self) -> None:
        document = drafted(self.drafter, start="2026-02-13")
        with at("2026-02-13"):
            # 7 working days from 13 Feb across Spring Festival end on 2 March.
            with self.assertRaisesMessage(LegalGateClosed, "截止日不得早于 2026年3月2日"):
                actions.open_solicitation(document, actor=self.drafter, closes_on=D(2026, 2, 27))
            actions.open_solicitation(document, actor=self.drafter, closes_on=D(2026, 3, 2))
        document.refresh_from_db()
        self.assertEqual(document.comment_rule.code, "document.comment_min")

    def test_a_document_concerning_market_actors_gets_thirty_days(self) -> None:
        document = drafted(self.drafter, start="2026-05-06", market=True)
        with at("2026-05-06"), self.assertRaisesMessage(LegalGateClosed, "《优化营商环境条例》第六十二条"):
            actions.open_solicitation(document, actor=self.drafter, closes_on=D(2026, 5, 20))

    def test_the_public_comments_only_while_the_window_is_open(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-04-10"):
            comment = actions.add_comment(document, text="建议明确备案时限", author_name="市民王某")
        self.assertEqual(comment.source, Comment.Source.PUBLIC)
        with at("2026-06-01"), self.assertRaisesMessage(DomainError, "不在征求意见期内"):
            actions.add_comment(document, text="晚到的意见")

    def test_review_is_refused_before_the_window_closes(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-04-20"), self.assertRaisesMessage(LegalGateClosed, "期满后方可送请合法性审核"):
            actions.submit_for_review(document, actor=self.drafter, legal_basis="法", explanation="说明")

    def test_every_comment_must_be_answered_before_review(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-04-10"):
            comment = actions.add_comment(document, text="建议明确备案时限")
        with at("2026-05-10"):
            with self.assertRaisesMessage(LegalGateClosed, "尚有 1 条意见未答复"):
                actions.submit_for_review(document, actor=self.drafter, legal_basis="法", explanation="说明")
            with self.assertRaisesMessage(DomainError, "请填写答复"):
                actions.answer_comment(comment, actor=self.drafter, adoption="not_adopted", answer="")
            actions.answer_comment(comment, actor=self.drafter, adoption="adopted", answer="已在第五条明确")
            review = actions.submit_for_review(
                document, actor=self.drafter, legal_basis="法", explanation="说明"
            )
        document.refresh_from_db()
        self.assertEqual(document.status, S.UNDER_REVIEW)
        self.assertEqual(review.subject, document)
        self.assertEqual(review.status, "submitted")


class DeliberationTests(DocumentTestCase):
    def test_deliberation_without_a_cleared_review_is_refused_citing_the_rule(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-05-10"):
            actions.submit_for_review(document, actor=self.drafter, legal_basis="法", explanation="说明")
            with self.assertRaisesMessage(LegalGateClosed, "不得提交集体审议"):
                actions.record_deliberation(
                    document,
                    actor=self.reviewer,
                    meeting_name="局长办公会",
                    meeting_on=D(2026, 5, 10),
                    outcome="passed",
                    minutes=minutes(),
                )
        document.refresh_from_db()
        self.assertEqual(document.status, S.UNDER_REVIEW)

    def test_deliberation_needs_the_minutes(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with at("2026-05-25"), self.assertRaisesMessage(DomainError, "请上传会议纪要"):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=D(2026, 5, 25),
                outcome="passed",
            )

    def test_a_meeting_before_the_review_concluded_is_refused(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with at("2026-05-25"), self.assertRaisesMessage(LegalGateClosed, "审议日期早于合法性审核意见出具日"):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=D(2026, 5, 1),
                outcome="passed",
                minutes=minutes(),
            )

    def test_a_drafter_cannot_record_the_meeting(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with self.assertRaises(PermissionDenied):
            actions.record_deliberation(
                document,
                actor=self.drafter,
                meeting_name="局长办公会",
                meeting_on=D(2026, 5, 25),
                outcome="passed",
                minutes=minutes(),
            )


class IssueAndPublishTests(DocumentTestCase):
    def test_issuance_numbers_documents_in_the_normative_series(self) -> None:
        first = published(self.drafter, self.reviewer, self.counsel)
        second = published(self.drafter, self.reviewer, self.counsel, title="天津市科技创新券管理办法")
        self.assertEqual((first.number, second.number), ("津科规〔2026〕1号", "津科规〔2026〕2号"))
        self.assertEqual(first.status, S.PUBLISHED)

    def test_publication_cannot_skip_issuance(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with self.assertRaises(PermissionDenied):
            actions.publish_document(
                document,
                actor=self.reviewer,
                published_on=D(2026, 5, 25),
                effective_on=D(2026, 5, 25),
                channel="网站",
            )

    def test_effective_date_before_publication_is_refused(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with at("2026-05-25"):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=D(2026, 5, 25),
                outcome="passed",
                minutes=minutes(),
            )
            actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
            with self.assertRaisesMessage(LegalGateClosed, "施行日期不得早于公布日期"):
                actions.publish_document(
                    document,
                    actor=self.reviewer,
                    published_on=D(2026, 5, 25),
                    effective_on=D(2026, 5, 20),
                    channel="网站",
                )

    def test_validity_is_five_years_from_the_effective_date(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21", effective_days=11)
        self.assertEqual(document.effective_on, D(2026, 6, 1))
        self.assertEqual(document.expires_on, D(2031, 6, 1))
        self.assertEqual(document.validity_rule.code, "document.validity")
        self.assertEqual(actions.evaluation_due_on(document), D(2030, 12, 1))

    def test_a_provisional_document_is_valid_for_two_years(self) -> None:
        document = published(
            self.drafter,
            self.reviewer,
            self.counsel,
            title="科技创新券管理暂行办法",
            on="2026-05-21",
            effective_days=11,
        )
        self.assertEqual(document.expires_on, D(2028, 6, 1))

    def test_a_not_adopted_draft_ends_there(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        with at("2026-05-25"):
            actions.record_deliberation(
                document,
                actor=self.reviewer,
                meeting_name="局长办公会",
                meeting_on=D(2026, 5, 25),
                outcome="not_passed",
                minutes=minutes(),
            )
            with self.assertRaises(PermissionDenied):
                actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
        document.refresh_from_db()
        self.assertEqual(document.status, S.NOT_ADOPTED)


class FilingTests(DocumentTestCase):
    def test_filing_is_due_thirty_days_after_publication_extended_past_national_day(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, start="2026-07-01", on="2026-09-04")
        with at("2026-09-10"):
            filing = actions.file_document(document, actor=self.reviewer, explanation="起草说明")
        # 4 Sep + 30 days = 4 Oct, inside the National Day holiday (1–7 Oct): due Thursday 8 Oct.
        self.assertEqual(filing.due_on, D(2026, 10, 8))
        self.assertTrue(filing.on_time)

    def test_a_late_filing_is_accepted_and_counted_late(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with at("2026-07-01"):
            filing = actions.file_document(document, actor=self.drafter, explanation="起草说明")
        self.assertFalse(filing.on_time)

    def test_a_document_is_filed_once(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with at("2026-05-22"):
            actions.file_document(document, actor=self.reviewer, explanation="说明")
            with self.assertRaises(PermissionDenied):
                actions.file_document(document, actor=self.reviewer, explanation="说明")

    def test_the_justice_bureau_defers_the_agency_corrects_and_it_is_filed(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with at("2026-05-22"):
            filing = actions.file_document(document, actor=self.reviewer, explanation="说明")
            with self.assertRaisesMessage(DomainError, "请填写纠正要求"):
                actions.decide_filing(filing, actor=self.filing_officer, decision="deferred")
            actions.decide_filing(
                filing,
                actor=self.filing_officer,
                decision="deferred",
                correction_request="第六条设定的证明事项缺乏依据，请予纠正",
            )
            with self.assertRaises(PermissionDenied):
                actions.decide_filing(filing, actor=self.filing_officer, decision="filed")
            actions.answer_correction(filing, actor=self.reviewer, answer="已发文删除第六条")
            actions.decide_filing(filing, actor=self.filing_officer, decision="filed")
        filing.refresh_from_db()
        self.assertEqual(filing.status, Filing.Status.FILED)
        verbs = list(AuditEvent.objects.filter(object_type="documents.filing").values_list("verb", flat=True))
        self.assertEqual(verbs, ["filing.submit", "filing.deferred", "filing.corrected", "filing.filed"])

    def test_the_agency_cannot_decide_its_own_filing(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with at("2026-05-22"):
            filing = actions.file_document(document, actor=self.reviewer, explanation="说明")
        with self.assertRaises(PermissionDenied):
            actions.decide_filing(filing, actor=self.reviewer, decision="filed")

    def test_rejection_needs_a_reason(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with at("2026-05-22"):
            filing = actions.file_document(document, actor=self.reviewer, explanation="说明")
        with self.assertRaisesMessage(DomainError, "请填写不予备案的理由"):
            actions.decide_filing(filing, actor=self.filing_officer, decision="rejected")

    def test_a_draft_cannot_be_filed(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.file_document(drafted(self.drafter), actor=self.reviewer, explanation="说明")


class AbandonTests(DocumentTestCase):
    def test_a_published_document_cannot_be_abandoned(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        with self.assertRaises(PermissionDenied):
            actions.abandon_document(document, actor=self.drafter, reason="不再需要")

    def test_a_draft_is_abandoned_with_a_reason(self) -> None:
        document = drafted(self.drafter)
        actions.abandon_document(document, actor=self.drafter, reason="并入其他文件")
        document.refresh_from_db()
        self.assertEqual(document.status, S.ABANDONED)
        stale = NormativeDocument.objects.get(pk=document.pk)
        stale.status = S.DRAFTING
        with self.assertRaises(InvalidTransition):
            actions.abandon_document(stale, actor=self.drafter, reason="再次终止")


class FilingStatsTests(DocumentTestCase):
    def test_rates_are_computed_from_the_records(self) -> None:
        from decimal import Decimal

        from fazhi.documents.stats import filing_stats

        on_time = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        late = published(
            self.drafter, self.reviewer, self.counsel, title="科技创新券管理办法", on="2026-05-22"
        )
        published(self.drafter, self.reviewer, self.counsel, title="新型研发机构认定办法", on="2026-05-25")
        with at("2026-05-26"):
            first = actions.file_document(on_time, actor=self.reviewer, explanation="说明")
            actions.decide_filing(first, actor=self.filing_officer, decision="filed")
        with at("2026-08-01"):
            actions.file_document(late, actor=self.reviewer, explanation="说明")
        stats = filing_stats(2026)
        self.assertEqual(
            (stats.issued, stats.filed, stats.filed_on_time, stats.decided, stats.accepted), (3, 2, 1, 1, 1)
        )
        self.assertEqual(stats.filing_rate, Decimal("0.6667"))
        self.assertEqual(stats.timeliness_rate, Decimal("0.5000"))
        self.assertEqual(stats.conformity_rate, Decimal("1.0000"))
        self.assertEqual(filing_stats(2020).filing_rate, None)
