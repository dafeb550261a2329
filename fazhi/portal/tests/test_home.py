"""/: the public home page links every public section."""

from __future__ import annotations

from django.test import TestCase


class HomePageTests(TestCase):
    def test_the_home_page_links_each_public_section(self) -> None:
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        for path, title in (
            ("/policies/", "政策文件库"),
            ("/decisions/", "重大行政决策"),
            ("/inspections/", "双随机抽查结果"),
            ("/enforcement/", "行政执法公示"),
            ("/transparency/", "公开透明"),
        ):
            with self.subTest(path=path):
                self.assertContains(response, f'<h2><a href="{path}">{title}</a></h2>', html=True)
