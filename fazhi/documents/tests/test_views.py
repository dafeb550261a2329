from __future__ import annotations

import datetime
from typing import Any

from django.contrib.messages import get_messages
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.documents import actions
from fazhi.documents.diff import diff_rows
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.tests.factories import at, drafted, minutes, published, reviewed, soliciting
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.documents.worklist import document_items
from fazhi.reviews.models import ReviewRequest

S = NormativeDocument.Status
D = datetime.date

LIST = reverse("documents:list")
CREATE = reverse("documents:create")
FILINGS = reverse("documents:filings")
STATS = reverse("documents:stats")
CLEANUPS = reverse("documents:cleanup_list")


def detail(document: NormativeDocument) -> str:
    return reverse("documents:detail", args=[document.pk])


def act(document: NormativeDocument, action: str) -> str:
    return reverse("documents:action", args=[document.pk, action])


def filing_url(filing: Filing) -> str:
    return reverse("documents:filing_detail", args=[filing.pk])


def filing_act(filing: Filing, action: str) -> str:
    return reverse("documents:filing_action", args=[filing.pk, action])


class ViewTestCase(DocumentTestCase):
    def messages_of(self, response: Any) -> list[str]:
        return [str(m) for m in get_messages(response.wsgi_request)]

    def status_of(self, document: NormativeDocument) -> str:
        return NormativeDocument.objects.values_list("status", flat=True).get(pk=document.pk)

    def events_of(self, document: NormativeDocument) -> list[str]:
        return list(
            AuditEvent.objects.filter(
                object_type="documents.normativedocument", object_id=str(document.pk)
            ).values_list("verb", flat=True)
        )

    def file(self, document: NormativeDocument, day: str = "2026-05-22") -> Filing:
        with at(day):
            return actions.file_document(document, actor=self.reviewer, explanation="本办法的起草说明")


# ---------------------------------------------------------------------------------------------
# The list and who may see what


