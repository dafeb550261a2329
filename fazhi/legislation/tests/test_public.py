from __future__ import annotations

from typing import Any

from django.core.cache import cache

from fazhi.core import captcha
from fazhi.legislation.models import DraftComment
from fazhi.legislation.tests.base import LegislationTestCase, on


class PublicCommentTests(LegislationTestCase):
    def setUp(self) -> None:
        cache.clear()

    def comment(self, project: Any, **extra: Any) -> Any:
        url = f"/legislation/{project.pk}/"
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        key = response.context["challenge"].key
        answer = captcha.answer_for(self.client.session, key)
        data = {
            "text": "建议增加科普志愿者条款",
            "contact": "13800000000",
            "captcha_key": key,
            "captcha_answer": str(answer),
        }
        data.update(extra)
        return self.client.post(url, data)

    def test_a_citizen_comments_on_an_open_draft_and_the_contact_stays_private(self) -> None:
        project = self.commented()
        self.assertContains(self.client.get("/legislation/"), project.title)
        response = self.comment(project)
        self.assertEqual(response.status_code, 302)
        comment = DraftComment.objects.get()
        self.assertEqual((comment.source, comment.contact), ("public", "13800000000"))
        self.assertNotContains(self.client.get(f"/legislation/{project.pk}/"), "13800000000")

    def test_a_wrong_answer_keeps_the_comment_and_saves_nothing(self) -> None:
        project = self.commented()
        response = self.comment(project, captcha_answer="-999")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "建议增加科普志愿者条款", status_code=400)
        self.assertFalse(DraftComment.objects.exists())

    def test_the_honeypot_keeps_nothing(self) -> None:
        project = self.commented()
        self.assertEqual(self.comment(project, website="http://spam").status_code, 302)
        self.assertFalse(DraftComment.objects.exists())

    def test_a_draft_not_open_for_comment_is_not_there(self) -> None:
        project = self.drafted()
        self.assertEqual(self.client.get(f"/legislation/{project.pk}/").status_code, 404)
        commented = self.commented(title="另一个")
        with on("2026-04-02"):
            self.assertEqual(self.client.get(f"/legislation/{commented.pk}/").status_code, 404)
