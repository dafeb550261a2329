"""The public complaint pages: the form behind the captcha, honeypot and rate limit, the receipt
code shown once, and the status page opened with the code — which shows the progress, the
decision and the reply, and nothing of the complainant."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from fazhi.complaints import actions
from fazhi.complaints.models import Complaint
from fazhi.complaints.tests.base import ComplaintTestCase, D
from fazhi.complaints.views.public import LOOKUP_FAILURES
from fazhi.core import captcha

NEW = "/complaints/new/"
STATUS = "/complaints/status/"
SECRET = "我的邻居张三在科技局工作"


class PublicFormTests(ComplaintTestCase):
    def setUp(self) -> None:
        cache.clear()  # the rate limits live in the cache, which outlives a test

    def challenge(self) -> tuple[str, int]:
        response = self.client.get(NEW)
        self.assertEqual(response.status_code, 200)
        key = response.context["challenge"].key
        answer = captcha.answer_for(self.client.session, key)
        assert answer is not None
        return key, answer

    def file(self, **extra: Any) -> Any:
        key, answer = self.challenge()
        data = {
            "kind": "complaint",
            "subject": "执法人员未出示证件",
            "content": SECRET,
            "contact_name": "赵六",
            "contact_phone": "13700000000",
            "captcha_key": key,
            "captcha_answer": str(answer),
        }
        data.update(extra)
        return self.client.post(NEW, data)

    def test_the_pages_are_public_and_in_the_public_menu(self) -> None:
        response = self.client.get("/complaints/")
        self.assertContains(response, "执法投诉举报")
        self.assertContains(response, 'href="/complaints/"')
        self.assertEqual(self.client.get(NEW).status_code, 200)

    def test_the_form_reads_in_english(self) -> None:
        response = self.client.get(NEW, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "File a complaint or report")
        self.assertContains(response, "Complain anonymously")

    def test_a_citizen_files_and_gets_the_receipt_code_once(self) -> None:
        response = self.file()
        self.assertEqual(response.status_code, 200)
        code = response.context["code"]
        self.assertContains(response, code)
        complaint = Complaint.objects.get()
        self.assertEqual((complaint.status, complaint.contact_name), ("submitted", "赵六"))
        self.assertNotIn(code, str(Complaint.objects.values().get()))

    def test_a_wrong_captcha_answer_keeps_the_text_and_saves_nothing(self) -> None:
        key, answer = self.challenge()
        response = self.client.post(
            NEW,
            {
                "kind": "complaint",
                "subject": "事由",
                "content": SECRET,
                "captcha_key": key,
                "captcha_answer": str(answer + 1),
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "验证题答案不正确", status_code=400)
        self.assertContains(response, SECRET, status_code=400)
        self.assertFalse(Complaint.objects.exists())

    def test_an_anonymous_form_with_contact_details_is_refused_next_to_the_field(self) -> None:
        response = self.file(anonymous="on")
        self.assertEqual(response.status_code, 400)
        self.assertIn("匿名投诉举报不填写姓名和联系方式", response.context["form"].errors["anonymous"][0])
        self.assertFalse(Complaint.objects.exists())

    def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept(self) -> None:
        response = self.file(website="http://spam.example")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Complaint.objects.exists())

    def test_an_address_is_limited_to_five_complaints_an_hour(self) -> None:
        for _ in range(5):
            self.assertEqual(self.file().status_code, 200)
        response = self.file()
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "提交过于频繁", status_code=429)
        self.assertEqual(Complaint.objects.count(), 5)


class StatusPageTests(ComplaintTestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_the_code_shows_the_progress_and_the_reply_but_nothing_of_the_complainant(self) -> None:
        complaint, code = actions.submit_public_complaint(
            kind="complaint",
            subject="执法人员未出示证件",
            content=SECRET,
            contact_name="赵六",
            contact_phone="13700000000",
        )
        response = self.client.post(STATUS, {"code": code})
        self.assertContains(response, "已收到，待登记")
        actions.register_complaint(complaint, actor=self.reviewer)
        self.accepted(complaint, decided_on=D(2026, 11, 10), notice="已受理，交基础研究处办理。")
        self.answered(complaint)
        response = self.client.post(STATUS, {"code": code.lower().replace("-", " ")})
        self.assertContains(response, "已办结答复")
        self.assertContains(response, "已受理，交基础研究处办理。")
        self.assertContains(response, "已要求今后检查时向在场人员说明身份")
        for private in ("赵六", "13700000000", SECRET, "执法人员未出示证件", "调取执法记录仪视频"):
            self.assertNotContains(response, private)

    def test_a_wrong_code_finds_nothing_and_guessing_is_rate_limited(self) -> None:
        for _ in range(LOOKUP_FAILURES.limit):
            response = self.client.post(STATUS, {"code": "0000-0000-0000-0000-0000"})
            self.assertEqual(response.status_code, 404)
            self.assertContains(response, "未找到与该查询码对应的投诉举报", status_code=404)
        _complaint, code = actions.submit_public_complaint(kind="complaint", subject="s", content="c")
        response = self.client.post(STATUS, {"code": code})
        self.assertEqual(response.status_code, 429)

    def test_the_status_is_not_asked_by_address(self) -> None:
        response = self.client.get(STATUS)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("complaint", response.context)
