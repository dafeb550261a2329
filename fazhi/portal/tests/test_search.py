"""The site-wide search /search/: one query over the policies, the published major decisions,
the inspection results and the enforcement publicity, grouped by kind, in the header of every
public page — and nothing the public pages do not show (a natural person's name is masked
there, so it is never matched)."""

from __future__ import annotations

from collections.abc import Sequence
from unittest import mock

import time_machine
from django.test import SimpleTestCase, TestCase
from django.utils.safestring import SafeString

from fazhi.core import sitesearch
from fazhi.core.sitesearch import Hit, Source, marked
from fazhi.demo.data import load_demo
from fazhi.enforcement.models import EnforcementCase
from fazhi.inspections.models import InspectionTask


def fake_source(found: int) -> Source:
    def search(terms: Sequence[str], q: str, limit: int) -> tuple[list[Hit], int]:
        hits = [
            Hit(title=marked(f"<b>{q}</b> 第{i}条", terms), url=f"/x/{i}/") for i in range(min(found, limit))
        ]
        return hits, found

    return Source(order=1, key="fake", label="测试来源", search=search, more_url=lambda q: f"/x/?q={q}")


class SearchRegistryTests(SimpleTestCase):
    def test_an_empty_query_searches_nothing(self) -> None:
        self.assertEqual(sitesearch.search_all("   "), [])

    def test_a_query_longer_than_the_limit_is_refused_not_cut(self) -> None:
        sitesearch.terms_of("法" * sitesearch.MAX_QUERY_CHARS)
        with self.assertRaises(sitesearch.QueryTooLong):
            sitesearch.terms_of("法" * (sitesearch.MAX_QUERY_CHARS + 1))

    def test_words_are_split_at_spaces_each_once(self) -> None:
        self.assertEqual(sitesearch.terms_of(" 科技  计划 科技 Plan plan "), ["科技", "计划", "Plan"])

    def test_the_terms_are_marked_and_everything_else_escaped(self) -> None:
        self.assertEqual(
            str(marked("<科技>计划 PLAN", ["科技", "plan"])),
            "&lt;<mark>科技</mark>&gt;计划 <mark>PLAN</mark>",
        )
        self.assertIsInstance(marked("x", []), SafeString)

    def test_a_group_links_to_all_its_hits_only_when_it_shows_fewer(self) -> None:
        with mock.patch.dict(sitesearch._SOURCES, {"fake": fake_source(12)}, clear=True):
            [group] = sitesearch.search_all("科技")
            self.assertEqual((len(group.hits), group.total, group.more_url), (10, 12, "/x/?q=科技"))
        with mock.patch.dict(sitesearch._SOURCES, {"fake": fake_source(3)}, clear=True):
            [group] = sitesearch.search_all("科技")
            self.assertEqual((len(group.hits), group.total, group.more_url), (3, 3, None))

    def test_every_kind_the_portal_publishes_is_registered_in_order(self) -> None:
        self.assertEqual(
            [source.key for source in sitesearch.sources()],
            ["policies", "decisions", "inspection_results", "enforcement"],
        )


class SearchPageTests(TestCase):
    def test_the_header_of_every_public_page_has_the_search_box(self) -> None:
        for url in ("/", "/policies/", "/decisions/", "/inspections/", "/enforcement/", "/transparency/"):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), 'action="/search/" role="search"')

    def test_an_empty_query_asks_for_words(self) -> None:
        response = self.client.get("/search/?q=")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "请输入要查找的词语")
        self.assertEqual(response.context["groups"], [])

    def test_a_query_too_long_is_refused_with_the_reason_next_to_the_box(self) -> None:
        response = self.client.get("/search/", {"q": "法" * 101})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "搜索词不能超过 100 个字（现为 101 个字）", status_code=400)
        self.assertContains(response, 'aria-invalid="true"', status_code=400)

    def test_nothing_found_says_so(self) -> None:
        response = self.client.get("/search/", {"q": "没有这样的词"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "没有找到与“没有这样的词”相关的公开信息")

    def test_the_query_is_escaped(self) -> None:
        response = self.client.get("/search/", {"q": "<script>alert(1)</script>"})
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;")

    def test_the_page_reads_in_english(self) -> None:
        self.client.cookies["django_language"] = "en"
        response = self.client.get("/search/", {"q": "法" * 101})
        self.assertContains(response, "Site search", status_code=400)
        self.assertContains(response, "at most 100 characters", status_code=400)


@time_machine.travel("2026-06-16 10:00 +08:00", tick=False)
class SearchOnTheDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def groups(self, q: str) -> dict[str, sitesearch.Group]:
        return {group.source.key: group for group in sitesearch.search_all(q)}

    def test_one_query_finds_policies_decisions_results_and_enforcement_decisions(self) -> None:
        found = self.groups("科技")
        self.assertGreater(found["policies"].total, 0)
        self.assertGreater(found["decisions"].total, 0)
        response = self.client.get("/search/", {"q": "科技"})
        self.assertEqual(response.status_code, 200)
        first = found["policies"].hits[0]
        self.assertContains(response, f'href="{first.url}"')
        self.assertContains(response, "<mark>科技</mark>")
        case = (
            EnforcementCase.objects.published()
            .filter(withdrawn_on__isnull=True)
            .exclude(decision_number="")
            .first()
        )
        assert case is not None
        self.assertEqual(
            self.groups(case.decision_number)["enforcement"].hits[0].url, f"/enforcement/{case.pk}/"
        )
        task = InspectionTask.objects.published().filter(entity__is_natural_person=False).first()
        assert task is not None
        results = self.groups(task.entity.name)["inspection_results"]
        self.assertIn(f"?plan={task.plan_id}", results.hits[0].url)

    def test_every_word_must_be_found(self) -> None:
        both = self.groups("科技 没有这样的词")
        self.assertEqual(sum(group.total for group in both.values()), 0)

    def test_a_natural_persons_name_masked_on_the_public_pages_is_never_matched(self) -> None:
        people = list(
            EnforcementCase.objects.published()
            .filter(party_kind=EnforcementCase.PartyKind.PERSON)
            .values_list("party_name", flat=True)
        ) + list(
            InspectionTask.objects.published()
            .filter(entity__is_natural_person=True)
            .values_list("entity__name", flat=True)
        )
        self.assertTrue(people, "the demo publishes cases or results of natural persons")
        for name in people:
            with self.subTest(name=name):
                found = self.groups(name)
                self.assertEqual((found["enforcement"].total, found["inspection_results"].total), (0, 0))
