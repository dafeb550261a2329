"""The public library's drafts for comment and the cleanup campaigns' pages."""

from __future__ import annotations

from typing import Any

import time_machine

from fazhi.documents import actions
from fazhi.documents.models import CleanupCampaign, Comment, NormativeDocument
from fazhi.documents.tests.test_library import LibraryTestCase


class DraftTests(LibraryTestCase):
    def url(self, document: NormativeDocument) -> str:
        return f"/policies/drafts/{document.pk}/"

    def post(self, document: NormativeDocument, **data: str) -> Any:
        return self.client.post(
            self.url(document), {"text": "建议明确申报条件", **data}, REMOTE_ADDR="10.0.0.7"
        )

    def test_the_drafts_page_lists_those_open_for_comment(self) -> None:
        response = self.client.get("/policies/drafts/")
        self.assertContains(response, "天津市人工智能产业促进办法")
        self.assertNotContains(response, "天津市生物医药创新办法")
        self.assertNotContains(response, "数字经济")

    def test_an_open_draft_shows_its_latest_text_and_the_form(self) -> None:
        actions.add_version(self.open_draft, actor=self.drafter, text="第一条 <新的>文本", note="修改")
        response = self.client.get(self.url(self.open_draft))
        self.assertContains(response, "第一条 &lt;新的&gt;文本")
        self.assertContains(response, "第 2 稿")
        self.assertContains(response, 'name="text"')
        self.assertContains(response, "2026年7月15日")

    def test_anyone_may_comment_without_an_account(self) -> None:
        response = self.post(self.open_draft, author_name="市民李某", contact="lee@example.cn")
        self.assertRedirects(response, self.url(self.open_draft), fetch_redirect_response=False)
        comment = Comment.objects.get(document=self.open_draft)
        self.assertEqual(
            (comment.source, comment.text, comment.author_name, comment.contact),
            (Comment.Source.PUBLIC, "建议明确申报条件", "市民李某", "lee@example.cn"),
        )
        self.assertContains(self.client.get(self.url(self.open_draft)), "您的意见已提交")

    def test_the_text_is_required(self) -> None:
        response = self.post(self.open_draft, text="  ")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请填写意见和建议", status_code=400)
        self.assertFalse(Comment.objects.filter(document=self.open_draft).exists())

    def test_a_filled_honeypot_is_thanked_and_kept_nowhere(self) -> None:
        response = self.post(self.open_draft, website="http://spam.example")
        self.assertRedirects(response, self.url(self.open_draft))
        self.assertFalse(Comment.objects.filter(document=self.open_draft).exists())

    def test_more_than_five_comments_in_ten_minutes_from_one_address_are_refused(self) -> None:
        for n in range(5):
            self.assertEqual(self.post(self.open_draft, text=f"意见{n}").status_code, 302)
        response = self.post(self.open_draft, text="第六条意见")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "10 分钟内最多提交 5 条意见", status_code=429)
        self.assertContains(response, "第六条意见", status_code=429)  # the text is kept in the form
        self.assertEqual(Comment.objects.filter(document=self.open_draft).count(), 5)
        other = self.client.post(self.url(self.open_draft), {"text": "另一地址"}, REMOTE_ADDR="10.0.0.8")
        self.assertEqual(other.status_code, 302)
        with time_machine.travel("2026-06-16 10:11 +08:00", tick=False):
            self.assertEqual(self.post(self.open_draft, text="十分钟后").status_code, 302)

    def test_after_the_window_the_draft_stays_but_comments_are_refused(self) -> None:
        response = self.client.get(self.url(self.closed_draft))
        self.assertContains(response, "征求意见已于 2026年5月6日 截止")
        self.assertNotContains(response, 'name="text"')
        response = self.post(self.closed_draft)
        self.assertEqual(response.status_code, 409)
        self.assertFalse(Comment.objects.filter(document=self.closed_draft).exists())

    def test_a_draft_never_put_out_for_comment_is_not_found(self) -> None:
        self.assertEqual(self.client.get(self.url(self.unpublished)).status_code, 404)
        self.assertEqual(self.post(self.unpublished).status_code, 404)


class CleanupPageTests(LibraryTestCase):
    def test_a_published_cleanup_lists_each_document_with_its_disposition(self) -> None:
        response = self.client.get(f"/policies/cleanups/{self.campaign.pk}/")
        self.assertContains(response, "2026年规范性文件专项清理")
        self.assertContains(
            response, f'<a href="/policies/{self.science.pk}/">天津市科学技术普及办法</a>', html=True
        )
        self.assertContains(response, "继续有效")
        self.assertContains(response, "宣布失效")
        self.assertContains(response, "已过时")

    def test_an_unpublished_cleanup_is_not_found(self) -> None:
        self.assertEqual(self.draft_campaign.status, CleanupCampaign.Status.DRAFT)
        self.assertEqual(self.client.get(f"/policies/cleanups/{self.draft_campaign.pk}/").status_code, 404)
        self.assertEqual(self.client.get("/policies/cleanups/999999/").status_code, 404)