class ListTests(ViewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.own = drafted(cls.drafter, title="天津市基础研究项目管理办法")
        cls.foreign = drafted(cls.outsider, title="科研诚信案件调查处理办法")

    def test_a_drafter_sees_their_divisions_drafts_and_the_new_document_button(self) -> None:
        self.login(self.drafter)
        response = self.client.get(LIST)
        self.assertContains(response, "天津市基础研究项目管理办法")
        self.assertNotContains(response, "科研诚信案件调查处理办法")
        self.assertContains(response, f'href="{CREATE}"')

    def test_an_outsider_gets_404_on_a_foreign_draft_and_its_steps(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.client.get(detail(self.own)).status_code, 404)
        self.assertEqual(self.client.get(reverse("documents:diff", args=[self.own.pk])).status_code, 404)
        response = self.client.post(act(self.own, "abandon"), {"abandon-reason": "x"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.status_of(self.own), S.DRAFTING)

    def test_a_missing_document_is_404_like_a_hidden_one(self) -> None:
        self.login(self.reviewer)
        self.assertEqual(self.client.get(reverse("documents:detail", args=[999_999])).status_code, 404)

    def test_the_anonymous_are_sent_to_log_in_from_every_page(self) -> None:
        for url in (LIST, CREATE, detail(self.own), FILINGS, STATS, CLEANUPS):
            response = self.client.get(url)
            self.assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)

    def test_the_justice_bureau_and_the_advisor_get_404_on_the_document_pages(self) -> None:
        for user in (self.filing_officer, self.advisor):
            self.login(user)
            self.assertEqual(self.client.get(LIST).status_code, 404)
            self.assertEqual(self.client.get(detail(self.own)).status_code, 404)

    def test_the_legal_affairs_division_sees_every_draft_but_cannot_draft(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(LIST)
        self.assertContains(response, "天津市基础研究项目管理办法")
        self.assertContains(response, "科研诚信案件调查处理办法")
        self.assertNotContains(response, f'href="{CREATE}"')
        self.assertEqual(self.client.get(CREATE).status_code, 404)

    def test_filters_by_status_year_and_words(self) -> None:
        self.login(self.reviewer)
        self.assertNotContains(self.client.get(LIST, {"status": "published"}), "天津市基础研究项目管理办法")
        self.assertContains(self.client.get(LIST, {"status": "drafting"}), "天津市基础研究项目管理办法")
        self.assertContains(self.client.get(LIST, {"year": "2026"}), "天津市基础研究项目管理办法")
        self.assertNotContains(self.client.get(LIST, {"year": "2025"}), "天津市基础研究项目管理办法")
        response = self.client.get(LIST, {"q": "诚信"})
        self.assertContains(response, "科研诚信案件调查处理办法")
        self.assertNotContains(response, "天津市基础研究项目管理办法")

    def test_a_bad_filter_value_is_ignored_with_a_note_in_chinese(self) -> None:
        self.login(self.reviewer)
        response = self.client.get(LIST, {"year": "二〇二六", "status": "nonsense"})
        self.assertContains(response, "已忽略无效的筛选条件“年度”")
        self.assertContains(response, "已忽略无效的筛选条件“办理状态”")
        self.assertContains(response, "天津市基础研究项目管理办法")

    def test_the_list_takes_the_same_few_queries_however_many_documents_it_shows(self) -> None:
        first = published(
            self.drafter, self.reviewer, self.counsel, title="科技创新券管理办法", on="2026-05-21"
        )
        self.file(first)
        published(self.drafter, self.reviewer, self.counsel, title="新型研发机构认定办法", on="2026-05-25")
        self.login(self.reviewer)
        self.client.get(LIST)  # warm the session and the content types
        # Session, user, roles, two for the capabilities, the user's unit (page header); then the
        # count, the page and the validity events.
        with self.assertNumQueries(9):
            response = self.client.get(LIST)
        self.assertContains(response, "已报送待审查")
        self.assertContains(response, "未报送")
        self.assertContains(response, "现行有效")
        for n in range(8):
            drafted(self.drafter, title=f"草稿{n}")
        with self.assertNumQueries(9):
            self.client.get(LIST)

    def test_the_list_is_paginated(self) -> None:
        for n in range(26):
            drafted(self.drafter, title=f"分页草稿{n:02d}")
        self.login(self.drafter)
        response = self.client.get(LIST)
        self.assertContains(response, "第 1 / 2 页")
        self.assertContains(self.client.get(LIST, {"page": "2"}), "第 2 / 2 页")


# ---------------------------------------------------------------------------------------------
# Drafting


class CreateTests(ViewTestCase):
    def test_a_drafter_creates_a_document_through_the_form(self) -> None:
        self.login(self.drafter)
        response = self.client.post(
            CREATE,
            {
                "title": "天津市科技成果转化暂行办法",
                "text": "第一条 为促进科技成果转化，制定本办法。",
                "summary": "",
                "concerns_market_actors": "on",
                "is_provisional": "auto",
            },
        )
        document = NormativeDocument.objects.get(title="天津市科技成果转化暂行办法")
        self.assertRedirects(response, detail(document), fetch_redirect_response=False)
        self.assertTrue(document.is_provisional)  # from the title
        self.assertTrue(document.concerns_market_actors)
        self.assertEqual(document.division, self.sci_division)
        self.assertEqual(self.events_of(document), ["document.create"])
        self.assertIn("已创建《天津市科技成果转化暂行办法》（第 1 版）。", self.messages_of(response))

    def test_the_provisional_choice_overrides_the_title(self) -> None:
        self.login(self.drafter)
        self.client.post(CREATE, {"title": "科技成果转化暂行办法", "text": "文本", "is_provisional": "no"})
        self.assertFalse(NormativeDocument.objects.get().is_provisional)

    def test_empty_fields_are_refused_next_to_the_field_and_nothing_is_saved(self) -> None:
        self.login(self.drafter)
        response = self.client.post(CREATE, {"title": "  ", "text": "", "is_provisional": "auto"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<p class="field-error" role="alert">请填写文件名称</p>', html=True)
        self.assertContains(response, '<p class="field-error" role="alert">请填写文件文本</p>', html=True)
        self.assertFalse(NormativeDocument.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="document.create").exists())


# ---------------------------------------------------------------------------------------------
# The detail page and its steps


class DetailPageTests(ViewTestCase):
    def test_the_drafter_sees_the_steps_open_to_them_and_the_reviewer_does_not(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.get(detail(document))
        self.assertContains(response, act(document, "open_solicitation"))
        self.assertContains(response, act(document, "edit"))
        self.assertContains(response, act(document, "abandon"))
        self.assertNotContains(response, act(document, "issue"))
        self.login(self.reviewer)
        response = self.client.get(detail(document))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, act(document, "open_solicitation"))
        self.assertNotContains(response, 'id="steps"')

    def test_the_solicitation_form_shows_the_minimum_window_and_its_basis(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.get(detail(document))
        # 7 working days from Tuesday 16 June 2026, across the Dragon Boat Festival (19 June).
        self.assertContains(response, "征求意见期限不少于")
        self.assertContains(response, '<time datetime="2026-06-26">2026年6月26日</time>', html=True)
        self.assertContains(response, "依据")

    def test_the_timeline_and_the_attachments_are_on_the_page(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        response = self.client.get(detail(document))
        self.assertContains(response, "办理记录")
        self.assertContains(response, "公开征求意见")
        self.assertContains(response, "送请合法性审核")
        self.assertContains(response, "附件")
        review = ReviewRequest.objects.get()
        self.assertContains(response, reverse("reviews:detail", args=[review.pk]))

    def test_the_gate_is_shown_with_its_reason(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-05-10"):
            actions.submit_for_review(document, actor=self.drafter, legal_basis="法", explanation="说明")
        self.login(self.reviewer)
        response = self.client.get(detail(document))
        self.assertContains(response, "不得提交集体审议")
        self.assertContains(response, "合法性审核尚未完成")
        cleared = reviewed(self.drafter, self.reviewer, self.counsel, title="已审核的文件")
        response = self.client.get(detail(cleared))
        self.assertContains(response, "可以提交集体审议")
        self.assertContains(response, "已经合法性审核")

    def test_an_unknown_action_is_404(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        self.assertEqual(self.client.post(act(document, "teleport")).status_code, 404)
        self.assertEqual(self.client.get(act(document, "abandon")).status_code, 405)

    def test_a_step_the_person_may_never_take_is_404(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.drafter)
        response = self.client.post(act(document, "issue"), {"issue-signed_by": "张起草"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.status_of(document), S.UNDER_REVIEW)


class DiffTests(ViewTestCase):
    def test_the_diff_page_escapes_the_text(self) -> None:
        document = drafted(self.drafter)
        actions.add_version(
            document,
            actor=self.drafter,
            text='<script>alert("x")</script>\n<b>第二条</b>',
            note="<i>说明</i>",
        )
        self.login(self.drafter)
        response = self.client.get(reverse("documents:diff", args=[document.pk]), {"a": "1", "b": "2"})
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertNotIn("<script>alert", body)
        self.assertNotIn("<b>第二条", body)
        self.assertNotIn("<i>说明", body)
        self.assertIn("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", body)

    def test_a_missing_version_falls_back_with_a_note(self) -> None:
        document = drafted(self.drafter)
        actions.add_version(document, actor=self.drafter, text="新文本")
        self.login(self.drafter)
        response = self.client.get(reverse("documents:diff", args=[document.pk]), {"a": "9", "b": "x"})
        self.assertContains(response, "没有第 9 版")
        self.assertContains(response, "第 1 版 → 第 2 版")

    def test_diff_rows_pair_changed_lines_and_keep_the_rest(self) -> None:
        rows = diff_rows("甲\n乙\n丙", "甲\n乙改\n丁\n戊")
        self.assertEqual([r.kind for r in rows], ["equal", "replace", "replace", "insert"])
        self.assertEqual(rows[1].right, [("", "乙"), ("ins", "改")])
        self.assertEqual(rows[3].right_no, 4)


class WorklistTests(ViewTestCase):
    def titles(self, user: Any) -> list[str]:
        return [item.title for item in document_items(user)]

    def test_the_drafter_is_asked_to_answer_comments_and_to_submit_after_the_window(self) -> None:
        document = soliciting(self.drafter)
        with at("2026-04-10"):
            actions.add_comment(document, text="建议明确备案时限")
        titles = self.titles(self.drafter)
        self.assertIn(f"意见待答复（1 条）：{document.title}", titles)
        self.assertIn(f"征求意见已结束，可送请合法性审核：{document.title}", titles)
        self.assertEqual(self.titles(self.outsider), [])

    def test_the_drafter_is_asked_to_correct_a_deferred_filing(self) -> None:
        filing = self.file(published(self.drafter, self.reviewer, self.counsel, on="2026-05-21"))
        actions.decide_filing(
            filing, actor=self.filing_officer, decision="deferred", correction_request="纠正"
        )
        self.assertIn(f"暂缓备案，请纠正后报送：{filing.document.title}", self.titles(self.drafter))

    def test_the_drafter_is_asked_to_evaluate_a_document_before_it_expires(self) -> None:
        document = published(
            self.drafter, self.reviewer, self.counsel, title="科技创新券管理暂行办法", on="2026-05-21"
        )
        # Provisional: 2 years from 21 May 2026; evaluation 6 months before 21 May 2028.
        self.assertEqual(actions.evaluation_due_on(document), D(2027, 11, 21))
        self.assertFalse(any("有效期届满前评估" in t for t in self.titles(self.drafter)))
        with at("2027-09-01"):
            items = [i for i in document_items(self.drafter) if "有效期届满前评估" in i.title]
        self.assertEqual(len(items), 1)
        self.assertEqual(items[0].due.due, D(2027, 11, 21))
        self.assertEqual(items[0].due.rule_code, "document.evaluation_before_expiry")
        actions.record_validity_event(document, actor=self.reviewer, kind="evaluated", on=D(2026, 6, 16))
        with at("2027-09-01"):
            self.assertFalse(any("有效期届满前评估" in t for t in self.titles(self.drafter)))

    def test_the_legal_affairs_division_is_asked_to_issue_publish_and_file(self) -> None:
        unfiled = published(self.drafter, self.reviewer, self.counsel, on="2026-06-10")
        document = reviewed(self.drafter, self.reviewer, self.counsel, title="待印发的办法")
        actions.record_deliberation(
            document,
            actor=self.reviewer,
            meeting_name="局长办公会",
            meeting_on=D(2026, 6, 16),
            outcome="passed",
            minutes=minutes(),
        )
        items = {item.title: item for item in document_items(self.reviewer)}
        self.assertIn("待统一编号印发：待印发的办法", items)
        filing_item = items[f"待报送备案：{unfiled.title}（{unfiled.number}）"]
        self.assertEqual(filing_item.due.due, D(2026, 7, 10))
        self.assertEqual(filing_item.due.rule_code, "document.filing")
        self.assertTrue(filing_item.due.basis)
        actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
        document.refresh_from_db()
        self.assertIn(f"已印发待公布：待印发的办法（{document.number}）", self.titles(self.reviewer))

    def test_the_filing_officer_is_asked_to_decide(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        self.file(document)
        self.assertEqual(
            self.titles(self.filing_officer),
            [f"待备案审查：{document.number} {document.title}（天津市科学技术局）"],
        )

    def test_the_dashboard_shows_the_items_with_the_filing_basis(self) -> None:
        published(self.drafter, self.reviewer, self.counsel, on="2026-06-10")
        self.login(self.reviewer)
        response = self.client.get(reverse("core:dashboard"))
        self.assertContains(response, "待报送备案：天津市科技计划项目管理办法")
        self.assertContains(response, '<time datetime="2026-07-10">2026年7月10日</time>', html=True)
