"""The complaint form's captcha fieldset is the shared one (core/_captcha.html) with the
complaints' own image and help line, in Chinese and in English."""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse


class CaptchaFieldsetTests(TestCase):
    def test_the_image_and_the_help_line_are_the_complaints_own(self) -> None:
        html = self.client.get(reverse("public_complaints:new")).content.decode()
        self.assertIn('<img src="/complaints/captcha/', html)
        self.assertIn(
            '<p class="help">每道题只能作答一次；答错或过期时会换一道新题，已填写的内容保留。</p>', html
        )

    def test_the_help_line_is_translated(self) -> None:
        self.client.cookies.load({"django_language": "en"})
        html = self.client.get(reverse("public_complaints:new"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertNotIn("每道题只能作答一次", html)
