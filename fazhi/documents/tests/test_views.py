from __future__ import annotations

import datetime
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent, NumberSeries, Organization
from fazhi.core.roles import Role
from fazhi.core.testing import make_user
from fazhi.documents import actions
from fazhi.documents.diff import diff_rows
from fazhi.documents.models import CleanupCampaign, Comment, Filing, NormativeDocument, ValidityEvent
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


class SolicitationPageTests(ViewTestCase):
    def test_the_drafter_opens_the_solicitation_through_the_page(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.post(act(document, "open_solicitation"), {"solicit-closes_on": "2026-07-20"})
        self.assertRedirects(response, detail(document), fetch_redirect_response=False)
        document.refresh_from_db()
        self.assertEqual((document.status, document.comment_closes_on), (S.SOLICITING, D(2026, 7, 20)))
        self.assertIn("document.open_solicitation", self.events_of(document))

    def test_a_window_shorter_than_the_rule_is_refused_next_to_the_date_with_the_input_kept(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.post(
            act(document, "open_solicitation"), {"solicit-closes_on": "2026-06-20"}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "截止日不得早于 2026年6月26日")
        self.assertContains(response, 'id="id_solicit-closes_on_error"')
        self.assertContains(response, 'value="2026-06-20"')
        self.assertEqual(self.status_of(document), S.DRAFTING)

    def test_a_bad_date_is_refused_in_chinese(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.post(
            act(document, "open_solicitation"), {"solicit-closes_on": "2026-13-45"}, follow=True
        )
        self.assertContains(
            response, '<p class="field-error" role="alert">日期格式应为 2026-01-01</p>', html=True
        )
        self.assertEqual(self.status_of(document), S.DRAFTING)

    def test_a_division_comments_while_the_window_is_open_and_the_drafter_answers(self) -> None:
        document = soliciting(self.drafter)
        self.login(self.outsider)  # another division may see it only once published: 404 here
        self.assertEqual(self.client.get(detail(document)).status_code, 404)
        self.login(self.division_head)
        with at("2026-04-10"):
            response = self.client.post(act(document, "comment"), {"comment-text": "建议明确申报时限"})
        self.assertIn("已提交意见。", self.messages_of(response))
        comment = Comment.objects.get()
        self.assertEqual(
            (comment.source, comment.author_name), (Comment.Source.INTERNAL, "基础研究处 李处长")
        )
        self.login(self.drafter)
        answer_url = reverse("documents:comment_answer", args=[document.pk, comment.pk])
        response = self.client.post(answer_url, {f"answer-{comment.pk}-adoption": "not_adopted"}, follow=True)
        self.assertContains(response, "部分采纳或未采纳的，请填写答复理由")
        comment.refresh_from_db()
        self.assertEqual(comment.adoption, "")
        response = self.client.post(
            answer_url,
            {f"answer-{comment.pk}-adoption": "adopted", f"answer-{comment.pk}-answer": "已在第五条明确"},
        )
        self.assertRedirects(response, detail(document) + "#comments", fetch_redirect_response=False)
        comment.refresh_from_db()
        self.assertEqual(comment.adoption, Comment.Adoption.ADOPTED)
        self.assertIn("document.comment_answer", self.events_of(document))

    def test_a_comment_after_the_window_is_refused(self) -> None:
        document = soliciting(self.drafter)
        self.login(self.division_head)
        response = self.client.post(act(document, "comment"), {"comment-text": "晚到的意见"}, follow=True)
        self.assertContains(response, "该文件当前不在征求意见期内")
        self.assertFalse(Comment.objects.exists())

    def test_a_new_version_is_saved_and_the_diff_marks_the_changed_characters(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        text = actions.current_text(document).replace("备案管理", "立项管理")
        response = self.client.post(act(document, "edit"), {"edit-text": text, "edit-note": "修改第二条"})
        self.assertIn("已保存第 2 版。", self.messages_of(response))
        response = self.client.get(reverse("documents:diff", args=[document.pk]))
        self.assertContains(response, "<del>备案</del>", html=True)
        self.assertContains(response, "<ins>立项</ins>", html=True)
        self.assertContains(response, "修改 1 行")


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


class ReviewAndDeliberationPageTests(ViewTestCase):
    def test_the_drafter_submits_for_review_with_the_review_linked(self) -> None:
        document = soliciting(self.drafter)
        self.login(self.drafter)
        response = self.client.post(
            act(document, "submit_for_review"),
            {"submit-legal_basis": "《中华人民共和国科学技术进步法》", "submit-explanation": "起草说明"},
        )
        review = ReviewRequest.objects.get()
        self.assertIn(f"已送请合法性审核（{review.code}），等待政策法规处受理。", self.messages_of(response))
        self.assertEqual(self.status_of(document), S.UNDER_REVIEW)
        self.assertEqual(review.subject, document)
        self.assertIn("document.submit_for_review", self.events_of(document))
        self.assertContains(self.client.get(detail(document)), reverse("reviews:detail", args=[review.pk]))

    def test_submitting_before_the_window_closes_is_refused_and_changes_nothing(self) -> None:
        document = soliciting(self.drafter)
        self.login(self.drafter)
        with at("2026-04-20"):
            response = self.client.post(
                act(document, "submit_for_review"),
                {"submit-legal_basis": "法", "submit-explanation": "说明"},
                follow=True,
            )
        self.assertContains(response, "期满后方可送请合法性审核")
        self.assertEqual(self.status_of(document), S.SOLICITING)
        self.assertFalse(ReviewRequest.objects.exists())

    def test_the_reviewer_records_the_deliberation_with_the_minutes(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        response = self.client.post(
            act(document, "record_deliberation"),
            {
                "deliberation-meeting_name": "局长办公会",
                "deliberation-meeting_on": "2026-06-16",
                "deliberation-outcome": "passed",
                "deliberation-notes": "原则通过",
                "deliberation-minutes": minutes(),
            },
        )
        self.assertIn("已记录集体审议：审议通过。", self.messages_of(response))
        self.assertEqual(self.status_of(document), S.DELIBERATED)
        self.assertIn("document.deliberate", self.events_of(document))
        self.assertContains(self.client.get(detail(document)), "局长办公会纪要.pdf")

    def test_a_deliberation_without_minutes_or_before_the_review_shows_errors_next_to_the_fields(
        self,
    ) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        data = {
            "deliberation-meeting_name": "局长办公会",
            "deliberation-meeting_on": "2026-05-01",
            "deliberation-outcome": "passed",
        }
        response = self.client.post(act(document, "record_deliberation"), data, follow=True)
        self.assertContains(response, '<p class="field-error" role="alert">请上传会议纪要</p>', html=True)
        self.assertContains(response, 'value="局长办公会"')
        response = self.client.post(
            act(document, "record_deliberation"),
            {**data, "deliberation-minutes": minutes()},
            follow=True,
        )
        self.assertContains(response, 'id="id_deliberation-meeting_on_error"')
        self.assertContains(response, "审议日期早于合法性审核意见出具日")
        self.assertEqual(self.status_of(document), S.UNDER_REVIEW)
        self.assertNotIn("document.deliberate", self.events_of(document))

    def test_a_file_of_a_refused_type_is_shown_next_to_the_minutes_field(self) -> None:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        self.login(self.reviewer)
        response = self.client.post(
            act(document, "record_deliberation"),
            {
                "deliberation-meeting_name": "局长办公会",
                "deliberation-meeting_on": "2026-06-16",
                "deliberation-outcome": "passed",
                "deliberation-minutes": SimpleUploadedFile("纪要.exe", b"MZ\x90\x00"),
            },
            follow=True,
        )
        self.assertContains(response, 'id="id_deliberation-minutes_error"')
        self.assertContains(response, "不接受 .exe 类型的文件")
        self.assertEqual(self.status_of(document), S.UNDER_REVIEW)


class IssueAndPublishPageTests(ViewTestCase):
    def deliberated(self) -> NormativeDocument:
        document = reviewed(self.drafter, self.reviewer, self.counsel)
        actions.record_deliberation(
            document,
            actor=self.reviewer,
            meeting_name="局长办公会",
            meeting_on=D(2026, 6, 16),
            outcome="passed",
            minutes=minutes(),
        )
        return document

    def test_issuing_gives_the_next_number_of_the_series(self) -> None:
        document = self.deliberated()
        self.login(self.reviewer)
        response = self.client.post(act(document, "issue"), {"issue-signed_by": "陈局长"})
        self.assertIn("已统一编号印发：津科规〔2026〕1号。", self.messages_of(response))
        self.assertContains(self.client.get(detail(document)), "津科规〔2026〕1号")
        self.assertIn("document.issue", self.events_of(document))

    def test_publishing_through_the_page_sets_the_validity(self) -> None:
        document = self.deliberated()
        actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
        self.login(self.reviewer)
        response = self.client.post(
            act(document, "publish"),
            {
                "publish-published_on": "2026-06-16",
                "publish-effective_on": "2026-07-01",
                "publish-channel": "天津市科学技术局网站",
                "publish-body": "",
            },
        )
        self.assertIn("已公布，2026年7月1日 起施行，有效期至 2031年7月1日。", self.messages_of(response))
        document.refresh_from_db()
        self.assertEqual((document.status, document.expires_on), (S.PUBLISHED, D(2031, 7, 1)))
        self.assertIn("document.publish", self.events_of(document))
        page = self.client.get(detail(document))
        self.assertContains(page, "截至 2026年6月16日 尚未生效")
        self.assertContains(page, "备案报送期限")

    def test_an_effective_date_before_publication_is_shown_next_to_the_field_with_the_input_kept(
        self,
    ) -> None:
        document = self.deliberated()
        actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
        self.login(self.reviewer)
        response = self.client.post(
            act(document, "publish"),
            {
                "publish-published_on": "2026-06-16",
                "publish-effective_on": "2026-06-01",
                "publish-channel": "天津市科学技术局网站",
            },
            follow=True,
        )
        self.assertContains(response, 'id="id_publish-effective_on_error"')
        self.assertContains(response, "施行日期不得早于公布日期")
        self.assertContains(response, 'value="天津市科学技术局网站"')
        self.assertEqual(self.status_of(document), S.ISSUED)
        self.assertNotIn("document.publish", self.events_of(document))

    def test_publishing_a_draft_is_refused_in_chinese_and_changes_nothing(self) -> None:
        document = drafted(self.drafter)
        self.login(self.reviewer)
        before = AuditEvent.objects.count()
        response = self.client.post(
            act(document, "publish"),
            {
                "publish-published_on": "2026-06-16",
                "publish-effective_on": "2026-06-16",
                "publish-channel": "网站",
            },
        )
        self.assertRedirects(response, detail(document), fetch_redirect_response=False)
        self.assertIn("当前状态为“起草中”，不能公布（印发后方可公布）", self.messages_of(response))
        self.assertEqual(self.status_of(document), S.DRAFTING)
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_empty_publication_fields_are_refused_next_to_the_fields(self) -> None:
        document = self.deliberated()
        actions.issue_document(document, actor=self.reviewer, signed_by="陈局长")
        self.login(self.reviewer)
        response = self.client.post(act(document, "publish"), {"publish-published_on": "昨天"}, follow=True)
        self.assertContains(
            response, '<p class="field-error" role="alert">日期格式应为 2026-01-01</p>', html=True
        )
        self.assertContains(response, '<p class="field-error" role="alert">请填写施行日期</p>', html=True)
        self.assertContains(response, '<p class="field-error" role="alert">请填写公布载体</p>', html=True)
        self.assertEqual(self.status_of(document), S.ISSUED)

    def test_the_drafter_abandons_a_draft_with_a_reason(self) -> None:
        document = drafted(self.drafter)
        self.login(self.drafter)
        response = self.client.post(act(document, "abandon"), {"abandon-reason": ""}, follow=True)
        self.assertContains(response, "请填写终止理由")
        self.assertEqual(self.status_of(document), S.DRAFTING)
        self.client.post(act(document, "abandon"), {"abandon-reason": "并入其他文件"})
        self.assertEqual(self.status_of(document), S.ABANDONED)
        self.assertIn("document.abandon", self.events_of(document))


class ValidityPageTests(ViewTestCase):
    def test_the_status_on_a_date_is_answered_from_the_events(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        self.login(self.drafter)
        response = self.client.get(detail(document), {"on": "2026-05-01"})
        self.assertContains(response, "2026年5月1日 的状态：")
        self.assertContains(response, '<span class="badge badge-bad">未公布</span>', html=True)
        response = self.client.get(detail(document), {"on": "2026-06-01"})
        self.assertContains(response, '<span class="badge badge-ok">现行有效</span>', html=True)
        response = self.client.get(detail(document), {"on": "六月一日"})
        self.assertContains(response, "日期格式应为 2026-01-01")

    def test_the_legal_affairs_division_records_a_repeal_by_another_document(self) -> None:
        old = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        new = published(self.drafter, self.reviewer, self.counsel, title="新的管理办法", on="2026-05-25")
        self.login(self.reviewer)
        response = self.client.post(
            act(old, "record_validity"),
            {"validity-kind": "repealed", "validity-on": "2026-06-01", "validity-note": ""},
            follow=True,
        )
        self.assertContains(response, 'id="id_validity-by_document_error"')
        self.assertFalse(ValidityEvent.objects.filter(document=old).exists())
        response = self.client.post(
            act(old, "record_validity"),
            {"validity-kind": "repealed", "validity-on": "2026-06-01", "validity-by_document": new.pk},
        )
        self.assertIn("已记录：废止（2026年6月1日）。", self.messages_of(response))
        self.assertIn("document.validity.repealed", self.events_of(old))
        page = self.client.get(detail(old))
        self.assertContains(page, "截至 2026年6月16日 废止")
        self.assertContains(page, new.number)

    def test_the_drafter_may_not_record_validity(self) -> None:
        document = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        self.login(self.drafter)
        response = self.client.post(
            act(document, "record_validity"), {"validity-kind": "evaluated", "validity-on": "2026-06-01"}
        )
        self.assertEqual(response.status_code, 404)


# ---------------------------------------------------------------------------------------------
# Filing with the Justice Bureau


class FilingPageTests(ViewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A second agency with its own drafting division and number series.
        cls.other_agency = Organization.objects.create(
            name="天津市教育委员会", short_name="市教委", code="tjjw", kind="agency"
        )
        other_division = Organization.objects.create(
            name="高等教育处", code="gjc", kind="division", parent=cls.other_agency
        )
        cls.other_drafter = make_user(
            "edu-drafter", org=other_division, roles=[Role.DIVISION_STAFF], full_name="刘起草"
        )
        NumberSeries.objects.create(organization=cls.other_agency, kind="normative", prefix="津教规")

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
        theirs = published(
            self.other_drafter, self.reviewer, self.counsel, title="高校科研管理办法", on="2026-05-21"
        )
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
        theirs = published(
            self.other_drafter, self.reviewer, self.counsel, title="高校科研管理办法", on="2026-05-21"
        )
        self.file(ours)
        filing = self.file(theirs)
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


class CleanupPageTests(ViewTestCase):
    def test_a_campaign_is_created_disposed_approved_and_published(self) -> None:
        keep = published(self.drafter, self.reviewer, self.counsel, on="2026-05-21")
        drop = published(self.drafter, self.reviewer, self.counsel, title="过时的管理办法", on="2026-05-22")
        self.login(self.reviewer)
        response = self.client.post(
            reverse("documents:cleanup_create"),
            {"title": "2026 年专项清理", "reason": "上位法修改", "scope": "现行有效的规范性文件"},
        )
        campaign = CleanupCampaign.objects.get()
        self.assertRedirects(
            response, reverse("documents:cleanup_detail", args=[campaign.pk]), fetch_redirect_response=False
        )
        page = self.client.get(reverse("documents:cleanup_detail", args=[campaign.pk]))
        self.assertContains(page, keep.title)
        self.assertContains(page, "过时的管理办法")
        dispose = reverse("documents:cleanup_action", args=[campaign.pk, "dispose"])
        response = self.client.post(
            dispose, {"document": drop.pk, f"doc-{drop.pk}-disposition": "repeal"}, follow=True
        )
        self.assertContains(response, f'id="id_doc-{drop.pk}-note_error"')
        self.assertFalse(campaign.items.exists())
        self.client.post(
            dispose,
            {"document": drop.pk, f"doc-{drop.pk}-disposition": "repeal", f"doc-{drop.pk}-note": "已被取代"},
        )
        self.client.post(dispose, {"document": keep.pk, f"doc-{keep.pk}-disposition": "continue"})
        self.assertEqual(campaign.items.count(), 2)
        response = self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "publish"]))
        self.assertIn("当前状态为“清理中”，不能公布清理结果", self.messages_of(response))
        self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "approve"]))
        self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "publish"]))
        campaign.refresh_from_db()
        self.assertEqual(campaign.status, CleanupCampaign.Status.PUBLISHED)
        self.assertTrue(
            ValidityEvent.objects.filter(document=drop, kind="repealed", campaign=campaign).exists()
        )
        self.assertFalse(ValidityEvent.objects.filter(document=keep).exists())
        page = self.client.get(reverse("documents:cleanup_detail", args=[campaign.pk]))
        self.assertContains(page, reverse("library:cleanup_result", args=[campaign.pk]))
        self.assertContains(self.client.get(CLEANUPS), "2026 年专项清理")
        verbs = set(
            AuditEvent.objects.filter(object_type="documents.cleanupcampaign").values_list("verb", flat=True)
        )
        self.assertEqual(
            verbs, {"cleanup.create", "cleanup.disposition", "cleanup.approve", "cleanup.publish"}
        )

    def test_an_empty_campaign_form_is_refused_next_to_the_fields(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            reverse("documents:cleanup_create"), {"title": "", "reason": "", "scope": ""}
        )
        self.assertContains(response, '<p class="field-error" role="alert">请填写清理名称</p>', html=True)
        self.assertContains(response, '<p class="field-error" role="alert">请填写清理原因</p>', html=True)
        self.assertFalse(CleanupCampaign.objects.exists())

    def test_drafters_get_404_on_the_cleanup_pages(self) -> None:
        campaign = actions.create_campaign(actor=self.reviewer, title="清理", reason="原因", scope="范围")
        self.login(self.drafter)
        self.assertEqual(self.client.get(CLEANUPS).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("documents:cleanup_detail", args=[campaign.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.post(reverse("documents:cleanup_action", args=[campaign.pk, "approve"])).status_code,
            404,
        )


# ---------------------------------------------------------------------------------------------
# "我的工作"


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
