"""The filing pages and the figures page."""

from __future__ import annotations

from fazhi.core.models import AuditEvent
from fazhi.core.testing import make_department
from fazhi.documents import actions
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.tests.factories import at, published
from fazhi.documents.tests.test_views import FILINGS, STATS, ViewTestCase, act, detail, filing_act, filing_url
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.tests.factories import make_counsel


class FilingPageTests(ViewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A second department with its own divisions, reviewer, counsel and number series: its
        # documents are reviewed, numbered and published by its own legal affairs division.
        cls.commission = make_department()
        cls.other_agency = cls.commission.agency
        cls.other_drafter = cls.commission.drafter
        cls.other_reviewer = cls.commission.reviewer
        cls.other_counsel = make_counsel(name="钱律师", number="11201200510999999", agency=cls.other_agency)

    def theirs(self) -> NormativeDocument:
        document = published(
            self.other_drafter,
            self.other_reviewer,
            self.other_counsel,
            title="高校科研管理办法",
            on="2026-05-21",
        )
        self.assertTrue(document.number.startswith("津教规〔2026〕"))
        return document

    def test_the_drafter_files_from_the_document_page_and_sees_the_deadline(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-06-10")
        self.login(self.drafter)
        page = self.client.get(detail(document))
        self.assertContains(page, act(document, "file"))
        self.assertContains(page, '<time datetime="2026-07-10">2026年7月10日</time>', html=True)
        response = self.client.post(act(document, "file"), {"file-explanation": "起草说明全文"})
        self.assertIn("已报送司法局备案（报送期限 2026年7月10日，按期报送）。", self.messages_of(response))
        self.assertTrue(AuditEvent.objects.filter(verb="filing.submit").exists())
        response = self.client.post(act(document, "file"), {"file-explanation": "再次报送"})
        self.assertIn("该文件已报送备案", self.messages_of(response))
        self.assertEqual(Filing.objects.count(), 1)

    def test_the_filing_officer_sees_every_agencys_filings(self) -> None:
        ours = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        theirs = self.theirs()
        self.file(ours)
        with at("2026-07-01"):
            actions.file_document(theirs, actor=self.other_drafter, explanation="说明")
        self.login(self.filing_officer)
        response = self.client.get(FILINGS)
        self.assertContains(response, ours.title)
        self.assertContains(response, "高校科研管理办法")
        self.assertContains(response, "市教委")
        # Due 30 days after 21 May: Saturday 20 June, in the Dragon Boat holiday, so Monday 22 June.
        self.assertContains(response, "逾期 9 日")
        self.assertContains(response, "按期")
        self.assertContains(self.client.get(FILINGS, {"status": "filed"}), "没有符合条件的备案")
        self.assertNotContains(self.client.get(FILINGS, {"year": "2025"}), ours.title)

    def test_the_legal_affairs_division_sees_only_its_own_agencys_filings(self) -> None:
        ours = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        theirs = self.theirs()
        self.file(ours)
        with at("2026-05-22"):
            filing = actions.file_document(theirs, actor=self.other_reviewer, explanation="说明")
        self.login(self.reviewer)
        response = self.client.get(FILINGS)
        self.assertContains(response, ours.title)
        self.assertNotContains(response, "高校科研管理办法")
        self.assertEqual(self.client.get(filing_url(filing)).status_code, 404)

    def test_drafters_and_outsiders_get_404_on_the_filing_pages(self) -> None:
        filing = self.file(published(self.drafter, self.reviewer, self.counsel, on="2026-05-21"))
        for user in (self.drafter, self.outsider, self.advisor):
            self.login(user)
            self.assertEqual(self.client.get(FILINGS).status_code, 404)
            self.assertEqual(self.client.get(filing_url(filing)).status_code, 404)
            self.assertEqual(self.client.post(filing_act(filing, "decide")).status_code, 404)

    def test_the_filing_package_holds_the_document_the_explanation_and_the_review(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        filing = self.file(document)
        review = ReviewRequest.objects.get()
        self.login(self.filing_officer)
        response = self.client.get(filing_url(filing))
        self.assertContains(response, document.number)
        self.assertContains(response, "本办法的起草说明")
        self.assertContains(response, review.code)
        self.assertContains(response, "结论：合法")
        self.assertContains(response, "《中华人民共和国科学技术进步法》")
        self.assertContains(response, "第一条 为规范科技计划项目管理")
        self.assertContains(response, "予以备案")

    def test_the_filing_officer_accepts_the_filing_through_the_page(self) -> None:
        filing = self.file(published(self.drafter, self.reviewer, self.counsel, on="2026-05-21"))
        self.login(self.filing_officer)
        response = self.client.post(filing_act(filing, "decide"), {"decision-decision": "filed"})
        self.assertRedirects(response, filing_url(filing), fetch_redirect_response=False)
        self.assertIn("已作出审查结论：予以备案。", self.messages_of(response))
        filing.refresh_from_db()
        self.assertEqual((filing.status, filing.decided_by), (Filing.Status.FILED, self.filing_officer))
        self.assertTrue(AuditEvent.objects.filter(verb="filing.filed").exists())

    def test_a_rejection_without_a_reason_is_refused_next_to_the_field(self) -> None:
        filing = self.file(published(self.drafter, self.reviewer, self.counsel, on="2026-05-21"))
        self.login(self.filing_officer)
        response = self.client.post(
            filing_act(filing, "decide"), {"decision-decision": "rejected"}, follow=True
        )
        self.assertContains(
            response, '<p class="field-error" role="alert">不予备案的，请填写理由</p>', html=True
        )
        filing.refresh_from_db()
        self.assertEqual(filing.status, Filing.Status.SUBMITTED)

    def test_a_deferral_is_corrected_by_the_drafter_from_the_document_page_and_filed(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        filing = self.file(document)
        self.login(self.filing_officer)
        self.client.post(
            filing_act(filing, "decide"),
            {"decision-decision": "deferred", "decision-correction_request": "第六条缺乏依据"},
        )
        response = self.client.post(filing_act(filing, "decide"), {"decision-decision": "filed"})
        self.assertIn("当前状态为“暂缓备案（待纠正）”，不能作出备案审查结论", self.messages_of(response))
        self.login(self.drafter)
        page = self.client.get(detail(document))
        self.assertContains(page, "第六条缺乏依据")
        self.assertContains(page, act(document, "answer_correction"))
        response = self.client.post(
            act(document, "answer_correction"), {"correction-answer": ""}, follow=True
        )
        self.assertContains(response, "请填写纠正情况")
        self.assertContains(response, 'id="id_correction-answer_error"')
        response = self.client.post(act(document, "answer_correction"), {"correction-answer": "已删除第六条"})
        self.assertIn("已报送纠正情况，等待司法局复审。", self.messages_of(response))
        self.assertRedirects(response, detail(document) + "#filing", fetch_redirect_response=False)
        self.login(self.filing_officer)
        self.client.post(filing_act(filing, "decide"), {"decision-decision": "filed"})
        verbs = list(AuditEvent.objects.filter(object_type="documents.filing").values_list("verb", flat=True))
        self.assertEqual(verbs, ["filing.submit", "filing.deferred", "filing.corrected", "filing.filed"])

    def test_an_outsider_cannot_answer_a_correction(self) -> None:
        filing = self.file(published(self.drafter, self.reviewer, self.counsel, on="2026-05-21"))
        actions.decide_filing(
            filing, actor=self.filing_officer, decision="deferred", correction_request="纠正"
        )
        self.login(self.outsider)
        response = self.client.post(filing_act(filing, "answer_correction"), {"correction-answer": "x"})
        self.assertEqual(response.status_code, 404)
        response = self.client.post(act(filing.document, "answer_correction"), {"correction-answer": "x"})
        self.assertEqual(response.status_code, 404)
        filing.refresh_from_db()
        self.assertEqual(filing.status, Filing.Status.DEFERRED)

    def test_the_legal_affairs_division_answers_a_deferral_on_the_filing_page(self) -> None:
        filing = self.file(published(self.drafter, self.reviewer, self.counsel, on="2026-05-21"))
        self.login(self.reviewer)
        response = self.client.post(filing_act(filing, "answer_correction"), {"correction-answer": "x"})
        self.assertIn("当前状态为“已报送待审查”，不能报送纠正情况", self.messages_of(response))
        actions.decide_filing(
            filing, actor=self.filing_officer, decision="deferred", correction_request="纠正"
        )
        self.assertContains(self.client.get(filing_url(filing)), filing_act(filing, "answer_correction"))
        response = self.client.post(filing_act(filing, "answer_correction"), {"correction-answer": "已纠正"})
        self.assertRedirects(response, filing_url(filing), fetch_redirect_response=False)
        filing.refresh_from_db()
        self.assertEqual(filing.status, Filing.Status.CORRECTED)


class StatsPageTests(ViewTestCase):
    def test_the_years_figures_and_rates_are_shown(self) -> None:
        on_time = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        late = published(
            self.drafter, self.reviewer, self.counsel, title="科技创新券管理办法", on="2026-05-22"
        )
        published(self.drafter, self.reviewer, self.counsel, title="新型研发机构认定办法", on="2026-05-25")
        filing = self.file(on_time, "2026-05-26")
        actions.decide_filing(filing, actor=self.filing_officer, decision="filed")
        with at("2026-08-01"):
            actions.file_document(late, actor=self.reviewer, explanation="说明")
        self.login(self.reviewer)
        response = self.client.get(STATS)
        self.assertContains(response, "2026 年规范性文件备案统计")
        self.assertContains(response, '<span class="stat-value">66.7%</span>', html=True)
        self.assertContains(response, '<span class="stat-value">50.0%</span>', html=True)
        self.assertContains(response, '<span class="stat-value">100.0%</span>', html=True)
        self.assertContains(response, 'id="chart-rates"')

    def test_a_bad_year_shows_the_default_with_a_note(self) -> None:
        self.login(self.filing_officer)
        response = self.client.get(STATS, {"year": "明年"})
        self.assertContains(response, "“明年”不是有效的年份，已显示 2026 年的统计。")
        self.assertContains(response, "尚无已公布的文件。")

    def test_a_drafter_gets_404_on_the_figures(self) -> None:
        self.login(self.drafter)
        self.assertEqual(self.client.get(STATS).status_code, 404)


# ---------------------------------------------------------------------------------------------
# Cleanup campaigns
