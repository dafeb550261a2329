"""The public item list /inspections/items/ a page at a time, and the first items on the
overview /inspections/ with the count of all."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from fazhi.inspections import public_views
from fazhi.inspections.models import InspectionItem
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import HGR, make_item

ITEMS = reverse("public_inspections:items")
INDEX = reverse("public_inspections:index")


class PublicItemPageTests(InspectionTestCase):
    def setUp(self) -> None:
        super().setUp()
        make_item(self.reviewer, domain=HGR)
        make_item(self.reviewer, published=False)
        make_item(self.reviewer)
        make_item(self.reviewer)
        self.published = list(
            InspectionItem.objects.filter(published=True)
            .order_by("domain", "pk")
            .values_list("pk", flat=True)
        )

    @mock.patch.object(public_views, "ITEMS_PAGE_SIZE", 2)
    def test_the_list_is_paged_and_numbered_across_pages(self) -> None:
        first = self.client.get(ITEMS)
        second = self.client.get(ITEMS, {"page": "2"})
        self.assertEqual([i.pk for i in first.context["items"]], self.published[:2])
        self.assertEqual([i.pk for i in second.context["items"]], self.published[2:4])
        self.assertContains(first, 'href="?page=2" rel="next"')
        self.assertContains(second, '<td class="num">3</td>', html=True)

    @mock.patch.object(public_views, "ITEMS_PAGE_SIZE", 2)
    def test_a_page_that_is_not_one_gives_the_first_and_one_past_the_end_the_last(self) -> None:
        self.assertEqual(self.client.get(ITEMS, {"page": "abc"}).context["page"].number, 1)
        last = self.client.get(ITEMS, {"page": "99"})
        self.assertEqual(last.status_code, 200)
        self.assertEqual(last.context["page"].number, 2)

    @mock.patch.object(public_views, "INDEX_ITEMS", 2)
    def test_the_overview_lists_the_first_items_and_says_how_many_there_are(self) -> None:
        response = self.client.get(INDEX)
        self.assertEqual([i.pk for i in response.context["items"]], self.published[:2])
        self.assertContains(response, f"共 {len(self.published)} 项，此处列出前 2 项。")
        self.assertContains(response, f'href="{ITEMS}"')
