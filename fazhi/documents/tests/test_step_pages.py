"""The steps of a document's page: solicitation, review and deliberation, issue and publication,
validity."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.documents import actions
from fazhi.documents.models import Comment, NormativeDocument, ValidityEvent
from fazhi.documents.tests.factories import at, drafted, minutes, published, reviewed, soliciting
from fazhi.documents.tests.test_views import D, S, ViewTestCase, act, detail
from fazhi.reviews.models import ReviewRequest


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
