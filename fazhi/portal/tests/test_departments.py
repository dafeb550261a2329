"""The city portal (issue 12): every department on the home page, each department's own entry
page /d/<code>/, the header's name, and the site search's department filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unittest import mock

from django.test import override_settings

from fazhi.core import publiclists, sitesearch
from fazhi.core.sitesearch import Hit, Source
from fazhi.core.testing import BaseTestCase, make_department


class PortalDepartmentsTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.commission.agency.portal_intro = "天津市教育委员会依法行政信息公开。"
        cls.commission.agency.save()

    def test_the_home_page_lists_every_department_with_its_entry_page_and_filters(self) -> None:
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<a href="/d/tjkjj/">天津市科学技术局</a>', html=True)
        self.assertContains(response, '<a href="/d/tjjw/">天津市教育委员会</a>', html=True)
        self.assertContains(response, 'href="/policies/?dept=tjjw"')
        self.assertContains(response, 'href="/enforcement/?dept=tjkjj"')
        # Justice bureaus are not departments of the portal.
        self.assertNotContains(response, "/d/tjsfj/")

    @override_settings(FAZHI_PORTAL_NAME="滨海市法治政府信息公开平台")
    def test_the_city_pages_carry_the_portals_name(self) -> None:
        response = self.client.get("/")
        self.assertContains(response, "<h1>滨海市法治政府信息公开平台</h1>", html=True)
        self.assertContains(response, "<small data-site-name>滨海市法治政府信息公开平台</small>", html=True)

    def test_the_default_portal_name(self) -> None:
        response = self.client.get("/transparency/")
        self.assertContains(response, "<small data-site-name>法治政府建设信息公开平台</small>", html=True)
        self.assertNotContains(response, "天津市科学技术局")

    def test_a_departments_entry_page_reads_as_its_site(self) -> None:
        response = self.client.get("/d/tjjw/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>天津市教育委员会</h1>", html=True)
        self.assertContains(response, "<small data-site-name>天津市教育委员会</small>", html=True)
        self.assertContains(response, "天津市教育委员会依法行政信息公开。")
        for path in ("/policies/", "/decisions/", "/inspections/", "/enforcement/"):
            with self.subTest(path=path):
                self.assertContains(response, f'href="{path}?dept=tjjw"')
        self.assertContains(response, '<input type="hidden" name="dept" value="tjjw">', html=True)
        self.assertNotContains(response, "天津市科学技术局")

    def test_an_unknown_code_or_a_justice_bureau_is_not_found(self) -> None:
        self.assertEqual(self.client.get("/d/nosuch/").status_code, 404)
        self.assertEqual(self.client.get("/d/tjsfj/").status_code, 404)
        self.assertEqual(self.client.get(f"/d/{self.commission.division.code}/").status_code, 404)

    def test_a_registered_list_shows_the_departments_latest_records(self) -> None:
        asked: list[Any] = []

        def latest(agency: Any, limit: int) -> list[publiclists.Entry]:
            asked.append((agency.code, limit))
            return [
                publiclists.Entry(
                    title=f"{agency.short_name}政策一", url="/policies/1/", detail="津教规〔2026〕1号"
                )
            ]

        publiclists.register(
            publiclists.PublicList(key="test.policies", url_name="library:index", latest=latest)
        )
        try:
            response = self.client.get("/d/tjjw/")
        finally:
            publiclists.unregister("test.policies")
        self.assertEqual(asked, [("tjjw", 5)])
        self.assertContains(response, '<a href="/policies/1/">市教委政策一</a>', html=True)
        self.assertContains(response, "津教规〔2026〕1号")


def _fake_sources() -> tuple[dict[str, Source], list[Any]]:
    seen: list[Any] = []

    def by_department(
        terms: Sequence[str], q: str, limit: int, department: Any = None
    ) -> tuple[list[Hit], int]:
        seen.append(department.code if department else None)
        return [Hit(title=sitesearch.marked(f"{q} 文件", terms), url="/x/")], 5

    def everywhere(terms: Sequence[str], q: str, limit: int) -> tuple[list[Hit], int]:
        return [Hit(title=sitesearch.marked(f"{q} 决定", terms), url="/y/")], 1

    sources = {
        "a": Source(order=1, key="a", label="甲栏目", search=by_department, more_url=lambda q: f"/x/?q={q}"),
        "b": Source(order=2, key="b", label="乙栏目", search=everywhere),
    }
    return sources, seen


class SearchDepartmentFilterTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()

    def test_the_department_is_passed_to_the_sources_that_take_it(self) -> None:
        sources, seen = _fake_sources()
        with mock.patch.dict(sitesearch._SOURCES, sources, clear=True):
            response = self.client.get("/search/", {"q": "科技", "dept": "tjjw"})
        self.assertEqual(seen, ["tjjw"])
        self.assertEqual([g.source.key for g in response.context["groups"]], ["a"])
        self.assertContains(response, 'id="search-unfiltered"')
        self.assertContains(response, "乙栏目")
        self.assertContains(response, '<option value="tjjw" selected>天津市教育委员会</option>', html=True)

    def test_without_a_department_every_source_answers(self) -> None:
        sources, seen = _fake_sources()
        with mock.patch.dict(sitesearch._SOURCES, sources, clear=True):
            response = self.client.get("/search/", {"q": "科技"})
        self.assertEqual(seen, [None])
        self.assertEqual([g.source.key for g in response.context["groups"]], ["a", "b"])
        self.assertNotContains(response, 'id="search-unfiltered"')

    def test_the_more_link_keeps_the_department(self) -> None:
        sources, _seen = _fake_sources()
        with mock.patch.dict(sitesearch._SOURCES, sources, clear=True):
            groups = sitesearch.search_all("科技", limit=0, department=self.commission.agency)
        self.assertEqual(groups[0].more_url, "/x/?q=科技&dept=tjjw")
