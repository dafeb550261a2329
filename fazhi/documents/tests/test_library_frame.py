"""The library page for a visitor comes from its frame (library_page.framed): byte for byte the
page the template writes whole, rendered once (then no template is rendered at all); a signed-in user's page, or one with a message
waiting, is rendered whole."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fazhi.documents import library_page
from fazhi.documents.tests.test_library import LibraryTestCase

URLS = [
    "/policies/",
    "/policies/?q=%E5%8A%9E%E6%B3%95",
    "/policies/?q=%3Cb%3E%22x%22%26y&year=abc",
    "/policies/?q=%E5%A4%87%E6%A1%88&year=2025&status=in_force&page=1",
    "/policies/?status=repealed&page=99",
    "/policies/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8",
]


class FrameTests(LibraryTestCase):
    def setUp(self) -> None:
        library_page._FRAMES.clear()

    def whole(self, url: str, **headers: Any) -> bytes:
        """The page rendered whole: a session cookie (of no session) rules the frame out."""
        self.client.cookies[settings.SESSION_COOKIE_NAME] = "none"
        try:
            response = self.client.get(url, headers=headers)
        finally:
            del self.client.cookies[settings.SESSION_COOKIE_NAME]
        self.assertIn("documents/library/index.html", [t.name for t in response.templates])
        return bytes(response.content)

    def test_a_visitors_page_is_the_page_rendered_whole(self) -> None:
        for language in ("zh-hans", "en"):
            for url in URLS:
                with self.subTest(url=url, language=language):
                    headers = {"accept-language": language}
                    first = self.client.get(url, headers=headers)
                    again = self.client.get(url, headers=headers)
                    self.assertEqual(first.status_code, 200)
                    self.assertEqual(first.content, self.whole(url, **headers))
                    self.assertEqual(again.content, first.content)
                    # The second time, no template is rendered.
                    self.assertEqual(again.templates, [])
        self.assertIn(
            b'value="/policies/?q=%3Cb%3E%22x%22%26y&amp;year=abc"', self.client.get(URLS[2]).content
        )

    def test_the_frame_follows_the_language_and_the_address(self) -> None:
        chinese = self.client.get("/policies/", {"q": "办法"}).content.decode()
        english = self.client.get(
            "/policies/", {"q": "办法"}, headers={"accept-language": "en"}
        ).content.decode()
        self.assertIn("政策文件库", chinese)
        self.assertNotIn("政策文件库 ·", english)
        self.assertIn('value="/policies/?q=%E5%8A%9E%E6%B3%95"', chinese)
        other = self.client.get("/policies/", {"q": "备案"}).content.decode()
        self.assertIn('value="/policies/?q=%E5%A4%87%E6%A1%88"', other)
        self.assertNotIn('value="/policies/?q=%E5%8A%9E%E6%B3%95"', other)

    def test_a_signed_in_user_gets_the_page_rendered_whole(self) -> None:
        self.client.force_login(self.drafter)
        response = self.client.get("/policies/", {"q": "办法"})
        self.assertIn("documents/library/index.html", [t.name for t in response.templates])
        self.assertContains(response, 'id="staff-menu"')
        self.assertEqual(library_page._FRAMES, {})
