"""The public comment form of a draft open for comment (/policies/drafts/<id>/), behind the
same protection as the decisions', the legislative drafts' and the complaints' public forms
(`core.captcha.screen`): the per-address rate limits, the honeypot, the form, the challenge."""

from __future__ import annotations

from typing import Any

import time_machine

from fazhi.core import captcha
from fazhi.documents import actions
from fazhi.documents.models import Comment, NormativeDocument
from fazhi.documents.tests.test_library import LibraryTestCase


class DraftTests(LibraryTestCase):
    def url(self, document: NormativeDocument) -> str:
        return f"/policies/drafts/{document.pk}/"

    def post(self, document: NormativeDocument, address: str = "10.0.0.7", **data: str) -> Any:
        """Open the page as a person would, answer its question, and post the comment."""
        page = self.client.get(self.url(document), REMOTE_ADDR=address)
        fields: dict[str, str] = {"text": "建议明确申报条件"}
        challenge = page.context["challenge"] if page.status_code == 200 else None
        if challenge is not None:
            fields["captcha_key"] = challenge.key
            fields["captcha_answer"] = str(captcha.answer_for(self.client.session, challenge.key))
        fields.update(data)
        return self.client.post(self.url(document), fields, REMOTE_ADDR=address)

    def test_the_drafts_page_lists_those_open_for_comment(self) -> None:
        response = self.client.get("/policies/drafts/")
        self.assertContains(response, "天津市人工智能产业促进办法")
        self.assertNotContains(response, "天津市生物医药创新办法")
        self.assertNotContains(response, "数字经济")

    def test_an_open_draft_shows_its_latest_text_and_the_form_with_its_question(self) -> None:
        actions.add_version(self.open_draft, actor=self.drafter, text="第一条 <新的>文本", note="修改")
        response = self.client.get(self.url(self.open_draft))
        self.assertContains(response, "第一条 &lt;新的&gt;文本")
        self.assertContains(response, "第 2 稿")
        self.assertContains(response, 'name="text"')
        self.assertContains(response, "2026年7月15日")
        challenge = response.context["challenge"]
        self.assertContains(response, f'name="captcha_key" value="{challenge.key}"')
        self.assertContains(response, challenge.question)  # the words for a screen reader
        self.assertEqual(response["Cache-Control"].count("no-cache"), 1)  # the question is per visit

    def test_anyone_may_comment_without_an_account(self) -> None:
        response = self.post(self.open_draft, author_name="市民李某", contact="lee@example.cn")
        self.assertRedirects(response, self.url(self.open_draft), fetch_redirect_response=False)
        comment = Comment.objects.get(document=self.open_draft)
        self.assertEqual(
            (comment.source, comment.text, comment.author_name, comment.contact),
            (Comment.Source.PUBLIC, "建议明确申报条件", "市民李某", "lee@example.cn"),
        )
        self.assertContains(self.client.get(self.url(self.open_draft)), "您的意见已提交")

    def test_a_wrong_answer_keeps_the_comment_and_saves_nothing(self) -> None:
        response = self.post(self.open_draft, captcha_answer="-999", text="关于申报条件的意见")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "关于申报条件的意见", status_code=400)
        self.assertContains(response, 'aria-invalid="true"', status_code=400)
        self.assertFalse(Comment.objects.filter(document=self.open_draft).exists())

    def test_a_comment_without_an_answer_is_refused_next_to_the_question(self) -> None:
        response = self.post(self.open_draft, captcha_answer="")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请填写验证题的答案", status_code=400)
        self.assertFalse(Comment.objects.filter(document=self.open_draft).exists())

    def test_an_answer_is_used_once_so_a_replayed_form_is_refused(self) -> None:
        page = self.client.get(self.url(self.open_draft))
        key = page.context["challenge"].key
        answer = str(captcha.answer_for(self.client.session, key))
        data = {"text": "意见", "captcha_key": key, "captcha_answer": answer}
        self.assertEqual(self.client.post(self.url(self.open_draft), data).status_code, 302)
        self.assertEqual(self.client.post(self.url(self.open_draft), data).status_code, 400)
        self.assertEqual(Comment.objects.filter(document=self.open_draft).count(), 1)

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
        self.assertContains(response, "10 分钟内最多提交 5 次", status_code=429)
        self.assertContains(response, "第六条意见", status_code=429)  # the text is kept in the form
        self.assertEqual(Comment.objects.filter(document=self.open_draft).count(), 5)
        self.assertEqual(self.post(self.open_draft, address="10.0.0.8", text="另一地址").status_code, 302)
        with time_machine.travel("2026-06-16 10:11 +08:00", tick=False):
            self.assertEqual(self.post(self.open_draft, text="十分钟后").status_code, 302)

    def test_ten_wrong_answers_from_one_address_stop_its_comments_for_a_while(self) -> None:
        for _n in range(10):
            self.assertEqual(self.post(self.open_draft, captcha_answer="-1").status_code, 400)
        response = self.post(self.open_draft, text="第十一次")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "第十一次", status_code=429)
        self.assertFalse(Comment.objects.filter(document=self.open_draft).exists())

    def test_after_the_window_the_draft_stays_but_comments_are_refused(self) -> None:
        response = self.client.get(self.url(self.closed_draft))
        self.assertContains(response, "征求意见已于 2026年5月6日 截止")
        self.assertNotContains(response, 'name="text"')
        self.assertNotContains(response, 'name="captcha_answer"')
        response = self.client.post(self.url(self.closed_draft), {"text": "迟到的意见"})
        self.assertEqual(response.status_code, 409)
        self.assertFalse(Comment.objects.filter(document=self.closed_draft).exists())

    def test_a_draft_never_put_out_for_comment_is_not_found(self) -> None:
        self.assertEqual(self.client.get(self.url(self.unpublished)).status_code, 404)
        self.assertEqual(self.client.post(self.url(self.unpublished), {"text": "意见"}).status_code, 404)
