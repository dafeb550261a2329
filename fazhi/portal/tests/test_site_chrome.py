"""What every page carries: the site icon and a language menu each reader can read."""

from __future__ import annotations

from django.test import TestCase


class SiteChromeTests(TestCase):
    def test_favicon_ico_is_an_icon_any_browser_can_fetch_and_cache(self) -> None:
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/vnd.microsoft.icon")
        self.assertIn("max-age=86400", response["Cache-Control"])
        body = b"".join(response.streaming_content)
        self.assertEqual(body[:4], b"\x00\x00\x01\x00")  # the ICO header: reserved 0, type 1 (icon)
        self.assertContains(self.client.get("/"), 'rel="icon"', count=2)

    def test_each_language_is_named_in_itself_whatever_the_page_language(self) -> None:
        for language in ("zh-hans", "en"):
            with self.subTest(language=language):
                self.client.cookies["django_language"] = language
                response = self.client.get("/")
                self.assertContains(response, '<option value="en" lang="en"')
                self.assertContains(response, ">English</option>")
                self.assertContains(response, ">简体中文</option>")
                self.assertNotContains(response, "英语")
                self.assertNotContains(response, "Simplified Chinese")
