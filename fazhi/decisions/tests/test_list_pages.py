"""The decision lists a page at a time: the public catalog's matters, a catalog's table for the
staff and the expert pool; page 2, and a bad page number answered with a page as every list."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from fazhi.decisions import public_views
from fazhi.decisions.experts import save_expert
from fazhi.decisions.models import DecisionExpert
from fazhi.decisions.tests.test_public import PublicTestCase
from fazhi.decisions.views import catalogs, experts

PUBLIC_CATALOG = "/decisions/catalogs/2026/"
EXPERTS = reverse("decisions:experts")


class CatalogPageTests(PublicTestCase):
    @mock.patch.object(public_views, "CATALOG_PAGE_SIZE", 2)
    def test_the_public_catalog_shows_its_matters_a_page_at_a_time(self) -> None:
        kept, dropped, added, _v2 = self.catalog_with_adjustment()
        first = self.client.get(PUBLIC_CATALOG)
        second = self.client.get(PUBLIC_CATALOG, {"page": "2"})
        self.assertEqual([e.decision for e in first.context["page"]], [kept, dropped])
        self.assertEqual([e.decision for e in second.context["page"]], [added])
        self.assertContains(second, '<td class="num">3</td>')  # numbered on from the page before
        self.assertContains(first, 'href="?page=2" rel="next"')
        # The versions and their changes are not paged: both pages show the whole history.
        for response in (first, second):
            self.assertContains(response, "年中调整：基础研究方案并入规划")
        for bad in ("abc", "0", "-1"):
            with self.subTest(page=bad):
                page = self.client.get(PUBLIC_CATALOG, {"page": bad}).context["page"]
                self.assertEqual(page.number, 1 if bad == "abc" else 2)
        self.assertEqual(self.client.get(PUBLIC_CATALOG, {"page": "99"}).context["page"].number, 2)

    @mock.patch.object(catalogs, "ENTRIES_PAGE_SIZE", 2)
    def test_a_catalogs_table_for_the_staff_shows_a_page_and_counts_them_all(self) -> None:
        kept, dropped, added, v2 = self.catalog_with_adjustment()
        self.login(self.reviewer)
        url = reverse("decisions:catalog_detail", args=[v2.pk])
        first = self.client.get(url)
        second = self.client.get(url, {"page": "2"})
        self.assertEqual([e.decision for e in first.context["entries"]], [kept, dropped])
        self.assertEqual([e.decision for e in second.context["entries"]], [added])
        for response in (first, second):
            self.assertContains(response, "共 2 个事项")  # the matters listed, on every page
        self.assertContains(second, "<td>3</td>")
        self.assertEqual(self.client.get(url, {"page": "abc"}).context["page"].number, 1)


@mock.patch.object(experts, "PAGE_SIZE", 2)
class ExpertPageTests(PublicTestCase):
    def test_the_expert_pool_is_paged_and_an_edit_link_keeps_the_page(self) -> None:
        for name in ["钱教授", "孙研究员", "李工程师"]:
            save_expert(None, actor=self.reviewer, name=name, organization="天津大学", field="科技管理")
        retired = save_expert(
            None, actor=self.reviewer, name="赵教授", organization="南开大学", field="法学", is_active=False
        )
        pool = list(DecisionExpert.objects.order_by("-is_active", "name", "pk").values_list("pk", flat=True))
        self.assertEqual(pool[-1], retired.pk)  # those in the pool first, by name
        self.login(self.reviewer)
        last = (len(pool) + 1) // 2
        pages = [self.client.get(EXPERTS, {"page": str(n)}) for n in range(1, last + 1)]
        shown = [[e.pk for e in response.context["page"]] for response in pages]
        self.assertEqual(shown, [pool[i : i + 2] for i in range(0, len(pool), 2)])
        self.assertContains(pages[0], f"共 {len(pool)} 名专家")
        self.assertContains(pages[-1], f'href="?page={last}&amp;edit={retired.pk}#expert-form"')
        self.assertEqual(self.client.get(EXPERTS, {"page": "abc"}).context["page"].number, 1)
